"""Corpus commands: ingest into the store with worker processes, deduplicated events, export."""

from __future__ import annotations

import logging
import time
from concurrent.futures.process import BrokenProcessPool
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any

import typer

from ..engines.local import Ingest, IngestStats, default_workers, open_store
from ..errors import DatelineError
from ..sources import count, read
from ..store import Store, is_postgres
from .options import DbOpt, PublishedOpt, app, check_published, err, load_pipeline, reject, say, store_or_exit
from .output import RowFormat, print_rows

log = logging.getLogger(__name__)


class Engine(StrEnum):
    local = "local"
    ray = "ray"


def ingest_into(
    store: Store,
    items,
    pipeline,
    batch_size: int,
    quiet: bool = False,
    workers: int = 1,
    total: int | None = None,
    recycle: int = 0,
    engine: str = "local",
    address: str | None = None,
    store_url: str | None = None,
    retry_for: float | None = None,
    time_limit: float | None = None,
) -> tuple[int, int, int]:
    """Analyze and store; returns (new, already stored, rejected).

    With ``workers`` > 1 each worker process loads its own pipeline and ``pipeline`` may be None.
    ``engine="ray"`` analyses on Ray (the cluster at ``address``, or a local instance with
    ``workers`` CPUs; ``workers`` 0 on a cluster: one actor per CPU of it); with ``store_url`` (a
    PostgreSQL store's) the actors store their batches themselves.
    A progress bar (articles/s, ETA when ``total`` is known) shows on a terminal; elsewhere a log
    line every 30 seconds."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    shown = not quiet and err.is_terminal
    last_log = [time.monotonic()]
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.1f} articles/s"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err,
        disable=not shown,
    ) as progress:
        task = progress.add_task("ingesting", total=total, rate=0.0)
        started = time.perf_counter()

        def on_progress(stats: IngestStats) -> None:
            elapsed = time.perf_counter() - started
            rate = stats.new / elapsed if elapsed else 0.0
            progress.update(task, completed=stats.done, rate=rate)
            if not shown and not quiet and time.monotonic() - last_log[0] > 30:
                last_log[0] = time.monotonic()
                log.info(
                    "ingest: %d stored, %d seen, %d rejected, %.1f articles/s",
                    stats.new,
                    stats.seen,
                    stats.failed,
                    rate,
                )

        options: dict[str, Any] = {
            "workers": workers,
            "batch_size": batch_size,
            "on_reject": reject,
            "on_progress": on_progress,
            "retry_for": retry_for,
        }
        runner: Ingest
        if engine == "ray":
            from ..engines.ray_data import RayIngest

            runner = RayIngest(store, address=address, store_url=store_url, **options)
        else:
            runner = Ingest(store, pipeline=pipeline, recycle=recycle, time_limit=time_limit, **options)
        stats = runner.run(items)
    return stats.new, stats.seen, stats.failed


@app.command("ingest")
def ingest_cmd(
    paths: list[str] = typer.Argument(
        ..., help="Files, directories, .jsonl(.gz), feeds, WARC, or - for standard input."
    ),
    db: str = DbOpt,
    published: str | None = PublishedOpt,
    workers: int = typer.Option(
        0,
        "--workers",
        "-w",
        help="Worker processes (0: one per core); with --engine ray, actors (0: one per CPU of the cluster).",
    ),
    batch_size: int = typer.Option(32, "--batch-size", help="Articles analyzed and committed together."),
    recycle: int = typer.Option(
        0, "--recycle", help="Replace a worker after it analysed N batches (0: never); bounds memory on very long runs."
    ),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log every committed batch."),
    engine: Engine = typer.Option(
        Engine.local,
        "--engine",
        help="local: worker processes on this machine; ray: Ray actors (pip install 'dateline[ray]').",
    ),
    address: str | None = typer.Option(
        None, "--address", help="Ray cluster to run on (auto, ray://head:10001); default: a local Ray instance."
    ),
    retry_for: float | None = typer.Option(
        None,
        "--retry-for",
        help="Seconds to wait for a store "
        "that is unavailable (locked, server down) before giving "
        "up; default $DATELINE_RETRY_FOR or 60.",
    ),
    time_limit: float | None = typer.Option(
        None, "--time-limit", help="Seconds one article may take before it is rejected (default 30; 0: no limit)."
    ),
) -> None:
    """Analyze articles and store them, linking events and actors across articles.

    An article stored already (same content) is skipped, so after an interruption the same command
    finishes the corpus. Near-duplicates (syndicated copies) are linked to their original.

    With --engine ray the analysis runs as Ray Data batches on a cluster (--address) or on a
    local Ray instance; the driver stores what they return, so the store is the same.

    Example: dateline ingest news/ feeds/world.rss crawl.warc.gz --db corpus.duckdb --workers 4
    """
    pub = check_published(published)
    if address and engine != Engine.ray:
        raise typer.BadParameter("--address is for --engine ray", param_hint="--address")
    if engine == Engine.ray:
        from ..engines.ray_data import RayUnavailable, check

        try:
            check()
        except RayUnavailable as exc:
            say(f"dateline: {exc}")
            raise typer.Exit(2) from None
    if verbose:
        logging.getLogger("dateline").setLevel(logging.INFO)
        if not logging.getLogger().handlers:
            logging.basicConfig(format="%(levelname)s %(name)s: %(message)s")
    n = workers or (0 if address else default_workers())  # 0 on a cluster: all its CPUs
    total = count(paths) if err.is_terminal else None
    if time_limit is not None and time_limit < 0:
        raise typer.BadParameter(f"{time_limit:g} is below 0", param_hint="--time-limit")
    try:
        store = open_store(db, retry_for=retry_for)
    except DatelineError as exc:
        say(f"dateline: {exc}")
        raise typer.Exit(2) from None
    where = store.path  # the password of a PostgreSQL URL masked
    with store:
        pipeline = None
        if n == 1 and engine == Engine.local:
            pipeline = load_pipeline(time_limit)
        try:
            new, seen, failed = ingest_into(
                store,
                read(paths, published=pub),
                pipeline,
                batch_size,
                workers=n,
                total=total,
                recycle=recycle,
                engine=engine.value,
                address=address,
                store_url=db if is_postgres(db) else None,
                retry_for=retry_for,
                time_limit=time_limit,
            )
        except KeyboardInterrupt:
            counts = store.counts()
            say(
                f"dateline: interrupted; {counts['articles']} articles are stored in {where}. "
                "Run the same command again to finish."
            )
            raise typer.Exit(130) from None
        except DatelineError as exc:  # a worker died too often, the disk is full, the store stayed down
            say(f"dateline: {exc}")  # the message says what is stored and what to do
            raise typer.Exit(2) from None
        except BrokenProcessPool:
            counts = store.counts()
            say(
                f"dateline: a worker process died (out of memory?); {counts['articles']} articles are stored in "
                f"{where}. Run the same command again to finish, with fewer --workers if memory is short."
            )
            raise typer.Exit(2) from None
        except Exception as exc:
            if not _ray_failure(exc):
                raise
            if type(exc).__name__ == "RayUnavailable":
                say(f"dateline: {exc}")
                raise typer.Exit(2) from None
            counts = store.counts()
            say(
                f"dateline: Ray failed ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}); "
                f"{counts['articles']} articles are stored in {where}. Run the same command again to finish."
            )
            raise typer.Exit(2) from None
        counts = store.counts()
        say(
            f"stored {new} new articles, {seen} already stored, {failed} rejected; {counts['articles']} articles, "
            f"{counts['linked_events']} events, {counts['actors']} actors, "
            f"{counts['article_duplicates']} near-duplicate articles in {where}"
        )
    raise typer.Exit(1 if failed else 0)


def _ray_failure(exc: Exception) -> bool:
    """An error of Ray's (a lost actor or node, an unreachable cluster), not of ours."""
    from ..engines.ray_data import RayUnavailable

    return isinstance(exc, RayUnavailable) or type(exc).__module__.split(".")[0] == "ray"


@app.command()
def demo(db: str = typer.Option("dateline-demo.duckdb", "--db", help="DuckDB file to create or extend.")) -> None:
    """Analyze the bundled sample articles into an embedded store and show what was found.

    Example: dateline demo
    """
    samples = resources.files("dateline").joinpath("data/samples")
    paths = sorted(str(p) for p in Path(str(samples)).iterdir() if p.suffix in (".jsonl", ".html", ".txt"))
    pipeline = load_pipeline()
    with store_or_exit(db) as store:
        new, seen, failed = ingest_into(store, read(paths), pipeline, 16)
        counts = store.counts()
        print(f"dateline demo: {new} sample articles analyzed ({seen} were stored already) into {db}")
        print("found: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
        catalog = store.catalog()
        views = (
            ("a few quotes", catalog.demo_quotes()),
            ("a few events", catalog.demo_events()),
            ("places", catalog.demo_places()),
        )
        for title, rows in views:
            if rows:
                print_rows(rows, RowFormat.table, title=title)
    print(
        f"\nQuery it: dateline events --db {db}   |   dateline quotes --speaker NAME --db {db}\n"
        f"or in SQL: {'psql' if is_postgres(db) else 'duckdb'} {db} "
        f'"SELECT type, source, target, place, date FROM events"'
    )
    from ..api import serve_hint

    print(serve_hint(db))
    raise typer.Exit(1 if failed else 0)


@app.command("export")
def export_cmd(
    db: str = DbOpt,
    format: str = typer.Option("csv", "--format", "-f", help="csv (ACLED columns), parquet, geojson or jsonl."),
    output: str | None = typer.Option(None, "--output", "-o", help="File to write (standard output if absent)."),
    main_only: bool = typer.Option(
        False, "--main-only", help="Only the events that are an article's main event (one per article)."
    ),
) -> None:
    """Export the deduplicated events: ACLED-style CSV, Parquet, GeoJSON or JSON lines with every report.

    Example: dateline export --format csv -o events.csv --main-only
    """
    from ..store.export import FORMATS, export

    if format not in FORMATS:
        raise typer.BadParameter(f"{format!r} is not one of {', '.join(FORMATS)}", param_hint="--format")
    with store_or_exit(db, read_only=format != "parquet") as store:
        try:
            n = export(store, format, output, main_only)
        except ValueError as exc:
            say(f"dateline: {exc}")
            raise typer.Exit(2) from None
    if output:
        say(f"wrote {n} events to {output}")
