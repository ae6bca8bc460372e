"""TIMEX3 rules for periods: quarters, offsets, durations, sets, seasons, holidays (clock times,
which normalize their day part again, are in ``timex``).

Same contract as ``timex_rules``: a pattern match and a ``Ctx`` in, a ``Timex`` or None out.
"""

from __future__ import annotations

import datetime as dt
import re

from . import timex_calendar as cal
from .timex_rules import Ctx, Timex, _season_by_tense, _unit, _year, _year_of


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
            n = min(n, 2)
            if not (y or ry) and ctx.anchor and ctx.tense == "PAST" and n == 2 and ctx.anchor.month <= 6:
                yr = str(int(yr) - 1)
            return Timex("DATE", f"{yr}-H{n}")
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
    ended = re.match(r"\s*(?:ended|ending|that ended|to)\s+([A-Z][a-z]+)\.?", ctx.right, re.IGNORECASE)
    if kind == "quarter" and ended and cal.month_of(ended.group(1)):
        # "the quarter ended July 31": the three months up to July; a fiscal quarter is named
        # after the calendar quarter of its middle month (May–July → Q2)
        mo = cal.month_of(ended.group(1))
        yy = ctx.anchor.year if mo <= ctx.anchor.month else ctx.anchor.year - 1
        mid = (mo - 2) % 12 or 12
        return Timex("DATE", f"{yy if mid <= mo else yy - 1}-Q{(mid - 1) // 3 + 1}")
    if which == "current":
        y, q = cal.quarter(ctx.anchor)
        return Timex("DATE", f"{y}-Q{q}")
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


# "more than a decade ago" lies before the date it names, "less than a year ago" after it
# (TimeML MOD); looking ahead ("more than a year from now") the other way round.
_POINT_MODS = {
    ("MORE_THAN", -1): "BEFORE",
    ("EQUAL_OR_MORE", -1): "ON_OR_BEFORE",
    ("LESS_THAN", -1): "AFTER",
    ("EQUAL_OR_LESS", -1): "ON_OR_AFTER",
    ("MORE_THAN", 1): "AFTER",
    ("EQUAL_OR_MORE", 1): "ON_OR_AFTER",
    ("LESS_THAN", 1): "BEFORE",
    ("EQUAL_OR_LESS", 1): "ON_OR_BEFORE",
}


def _offset(m: re.Match, ctx: Ctx) -> Timex | None:
    """'two weeks ago', 'a year earlier', 'three days later'."""
    out = _offset_value(m, ctx)
    sign = 1 if m.group("dir") in ("later", "from now", "hence") else -1
    if out is not None and (ctx.mod, sign) in _POINT_MODS:
        return Timex(out.type, out.value, _POINT_MODS[(ctx.mod, sign)])
    return out


def _offset_value(m: re.Match, ctx: Ctx) -> Timex | None:
    n = cal.number(m.group("num"))
    _, code, k = _unit(m.group("unit"))
    sign = 1 if m.group("dir") in ("later", "from now", "hence") else -1
    if code == "Y" and k == 1 and n == 1:
        shifted = _shift_reference(ctx, sign)
        if shifted and ("-Q" in shifted or "-H" in shifted):
            return Timex("DATE", shifted)
    if n is None and sign < 0 and re.match(r"(?:a )?(?:few|several|many|some)\b", m.group("num").strip()):
        # "several years ago": an unknown stretch back, PAST_REF as in HeidelTime's news rules
        return Timex("DATE", "PAST_REF")
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
    raw = re.sub(r"^an? (?=few|couple)", "", raw)
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
    if re.search(r"and a half$", m.group(0)):
        n += 0.5
    n *= k
    if n != int(n):
        return Timex("DURATION", _fractional(n, time_part, code))
    return Timex("DURATION", f"P{time_part}{int(n)}{code}")


# "2 1/2 years" → P2Y6M, "a minute and a half" → PT1M30S (TimeML writes the rest in the next unit)
_SMALLER = {
    ("", "Y"): ("", "M", 12),
    ("", "M"): ("", "D", 30),
    ("", "W"): ("", "D", 7),
    ("", "D"): ("T", "H", 24),
    ("T", "H"): ("T", "M", 60),
    ("T", "M"): ("T", "S", 60),
    ("", "Q"): ("", "M", 3),
}


def _fractional(n: float, time_part: str, code: str) -> str:
    whole, rest = int(n), n - int(n)
    if (time_part, code) not in _SMALLER:
        return f"P{time_part}{n:g}{code}"
    tp2, code2, per = _SMALLER[(time_part, code)]
    head = f"{whole}{code}" if whole else ""
    if tp2 == "T" and not time_part:
        return f"P{head}T{round(rest * per)}{code2}"
    return f"P{time_part}{head}{round(rest * per)}{code2}"


_ENDED = re.compile(r"\s*(?:ended|ending|to date|through)\b")


def _unit_phrase(m: re.Match, ctx: Ctx) -> Timex | None:
    """'the year', 'the week', 'the weekend', 'the full year': this one, or a span.

    'the year ended March 31' is twelve months known by their end (DURATION in TimeBank), as is
    'during / throughout the year'; 'net income for the year' names the reporting period, a DATE
    like 'for the quarter' (for a week or month 'for' still reads as a span).
    """
    what = m.group("what")
    span_cue = ("during ", "throughout ") if what == "year" else ("for ", "during ", "throughout ")
    if (ctx.left.endswith(span_cue) or _ENDED.match(ctx.right)) and what in ("year", "week", "month"):
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
    adverbs = {
        "daily": "P1D",
        "nightly": "P1D",
        "weekly": "P1W",
        "biweekly": "P2W",
        "monthly": "P1M",
        "annually": "P1Y",
        "yearly": "P1Y",
        "hourly": "PT1H",
        "semiannually": "P6M",
    }
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


def _season(m: re.Match, ctx: Ctx) -> Timex:
    s = cal.SEASONS[m.group("s")]
    if m.group("year"):
        return Timex("DATE", f"{m.group('year')}-{s}")
    return _season_by_tense(m.group("s"), ctx, ctx.tense)


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
    """'recent years' → PXY, 'the coming weeks' → PXW: an unspecified number of units before or
    after now (TIMEX2 guidelines, Ferro et al. 2005, VAL="PXY" with ANCHOR_DIR; kept by TimeML);
    'current/latest/future years' stay vague references."""
    w = m.group("w")
    if w in ("recent", "coming", "the coming"):
        tp, code, k = _unit(m.group("u"))
        return Timex("DURATION", f"P{tp}X{'DE' if k == 10 else code}")
    return Timex("DATE", "PAST_REF" if w in ("recent", "past", "the past", "the last", "previous") else "FUTURE_REF")
