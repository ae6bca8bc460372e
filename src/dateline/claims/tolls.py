"""Tolls: what a claim's count counts, and whether two counts can be of one incident.

Two casualty figures disagree only when they count the same thing for the same event. A count
is read with what news writes around it:

* **who** was counted: children, women, civilians, fighters, troops, or everyone ("people");
  "22 children" is not a rival of "36 dead";
* a **part**: "including 3 children", "among them", "another 42", "a further nine" give a subtotal;
  a figure the statement is itself "among" ("they were among 19 killed") is the wider total;
* a **cumulative** toll: "since the war began", "so far", "this year": the war's, not an event's;
* an **update**: "rose to", "has risen to", "earlier", "initial": the same toll later, not a rival.

Whether two statements are about one incident (within an article, where the corpus linker
gives no identity) is read from the places and days they name: two neighbourhoods, two towns or
two weekdays are two incidents of a roundup. Pure functions over claim text, no spaCy.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import replace
from typing import NamedTuple

from ..records import Claim, Quantity, Span
from ..resolve.textkeys import word_fold as fold
from .claim import interval, numbers

# Only casualty counts are compared: strikes, missiles, troops sent are plans and tallies, rarely tolls.
TOLL_UNITS = frozenset(("killed", "injured"))
# Who a count counts, by the noun right after it ("15 civilians", "three children").
GROUPS = {
    "children": "children",
    "child": "children",
    "kids": "children",
    "babies": "children",
    "students": "children",
    "women": "women",
    "woman": "women",
    "civilians": "civilians",
    "civilian": "civilians",
    "soldiers": "troops",
    "troops": "troops",
    "servicemen": "troops",
    "members": "troops",
    "loyalists": "troops",
    "personnel": "troops",
    "policemen": "troops",
    "fighters": "fighters",
    "militants": "fighters",
    "rebels": "fighters",
    "jihadists": "fighters",
    "terrorists": "fighters",
    "insurgents": "fighters",
    "gunmen": "fighters",
    "operatives": "fighters",
    "teachers": "teachers",
    "doctors": "medics",
    "volunteers": "medics",
}
# Before a count: what makes it a part of another ("including 3", "another 42", "a further nine").
# ("including a woman and two children": the list after "including" is parts too)
PART_BEFORE = re.compile(
    r"(?:(?:including|among them|among whom|of whom|of them)(?:\s+(?:a|an|one|\w+)\s+(?:\w+\s+)?and)?|"
    r"another|a further|further|other|plus|besides|also|among)\W*"
    r"(?:at least|some|about|around|nearly|almost|more than|over)?\s*$",
    re.I,
)
# In the statement: a toll of the war or of a period, never an event's.
CUMULATIVE = re.compile(
    r"\b(?:since (?:the |it |its |\d{4}|march|the start|the beginning)|so far|to date|in total|overall|"
    r"the war|the conflict|civil war|this year|this month|last year|past (?:year|month|week)s?|"
    r"(?:over|in|during) the (?:past|last) (?:\w+ )?days|"  # "over the past two days": a period's toll
    r"(?:in|over) (?:two|three|four|five|several|\d+) days|(?:brought|bringing|brings) (?:the \w+ )?to|"
    r"hundreds of thousands|tens of thousands|thousands|total of|death toll of the|in recent (?:days|weeks|months))\b",
    re.I,
)
# A toll told as changed, or an early one: the same figure later, not a rival.
UPDATE = re.compile(
    r"\b(?:ris(?:en|e|es|ing)|rose|climb\w*|increas\w*|jump\w*|up from|updated|new toll|latest toll|"
    r"earlier|initial(?:ly)?|preliminary|has reached|had reached|reached)\b",
    re.I,
)
# Across a wide area: a sum over several incidents ("across the country", "in various areas").
AGGREGATE = re.compile(
    r"\b(?:across|nationwide|throughout|several (?:towns|areas|cities|neighbou?rhoods|villages)|"
    r"various|elsewhere|meanwhile|also (?:killed|wounded|injured)|other areas|in separate|separate (?:attacks|incidents|clashes)|three separate|two separate)\b",
    re.I,
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.I)
YEAR = re.compile(r"\b(?:19[5-9]\d|20\d\d)\b")
# A named place: a name after a preposition, or a name before a place noun ("al-Midan neighbourhood").
PLACE_NOUN = r"(?:neighbou?rhoods?|district|area|city|town|village|province|street|countryside|suburbs?|camp|region)"
NAME = r"(?:(?:al|el|Al|El)[\-\s])?[A-Z][\w'’\-]+(?:\s+(?:(?:al|el|Al|El)[\-\s])?[A-Z][\w'’\-]+){0,3}"
# (lower-case qualifiers may come between: "in rebel-held Idlib", "in the besieged eastern Ghouta")
PLACE_AFTER_PREP = re.compile(
    r"\b(?:in|at|near|outside|on|of)\s+(?:the\s+)?(?:[a-z][a-z\-]+\s+){0,2}(?P<name>" + NAME + r")"
)
# ("targeted Salah Eddin neighborhood"; not "a mostly Alawite neighbourhood", which says who lives there)
PLACE_BEFORE_NOUN = re.compile(
    r"(?<!\ba )(?<!\ban )(?<!mostly )(?<!predominantly )\b(?P<name>" + NAME + r")\s+" + PLACE_NOUN + r"\b"
)
# Capitalised words after a preposition that are no places (days, months, institutions, sides).
NOT_PLACES = frozenset(
    (
        *WEEKDAYS,
        *"january february march april may june july august september october november december".split(),
        *"syria syrian iraq iraqi russia russian turkey turkish israel israeli iran iranian lebanon yemen".split(),
        *"state islamic human rights observatory coalition government regime army daesh isis isil is".split(),
        *"the a an un united nations assad kurdish kurds hezbollah hizbollah nusra front afp reuters sana".split(),
    )
)


class Toll(NamedTuple):
    """One casualty count of a claim, as comparison needs it."""

    quantity: Quantity
    unit: str
    group: str  # who was counted: "people" when no narrower group is named
    low: float
    high: float


# What happened to those counted, read in the clause around the count: the verb before it
# ("killing two", "claiming the lives of three", "injuring 6") or the word after it ("56 civilians dying").
KILLED = r"(?:kill\w*|dead|died|dying|deaths?|lives|lifeless|bodies|slain|executed|massacred)"
INJURED = r"(?:injur\w*|wound\w*|hurt)"
VERB_BEFORE = re.compile(
    r"\b(?P<verb>"
    + KILLED
    + "|"
    + INJURED
    + r")\b(?:\s+(?:the\s+)?(?:lives\s+of|at\s+least|some|about|around|nearly|more\s+than|over))*\s*$",
    re.I,
)
WORD_AFTER = re.compile(r"\b(?P<verb>" + KILLED + "|" + INJURED + r")\b", re.I)
# After a count, what makes it part of a named whole ("five of the injured", "among the dead").
PART_AFTER = re.compile(r"^\s*(?:\w+\s+){0,2}(?:of the|among the|of them|of whom)\b", re.I)
NOT_COUNT_AFTER = re.compile(r"^\s*(?:of\b|year|month|week|day|hour|minute|km|kilomet|mile|percent|%|times)", re.I)
# Words between a count and whom it counts that name a side ("35 Islamic State jihadists", "4 YPG fighters").
SIDE = re.compile(r"^\s*((?:[A-Z][\w\-]*\s+){1,3})")


# Who a count is of when no group is named: "21 people", "nine others", "the 30 victims".
PERSONS = frozenset("people persons person others victims bodies individuals".split())
# What a count before a casualty verb may be of instead: "two car bombs killed", "40 shells injured".
THINGS = frozenset(
    "car bomb bombs rocket rockets shell shells missile missiles strike strikes airstrikes raids raid attack "
    "attacks blast blasts explosion explosions barrel mortar mortars drone drones aircraft planes jets suicide "
    "days hours weeks months years".split()
)


def _unit(text: str, s: int, e: int) -> str | None:
    before = VERB_BEFORE.search(text[max(0, s - 40) : s])
    if before:
        return "injured" if re.match(INJURED, before.group("verb"), re.I) else "killed"
    after = text[e : e + 90]
    # a count of people or of the dead ("21 were killed"), not of what hit them ("two car bombs killed")
    near = [fold(w) for w in re.findall(r"[A-Za-z]+", after)[:3]]
    first = next(
        (w for w in near if w in PERSONS or w in GROUPS or w in THINGS or re.fullmatch(KILLED + "|" + INJURED, w)),
        None,
    )
    if first is None or first in THINGS:
        return None
    cut = re.search(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozens?)\b|[;:]", after, re.I)
    after = after[: cut.start()] if cut else after
    m = WORD_AFTER.search(after)
    if m is None:
        return None
    return "injured" if re.match(INJURED, m.group("verb"), re.I) else "killed"


def _group(text: str, e: int) -> str:
    after = text[e : e + 60]
    side = SIDE.match(after)
    for w in re.findall(r"[A-Za-z]+", after)[:5]:
        if fold(w) in PERSONS:  # "25 people including women and children": everyone
            return "people"
        g = GROUPS.get(fold(w))
        if g:
            return f"{g} {fold(side.group(1).strip())}" if side and g in ("fighters", "troops") else g
    return "people"


def tolls(c: Claim) -> list[Toll]:
    """The claim's casualty counts of one event: no parts, no cumulative tolls, no wide-area sums."""
    text, offset = c.content.text, c.content.start
    out = []
    for q in numbers(text, offset, unitless=True):
        s, e = q.start - offset, q.end - offset
        # a plural number word counts through "of" ("dozens of people", "hundreds of civilians"):
        # its "of" is no part-of ("one of the markets") nor a measure
        plural_word = q.text.isalpha() and q.text.lower().endswith("s") and text[e:].lstrip().startswith("of ")
        if (NOT_COUNT_AFTER.match(text[e:]) and not plural_word) or (
            PART_AFTER.match(text[e:]) and not (plural_word and not text[e:].lstrip()[3:].startswith("the"))
        ):
            continue
        unit = _unit(text, s, e)
        if unit is None:
            continue
        before = text[max(0, s - 30) : s]
        clause = text[max(0, s - 120) : e + 120]
        if PART_BEFORE.search(before) or CUMULATIVE.search(clause) or AGGREGATE.search(clause):
            continue
        low, high = interval(q)
        out.append(Toll(q, unit, _group(text, e), low, high))
    # two counts of one outcome in one statement are a breakdown ("nine in Qaterji and two in
    # Mayssar"): each is a part of a whole the statement does not give
    units = [t.unit for t in out]
    return [t for t in out if units.count(t.unit) == 1]


def rival(a: Iterable[Toll], b: Iterable[Toll]) -> tuple[Toll, Toll] | None:
    """The first two counts of the same thing that cannot both hold ("at least 21" and 25 can)."""
    bs = list(b)
    for x in a:
        for y in bs:
            if x.unit == y.unit and x.group == y.group and (x.high < y.low or y.high < x.low):
                return x, y
    return None


def updating(a: Claim, b: Claim) -> bool:
    """Either statement tells a toll as changed or early ("Earlier on Wednesday a source said"): an
    update, not a rival figure."""
    return any(UPDATE.search(c.sentence.text if c.sentence else c.content.text) for c in (a, b))


# A name whose last word says it is a place, wherever it stands ("mortar rounds hit the Absasiyeen Square").
PLACE_NAMED = re.compile(
    r"\b(?P<name>" + NAME + r"\s+(?:Square|Street|Road|Market|Bridge|Gate|Camp|District|Neighbou?rhood))\b"
)


@functools.lru_cache(maxsize=8192)
def places(text: str) -> frozenset[str]:
    """The places a statement names (folded): towns, neighbourhoods, districts; not countries."""
    found = set()
    for rx in (PLACE_AFTER_PREP, PLACE_BEFORE_NOUN, PLACE_NAMED):
        for m in rx.finditer(text):
            name = m.group("name")
            # "in Aleppo's Old City" → Aleppo; trailing "province" words stay out of the name
            name = re.sub(r"['’]s$", "", name.split("'s ")[0].split("’s ")[0])
            name = DAY.split(name)[0].strip()  # "Homs Wednesday": the day is no part of the name
            if not name:
                continue
            key = fold(name)
            if key.split()[0] in NOT_PLACES or key in NOT_PLACES or len(key) < 3:
                continue
            found.add(key)
    return frozenset(found)


def days(text: str) -> frozenset[str]:
    return frozenset(fold(d) for d in DAY.findall(text))


def one_incident(a: Claim, b: Claim) -> bool:
    """Whether two statements of one article can be about one incident: no two places or two days
    that set them apart (a roundup tells of several: "in al-Midan … in Salah Eddin")."""
    ta, tb = _where(a), _where(b)
    pa, pb = places(ta), places(tb)
    if pa and pb and not _overlap(pa, pb):
        return False
    if (pa - _within(pa, pb)) and (pb - _within(pb, pa)):  # each names a place the other does not
        return False
    da, db = days(ta), days(tb)
    if da and db and not (da & db):
        return False
    ya, yb = set(YEAR.findall(ta)), set(YEAR.findall(tb))
    return not (ya and yb and not (ya & yb))


def same_places(a: Claim, b: Claim) -> bool:
    """Whether two reports' statements put their tolls in one place, when both name where: across
    outlets a toll of two neighbourhoods against the city's is a part of it or another incident of
    the same days, not a rival figure (within an article the writer's own order tells them apart)."""
    pa, pb = places(_where(a)), places(_where(b))
    return not (pa and pb) or not (pa - _within(pa, pb) or pb - _within(pb, pa))


def _where(c: Claim) -> str:
    """The statement and who made it: "a source at Deir Ezzor Police Command" places it too; a
    statement that names no place or day ("Seven others were wounded in the attack") is set
    where the sentence before it is (``Claim.setting``)."""
    own = f"{c.speaker.text if c.speaker else ''}. {c.content.text}"
    if c.setting is None or places(own) or days(own):
        return own
    return f"{own}. {c.setting.text}"


def _overlap(pa: frozenset[str], pb: frozenset[str]) -> bool:
    return bool(_within(pa, pb))


def _within(pa: frozenset[str], pb: frozenset[str]) -> set[str]:
    """The places of ``pa`` that ``pb`` names too, a multiword name matching its head ("Homs city")."""
    return {p for p in pa if any(p == q or p in q.split() or q in p.split() for q in pb)}


SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+")
MAX_SETTING = 300  # characters: a flattened page's run-on "sentence" sets nothing beyond its end


def with_setting(c: Claim, text: str) -> Claim:
    """The claim with the sentence before it as its setting (``Claim.setting``), when its own
    statement names no place or day: "Seven others were wounded in the attack" tells of the
    attack the sentence before placed and dated. Found on the text, so stored reports give it too."""
    own = _where(c)
    if c.setting is not None or places(own) or days(own):
        return c
    end = len(text[: (c.sentence or c.content).start].rstrip())
    ends = [m.end() for m in SENTENCE_END.finditer(text, 0, max(0, end - 1))]
    start = max(ends[-1] if ends else 0, end - MAX_SETTING)
    if end - start < 3:
        return c
    return replace(c, setting=Span(start, end, text[start:end]))
