"""TIMEX3 normalization: an expression, an anchor date and a tense → type, value, mod.

``normalize("mid-October", "2024-01-25", "PAST")`` → ``Timex("DATE", "2023-10", "MID")``.
Values follow TimeML (Pustejovsky et al. 2003) as annotated in TempEval-3 (UzZaman et al.
2013): ``2024-01-25``, ``2024-W04``, ``2023-Q3``, ``1998-FA``, ``199`` (a decade), ``P3D``,
``PRESENT_REF``, ``2024-01-25TNI``. Without an anchor, values keep placeholders
(``XXXX-10``, ``XXXX-WXX-4``) rather than guess a year.

``dateparser`` is not used: it maps a whole string to one datetime, so it loses the
granularity TimeML keeps (a month stays a month), knows neither durations, sets, seasons,
quarters nor vague references, and picks past/future by a global setting, not by the
tense of the clause. The per-expression rules (``timex_rules`` for calendar expressions,
``timex_periods`` for quarters, offsets, durations and sets) follow
HeidelTime's English news resources (Strötgen & Gertz 2010), rewritten as plain functions;
the rules that normalize a part of their match again (clock times, spelled years) live here
with the table at the end of this module, which maps each pattern to its rule, first match wins.

Module map: ``timex_grammar.find`` (where the expressions are), ``normalize`` (what they
mean), ``timex_events.event_date`` (which date an event gets), ``timex_calendar``
(arithmetic and words).
"""

from __future__ import annotations

import datetime as dt
import logging
import re

from . import timex_calendar as cal
from .timex_events import event_date
from .timex_periods import (
    _duration,
    _end_of_year,
    _holiday,
    _offset,
    _quarter,
    _season,
    _set,
    _shift_reference,
    _unit_phrase,
    _vague_plural,
    _week_of,
)
from .timex_rules import (
    DAY,
    MONTH,
    PART,
    REL,
    UNITS,
    WD,
    YEAR,
    Ctx,
    Rule,
    Timex,
    _anaphoric_day,
    _calendar_date,
    _century,
    _day_of_mentioned,
    _decade,
    _deictic,
    _iso,
    _month,
    _month_rel_year,
    _month_year,
    _part_of_day,
    _relative,
    _slash,
    _spelled_year,
    _unit,
    _weekday,
    _year,
    _year4,
)

__all__ = ["Timex", "event_date", "normalize"]

log = logging.getLogger(__name__)

# TimeML MOD values for the modifiers the grammar keeps inside an extent.
_MODS = (
    (r"(?:the )?early[ -]|the beginning of |the start of |the first half of |the early part of ", "START"),
    (r"the middle of |(?:the )?mid(?:-| |(?=\d))", "MID"),  # not "midnight"
    (
        r"(?:the )?late[ -]|the end of |the close of |the last half of |the latter half of |the second half of |the late part of ",
        "END",
    ),
    (r"about |around |nearly |almost |roughly |approximately |some ", "APPROX"),
    (r"at least |no less than ", "EQUAL_OR_MORE"),
    (r"more than |over ", "MORE_THAN"),
    (r"less than |fewer than |under ", "LESS_THAN"),
    (r"at most |up to |no more than ", "EQUAL_OR_LESS"),
)
_MOD_RES = tuple((re.compile(p), m) for p, m in _MODS)
_HALF = {"START": "H1", "END": "H2"}
_MODAL_LEFT = re.compile(r"\b(?:will|would|could|might|may|can|shall|should|must|to)\s+$")


def _fiscal_year(m: re.Match, ctx: Ctx) -> Timex:
    """'the fiscal year' is the current one; 'the latest fiscal year' the last one closed."""
    which = (m.group("which") or "").strip()
    if not which and (ctx.left.endswith(("during ", "throughout ")) or re.match(r"\s*(?:ended|ending)\b", ctx.right)):
        return Timex("DURATION", "P1Y")  # "the fiscal year ended Jan. 31", as for "the year"
    step = {"latest": -1, "previous": -1, "last": -1, "coming": 1, "next": 1}.get(which, 0)
    return Timex("DATE", _year(ctx, step))


def _times_per(m: re.Match, ctx: Ctx) -> Timex:
    """'twice a year': a SET of one unit (TimeML puts the count in freq, not in value)."""
    tp, code, k = _unit(m.group("what"))
    return Timex("SET", f"P{tp}{k}{code}")


def _in_spelled_year(m: re.Match, ctx: Ctx) -> Timex | None:
    """'January nineteen ninety-seven' → 1997-01, 'the winter of nineteen ninety-four' → 1994-WI."""
    year = normalize(m.group("sp"), ctx.anchor)
    if year is None or not re.fullmatch(r"\d{4}", year.value):
        return None
    if m.group("s"):
        return Timex("DATE", f"{year.value}-{cal.SEASONS[m.group('s')]}")
    return Timex("DATE", f"{year.value}-{cal.month_of(m.group('mon')):02d}")


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
        # the day part ("Tuesday") is an expression of its own: normalized by this module's table
        inner = normalize(rest.removeprefix("on "), ctx.anchor, ctx.tense)
        if inner and re.fullmatch(r"[\dX]{4}-[\dX]{2}-[\dX]{2}", inner.value):
            day = inner.value
    return Timex("TIME", f"{day}T{hh:02d}:{mm:02d}")


def _q_short(m: re.Match, ctx: Ctx) -> Timex:
    y = m.group("year")
    if y is None and ctx.anchor is not None:
        n = int(m.group("q"))
        y = ctx.anchor.year - (1 if ctx.tense != "FUTURE" and n > cal.quarter(ctx.anchor)[1] else 0)
    return Timex("DATE", f"{y or 'XXXX'}-Q{m.group('q')}")


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
    t = re.sub(r"^(?:earlier|later) (?=(?:this|last|next|that) )", "", t)
    mod = None
    half_of = None
    m = re.match(r"the (first|second|last|latter) half of ", t)
    if m:
        half_of = "H1" if m.group(1) == "first" else "H2"
    for pat, code in _MOD_RES:
        m = pat.match(t)
        if m and len(t) > m.end():
            mod, t = code, t[m.end() :]
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


_RULE_SPECS: tuple[tuple[str, Rule], ...] = (
    (
        rf"(?=[a-z ]*s$){WD}s?(?: {PART}s?)?",
        lambda m, c: Timex(
            "SET", f"XXXX-WXX-{cal.weekday_of(m.group('wd')) + 1}" + cal.PARTS_OF_DAY.get(m.group("part") or "", "")
        ),
    ),
    (r"weekends", lambda m, c: Timex("SET", "XXXX-WXX-WE")),
    (rf"(?:{WD},? )?{MONTH} {DAY}(?:,? {YEAR})?", _calendar_date),
    (rf"{DAY} (?:of )?{MONTH}(?:,? {YEAR})?", _calendar_date),
    (rf"{MONTH},? (?:of )?{YEAR}", _month_year),
    (rf"{MONTH} (?P<ry>(?:last|this|next) year)", _month_rel_year),
    (r"\d{4}-\d\d-\d\d", _iso),
    (r"(?P<day>\d{1,2})(?:st|nd|rd|th)?", _day_of_mentioned),
    (
        r"(?:that (?:same )?|the (?P<rel>same|next|following|previous|prior) )(?P<what>day|morning|afternoon|evening|night)",
        _anaphoric_day,
    ),
    (r"(\d{1,2})/(\d{1,2})/(\d{2,4})", _slash),
    (rf"{MONTH}", _month),
    (rf"(?:{REL} )?{WD}(?: (?:early |late )?{PART})?", _weekday),
    (
        (
            r"(?P<w>today|tonight|yesterday|tomorrow|now|currently|nowadays|presently|present|already|then current|current|these days|"
            r"recently|lately|formerly|previously|the past|once|soon|the future|future)"
            r"(?: (?:early |late )?(?P<part>morning|afternoon|evening|night))?"
        ),
        _deictic,
    ),
    (
        (
            rf"(?:(?P<w>this|the|last)|(?P<when>yesterday|tomorrow)|(?P<wd>mon|tue|wed|thu|fri|sat|sun)[a-z]*day)? ?{PART}"
            rf"(?: (?P<when2>yesterday|today|tomorrow))?"
        ),
        _part_of_day,
    ),
    (rf"(?:the )?{REL} (?P<what>[a-z]+\.?|fiscal year)", _relative),
    (rf"(?:fiscal (?:year )?|fy ?)?{YEAR}", _year4),
    (
        (
            r"(?:the )?(?:mid-?)?(?P<dec>\d{3}0s|'\d0s|(?:nineteen )?(?:twenties|thirties|forties|fifties|sixties|"
            r"seventies|eighties|nineties))"
        ),
        _decade,
    ),
    (r"(?:the )?(?P<n>\d{1,2}(?:st|nd|rd|th)|[a-z-]+?)[ -]century", _century),
    (
        (
            rf"(?:{MONTH}|(?:the )?(?P<s>spring|summer|fall|autumn|winter) of) "
            r"(?P<sp>nineteen [a-z -]+|two thousand(?: and [a-z -]+| [a-z -]+)?)"
        ),
        _in_spelled_year,
    ),
    (r"nineteen (?P<rest>[a-z -]+)|(?:the year )?two thousand(?: and [a-z -]+| [a-z -]+)?", _spelled_year),
    (
        (
            rf"(?:(?:the|this|last|next) (?:(?P<ry>(?:this|last|next)) year's )?|(?P<ry2>this|last|next) year's |{YEAR} )?"
            r"(?:comparable )?(?P<ago>year-ago |year-earlier )?(?:fiscal[ -]+)?"
            r"(?P<which>first|second|third|fourth|final|last|1st|2nd|3rd|4th|latest|current|same|year-ago|year-earlier|"
            r"comparable|previous|recent)?[ -]*(?:fiscal )?(?P<kind>quarter|half|period)(?: of (?P<y2>1[6-9]\d\d|20\d\d))?"
        ),
        lambda m, c: _quarter(m, c),
    ),
    (
        r"(?:the|that) (?:(?P<y>\d{4}) )?(?:year-(?:earlier|ago) )?(?:quarter|period)",
        lambda m, c: Timex(
            "DATE",
            (f"{m.group('y')}" + (c.reference or "")[4:])
            if m.group("y") and c.reference and "-Q" in c.reference
            else _shift_reference(c, -1 if "year-" in m.group(0) else 0)
            or (cal.last_quarter(c.anchor) if c.anchor else "XXXX-QX"),
        ),
    ),
    # "Islam will one day be ...": after a modal, "one day" is "some day", not a day-long span
    (r"one day", lambda m, c: Timex("DATE", "FUTURE_REF") if _MODAL_LEFT.search(c.left) else None),
    (
        r"year-(?:ago|earlier)|the (?:quarter|period) a year (?:ago|earlier)",
        lambda m, c: Timex("DATE", _shift_reference(c, -1) or _year(c, -1)),
    ),
    (rf"the week of {MONTH} {DAY}(?:,? {YEAR})?", lambda m, c: _week_of(_calendar_date(m, c))),
    (r"(?:the )?(?P<what>weekend|week|year|full year|day|month)", _unit_phrase),
    (
        (
            r"(?:the )?(?P<w>recent|latest|current|future|coming|the coming) "
            r"(?P<u>quarters|years|months|weeks|days|decades)"
        ),
        _vague_plural,
    ),
    (
        rf"(?:another |an additional )?(?P<num>[\w.,/ -]+?|an?)[ -]{UNITS} (?P<dir>ago|earlier|later|from now|hence)",
        _offset,
    ),
    (
        (
            rf"(?:the )?(?:(?:past|last|next|coming|previous|following|first|final|latest) )?(?P<num>[\w.,/ -]+?)?(?: more)?[ -]?{UNITS}"
            r"(?: and a half)?(?: long)?(?: of \d{4})?"
        ),
        _duration,
    ),
    (r"(?:the )?(?P<which>latest |current |previous |last |coming |next )?fiscal year", _fiscal_year),
    (r"daily|nightly|weekly|biweekly|monthly|annually|yearly|hourly|semiannually", _set),
    (r"(?:once|twice|[\w-]+ times|several times) (?:a|an|per|each|every) (?P<what>[a-z]+)", _times_per),
    (rf"q(?P<q>[1-4])(?: {YEAR})?", _q_short),
    (r"(?:every|each) (?:other )?(?:(?P<n>[\w-]+) )?(?P<what>[a-z]+?)s?", _set),
    (
        (
            r"(?:(?P<h>\d{1,2})(?::(?P<mi>\d\d))? ?(?P<ap>a\.m\.?|p\.m\.?|am|pm)|(?P<named>noon|midday|midnight))"
            r"(?: [a-z]{2,4}t| gmt| utc)?(?:,? (?P<rest>.+))?"
        ),
        _clock,
    ),
    (r"(?:the )?(?P<s>spring|summer|fall|autumn|winter)(?: (?:of )?(?P<year>\d{4}))?", _season),
    (r"(?P<year>\d{4}) (?P<s>spring|summer|fall|autumn|winter)", _season),
    (
        (
            r"(?:(?P<rel>last|next|this) )?(?P<h>new year's (?:day|eve)|christmas(?: day| eve)?|thanksgiving(?: day)?|easter"
            r"|independence day|memorial day|labor day|veterans day|valentine's day|election day)"
        ),
        _holiday,
    ),
    (r"year[- ]end|year's end|(?:the )?end of the year", _end_of_year),
    (
        r"(?:the )?(?:near|immediate|distant|foreseeable) (?:future|term)|(?:the )?(?:short|long|near) term",
        lambda m, c: Timex("DATE", "FUTURE_REF"),
    ),
)
_RULES = tuple((re.compile(p), r) for p, r in _RULE_SPECS)
