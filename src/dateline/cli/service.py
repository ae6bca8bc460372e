"""Service commands: ``dateline serve`` runs the API and the web pages over a store."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import typer

from .options import DbOpt, app, say

SERVE_DB_ENV = "DATELINE_SERVE_DB"  # the store a worker process of ``dateline serve`` opens


@app.command()
def serve(
    db: str = DbOpt,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; the machine itself by default."),
    port: int = typer.Option(8000, "--port", help="TCP port."),
    log_level: str = typer.Option("info", "--log-level", help="uvicorn log level."),
    watch: list[str] = typer.Option(None, "--watch", help="A feed or page URL to poll into the store (repeatable)."),
    every: str = typer.Option("10m", "--every", help="Time between the watcher's rounds."),
    workers: int = typer.Option(
        0, "--workers", help="Server processes (0: one per core; an in-memory store always has one)."
    ),
) -> None:
    """Serve the JSON API (OpenAPI at /docs) and the web pages over a store.

    Writes (POST /api/articles) need DATELINE_API_KEY set in the environment.
    Example: dateline serve --db dateline-demo.duckdb --port 8000
    """
    try:
        import uvicorn

        from ..api import create_app, pages_address
    except ImportError as exc:  # pragma: no cover - the service extras are missing
        say(f"dateline: the service needs fastapi, uvicorn and jinja2 ({exc})")
        raise typer.Exit(2) from None
    from ..errors import DatelineError
    from ..store import is_postgres

    if db != ":memory:" and not is_postgres(db) and not Path(db).exists():
        say(f"dateline: no store at {db}; serving a new empty one (fill it with dateline ingest or dateline demo)")
    try:
        web = create_app(db)
    except DatelineError as exc:
        say(f"dateline: {exc}")
        raise typer.Exit(2) from None
    say(f"dateline: serving {db} at {pages_address(host, port)} (API description at {pages_address(host, port)}docs)")
    watcher = None
    if watch:
        # its own process: it holds the file only to write a batch, as the server holds it only to
        # answer a request (DuckDB refuses a read-only and a read-write connection in one process)
        cmd = [sys.executable, "-m", "dateline.cli", "watch", *watch, "--db", db, "--every", every]
        watcher = subprocess.Popen(cmd)
        say(
            f"dateline: watching {len(watch)} sources every {every} (pid {watcher.pid}); state at {pages_address(host, port)}live"
        )
    import os

    n = workers or os.cpu_count() or 1
    try:
        if n > 1 and db != ":memory:":
            # each worker process builds its own app (and its own read-only connection) from these
            os.environ[SERVE_DB_ENV] = db
            uvicorn.run(
                "dateline.api.app:app_from_env", factory=True, host=host, port=port, log_level=log_level, workers=n
            )
        else:
            uvicorn.run(web, host=host, port=port, log_level=log_level)
    finally:
        if watcher is not None:
            watcher.terminate()
            watcher.wait(30)
