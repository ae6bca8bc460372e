"""The PostgreSQL flavour of the store: a connection that speaks the store's DuckDB SQL.

``Store("postgresql://...")`` opens a :class:`PgConnection` instead of a DuckDB one. It offers
the part of DuckDB's connection API the store, the linker, the catalog and the exports use
(``execute`` returning itself, ``fetch*``, ``description``, ``cursor``), and carries the
dialect differences in one place, so the SQL stays written once:

* placeholders: ``?`` becomes ``%s`` outside literals (and ``%`` is doubled) for psycopg;
* DDL: the same migration statements, with DuckDB's type names mapped (DOUBLE, BLOB);
* functions DuckDB has and PostgreSQL lacks are created in the store's schema at migration
  (``any_value``, ``regexp_full_match``, ``strftime`` on dates, ``round`` of a double);
  ``mode(x)`` and ``try_cast(x AS DATE)`` are rewritten to such functions;
* bulk inserts go through ``COPY ... FROM STDIN`` (psycopg's ``copy``), the fastest path in;
* lost connections raise :class:`StoreUnavailable` naming the server (password masked), and the
  next transaction reconnects, so a writer that retries later carries on.

psycopg (the ``postgres`` extra) is imported only when a PostgreSQL URL is opened.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Sequence
from decimal import Decimal
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg.adapt import Dumper, Loader
from psycopg.types.string import StrDumper

from ..errors import StoreError, StoreUnavailable

# pg_advisory_xact_lock key ("dateline" in ASCII, cut to 63 bits): writers of one database
# take it for each batch, so linking (counters, linked events) runs one batch at a time.
LOCK_KEY = 0x646174656C696E65 & 0x7FFFFFFFFFFFFFFF
# DuckDB gives every table an implicit rowid in insertion order; the linker reads the newest
# mentions of an event by it, so PostgreSQL's event_mentions gets an explicit one.
ROWID_TABLES = ("event_mentions",)
DDL_TYPES = ((r"\bDOUBLE\b(?! PRECISION)", "DOUBLE PRECISION"), (r"\bBLOB\b", "BYTEA"))

# DuckDB functions the store's SQL uses that PostgreSQL 15 lacks, made from its own.
SHIMS = (
    # DuckDB's JSON paths as the store's SQL writes them ('$.main_event', '$.contradictions')
    """CREATE OR REPLACE FUNCTION json_extract_string(json, text) RETURNS text LANGUAGE sql IMMUTABLE
       AS $$ SELECT $1 #>> string_to_array(substr($2, 3), '.') $$""",
    """CREATE OR REPLACE FUNCTION json_extract(json, text) RETURNS json LANGUAGE sql IMMUTABLE
       AS $$ SELECT $1 #> string_to_array(substr($2, 3), '.') $$""",
    """CREATE OR REPLACE FUNCTION regexp_full_match(text, text) RETURNS boolean LANGUAGE sql IMMUTABLE
       AS $$ SELECT $1 ~ ('^(?:' || $2 || ')$') $$""",
    """CREATE OR REPLACE FUNCTION dl_try_date(text) RETURNS date LANGUAGE plpgsql STABLE
       AS $$ BEGIN RETURN $1::date; EXCEPTION WHEN others THEN RETURN NULL; END $$""",
    """CREATE OR REPLACE FUNCTION strftime(date, text) RETURNS text LANGUAGE sql IMMUTABLE
       AS $$ SELECT to_char($1, replace(replace(replace($2, '%Y', 'YYYY'), '%m', 'MM'), '%d', 'DD')) $$""",
    # DuckDB rounds a double by its exact binary value, halves away from zero (round(2.675, 2) is
    # 2.67: the double is 2.67499..); a cast to numeric would round its 15-digit decimal instead.
    # So: x = m * 2^-k exactly, then round(m * 10^n / 2^k) in integers.
    """CREATE OR REPLACE FUNCTION round(x double precision, n integer) RETURNS double precision
       LANGUAGE plpgsql IMMUTABLE STRICT AS $$
       DECLARE b bigint; e int; m numeric; k int; r numeric;
       BEGIN
         IF n < 0 OR x = 0 OR x <> x OR abs(x) = 'Infinity' THEN
           RETURN round(x / 10::double precision ^ -n) * 10::double precision ^ -n;
         END IF;
         b := ('x' || encode(float8send(x), 'hex'))::bit(64)::bigint;
         e := ((b >> 52) & 2047)::int;
         m := (b & 4503599627370495)::numeric;
         IF e > 0 THEN m := m + 4503599627370496; k := 1075 - e; ELSE k := 1074; END IF;
         IF k <= 0 THEN RETURN x; END IF;
         r := div(2 * m * 10::numeric ^ n + 2::numeric ^ k, 2::numeric ^ (k + 1));
         RETURN sign(x) * (r::double precision / 10::double precision ^ n);
       END $$""",
    # DuckDB's mode(x): the most frequent non-null value, ties to the first seen
    """CREATE OR REPLACE FUNCTION dl_mode_final(anyarray) RETURNS anyelement LANGUAGE sql IMMUTABLE
       AS $$ SELECT x FROM unnest($1) WITH ORDINALITY AS u(x, i) WHERE x IS NOT NULL
             GROUP BY x ORDER BY count(*) DESC, min(i) LIMIT 1 $$""",
    """CREATE OR REPLACE FUNCTION dl_append(anyarray, anyelement) RETURNS anyarray LANGUAGE sql IMMUTABLE
       AS $$ SELECT $1 || $2 $$""",
    """CREATE OR REPLACE AGGREGATE dl_mode(anyelement)
       (SFUNC = dl_append, STYPE = anyarray, FINALFUNC = dl_mode_final)""",
)
# Indexes for the linker's correlated lookups (an actor's aliases and articles, an event's
# mentions): PostgreSQL's planner runs those subqueries per row, DuckDB's joins them by hash and
# needs none. Without them re-naming a batch's actors takes seconds on a few thousand actors.
INDEXES = (
    "CREATE INDEX IF NOT EXISTS actor_aliases_actor ON actor_aliases (actor_id)",
    "CREATE INDEX IF NOT EXISTS entity_actors_actor ON entity_actors (actor_id)",
    "CREATE INDEX IF NOT EXISTS actors_id ON actors (actor_id)",
    "CREATE INDEX IF NOT EXISTS event_mentions_linked ON event_mentions (linked_id)",
    "CREATE INDEX IF NOT EXISTS event_mentions_article ON event_mentions (article_id)",
    "CREATE INDEX IF NOT EXISTS linked_events_id ON linked_events (linked_id)",
    "CREATE INDEX IF NOT EXISTS article_duplicates_article ON article_duplicates (article_id)",
    "CREATE INDEX IF NOT EXISTS article_signatures_article ON article_signatures (article_id)",
    "CREATE INDEX IF NOT EXISTS article_bands_article ON article_bands (article_id)",
    "CREATE INDEX IF NOT EXISTS actor_aliases_initials ON actor_aliases (initials)",
    # the linker's candidates by (type, day), and an article's days when it is replaced
    "CREATE INDEX IF NOT EXISTS event_days_key ON event_days (type, day)",
    "CREATE INDEX IF NOT EXISTS event_days_article ON event_days (article_id)",
)
# any_value is built in from PostgreSQL 16
ANY_VALUE = (
    """CREATE OR REPLACE FUNCTION dl_first(anyelement, anyelement) RETURNS anyelement
                LANGUAGE sql IMMUTABLE AS $$ SELECT coalesce($1, $2) $$""",
    "CREATE OR REPLACE AGGREGATE any_value(anyelement) (SFUNC = dl_first, STYPE = anyelement)",
)


def masked(url: str) -> str:
    """The URL with its password replaced by ***, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


@functools.lru_cache(maxsize=1024)
def translate(sql: str, with_params: bool = True) -> str:
    """DuckDB SQL as PostgreSQL and psycopg take it (see the module docstring)."""
    sql = re.sub(r"\bmode\(", "dl_mode(", sql)
    sql = re.sub(r"\btry_cast\((.+?)\s+AS\s+DATE\)", r"dl_try_date(\1)", sql, flags=re.IGNORECASE)
    if not with_params:
        return sql
    out, quote = [], None
    for ch in sql:
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch == "?":
            out.append("%s")
            continue
        out.append("%%" if ch == "%" else ch)
    return "".join(out)


def translate_ddl(sql: str) -> str:
    """A migration statement with DuckDB's type names mapped (the statement itself stays as applied)."""
    for pattern, repl in DDL_TYPES:
        sql = re.sub(pattern, repl, sql)
    m = re.match(r"\s*CREATE TABLE (\w+)", sql)
    if m and m.group(1) in ROWID_TABLES:
        sql = sql.rstrip()[:-1] + ", rowid BIGSERIAL)"
    return sql


class _TextList(list):
    """A list psycopg cannot type by its items (empty, or all None): sent as text[]."""


class _TextListDumper(Dumper):
    oid = 1009  # text[]

    def dump(self, obj):
        return ("{" + ",".join("NULL" for _ in obj) + "}").encode()


class _TextLoader(Loader):
    """JSON columns come back as their text, as from DuckDB (the store parses them itself)."""

    def load(self, data):
        return bytes(data).decode("utf-8")


class _NumberLoader(Loader):
    """numeric (sums of BIGINT) as int or float, as DuckDB's HUGEINT and DOUBLE come back."""

    def load(self, data):
        d = Decimal(bytes(data).decode())
        return int(d) if d == d.to_integral_value() else float(d)


def _params(params: Sequence | None) -> list | None:
    if not params:
        return None
    return [_TextList(p) if isinstance(p, list) and all(x is None for x in p) else p for p in params]


def unavailable(url: str, exc: Exception, doing: str) -> StoreUnavailable:
    reason = " ".join(str(exc).split()) or type(exc).__name__
    return StoreUnavailable(f"the PostgreSQL store {masked(url)} is unavailable ({doing}): {reason}")


class PgConnection:
    """One psycopg connection in autocommit mode; the store runs BEGIN/COMMIT itself, as on DuckDB."""

    dialect = "postgres"

    def __init__(self, url: str, read_only: bool = False):
        self.url, self.read_only = url, read_only
        self._con: psycopg.Connection | None = None
        self._cur: psycopg.Cursor | None = None
        self._in_tx = False
        self._columns: dict[str, list[str]] = {}
        self._children: list[PgConnection] = []
        self._lock = threading.Lock()
        self._connect()

    # -- connection ------------------------------------------------------------------------------
    def _connect(self) -> psycopg.Connection:
        try:
            con = psycopg.connect(self.url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            raise unavailable(self.url, exc, "cannot connect") from exc
        con.adapters.register_dumper(str, StrDumper)  # text, so unnest(list of str) has a type
        con.adapters.register_dumper(_TextList, _TextListDumper)
        for name in ("json", "jsonb"):
            con.adapters.register_loader(name, _TextLoader)
        con.adapters.register_loader("numeric", _NumberLoader)
        if self.read_only:
            con.execute("SET default_transaction_read_only = on")
        self._con, self._cur = con, None
        return con

    def _alive(self) -> psycopg.Connection:
        con = self._con
        if con is None or con.closed or con.broken:
            if self._in_tx:  # the transaction is lost with its connection; the caller rolls back
                raise StoreUnavailable(
                    f"the PostgreSQL store {masked(self.url)} is unavailable: "
                    "the connection was lost during a transaction, which was not committed"
                )
            con = self._connect()
        return con

    @property
    def errors(self) -> tuple[type[Exception], ...]:
        return (psycopg.Error,)

    def cursor(self) -> PgConnection:
        """A connection of its own (DuckDB's ``cursor()`` is one too), e.g. for another thread."""
        child = PgConnection(self.url, self.read_only)
        with self._lock:
            self._children.append(child)
        return child

    def close(self) -> None:
        for child in self._children:
            child.close()
        if self._con is not None and not self._con.closed:
            self._con.close()

    # -- statements -----------------------------------------------------------------------------
    def execute(self, sql: str, params: Sequence | None = None) -> PgConnection:
        word = sql.lstrip()[:8].upper()
        if word.startswith("ROLLBACK") and (self._con is None or self._con.closed or self._con.broken):
            self._in_tx = False  # nothing to roll back: the server dropped the transaction with the connection
            return self
        con = self._alive()
        args = _params(params)
        try:
            self._cur = con.execute(translate(sql, args is not None), args)
        except psycopg.OperationalError as exc:
            if word.startswith("BEGIN") and con.broken:  # a connection that died while idle: once more
                self._con = None
                self._cur = self._alive().execute(sql)
            else:
                if con.broken:
                    self._in_tx = False
                raise unavailable(self.url, exc, "connection lost" if con.broken else "try again later") from exc
        if word.startswith("BEGIN"):
            self._in_tx = True
        elif word.startswith(("COMMIT", "ROLLBACK")):
            self._in_tx = False
        return self

    def executemany(self, sql: str, rows: Sequence[Sequence]) -> None:
        with self._alive().cursor() as cur:
            cur.executemany(translate(sql), [_params(r) or [] for r in rows])

    def lock(self) -> None:
        """Serialize writers of this database until the end of the current transaction."""
        self.execute("SELECT pg_advisory_xact_lock(?)", [LOCK_KEY])

    def install_shims(self) -> None:
        for sql in SHIMS:
            self._alive().execute(sql)
        builtin = (
            self._alive()
            .execute("SELECT 1 FROM pg_proc WHERE proname = 'any_value' AND pronamespace = 'pg_catalog'::regnamespace")
            .fetchone()
        )
        if not builtin:
            for sql in ANY_VALUE:
                self._alive().execute(sql)

    def install_indexes(self) -> None:
        """The PostgreSQL-only indexes (:data:`INDEXES`) on tables the migrations made."""
        for sql in INDEXES:
            table = sql.split(" ON ")[1].split()[0]
            row = self._alive().execute("SELECT to_regclass(%s)", [table]).fetchone()
            if row is not None and row[0]:
                self._alive().execute(sql)

    def copy_rows(self, table: str, rows: Sequence[Sequence], columns: Sequence[str] | None = None) -> None:
        """Rows into a table by COPY, in the table's column order (less rowid) unless named."""
        names = list(columns) if columns else self._table_columns(table)
        cols = ", ".join(f'"{c}"' for c in names)
        try:
            with self._alive().cursor() as cur, cur.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        except psycopg.OperationalError as exc:
            raise unavailable(self.url, exc, "connection lost") from exc

    def _table_columns(self, table: str) -> list[str]:
        if table not in self._columns:
            rows = (
                self._alive()
                .execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                    "AND table_name = %s ORDER BY ordinal_position",
                    [table],
                )
                .fetchall()
            )
            if not rows:
                raise StoreError(f"no table {table} in {masked(self.url)}")
            self._columns[table] = [r[0] for r in rows if r[0] != "rowid"]
        return self._columns[table]

    # -- results --------------------------------------------------------------------------------
    @property
    def description(self):
        return self._cur.description if self._cur is not None else None

    @property
    def _results(self) -> psycopg.Cursor:
        assert self._cur is not None, "a statement runs before its results are fetched"
        return self._cur

    def fetchall(self) -> list[tuple]:
        return self._results.fetchall()

    def fetchone(self) -> tuple | None:
        return self._results.fetchone()

    def fetchmany(self, size: int = 1) -> list[tuple]:
        return self._results.fetchmany(size)
