"""Calendar arithmetic and the words of time: what the TIMEX3 normalizer stands on.

``python-dateutil`` does the month/year arithmetic (``relativedelta``) and Easter; it has
no notion of TimeML granularity (a month, an ISO week, a quarter, a season), of
placeholders (``XXXX-10``) or of choosing a past or future occurrence by tense, which is
what this module adds.
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

from .numbers import TENS, UNITS

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
# Northern-hemisphere meteorological seasons: the month each one starts and ends (winter
# is dated by the year of its December, as TimeBank does: "last winter" in Feb → prev year).
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
PARTS_OF_DAY = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI", "overnight": "TNI"}
UNIT_CODES = {
    "second": ("T", "S", 1),
    "minute": ("T", "M", 1),
    "hour": ("T", "H", 1),
    "night": ("", "D", 1),
    "day": ("", "D", 1),
    "week": ("", "W", 1),
    "weekend": ("", "D", 2),
    "month": ("", "M", 1),
    "quarter": ("", "Q", 1),
    "year": ("", "Y", 1),
    "decade": ("", "Y", 10),
    "centur": ("", "Y", 100),
    "millenni": ("", "Y", 1000),
}
# the number words of ``resolve.numbers`` (one table for every layer), plus what a duration says
# with them ("a week", "half a day", "a couple of days", "a dozen years")
_SMALL = {
    "a": 1,
    "an": 1,
    **{w: v for w, v in UNITS.items() if v},
    **TENS,
    "hundred": 100,
    "dozen": 12,
    "half": 0.5,
    "couple": 2,
}
VAGUE = {"few", "several", "many", "some", "dozens", "hundreds", "thousands"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


def month_of(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip(".")[:3])


def weekday_of(word: str) -> int | None:
    return WEEKDAYS.get(word.lower()[:3])


def number(words: str) -> float | None:
    """'twenty-five' → 25, '5 1/2' → 5.5, 'a' → 1, 'several' → None (vague)."""
    w = words.lower().replace(",", "").strip()
    if re.fullmatch(r"(?:half an?|an? half)", w):
        return 0.5
    half = 0.5 if re.search(r" and a half$", w) else 0.0
    w = re.sub(r" and a half$", "", w)
    w = re.sub(r"^an? (?=\w+ )", "", w)  # "a couple of", "a dozen"
    if re.fullmatch(r"\d+(?:\.\d+)?", w):
        return float(w)
    m = re.fullmatch(r"(\d+) 1/2", w)
    if m:
        return int(m.group(1)) + 0.5
    total = 0.0
    for part in re.split(r"[\s-]+", w):
        if part in ("and", "of"):
            continue
        if part not in _SMALL:
            return None
        v = _SMALL[part]
        total = total * v if part in ("hundred", "dozen") and total else total + v
    return (total + half) or None


def parse_anchor(anchor: str | dt.date | None) -> dt.date | None:
    if anchor is None or isinstance(anchor, dt.date):
        return anchor
    try:
        return dt.date.fromisoformat(str(anchor)[:10])
    except ValueError:
        return None


def week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def quarter(d: dt.date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def last_quarter(d: dt.date) -> str:
    """The latest completed quarter: what 'the quarter' means in an earnings report."""
    y, q = quarter(d)
    return f"{y - 1}-Q4" if q == 1 else f"{y}-Q{q - 1}"


def shift(d: dt.date, unit: str, n: int) -> dt.date:
    if unit in ("D", "N"):
        return d + dt.timedelta(days=n)
    if unit == "W":
        return d + dt.timedelta(weeks=n)
    if unit == "M":
        return d + relativedelta(months=n)
    if unit == "Q":
        return d + relativedelta(months=3 * n)
    return d + relativedelta(years=n)


def at_granularity(d: dt.date, unit: str) -> str:
    """A date at the precision its unit implies: days → day, weeks → ISO week, ..."""
    if unit == "W":
        return week(d)
    if unit == "M":
        return d.strftime("%Y-%m")
    if unit == "Q":
        y, q = quarter(d)
        return f"{y}-Q{q}"
    if unit == "Y":
        return str(d.year)
    return d.isoformat()


def choose(candidates: list[tuple], anchor_key: tuple, tense: str | None, default: str = "near") -> tuple:
    """Pick the occurrence the tense points to among candidates ordered in time.

    PAST → the latest one not after the anchor; FUTURE → the earliest not before it;
    otherwise ``default``: "near" (closest, ties to the past) or "past".
    """
    past = [c for c in candidates if c <= anchor_key]
    fut = [c for c in candidates if c >= anchor_key]
    if tense == "PAST" and past:
        return past[-1]
    if tense == "FUTURE" and fut:
        return fut[0]
    if default == "past" and past:
        return past[-1]
    return min(candidates, key=lambda c: (abs(_ordinal(c) - _ordinal(anchor_key)), c > anchor_key))


def _ordinal(key: tuple) -> float:
    y, m, *rest = key
    return y * 372 + m * 31 + (rest[0] if rest else 15)


def weekday_date(anchor: dt.date, wd: int, tense: str | None, rel: str | None = None) -> dt.date:
    """'Thursday' said on ``anchor``: the one the tense (or 'last'/'next') points to."""
    back = (anchor.weekday() - wd) % 7
    fwd = (wd - anchor.weekday()) % 7
    if rel == "last":
        return anchor - dt.timedelta(days=back or 7)
    if rel == "next":
        return anchor + dt.timedelta(days=fwd or 7)
    if rel == "this":
        return anchor + dt.timedelta(days=wd - anchor.weekday())
    if tense == "FUTURE":
        return anchor + dt.timedelta(days=fwd)
    if tense == "PAST" or back <= 3 or tense is None and back < 6:
        return anchor - dt.timedelta(days=back)
    return anchor + dt.timedelta(days=fwd)


def holiday(name: str, year: int) -> dt.date | None:
    n = name.lower()
    fixed = {
        "christmas": (12, 25),
        "new year's day": (1, 1),
        "new year's eve": (12, 31),
        "independence day": (7, 4),
        "veterans day": (11, 11),
        "valentine's day": (2, 14),
        "christmas eve": (12, 24),
        "christmas day": (12, 25),
    }
    if n in fixed:
        return dt.date(year, *fixed[n])
    if n.startswith("easter"):
        return easter(year)

    def nth_weekday(month: int, wd: int, k: int) -> dt.date:
        if k < 0:  # last such weekday of the month
            d = dt.date(year, month, 1) + relativedelta(months=1, days=-1)
            return d - dt.timedelta(days=(d.weekday() - wd) % 7)
        d = dt.date(year, month, 1)
        return d + dt.timedelta(days=(wd - d.weekday()) % 7 + 7 * (k - 1))

    if n.startswith("thanksgiving"):
        return nth_weekday(11, 3, 4)
    if n == "memorial day":
        return nth_weekday(5, 0, -1)
    if n == "labor day":
        return nth_weekday(9, 0, 1)
    if n == "election day":
        return nth_weekday(11, 0, 1) + dt.timedelta(days=1)
    return None
