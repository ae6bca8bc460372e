"""Cross-article links kept in the store, updated incrementally as batches of articles arrive.

``Linker.link`` runs inside the store's batch transaction, so a batch's articles and its links
commit together or not at all (a killed ingest leaves neither). The rules are in
:mod:`dateline.link.duplicates`, :mod:`dateline.link.actors` and :mod:`dateline.link.events`;
this module only reads candidates from the database and writes the links back.
"""

from __future__ import annotations

import itertools
import logging
import math
from collections import defaultdict
from datetime import date, timedelta

import numpy as np

from ..link import actors as _actors
from ..link import duplicates as _dups
from ..link import events as _events
from ..link.actors import Name  # in annotations: within Linker, _actors and _events name its methods
from ..link.events import Mention, Side
from ..records import Actor, Event, Report
from .bulk import bulk_insert
from .rows import (
    ActorRow,
    AliasRow,
    BandRow,
    CounterRow,
    DayRow,
    DuplicateRow,
    EntityActorRow,
    MentionRow,
    SignatureRow,
)

log = logging.getLogger(__name__)

MEMBERS = 8  # stored mentions of a linked event compared with a new one (the most recent)
GEO_PRECISION = {"city": 1, "facility": 1, "admin2": 2, "admin1": 3, "region": 3, "country": 3}


class Linker:
    def __init__(self, con, signatures: dict[str, np.ndarray] | None = None):
        self.con = con
        self._signatures = signatures or {}  # article id → MinHash signature, made beforehand

    @staticmethod
    def signatures(reports: list[Report]) -> dict[str, np.ndarray]:
        """The MinHash signatures of a batch (CPU only; the store makes them before its transaction)."""
        return {r.id: _dups.signature(r.text) for r in reports}

    # -- ids -----------------------------------------------------------------------------------
    def _next(self, name: str, prefix: str) -> str:
        """The next id of a kind; counters live in the store, so ids go on across runs."""
        self._counters[name] = self._counters.get(name, 0) + 1
        return f"{prefix}{self._counters[name]:06d}"

    # -- the batch -----------------------------------------------------------------------------
    def link(self, reports: list[Report]) -> None:
        if not reports:
            return
        self._counters = dict(self.con.execute("SELECT name, value FROM counters").fetchall())
        self.stories = self._duplicates(reports)
        actor_ids = self._actors(reports)
        touched = self._events(reports, actor_ids)
        self.refresh_events(touched)
        self.con.execute("DELETE FROM counters")
        bulk_insert(self.con, "counters", [CounterRow(name=k, value=v) for k, v in self._counters.items()])

    def unlink(self, article_id: str) -> None:
        """Forget an article's links (it is being replaced); its events lose that mention."""
        touched = {
            r[0]
            for r in self.con.execute(
                "SELECT DISTINCT linked_id FROM event_mentions WHERE article_id = ?", [article_id]
            ).fetchall()
        }
        for table in (
            "event_mentions",
            "event_days",
            "entity_actors",
            "article_bands",
            "article_signatures",
            "article_duplicates",
        ):
            self.con.execute(f"DELETE FROM {table} WHERE article_id = ?", [article_id])
        self.refresh_events(touched)

    # -- near-duplicates -----------------------------------------------------------------------
    def _duplicates(self, reports: list[Report]) -> dict[str, str]:
        """Record each article's MinHash bands; returns article id → its story (the original it
        is a near-duplicate of, or itself). One query for the batch's candidates."""
        sigs = {r.id: self._signatures[r.id] if r.id in self._signatures else _dups.signature(r.text) for r in reports}
        buckets = {rid: _dups.bands(sig) for rid, sig in sigs.items()}
        wanted = sorted({b for bs in buckets.values() for b in bs})
        rows = self.con.execute(
            "SELECT b.bucket, s.article_id, s.signature, d.original_id FROM article_bands b "
            "JOIN article_signatures s USING (article_id) LEFT JOIN article_duplicates d USING (article_id) "
            "WHERE b.bucket IN (SELECT unnest(?))",
            [wanted],
        ).fetchall()
        by_bucket: dict[int, list[tuple[str, np.ndarray, str | None]]] = defaultdict(list)
        for bucket, other, raw, original in rows:
            by_bucket[bucket].append((other, _dups.from_bytes(raw), original))
        stories, dup_rows = {}, []
        for r in reports:
            sig, best = sigs[r.id], None
            seen = set()
            for bucket in buckets[r.id]:
                for other, other_sig, original in by_bucket.get(bucket, ()):
                    if other in seen or other == r.id:
                        continue
                    seen.add(other)
                    sim = _dups.similarity(sig, other_sig)
                    if sim >= _dups.THRESHOLD and (best is None or sim > best[1]):
                        best = (original or other, sim)
            if best:
                dup_rows.append(DuplicateRow(article_id=r.id, original_id=best[0], similarity=best[1]))
            stories[r.id] = best[0] if best else r.id
            for bucket in buckets[r.id]:  # later articles of this batch see this one
                by_bucket[bucket].append((r.id, sig, best[0] if best else None))
        bulk_insert(self.con, "article_duplicates", dup_rows)
        bulk_insert(
            self.con,
            "article_signatures",
            [SignatureRow(article_id=rid, signature=_dups.to_bytes(sig)) for rid, sig in sigs.items()],
        )
        bulk_insert(
            self.con,
            "article_bands",
            [
                BandRow(band=band, bucket=bucket, article_id=rid)
                for rid, bs in buckets.items()
                for band, bucket in enumerate(bs)
            ],
        )
        return stories

    # -- actors --------------------------------------------------------------------------------
    def _actors(self, reports: list[Report]) -> dict[str, dict[str, str]]:
        """Article id → (entity id → actor id) for the actor-like entities of a batch. The aliases
        the batch could match are read in one query; new actors and aliases are written in bulk."""
        ents = [
            (
                r,
                e,
                [
                    _actors.Name(n, e.type, e.actor.country if e.actor else None)
                    for n in dict.fromkeys((e.name, *e.aliases))
                    if n
                ],
            )
            for r in reports
            for e in r.entities
            if e.type in _actors.TYPES
        ]
        names = [n for _, _, ns in ents for n in ns]
        # aliases: [actor_id, alias, key, skeleton, initials, type, country, mentions(actor)]
        aliases = self._alias_candidates(names)
        actors_new: list[ActorRow] = []
        alias_new: dict[tuple[str, str], AliasRow] = {}
        alias_bump: dict[tuple[str, str], int] = defaultdict(int)
        links: list[EntityActorRow] = []
        out: dict[str, dict[str, str]] = defaultdict(dict)
        fill: dict[str, tuple[str | None, str | None]] = {}
        for r, e, ns in ents:
            actor_id = self._match(ns, aliases)
            if actor_id is None:
                actor_id = self._next("actor", "A")
                country, sector = (e.actor.country, e.actor.sector) if e.actor else (None, None)
                actors_new.append(
                    ActorRow(
                        actor_id=actor_id,
                        name=e.name,
                        type=e.type,
                        country=country,
                        sector=sector,
                        mentions=0,
                        articles=0,
                    )
                )
            elif e.actor:
                fill.setdefault(actor_id, (e.actor.country, e.actor.sector))
            for n in ns:
                count = len(e.mentions) if n.text == e.name else 0
                k = (actor_id, n.text)
                if k in alias_new:
                    alias_new[k] = alias_new[k]._replace(mentions=alias_new[k].mentions + count)
                elif any(a[0] == actor_id and a[1] == n.text for a in aliases.get(n.key, ())):
                    alias_bump[k] += count
                else:
                    row = AliasRow(
                        actor_id=actor_id,
                        alias=n.text,
                        key=n.key,
                        skeleton=n.skeleton,
                        initials=_actors.initials(n.key),
                        mentions=count,
                    )
                    alias_new[k] = row
                    # the batch's later entities can match what this one introduced
                    cand = [
                        actor_id,
                        n.text,
                        n.key,
                        n.skeleton,
                        row.initials,
                        e.type,
                        e.actor.country if e.actor else None,
                        0,
                    ]
                    for kk in {n.key, "s:" + n.skeleton, "i:" + row.initials}:
                        aliases.setdefault(kk, []).append(cand)
            out[r.id][e.id] = actor_id
            links.append(EntityActorRow(article_id=r.id, entity_id=e.id, actor_id=actor_id))
        bulk_insert(self.con, "actors", actors_new)
        bulk_insert(self.con, "actor_aliases", list(alias_new.values()))
        bulk_insert(self.con, "entity_actors", links)
        if alias_bump:
            self.con.execute(
                "UPDATE actor_aliases SET mentions = mentions + x.n FROM (SELECT unnest(?) AS id, unnest(?) AS alias, "
                "unnest(?) AS n) x WHERE actor_aliases.actor_id = x.id AND actor_aliases.alias = x.alias",
                [[k[0] for k in alias_bump], [k[1] for k in alias_bump], list(alias_bump.values())],
            )
        if fill:
            self.con.execute(
                "UPDATE actors SET country = coalesce(actors.country, x.c), sector = coalesce(actors.sector, x.s) "
                "FROM (SELECT unnest(?) AS id, unnest(?) AS c, unnest(?) AS s) x WHERE actors.actor_id = x.id",
                [list(fill), [v[0] for v in fill.values()], [v[1] for v in fill.values()]],
            )
        if links:
            # the canonical name is the spelling seen most often (ties: the longer, then alphabetical)
            self.con.execute(
                "UPDATE actors SET name = (SELECT alias FROM actor_aliases a WHERE a.actor_id = actors.actor_id "
                "ORDER BY mentions DESC, length(alias) DESC, alias LIMIT 1), "
                "mentions = (SELECT sum(mentions) FROM actor_aliases a WHERE a.actor_id = actors.actor_id), "
                "articles = (SELECT count(DISTINCT article_id) FROM entity_actors x WHERE x.actor_id = actors.actor_id) "
                "WHERE actor_id IN (SELECT unnest(?))",
                [sorted({x.actor_id for x in links})],
            )
        return out

    def _alias_candidates(self, names: list[Name]) -> dict[str, list[list]]:
        """Stored aliases a name of the batch could match, indexed by key, 's:'+skeleton, 'i:'+initials."""
        if not names:
            return {}
        keys = sorted({n.key for n in names if n.key} | {_actors.initials(n.key) for n in names} - {""})
        skels = sorted({n.skeleton for n in names if n.key})
        rows = self.con.execute(
            "SELECT a.actor_id, a.alias, a.key, a.skeleton, a.initials, actors.type, actors.country, actors.mentions "
            "FROM actor_aliases a JOIN actors USING (actor_id) WHERE a.key IN (SELECT unnest(?)) "
            "OR a.skeleton IN (SELECT unnest(?)) OR a.initials IN (SELECT unnest(?)) "
            "ORDER BY actors.mentions DESC, a.actor_id",
            [keys, skels, keys],
        ).fetchall()
        index: dict[str, list[list]] = {}
        for row in rows:
            for k in {row[2], "s:" + row[3], "i:" + (row[4] or "")}:
                index.setdefault(k, []).append(list(row))
        return index

    @staticmethod
    def _match(names: list[Name], aliases: dict[str, list[list]]) -> str | None:
        """Rule 1 (same key), then rules 2 and 3 (skeleton, acronym) of :mod:`dateline.link.actors`."""
        for n in names:
            if n.key and aliases.get(n.key):
                return aliases[n.key][0][0]
        for n in names:
            if not n.key:
                continue
            pool = aliases.get("s:" + n.skeleton, []) + aliases.get("i:" + n.key, [])
            initials = _actors.initials(n.key)
            if initials:
                pool += aliases.get(initials, [])
            for actor_id, alias, _k, _s, _i, type_, country, _m in pool:
                if _actors.same_actor(_actors.Name(alias, type_, country), n):
                    return actor_id
        return None

    # -- events --------------------------------------------------------------------------------
    def _events(self, reports: list[Report], actor_ids: dict[str, dict[str, str]]) -> set[str]:
        mentions = []
        for r in reports:
            for e in r.events:
                if e.negated or e.hypothetical:
                    continue
                mentions.append((r, e, self._mention(r, e, actor_ids[r.id])))
        if not mentions:
            return set()
        candidates = self._candidates([m for _, _, m in mentions])
        index = _Pool(candidates, self._days(set(candidates)))
        touched = set()
        rows: list[MentionRow] = []
        for r, e, m in mentions:
            pool = {lid: index.members[lid] for lid in index.near(m)}
            linked_id = _events.best_match(m, pool) or self._next("event", "E")
            index.add(linked_id, m)
            touched.add(linked_id)
            rows.append(self._mention_row(linked_id, r, e, m))
        bulk_insert(self.con, "event_mentions", rows)
        bulk_insert(
            self.con,
            "event_days",
            [DayRow(m.type, day, m.article_id, m.event_id) for _, _, m in mentions for day in _days(m.first, m.last)],
        )
        return touched

    def _mention(self, r: Report, e, actor_ids: dict[str, str]) -> Mention:
        first, last, _ = _events.interval(_told_date(e), r.published)
        place = next((p for p in r.places if e.place and p.id == e.place.place), None)
        lat = e.place.lat if e.place and e.place.lat is not None else (place.lat if place else None)
        lon = e.place.lon if e.place and e.place.lon is not None else (place.lon if place else None)
        country = (e.place.country if e.place else None) or (place.country if place else None)
        coarse = bool(
            place and (place.feature in _events.COARSE_FEATURES or place.precision in _events.COARSE_PRECISION)
        )
        weak = bool(place and r.dateline and r.dateline.start <= place.start < r.dateline.end)
        return _events.Mention(
            article_id=r.id,
            event_id=e.id,
            type=e.type,
            first=first,
            last=last,
            place_key=_actors.key(e.place.name) if e.place and e.place.name else None,
            lat=lat,
            lon=lon,
            country=country,
            coarse=coarse,
            weak=weak,
            source=self._side(e.source, r, actor_ids),
            target=self._side(e.target, r, actor_ids),
            fatalities=None if e.cumulative else e.fatalities,  # a running total is no event's toll
            story=self.stories.get(r.id, r.id),
        )

    def _side(self, a: Actor | None, r: Report, actor_ids: dict[str, str]) -> Side:
        if a is None:
            return _events.Side()
        # Only people and organisations are named actors here: a country as an actor ("Russia",
        # "Kenyan police") is compared by its country code, as event data codes it.
        named = {x.id: x for x in r.entities if x.id in actor_ids and x.type in ("PERSON", "ORG")}
        entity = named.get(a.entity or "")
        if entity is None:  # an actor named like one of the article's entities is that entity
            k = _actors.key(a.name)
            entity = next((x for x in named.values() if k in {_actors.key(n) for n in (x.name, *x.aliases)}), None)
        actor_id = actor_ids[entity.id] if entity else None
        return _events.Side(actor_id=actor_id, name=a.name, sector=a.sector, country=a.country)

    def _days(self, linked_ids: set[str]) -> dict[str, tuple[date, date]]:
        """The first and last day of each event's mentions dated to a day."""
        if not linked_ids:
            return {}
        rows = self.con.execute(
            "SELECT linked_id, min(date_first), max(date_last) FROM event_mentions "
            "WHERE time_precision = 1 AND linked_id IN (SELECT unnest(?)) GROUP BY linked_id",
            [sorted(linked_ids)],
        ).fetchall()
        return {lid: (first, last) for lid, first, last in rows if first is not None and last is not None}

    def _candidates(self, mentions: list[Mention]) -> dict[str, list[Mention]]:
        dated = [m for m in mentions if m.first]
        if not dated:
            return {}
        # one window per type and day range of the batch, so a batch that spans years (a report
        # recalling an old attack) fetches only the stored mentions near each of its own
        w = timedelta(days=_events.DATE_WINDOW)
        # (an interval has both ends or neither: events.interval). A stored mention meets a window
        # when one day of its interval is a day of the window: the (type, day) pairs of the batch's
        # windows are joined with event_days by hash, so the search costs what the window holds,
        # not what the store holds (a range test against every stored mention grew with the store).
        keys = sorted({(m.type, d) for m in dated if m.first and m.last for d in _days(m.first - w, m.last + w)})
        rows = self.con.execute(
            "WITH k AS (SELECT unnest(?) AS t, unnest(?) AS d), "
            "hit AS (SELECT DISTINCT x.article_id, x.event_id FROM event_days x JOIN k ON x.type = k.t AND x.day = k.d) "
            "SELECT * FROM (SELECT m.*, row_number() OVER (PARTITION BY m.linked_id ORDER BY m.rowid DESC) AS _n "
            "FROM event_mentions m JOIN hit ON m.article_id = hit.article_id AND m.event_id = hit.event_id) x "
            "WHERE _n <= ? ORDER BY linked_id, _n",  # the first of several matching events wins: the same in every run
            [[k[0] for k in keys], [k[1] for k in keys], MEMBERS],
        ).fetchall()
        cols = [d[0] for d in self.con.description]
        index: dict[str, list[Mention]] = defaultdict(list)
        for row in rows:
            x = dict(zip(cols, row))
            index[x["linked_id"]].append(mention_of_row(x))
        return index

    def _mention_row(self, linked_id: str, r: Report, e: Event, m: Mention) -> MentionRow:
        _, _, time_precision = _events.interval(_told_date(e), r.published)
        place = next((p for p in r.places if e.place and p.id == e.place.place), None)
        geo = GEO_PRECISION.get(place.feature or "", 2) if place else (2 if m.lat is not None else None)
        return MentionRow(
            linked_id=linked_id,
            article_id=r.id,
            event_id=e.id,
            type=e.type,
            date_first=m.first,
            date_last=m.last,
            time_precision=time_precision,
            place=e.place.name if e.place else None,
            place_key=m.place_key,
            lat=m.lat,
            lon=m.lon,
            country=m.country,
            admin1=place.admin1 if place else None,
            geo_precision=geo,
            coarse=m.coarse,
            weak=m.weak,
            source_actor=m.source.actor_id,
            source=m.source.name,
            source_sector=m.source.sector,
            source_country=m.source.country,
            target_actor=m.target.actor_id,
            target=m.target.name,
            target_sector=m.target.sector,
            target_country=m.target.country,
            fatalities=None if e.cumulative else e.fatalities,  # a running total is no event's toll
            acled_event_type=e.acled_event_type,
            acled_sub_event_type=e.acled_sub_event_type,
            story=m.story,
        )

    def refresh_events(self, linked_ids: set[str]) -> None:
        """Recompute the summary row of each linked event from its mentions. ``sources`` counts
        outlets, a near-duplicate counting as its original's outlet (a syndicated copy is not
        another witness); ``reports`` counts articles."""
        if not linked_ids:
            return
        ids = sorted(linked_ids)
        self.con.execute("DELETE FROM linked_events WHERE linked_id IN (SELECT unnest(?))", [ids])
        self.con.execute(
            """
            INSERT INTO linked_events
            SELECT m.linked_id, mode(m.type), mode(m.acled_event_type), mode(m.acled_sub_event_type),
                   min(m.date_first) FILTER (WHERE m.time_precision = 1), max(m.date_last) FILTER (WHERE m.time_precision = 1),
                   min(m.time_precision), mode(m.place), avg(m.lat), avg(m.lon), mode(m.country), mode(m.admin1),
                   min(m.geo_precision),
                   coalesce(mode(sa.name), mode(m.source)), coalesce(mode(ta.name), mode(m.target)),
                   min(m.fatalities), max(m.fatalities), count(*), count(DISTINCT m.article_id),
                   count(DISTINCT coalesce(o.source, o.id))
            FROM event_mentions m
            LEFT JOIN article_duplicates d ON d.article_id = m.article_id
            LEFT JOIN articles o ON o.id = coalesce(d.original_id, m.article_id)
            LEFT JOIN actors sa ON sa.actor_id = m.source_actor
            LEFT JOIN actors ta ON ta.actor_id = m.target_actor
            WHERE m.linked_id IN (SELECT unnest(?))
            GROUP BY m.linked_id""",
            [ids],
        )
        # undated reports only: the interval they were matched on
        self.con.execute(
            """
            UPDATE linked_events SET date_first = x.f, date_last = x.l
            FROM (SELECT linked_id, min(date_first) AS f, max(date_last) AS l FROM event_mentions
                  WHERE linked_id IN (SELECT unnest(?)) GROUP BY linked_id) x
            WHERE linked_events.linked_id = x.linked_id AND linked_events.date_first IS NULL""",
            [ids],
        )


def _days(first: date | None, last: date | None) -> list[date]:
    """The days from ``first`` to ``last``, both included (none for an undated mention)."""
    if first is None or last is None:
        return []
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


CELL = 0.5  # degrees: a place cell of the candidate pool (50 km is 0.45° of latitude)


def _precise(m: Mention) -> bool:
    """A point that rules out another precise point more than MAX_KM away (events._place)."""
    return m.lat is not None and m.lon is not None and not m.coarse and not m.weak


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / CELL), math.floor(lon / CELL) % round(360 / CELL)


def _cells_near(lat: float, lon: float) -> set[tuple[int, int]] | None:
    """Every cell holding a point within MAX_KM of (lat, lon); None near a pole (no pruning there).
    Along any path of length d, latitude moves at most d/R and longitude at most d/(R cos φmax)."""
    d = math.degrees(_events.MAX_KM / 6371.0) * 1.01  # the haversine's radius, and a margin
    top = abs(lat) + d
    if top >= 85:
        return None
    dlon = d / math.cos(math.radians(top))
    lats = range(math.floor((lat - d) / CELL), math.floor((lat + d) / CELL) + 1)
    lons = range(math.floor((lon - dlon) / CELL), math.floor((lon + dlon) / CELL) + 1)
    return {(a, b % round(360 / CELL)) for a in lats for b in lons}


class _Pool:
    """The candidate linked events of a batch (id → some of its mentions), with the batch's own
    mentions added as they are linked, found for a new mention by type, day and place cell.

    ``near`` answers what a pass over every candidate did (the linked events with a mention of the
    type whose interval, widened by the date window, meets the new one's, or from the same article),
    in the same order (so ties go the same way), from dicts keyed by (type, day) and (type, article)
    rather than by looking at every mention fetched for the batch. For a precise point it also leaves
    out the events that ``events.best_match`` would rule out anyway: those with a precise point of
    their own, none of them in a cell within MAX_KM (a precise point farther away rules the event
    out, events._place); so many reports of one day elsewhere cost nothing here."""

    def __init__(self, members: dict[str, list[Mention]], days: dict[str, tuple[date, date]] | None = None):
        self.members: dict[str, list[Mention]] = {}
        # the first and last day of each event's mentions dated to a day, all of them (stored ones
        # beyond those fetched too): a new mention must agree with every one (``fits``)
        self._days: dict[str, tuple[date, date]] = dict(days or {})
        self._order: dict[str, int] = {}
        self._by_day: dict[tuple[str, date], set[str]] = defaultdict(set)
        self._by_article: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._by_cell: dict[tuple[int, int], set[str]] = defaultdict(set)
        self._pinned: set[str] = set()  # events with a precise point
        for lid, ms in members.items():
            for m in ms:
                self.add(lid, m)

    def add(self, lid: str, m: Mention) -> None:
        if lid not in self.members:
            self._order[lid] = len(self._order)
            self.members[lid] = []
        self.members[lid].append(m)
        self._by_article[(m.type, m.article_id)].add(lid)
        if m.first and m.last:
            for d in _days(m.first, m.last):
                self._by_day[(m.type, d)].add(lid)
        if m.first is not None and m.first == m.last:
            first, last = self._days.get(lid, (m.first, m.last))
            self._days[lid] = (min(first, m.first), max(last, m.last))
        if _precise(m):
            assert m.lat is not None and m.lon is not None
            self._pinned.add(lid)
            self._by_cell[_cell(m.lat, m.lon)].add(lid)

    def near(self, m: Mention) -> list[str]:
        found = set(self._by_article.get((m.type, m.article_id), ()))
        if m.first and m.last:
            w = timedelta(days=_events.DATE_WINDOW)
            for d in _days(m.first - w, m.last + w):
                found |= self._by_day.get((m.type, d), set())
        cells = _cells_near(m.lat, m.lon) if _precise(m) and m.lat is not None and m.lon is not None else None
        if cells is not None:
            close = set().union(*(self._by_cell.get(c, set()) for c in cells))
            found = {lid for lid in found if lid not in self._pinned or lid in close}
        return sorted((lid for lid in found if self.fits(lid, m)), key=self._order.__getitem__)

    def fits(self, lid: str, m: Mention) -> bool:
        """Whether ``m`` agrees with every day-dated mention of the event, not only with those
        fetched near it: a report dated only by a month ("in August") met an attack of the 10th
        and one of the 21st alike, and chained the two into one event."""
        span = self._days.get(lid)
        if span is None or m.first is None or m.last is None:
            return True
        w = timedelta(days=_events.DATE_WINDOW)
        return m.first - w <= span[0] and span[1] <= m.last + w


def _told_date(e: Event) -> str | None:
    """The date the report gives the event; a publication month stands for none given, and
    linking reads it as the day before publication to the day of it (link.events): as a month, a
    report's untold days joined every attack on its city that month and the next."""
    return None if e.date_rule == "publication" else e.date


def mention_of_row(x: dict) -> Mention:
    """A stored ``event_mentions`` row as linking compares it."""
    return _events.Mention(
        article_id=x["article_id"],
        event_id=x["event_id"],
        type=x["type"],
        first=x["date_first"],
        last=x["date_last"],
        place_key=x["place_key"],
        lat=x["lat"],
        lon=x["lon"],
        country=x["country"],
        coarse=bool(x["coarse"]),
        weak=bool(x["weak"]),
        source=_events.Side(x["source_actor"], x["source"], x["source_sector"], x["source_country"]),
        target=_events.Side(x["target_actor"], x["target"], x["target_sector"], x["target_country"]),
        fatalities=x["fatalities"],
        story=x["story"],
    )


def same_tellings(rows: list[dict]) -> dict[str, dict[str, frozenset[str]]]:
    """Article id → linked event id → the linked events of that article that tell one event with
    it: two of its mentions the linker put in different events (each joined the one that matched it
    best: "an attack in Idlib" with an earlier report, "killed 58 in Khan Sheikhoun" with a later one)
    that would be one event had they come from two articles (enough evidence, nothing against)."""
    by_article: dict[str, list[tuple[str, Mention]]] = defaultdict(list)
    for x in rows:
        by_article[x["article_id"]].append((x["linked_id"], mention_of_row(x)))
    out: dict[str, dict[str, frozenset[str]]] = {}
    for aid, ms in by_article.items():
        group = {lid: {lid} for lid, _ in ms}
        for (la, a), (lb, b) in itertools.combinations(ms, 2):
            if la != lb and (_events.evidence(a, b) or 0.0) >= _events.MIN_EVIDENCE:
                joined = group[la] | group[lb]
                for lid in joined:
                    group[lid] = joined
        out[aid] = {lid: frozenset(g) for lid, g in group.items()}
    return out
