"""Coordinates for events whose record names a place but carries no point.

An event's place comes with coordinates when the places component resolved it. When it did not
(an older store, a place the events coder named on its own), the map still wants a point: first
the same name among the article's resolved places, then the gazetteer's largest place of that
name. ``geo`` on each event says which one was used, so nobody mistakes a guess for a reading.
"""

from __future__ import annotations

import functools
import logging

from ..store.queries import Catalog

log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=4096)
def _gazetteer_point(name: str) -> tuple[float, float, str | None] | None:
    try:
        from ..resolve import gazetteer as gz

        found = gz.lookup(name)
    except Exception:
        log.warning("gazetteer lookup failed for %r", name, exc_info=True)
        return None
    if not found:
        return None
    c = found[0]
    return c.lat, c.lon, c.country


def locate(events: list[dict], catalog: Catalog, gazetteer: bool = True) -> list[dict]:
    """Fill ``lat``/``lon`` where missing (in place) and set ``geo``: event | article | gazetteer | None."""
    missing = [e for e in events if e.get("lat") is None and e.get("place")]
    known: dict[tuple[str, str], tuple[float, float, str | None]] = {}
    if missing and "places" in catalog.tables():
        ids = sorted({e["article_id"] for e in missing})
        for r in catalog.place_points(ids):
            for key in (r["name"], r["text"]):
                if key:
                    known[(r["article_id"], key.lower())] = (r["lat"], r["lon"], r["country"])
    for e in events:
        if e.get("lat") is not None:
            e["geo"] = "event"
            continue
        e["geo"] = None
        name = e.get("place")
        if not name:
            continue
        point = known.get((e["article_id"], name.lower()))
        how = "article"
        if point is None and gazetteer:
            point, how = _gazetteer_point(name), "gazetteer"
        if point:
            e["lat"], e["lon"] = round(point[0], 5), round(point[1], 5)
            e["country"] = e.get("country") or point[2]
            e["geo"] = how
    return events
