"""The store: articles, reports and their facts in an embedded DuckDB file or a PostgreSQL database.

One class per concept (sqlite-utils' ``Database``): ``Store`` opens the file, applies the numbered
migrations in ``migrations.py`` in a transaction, and writes a batch of reports atomically.
Ingest is idempotent: an article whose content hash is stored already changes nothing.
``Store("postgresql://user:pass@host/db")`` keeps the same tables in PostgreSQL (the ``postgres``
extra; dialect in :mod:`dateline.store_pg`), where several processes may write at once: each
batch takes an advisory lock, so articles are checked and linked one batch at a time.

DuckDB lets one process open a file read-write, or several open it read-only, never both. So
``Store(path, hold=False)`` holds the file only for the moment it needs it: it is opened at the
first statement of an operation (a batch written, a question asked) and closed when the operation
ends, and a lock another process holds is waited for with backoff up to ``wait`` seconds, then
refused with an error naming the file (docs/service.md).
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
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
# Seconds a store that holds its file briefly waits for another process's lock before it gives up:
# a writer holds it for one batch (a second or two), a reader for one question (milliseconds).
WAIT = 30.0
WAIT_ENV = "DATELINE_STORE_WAIT"


def default_wait() -> float:
    """``$DATELINE_STORE_WAIT``, else ``WAIT``."""
    try:
        return max(0.0, float(os.environ.get(WAIT_ENV, WAIT)))
    except ValueError:
        return WAIT


# A writer that holds its file briefly asks the readers that keep it open to let go with this
# marker beside the file (the protocol: store/readers.py, docs/service.md).
WANTED_SUFFIX = ".write-wanted"


def marker(path: str | Path) -> Path:
    """The file a writer creates beside the store to ask readers to let go of it."""
    return Path(f"{path}{WANTED_SUFFIX}")


def write_wanted(path: str | Path) -> bool:
    return os.path.exists(marker(path))


def want_write(path: str | Path) -> None:
    """Ask readers to close the file (create or touch the marker; several writers share one)."""
    try:
        marker(path).touch()
    except OSError as exc:  # a read-only folder: readers are not told, the writer waits for them as before
        log.debug("cannot create %s: %s", marker(path), exc)


def done_writing(path: str | Path) -> None:
    with suppress(OSError):
        marker(path).unlink()


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
    _con: duckdb.DuckDBPyConnection | PgConnection | None

    def __init__(
        self, path: str | Path = DEFAULT_DB, read_only: bool = False, hold: bool = True, wait: float | None = None
    ):
        """``hold=False`` (a DuckDB file only): open the file per operation and close it after, so
        other processes can read and write it between operations; ``wait`` seconds a lock held by
        another process is waited for (default ``$DATELINE_STORE_WAIT`` or 30 when not holding, 0
        when holding: the ingest's own retry waits then)."""
        self.path = str(path)
        self.postgres = is_postgres(self.path)
        self.read_only = read_only
        self.hold = hold or self.postgres or self.path in ("", ":memory:")
        self.wait = (0.0 if self.hold else default_wait()) if wait is None else max(0.0, wait)
        self._con = None
        self._depth = 0  # operations in progress (they nest): the file is closed when the last ends
        self.opens = 0  # times the file was opened (a briefly held store opens it per operation)
        self.last_added: list[str] = []  # ids of the articles the last add_reports stored
        if self.postgres:
            self._open_postgres(read_only)
        else:
            self._errors: tuple[type[Exception], ...] = (duckdb.Error,)
            self._connect_duckdb()
        self._written = 0  # new articles since the file was opened
        if not read_only:
            self.migrate()
        self.release()

    @property
    def con(self) -> duckdb.DuckDBPyConnection | PgConnection:
        """The open connection; a store that holds its file briefly opens it here when closed
        (StoreUnavailable when another process keeps it locked longer than ``wait``)."""
        if self._con is None:
            self._connect_duckdb()
        assert self._con is not None
        return self._con

    @property
    def _asks_readers(self) -> bool:
        """A writer that holds its file briefly asks readers holding it to let go (store/readers.py)."""
        return not self.read_only and not self.hold

    def _connect_duckdb(self) -> None:
        deadline = time.monotonic() + self.wait
        delay = 0.005
        while True:
            if self._asks_readers:
                want_write(self.path)  # again on each try: another writer may have removed it
            try:
                self._con = duckdb.connect(
                    self.path,
                    read_only=self.read_only,
                    config={"memory_limit": os.environ.get("DATELINE_DUCKDB_MEMORY", MEMORY)},
                )
                self.opens += 1
                return
            except duckdb.Error as exc:
                # another process holds the file's lock, or this one holds it in the other mode
                # (DuckDB refuses a read-only and a read-write connection to one file in one process)
                if "Could not set lock" not in str(exc) and "different configuration" not in str(exc):
                    self._let_readers_back()
                    raise StoreError(f"cannot open the store {self.path}: {exc}") from exc
                left = deadline - time.monotonic()
                if left <= 0:
                    self._let_readers_back()
                    # another process holds DuckDB's lock: worth retrying later
                    waited = f" for {self.wait:g} s" if self.wait else ""
                    raise StoreUnavailable(
                        f"the store {self.path} is held by another process{waited} (DuckDB lets one process "
                        f"write a file, or several read it, not both at once): {exc}"
                    ) from exc
                # readers hold the file for milliseconds, a writer for one batch: start short
                time.sleep(min(delay, left))
                delay = min(delay * 2, 0.25)

    @contextmanager
    def held(self) -> Iterator[Store]:
        """One operation: a store that holds its file briefly closes it when the outermost ends."""
        self._depth += 1
        try:
            yield self
        finally:
            self._depth -= 1
            self.release()

    def release(self) -> None:
        """Close the file if this store holds it briefly and no operation is in progress."""
        if not self.hold and self._depth == 0 and self._con is not None:
            con, self._con = self._con, None
            con.close()
            self._let_readers_back()

    def _let_readers_back(self) -> None:
        if self._asks_readers:
            done_writing(self.path)

    def _reopen_if_grown(self, added: int) -> None:
        """Reopen a DuckDB file after ``REOPEN_AFTER`` new articles (see REOPEN_AFTER); an
        in-memory database or PostgreSQL stays as it is. The next statement opens it again
        (StoreUnavailable while another process holds it: the ingest retries)."""
        self._written += added
        if self.postgres or self.path in ("", ":memory:") or self._written < REOPEN_AFTER:
            return
        if self._con is not None:
            self._con.close()
            self._con = None
            self._let_readers_back()
        self._written = 0

    def _open_postgres(self, read_only: bool) -> None:
        try:
            from .postgres import PgConnection, masked
        except ImportError as exc:
            raise StoreError(
                f"a PostgreSQL store needs the postgres extra (pip install 'dateline[postgres]'): {exc}"
            ) from exc
        url, self.path = self.path, masked(self.path)  # messages name the store, never its password
        con = self._con = PgConnection(url, read_only)
        self._errors = con.errors
        if read_only and not self._scalar("SELECT to_regclass('schema_migrations')"):
            con.close()
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
        if self._con is not None:
            self._con.close()
            self._con = None
            self._let_readers_back()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- schema --------------------------------------------------------------------------------
    def migrate(self) -> list[int]:
        """Apply the migrations not yet applied, each in its own transaction. On PostgreSQL the
        same statements run with DuckDB's type names mapped, under the writers' lock (several
        processes may open a new database at once)."""
        with self.held():
            return self._migrate()

    def _migrate(self) -> list[int]:
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

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """One transaction over the connection (on PostgreSQL under the writers' lock): committed when
        the block ends, rolled back (StoreError naming the store) when it raises a database error."""
        with self.held():
            try:
                self._begin()
                yield self.con
                self.con.execute("COMMIT")
            except StoreUnavailable:
                self._rollback()
                raise
            except self._errors as exc:
                self._rollback()
                raise StoreError(f"could not write to the store {self.path}: {exc}") from exc
            except BaseException:
                self._rollback()
                raise

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
        with self.held():
            return self._scalar("SELECT max(version) FROM schema_migrations") or 0

    # -- writing -------------------------------------------------------------------------------
    def has(self, text: str) -> bool:
        with self.held():
            row = self.con.execute("SELECT 1 FROM articles WHERE content_hash = ?", [content_hash(text)]).fetchone()
        return row is not None

    def known_hashes(self, hashes: Sequence[str]) -> set[str]:
        if not hashes:
            return set()
        with self.held():
            rows = self.con.execute(
                "SELECT content_hash FROM articles WHERE content_hash IN (SELECT unnest(?))", [list(hashes)]
            ).fetchall()
        return {r[0] for r in rows}

    def add_reports(self, reports: Iterable[tuple[Report, str | None]]) -> int:
        """Store (report, origin) pairs in one transaction; returns how many were new. Raises
        :class:`StoreUnavailable` when the database cannot be reached (nothing of the batch is
        stored then; retrying later stores it once)."""
        batch = list(reports)
        # what needs no database is made before the transaction: on PostgreSQL other writers wait
        # for its lock, so the rows and MinHash signatures are not computed while holding it
        hashes = [content_hash(r.text) for r, _ in batch]
        rows = [report_rows(r, h, origin) for (r, origin), h in zip(batch, hashes)]
        signatures = Linker.signatures([r for r, _ in batch])
        with self.held():
            added = self._write(batch, hashes, rows, signatures)
        self.last_added = [r.id for r in added]
        self._reopen_if_grown(len(added))
        return len(added)

    def _write(
        self,
        batch: list[tuple[Report, str | None]],
        hashes: list[str],
        rows: list[dict[str, list[NamedTuple]]],
        signatures: Any,
    ) -> list[Report]:
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
        return added

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
        with self.held():
            cur = self.con.execute(sql, list(params))
            cols = [d[0] for d in cur.description]
            return [dict(zip(cols, row)) for row in cur.fetchall()]

    def report(self, article_id: str) -> Report | None:
        with self.held():
            return self.catalog().report(article_id)

    def catalog(self) -> Catalog:
        """The store's questions (:mod:`dateline.store.queries`), asked from this thread. A store
        that holds its file briefly keeps it open until ``release`` (or ``close``)."""
        return Catalog(self.con, per_thread=False)

    def counts(self) -> dict[str, int]:
        tables = ("articles", *FACT_KINDS, "linked_events", "actors", "article_duplicates")
        with self.held():
            return {t: self._scalar(f"SELECT count(*) FROM {t}") for t in tables}
