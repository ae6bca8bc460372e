"""The store's one read path: every question the CLI, the API and the pages ask of a store.

One class per concept (sqlite-utils' ``Table``): ``Catalog`` wraps a store connection (DuckDB, or
PostgreSQL through :mod:`dateline.store.postgres`, which takes the same SQL) and answers with the
typed rows of :mod:`dateline.store.answers` (dicts, sent and printed as they come) or, for a
report, the :class:`~dateline.records.Report` itself. Every list takes a limit (and the API's an
offset). Tables other helpers add later (event deduplication) are used when they exist and ignored
when they do not, so the pages work on any store version; an empty store gives empty lists, never
an error.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, cast

from ..claims.disputes import SHOWN
from ..link.contradictions import claim_events, claims_of
from ..link.contradictions import find as find_contradictions
from ..records import Claim, Report
from .answers import (
    AcledEvent,
    ActorDetail,
    ActorEvent,
    ActorItem,
    ActorLine,
    ArticleItem,
    ArticleLine,
    ContradictionItem,
    DateRange,
    DayCount,
    DemoEvent,
    DemoPlace,
    DemoQuote,
    EntityCount,
    EventItem,
    EventPoint,
    EventReport,
    LinkedEventItem,
    MainEvent,
    Mention,
    NamedActor,
    PlaceCount,
    PlaceItem,
    PlacePoint,
    QuoteItem,
    QuoteLine,
    StoredArticle,
    StoreSpan,
)
from .links import same_tellings

Row = dict[str, Any]

# A TIMEX3 value → the first day it names, in SQL: full dates, months and years become a DATE;
# weeks, seasons, PRESENT_REF and durations stay NULL (they cannot be placed on a calendar day).
DAY_SQL = """CASE
    WHEN regexp_full_match({c}, '\\d{{4}}-\\d{{2}}-\\d{{2}}.*') THEN try_cast(left({c}, 10) AS DATE)
    WHEN regexp_full_match({c}, '\\d{{4}}-\\d{{2}}') THEN try_cast({c} || '-01' AS DATE)
    WHEN regexp_full_match({c}, '\\d{{4}}') THEN try_cast({c} || '-01-01' AS DATE)
    END"""

# haversine distance in km (mean Earth radius 6371 km) of a row's point to (?, ?) within ? km
_NEAR = (
    "{t}.lat IS NOT NULL AND 2 * 6371 * asin(sqrt(pow(sin(radians({t}.lat - ?) / 2), 2) + "
    "cos(radians(?)) * cos(radians({t}.lat)) * pow(sin(radians({t}.lon - ?) / 2), 2))) <= ?"
)


# The reports of linked events told by two outlets or more, each with its outlet (a near-duplicate
# copy is left out: it is its original's report again, not another witness) and where in it the
# event's trigger lies (what ties the claims of its sentence to the event).
ACROSS_SQL = """
WITH m AS (
    SELECT m.linked_id, m.article_id, ev.trigger_start, coalesce(ev.main, false) AS main, a.title, a.published, a.source,
           coalesce(a.source, a.id) AS outlet
    FROM event_mentions m
    JOIN events ev ON ev.article_id = m.article_id AND ev.event_id = m.event_id
    JOIN articles a ON a.id = m.article_id
    LEFT JOIN article_duplicates d ON d.article_id = m.article_id
    WHERE d.article_id IS NULL)
SELECT * FROM m WHERE linked_id IN (SELECT linked_id FROM m GROUP BY linked_id HAVING count(DISTINCT outlet) > 1)
ORDER BY article_id, trigger_start
"""

# A linked event some relevant article tells (not only a recipe's "hit" or a game's "attack"):
# linked events are listed and exported only where this holds, unless asked for the rest.
TOLD_BY_RELEVANT = (
    "e.linked_id IN (SELECT m.linked_id FROM event_mentions m JOIN articles a ON "
    "a.id = m.article_id WHERE coalesce(a.relevant, true))"
)

# The orders of the linked events: latest first, or most told first (the events page and its map)
LINKED_ORDER = {
    "recent": "e.date_first DESC NULLS LAST, e.linked_id",
    "sources": "e.sources DESC, e.date_first DESC NULLS LAST, e.linked_id",
}

# Actors listed named first: people and organisations, then governments and forces with a country
# code, then peoples and places ("Syrian", "Syria"); generic nouns ("people", "civilians",
# "terrorists") last.
_NAMED_FIRST = (
    "CASE WHEN type IN ('PERSON', 'ORG') THEN 0 WHEN country IS NOT NULL THEN 1 "
    "WHEN type IS NOT NULL AND type NOT IN ('NORP', 'GPE', 'LOC') THEN 2 WHEN type IS NOT NULL THEN 3 ELSE 4 END"
)

SOURCES_SHOWN = 10  # reports listed per event in lists; /api/events/{id} gives them all

# The linked events under ACLED's column names (export.ACLED_COLUMNS), then dateline's own.
EVENTS_SQL = """
SELECT e.linked_id AS event_id, strftime(e.date_first, '%Y-%m-%d') AS event_date,
       coalesce(e.acled_event_type, e.type) AS event_type, e.acled_sub_event_type AS sub_event_type,
       e.actor1, e.actor2, e.country, e.admin1, e.place AS location,
       round(e.lat, 5) AS latitude, round(e.lon, 5) AS longitude, e.geo_precision, e.time_precision,
       e.fatalities_min AS fatalities, e.fatalities_max, e.type AS plover_type, e.mentions,
       e.reports, e.sources, e.date_last
FROM linked_events e {where}
ORDER BY e.date_first NULLS LAST, e.linked_id {limit}
"""

# What dateline demo shows of a store, by title.
DEMO_VIEWS = {
    "a few quotes": "SELECT speaker, kind, left(content, 70) AS content FROM quotes "
    "WHERE speaker IS NOT NULL AND length(content) > 40 ORDER BY article_id, start LIMIT 6",
    "a few events": "SELECT type, source, target, place, date, fatalities FROM events "
    "WHERE NOT negated AND source IS NOT NULL AND target IS NOT NULL "
    "ORDER BY fatalities DESC NULLS LAST, date DESC LIMIT 8",
    "places": "SELECT name, country, round(lat, 3) AS lat, round(lon, 3) AS lon, count(*) AS mentions FROM places "
    "WHERE NOT metonymy AND lat IS NOT NULL GROUP BY 1, 2, 3, 4 ORDER BY mentions DESC LIMIT 8",
}

# The reports of linked events, each with its outlet, the original it copies, figures and sentence.
MENTIONS_SQL = """
SELECT m.linked_id, m.article_id, a.source AS outlet, a.published, a.title, d.original_id AS copy_of, m.event_id,
       m.type, m.date_first, m.date_last, m.place, m.source AS actor1, m.target AS actor2, m.fatalities,
       ev.trigger, ev.sentence, ev.main, ev.fatalities_min, ev.fatalities_text
FROM event_mentions m JOIN articles a ON a.id = m.article_id
LEFT JOIN article_duplicates d ON d.article_id = m.article_id
LEFT JOIN events ev ON ev.article_id = m.article_id AND ev.event_id = m.event_id
{join} WHERE {where}
ORDER BY {order} a.published NULLS LAST, m.article_id, m.event_id
"""


def _iso(day: Any) -> str | None:
    return day.isoformat() if day is not None else None


def _day_number(day: Any) -> int:
    """A publication date (date or ISO text) as a number to sort by, the undated last."""
    text = day.isoformat() if hasattr(day, "isoformat") else str(day or "")
    digits = "".join(ch for ch in text[:10] if ch.isdigit())
    return int(digits) if len(digits) == 8 else 0


def where_sql(conds: list[tuple[str, object]]) -> tuple[str, list[Any]]:
    """A SQL WHERE from (clause, value) pairs; a pair whose value is None is left out, a tuple
    fills several ``?``, and ``True`` switches on a clause that takes no parameter. Values always
    stay parameters, never text in the SQL."""
    clauses: list[str] = []
    params: list[Any] = []
    for clause, value in conds:
        if value is None:
            continue
        clauses.append(clause)
        if value is True and "?" not in clause:
            continue
        params.extend(value if isinstance(value, tuple) else (value,))
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def contains(text: str | None) -> str | None:
    """The pattern for ``ILIKE ? ESCAPE '\\'`` that finds ``text`` anywhere, its own
    ``%``, ``_`` and backslashes taken literally; None stays None (no filter)."""
    if not text:
        return None
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


@dataclass(frozen=True)
class EventFilter:
    """What a list of events is narrowed to, the same for the API, the pages and the map; the
    fields combine with AND, and a field left None narrows nothing."""

    type: str | None = None  # a PLOVER category
    actor: str | None = None  # text in a source or target actor
    country: str | None = None  # ISO code of the event's country (or, per report, an actor's)
    lat: float | None = None  # with lon and radius_km: events within radius_km of the point
    lon: float | None = None
    radius_km: float | None = None
    date_from: str | None = None  # YYYY-MM-DD
    date_to: str | None = None
    article: str | None = None  # only events this article tells
    min_sources: int = 1  # real-world events only: told by at least this many sources
    include_negated: bool = False  # per report only: also events the text denies
    include_irrelevant: bool = False  # also events of articles judged not news of politics, conflict or crime

    def near(self) -> tuple[float, float, float, float] | None:
        if self.lat is None or self.lon is None or self.radius_km is None:
            return None
        return (self.lat, self.lat, self.lon, self.radius_km)


ALL_EVENTS = EventFilter()


class Catalog:
    """Answers over one store connection. The API's threads each read through a cursor of their
    own; a command, reading from one thread, passes ``per_thread=False`` and reads through ``con``
    itself (on PostgreSQL a cursor is another connection)."""

    def __init__(self, con: Any, per_thread: bool = True) -> None:
        self._con = con
        self._local = threading.local() if per_thread else None
        self._cursors: list[Any] = []  # every thread's, so that close() lets go of the file
        self._tables: set[str] | None = None
        self._across: tuple[tuple, list[ContradictionItem]] | None = None  # (state of the store, pairs)
        self._columns: set[tuple[str, str]] | None = None

    # -- plumbing ------------------------------------------------------------------------------
    def _cursor(self) -> Any:
        if self._local is None:
            return self._con
        # DuckDB connections are not thread-safe; a cursor per thread shares the database safely
        # (on PostgreSQL a cursor is a connection of its own, outside the writer's transactions).
        cur = getattr(self._local, "cur", None)
        if cur is None:
            cur = self._local.cur = self._con.cursor()
            self._cursors.append(cur)
        return cur

    def close(self) -> None:
        """Close the cursors the threads made (a DuckDB file stays locked while any is open)."""
        cursors, self._cursors = self._cursors, []
        for cur in cursors:
            try:
                cur.close()
            except Exception:  # noqa: BLE001 - a cursor of a connection closed already
                pass

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        cur = self._cursor().execute(sql, list(params))
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r)) for r in cur.fetchall()]

    def one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def count(self, sql: str, params: Sequence[Any] = ()) -> int:
        """The ``n`` of a ``SELECT count(*) AS n ...``, which always answers one row."""
        row = self.one(sql, params)
        assert row is not None, sql
        return row["n"]

    def tables(self) -> set[str]:
        if self._tables is None:
            self._tables = {
                r["table_name"]
                for r in self.rows(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                )
            }
        return self._tables

    def forget_schema(self) -> None:
        self._tables = None
        self._columns = None

    def counts(self) -> dict[str, int]:
        names = ("articles", "events", "quotes", "places", "entities", "contradictions")
        return {t: self.count(f"SELECT count(*) AS n FROM {t}") if t in self.tables() else 0 for t in names}

    # -- articles ------------------------------------------------------------------------------
    def articles(self, q: str | None = None, limit: int = 50, offset: int = 0) -> tuple[int, list[ArticleItem]]:
        where, params = (
            ("WHERE a.text ILIKE ? ESCAPE '\\' OR a.title ILIKE ? ESCAPE '\\'", [contains(q)] * 2) if q else ("", [])
        )
        snippet = "NULL" if not q else ("substr(a.text, greatest(1, strpos(lower(a.text), lower(?)) - 80), 220)")
        sql = (
            f"SELECT a.id, a.title, a.published, a.source, a.url, length(a.text) AS chars, "
            f"{snippet} AS snippet, count(*) OVER () AS _total FROM articles a {where} "
            f"ORDER BY a.published DESC NULLS LAST, a.id LIMIT ? OFFSET ?"
        )
        rows = self.rows(sql, ([q] if q else []) + params + [limit, offset])
        return self._total(rows, f"SELECT count(*) AS n FROM articles a {where}", params), cast(list[ArticleItem], rows)

    def _total(self, rows: list[Row], count_sql: str, params: Sequence[Any]) -> int:
        """The ``_total`` a windowed page carries (one scan for page and count); counted apart
        only when the page is empty (an offset past the end)."""
        if rows:
            total = rows[0]["_total"]
            for r in rows:
                del r["_total"]
            return total
        return self.count(count_sql, params)

    def article(self, article_id: str) -> StoredArticle | None:
        row = self.one(
            "SELECT id, title, published, published_source, source, url, text, origin FROM articles WHERE id = ?",
            [article_id],
        )
        return cast(StoredArticle | None, row)

    def report(self, article_id: str) -> Report | None:
        row = self.one("SELECT report FROM reports WHERE article_id = ?", [article_id])
        return Report.from_dict(json.loads(row["report"])) if row else None

    # -- events --------------------------------------------------------------------------------
    def events(self, only: EventFilter = ALL_EVENTS, limit: int = 50, offset: int = 0) -> tuple[int, list[EventItem]]:
        """Events with their sources; filters combine with AND. The events of an article judged
        not relevant (neither political or conflict news nor crime) are left out unless asked for."""
        where, params = where_sql(
            [
                ("upper(type) = ?", only.type.upper() if only.type else None),
                (
                    "(source ILIKE ? ESCAPE '\\' OR target ILIKE ? ESCAPE '\\')",
                    (contains(only.actor),) * 2 if only.actor else None,
                ),
                (
                    "(upper(country) = ? OR upper(source_country) = ? OR upper(target_country) = ?)",
                    (only.country.upper(),) * 3 if only.country else None,
                ),
                (_NEAR.format(t="e"), only.near()),
                ("day >= try_cast(? AS DATE)", only.date_from or None),
                ("day <= try_cast(? AS DATE)", only.date_to or None),
                ("article_id = ?", only.article or None),
                ("NOT coalesce(negated, false)", None if only.include_negated else True),
                ("coalesce(relevant, true)", None if only.include_irrelevant else True),
            ]
        )
        base = (
            f"SELECT e.*, {DAY_SQL.format(c='e.date')} AS day, a.title AS article_title, "
            f"a.source AS outlet, a.published, a.relevant FROM events e JOIN articles a ON a.id = e.article_id"
        )
        rows = self.rows(
            f"SELECT *, count(*) OVER () AS _total FROM ({base}) e {where} "
            f"ORDER BY day DESC NULLS LAST, article_id, event_id LIMIT ? OFFSET ?",
            params + [limit, offset],
        )
        total = self._total(rows, f"SELECT count(*) AS n FROM ({base}) e {where}", params)
        for r in rows:
            r.pop("relevant", None)
            r["id"] = f"{r['article_id']}/{r['event_id']}"
            r["day"] = r["day"].isoformat() if r.get("day") else None
            r["source_count"] = 1
            r["sources"] = [
                {
                    "article_id": r["article_id"],
                    "outlet": r.pop("outlet"),
                    "title": r.pop("article_title"),
                    "published": r.pop("published"),
                }
            ]
        return total, cast(list[EventItem], rows)

    def linked(self) -> bool:
        """Whether the store holds deduplicated events (one row per real-world event)."""
        return "linked_events" in self.tables()

    def linked_events(
        self, only: EventFilter = ALL_EVENTS, limit: int = 50, offset: int = 0, order: str = "recent"
    ) -> tuple[int, list[LinkedEventItem]]:
        """Deduplicated events, each with every report that tells of it (``sources``); ``order``
        "recent" (latest first) or "sources" (most told first, then latest). An event told only by
        articles judged not relevant is left out unless asked for."""
        where, params = self._linked_where(only)
        rows = self.rows(
            f"SELECT e.*, count(*) OVER () AS _total FROM linked_events e {where} "
            f"ORDER BY {LINKED_ORDER[order]} LIMIT ? OFFSET ?",
            params + [limit, offset],
        )
        total = self._total(rows, f"SELECT count(*) AS n FROM linked_events e {where}", params)
        told = self._mentions([r["linked_id"] for r in rows], per_event=SOURCES_SHOWN)
        return total, [self._linked_item(r, told.get(r["linked_id"], [])) for r in rows]

    def _linked_where(self, only: EventFilter) -> tuple[str, list[Any]]:
        return where_sql(
            [
                ("upper(e.type) = ?", only.type.upper() if only.type else None),
                (
                    "(e.actor1 ILIKE ? ESCAPE '\\' OR e.actor2 ILIKE ? ESCAPE '\\')",
                    (contains(only.actor),) * 2 if only.actor else None,
                ),
                ("upper(e.country) = ?", only.country.upper() if only.country else None),
                (_NEAR.format(t="e"), only.near()),
                # an event overlapping the range counts: it may span days (date_first..date_last)
                ("coalesce(e.date_last, e.date_first) >= try_cast(? AS DATE)", only.date_from or None),
                ("e.date_first <= try_cast(? AS DATE)", only.date_to or None),
                ("e.linked_id IN (SELECT linked_id FROM event_mentions WHERE article_id = ?)", only.article or None),
                ("e.sources >= ?", only.min_sources if only.min_sources > 1 else None),
                # a running total ("the war has killed 280,000") is no event: one told only as one is left out
                (
                    "e.linked_id IN (SELECT m.linked_id FROM event_mentions m JOIN events ev ON "
                    "ev.article_id = m.article_id AND ev.event_id = m.event_id WHERE NOT coalesce(ev.cumulative, false))",
                    True if self.has_column("events", "cumulative") else None,
                ),
                # an event no relevant article tells (a recipe's "hit", a game's "attack") is left out
                (
                    TOLD_BY_RELEVANT,
                    True if not only.include_irrelevant and self.has_column("articles", "relevant") else None,
                ),
            ]
        )

    def has_column(self, table: str, column: str) -> bool:
        """Whether a table has a column (a store not yet migrated may lack a new one)."""
        if self._columns is None:
            self._columns = {
                (r["table_name"], r["column_name"])
                for r in self.rows(
                    "SELECT table_name, column_name FROM information_schema.columns "
                    "WHERE table_schema = current_schema()"
                )
            }
        return (table, column) in self._columns

    def event_points(
        self, only: EventFilter = ALL_EVENTS, limit: int = 2000, order: str = "sources"
    ) -> tuple[int, list[EventPoint]]:
        """The located real-world events for a map, most told and latest first (the list's order);
        one query, no sentences: the map asks for an event's reports when a point is clicked."""
        if not self.linked():
            return 0, []
        where, params = self._linked_where(only)
        where = (where + " AND" if where else "WHERE") + " e.lat IS NOT NULL AND e.lon IS NOT NULL"
        rows = self.rows(
            f"SELECT e.linked_id AS id, round(e.lat, 4) AS lat, round(e.lon, 4) AS lon, e.type, "
            f"e.fatalities_min AS fatalities, e.sources, strftime(e.date_first, '%Y-%m-%d') AS day, "
            f"strftime(coalesce(e.date_last, e.date_first), '%Y-%m-%d') AS last, e.place, "
            f"count(*) OVER () AS _total FROM linked_events e {where} "
            f"ORDER BY {LINKED_ORDER[order]} LIMIT ?",
            params + [limit],
        )
        total = self._total(rows, f"SELECT count(*) AS n FROM linked_events e {where}", params)
        return total, cast(list[EventPoint], rows)

    def event_days(self, only: EventFilter = ALL_EVENTS) -> list[DayCount]:
        """Real-world events per first day and type (the timeline's bars), without the date filter:
        the timeline shows the whole span, the chosen range marked on it."""
        if not self.linked():
            return []
        where, params = self._linked_where(replace(only, date_from=None, date_to=None))
        where = (where + " AND" if where else "WHERE") + " e.date_first IS NOT NULL"
        return cast(
            list[DayCount],
            self.rows(
                f"SELECT e.date_first AS day, e.type, count(*) AS n FROM linked_events e {where} "
                f"GROUP BY 1, 2 ORDER BY 1",
                params,
            ),
        )

    def store_span(self) -> StoreSpan:
        row = self.one(
            "SELECT min(published) AS first, max(published) AS last, count(*) - count(published) AS undated "
            "FROM articles WHERE published IS NULL OR published <> ''"
        )
        return cast(StoreSpan, row or {"first": None, "last": None, "undated": 0})

    def main_events(self, article_ids: list[str]) -> dict[str, MainEvent]:
        """Each article's main event (the report's ``main_event``: what its headline and lead tell)."""
        if not article_ids:
            return {}
        rows = self.rows(
            "SELECT ev.article_id, ev.event_id, ev.type, ev.source, ev.target, ev.place, ev.date, ev.fatalities, "
            "ev.sentence FROM reports r JOIN events ev ON ev.article_id = r.article_id "
            "AND ev.event_id = json_extract_string(r.report, '$.main_event') "
            "WHERE r.article_id IN (SELECT unnest(?))",
            [list(article_ids)],
        )
        return {r["article_id"]: cast(MainEvent, r) for r in rows}

    def named_actors(self, limit: int = 15) -> list[NamedActor]:
        """The linked actors that are named people and organisations (armed groups, governments'
        bodies, agencies), by the articles that name them; nationalities and places (GPE, NORP),
        the press (sector media, or an outlet of the store) and names the store resolved as places
        are left out. Generic nouns ("people", "regime") are never actors of the linker's table."""
        if "actors" not in self.tables():
            return []
        return cast(
            list[NamedActor],
            self.rows(
                "SELECT name, type, sector, country, articles, mentions FROM actors "
                "WHERE type IN ('PERSON', 'ORG') AND coalesce(sector, '') <> 'media' "
                "AND name NOT IN (SELECT name FROM places WHERE name IS NOT NULL) "
                "AND name NOT IN (SELECT text FROM places WHERE text IS NOT NULL) "
                "AND name NOT IN (SELECT source FROM articles WHERE source IS NOT NULL) "
                "ORDER BY articles DESC, mentions DESC, name LIMIT ?",
                [limit],
            ),
        )

    def linked_event(self, linked_id: str) -> LinkedEventItem | None:
        row = self.one("SELECT * FROM linked_events WHERE linked_id = ?", [linked_id]) if self.linked() else None
        return self._linked_item(row, self._mentions([linked_id]).get(linked_id, [])) if row else None

    def _mentions(self, ids: list[str], per_event: int | None = None) -> dict[str, list[Mention]]:
        """The reports of each linked event, earliest first; in lists only the first ``per_event``
        (an event told by hundreds of reports would otherwise fill the page)."""
        if not ids:
            return {}
        # pick the reports first (keys and dates only), then fetch sentences for the picked ones
        cap = "WHERE p.n <= ?" if per_event else ""
        marks = ", ".join("?" * len(ids))
        out: dict[str, list[Mention]] = {}
        for m in self.rows(
            f"WITH picked AS (SELECT m.linked_id, m.article_id, m.event_id, a.source AS outlet, "
            f"a.title, a.published, row_number() OVER (PARTITION BY m.linked_id ORDER BY "
            f"a.published NULLS LAST, m.article_id, m.event_id) AS n FROM event_mentions m "
            f"JOIN articles a ON a.id = m.article_id WHERE m.linked_id IN ({marks})) "
            f"SELECT p.linked_id, p.article_id, p.event_id, p.outlet, p.title, p.published, "
            f"ev.date, ev.fatalities, ev.trigger, ev.sentence, ev.lat, ev.lon "
            f"FROM picked p LEFT JOIN events ev ON ev.article_id = p.article_id AND "
            f"ev.event_id = p.event_id {cap} ORDER BY p.linked_id, p.n",
            list(ids) + ([per_event] if per_event else []),
        ):
            out.setdefault(m.pop("linked_id"), []).append(cast(Mention, m))
        return out

    @staticmethod
    def _linked_item(r: Row, told: list[Mention]) -> LinkedEventItem:
        first: Mention | dict[str, Any] = told[0] if told else {}
        day = r.get("date_first")
        return {
            "id": r["linked_id"],
            "type": r["type"],
            "acled_event_type": r.get("acled_event_type"),
            "acled_sub_event_type": r.get("acled_sub_event_type"),
            "date": _iso(day)
            if day == r.get("date_last")
            else "/".join(x for x in (_iso(day), _iso(r.get("date_last"))) if x) or None,
            "day": _iso(day),
            "date_first": _iso(day),
            "date_last": _iso(r.get("date_last")),
            "place": r.get("place"),
            "lat": r.get("lat"),
            "lon": r.get("lon"),
            "country": r.get("country"),
            "admin1": r.get("admin1"),
            "source": r.get("actor1"),
            "target": r.get("actor2"),
            "fatalities": r.get("fatalities_min"),
            "fatalities_max": r.get("fatalities_max"),
            "mentions": r.get("mentions"),
            "source_count": r.get("sources"),
            "article_id": first.get("article_id"),
            "event_id": first.get("event_id"),
            "sentence": first.get("sentence"),
            "trigger": first.get("trigger"),
            "negated": False,
            "sources": told,
        }

    def event(self, article_id: str, event_id: str) -> EventItem | None:
        _, found = self.events(EventFilter(article=article_id, include_negated=True), limit=1000)
        return next((e for e in found if e["event_id"] == event_id), None)

    def event_types(self) -> list[str]:
        return [r["type"] for r in self.rows("SELECT DISTINCT type FROM events WHERE type IS NOT NULL ORDER BY 1")]

    # -- actors --------------------------------------------------------------------------------
    def actors(self, q: str | None = None, limit: int = 50, offset: int = 0) -> tuple[int, list[ActorItem]]:
        """People and groups named as speakers, event participants or entities, with counts."""
        names = """
            SELECT name, type, title, country, sector, 0 AS quotes, 0 AS events, 1 AS mentions FROM (
                SELECT name, type, title, country, sector FROM entities
                WHERE type IN ('PERSON', 'ORG', 'NORP', 'GPE')) ent
            UNION ALL SELECT speaker, NULL, speaker_title, NULL, NULL, 1, 0, 0 FROM quotes WHERE speaker IS NOT NULL
            UNION ALL SELECT source, NULL, NULL, source_country, source_sector, 0, 1, 0 FROM events
                WHERE source IS NOT NULL
            UNION ALL SELECT target, NULL, NULL, target_country, target_sector, 0, 1, 0 FROM events
                WHERE target IS NOT NULL"""
        where, params = ("WHERE name ILIKE ? ESCAPE '\\'", [contains(q)]) if q else ("", [])
        grouped = (
            f"SELECT name, any_value(type) AS type, any_value(title) AS title, "
            f"any_value(country) AS country, any_value(sector) AS sector, sum(quotes)::INTEGER AS quotes, "
            f"sum(events)::INTEGER AS events, sum(mentions)::INTEGER AS mentions FROM ({names}) n {where} "
            f"GROUP BY name"
        )
        total = self.count(f"SELECT count(*) AS n FROM ({grouped}) g", params)
        rows = self.rows(
            f"SELECT * FROM ({grouped}) g ORDER BY {_NAMED_FIRST}, quotes + events DESC, mentions DESC, name "
            f"LIMIT ? OFFSET ?",
            params + [limit, offset],
        )
        return total, cast(list[ActorItem], rows)

    def actor(self, name: str, limit: int = 200) -> ActorDetail | None:
        """Who this is (with the other names the linker knows them by), what they said over time,
        and the events they took part in."""
        linked = self._linked_actor(name)
        names = [name] + [a for a in (linked or {}).get("aliases", []) if a != name]
        ent = self.one(
            "SELECT any_value(type) AS type, any_value(title) AS title, any_value(country) AS country, "
            "any_value(sector) AS sector, count(DISTINCT article_id) AS articles FROM entities "
            "WHERE name IN (SELECT unnest(?))",
            [names],
        )
        _, said = self.quotes(speaker_exact=names, limit=limit)
        as_source = self._actor_events("source", names, limit)
        as_target = self._actor_events("target", names, limit)
        if not (ent and ent["articles"]) and not (linked or said or as_source or as_target):
            return None
        who: Row = {"name": name, **(ent or {}), "actor_id": (linked or {}).get("actor_id"), "aliases": names[1:]}
        if linked:
            who["type"] = who.get("type") or linked.get("type")
            who["articles"] = max(who.get("articles") or 0, linked.get("articles") or 0)
        if not who.get("title"):
            who["title"] = next((q["speaker_title"] for q in said if q.get("speaker_title")), None)
        for ev in as_source + as_target:
            side = "source" if ev["source"] in names else "target"
            who["country"] = who.get("country") or ev.get(f"{side}_country")
            who["sector"] = who.get("sector") or ev.get(f"{side}_sector")
        return cast(
            ActorDetail, {**who, "statements": said, "events_as_source": as_source, "events_as_target": as_target}
        )

    def _linked_actor(self, name: str) -> Row | None:
        """The cross-article actor this name belongs to, when the store links actors."""
        if not {"actors", "actor_aliases"} <= self.tables():
            return None
        row = self.one(
            "SELECT a.actor_id, a.type, a.articles FROM actors a WHERE a.name = ? UNION ALL "
            "SELECT a.actor_id, a.type, a.articles FROM actor_aliases al JOIN actors a USING (actor_id) "
            "WHERE al.alias = ? LIMIT 1",
            [name, name],
        )
        if row is None:
            return None
        aliases = [
            r["alias"]
            for r in self.rows(
                "SELECT alias FROM actor_aliases WHERE actor_id = ? ORDER BY mentions DESC, alias", [row["actor_id"]]
            )
        ]
        return {**row, "aliases": list(dict.fromkeys(aliases))}

    def _actor_events(self, side: str, names: list[str], limit: int) -> list[ActorEvent]:
        rows = self.rows(
            f"SELECT e.*, {DAY_SQL.format(c='e.date')} AS day, a.title AS article_title FROM events e "
            f"JOIN articles a ON a.id = e.article_id WHERE e.{side} IN (SELECT unnest(?)) "
            f"ORDER BY day NULLS LAST, e.article_id LIMIT ?",
            [names, limit],
        )
        for r in rows:
            r["id"] = f"{r['article_id']}/{r['event_id']}"
            r["day"] = r["day"].isoformat() if r.get("day") else None
        return cast(list[ActorEvent], rows)

    # -- quotes, places, contradictions ----------------------------------------------------------
    def quotes(
        self,
        speaker: str | None = None,
        q: str | None = None,
        article: str | None = None,
        speaker_exact: list[str] | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[int, list[QuoteItem]]:
        conds: list[str] = []
        params: list[Any] = []
        if speaker:
            conds.append("(qu.speaker ILIKE ? ESCAPE '\\' OR qu.speaker_text ILIKE ? ESCAPE '\\')")
            params += [contains(speaker)] * 2
        if speaker_exact:
            conds.append("qu.speaker IN (SELECT unnest(?))")
            params.append(list(speaker_exact))
        if q:
            conds.append("qu.content ILIKE ? ESCAPE '\\'")
            params.append(contains(q))
        if article:
            conds.append("qu.article_id = ?")
            params.append(article)
        where = ("WHERE " + " AND ".join(conds)) if conds else ""
        base = "FROM quotes qu JOIN articles a ON a.id = qu.article_id " + where
        total = self.count(f"SELECT count(*) AS n {base}", params)
        rows = self.rows(
            f"SELECT qu.*, a.title AS article_title, a.published {base} "
            f"ORDER BY a.published NULLS LAST, qu.article_id, qu.start LIMIT ? OFFSET ?",
            params + [limit, offset],
        )
        return total, cast(list[QuoteItem], rows)

    def places(
        self, q: str | None = None, country: str | None = None, limit: int = 50, offset: int = 0
    ) -> tuple[int, list[PlaceItem]]:
        conds, params = ["NOT coalesce(metonymy, false)"], []
        if q:
            conds.append("(name ILIKE ? ESCAPE '\\' OR text ILIKE ? ESCAPE '\\')")
            params += [contains(q)] * 2
        if country:
            conds.append("upper(country) = ?")
            params.append(country.upper())
        grouped = (
            f"SELECT name, country, any_value(admin1) AS admin1, any_value(feature) AS feature, "
            f"round(avg(lat), 5) AS lat, round(avg(lon), 5) AS lon, count(*)::INTEGER AS mentions, "
            f"count(DISTINCT article_id)::INTEGER AS articles FROM places WHERE {' AND '.join(conds)} "
            f"GROUP BY name, country"
        )
        total = self.count(f"SELECT count(*) AS n FROM ({grouped}) g", params)
        rows = self.rows(f"{grouped} ORDER BY mentions DESC, name LIMIT ? OFFSET ?", params + [limit, offset])
        return total, cast(list[PlaceItem], rows)

    def contradictions(
        self,
        q: str | None = None,
        limit: int = 50,
        offset: int = 0,
        min_confidence: float = SHOWN,
        scope: str | None = None,
        recent: bool = False,
    ) -> tuple[int, list[ContradictionItem]]:
        """Pairs of claims that disagree, the most confident first: those within one article (the
        ``contradictions`` table) and those between two outlets' reports of one linked event.
        Only pairs at ``min_confidence`` or above (by default the level a reader is shown,
        ``disputes.SHOWN``); ``scope`` "article" or "across" keeps one kind;
        ``recent``: the latest articles' first (the home page)."""
        pattern = contains(q)
        conds: list[tuple[str, object]] = [("c.confidence >= ?", min_confidence)]
        if pattern:
            conds.append(
                (
                    "(c.about ILIKE ? ESCAPE '\\' OR c.content_a ILIKE ? ESCAPE '\\' OR c.content_b ILIKE ? ESCAPE '\\')",
                    (pattern,) * 3,
                )
            )
        where, params = where_sql(conds)
        base = f"FROM contradictions c JOIN articles a ON a.id = c.article_id {where}"
        within: list[Row] = []
        total = 0
        if scope != "across":
            total = self.count(f"SELECT count(*) AS n {base}", params)
            within = self.rows(
                f"SELECT c.*, a.title AS article_title, a.published, a.source AS outlet_a {base} "
                f"ORDER BY {'a.published DESC NULLS LAST, ' if recent else ''}c.confidence DESC NULLS LAST, "
                f"c.article_id, c.contradiction_id LIMIT ?",
                params + [offset + limit],
            )
        for r in within:
            r.update(
                scope="article",
                article_b=r["article_id"],
                article_title_b=r["article_title"],
                published_b=r["published"],
                outlet_b=r["outlet_a"],
                sentence_a=None,
                sentence_b=None,
                event_id=None,
                event_type=None,
                event_place=None,
                event_date_first=None,
                event_date_last=None,
            )
        across: list[Row] = []
        if scope != "article":
            needle = (q or "").casefold()
            across = [
                dict(r)
                for r in self.across_contradictions()
                if r["confidence"] >= min_confidence
                and (not needle or any(needle in (r[k] or "").casefold() for k in ("about", "content_a", "content_b")))
            ]
            total += len(across)

        def order(r: Row) -> tuple:
            rank = (-(r["confidence"] or 0), r["scope"], r["article_id"], r["contradiction_id"])
            return ((-_day_number(r.get("published")),) if recent else ()) + rank

        merged = sorted(within + across, key=order)
        return total, cast(list[ContradictionItem], merged[offset : offset + limit])

    def across_contradictions(self) -> list[ContradictionItem]:
        """Contradictions between outlets on one linked event (the corpus linker's identity): the
        claims of reports told by two or more outlets, each claim tied to the linked events whose
        trigger lies in its sentence, compared pair by pair on an event they share (rival tolls,
        a denial of what the other asserts). Every pair at the level the store keeps
        (``disputes.MIN_CONFIDENCE``), most confident first; worked out once per state of the
        store (the reports, not the rows, hold the claims)."""
        if not self.linked():
            return []
        state = self.one(
            "SELECT (SELECT count(*) FROM event_mentions) AS mentions, (SELECT count(*) FROM articles) AS articles, "
            "(SELECT max(ingested_at) FROM articles) AS latest"
        )
        key = tuple((state or {}).values())
        cached = self._across
        if cached is not None and cached[0] == key:
            return cached[1]
        found = self._find_across()
        self._across = (key, found)
        return found

    def _find_across(self) -> list[ContradictionItem]:
        rows = self.rows(ACROSS_SQL)
        if not rows:
            return []
        triggers: dict[str, list[tuple[int, str]]] = {}
        main: dict[str, set[str]] = {}
        articles: dict[str, Row] = {}
        for r in rows:
            articles[r["article_id"]] = r
        # every mention of those articles (events only one outlet tells too), each also standing for
        # the article's other events that tell the same one (links.same_tellings)
        mentions = [
            dict(x)
            for x in self.rows(
                "SELECT m.*, coalesce(ev.main, false) AS main, ev.trigger_start FROM event_mentions m "
                "JOIN events ev ON ev.article_id = m.article_id AND ev.event_id = m.event_id "
                "WHERE m.article_id IN (SELECT unnest(?))",
                [sorted(articles)],
            )
        ]
        tellings = same_tellings(mentions)
        for r in mentions:
            same = tellings.get(r["article_id"], {}).get(r["linked_id"], frozenset((r["linked_id"],)))
            triggers.setdefault(r["article_id"], []).extend((r["trigger_start"], lid) for lid in sorted(same))
            if r["main"]:
                main.setdefault(r["article_id"], set()).update(same)
        pool: list[Claim] = []
        for aid in sorted(articles):
            report = self.report(aid)
            if report is not None:
                # ids of their own: a report's quote claims and its contradictions' claims may share one
                pool += [replace(c, id=f"{aid}#x{i}") for i, c in enumerate(claims_of(report))]
        mains = {k: frozenset(v) for k, v in main.items()}
        events = claim_events(pool, triggers, mains)
        pool = [c for c in pool if c.id in events]
        linked = {
            r["linked_id"]: r
            for r in self.rows(
                "SELECT linked_id, type, place, date_first, date_last FROM linked_events "
                "WHERE linked_id IN (SELECT unnest(?))",
                [sorted({e for ids in events.values() for e in ids})],
            )
        }
        out: list[ContradictionItem] = []
        for con in find_contradictions(pool, events=events, mains=mains):
            art_a, art_b = articles[con.a.article or ""], articles[con.b.article or ""]
            if art_a["outlet"] == art_b["outlet"]:
                continue  # one outlet's two reports: an update or a copy, not two sides
            shared = sorted(events.get(con.a.id or "", frozenset()) & events.get(con.b.id or "", frozenset()))
            ev = linked.get(shared[0], {}) if shared else {}
            out.append(
                cast(
                    ContradictionItem,
                    {
                        "article_id": art_a["article_id"],
                        "contradiction_id": f"x{len(out)}",
                        "type": str(con.type),
                        "about": con.about,
                        "confidence": con.confidence,
                        "speaker_a": con.a.speaker.label if con.a.speaker else None,
                        "content_a": con.a.content.text,
                        "speaker_b": con.b.speaker.label if con.b.speaker else None,
                        "content_b": con.b.content.text,
                        "article_title": art_a["title"],
                        "published": art_a["published"],
                        "scope": "across",
                        "article_b": art_b["article_id"],
                        "article_title_b": art_b["title"],
                        "published_b": art_b["published"],
                        "outlet_a": art_a["source"],
                        "outlet_b": art_b["source"],
                        "sentence_a": con.a.sentence.text if con.a.sentence else None,
                        "sentence_b": con.b.sentence.text if con.b.sentence else None,
                        "event_id": shared[0] if shared else None,
                        "event_type": ev.get("type"),
                        "event_place": ev.get("place"),
                        "event_date_first": _iso(ev.get("date_first")),
                        "event_date_last": _iso(ev.get("date_last")),
                    },
                )
            )
        return out

    def contradiction_claims(self, article_ids: list[str]) -> dict[tuple[str, str], dict[str, Any]]:
        """The two claims of each contradiction of these articles, as the reports hold them
        (speaker, content, sentence, cue, polarity, quote): only that part of each report is read
        and parsed, not the whole report (tens of kilobytes each)."""
        if not article_ids:
            return {}
        marks = ", ".join("?" * len(article_ids))
        out: dict[tuple[str, str], dict[str, Any]] = {}
        for r in self.rows(
            f"SELECT article_id, json_extract(report, '$.contradictions') AS c FROM reports WHERE article_id IN ({marks})",
            list(article_ids),
        ):
            found = json.loads(r["c"]) if isinstance(r["c"], str) else r["c"]  # PostgreSQL's driver parses it
            for c in found or ():
                out[(r["article_id"], c.get("id"))] = c
        return out

    # -- what the pages draw -------------------------------------------------------------------
    def event_dates(self) -> DateRange | None:
        """The first and last day of the events (of the linked ones, when the store links them)."""
        if self.linked():
            row = self.one("SELECT min(date_first) AS first, max(date_last) AS last FROM linked_events")
        else:
            row = self.one(
                f"SELECT min(d) AS first, max(d) AS last FROM (SELECT {DAY_SQL.format(c='date')} AS d FROM events)"
            )
        return cast(DateRange | None, row)

    def place_points(self, article_ids: list[str]) -> list[PlacePoint]:
        """Where the articles' resolved places lie, by article, name and text (for events that name
        a place but carry no point)."""
        rows = self.rows(
            "SELECT article_id, name, text, avg(lat) AS lat, avg(lon) AS lon, "
            "any_value(country) AS country FROM places WHERE lat IS NOT NULL AND "
            "article_id IN (SELECT unnest(?)) GROUP BY article_id, name, text",
            [article_ids],
        )
        return cast(list[PlacePoint], rows)

    # -- the command line's lists ----------------------------------------------------------------
    def article_lines(self, search: str | None = None, limit: int = 50) -> list[ArticleLine]:
        where, params = where_sql([("text ILIKE ? ESCAPE '\\'", contains(search))])
        rows = self.rows(
            f"SELECT id, title, published, source FROM articles {where} ORDER BY published DESC NULLS LAST, id LIMIT ?",
            params + [limit],
        )
        return cast(list[ArticleLine], rows)

    def entity_counts(self, name: str | None = None, type: str | None = None, limit: int = 50) -> list[EntityCount]:
        """Entities by name and type across articles, the most widely reported first."""
        where, params = where_sql(
            [("name ILIKE ? ESCAPE '\\'", name and contains(name)), ("type = ?", type and type.upper())]
        )
        rows = self.rows(
            f"SELECT name, type, any_value(title) AS title, any_value(country) AS country, "
            f"any_value(sector) AS sector, count(DISTINCT article_id) AS articles, sum(mentions) AS mentions "
            f"FROM entities {where} GROUP BY name, type ORDER BY articles DESC, mentions DESC LIMIT ?",
            params + [limit],
        )
        return cast(list[EntityCount], rows)

    def quote_lines(self, speaker: str | None = None, kind: str | None = None, limit: int = 50) -> list[QuoteLine]:
        where, params = where_sql(
            [
                (
                    "(speaker ILIKE ? ESCAPE '\\' OR speaker_text ILIKE ? ESCAPE '\\')",
                    speaker and (contains(speaker),) * 2,
                ),
                ("kind = ?", kind),
            ]
        )
        rows = self.rows(
            f"SELECT article_id, speaker, speaker_title, kind, content FROM quotes {where} "
            f"ORDER BY article_id, start LIMIT ?",
            params + [limit],
        )
        return cast(list[QuoteLine], rows)

    def place_counts(self, country: str | None = None, limit: int = 50) -> list[PlaceCount]:
        """Places located (not metonymic), by name and point, the most mentioned first."""
        where, params = where_sql([("country = ?", country and country.upper()), ("NOT metonymy", True)])
        rows = self.rows(
            f"SELECT name, country, feature, precision, round(lat, 4) AS lat, round(lon, 4) AS lon, "
            f"count(*) AS mentions, count(DISTINCT article_id) AS articles FROM places {where} "
            f"GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY mentions DESC LIMIT ?",
            params + [limit],
        )
        return cast(list[PlaceCount], rows)

    def actor_lines(self, name: str | None = None, limit: int = 50) -> list[ActorLine]:
        """Actors linked across articles, with their other names."""
        where, params = where_sql(
            [
                (
                    "actor_id IN (SELECT actor_id FROM actor_aliases WHERE alias ILIKE ? ESCAPE '\\')",
                    name and contains(name),
                )
            ]
        )
        rows = self.rows(
            f"SELECT actor_id, name, type, country, sector, articles, mentions, "
            f"(SELECT string_agg(alias, '; ') FROM actor_aliases a WHERE a.actor_id = actors.actor_id "
            f"AND a.alias <> actors.name) AS aliases FROM actors {where} ORDER BY {_NAMED_FIRST}, "
            f"articles DESC, mentions DESC LIMIT ?",
            params + [limit],
        )
        return cast(list[ActorLine], rows)

    def acled_events(
        self,
        type: str | None = None,
        actor: str | None = None,
        country: str | None = None,
        since: str | None = None,
        min_sources: int | None = None,
        linked_id: str | None = None,
        limit: int | None = None,
        include_irrelevant: bool = False,
    ) -> list[AcledEvent]:
        """Linked events under ACLED's column names, earliest first; filters combine with AND. An
        event told only by articles judged not relevant is left out unless asked for (or by id)."""
        where, params = where_sql(
            [
                (
                    TOLD_BY_RELEVANT,
                    True
                    if not include_irrelevant and linked_id is None and self.has_column("articles", "relevant")
                    else None,
                ),
                ("e.type = ?", type and type.upper()),
                (
                    "(e.actor1 ILIKE ? ESCAPE '\\' OR e.actor2 ILIKE ? ESCAPE '\\')",
                    actor and (contains(actor),) * 2,
                ),
                ("e.country = ?", country and country.upper()),
                ("e.date_last >= CAST(? AS DATE)", since),
                ("e.sources >= ?", min_sources),
                ("e.linked_id = ?", linked_id),
            ]
        )
        sql = EVENTS_SQL.format(where=where, limit=f"LIMIT {int(limit)}" if limit else "")
        return cast(list[AcledEvent], self.rows(sql, params))

    def event_reports(self, linked_id: str) -> list[EventReport]:
        """Every report of one linked event: article, outlet, sentence, figures."""
        rows = self.rows(MENTIONS_SQL.format(join="", where="m.linked_id = ?", order=""), [linked_id])
        return [cast(EventReport, {k: v for k, v in r.items() if k != "linked_id"}) for r in rows]

    def all_event_reports(self) -> Iterator[tuple[str, list[EventReport]]]:
        """(event id, its reports) for every linked event, in the order of :meth:`acled_events`,
        streamed (an export of the whole store never holds all its reports at once)."""
        cur = self._cursor().execute(
            MENTIONS_SQL.format(
                join="JOIN linked_events e ON e.linked_id = m.linked_id",
                where="true",
                order="e.date_first NULLS LAST, e.linked_id,",
            )
        )
        cols = [c[0] for c in cur.description]
        current = ""  # the linked event whose reports are in group (set before group has any)
        group: list[EventReport] = []
        while rows := cur.fetchmany(2048):
            for row in rows:
                r = dict(zip(cols, row))
                lid = r.pop("linked_id")
                if lid != current and group:
                    yield current, group
                    group = []
                current = lid
                group.append(cast(EventReport, r))
        if group:
            yield current, group

    # -- what dateline demo shows ----------------------------------------------------------------
    def demo_quotes(self) -> list[DemoQuote]:
        return cast(list[DemoQuote], self.rows(DEMO_VIEWS["a few quotes"]))

    def demo_events(self) -> list[DemoEvent]:
        return cast(list[DemoEvent], self.rows(DEMO_VIEWS["a few events"]))

    def demo_places(self) -> list[DemoPlace]:
        return cast(list[DemoPlace], self.rows(DEMO_VIEWS["places"]))
