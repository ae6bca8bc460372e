"""Commands on articles and files, no store: analyze, geocode, stance, schema."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ..deadline import TIME_LIMIT
from ..errors import DatelineError, InputError
from ..sources import read
from .options import PublishedOpt, app, check_published, load_pipeline, reject, say, task_lines
from .output import ReportFormat, summary


@app.command()
def analyze(
    paths: list[str] = typer.Argument(..., help="Files, directories, .jsonl, or - for standard input."),
    published: str | None = PublishedOpt,
    format: ReportFormat = typer.Option(ReportFormat.json, "--format", "-f", help="json, jsonl or text."),
    batch_size: int = typer.Option(16, "--batch-size", help="Articles per spaCy batch."),
    time_limit: float = typer.Option(
        TIME_LIMIT, "--time-limit", help="Seconds one article may take before it is rejected (0: no limit)."
    ),
) -> None:
    """Analyze articles and print one report per article.

    Example: dateline analyze ../shared/seed/article.txt --published 2024-01-25 --format text
    """
    pub = check_published(published)
    nlp = load_pipeline(time_limit)
    failed = 0
    reports = []
    for item in nlp.analyze_items(read(paths, published=pub), batch_size=batch_size):
        if isinstance(item, InputError):
            failed += 1
            reject(item)
        elif format == ReportFormat.jsonl:
            print(item.to_json(), flush=False)
        elif format == ReportFormat.text:
            print(summary(item))
        else:
            reports.append(item.to_dict())
    if format == ReportFormat.json and reports:
        print(json.dumps(reports[0] if len(reports) == 1 else reports, ensure_ascii=False, indent=1))
    raise typer.Exit(1 if failed else 0)


@app.command()
def geocode(path: str = typer.Argument(..., help="JSONL of {id, text, toponyms: [{start, end}]}, or -.")) -> None:
    """Resolve given place spans to coordinates (the gold-span protocol), one output line per input line.

    Example: dateline geocode toponyms.jsonl > places.jsonl
    """
    from ..resolve.geocode import geocode_lines

    good, failed = task_lines(path, {"text": str, "toponyms": list}, "'text' and a 'toponyms' list")
    for out in geocode_lines(good):
        print(json.dumps(out, ensure_ascii=False))
    raise typer.Exit(1 if failed else 0)


@app.command()
def stance(
    path: str = typer.Argument(..., help="JSONL of {id, claim, text}, or -."),
    train: Path | None = typer.Option(
        None, "--train", help="FNC-1 style training JSONL (default ../shared/eval/stance/train.jsonl)."
    ),
) -> None:
    """Say whether each article body agrees with, disagrees with, discusses, or is unrelated to its claim.

    Example: dateline stance pairs.jsonl --train ../shared/eval/stance/train.jsonl > stances.jsonl
    """
    from ..link.stance import predict_lines

    good, failed = task_lines(path, {"claim": str, "text": str}, "'claim' and 'text' strings")
    try:
        for out in predict_lines(good, train_path=train):
            print(json.dumps(out, ensure_ascii=False))
    except DatelineError as exc:
        say(f"dateline: {exc}")
        raise typer.Exit(2) from None
    raise typer.Exit(1 if failed else 0)


@app.command()
def schema() -> None:
    """Print the JSON Schema of a report."""
    from ..schema import report_schema

    print(json.dumps(report_schema(), indent=1))
