"""One real-world event from many reports: when two event mentions are the same event.

A *mention* is one event record of one article (``Report.events``), reduced to what linking
compares. Two mentions are the same event when (rule used by the store, incrementally):

* **same type** (PLOVER category);
* **dates within a window**: each mention's date is an interval (a TIMEX3 day, week, month or
  year; an undated event gets the day before publication to the day of it, since a news report
  tells of the last day or so), and the intervals must overlap once widened by ``DATE_WINDOW``
  days: reports of one attack disagree by a day across time zones and overnight attacks;
* **place within a distance**: with coordinates, at most ``MAX_KM`` apart, unless one of them
  is only a province or a country that contains the other; without coordinates, the same place
  name; different countries never match; a mention without a place is neutral;
* **compatible actors**: named actors (resolved to the same stored actor) must agree on each
  side where both sides name one; generic actors ("gunmen", "soldiers") must agree on their
  coarse sector (state forces, armed groups, civilians, ...) and country when both are known;
* and **positive evidence** beyond type and date: the same place, or the same named actor.
  Mentions from the same article need no more than compatibility (an article tells its event
  several times: "attack", "killed", "the assault").

A new mention joins the linked event it is compatible with on *every* stored mention checked
(complete link, which keeps chains of near-misses from merging distinct events) and has the
most evidence with; otherwise it becomes a new event. This follows the event-coreference
practice of matching on type, arguments, time and place (Lu & Ng 2018, "Event Coreference
Resolution: A Survey"); the thresholds are the ones ACLED and GDELT analysts use to
de-duplicate by hand (same day ± 1, same locality).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta

DATE_WINDOW = 1  # days
MAX_KM = 50.0
COARSE_FEATURES = {"country", "admin1", "region", "continent"}
COARSE_PRECISION = {"admin1", "country"}

# CAMEO sectors grouped so that "troops" and "the army", or "militants" and "Boko Haram",
# are not told apart, while "police" and "rebels" are.
SECTOR_CLASS = {"government": "state", "military": "state", "police": "state", "legislature": "state",
                "judiciary": "state", "rebels": "armed", "militia": "armed", "civilians": "civil",
                "media": "civil", "business": "civil", "labor": "civil", "party": "civil", "NGO": "civil",
                "IGO": "igo"}


@dataclass(frozen=True)
class Side:
    """One participant as linking sees it: a stored actor, or a generic description."""

    actor_id: str | None = None  # a named actor linked across articles
    name: str | None = None
    sector: str | None = None
    country: str | None = None

    @property
    def group(self) -> str | None:
        return SECTOR_CLASS.get(self.sector or "")


@dataclass(frozen=True)
class Mention:
    """One event record of one article, reduced to what linking compares."""

    article_id: str
    event_id: str
    type: str
    first: date | None
    last: date | None
    place_key: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    coarse: bool = False  # the place is a province or a country
    source: Side = Side()
    target: Side = Side()
    fatalities: int | None = None


def interval(value: str | None, published: str | None) -> tuple[date | None, date | None, int]:
    """A TIMEX3 value → (first day, last day, time precision 1 day | 2 week | 3 month or more)."""
    v = (value or "").strip()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", v)
    try:
        if m:
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d, d, 1
        m = re.match(r"(\d{4})-W(\d{2})$", v)
        if m:
            d = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return d, d + timedelta(days=6), 2
        m = re.match(r"(\d{4})-(\d{2})$", v)
        if m:
            d = date(int(m[1]), int(m[2]), 1)
            nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
            return d, nxt - timedelta(days=1), 3
    except ValueError:
        pass
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", published or "")
    if m:
        try:
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d - timedelta(days=1), d, 2
        except ValueError:
            pass
    return None, None, 3


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _dates(a: Mention, b: Mention) -> bool:
    if a.first is None or b.first is None:
        return a.article_id == b.article_id
    w = timedelta(days=DATE_WINDOW)
    return a.first - w <= b.last and b.first - w <= a.last


def _place(a: Mention, b: Mention) -> float | None:
    """Evidence from the places: 2 the same place, 0 neutral, None incompatible."""
    if a.country and b.country and a.country != b.country:
        return None
    if a.lat is not None and b.lat is not None and a.lon is not None and b.lon is not None:
        if km(a.lat, a.lon, b.lat, b.lon) <= MAX_KM:
            return 2.0 if not (a.coarse and b.coarse) else 1.0
        return 0.0 if (a.coarse or b.coarse) else None
    if a.place_key and b.place_key:
        if a.place_key == b.place_key:
            return 2.0 if not (a.coarse and b.coarse) else 1.0
        return 0.0 if (a.coarse or b.coarse) else None
    return 0.0


def _side(a: Side, b: Side) -> float | None:
    """Evidence from one side: 2 the same named actor, 0.5 the same kind, 0 neutral, None clash."""
    if a.actor_id and b.actor_id:
        return 2.0 if a.actor_id == b.actor_id else None
    if a.country and b.country and a.country != b.country:
        return None
    if a.group and b.group:
        return 0.5 if a.group == b.group else None
    return 0.0


def evidence(a: Mention, b: Mention) -> float | None:
    """How much says ``a`` and ``b`` are one event; None when something says they are not."""
    if a.type != b.type or not _dates(a, b):
        return None
    place = _place(a, b)
    if place is None:
        return None
    src, tgt = _side(a.source, b.source), _side(a.target, b.target)
    if src is None or tgt is None:
        return None
    named = (src >= 2) + (tgt >= 2)
    if a.article_id != b.article_id and place < 1 and not named:
        return 0.0
    score = place + src + tgt + 0.1
    if a.first and a.first == b.first and a.last == b.last:
        score += 0.5
    if a.fatalities is not None and a.fatalities == b.fatalities:
        score += 0.5
    return score


def best_match(m: Mention, candidates: dict[str, list[Mention]]) -> str | None:
    """The linked event (id → some of its mentions) ``m`` belongs to, or None for a new event."""
    best, best_score = None, 0.0
    for linked_id, members in candidates.items():
        scores = [evidence(m, other) for other in members]
        if not scores or any(s is None for s in scores):
            continue
        top = max(scores)
        if top > best_score:
            best, best_score = linked_id, top
    return best
