"""What the commands share: the Typer app, the common options (sqlite-utils' shared-option
practice), one-line messages, opening a store and the pipeline, and turning library errors into
exit codes (0 all went through, 1 some inputs were rejected, 2 a usage or store error)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.console import Console

from ..errors import DatelineError, InputError
from ..sources import normalize_date
from ..store import DEFAULT_DB, Store, is_postgres
from .output import RowFormat

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="dateline: reads conflict news the way an analyst does.",
)

err = Console(stderr=True, highlight=False)

DbOpt = typer.Option(
    DEFAULT_DB,
    "--db",
    help="DuckDB file of the store, or a PostgreSQL URL "
    "(postgresql://user:password@host:5432/dbname; needs dateline[postgres]).",
)

FmtOpt = typer.Option(RowFormat.table, "--format", "-f", help="Output format.")

LimitOpt = typer.Option(50, "--limit", help="Most rows to show.")

PublishedOpt = typer.Option(None, "--published", help="Publication date YYYY-MM-DD for inputs that carry none.")


def say(message: str) -> None:
    """One line on standard error, never wrapped (rich would wrap it)."""
    print(message, file=sys.stderr, flush=True)


def reject(e: InputError) -> None:
    say(f"dateline: rejected {e}")


def check_published(published: str | None) -> str | None:
    if published is None:
        return None
    value = normalize_date(published)
    if value is None:
        raise typer.BadParameter(f"{published!r} is not a date YYYY-MM-DD", param_hint="--published")
    return value


def load_pipeline(time_limit: float | None = None):
    """The pipeline; ``time_limit`` seconds an article (0: none; None: the default)."""
    from ..pipeline import Pipeline  # spaCy loads only for commands that analyze

    if time_limit is None:
        return Pipeline()
    if time_limit < 0:
        raise typer.BadParameter(f"{time_limit:g} is below 0", param_hint="--time-limit")
    return Pipeline(time_limit=time_limit or None)


def store_or_exit(db: str, read_only: bool = False) -> Store:
    """The store at ``db`` for one command. A DuckDB file is held only while the command asks or
    writes (``hold=False``), so a running ``dateline serve`` or ``watch`` and this command take turns;
    a lock held longer than ``$DATELINE_STORE_WAIT`` seconds (30) ends it with an error naming the file."""
    if read_only and db != ":memory:" and not is_postgres(db) and not Path(db).exists():
        say(f"dateline: no store at {db} (run dateline ingest or dateline demo first)")
        raise typer.Exit(2)
    try:
        return Store(db, read_only=read_only, hold=False)
    except DatelineError as exc:
        say(f"dateline: {exc}")
        raise typer.Exit(2) from None


def task_lines(path: str, fields: dict[str, type], need: str) -> tuple[list[dict], int]:
    """The lines of a JSONL task file ('-' for standard input) that carry ``fields`` of the given types.

    Malformed or incomplete lines are rejected one by one, naming file and line; returns the good
    lines and how many were rejected."""
    if path != "-" and not Path(path).exists():
        say(f"dateline: {path}: no such file")
        raise typer.Exit(2)
    good, failed = [], 0
    fh = sys.stdin if path == "-" else open(path, encoding="utf-8")
    with fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                problem = (
                    None
                    if isinstance(obj, dict) and all(isinstance(obj.get(k), t) for k, t in fields.items())
                    else f"needs {need}"
                )
            except json.JSONDecodeError as exc:
                problem = f"malformed JSON ({exc})"
            if problem:
                failed += 1
                reject(InputError(f"{path}:{n}", problem))
            else:
                good.append(obj)
    return good, failed
