"""TIMEX3 normalization: an expression, an anchor date and a tense → type, value, mod.

``normalize("mid-October", "2024-01-25", "PAST")`` → ``Timex("DATE", "2023-10", "MID")``.
Values follow TimeML (Pustejovsky et al. 2003) as annotated in TempEval-3 (UzZaman et al.
2013): ``2024-01-25``, ``2024-W04``, ``2023-Q3``, ``1998-FA``, ``199`` (a decade), ``P3D``,
``PRESENT_REF``, ``2024-01-25TNI``. Without an anchor, values keep placeholders
(``XXXX-10``, ``XXXX-WXX-4``) rather than guess a year.

``dateparser`` is not used: it maps a whole string to one datetime, so it loses the
granularity TimeML keeps (a month stays a month), knows neither durations, sets, seasons,
quarters nor vague references, and picks past/future by a global setting, not by the
tense of the clause. The per-expression rules below are those of HeidelTime's English
news resources (Strötgen & Gertz 2010), rewritten as plain functions.
"""
from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from . import timex_calendar as cal
from .timex_events import event_date  # noqa: F401  (re-exported: the events component's API)

__all__ = ["Timex", "normalize", "event_date"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Timex:
    type: str  # DATE TIME DURATION SET
    value: str
    mod: str | None = None


# TimeML MOD values for the modifiers the grammar keeps inside an extent.
_MODS = (
    (r"(?:the )?early |the beginning of |the start of |the first half of |the early part of ", "START"),
    (r"(?:the )?mid-? ?|the middle of ", "MID"),
    (r"(?:the )?late |the end of |the close of |the last half of |the latter half of |the second half of |the late part of ", "END"),
    (r"about |around |nearly |almost |roughly |approximately |some ", "APPROX"),
    (r"at least |no less than ", "EQUAL_OR_MORE"),
    (r"more than |over ", "MORE_THAN"),
    (r"less than |fewer than |under ", "LESS_THAN"),
    (r"at most |up to |no more than ", "EQUAL_OR_LESS"),
)
_MOD_RES = tuple((re.compile(p), m) for p, m in _MODS)
_HALF = {"START": "H1", "END": "H2"}

Rule = Callable[[re.Match, "Ctx"], "Timex | None"]


@dataclass
class Ctx:
    anchor: dt.date | None
    tense: str | None
    mod: str | None
    reference: str | None  # the last explicit quarter/half in context (e.g. "1989-Q3"), for "a year earlier"
    left: str  # the words before the expression ("for" the year → a duration)
    right: str  # the words after it ("the year *ended* March 31" → a duration)
    mentioned: str | None  # the last explicit calendar value before it, for "that year"


def normalize(
    expr: str,
    anchor: str | dt.date | None,
    tense: str | None = None,
    *,
    reference: str | None = None,
    left: str = "",
    right: str = "",
    mentioned: str | None = None,
) -> Timex | None:
    """TIMEX3 type/value/mod of ``expr`` said on ``anchor`` (YYYY-MM-DD) in a clause of ``tense``.

    ``tense`` is PAST, PRESENT, FUTURE or None; it picks the occurrence of an underspecified
    date ("Thursday", "in April"). ``reference`` is a quarter or half mentioned before (in an
    earnings report), which "a year earlier" and "the year-ago period" shift; ``mentioned``
    the last explicit date or year ("that year"). ``left``/``right`` are the few characters
    around the expression in the text ("*for* the year", "the year *ended* March 31").
    """
    t = re.sub(r"\s+", " ", expr.strip().lower()).rstrip(".,")
    t = re.sub(r"['’]s$", "", t)
    t = re.sub(r"^(?:earlier|later) (?=(?:this|last|next) )", "", t)
    mod = None
    half_of = None
    m = re.match(r"the (first|second|last|latter) half of ", t)
    if m:
        half_of = "H1" if m.group(1) == "first" else "H2"
    for pat, code in _MOD_RES:
        m = pat.match(t)
        if m and len(t) > m.end():
            mod, t = code, t[m.end():]
            break
    ctx = Ctx(cal.parse_anchor(anchor), tense, mod, reference, left.lower()[-20:], right.lower()[:20], mentioned)
    for pat, rule in _RULES:
        m = pat.fullmatch(t)
        if m:
            try:
                out = rule(m, ctx)
            except (ValueError, KeyError, IndexError, OverflowError):  # one odd expression never stops a batch
                log.debug("timex rule %s failed on %r", getattr(rule, "__name__", rule), expr, exc_info=True)
                continue
            if out is not None:
                if half_of and re.fullmatch(r"\d{4}", out.value):
                    return Timex(out.type, f"{out.value}-{half_of}", None)
                return Timex(out.type, out.value, out.mod or mod)
    return None


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


# ---------------------------------------------------------------- rules
MONTH = (r"(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
         r"(?:uary|ruary|ch|il|e|y|ust|t|tember|ember|ober)?\.?(?![a-z])")
WD = r"(?P<wd>mon|tue|wed|thu|fri|sat|sun)[a-z]*day"
DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
YEAR = r"(?P<year>1[6-9]\d\d|20\d\d)"
PART = r"(?P<part>morning|afternoon|evening|night|overnight)"
REL = r"(?P<rel>last|this|next|past|coming|previous|current|following|that|this past|this coming)"
NUM = r"(?P<num>[\w.,/ -]+?|an?)"
UNITS = r"(?P<unit>second|minute|hour|day|night|week|weekend|month|quarter|year|decade|centur(?:y|ies)|millenni(?:um|a))s?"


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
        return Timex("DATE", "XXXX-XX-%02d" % int(m.group("day")))
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
        return None
    base += dt.timedelta(days={"next": 1, "following": 1, "previous": -1, "prior": -1}.get(m.group("rel") or "", 0))
    what = m.group("what")
    return Timex("DATE", base.isoformat()) if what == "day" else Timex("TIME", base.isoformat() + cal.PARTS_OF_DAY[what])


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
    rel = {"past": "last", "previous": "last", "coming": "next", "this coming": "next", "this past": "last",
           "following": "next"}.get(rel or "", rel)
    d = cal.weekday_date(ctx.anchor, wd, ctx.tense, rel if rel in ("last", "next", "this") else None)
    return Timex("TIME", d.isoformat() + cal.PARTS_OF_DAY[part]) if part else Timex("DATE", d.isoformat())


_DEICTIC = {
    "today": ("d", 0), "tonight": ("d", 0), "yesterday": ("d", -1), "tomorrow": ("d", 1),
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF", "presently": "PRESENT_REF",
    "present": "PRESENT_REF", "already": "PRESENT_REF", "current": "PRESENT_REF", "these days": "PRESENT_REF",
    "recently": "PAST_REF", "lately": "PAST_REF", "formerly": "PAST_REF", "previously": "PAST_REF",
    "the past": "PAST_REF", "once": "PAST_REF", "soon": "FUTURE_REF", "the future": "FUTURE_REF",
    "future": "FUTURE_REF",
}


def _deictic(m: re.Match, ctx: Ctx) -> Timex:
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
    step = {"last": -1, "past": -1, "previous": -1, "this past": -1, "next": 1, "coming": 1, "following": 1,
            "this coming": 1}.get(rel, 0)
    if rel in ("this past", "this coming") and what in cal.SEASONS:
        return _season_by_tense(what, ctx, "PAST" if step < 0 else "FUTURE")
    a = ctx.anchor
    if _MONTH_WORD.fullmatch(what):
        mo = cal.month_of(what)
        if a is None:
            return Timex("DATE", f"XXXX-{mo:02d}")
        y = a.year + (step if step == 0 else (-1 if step < 0 and mo >= a.month else 1 if step > 0 and mo <= a.month else 0))
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
        return None
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
    words = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
             "eighties": 8, "nineties": 9}
    if d in words:
        return Timex("DATE", f"19{words[d]}")
    return Timex("DATE", f"19{d[1]}")


def _century(m: re.Match, ctx: Ctx) -> Timex:
    n = m.group("n")
    ordw = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
            "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
            "twentieth": 20, "twenty-first": 21}
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


def _quarter(m: re.Match, ctx: Ctx) -> Timex | None:
    """'the third quarter', "last year's first quarter", 'the latest quarter', 'the first half of 1989'."""
    which, kind = m.group("which"), m.group("kind")
    ago = bool(m.group("ago"))
    y = m.group("year") or m.group("y2")
    ry = m.group("ry") or m.group("ry2")
    yr = _year_of(y or ry, ctx)
    if which in cal.ORDINALS or which in ("final", "last") and (y or ry):
        n = 4 if which in ("final", "last") else cal.ORDINALS[which]
        if kind == "half":
            return Timex("DATE", f"{yr}-H{min(n, 2)}")
        if kind == "quarter":
            # a quarter after the current one, not said in the future tense, is last year's
            # (results are reported after a quarter ends)
            if not (y or ry) and ctx.anchor and ctx.tense != "FUTURE" and n > cal.quarter(ctx.anchor)[1]:
                yr = str(int(yr) - 1)
            if ago and yr.isdigit():
                yr = str(int(yr) - 1)
            return Timex("DATE", f"{yr}-Q{n}")
    if ago and kind in ("quarter", "period") and which is None:
        which = "year-ago"
    if which in ("year-ago", "year-earlier", "comparable", "same"):
        return Timex("DATE", _shift_reference(ctx, -1 if which != "same" else 0) or _year(ctx, -1))
    if kind == "period" and not which:
        return None
    if ctx.anchor is None:
        return Timex("DATE", "XXXX-QX")
    ended = re.match(r"\s*(?:ended|ending|that ended|to)\s+([A-Z][a-z]+)\.?", ctx.right, re.I)
    if kind == "quarter" and ended and cal.month_of(ended.group(1)):
        # "the quarter ended July 31": the three months up to July; a fiscal quarter is named
        # after the calendar quarter of its middle month (May–July → Q2)
        mo = cal.month_of(ended.group(1))
        yy = ctx.anchor.year if mo <= ctx.anchor.month else ctx.anchor.year - 1
        mid = (mo - 2) % 12 or 12
        return Timex("DATE", f"{yy if mid <= mo else yy - 1}-Q{(mid - 1) // 3 + 1}")
    if which == "current":
        return Timex("DATE", "%d-Q%d" % cal.quarter(ctx.anchor))
    if ctx.reference and re.fullmatch(r"\d{4}-Q\d", ctx.reference) and which in ("this", None):
        return Timex("DATE", ctx.reference)
    if which in ("previous", "last"):
        return Timex("DATE", cal.at_granularity(cal.shift(ctx.anchor, "Q", -2), "Q"))
    return Timex("DATE", cal.last_quarter(ctx.anchor))


def _shift_reference(ctx: Ctx, years: int) -> str | None:
    r = ctx.reference
    if r and re.fullmatch(r"\d{4}(-Q\d|-H\d|-\d\d)?", r):
        return str(int(r[:4]) + years) + r[4:]
    return None


def _offset(m: re.Match, ctx: Ctx) -> Timex | None:
    """'two weeks ago', 'a year earlier', 'three days later'."""
    n = cal.number(m.group("num"))
    _, code, k = _unit(m.group("unit"))
    sign = 1 if m.group("dir") in ("later", "from now", "hence") else -1
    if code == "Y" and k == 1 and n == 1:
        shifted = _shift_reference(ctx, sign)
        if shifted and ("-Q" in shifted or "-H" in shifted):
            return Timex("DATE", shifted)
    if ctx.anchor is None or n is None or n != int(n):
        return Timex("DATE", {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "M": "XXXX-XX"}.get(code, "XXXX"))
    if code in ("H", "S") or m.group("unit").startswith("minute"):
        return Timex("DATE", ctx.anchor.isoformat())
    d = cal.shift(ctx.anchor, code, sign * int(n) * k)
    if k >= 10:
        return Timex("DATE", str(d.year // (10 if k == 10 else 100)))
    return Timex("DATE", cal.at_granularity(d, code))


def _duration(m: re.Match, ctx: Ctx) -> Timex | None:
    """'five hours', 'the past two months', 'a two-year', 'several weeks', 'years'."""
    raw = re.sub(r" (?:to|or) .*", "", (m.group("num") or "").strip())
    unit = m.group("unit")
    time_part, code, k = _unit(unit)
    if raw == "" and m.group(0).endswith("s") or raw in cal.VAGUE or raw.split(" ")[0] in cal.VAGUE:
        n = None
    elif raw == "":
        n = 1.0
    else:
        n = cal.number(raw)
        if n is None:
            return None
    if unit.startswith("weekend"):
        return Timex("DURATION", "P2D")
    if n is None:
        return Timex("DURATION", f"P{time_part}X{'DE' if k == 10 else 'CE' if k == 100 else code}")
    n *= k
    if n != int(n):
        if time_part and code == "H":
            return Timex("DURATION", f"PT{int(n)}H{int((n % 1) * 60)}M")
        return Timex("DURATION", f"P{time_part}{n:g}{code}")
    return Timex("DURATION", f"P{time_part}{int(n)}{code}")


def _unit_phrase(m: re.Match, ctx: Ctx) -> Timex | None:
    """'the year', 'the week', 'the weekend', 'the full year': this one, or a span after 'for'."""
    what = m.group("what")
    if (ctx.left.endswith(("for ", "during ")) or re.match(r"\s*(?:ended|ending|to date|through)\b", ctx.right)) \
            and what in ("year", "week", "month"):
        return Timex("DURATION", {"year": "P1Y", "week": "P1W", "month": "P1M"}[what])
    a = ctx.anchor
    if a is None:
        return Timex("DATE", {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX"}.get(what, "XXXX"))
    if what == "weekend":
        sat = a + dt.timedelta(days=(5 - a.weekday()))
        if ctx.tense == "PAST" or ctx.tense is None and a.weekday() < 4:
            sat -= dt.timedelta(weeks=1) if sat > a else dt.timedelta()
        return Timex("DATE", cal.week(sat) + "-WE")
    if what == "week":
        return Timex("DATE", cal.week(a))
    if what == "month":
        return Timex("DATE", a.strftime("%Y-%m"))
    return Timex("DATE", str(a.year))


def _week_of(day: Timex) -> Timex:
    try:
        return Timex("DATE", cal.week(dt.date.fromisoformat(day.value)))
    except ValueError:
        return Timex("DATE", "XXXX-WXX")


def _set(m: re.Match, ctx: Ctx) -> Timex:
    w = m.group(0)
    adverbs = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M",
               "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H", "semiannually": "P6M"}
    if w in adverbs:
        return Timex("SET", adverbs[w])
    what = m.group("what")
    if cal.weekday_of(what) is not None and what.endswith("day") and what[:3] in cal.WEEKDAYS:
        return Timex("SET", f"XXXX-WXX-{cal.weekday_of(what) + 1}")
    if what in cal.SEASONS:
        return Timex("SET", f"XXXX-{cal.SEASONS[what]}")
    if what in cal.PARTS_OF_DAY:
        return Timex("SET", f"XXXX-XX-XX{cal.PARTS_OF_DAY[what]}")
    tp, code, k = _unit(what)
    n = cal.number(m.group("n")) if m.group("n") else 1
    return Timex("SET", f"P{tp}{int((n or 1) * k)}{code}")


def _clock(m: re.Match, ctx: Ctx) -> Timex:
    h, mi, ap = m.group("h"), m.group("mi"), m.group("ap")
    if m.group("named"):
        hh, mm = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[m.group("named")]
    else:
        hh, mm = int(h), int(mi or 0)
        if ap and ap.startswith("p") and hh < 12:
            hh += 12
        if ap and ap.startswith("a") and hh == 12:
            hh = 0
    day = ctx.anchor.isoformat() if ctx.anchor else "XXXX-XX-XX"
    rest = m.group("rest")
    if rest:
        inner = normalize(rest.removeprefix("on "), ctx.anchor, ctx.tense)
        if inner and re.fullmatch(r"[\dX]{4}-[\dX]{2}-[\dX]{2}", inner.value):
            day = inner.value
    return Timex("TIME", f"{day}T{hh:02d}:{mm:02d}")


def _season(m: re.Match, ctx: Ctx) -> Timex:
    s = cal.SEASONS[m.group("s")]
    if m.group("year"):
        return Timex("DATE", f"{m.group('year')}-{s}")
    return _season_by_tense(m.group("s"), ctx, ctx.tense)


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


def _holiday(m: re.Match, ctx: Ctx) -> Timex | None:
    name = m.group("h")
    if ctx.anchor is None:
        return Timex("DATE", "XXXX-XX-XX")
    a = ctx.anchor
    cands = [cal.holiday(name, y) for y in (a.year - 1, a.year, a.year + 1)]
    cands = [c for c in cands if c]
    if not cands:
        return None
    keyed = [(c.year, c.month, c.day) for c in cands]
    rel = m.group("rel")
    tense = "PAST" if rel == "last" else "FUTURE" if rel == "next" else ctx.tense
    y, mo, d = cal.choose(keyed, (a.year, a.month, a.day), tense)
    return Timex("DATE", dt.date(y, mo, d).isoformat())


def _end_of_year(m: re.Match, ctx: Ctx) -> Timex:
    return Timex("DATE", _year(ctx, 0), "END")


def _vague_plural(m: re.Match, ctx: Ctx) -> Timex:
    w = m.group("w")
    return Timex("DATE", "PAST_REF" if w in ("recent", "past", "the past", "the last", "previous") else "FUTURE_REF")


_RULE_SPECS: tuple[tuple[str, Rule], ...] = (
    (rf"(?:{WD},? )?{MONTH} {DAY}(?:,? {YEAR})?", _calendar_date),
    (rf"{DAY} (?:of )?{MONTH}(?:,? {YEAR})?", _calendar_date),
    (rf"{MONTH},? (?:of )?{YEAR}", _month_year),
    (rf"{MONTH} (?P<ry>(?:last|this|next) year)", _month_rel_year),
    (r"\d{4}-\d\d-\d\d", _iso),
    (r"(?P<day>\d{1,2})(?:st|nd|rd|th)?", _day_of_mentioned),
    (r"(?:that (?:same )?|the (?P<rel>same|next|following|previous|prior) )(?P<what>day|morning|afternoon|evening|night)",
     _anaphoric_day),
    (r"(\d{1,2})/(\d{1,2})/(\d{2,4})", _slash),
    (rf"{MONTH}", _month),
    (rf"(?:{REL} )?{WD}(?: (?:early |late )?{PART})?", _weekday),
    (r"(?P<w>today|tonight|yesterday|tomorrow|now|currently|nowadays|presently|present|already|current|these days|"
     r"recently|lately|formerly|previously|the past|once|soon|the future|future)"
     r"(?: (?:early |late )?(?P<part>morning|afternoon|evening|night))?", _deictic),
    (rf"(?:(?P<w>this|the|last)|(?P<when>yesterday|tomorrow)|(?P<wd>mon|tue|wed|thu|fri|sat|sun)[a-z]*day)? ?{PART}"
     rf"(?: (?P<when2>yesterday|today|tomorrow))?", _part_of_day),
    (rf"(?:the )?{REL} (?P<what>[a-z]+\.?|fiscal year)", _relative),
    (rf"(?:fiscal (?:year )?|fy ?)?{YEAR}", _year4),
    (r"(?:the )?(?:mid-?)?(?P<dec>\d{3}0s|'\d0s|(?:nineteen )?(?:twenties|thirties|forties|fifties|sixties|"
     r"seventies|eighties|nineties))", _decade),
    (r"(?:the )?(?P<n>\d{1,2}(?:st|nd|rd|th)|[a-z-]+?)[ -]century", _century),
    (r"nineteen (?P<rest>[a-z -]+)|(?:the year )?two thousand(?: and [a-z -]+| [a-z -]+)?", _spelled_year),
    (rf"(?:(?:the|this|last|next) (?:(?P<ry>(?:this|last|next)) year's )?|(?P<ry2>this|last|next) year's |{YEAR} )?"
     r"(?:comparable )?(?P<ago>year-ago |year-earlier )?(?:fiscal[ -]+)?"
     r"(?P<which>first|second|third|fourth|final|last|1st|2nd|3rd|4th|latest|current|same|year-ago|year-earlier|"
     r"comparable|previous|recent)?[ -]*(?:fiscal )?(?P<kind>quarter|half|period)(?: of (?P<y2>1[6-9]\d\d|20\d\d))?",
     lambda m, c: _quarter(m, c)),
    (r"(?:the|that) (?:(?P<y>\d{4}) )?(?:year-(?:earlier|ago) )?(?:quarter|period)",
     lambda m, c: Timex("DATE", (f"{m.group('y')}" + (c.reference or "")[4:]) if m.group("y") and c.reference
                        and "-Q" in c.reference else _shift_reference(c, -1 if "year-" in m.group(0) else 0)
                        or (cal.last_quarter(c.anchor) if c.anchor else "XXXX-QX"))),
    (r"year-(?:ago|earlier)|the (?:quarter|period) a year (?:ago|earlier)",
     lambda m, c: Timex("DATE", _shift_reference(c, -1) or _year(c, -1))),
    (rf"the week of {MONTH} {DAY}(?:,? {YEAR})?", lambda m, c: _week_of(_calendar_date(m, c))),
    (r"(?:the )?(?P<what>weekend|week|year|full year|day|month)", _unit_phrase),
    (r"(?:the )?(?P<w>recent|latest|current|future|coming|the coming) "
     r"(?:quarters|years|months|weeks|days|decades)", _vague_plural),
    (rf"(?:another |an additional )?(?P<num>[\w.,/ -]+?|an?)[ -]{UNITS} (?P<dir>ago|earlier|later|from now|hence)", _offset),
    (rf"(?:the )?(?:(?:past|last|next|coming|previous|following|first|final|latest) )?(?P<num>[\w.,/ -]+?)?(?: more)?[ -]?{UNITS}"
     r"(?: and a half)?(?: long)?", _duration),
    (r"daily|nightly|weekly|biweekly|monthly|annually|yearly|hourly|semiannually", _set),
    (r"(?:every|each) (?:other )?(?:(?P<n>[\w-]+) )?(?P<what>[a-z]+?)s?", _set),
    (r"(?:(?P<h>\d{1,2})(?::(?P<mi>\d\d))? ?(?P<ap>a\.m\.?|p\.m\.?|am|pm)|(?P<named>noon|midday|midnight))"
     r"(?: [a-z]{2,4}t| gmt| utc)?(?:,? (?P<rest>.+))?", _clock),
    (r"(?:the )?(?P<s>spring|summer|fall|autumn|winter)(?: (?:of )?(?P<year>\d{4}))?", _season),
    (r"(?P<year>\d{4}) (?P<s>spring|summer|fall|autumn|winter)", _season),
    (r"(?:(?P<rel>last|next|this) )?(?P<h>new year's (?:day|eve)|christmas(?: day| eve)?|thanksgiving(?: day)?|easter"
     r"|independence day|memorial day|labor day|veterans day|valentine's day|election day)", _holiday),
    (r"year-end|year's end|(?:the )?end of the year", _end_of_year),
    (r"(?:the )?(?:near|immediate|distant|foreseeable) (?:future|term)|(?:the )?(?:short|long|near) term",
     lambda m, c: Timex("DATE", "FUTURE_REF")),
)
_RULES = tuple((re.compile(p), r) for p, r in _RULE_SPECS)
