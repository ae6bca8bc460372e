"""The store: articles, reports and their facts in an embedded DuckDB file or a PostgreSQL database.

One class per concept (sqlite-utils' ``Database``): ``Store`` opens the file, applies the numbered
migrations in ``migrations.py`` in a transaction, and writes a batch of reports atomically.
Ingest is idempotent: an article whose content hash is stored already changes nothing.
``Store("postgresql://user:pass@host/db")`` keeps the same tables in PostgreSQL (the ``postgres``
extra; dialect in :mod:`dateline.store_pg`), where several processes may write at once: each
batch takes an advisory lock, so articles are checked and linked one batch at a time.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import duckdb

from ..errors import StoreError, StoreUnavailable
from ..records import FACT_KINDS, Report
from .bulk import bulk_insert
from .links import Linker
from .migrations import MIGRATIONS
from .queries import Catalog
from .rows import report_rows

if TYPE_CHECKING:
    from .postgres import PgConnection  # imported when a PostgreSQL URL is opened (psycopg)

log = logging.getLogger(__name__)

DEFAULT_DB = "dateline.duckdb"
# DuckDB's buffer cache grows to 80 % of RAM by default, so a long ingest's writer kept growing
# (355 → 530 MB over 5,000 articles); capped, it stays flat and pages beyond the cap are re-read
# from the file (the OS caches them). Set DATELINE_DUCKDB_MEMORY to change it.
MEMORY = "256MB"
# DuckDB keeps the metadata of every segment a checkpoint wrote in memory while the database is
# open, about 6 MB more per 1,000 articles stored (375 → 465 MB over 15,000); a writer reopens its
# file after this many new articles, which drops it (flat at 366–393 MB; docs/corpora.md).
# Reopening costs a few milliseconds.
REOPEN_AFTER = 1000


def _as_written(sql: str) -> str:
    """A migration statement as DuckDB takes it (PostgreSQL's maps the type names)."""
    return sql


def is_postgres(path: str | Path) -> bool:
    """Whether a --db value names a PostgreSQL database rather than a DuckDB file."""
    return isinstance(path, str) and path.startswith(("postgresql://", "postgres://"))


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Store:
    """An embedded DuckDB store (``Store(":memory:")`` for tests), or a PostgreSQL one when
    ``path`` is a ``postgresql://`` URL."""

    # PgConnection takes DuckDB's calls in DuckDB's dialect, and a few of its own (see _pg)
    con: duckdb.DuckDBPyConnection | PgConnection

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False):
        self.path = str(path)
        self.postgres = is_postgres(self.path)
        if self.postgres:
            self._open_postgres(read_only)
        else:
            self._errors: tuple[type[Exception], ...] = (duckdb.Error,)
            self._connect_duckdb(read_only)
        self._written = 0  # new articles since the file was opened
        self._reopening = False  # closed to be reopened, not connected again yet
        if not read_only:
            self.migrate()

    def _connect_duckdb(self, read_only: bool) -> None:
        try:
            self.con = duckdb.connect(
                self.path,
                read_only=read_only,
                config={"memory_limit": os.environ.get("DATELINE_DUCKDB_MEMORY", MEMORY)},
            )
        except duckdb.Error as exc:
            # another process writing to the file holds DuckDB's exclusive lock: worth retrying later
            kind = StoreUnavailable if "Could not set lock" in str(exc) else StoreError
            raise kind(f"cannot open the store {self.path}: {exc}") from exc

    def _reopen_if_grown(self, added: int) -> None:
        """Reopen a DuckDB file after ``REOPEN_AFTER`` new articles (see REOPEN_AFTER); an
        in-memory database or PostgreSQL stays as it is."""
        self._written += added
        if self.postgres or self.path in ("", ":memory:") or self._written < REOPEN_AFTER:
            return
        self.con.close()
        self._written, self._reopening = 0, True
        self._live()

    def _live(self) -> None:
        """Connect again if a reopen found the file locked by another process (StoreUnavailable
        until it is free: the ingest retries)."""
        if self._reopening:
            self._connect_duckdb(read_only=False)
            self._reopening = False

    def _open_postgres(self, read_only: bool) -> None:
        try:
            from .postgres import PgConnection, masked
        except ImportError as exc:
            raise StoreError(
                f"a PostgreSQL store needs the postgres extra (pip install 'dateline[postgres]'): {exc}"
            ) from exc
        url, self.path = self.path, masked(self.path)  # messages name the store, never its password
        self.con = PgConnection(url, read_only)
        self._errors = self.con.errors
        if read_only and not self._scalar("SELECT to_regclass('schema_migrations')"):
            self.con.close()
            raise StoreError(f"no dateline store in {self.path} (run dateline ingest first)")

    @property
    def _pg(self) -> PgConnection:
        """The connection as PostgreSQL's, for what only it does (where ``self.postgres``)."""
        assert not isinstance(self.con, duckdb.DuckDBPyConnection)
        return self.con

    def _scalar(self, sql: str) -> Any:
        """The one value of a query that answers one row (an aggregate, to_regclass)."""
        row = self.con.execute(sql).fetchone()
        assert row is not None, sql
        return row[0]

    def close(self) -> None:
        if self.con is not None:
            self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- schema --------------------------------------------------------------------------------
    def migrate(self) -> list[int]:
        """Apply the migrations not yet applied, each in its own transaction. On PostgreSQL the
        same statements run with DuckDB's type names mapped, under the writers' lock (several
        processes may open a new database at once)."""
        ddl = _as_written
        if self.postgres:
            from .postgres import translate_ddl as ddl

            self._begin()
            self._pg.install_shims()
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP DEFAULT current_timestamp)"
        )
        if self.postgres:
            self.con.execute("COMMIT")
        applied = []
        for version, name, statements in MIGRATIONS:
            try:
                self._begin()
                if self.con.execute("SELECT 1 FROM schema_migrations WHERE version = ?", [version]).fetchone():
                    self.con.execute("COMMIT")
                    continue
                for sql in statements:
                    self.con.execute(ddl(sql))
                self.con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name])
                self.con.execute("COMMIT")
            except StoreUnavailable:
                self._rollback()
                raise
            except self._errors as exc:
                self._rollback()
                raise StoreError(f"migration {version} ({name}) failed: {exc}") from exc
            applied.append(version)
        if self.postgres:
            self._begin()
            self._pg.install_indexes()
            self.con.execute("COMMIT")
        return applied

    def _begin(self) -> None:
        """A transaction; on PostgreSQL it holds the writers' lock until it ends."""
        self.con.execute("BEGIN TRANSACTION")
        if self.postgres:
            self._pg.lock()

    def _rollback(self) -> None:
        try:
            self.con.execute("ROLLBACK")
        except self._errors:  # a failed COMMIT (disk full) has ended the transaction already
            pass
        except StoreUnavailable:  # so has a lost connection
            pass

    def schema_version(self) -> int:
        return self._scalar("SELECT max(version) FROM schema_migrations") or 0

    # -- writing -------------------------------------------------------------------------------
    def has(self, text: str) -> bool:
        row = self.con.execute("SELECT 1 FROM articles WHERE content_hash = ?", [content_hash(text)]).fetchone()
        return row is not None

    def known_hashes(self, hashes: Sequence[str]) -> set[str]:
        if not hashes:
            return set()
        self._live()
        rows = self.con.execute(
            "SELECT content_hash FROM articles WHERE content_hash IN (SELECT unnest(?))", [list(hashes)]
        ).fetchall()
        return {r[0] for r in rows}

    def add_reports(self, reports: Iterable[tuple[Report, str | None]]) -> int:
        """Store (report, origin) pairs in one transaction; returns how many were new. Raises
        :class:`StoreUnavailable` when the database cannot be reached (nothing of the batch is
        stored then; retrying later stores it once)."""
        batch = list(reports)
        self._live()
        # what needs no database is made before the transaction: on PostgreSQL other writers wait
        # for its lock, so the rows and MinHash signatures are not computed while holding it
        hashes = [content_hash(r.text) for r, _ in batch]
        rows = [report_rows(r, h, origin) for (r, origin), h in zip(batch, hashes)]
        signatures = Linker.signatures([r for r, _ in batch])
        committing = False
        try:
            self._begin()
            added = self._add_all(batch, hashes, rows)
            # near-duplicates, actors and linked events commit with the batch, or not at all
            Linker(self.con, signatures).link(added)
            committing = True
            self.con.execute("COMMIT")
        except StoreUnavailable as exc:
            self._rollback()
            fate = (
                "may or may not have been stored (the connection went during COMMIT); storing it again is safe"
                if committing
                else "was not stored"
            )
            raise StoreUnavailable(f"{exc}; the batch ({len(batch)} articles) {fate}") from exc
        except self._errors as exc:
            self._rollback()
            raise StoreError(f"could not store the batch ({len(batch)} articles): {exc}") from exc
        except BaseException:  # a report that cannot be stored, an interrupt: the batch is not half written
            self._rollback()
            raise
        self._reopen_if_grown(len(added))
        return len(added)

    def _add_all(
        self, batch: list[tuple[Report, str | None]], hashes: list[str], rows: list[dict[str, list[NamedTuple]]]
    ) -> list[Report]:
        """Insert the new reports of a batch, one statement per table (rows unnested in bulk)."""
        seen = self.known_hashes(hashes)
        stored_ids = {
            row[0]
            for row in self.con.execute(
                "SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [[r.id for r, _ in batch]]
            ).fetchall()
        }
        pending: dict[str, list[NamedTuple]] = {}
        added: list[Report] = []
        for (r, _origin), h, tables in zip(batch, hashes, rows):
            if h in seen:
                continue
            if r.id in stored_ids or any(a.id == r.id for a in added):
                log.info("article %s changed: replacing its stored version", r.id)
                self._flush(pending)
                self._delete(r.id)
                added = [a for a in added if a.id != r.id]
            seen.add(h)
            for table, table_rows in tables.items():
                pending.setdefault(table, []).extend(table_rows)
            added.append(r)
        self._flush(pending)
        return added

    def _flush(self, pending: dict[str, list[NamedTuple]]) -> None:
        for table, rows in pending.items():
            bulk_insert(self.con, table, rows)
        pending.clear()

    def _delete(self, article_id: str) -> None:
        Linker(self.con).unlink(article_id)
        for table in (*reversed(FACT_KINDS), "reports"):
            self.con.execute(f"DELETE FROM {table} WHERE article_id = ?", [article_id])
        self.con.execute("DELETE FROM articles WHERE id = ?", [article_id])

    # -- reading -------------------------------------------------------------------------------
    def query(self, sql: str, params: Sequence = ()) -> list[dict]:
        cur = self.con.execute(sql, list(params))
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]

    def report(self, article_id: str) -> Report | None:
        return self.catalog().report(article_id)

    def catalog(self) -> Catalog:
        """The store's questions (:mod:`dateline.store.queries`), asked from this thread."""
        return Catalog(self.con, per_thread=False)

    def counts(self) -> dict[str, int]:
        tables = ("articles", *FACT_KINDS, "linked_events", "actors", "article_duplicates")
        return {t: self._scalar(f"SELECT count(*) FROM {t}") for t in tables}
