"""TIMEX3 rules for calendar expressions: dates, weekdays, deictics, relative periods, years.

Each rule takes the match of its pattern (over the lower-cased expression, modifiers
stripped) and a ``Ctx`` (anchor date, tense, context), and returns a ``Timex`` or None
to let a later rule try. ``timex.normalize`` holds the table that maps patterns to rules.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from . import timex_calendar as cal


@dataclass(frozen=True)
class Timex:
    """A normalized expression: TIMEX3 type, value and mod (START, MID, END, APPROX, ...)."""

    type: str  # DATE TIME DURATION SET
    value: str
    mod: str | None = None


@dataclass
class Ctx:
    """What a rule may consult besides its match."""

    anchor: dt.date | None
    tense: str | None
    mod: str | None
    reference: str | None  # the last explicit quarter/half in context (e.g. "1989-Q3"), for "a year earlier"
    left: str  # the words before the expression ("for" the year → a duration)
    right: str  # the words after it ("the year *ended* March 31" → a duration)
    mentioned: str | None  # the last explicit calendar value before it, for "that year"


Rule = Callable[[re.Match, Ctx], "Timex | None"]


# ---------------------------------------------------------------- helpers
def _date(ctx: Ctx, y: int | None, mo: int, d: int | None = None, year_given: bool = False) -> Timex:
    if y is None and ctx.anchor is None:
        return Timex("DATE", f"XXXX-{mo:02d}" + (f"-{d:02d}" if d else ""))
    if y is None:
        a = ctx.anchor
        key = (a.year, a.month, a.day) if d else (a.year, a.month)
        cands = [(yy, mo, d) if d else (yy, mo) for yy in (a.year - 1, a.year, a.year + 1)]
        y = cal.choose(cands, key, ctx.tense)[0]
    try:
        return Timex("DATE", dt.date(y, mo, d).isoformat() if d else f"{y}-{mo:02d}")
    except ValueError:
        return Timex("DATE", f"{y}-{mo:02d}")


def _on(ctx: Ctx, days: int, part: str | None = None) -> Timex:
    if ctx.anchor is None:
        return Timex("DATE", "XXXX-XX-XX")
    d = (ctx.anchor + dt.timedelta(days=days)).isoformat()
    return Timex("TIME", d + cal.PARTS_OF_DAY[part]) if part else Timex("DATE", d)


def _unit(word: str) -> tuple[str, str, int]:
    w = word.lower()
    for k, v in cal.UNIT_CODES.items():
        if w.startswith(k):
            return v
    raise KeyError(word)


def _year(ctx: Ctx, offset: int) -> str:
    return str(ctx.anchor.year + offset) if ctx.anchor else "XXXX"


def _year_of(word: str | None, ctx: Ctx) -> str:
    """'last year' / 'this year' / '1989' / None → a year string."""
    if not word:
        return _year(ctx, 0)
    if word.isdigit():
        return word
    return _year(ctx, {"last": -1, "next": 1}.get(word.split()[0], 0))


# ---------------------------------------------------------------- patterns and rules
MONTH = (
    r"(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"(?:uary|ruary|ch|il|e|y|ust|t|tember|ember|ober)?\.?(?![a-z])"
)
WD = r"(?P<wd>mon|tue|wed|thu|fri|sat|sun)[a-z]*day"
DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
YEAR = r"(?P<year>1[6-9]\d\d|20\d\d)"
PART = r"(?P<part>morning|afternoon|evening|night|overnight)"
REL = r"(?P<rel>last|this|next|past|coming|previous|current|following|that|this past|this coming)"
NUM = r"(?P<num>[\w.,/ -]+?|an?)"
UNITS = (
    r"(?P<unit>second|minute|hour|day|night|week|weekend|month|quarter|year|decade|centur(?:y|ies)|millenni(?:um|a))s?"
)


def _calendar_date(m: re.Match, ctx: Ctx) -> Timex:
    y = m.group("year")
    return _date(ctx, int(y) if y else None, cal.month_of(m.group("mon")), int(m.group("day")))


def _month_year(m: re.Match, ctx: Ctx) -> Timex:
    return _date(ctx, int(m.group("year")), cal.month_of(m.group("mon")))


def _month_rel_year(m: re.Match, ctx: Ctx) -> Timex:
    y = _year_of(m.group("ry"), ctx)
    return Timex("DATE", f"{y}-{cal.month_of(m.group('mon')):02d}")


def _month(m: re.Match, ctx: Ctx) -> Timex:
    return _date(ctx, None, cal.month_of(m.group("mon")))


def _day_of_mentioned(m: re.Match, ctx: Ctx) -> Timex | None:
    """'25' in 'April 24 and 25': a day of the month the text just named."""
    r = ctx.mentioned
    if not r or not re.match(r"\d{4}-\d\d", r):
        return Timex("DATE", f"XXXX-XX-{int(m.group('day')):02d}")
    try:
        return Timex("DATE", dt.date(int(r[:4]), int(r[5:7]), int(m.group("day"))).isoformat())
    except ValueError:
        return None


def _anaphoric_day(m: re.Match, ctx: Ctx) -> Timex | None:
    """'that day', 'the next morning': a day counted from the last date the text named."""
    r = ctx.mentioned
    try:
        base = dt.date.fromisoformat(r) if r and len(r) == 10 else None
    except ValueError:
        base = None
    if base is None:
        # "trades made that day": with no day named before, the day of an event the text
        # describes, not a calendar reference (TimeBank leaves these untagged)
        return None if m.group(0).startswith("that") else Timex("DATE", "XXXX-XX-XX")
    base += dt.timedelta(days={"next": 1, "following": 1, "previous": -1, "prior": -1}.get(m.group("rel") or "", 0))
    what = m.group("what")
    return (
        Timex("DATE", base.isoformat()) if what == "day" else Timex("TIME", base.isoformat() + cal.PARTS_OF_DAY[what])
    )


def _iso(m: re.Match, ctx: Ctx) -> Timex:
    return Timex("DATE", m.group(0))


def _slash(m: re.Match, ctx: Ctx) -> Timex | None:
    mo, d, y = (int(x) for x in m.groups())
    y = y + (1900 if y >= 30 else 2000) if y < 100 else y
    try:
        return Timex("DATE", dt.date(y, mo, d).isoformat())
    except ValueError:
        return None


def _weekday(m: re.Match, ctx: Ctx) -> Timex:
    wd = cal.weekday_of(m.group("wd"))
    part = m.groupdict().get("part")
    if ctx.anchor is None:
        return Timex("DATE", f"XXXX-WXX-{wd + 1}")
    rel = m.groupdict().get("rel")
    rel = {
        "past": "last",
        "previous": "last",
        "coming": "next",
        "this coming": "next",
        "this past": "last",
        "following": "next",
    }.get(rel or "", rel)
    d = cal.weekday_date(ctx.anchor, wd, ctx.tense, rel if rel in ("last", "next", "this") else None)
    return Timex("TIME", d.isoformat() + cal.PARTS_OF_DAY[part]) if part else Timex("DATE", d.isoformat())


_DEICTIC = {
    "today": ("d", 0),
    "tonight": ("d", 0),
    "yesterday": ("d", -1),
    "tomorrow": ("d", 1),
    "now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "presently": "PRESENT_REF",
    "present": "PRESENT_REF",
    "already": "PRESENT_REF",
    "current": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "then current": "PAST_REF",  # "the then current price": current at a past time
    "recently": "PAST_REF",
    "lately": "PAST_REF",
    "formerly": "PAST_REF",
    "previously": "PAST_REF",
    "the past": "PAST_REF",
    "once": "PAST_REF",
    "soon": "FUTURE_REF",
    "the future": "FUTURE_REF",
    "future": "FUTURE_REF",
}


def _deictic(m: re.Match, ctx: Ctx) -> Timex | None:
    if m.group("w") == "soon" and ctx.tense == "PAST":
        # "He was soon released": shortly after a past event, not FUTURE_REF from publication;
        # TimeBank leaves it untagged
        return None
    v = _DEICTIC[m.group("w")]
    part = m.groupdict().get("part")
    if isinstance(v, tuple):
        return _on(ctx, v[1], part)
    return Timex("DATE", v)


def _part_of_day(m: re.Match, ctx: Ctx) -> Timex:
    part = m.group("part")
    days = {"yesterday": -1, "tomorrow": 1}.get(m.group("when") or m.group("when2") or "", 0)
    if m.group("wd"):
        return _weekday(m, ctx)
    if m.group("w") == "last" and part == "night":
        days = -1
    return _on(ctx, days, part)


_MONTH_WORD = re.compile(MONTH)


def _relative(m: re.Match, ctx: Ctx) -> Timex | None:
    """'last week', 'this month', 'next year', 'last October', 'this fall', 'the past decade'."""
    rel, what = m.group("rel"), m.group("what")
    step = {
        "last": -1,
        "past": -1,
        "previous": -1,
        "this past": -1,
        "next": 1,
        "coming": 1,
        "following": 1,
        "this coming": 1,
    }.get(rel, 0)
    if rel in ("this past", "this coming") and what in cal.SEASONS:
        return _season_by_tense(what, ctx, "PAST" if step < 0 else "FUTURE")
    a = ctx.anchor
    if _MONTH_WORD.fullmatch(what):
        mo = cal.month_of(what)
        if a is None:
            return Timex("DATE", f"XXXX-{mo:02d}")
        y = a.year + (
            step if step == 0 else (-1 if step < 0 and mo >= a.month else 1 if step > 0 and mo <= a.month else 0)
        )
        return Timex("DATE", f"{y}-{mo:02d}")
    if what in cal.SEASONS:
        s = cal.SEASONS[what]
        if a is None:
            return Timex("DATE", f"XXXX-{s}")
        # TimeBank reads "last fall" / "next spring" as the season of the previous / next year
        return Timex("DATE", f"{a.year + step}-{s}")
    if a is None:
        return Timex("DATE", {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX"}.get(what, "XXXX"))
    if rel == "that" and what in ("year", "month", "day", "week"):
        return _that(what, ctx)
    if rel in ("following", "previous") and what == "year" and ctx.mentioned and ctx.mentioned[:4].isdigit():
        # "the following year": counted from the last year the text named, not from publication
        return Timex("DATE", str(int(ctx.mentioned[:4]) + step))
    if (
        rel in ("following", "previous")
        and what == "month"
        and ctx.mentioned
        and re.match(r"\d{4}-\d\d", ctx.mentioned)
    ):
        # "In March, ... The following month": the month after the one the text named
        named = dt.date(int(ctx.mentioned[:4]), int(ctx.mentioned[5:7]), 1)
        return Timex("DATE", cal.at_granularity(cal.shift(named, "M", step), "M"))
    if what == "week":
        return Timex("DATE", cal.week(a + dt.timedelta(weeks=step)))
    if what == "weekend":
        sat = a + dt.timedelta(days=(5 - a.weekday()) + 7 * step)
        return Timex("DATE", cal.week(sat) + "-WE")
    if what == "month":
        return Timex("DATE", cal.at_granularity(cal.shift(a, "M", step), "M"))
    if what in ("year", "fiscal year"):
        return Timex("DATE", str(a.year + step))
    if what == "quarter":
        if rel == "current":  # the quarter under way on the anchor, whatever the report is about
            return Timex("DATE", cal.at_granularity(a, "Q"))
        if ctx.reference and "-Q" in ctx.reference and step <= 0:  # the quarter an earnings report is about
            y, q = int(ctx.reference[:4]), int(ctx.reference[-1]) + step
            return Timex("DATE", f"{y - 1}-Q4" if q == 0 else f"{y}-Q{q}")
        return Timex("DATE", cal.at_granularity(cal.shift(a, "Q", step), "Q"))
    if what == "half":
        y, h = a.year, 1 if a.month <= 6 else 2
        h += step
        y, h = (y - 1, 2) if h == 0 else (y + 1, 1) if h == 3 else (y, h)
        return Timex("DATE", f"{y}-H{h}")
    if what == "decade":
        return Timex("DATE", str(a.year // 10 + step))
    if what == "century":
        return Timex("DATE", str(a.year // 100 + step))
    if what in cal.PARTS_OF_DAY:
        return _on(ctx, -1 if (step < 0 and what == "night") else step, what)
    return None


def _that(what: str, ctx: Ctx) -> Timex | None:
    """'that year': the year of the last explicit date mentioned before it."""
    r = ctx.mentioned
    if not r or not r[:4].isdigit():
        if what == "day":  # as in _anaphoric_day: the day of an event, not a calendar reference
            return None
        return Timex("DATE", {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX"}.get(what, "XXXX-XX-XX"))
    if what == "year":
        return Timex("DATE", r[:4])
    if what == "month" and len(r) >= 7 and r[5:7].isdigit():
        return Timex("DATE", r[:7])
    if what == "day" and len(r) >= 10:
        return Timex("DATE", r[:10])
    return None


def _year4(m: re.Match, ctx: Ctx) -> Timex:
    return Timex("DATE", m.group("year"))


def _decade(m: re.Match, ctx: Ctx) -> Timex:
    d = m.group("dec").rstrip("s") + "s"
    if d[:-1].isdigit():
        return Timex("DATE", d[:3])
    if d.isdigit():
        return Timex("DATE", d[:3])
    words = {
        "twenties": 2,
        "thirties": 3,
        "forties": 4,
        "fifties": 5,
        "sixties": 6,
        "seventies": 7,
        "eighties": 8,
        "nineties": 9,
    }
    if d in words:
        return Timex("DATE", f"19{words[d]}")
    return Timex("DATE", f"19{d[1]}")


def _century(m: re.Match, ctx: Ctx) -> Timex:
    n = m.group("n")
    ordw = {
        "first": 1,
        "second": 2,
        "third": 3,
        "fourth": 4,
        "fifth": 5,
        "sixth": 6,
        "seventh": 7,
        "eighth": 8,
        "ninth": 9,
        "tenth": 10,
        "eleventh": 11,
        "twelfth": 12,
        "thirteenth": 13,
        "fourteenth": 14,
        "fifteenth": 15,
        "sixteenth": 16,
        "seventeenth": 17,
        "eighteenth": 18,
        "nineteenth": 19,
        "twentieth": 20,
        "twenty-first": 21,
    }
    k = int(re.sub(r"\D", "", n)) if n[0].isdigit() else ordw.get(n, 0)
    if not k:
        return None
    return Timex("DATE", f"{k - 1:02d}")


def _spelled_year(m: re.Match, ctx: Ctx) -> Timex | None:
    t = m.group(0)
    if "thousand" in t:
        rest = re.sub(r".*thousand(?: and)?", "", t).strip()
        n = cal.number(rest) if rest else 0
        return Timex("DATE", str(2000 + int(n or 0)))
    n = cal.number(m.group("rest"))
    return Timex("DATE", str(1900 + int(n))) if n and n < 100 else None


def _season_by_tense(word: str, ctx: Ctx, tense: str | None) -> Timex:
    s = cal.SEASONS[word]
    if ctx.anchor is None:
        return Timex("DATE", f"XXXX-{s}")
    a = ctx.anchor
    first, last = cal.SEASON_MONTHS[s]
    y = a.year
    if tense == "PAST" and first > a.month:
        y -= 1
    elif tense == "FUTURE" and last < a.month:
        y += 1
    return Timex("DATE", f"{y}-{s}")
