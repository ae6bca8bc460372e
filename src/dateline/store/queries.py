"""Read-only questions the API and the pages ask of the store.

One class per concept (sqlite-utils' ``Table``): ``Catalog`` wraps a store connection (DuckDB, or
PostgreSQL through :mod:`dateline.store_pg`, which takes the same SQL) and answers with plain dicts. Every list takes a limit and an offset. Tables other helpers add later (event
deduplication) are used when they exist and ignored when they do not, so the pages work on any
store version; an empty store gives empty lists, never an error.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence

from ..records import Report
from .database import contains, where_sql

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


SOURCES_SHOWN = 10  # reports listed per event in lists; /api/events/{id} gives them all


def _iso(day) -> str | None:
    return day.isoformat() if day is not None else None


class Catalog:
    """Answers for the API and the pages over one store connection (cursors per thread)."""

    def __init__(self, con) -> None:
        self._con = con
        self._local = threading.local()
        self._tables: set[str] | None = None

    # -- plumbing ------------------------------------------------------------------------------
    def _cursor(self):
        # DuckDB connections are not thread-safe; a cursor per thread shares the database safely
        # (on PostgreSQL a cursor is a connection of its own, outside the writer's transactions).
        cur = getattr(self._local, "cur", None)
        if cur is None:
            cur = self._local.cur = self._con.cursor()
        return cur

    def rows(self, sql: str, params: Sequence = ()) -> list[dict]:
        cur = self._cursor().execute(sql, list(params))
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r)) for r in cur.fetchall()]

    def one(self, sql: str, params: Sequence = ()) -> dict | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def count(self, sql: str, params: Sequence = ()) -> int:
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

    def counts(self) -> dict[str, int]:
        names = ("articles", "events", "quotes", "places", "entities", "contradictions")
        return {t: self.count(f"SELECT count(*) AS n FROM {t}") if t in self.tables() else 0 for t in names}

    # -- articles ------------------------------------------------------------------------------
    def articles(self, q: str | None = None, limit: int = 50, offset: int = 0) -> tuple[int, list[dict]]:
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
        return self._total(rows, f"SELECT count(*) AS n FROM articles a {where}", params), rows

    def _total(self, rows: list[dict], count_sql: str, params: Sequence) -> int:
        """The ``_total`` a windowed page carries (one scan for page and count); counted apart
        only when the page is empty (an offset past the end)."""
        if rows:
            total = rows[0]["_total"]
            for r in rows:
                del r["_total"]
            return total
        return self.count(count_sql, params)

    def article(self, article_id: str) -> dict | None:
        return self.one(
            "SELECT id, title, published, published_source, source, url, text, origin FROM articles WHERE id = ?",
            [article_id],
        )

    def report(self, article_id: str) -> Report | None:
        row = self.one("SELECT report FROM reports WHERE article_id = ?", [article_id])
        return Report.from_dict(json.loads(row["report"])) if row else None

    # -- events --------------------------------------------------------------------------------
    def events(
        self,
        type: str | None = None,
        actor: str | None = None,
        country: str | None = None,
        lat: float | None = None,
        lon: float | None = None,
        radius_km: float | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        article: str | None = None,
        include_negated: bool = False,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[int, list[dict]]:
        """Events with their sources; filters combine with AND."""
        near = (lat, lat, lon, radius_km) if None not in (lat, lon, radius_km) else None
        where, params = where_sql(
            [
                ("upper(type) = ?", type.upper() if type else None),
                (
                    "(source ILIKE ? ESCAPE '\\' OR target ILIKE ? ESCAPE '\\')",
                    (contains(actor),) * 2 if actor else None,
                ),
                (
                    "(upper(country) = ? OR upper(source_country) = ? OR upper(target_country) = ?)",
                    (country.upper(),) * 3 if country else None,
                ),
                (_NEAR.format(t="e"), near),
                ("day >= try_cast(? AS DATE)", date_from or None),
                ("day <= try_cast(? AS DATE)", date_to or None),
                ("article_id = ?", article or None),
                ("NOT coalesce(negated, false)", None if include_negated else True),
            ]
        )
        base = (
            f"SELECT e.*, {DAY_SQL.format(c='e.date')} AS day, a.title AS article_title, "
            f"a.source AS outlet, a.published FROM events e JOIN articles a ON a.id = e.article_id"
        )
        rows = self.rows(
            f"SELECT *, count(*) OVER () AS _total FROM ({base}) e {where} "
            f"ORDER BY day DESC NULLS LAST, article_id, event_id LIMIT ? OFFSET ?",
            params + [limit, offset],
        )
        total = self._total(rows, f"SELECT count(*) AS n FROM ({base}) e {where}", params)
        for r in rows:
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
        return total, rows

    def linked(self) -> bool:
        """Whether the store holds deduplicated events (one row per real-world event)."""
        return "linked_events" in self.tables()

    def linked_events(
        self,
        type: str | None = None,
        actor: str | None = None,
        country: str | None = None,
        lat: float | None = None,
        lon: float | None = None,
        radius_km: float | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        article: str | None = None,
        min_sources: int = 1,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[int, list[dict]]:
        """Deduplicated events, each with every report that tells of it (``sources``)."""
        near = (lat, lat, lon, radius_km) if None not in (lat, lon, radius_km) else None
        where, params = where_sql(
            [
                ("upper(e.type) = ?", type.upper() if type else None),
                (
                    "(e.actor1 ILIKE ? ESCAPE '\\' OR e.actor2 ILIKE ? ESCAPE '\\')",
                    (contains(actor),) * 2 if actor else None,
                ),
                ("upper(e.country) = ?", country.upper() if country else None),
                (_NEAR.format(t="e"), near),
                # an event overlapping the range counts: it may span days (date_first..date_last)
                ("coalesce(e.date_last, e.date_first) >= try_cast(? AS DATE)", date_from or None),
                ("e.date_first <= try_cast(? AS DATE)", date_to or None),
                ("e.linked_id IN (SELECT linked_id FROM event_mentions WHERE article_id = ?)", article or None),
                ("e.sources >= ?", min_sources if min_sources > 1 else None),
            ]
        )
        rows = self.rows(
            f"SELECT e.*, count(*) OVER () AS _total FROM linked_events e {where} "
            f"ORDER BY e.date_first DESC NULLS LAST, e.linked_id LIMIT ? OFFSET ?",
            params + [limit, offset],
        )
        total = self._total(rows, f"SELECT count(*) AS n FROM linked_events e {where}", params)
        told = self._mentions([r["linked_id"] for r in rows], per_event=SOURCES_SHOWN)
        return total, [self._linked_item(r, told.get(r["linked_id"], [])) for r in rows]

    def linked_event(self, linked_id: str) -> dict | None:
        row = self.one("SELECT * FROM linked_events WHERE linked_id = ?", [linked_id]) if self.linked() else None
        return self._linked_item(row, self._mentions([linked_id]).get(linked_id, [])) if row else None

    def _mentions(self, ids: list[str], per_event: int | None = None) -> dict[str, list[dict]]:
        """The reports of each linked event, earliest first; in lists only the first ``per_event``
        (an event told by hundreds of reports would otherwise fill the page)."""
        if not ids:
            return {}
        # pick the reports first (keys and dates only), then fetch sentences for the picked ones
        cap = "WHERE p.n <= ?" if per_event else ""
        marks = ", ".join("?" * len(ids))
        out: dict[str, list[dict]] = {}
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
            out.setdefault(m.pop("linked_id"), []).append(m)
        return out

    @staticmethod
    def _linked_item(r: dict, told: list[dict]) -> dict:
        first = told[0] if told else {}
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

    def event(self, article_id: str, event_id: str) -> dict | None:
        _, found = self.events(article=article_id, include_negated=True, limit=1000)
        return next((e for e in found if e["event_id"] == event_id), None)

    def event_types(self) -> list[str]:
        return [r["type"] for r in self.rows("SELECT DISTINCT type FROM events WHERE type IS NOT NULL ORDER BY 1")]

    # -- actors --------------------------------------------------------------------------------
    def actors(self, q: str | None = None, limit: int = 50, offset: int = 0) -> tuple[int, list[dict]]:
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
            f"SELECT * FROM ({grouped}) g ORDER BY quotes + events DESC, mentions DESC, name LIMIT ? OFFSET ?",
            params + [limit, offset],
        )
        return total, rows

    def actor(self, name: str, limit: int = 200) -> dict | None:
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
        who = {"name": name, **(ent or {}), "actor_id": (linked or {}).get("actor_id"), "aliases": names[1:]}
        if linked:
            who["type"] = who.get("type") or linked.get("type")
            who["articles"] = max(who.get("articles") or 0, linked.get("articles") or 0)
        if not who.get("title"):
            who["title"] = next((q["speaker_title"] for q in said if q.get("speaker_title")), None)
        for ev in as_source + as_target:
            side = "source" if ev["source"] in names else "target"
            who["country"] = who.get("country") or ev.get(f"{side}_country")
            who["sector"] = who.get("sector") or ev.get(f"{side}_sector")
        return {**who, "statements": said, "events_as_source": as_source, "events_as_target": as_target}

    def _linked_actor(self, name: str) -> dict | None:
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

    def _actor_events(self, side: str, names: list[str], limit: int) -> list[dict]:
        rows = self.rows(
            f"SELECT e.*, {DAY_SQL.format(c='e.date')} AS day, a.title AS article_title FROM events e "
            f"JOIN articles a ON a.id = e.article_id WHERE e.{side} IN (SELECT unnest(?)) "
            f"ORDER BY day NULLS LAST, e.article_id LIMIT ?",
            [names, limit],
        )
        for r in rows:
            r["id"] = f"{r['article_id']}/{r['event_id']}"
            r["day"] = r["day"].isoformat() if r.get("day") else None
        return rows

    # -- quotes, places, contradictions ----------------------------------------------------------
    def quotes(
        self,
        speaker: str | None = None,
        q: str | None = None,
        article: str | None = None,
        speaker_exact: list[str] | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[int, list[dict]]:
        conds: list[str] = []
        params: list = []
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
        return total, rows

    def places(
        self, q: str | None = None, country: str | None = None, limit: int = 50, offset: int = 0
    ) -> tuple[int, list[dict]]:
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
        return total, rows

    def contradictions(self, q: str | None = None, limit: int = 50, offset: int = 0) -> tuple[int, list[dict]]:
        where, params = (
            (
                "WHERE c.about ILIKE ? ESCAPE '\\' OR c.content_a ILIKE ? ESCAPE '\\' OR c.content_b ILIKE ? ESCAPE '\\'",
                [contains(q)] * 3,
            )
            if q
            else ("", [])
        )
        base = f"FROM contradictions c JOIN articles a ON a.id = c.article_id {where}"
        total = self.count(f"SELECT count(*) AS n {base}", params)
        rows = self.rows(
            f"SELECT c.*, a.title AS article_title, a.published {base} "
            f"ORDER BY c.confidence DESC NULLS LAST, c.article_id LIMIT ? OFFSET ?",
            params + [limit, offset],
        )
        return total, rows
