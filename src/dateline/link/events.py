"""One real-world event from many reports: when two event mentions are the same event.

A *mention* is one event record of one article (``Report.events``), reduced to what linking
compares. Two mentions are the same event when (rule used by the store, incrementally):

* **same type** (PLOVER category);
* **dates within a window**: each mention's date is an interval (a TIMEX3 day, week, month or
  year; an undated event gets the day before publication to the day of it, since a news report
  tells of the last day or so), and the intervals must overlap once widened by ``DATE_WINDOW``
  days: reports of one attack disagree by a day across time zones and overnight attacks;
* nothing that **rules it out**: two different named actors (people or organisations resolved
  to stored actors) on the same side; two localities more than ``MAX_KM`` apart or in two
  countries (a dateline place, where the report was filed from, and a province or a country
  rule out nothing: they contain or merely neighbour the locality);
* and enough **evidence** (``MIN_EVIDENCE``): the same locality (2 points) or named actor (2), or
  near-duplicate articles (2); the same kind of actor on a side (coarse sector: state forces,
  armed groups, civilians; 0.5), the same day (0.5) and the same toll (0.5) add up; another kind
  or country of actor on a side takes a point away (generic actors only lower the evidence,
  since extractors often get them wrong). Mentions from one article need nothing more than
  no contradiction (an article tells its event several times: "attack", "killed", "the assault").

A new mention joins the linked event that nothing rules out against *any* stored mention checked
(complete link on contradictions, which keeps chains of near-misses from merging distinct
events) and that one mention gives enough evidence for, the one with most evidence if several;
otherwise it becomes a new event. This follows the event-coreference
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
MIN_EVIDENCE = 1.5  # a shared locality (2) or named actor (2); or kind of actors, day and toll together
COARSE_FEATURES = {"country", "admin1", "region", "continent"}
# "near": a name the gazetteer lacks, put at the point of what contains it ("the village of
# Kautikari" at Nigeria's point); that borrowed point cannot rule out a locality 50 km away
COARSE_PRECISION = {"admin1", "country", "near"}

# CAMEO sectors grouped so that "troops" and "the army", or "militants" and "Boko Haram",
# are not told apart, while "police" and "rebels" are.
SECTOR_CLASS = {
    "government": "state",
    "military": "state",
    "police": "state",
    "legislature": "state",
    "judiciary": "state",
    "rebels": "armed",
    "militia": "armed",
    "civilians": "civil",
    "media": "civil",
    "business": "civil",
    "labor": "civil",
    "party": "civil",
    "NGO": "civil",
    "IGO": "igo",
}


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
    weak: bool = False  # the place is only where the report was filed from (its dateline)
    source: Side = Side()
    target: Side = Side()
    fatalities: int | None = None
    story: str | None = None  # the original article when this one is a near-duplicate, else itself


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
    """Evidence from the places: 2 the same locality, 0 neutral, negative doubtful, None never.

    A dateline place ("KABUL, Afghanistan -") says where the reporter filed from, which need not
    be where it happened, and a province or country contains many localities: neither rules out
    another place, and a match on them is weak. Two localities with coordinates more than
    ``MAX_KM`` apart, or in two countries, are never one event; two names without coordinates
    that differ are neutral (one outlet names the village, another the district)."""
    loose = a.coarse or b.coarse or a.weak or b.weak
    if a.country and b.country and a.country != b.country:
        return -0.5 if loose else None
    same = None
    if a.lat is not None and b.lat is not None and a.lon is not None and b.lon is not None:
        same = km(a.lat, a.lon, b.lat, b.lon) <= MAX_KM
    elif a.place_key and b.place_key:
        same = a.place_key == b.place_key or None
    if same is None:
        return 0.0
    if same:
        return 0.5 if (a.weak or b.weak or (a.coarse and b.coarse)) else 2.0
    return 0.0 if loose else None


def _side(a: Side, b: Side) -> float | None:
    """Evidence from one side: 2 the same named actor, None two different named actors,
    0.5 the same kind of actor, negative another kind or another country, 0 nothing known.
    Generic descriptions only lower the evidence: extractors often get them wrong."""
    if a.actor_id and b.actor_id:
        return 2.0 if a.actor_id == b.actor_id else None
    score = 0.0
    if a.group and b.group:
        score += 0.5 if a.group == b.group else -1.0
    if a.country and b.country and a.country != b.country:
        score -= 1.0
    return max(score, -1.0)


def evidence(a: Mention, b: Mention) -> float | None:
    """How much says ``a`` and ``b`` are one event; None when something rules it out."""
    if a.type != b.type or not _dates(a, b):
        return None
    place = _place(a, b)
    src, tgt = _side(a.source, b.source), _side(a.target, b.target)
    if place is None or src is None or tgt is None:
        return None
    score = place + src + tgt
    if (a.story or a.article_id) == (b.story or b.article_id) and a.article_id != b.article_id:
        score += 2.0  # near-duplicate articles: the same story, told again
    if a.first and a.first == b.first and a.last == b.last:
        score += 0.5
    if a.fatalities is not None and a.fatalities == b.fatalities:
        score += 0.5
    return score


def same_event(a: Mention, b: Mention) -> bool:
    """Enough evidence that ``a`` and ``b`` are one event (``MIN_EVIDENCE``; within one article,
    nothing against it)."""
    score = evidence(a, b)
    if score is None:
        return False
    return score >= (0.0 if a.article_id == b.article_id else MIN_EVIDENCE)


def best_match(m: Mention, candidates: dict[str, list[Mention]]) -> str | None:
    """The linked event (id → some of its mentions) ``m`` belongs to, or None for a new event:
    nothing rules it out against any mention, and one mention gives enough evidence."""
    best, best_score = None, float("-inf")
    for linked_id, members in candidates.items():
        # each member's evidence once (same_event is the same test on it), and the first
        # mention that rules the event out ends its check: the store asks this for every
        # candidate event of every new mention
        top, enough = float("-inf"), False
        for other in members:
            score = evidence(m, other)
            if score is None:
                break
            enough = enough or score >= (0.0 if m.article_id == other.article_id else MIN_EVIDENCE)
            top = max(top, score)
        else:
            if enough and top > best_score:
                best, best_score = linked_id, top
    return best
