"""Where temporal expressions are in running text: a regex grammar with TimeML extents.

Extents follow the TimeML / TempEval-3 guidelines (Pustejovsky et al. 2003; UzZaman et al.
2013): the expression without its preposition ("Thursday", not "on Thursday"), with its
modifiers ("early next year", "at least 30 days", "mid-October") and determiners ("the third
quarter"). The grammar is hand-written in the spirit of HeidelTime (Strötgen & Gertz 2010):
spaCy's DATE/TIME entities over-extend ("the past four years of war") and miss bare
relatives ("now", "recently"), and no maintained Python library finds expressions with
TimeML extents (dateparser's ``search_dates`` finds date-like strings, not durations, sets or
vague references, and its extents include prepositions).

Everything here is plain ``re``; ``find(text)`` is a pure function, so it can be tested and
reused without spaCy.
"""

from __future__ import annotations

import re

# Month names are matched case-sensitively ("May", never "may"; "March", never "march").
MONTH = (
    r"(?-i:(?:Jan(?:uary|\.)|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?\.?|July?\.?|"
    r"Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?|"
    r"JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER))(?![a-z])"
)
WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)day"
DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR4 = r"(?:1[6-9]\d\d|20\d\d)"
NUMWORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|a hundred|one hundred|hundred|a dozen|dozen|half a|a half)"
)
NUMBER = rf"(?:\d+(?:[.,]\d+)?(?: 1/2)?|{NUMWORD}(?: and a half)?)"
FEW = r"(?:a few|few|several|a couple of|couple of|many|some|dozens of|hundreds of|thousands of)"
UNIT = r"(?:second|minute|hour|day|night|week|weekend|month|quarter|year|decade|century|centuries|millenni(?:um|a))"
UNITS = rf"(?:{UNIT}s?)"
PARTOFDAY = r"(?:morning|afternoon|evening|night|overnight)"
SEASON = r"(?:spring|summer|fall|autumn|winter)"
ORDINAL = r"(?:first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
# Modifiers inside the extent (TimeML MOD attribute: START, MID, END, APPROX, ...).
POINTMOD = (
    r"(?:(?:(?:the\s+)?(?:early|late|mid)|the (?:end|beginning|start|middle|turn|close|rest|remainder) of|"
    r"the (?:first|second|last|latter) half of|the (?:early|late) part of)[\s-]+)"
)
QUANTMOD = (
    r"(?:(?:about|around|nearly|almost|roughly|approximately|some|at least|at most|"
    r"more than|less than|fewer than|up to|no more than|no less than|another|an additional|the|"
    r"the next|the past|the last|the first|the previous|the coming|the following|the final)\s+)"
)
RELWORD = r"(?:last|this|next|past|coming|previous|current|following|that|this past|this coming)"
DEICTIC = (
    r"(?:today|tonight|yesterday|tomorrow|now|currently|recently|lately|nowadays|presently|formerly|soon|overnight)"
)

# Each pattern comes with the kinds of word its matches must contain (or None): the slow
# patterns (optional modifiers in front) run only in windows around such words, found in
# one pass over the text, which keeps ``find`` much faster than spaCy's tagger.
_K_MONTH = ("month",)
_K_UNIT = ("unit",)
_K_REL = ("unit", "month", "weekday", "season", "part", "half")
_K_DAY = ("weekday", "deictic")
_K_DECADE = ("decade",)
_K_AGO = ("ago",)

_PATTERNS: tuple[tuple[str, str | None], ...] = (
    # Calendar dates: "Aug. 7, 1998", "August 7", "7 August 1998", "Jan. 14-15", "Friday, Aug. 7".
    (rf"(?:{WEEKDAY},?\s+)?{POINTMOD}?{MONTH}\s+{DAYNUM}(?:\s*,?\s*{YEAR4})?(?![\d$])", _K_MONTH),
    (rf"{POINTMOD}?{DAYNUM}\s+(?:of\s+)?{MONTH}(?:\s*,?\s*{YEAR4})?", _K_MONTH),
    (rf"{POINTMOD}?{MONTH},?\s+(?:of\s+)?{YEAR4}", _K_MONTH),
    (r"\b(?:1[6-9]|20)\d\d-[01]\d-[0-3]\d\b", None),
    (
        r"\b(?:the\s+)?(?:latest|recent|current|future|coming|past|previous|following)\s+(?:quarters|years|months|weeks|days)\b",
        ("unit",),
    ),
    (r"\b[01]?\d/[0-3]?\d/(?:19|20)?\d\d\b", None),
    # Month / weekday / season / holiday with a deictic or modifier: "last October", "this week".
    # "earlier this month", "later that year": TimeBank keeps the adverb in the extent
    (
        (
            rf"(?:{MONTH}\s+)?(?:{POINTMOD}|(?:earlier|later)\s+)?(?:{RELWORD}\s+)"
            rf"(?:{MONTH}|{WEEKDAY}|{SEASON}|week(?:end)?|month|year|decade|century|quarter|{PARTOFDAY}|fiscal year|half)"
        ),
        _K_REL,
    ),
    (rf"{POINTMOD}?(?:the\s+)?(?:weekend|week|year|full year|day|month)\b(?!-)", _K_UNIT),
    # not a name: "the March for Life", "the March of the Mothers"
    (rf"{POINTMOD}?{MONTH}(?!\s+(?:\d|{YEAR4}|for\s+(?-i:[A-Z])|of\s+the\s+(?-i:[A-Z])))", _K_MONTH),
    (rf"{POINTMOD}?(?:{WEEKDAY}|{DEICTIC})(?:\s+(?:early\s+|late\s+)?{PARTOFDAY})?", _K_DAY),
    (rf"(?:early|late|mid|this|the)[\s-]+{PARTOFDAY}(?:\s+(?:{WEEKDAY}|yesterday|today|tomorrow))?", ("part",)),
    (
        (
            rf"(?:\d{{1,2}}(?::\d\d)?\s*(?:a\.m\.?|p\.m\.?|am\b|pm\b)|noon|midday|midnight)(?:\s+(?:[A-Z]{{2,4}}T|GMT|UTC))?"
            rf"(?:,?\s+(?:(?:on\s+)?{WEEKDAY}|today|yesterday|tomorrow|{MONTH}\s+{DAYNUM}))?"
        ),
        ("clock",),
    ),
    (
        rf"{POINTMOD}?(?:the\s+)?{SEASON}\s+(?:of\s+)?{YEAR4}|(?:{POINTMOD}|the\s+){SEASON}|{YEAR4}\s+{SEASON}|(?-i:summer|winter|autumn)",
        ("season",),
    ),
    # "January nineteen ninety-seven", "the winter of nineteen ninety-four" (broadcast transcripts)
    (
        rf"(?:(?:{MONTH}|(?:the\s+)?{SEASON}\s+of)\s+)?(?:nineteen\s+(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|(?:the\s+year\s+)?two\s+thousand(?:\s+and\s+\w+)?)",
        ("spelled",),
    ),
    # Years, decades, centuries: "1990", "fiscal 1989", "the 1990s", "the mid-1980s", "the 20th century".
    (
        rf"{POINTMOD}?(?:fiscal\s+(?:year\s+)?|FY\s?)?{YEAR4}(?![\d%]|\.\d|\s*(?:percent|(?:million|billion)\b))(?:'s)?",
        ("year4",),
    ),
    (
        rf"{POINTMOD}?(?:the\s+)?(?:mid-?)?(?:1[6-9]\d0s|20\d0s|'\d0s|(?:nineteen\s+)?(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))",
        _K_DECADE,
    ),
    (
        (
            r"(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)|(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
            r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first))[\s-]+century"
        ),
        ("century",),
    ),
    # Quarters and halves: "the third quarter", "third-quarter", "the fiscal first quarter", "the first half of 1989".
    (
        (
            rf"(?:(?:the|this|last|next)\s+(?:year's\s+)?|(?:this|last|next) year's\s+|{YEAR4}\s+)?(?:comparable\s+)?(?:year-ago\s+|year-earlier\s+)?(?:fiscal[\s-]+)?"
            rf"(?:{ORDINAL}|latest|current|same|year-ago|year-earlier|comparable|previous|recent)[\s-]+(?:fiscal\s+)?(?:quarter|half|period)(?:\s+of\s+{YEAR4})?"
        ),
        ("quarterish",),
    ),
    (
        rf"(?:the\s+)?(?:{ORDINAL}|latest|current|fiscal)[\s-]+(?:fiscal\s+)?(?:{NUMWORD}|\d+)\s+months(?:\s+of\s+{YEAR4})?",
        ("months",),
    ),
    (
        rf"(?:the|that)\s+(?:quarter|fiscal year|year-earlier period|year-ago period|{YEAR4} period)(?!-)",
        ("quarterish", "unit"),
    ),
    (r"(?:the\s+)?(?:latest|current|previous|last|coming|next)\s+fiscal\s+year", ("fiscal",)),
    # Offsets: "a year ago", "two weeks earlier", "a year earlier". Not "later": in "three days
    # later" TimeBank tags the duration "three days" and leaves "later" as a signal.
    (rf"{QUANTMOD}?(?:{NUMBER}|an?|{FEW})[\s-]+{UNITS}\s+(?:ago|earlier|from now|hence)\b", _K_AGO),
    (r"year-(?:ago|earlier)(?=\s+[a-z])", ("unit",)),
    # Anaphoric days: "that same day", "the next morning", "the following week": counted from
    # the date the text named last (the component passes it to the normalizer).
    (
        (
            r"(?:that\s+(?:same\s+)?(?:day|morning|evening|night)|the\s+(?:same|next|following|previous|prior)\s+"
            r"(?:day|morning|afternoon|evening|night))\b"
        ),
        ("unit", "part"),
    ),
    # "the quarter a year ago", "the week of March 6": one expression in TimeML
    (rf"the\s+(?:quarter|period)\s+a\s+year\s+(?:ago|earlier)|the\s+week\s+of\s+{MONTH}\s+{DAYNUM}", ("unit",)),
    # Durations: "the past two months", "at least 30 days", "two-year", "five hours", "the next few days".
    (
        (
            rf"{QUANTMOD}*(?:{NUMBER}\s+(?:to|or)\s+)?(?:{NUMBER}|an?|{FEW})(?:\s+more)?[\s-]+{UNITS}(?:\s+and\s+a\s+half)?"
            r"(?!-old| old|-ago|-earlier)(?:\s+long)?"
        ),
        _K_UNIT,
    ),
    (
        rf"(?:the\s+)?(?:past|last|next|coming|previous|following|first)\s+(?:{UNIT}|{NUMBER}\s+{UNITS}|{FEW}\s+{UNITS})",
        _K_UNIT,
    ),
    (r"(?:(?<=\bfor )|(?<=\bwithin ))(?:years|months|weeks|days|decades|hours|centuries)\b", ("unit",)),
    # "on Mondays", "at weekends": a recurring day
    (
        rf"{WEEKDAY}(?:s(?:\s+{PARTOFDAY}s?)?|\s+{PARTOFDAY}s)|(?<=\bat )weekends|(?<=\bon )weekends",
        ("weekday", "unit"),
    ),
    (
        r"(?:(?<=\bin )|(?<=\bover ))(?:recent|coming|the coming|the past|the last|the next)\s+(?:years|months|weeks|days|decades)\b",
        ("unit",),
    ),
    # Sets: "daily", "every week", "each year", "twice a year".
    (r"\b(?:daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|semiannually)\b", ("set",)),
    (rf"(?:every|each)\s+(?:other\s+)?(?:{NUMBER}\s+)?(?:{UNITS}|{WEEKDAY}|{SEASON}|{PARTOFDAY})", ("each",)),
    (rf"(?:once|twice|(?:{NUMBER}|several)\s+times)\s+(?:a|an|per|each|every)\s+{UNIT}", ("unit",)),
    # "Q3", "Q1 2013" (earnings reports)
    (rf"(?-i:Q[1-4])(?:\s+{YEAR4})?", None),
    # Vague references: "the future", "the past", "the near term".
    (
        r"(?:the\s+)?(?:near|immediate|distant|foreseeable)\s+(?:future|term)|the\s+future\b(?!\s+of\b)|(?:the\s+)?(?:short|long|near)\s+term\b",
        ("vague",),
    ),
    (r"(?<=at )present|year[-\s]end\b|year's\s+end|\b(?:then\s+)?current\b(?!-)", ("vague", "unit")),
    (
        (
            r"\bthe past\b(?!\s+(?:\w+\s+)?(?:years?|months?|weeks?|days?|decades?|quarters?|centur|few|several|\d|"
            rf"{NUMWORD}))"
        ),
        ("vague",),
    ),
    (
        r"(?-i:(?:New Year's|Christmas|Thanksgiving|Independence|Memorial|Labor|Veterans|Valentine's|Election)\s+(?:Day|Eve)|Christmas|Thanksgiving|Easter)\b",
        ("holiday",),
    ),
)

# Expressions the grammar matches that are rarely temporal on their own; TimeML does not tag
# "may" the verb, "second" the ordinal, nor "the present" as an adjective, etc.
_STOP = {
    "some day",
    "some days",
    "many years",
    "many days",
    "the day",
    "the month",
    "a second",
    "the second",
    "day",
    "month",
    "year",
    "week",
}
# "as soon as possible", "soon after": conjunctions, not references to the future (TimeBank leaves them untagged)
_BEFORE_STOP = re.compile(r"\bas\s+$", re.IGNORECASE)
_STOP_AFTER = {"soon": re.compile(r"\s+after\b")}
# "three-quarters of its food" is a fraction
_STOP_RE = re.compile(r"^(?:the\s+)?(?:last|first|past)\s+(?:second|day)$|-quarters$", re.IGNORECASE)

_PARTS = tuple(re.compile(p, re.IGNORECASE) for p, _ in _PATTERNS)
_EDGE = re.compile(r"[\s,]+$")


_LEFT, _RIGHT = 70, 40
_KEY_RES: dict[int, tuple[str, ...]] = {i: k for i, (_, k) in enumerate(_PATTERNS) if k}
_WORD = re.compile(r"[A-Za-z]+|\d+s?")
_MONTH_WORDS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}
_UNIT_WORDS = {"second", "minute", "hour", "day", "night", "week", "weekend", "month", "quarter", "year", "decade"}
_KINDS = {
    "unit": {w + s for w in _UNIT_WORDS for s in ("", "s")} | {"century", "centuries", "millennium", "millennia"},
    "weekday": {
        d + "day" for d in ("mon", "tue", "tues", "wed", "wednes", "thu", "thur", "thurs", "fri", "sat", "satur", "sun")
    }
    | {d + "days" for d in ("mon", "tues", "wednes", "thurs", "fri", "satur", "sun")},
    "deictic": set(DEICTIC[3:-1].split("|")),
    "season": {"spring", "summer", "fall", "autumn", "winter"},
    "part": {"morning", "afternoon", "evening", "night", "overnight"},
    "half": {"half"},
    "century": {"century"},
    "quarterish": {"quarter", "quarters", "half", "period", "periods"},
    "months": {"months"},
    "fiscal": {"fiscal"},
    "ago": {"ago", "earlier", "later", "hence", "now"},
    "each": {"every", "each"},
    "clock": {"m", "am", "pm", "noon", "midday", "midnight"},  # "a.m." is the words "a" and "m"
    "spelled": {"nineteen", "thousand"},
    "set": {"daily", "weekly", "monthly", "annually", "yearly", "hourly", "nightly", "biweekly", "semiannually"},
    "vague": {"future", "term", "present", "current", "end", "past"},
    "holiday": {"christmas", "thanksgiving", "easter", "day", "eve"},
}
_WORD_KINDS: dict[str, tuple[str, ...]] = {}
for _kind, _words in _KINDS.items():
    for _w in _words:
        _WORD_KINDS[_w] = (*_WORD_KINDS.get(_w, ()), _kind)


def _key_positions(text: str) -> dict[str, list[tuple[int, int]]]:
    """Where each kind of key word occurs: one pass over the words of the text."""
    out: dict[str, list[tuple[int, int]]] = {}
    for m in _WORD.finditer(text):
        w = m.group()
        low = w.lower()
        kinds = _WORD_KINDS.get(low, ())
        if low in _MONTH_WORDS and w[0].isupper():
            kinds = (*kinds, "month")
        elif w[0].isdigit():
            if len(w) == 4 and "1600" <= w <= "2099":
                kinds = ("year4",)
            elif w.endswith("0s"):
                kinds = ("decade",)
        elif low.endswith("ties"):
            kinds = ("decade",)
        for k in kinds:
            out.setdefault(k, []).append(m.span())
    return out


def _windows(spans: list[tuple[int, int]], n: int) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for s, e in sorted(spans):
        lo, hi = max(0, s - _LEFT), min(n, e + _RIGHT)
        if out and lo <= out[-1][1]:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return [(lo, hi) for lo, hi in out]


def find(text: str) -> list[tuple[int, int]]:
    """Character spans (start, end exclusive) of temporal expressions, left to right.

    Each pattern proposes its leftmost-longest matches; overlapping proposals resolve to
    the longest (then the earliest), as in HeidelTime's overlap filter.
    """
    cands: list[tuple[int, int]] = []
    whole = [(0, len(text))]
    positions = _key_positions(text) if _KEY_RES else {}
    cache: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for i, pat in enumerate(_PARTS):
        key = _KEY_RES.get(i)
        if key and key not in cache:
            cache[key] = _windows([sp for k in key for sp in positions.get(k, ())], len(text))
        for lo, hi in cache[key] if key else whole:
            for m in pat.finditer(text, lo, hi):
                s, e = m.span()
                # whole words only: "Monday" not inside "Mondays'"-like tokens or "May" in "Mayor"
                if (s > 0 and text[s - 1].isalnum()) or (e < len(text) and text[e].isalnum()):
                    continue
                e = s + len(_EDGE.sub("", text[s:e]))
                if e > s:
                    cands.append((s, e))
    cands.sort(key=lambda se: (-(se[1] - se[0]), se[0]))
    taken: list[tuple[int, int]] = []
    for s, e in cands:
        if any(s < te and ts < e for ts, te in taken):
            continue
        span = text[s:e]
        if span.lower() in _STOP or _STOP_RE.search(span):
            continue
        low = span.lower()
        if low == "soon" and (_BEFORE_STOP.search(text[max(0, s - 10) : s]) or _STOP_AFTER[low].match(text, e)):
            continue
        if _not_temporal(text, s, e):
            continue
        taken.append((s, e))
    return sorted(taken + _second_days(text, taken))


# Words of time that are written capitalized inside a sentence are part of a name: a TV show
# ("ABC's \"This Week\"", "60 Minutes"), a film ("High Noon"), a programme ("VOA Today").
_NAME_WORD = re.compile(
    r"(?-i:(?<![A-Za-z])(?:Today|Tonight|Now|Noon|Week|Weekend|Minutes?|Hours?|Months?|"
    r"Morning|Evening|Tomorrow|Yesterday|Daily|Weekly|Monthly))(?![A-Za-z])"
)
# A sentence starts after end punctuation, an opening quote or a line break (then a capital is no sign).
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]['\"’”]*|\n|[\"“‘`]|--|—|_)\s*$")
# "Now, he says, ...": sentence-initial "now" set off by a comma is a discourse marker, not a time
# (Schiffrin 1987, *Discourse Markers*, ch. 8); TimeBank leaves it untagged.
_DISCOURSE_NOW = re.compile(r"\s*,")
# "the night of Oct. 23": the part of day leads into the date the text names next; TimeBank tags
# the date alone.
_PART_OF = re.compile(r"(?i:the\s+(?:morning|afternoon|evening|night))$")


_ALWAYS = re.compile(r"\b(?:24|twenty-four)\s+hours\s+a\s+day\b|\b(?:7|seven)\s+days\s+a\s+week\b", re.IGNORECASE)
_FRACTION = re.compile(r"(?:(?:more than|less than|nearly|almost|about|over|roughly) )?(?:a|one) quarter")


def _not_temporal(text: str, s: int, e: int) -> bool:
    """Matches of the grammar that name something else or are no reference to time."""
    span = text[s:e]
    before = text[max(0, s - 40) : s]
    at_start = bool(_SENTENCE_START.search(before))
    for m in _NAME_WORD.finditer(span):
        if m.start() > 0 or not at_start:
            return True
    if span == "Now" and at_start and _DISCOURSE_NOW.match(text, e):
        return True
    if _PART_OF.fullmatch(span) and re.match(r"\s+of\b", text[e : e + 5]):
        return True
    # idioms: "high noon" (a showdown), "24 hours a day" / "seven days a week" (always), and
    # "a quarter of the market" (a fraction)
    low = span.lower()
    if low == "noon" and re.search(r"\bhigh\s+$", before, re.IGNORECASE):
        return True
    if _ALWAYS.search(text[max(0, s - 12) : e + 12]) and low in ("24 hours", "a day", "seven days", "a week"):
        return True
    if _FRACTION.fullmatch(low) and re.match(r"\s+of\s+(?!\d)", text[e : e + 8]):
        return True
    return False


# "April 24 and 25", "from Jan. 5 to 9": the bare day after a calendar date is a date of its own
_DATE_HEAD = re.compile(rf"{MONTH}\s+{DAYNUM}$", re.IGNORECASE)
_NEXT_DAY = re.compile(
    r"\s*(?:-|–|to|and|or|through|until|till)\s*((?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)\b"
    r"(?!\s*(?:%|percent|[,.]\d|\d|-|[A-Za-z]{3}))"
)


def _second_days(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for s, e in taken:
        if _DATE_HEAD.search(text[s:e]):
            m = _NEXT_DAY.match(text, e)
            if m and not any(ts < m.end(1) and m.start(1) < te for ts, te in taken):
                out.append((m.start(1), m.end(1)))
    return out
