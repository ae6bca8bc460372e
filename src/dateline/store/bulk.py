"""Bulk writes into the store, shared by the store and its links."""

from __future__ import annotations

from collections.abc import Sequence


def bulk_insert(con, table: str, rows: Sequence[Sequence], columns: Sequence[str] | None = None) -> None:
    """Insert rows in one statement: columns go in as lists and are unnested side by side, which
    DuckDB runs ~15x faster than ``executemany`` (one statement per row). PostgreSQL takes them
    by COPY (:meth:`dateline.store_pg.PgConnection.copy_rows`)."""
    if not rows:
        return
    if getattr(con, "dialect", None) == "postgres":
        con.copy_rows(table, rows, columns)
        return
    cols = [list(c) for c in zip(*rows)]
    names = f" ({', '.join(columns)})" if columns else ""
    con.execute(f"INSERT INTO {table}{names} SELECT " + ", ".join("unnest(?)" for _ in cols), cols)
