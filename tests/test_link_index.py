"""The linker's candidate search by type, day and place cell (issue 21, item 6): it must find what
the linear pass over every candidate found, less only events the linking rule rules out."""

from __future__ import annotations

import json
import math
import random
from datetime import date, timedelta

from dateline.link import events as _events
from dateline.link.events import Mention, Side, best_match
from dateline.store.links import _cell, _cells_near, _Pool
from test_link_events import CORPUS, coded_report, reports

TYPES = ("ASSAULT", "COERCE")


def linear_near(index: dict[str, list[Mention]], m: Mention) -> list[str]:
    """The pass the pool replaced (store/links.py before issue 21), as the reference."""
    w = timedelta(days=_events.DATE_WINDOW)
    out = []
    for lid, members in index.items():
        for o in members:
            if o.type == m.type and (
                (m.first and m.last and o.first and o.last and m.first - w <= o.last and o.first - w <= m.last)
                or o.article_id == m.article_id
            ):
                out.append(lid)
                break
    return out


def mention(rng: random.Random, n: int) -> Mention:
    first = date(2024, 3, 1) + timedelta(days=rng.randrange(12)) if rng.random() < 0.9 else None
    last = first + timedelta(days=rng.choice((0, 0, 0, 1, 6, 30))) if first else None
    lat = lon = None
    if rng.random() < 0.7:  # a hotspot straddling cells, a far town, the antimeridian, the Arctic
        lat, lon = rng.choice(((36.2, 37.1), (36.0, 36.6), (12.0, 14.5), (-17.0, 179.9), (-17.1, -179.9), (78.2, 15.6)))
        lat, lon = lat + rng.uniform(-0.4, 0.4), lon + rng.uniform(-0.4, 0.4)
        lon = (lon + 180) % 360 - 180
    side = rng.choice((Side(), Side(name="gunmen", sector="rebels"), Side(actor_id="A1", name="X", sector="rebels")))
    return Mention(
        article_id=f"a{rng.randrange(n // 3 + 1)}",
        event_id=f"e{n}",
        type=rng.choice(TYPES),
        first=first,
        last=last,
        place_key=rng.choice((None, "aleppo", "idlib")),
        lat=lat,
        lon=lon,
        country=rng.choice((None, "SY", "SY", "TD")),
        coarse=rng.random() < 0.15,
        weak=rng.random() < 0.1,
        source=side,
        target=Side(),
        fatalities=rng.choice((None, 3, 5)),
    )


def test_the_pool_finds_what_the_linear_pass_found_less_only_what_is_ruled_out():
    rng = random.Random(21)
    stored: dict[str, list[Mention]] = {}
    for i in range(300):
        stored.setdefault(f"E{rng.randrange(120):06d}", []).append(mention(rng, i))
    stored = dict(sorted(stored.items()))
    pool, reference = _Pool(stored), {k: list(v) for k, v in stored.items()}
    pruned = 0
    for i in range(300, 900):  # new mentions, each linked as the store links them, then added
        m = mention(rng, i)
        want, got = linear_near(reference, m), pool.near(m)
        assert [lid for lid in want if lid in got] == got  # a subset, in the same order
        for lid in set(want) - set(got):  # left out: the rule rules it out anyway
            pruned += 1
            assert best_match(m, {lid: reference[lid]}) is None, (m, reference[lid])
        chosen = best_match(m, {lid: pool.members[lid] for lid in got})
        assert chosen == best_match(m, {lid: reference[lid] for lid in want})
        lid = chosen or f"N{i:06d}"
        pool.add(lid, m)
        reference.setdefault(lid, []).append(m)
    assert pruned > 100  # the place cells do leave events out


def test_every_point_within_max_km_is_in_a_cell_near():
    rng = random.Random(7)
    for _ in range(20000):
        lat, lon = rng.uniform(-84, 84), rng.uniform(-180, 180)
        cells = _cells_near(lat, lon)
        assert cells is not None
        # a point at a random bearing, just inside the distance
        d, b = rng.uniform(0, _events.MAX_KM) / 6371.0, rng.uniform(0, 2 * math.pi)
        p1, l1 = math.radians(lat), math.radians(lon)
        p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
        l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
        lat2, lon2 = math.degrees(p2), (math.degrees(l2) + 180) % 360 - 180
        assert _events.km(lat, lon, lat2, lon2) <= _events.MAX_KM + 1e-6
        assert _cell(lat2, lon2) in cells, (lat, lon, lat2, lon2)
    assert _cells_near(86.0, 10.0) is None  # near a pole nothing is left out


def test_event_days_follow_the_mentions_and_are_rebuilt_by_the_migration(fresh_store):
    articles = {r["id"]: r for r in reports()}
    coded = [json.loads(line) for line in (CORPUS.parent / "coded.jsonl").read_text(encoding="utf-8").splitlines()]
    fresh_store.add_reports([(coded_report(articles[c["id"]], c), None) for c in coded])
    span = "SELECT coalesce(sum(date_last - date_first + 1), 0) AS n FROM event_mentions WHERE date_first IS NOT NULL"
    days = "SELECT type, day, article_id, event_id FROM event_days ORDER BY ALL"
    rows = fresh_store.query(days)
    assert rows and len(rows) == fresh_store.query(span)[0]["n"]
    # a store made before the index gets it from its mentions
    fresh_store.con.execute("DROP TABLE event_days")
    fresh_store.con.execute("DELETE FROM schema_migrations WHERE version = 5")
    assert fresh_store.migrate() == [5]
    assert fresh_store.query(days) == rows
    # an article replaced takes its days with it
    gone = rows[0]["article_id"]
    from dateline.store.links import Linker

    with fresh_store.transaction() as con:
        Linker(con).unlink(gone)
    assert not fresh_store.query("SELECT 1 FROM event_days WHERE article_id = ?", [gone])
