"""Bulk writes into the store, shared by the store and its links."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple


def bulk_insert(con: Any, table: str, rows: Sequence[NamedTuple]) -> None:
    """Insert rows of one kind (:mod:`dateline.store.rows`) in one statement, into the columns their
    fields name: columns go in as lists and are unnested side by side, which DuckDB runs ~15x
    faster than ``executemany`` (one statement per row). PostgreSQL takes them by COPY
    (:meth:`dateline.store.postgres.PgConnection.copy_rows`)."""
    if not rows:
        return
    columns = rows[0]._fields
    if getattr(con, "dialect", None) == "postgres":
        con.copy_rows(table, rows, columns)
        return
    names = ", ".join(f'"{c}"' for c in columns)
    con.execute(
        f"INSERT INTO {table} ({names}) SELECT " + ", ".join("unnest(?)" for _ in columns),
        [list(c) for c in zip(*rows)],
    )
