"""What the events page draws: map points and timeline marks, computed here so templates only place them."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote as urlquote

from . import basemap
from .highlight import anchor


def event_href(e: dict) -> str:
    """The article page, scrolled to the sentence behind the event."""
    return f"/articles/{urlquote(str(e['article_id']), safe='')}#{anchor('s', e['event_id'])}"


def label(e: dict) -> str:
    who = " → ".join(x for x in (e.get("source"), e.get("target")) if x)
    parts = [e.get("type") or "event", who, e.get("place") or "", e.get("date") or ""]
    if e.get("fatalities"):
        high = e.get("fatalities_max")
        parts.append(
            f"{e['fatalities']}–{high} killed" if high and high != e["fatalities"] else f"{e['fatalities']} killed"
        )
    if (e.get("source_count") or 1) > 1:
        parts.append(f"{e['source_count']} sources")
    return " · ".join(p for p in parts if p)


def weight(e: dict) -> float:
    """Fatalities, or the number of sources when the event is reported by several."""
    sources = e.get("source_count") or len(e.get("sources") or ()) or 1
    return max(float(e.get("fatalities") or 0), float(sources - 1) * 5)


def map_figure(events: list[dict]) -> dict:
    """The map: basemap paths, the view box and one circle per located event (largest drawn first)."""
    located = [e for e in events if e.get("lat") is not None and e.get("lon") is not None and e.get("article_id")]
    view = basemap.fit([(e["lon"], e["lat"]) for e in located])
    points = []
    for e in located:
        x, y = view.xy(e["lon"], e["lat"])
        points.append(
            {
                "x": round(x, 4),
                "y": round(y, 4),
                "r": round(basemap.marker_radius(weight(e), view), 4),
                "colour": basemap.colour(e.get("type")),
                "href": event_href(e),
                "label": label(e),
                "type": e.get("type"),
                "id": e.get("id"),
                "geo": e.get("geo"),
                "day": e.get("day"),
                "last": e.get("date_last") or e.get("day"),
            }
        )
    points.sort(key=lambda p: -p["r"])
    return {
        "view": view,
        "k": view.k,
        "paths": basemap.country_paths(),
        "points": points,
        "stroke": round(view.span / 900, 4),
        "unlocated": len(events) - len(located),
        "grid": _graticule(view),
    }


def _graticule(view: basemap.View) -> list[dict]:
    step = next(s for s in (1, 2, 5, 10, 15, 30) if view.span / s <= 12)
    lines = []
    for lon in range(int(view.west // step * step), int(view.east) + 1, step):
        x = lon * view.k
        lines.append({"x1": x, "y1": -view.north, "x2": x, "y2": -view.south})
    for lat in range(int(view.south // step * step), int(view.north) + 1, step):
        lines.append({"x1": view.west * view.k, "y1": -lat, "x2": view.east * view.k, "y2": -lat})
    return lines


def timeline_figure(events: list[dict], width: int = 560, row: int = 26) -> dict:
    """Events along a time axis, one row per event type; undated events are counted, not placed."""
    dated = [(dt.date.fromisoformat(e["day"]), e) for e in events if e.get("day") and e.get("article_id")]
    types = sorted({e.get("type") or "OTHER" for _, e in dated})
    if not dated:
        return {
            "marks": [],
            "rows": [],
            "ticks": [],
            "width": width,
            "height": 60,
            "undated": len(events),
            "first": None,
            "last": None,
        }
    first, last = min(d for d, _ in dated), max(d for d, _ in dated)
    if first == last:
        first, last = first - dt.timedelta(days=3), last + dt.timedelta(days=3)
    left, right = 100, width - 16
    span = (last - first).days or 1

    def x(day: dt.date) -> float:
        return round(left + (day - first).days / span * (right - left), 2)

    marks = []
    for day, e in sorted(dated, key=lambda p: p[0]):
        r = types.index(e.get("type") or "OTHER")
        marks.append(
            {
                "x": x(day),
                "y": 30 + r * row,
                "r": min(9, 4 + weight(e) ** 0.5),
                "colour": basemap.colour(e.get("type")),
                "href": event_href(e),
                "label": label(e),
                "day": day.isoformat(),
                "id": e.get("id"),
            }
        )
    ticks = _ticks(first, last)
    return {
        "marks": marks,
        "rows": [{"y": 30 + i * row, "type": t, "colour": basemap.colour(t)} for i, t in enumerate(types)],
        "ticks": [{"x": x(t), "text": _tick(t, span)} for t in ticks],
        "width": width,
        "height": 50 + len(types) * row,
        "left": left,
        "right": right,
        "undated": len(events) - len(dated),
        "first": first.isoformat(),
        "last": last.isoformat(),
    }


def _tick(day: dt.date, span: int) -> str:
    """A tick label as short as the span allows while staying distinct."""
    if span <= 400:
        return f"{day.day} {day.strftime('%b')}" + (f" {day.year}" if day.month == 1 or span > 200 else "")
    return day.strftime("%Y-%m")


def _ticks(first: dt.date, last: dt.date, most: int = 6) -> list[dt.date]:
    days = (last - first).days
    step = max(1, -(-days // (most - 1)))
    out, day = [], first
    while day <= last:
        out.append(day)
        day += dt.timedelta(days=step)
    return out
