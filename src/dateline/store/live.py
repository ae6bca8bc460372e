"""What the live watcher and the alerts keep in the store: each watched feed's state (its ETag and
Last-Modified for conditional requests, its last error), every item URL seen in a feed and what
became of it, saved alert rules and the hits they produced. Keeping these in the store, next to
the articles, is what lets a watcher killed mid-round start again without storing an article twice
or missing one (docs/live.md).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any

from .database import Store
from .queries import Catalog, contains


@dataclass(frozen=True)
class FeedState:
    """One watched source: a feed or a page, what the last poll answered, and counts."""

    url: str
    kind: str | None = None  # feed or page, once known
    etag: str | None = None
    last_modified: str | None = None
    polled_at: Any = None
    ok_at: Any = None
    status: str = "new"  # new, ok, failing
    error: str | None = None
    failures: int = 0  # failed polls in a row
    entries: int = 0  # entries in the last feed answered
    stored: int = 0  # articles stored from it, in all
    rejected: int = 0  # items rejected from it, in all


@dataclass(frozen=True)
class SeenItem:
    """An item URL from a feed and what became of it: stored, duplicate (same text stored), rejected."""

    url: str
    feed: str
    status: str
    article_id: str | None = None
    reason: str | None = None
    encoding: str | None = None
    language: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class AlertRule:
    """A saved filter; every field given must match (None: any)."""

    type: str | None = None  # PLOVER type: ASSAULT, PROTEST, ...
    country: str | None = None  # ISO 3166 alpha-2
    admin1: str | None = None  # part of the province's name
    min_fatalities: int | None = None
    actor: str | None = None  # part of an actor's name (either side; a speaker for contradictions)
    keyword: str | None = None  # in the sentence, the title (the claims for contradictions)
    contradiction: bool = False  # match contradictions instead of events

    def describe(self) -> str:
        parts = [f"{f.name.replace('_', '-')}={getattr(self, f.name)}" for f in fields(self) if getattr(self, f.name)]
        return " ".join(parts) or "everything"


@dataclass(frozen=True)
class Alert:
    alert_id: int
    name: str
    rule: AlertRule
    webhook: str | None = None


@dataclass(frozen=True)
class AlertHit:
    """One event or contradiction that matched an alert."""

    alert_id: int
    name: str
    kind: str  # event or contradiction
    item: str  # the event's or contradiction's id in its article
    article_id: str
    payload: dict
    webhook: str | None = None

    def to_dict(self) -> dict:
        found = asdict(self)
        found.pop("webhook")
        return found


# -- the watcher's state ---------------------------------------------------------------------------
_FEED_COLS = [f.name for f in fields(FeedState)]
_ITEM_COLS = [f.name for f in fields(SeenItem)]


def feed_states(catalog: Catalog) -> list[FeedState]:
    """Every watched source's state, failing ones first."""
    if "watch_feeds" not in catalog.tables():
        return []
    rows = catalog.rows(f"SELECT {', '.join(_FEED_COLS)} FROM watch_feeds ORDER BY status = 'ok', url")
    return [FeedState(**r) for r in rows]


def seen_urls(store: Store, urls: Sequence[str]) -> set[str]:
    """Which of ``urls`` are stored articles (by URL or id) or items seen already."""
    if not urls:
        return set()
    found = store.query(
        "SELECT url FROM watch_items WHERE url IN (SELECT unnest(?)) UNION "
        "SELECT url FROM articles WHERE url IN (SELECT unnest(?)) UNION "
        "SELECT id FROM articles WHERE id IN (SELECT unnest(?))",
        [list(urls)] * 3,
    )
    return {r["url"] for r in found}


def stored_ids(store: Store, ids: Sequence[str]) -> set[str]:
    if not ids:
        return set()
    return {r["id"] for r in store.query("SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [list(ids)])}


def save_round(store: Store, feeds: Iterable[FeedState], items: Iterable[SeenItem]) -> None:
    """The feeds' new state and the items a round settled, in one transaction."""
    feed_sql = _upsert("watch_feeds", _FEED_COLS, "url")
    item_sql = _upsert("watch_items", [*_ITEM_COLS, "seen_at"], "url", values="?, " * len(_ITEM_COLS) + "now()")
    with store.transaction() as con:
        for f in feeds:
            con.execute(feed_sql, [getattr(f, c) for c in _FEED_COLS])
        for i in items:
            con.execute(item_sql, [getattr(i, c) for c in _ITEM_COLS])


def _upsert(table: str, cols: list[str], key: str, values: str | None = None) -> str:
    sets = ", ".join(f"{c} = excluded.{c}" for c in cols if c != key)
    return (
        f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({values or ', '.join('?' for _ in cols)}) "
        f"ON CONFLICT ({key}) DO UPDATE SET {sets}"
    )


def recent_items(catalog: Catalog, limit: int = 50) -> list[dict]:
    if "watch_items" not in catalog.tables():
        return []
    return catalog.rows(
        "SELECT url, feed, status, article_id, reason, encoding, language, published, seen_at "
        "FROM watch_items ORDER BY seen_at DESC, url LIMIT ?",
        [limit],
    )


# -- alerts ----------------------------------------------------------------------------------------
def add_alert(store: Store, name: str | None, rule: AlertRule, webhook: str | None = None) -> int:
    """Save a rule; it matches what is stored from now on (not what is stored already)."""
    with store.transaction() as con:
        row = con.execute("SELECT coalesce(max(alert_id), 0) + 1 FROM alerts").fetchone()
        alert_id = int(row[0])
        con.execute(
            "INSERT INTO alerts (alert_id, name, rule, webhook, created_at) VALUES (?, ?, ?, ?, now())",
            [alert_id, name or rule.describe(), json.dumps(asdict(rule)), webhook],
        )
    return alert_id


def remove_alert(store: Store, alert_id: int) -> bool:
    with store.transaction() as con:
        found = con.execute("SELECT 1 FROM alerts WHERE alert_id = ?", [alert_id]).fetchone()
        con.execute("DELETE FROM alerts WHERE alert_id = ?", [alert_id])
    return found is not None


def alerts(catalog: Catalog) -> list[Alert]:
    if "alerts" not in catalog.tables():
        return []
    return [
        Alert(r["alert_id"], r["name"], AlertRule(**json.loads(r["rule"])), r["webhook"])
        for r in catalog.rows("SELECT alert_id, name, rule, webhook FROM alerts ORDER BY alert_id")
    ]


def alert_hits(catalog: Catalog, limit: int = 100) -> list[dict]:
    if "alert_hits" not in catalog.tables():
        return []
    rows = catalog.rows(
        "SELECT h.alert_id, a.name, h.kind, h.item, h.article_id, h.payload, h.hit_at FROM alert_hits h "
        "LEFT JOIN alerts a USING (alert_id) ORDER BY h.hit_at DESC, h.article_id, h.item LIMIT ?",
        [limit],
    )
    for r in rows:
        r["payload"] = json.loads(r["payload"]) if isinstance(r["payload"], str) else r["payload"]
    return rows


_EVENTS = """
SELECT e.article_id, e.event_id, e.type, e.source, e.target, e.place, coalesce(m.country, e.country) AS country,
       m.admin1, e.date, e.fatalities, e.sentence, a.title, a.url, a.published
FROM events e JOIN articles a ON a.id = e.article_id
LEFT JOIN event_mentions m ON m.article_id = e.article_id AND m.event_id = e.event_id
WHERE e.article_id IN (SELECT unnest(?)) AND a.ingested_at >= ?
  AND NOT coalesce(e.negated, false) AND NOT coalesce(e.hypothetical, false) {more}
ORDER BY e.article_id, e.event_id
"""
_CONTRADICTIONS = """
SELECT c.article_id, c.contradiction_id, c.type, c.about, c.confidence, c.speaker_a, c.content_a, c.speaker_b,
       c.content_b, a.title, a.url, a.published
FROM contradictions c JOIN articles a ON a.id = c.article_id
WHERE c.article_id IN (SELECT unnest(?)) AND a.ingested_at >= ? {more}
ORDER BY c.article_id, c.contradiction_id
"""


def _conditions(rule: AlertRule) -> tuple[str, list[Any]]:
    conds: list[tuple[str, Any]]
    if rule.contradiction:
        conds = [
            ("(c.speaker_a ILIKE ? OR c.speaker_b ILIKE ?)", (contains(rule.actor),) * 2 if rule.actor else None),
            (
                "(c.content_a ILIKE ? OR c.content_b ILIKE ? OR c.about ILIKE ?)",
                (contains(rule.keyword),) * 3 if rule.keyword else None,
            ),
        ]
    else:
        conds = [
            ("e.type = ?", rule.type.upper() if rule.type else None),
            ("upper(coalesce(m.country, e.country)) = ?", rule.country.upper() if rule.country else None),
            ("m.admin1 ILIKE ?", contains(rule.admin1)),
            ("e.fatalities >= ?", rule.min_fatalities),
            ("(e.source ILIKE ? OR e.target ILIKE ?)", (contains(rule.actor),) * 2 if rule.actor else None),
            ("(e.sentence ILIKE ? OR a.title ILIKE ?)", (contains(rule.keyword),) * 2 if rule.keyword else None),
        ]
    sql: list[str] = []
    params: list[Any] = []
    for clause, value in conds:
        if value is None:
            continue
        sql.append("AND " + clause)
        params.extend(value if isinstance(value, tuple) else (value,))
    return " ".join(sql), params


def match_alerts(store: Store) -> list[AlertHit]:
    """The hits of every saved alert among the articles not scanned yet, recorded with the scan in
    one transaction (so a restart neither repeats nor skips them); the caller delivers them."""
    hits: list[AlertHit] = []
    with store.transaction() as con:
        fresh = [
            r[0]
            for r in con.execute(
                "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM alert_scanned) ORDER BY id"
            ).fetchall()
        ]
        if not fresh:
            return []
        saved = con.execute("SELECT alert_id, name, rule, webhook, created_at FROM alerts ORDER BY alert_id").fetchall()
        for alert_id, name, rule_json, webhook, created in saved:
            rule = AlertRule(**json.loads(rule_json))
            more, params = _conditions(rule)
            sql = (_CONTRADICTIONS if rule.contradiction else _EVENTS).format(more=more)
            cur = con.execute(sql, [fresh, created, *params])
            cols = [d[0] for d in cur.description]
            for row in cur.fetchall():
                payload = {k: _plain(v) for k, v in zip(cols, row)}
                item = payload["contradiction_id" if rule.contradiction else "event_id"]
                kind = "contradiction" if rule.contradiction else "event"
                hits.append(AlertHit(alert_id, name, kind, str(item), payload["article_id"], payload, webhook))
        for h in hits:
            con.execute(
                "INSERT INTO alert_hits (alert_id, kind, item, article_id, payload, hit_at) VALUES (?, ?, ?, ?, ?, now())",
                [h.alert_id, h.kind, h.item, h.article_id, json.dumps(h.payload)],
            )
        con.execute("INSERT INTO alert_scanned SELECT unnest(?)", [fresh])
    return hits


def undelivered_hits(store: Store) -> list[AlertHit]:
    """Hits recorded but not yet delivered: a watcher stopped between committing them and writing
    or posting them sends them when it starts again (at least once: a hit delivered just before the
    stop, not yet marked, comes again)."""
    with store.held():
        if "alert_hits" not in store.catalog().tables():
            return []
        rows = store.query(
            "SELECT h.alert_id, coalesce(a.name, '') AS name, h.kind, h.item, h.article_id, h.payload, a.webhook "
            "FROM alert_hits h LEFT JOIN alerts a USING (alert_id) WHERE NOT coalesce(h.delivered, false) "
            "ORDER BY h.hit_at, h.article_id, h.item"
        )
    return [
        AlertHit(
            r["alert_id"],
            r["name"],
            r["kind"],
            r["item"],
            r["article_id"],
            json.loads(r["payload"]) if isinstance(r["payload"], str) else r["payload"],
            r["webhook"],
        )
        for r in rows
    ]


def mark_delivered(store: Store, hits: Sequence[AlertHit]) -> None:
    """Record that ``hits`` were written to the alerts file and posted (or given up on) if they had a webhook."""
    if not hits:
        return
    with store.transaction() as con:
        con.execute(
            "UPDATE alert_hits SET delivered = true FROM (SELECT unnest(?) AS a, unnest(?) AS k, unnest(?) AS i, "
            "unnest(?) AS r) x WHERE alert_hits.alert_id = x.a AND alert_hits.kind = x.k AND alert_hits.item = x.i "
            "AND alert_hits.article_id = x.r",
            [[h.alert_id for h in hits], [h.kind for h in hits], [h.item for h in hits], [h.article_id for h in hits]],
        )


def _plain(value: Any) -> Any:
    return value if value is None or isinstance(value, (str, int, float, bool)) else str(value)
