"""What the events page draws on the server: the timeline's bars, and the link from an event to its sentence."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote as urlquote

from . import basemap
from .highlight import anchor


def event_href(e: dict) -> str:
    """The article page, scrolled to the sentence behind the event."""
    return f"/articles/{urlquote(str(e['article_id']), safe='')}#{anchor('s', e['event_id'])}"


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


def histogram(days: list, date_from: str = "", date_to: str = "", width: int = 900, height: int = 120) -> dict:
    """The timeline: real-world events per period (about 80 bars over the store's span), stacked by
    type; the chosen range is shaded, and static/map.js lets a reader drag a new one."""
    dated = [(d["day"], d.get("type") or "OTHER", d["n"]) for d in days if d.get("day")]
    if not dated:
        return {"bars": [], "ticks": [], "width": width, "height": height, "first": None, "last": None}
    first, last = min(d for d, _, _ in dated), max(d for d, _, _ in dated)
    span = max(1, (last - first).days + 1)
    step = max(1, -(-span // 80))  # days per bar
    left, right, top, bottom = 8, width - 8, 8, height - 22
    bins = -(-span // step)
    per: dict[int, dict[str, int]] = {}
    for day, t, n in dated:
        per.setdefault((day - first).days // step, {}).setdefault(t, 0)
        per[(day - first).days // step][t] += n
    most = max(sum(c.values()) for c in per.values())
    bar_w = (right - left) / bins
    bars = []
    for b, counts in sorted(per.items()):
        y = bottom
        for t, n in sorted(counts.items()):
            h = (bottom - top) * n / most
            y -= h
            bars.append(
                {
                    "x": round(left + b * bar_w, 2),
                    "y": round(y, 2),
                    "w": round(max(1.0, bar_w - 1), 2),
                    "h": round(h, 2),
                    "colour": basemap.colour(t),
                    "title": f"{first + dt.timedelta(days=b * step)}: {n} {t}",
                }
            )

    def x(day: dt.date) -> float:
        return round(left + (day - first).days / span * (right - left), 2)

    shade = None
    if date_from or date_to:
        a = dt.date.fromisoformat(date_from) if date_from else first
        z = dt.date.fromisoformat(date_to) if date_to else last
        shade = {"x": max(left, x(a)), "w": max(2, min(right, x(z + dt.timedelta(days=1))) - max(left, x(a)))}
    return {
        "bars": bars,
        "ticks": [{"x": x(t), "text": _tick(t, span)} for t in _ticks(first, last)],
        "width": width,
        "height": height,
        "left": left,
        "right": right,
        "bottom": bottom,
        "first": first.isoformat(),
        "last": (first + dt.timedelta(days=span)).isoformat(),  # the right edge: the day after the last
        "shade": shade,
    }
