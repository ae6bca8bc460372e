"""The command line: a thin shell that parses, dispatches and turns errors into exit codes.

Exit codes: 0 everything went through, 1 some inputs were rejected (the rest was processed),
2 a usage or store error.
"""
from __future__ import annotations

import json
import logging
import sys
from importlib import resources
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from . import ingest as _ingest
from .cli_output import ReportFormat, RowFormat, print_rows, summary
from .deadline import TIME_LIMIT
from .errors import DatelineError, InputError
from .store import DEFAULT_DB, Store, contains, is_postgres, where_sql as _where

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None, pretty_exceptions_enable=False,
                  help="dateline: reads conflict news the way an analyst does.")
err = Console(stderr=True, highlight=False)

DbOpt = typer.Option(DEFAULT_DB, "--db", help="DuckDB file of the store, or a PostgreSQL URL "
                     "(postgresql://user:password@host:5432/dbname; needs dateline[postgres]).")
FmtOpt = typer.Option(RowFormat.table, "--format", "-f", help="Output format.")
LimitOpt = typer.Option(50, "--limit", help="Most rows to show.")
PublishedOpt = typer.Option(None, "--published", help="Publication date YYYY-MM-DD for inputs that carry none.")


def _say(message: str) -> None:
    """One line on standard error, never wrapped (rich would wrap it)."""
    print(message, file=sys.stderr, flush=True)


def _reject(e: InputError) -> None:
    _say(f"dateline: rejected {e}")


def _check_published(published: str | None) -> str | None:
    if published is None:
        return None
    value = _ingest.normalize_date(published)
    if value is None:
        raise typer.BadParameter(f"{published!r} is not a date YYYY-MM-DD", param_hint="--published")
    return value


def _pipeline(time_limit: float | None = None):
    """The pipeline; ``time_limit`` seconds an article (0: none; None: the default)."""
    from .pipeline import Pipeline  # spaCy loads only for commands that analyze

    if time_limit is None:
        return Pipeline()
    if time_limit < 0:
        raise typer.BadParameter(f"{time_limit:g} is below 0", param_hint="--time-limit")
    return Pipeline(time_limit=time_limit or None)


@app.command()
def analyze(paths: list[str] = typer.Argument(..., help="Files, directories, .jsonl, or - for standard input."),
            published: Optional[str] = PublishedOpt,
            format: ReportFormat = typer.Option(ReportFormat.json, "--format", "-f", help="json, jsonl or text."),
            batch_size: int = typer.Option(16, "--batch-size", help="Articles per spaCy batch."),
            time_limit: float = typer.Option(TIME_LIMIT, "--time-limit", help="Seconds one article may take "
                                             "before it is rejected (0: no limit).")) -> None:
    """Analyze articles and print one report per article.

    Example: dateline analyze ../shared/seed/article.txt --published 2024-01-25 --format text
    """
    pub = _check_published(published)
    nlp = _pipeline(time_limit)
    failed = 0
    reports = []
    for item in nlp.analyze_items(_ingest.read(paths, published=pub), batch_size=batch_size):
        if isinstance(item, InputError):
            failed += 1
            _reject(item)
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
def demo(db: str = typer.Option("dateline-demo.duckdb", "--db", help="DuckDB file to create or extend.")) -> None:
    """Analyze the bundled sample articles into an embedded store and show what was found.

    Example: dateline demo
    """
    samples = resources.files("dateline").joinpath("data/samples")
    paths = sorted(str(p) for p in Path(str(samples)).iterdir() if p.suffix in (".jsonl", ".html", ".txt"))
    pipeline = _pipeline()
    with _open_store(db) as store:
        new, seen, failed = ingest_into(store, _ingest.read(paths), pipeline, 16)
        counts = store.counts()
        print(f"dateline demo: {new} sample articles analyzed ({seen} were stored already) into {db}")
        print("found: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
        for title, sql in _DEMO_VIEWS:
            rows = store.query(sql)
            if rows:
                print_rows(rows, RowFormat.table, title=title)
    print(f"\nQuery it: dateline events --db {db}   |   dateline quotes --speaker NAME --db {db}\n"
          f"or in SQL: {'psql' if is_postgres(db) else 'duckdb'} {db} "
          f"\"SELECT type, source, target, place, date FROM events\"")
    from .api import serve_hint

    print(serve_hint(db))
    raise typer.Exit(1 if failed else 0)


_DEMO_VIEWS = [
    ("a few quotes", "SELECT speaker, kind, left(content, 70) AS content FROM quotes "
                     "WHERE speaker IS NOT NULL AND length(content) > 40 ORDER BY article_id, start LIMIT 6"),
    ("a few events", "SELECT type, source, target, place, date, fatalities FROM events "
                     "WHERE NOT negated AND source IS NOT NULL AND target IS NOT NULL "
                     "ORDER BY fatalities DESC NULLS LAST, date DESC LIMIT 8"),
    ("places", "SELECT name, country, round(lat, 3) AS lat, round(lon, 3) AS lon, count(*) AS mentions FROM places "
               "WHERE NOT metonymy AND lat IS NOT NULL GROUP BY 1, 2, 3, 4 ORDER BY mentions DESC LIMIT 8"),
]


def _task_lines(path: str, fields: dict[str, type], need: str) -> tuple[list[dict], int]:
    """The lines of a JSONL task file ('-' for standard input) that carry ``fields`` of the given types.

    Malformed or incomplete lines are rejected one by one, naming file and line; returns the good
    lines and how many were rejected."""
    if path != "-" and not Path(path).exists():
        _say(f"dateline: {path}: no such file")
        raise typer.Exit(2)
    good, failed = [], 0
    fh = sys.stdin if path == "-" else open(path, encoding="utf-8")
    with fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                problem = None if isinstance(obj, dict) and all(isinstance(obj.get(k), t) for k, t in fields.items()) \
                    else f"needs {need}"
            except json.JSONDecodeError as exc:
                problem = f"malformed JSON ({exc})"
            if problem:
                failed += 1
                _reject(InputError(f"{path}:{n}", problem))
            else:
                good.append(obj)
    return good, failed


@app.command()
def geocode(path: str = typer.Argument(..., help="JSONL of {id, text, toponyms: [{start, end}]}, or -.")) -> None:
    """Resolve given place spans to coordinates (the gold-span protocol), one output line per input line.

    Example: dateline geocode toponyms.jsonl > places.jsonl
    """
    from .geocode import geocode_lines

    good, failed = _task_lines(path, {"text": str, "toponyms": list}, "'text' and a 'toponyms' list")
    for out in geocode_lines(good):
        print(json.dumps(out, ensure_ascii=False))
    raise typer.Exit(1 if failed else 0)


@app.command()
def stance(path: str = typer.Argument(..., help="JSONL of {id, claim, text}, or -."),
           train: Optional[Path] = typer.Option(None, "--train", help="FNC-1 style training JSONL "
                                                "(default ../shared/eval/stance/train.jsonl).")) -> None:
    """Say whether each article body agrees with, disagrees with, discusses, or is unrelated to its claim.

    Example: dateline stance pairs.jsonl --train ../shared/eval/stance/train.jsonl > stances.jsonl
    """
    from .link.stance import predict_lines

    good, failed = _task_lines(path, {"claim": str, "text": str}, "'claim' and 'text' strings")
    try:
        for out in predict_lines(good, train_path=train):
            print(json.dumps(out, ensure_ascii=False))
    except DatelineError as exc:
        _say(f"dateline: {exc}")
        raise typer.Exit(2)
    raise typer.Exit(1 if failed else 0)


@app.command()
def schema() -> None:
    """Print the JSON Schema of a report."""
    from .schema import report_schema

    print(json.dumps(report_schema(), indent=1))


def _open_store(db: str, read_only: bool = False) -> Store:
    if read_only and db != ":memory:" and not is_postgres(db) and not Path(db).exists():
        _say(f"dateline: no store at {db} (run dateline ingest or dateline demo first)")
        raise typer.Exit(2)
    try:
        return Store(db, read_only=read_only)
    except DatelineError as exc:
        _say(f"dateline: {exc}")
        raise typer.Exit(2)


def _list(db: str, sql: str, params: list, fmt: RowFormat, title: str) -> None:
    with _open_store(db, read_only=True) as store:
        print_rows(store.query(sql, params), fmt, title=title)


@app.command()
def articles(db: str = DbOpt, search: Optional[str] = typer.Option(None, "--search", help="Text to find."),
             format: RowFormat = FmtOpt, limit: int = LimitOpt) -> None:
    """List stored articles. Example: dateline articles --search Anbar"""
    sql = "SELECT id, title, published, source FROM articles"
    params: list = []
    if search:
        sql += " WHERE text ILIKE ? ESCAPE '\\'"
        params.append(contains(search))
    _list(db, sql + " ORDER BY published DESC NULLS LAST, id LIMIT ?", params + [limit], format, "articles")


@app.command()
def entities(db: str = DbOpt, name: Optional[str] = typer.Option(None, "--name", help="Part of a name."),
             type: Optional[str] = typer.Option(None, "--type", help="PERSON, ORG, GPE, ..."),
             format: RowFormat = FmtOpt, limit: int = LimitOpt) -> None:
    """List entities across stored articles. Example: dateline entities --type PERSON"""
    where, params = _where([("name ILIKE ? ESCAPE '\\'", name and contains(name)), ("type = ?", type and type.upper())])
    sql = (f"SELECT name, type, any_value(title) AS title, any_value(country) AS country, "
           f"any_value(sector) AS sector, count(DISTINCT article_id) AS articles, sum(mentions) AS mentions "
           f"FROM entities {where} GROUP BY name, type ORDER BY articles DESC, mentions DESC LIMIT ?")
    _list(db, sql, params + [limit], format, "entities")


@app.command()
def quotes(db: str = DbOpt, speaker: Optional[str] = typer.Option(None, "--speaker", help="Part of the speaker's name."),
           kind: Optional[str] = typer.Option(None, "--kind", help="direct, indirect or mixed."),
           format: RowFormat = FmtOpt, limit: int = LimitOpt) -> None:
    """List quotes, by speaker. Example: dateline quotes --speaker Singh"""
    where, params = _where([("(speaker ILIKE ? ESCAPE '\\' OR speaker_text ILIKE ? ESCAPE '\\')", speaker and (contains(speaker),) * 2),
                            ("kind = ?", kind)])
    sql = f"SELECT article_id, speaker, speaker_title, kind, content FROM quotes {where} ORDER BY article_id, start LIMIT ?"
    _list(db, sql, params + [limit], format, "quotes")


@app.command()
def places(db: str = DbOpt, country: Optional[str] = typer.Option(None, "--country", help="ISO 3166 alpha-2."),
           format: RowFormat = FmtOpt, limit: int = LimitOpt) -> None:
    """List places mentioned, with coordinates. Example: dateline places --country IQ"""
    where, params = _where([("country = ?", country and country.upper()), ("NOT metonymy", True)])
    sql = (f"SELECT name, country, feature, precision, round(lat, 4) AS lat, round(lon, 4) AS lon, "
           f"count(*) AS mentions, count(DISTINCT article_id) AS articles FROM places {where} "
           f"GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY mentions DESC LIMIT ?")
    _list(db, sql, params + [limit], format, "places")


# Commands kept in modules of their own register on ``app`` when imported.
from .cli_corpus import ingest_into  # noqa: E402
from . import cli_service  # noqa: E402,F401


def main() -> None:  # pragma: no cover
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
