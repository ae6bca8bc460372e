"""Corpus commands: ingest into the store (and, as they land, linking and export)."""
from __future__ import annotations

from typing import Optional

import typer

from . import ingest as _ingest
from .cli import DbOpt, PublishedOpt, _check_published, _open_store, _pipeline, _reject, _say, app, err
from .errors import InputError
from .store import Store


def ingest_into(store: Store, items, pipeline, batch_size: int, quiet: bool = False) -> tuple[int, int, int]:
    """Analyze and store; returns (new, already stored, rejected)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    new = seen = failed = 0
    pending: list = []

    def flush() -> None:
        nonlocal new, seen
        if pending:
            added = store.add_reports(pending)
            new += added
            seen += len(pending) - added
            pending.clear()

    def fresh(stream):
        # skip what is stored already before spending time on analysis (idempotent, resumable)
        nonlocal seen, failed
        for item in stream:
            if isinstance(item, InputError) or not store.has(item.text):
                yield item
            else:
                seen += 1

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, disable=quiet or not err.is_terminal) as progress:
        task = progress.add_task("analyzing", total=None)
        for item in pipeline.analyze_items(fresh(items), batch_size=batch_size):
            if isinstance(item, InputError):
                failed += 1
                _reject(item)
            else:
                pending.append((item, None))
                if len(pending) >= batch_size:
                    flush()
            progress.advance(task)
        flush()
    return new, seen, failed


@app.command("ingest")
def ingest_cmd(paths: list[str] = typer.Argument(..., help="Files, directories, .jsonl, or - for standard input."),
               db: str = DbOpt, published: Optional[str] = PublishedOpt,
               batch_size: int = typer.Option(32, "--batch-size", help="Articles analyzed and committed together.")
               ) -> None:
    """Analyze articles and store them; an article stored already (same content) is skipped.

    Example: dateline ingest news/ --db corpus.duckdb
    """
    pub = _check_published(published)
    with _open_store(db) as store:
        new, seen, failed = ingest_into(store, _ingest.read(paths, published=pub), _pipeline(), batch_size)
        _say(f"stored {new} new articles, {seen} already stored, {failed} rejected; "
             f"{store.counts()['articles']} articles in {db}")
    raise typer.Exit(1 if failed else 0)


