"""An accusation and its denial: the shape most disputes in conflict news take.

"The Syrian government denied accusations it carried out the attacks" against "the president's
forces killed 1,300 people when they unleashed chemical weapons": the two statements share almost
no words (attacks / chemical weapons), so the word-overlap test of ``disputes`` misses them, yet
they are the dispute a reader looks for. The denial is read as what it denies (its act: an attack,
a use of weapons) and whether it names a doer; the other statement contradicts it when it asserts
that act happened and, where the denial is of responsibility, names the denier's side as the doer.
What is no assertion of the act stays out: a call for an inquiry ("urged an investigation into
the attack"), a question ("what agent was used"), a statement of another time ("in 2014").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..records import Claim
from ..resolve.textkeys import word_fold as fold
from .claim import stem, words
from .tolls import YEAR

# The verbs by which a side says an act attributed to it did not happen; "rejected" takes
# demands and proposals as often as accusations ("rejected the demand they withdraw"), so it is
# left to the general denial test.
DENY = frozenset({"deny", "denied", "denies", "denying"})
# What a denial denies when it names the charge rather than the act.
CHARGE = frozenset(stem(w) for w in ("accusation", "allegation", "claim", "report", "charge", "responsibility"))
# Acts and their instruments, as classes: "the attacks" and "a chemical massacre" speak of one
# act when both fall in one class. Kept to what conflict statements deny: attacks, weapons, gas.
ACT_CLASSES: tuple[frozenset[str], ...] = tuple(
    frozenset(stem(w) for w in ws.split())
    for ws in (
        "attack attacks attacked massacre strike strikes struck airstrike airstrikes raid raids bombing bombings shelling",
        "chemical chemicals gas gases sarin chlorine toxic poison poisonous nerve",
        "weapon weapons",
    )
)
# Verbs of carrying out an act with an instrument ("using the weapons", "unleashed chemical weapons").
USE = frozenset(
    stem(w)
    for w in "use used uses using unleash unleashed fire fired drop dropped launch launched carry carried".split()
)
# The words by which a statement points at a state's side as the doer; hyphenated forms
# ("anti-government", "government-held") are one token and never match.
STATE = frozenset(
    stem(w) for w in "government regime president army military forces troops ministry planes warplanes".split()
)
# Words by which a denial is of the denier's own part in an act ("denied any involvement in the raids").
RESPONSIBILITY = frozenset(stem(w) for w in "responsibility responsible involvement involved role part".split())
# A statement of what happened before ("used sarin in attacks in the past") is of another time than
# one about a day's attack; the year test (``YEAR``) catches the dated ones.
PAST = re.compile(
    r"\b(?:in the past|previously|on previous occasions|earlier (?:attacks|this year)|last (?:year|month))\b", re.I
)
# A statement about an inquiry or a call for one asserts nothing about the act itself.
INQUIRY = frozenset(
    stem(w) for w in "investigate investigation investigations inquiry enquiry probe inspectors".split()
)
# Where a denier's own counter-claim starts ("denied …, saying rebels had used such weapons").
COUNTER = re.compile(r",?\s+(?:saying|adding|and said|insisting|arguing)\b", re.I)
# Words of a speaker's name that name no side of their own.
NOT_SIDE = frozenset(stem(w) for w in "the a an of and for human rights news agency state media source".split())


@dataclass(frozen=True)
class Denial:
    acts: frozenset[int]  # indices into ACT_CLASSES
    of_doer: bool  # the denial names a doer ("it carried out", "government forces used", "responsibility")
    side: frozenset[str]  # stems that name the denier's side in another statement


def _classes(stems: set[str]) -> frozenset[int]:
    return frozenset(i for i, cls in enumerate(ACT_CLASSES) if stems & cls)


@functools.lru_cache(maxsize=4096)
def denial(c: Claim) -> Denial | None:
    """What a claim denies, when it is a denial of an act (its cue is "denied")."""
    if not c.cue or not any(fold(w) in DENY for w in words(c.cue)):
        return None
    denied = COUNTER.split(c.content.text, maxsplit=1)[0]
    toks = words(denied)
    stems = {stem(w) for w in toks}
    acts = _classes(stems)
    if not acts:
        return None
    low = {fold(w) for w in toks}
    of_doer = bool(low & {"it", "they", "its", "their", "behind"} or stems & (STATE | RESPONSIBILITY))
    sp = c.speaker
    side: set[str] = set()
    if sp is not None:
        for w in words(f"{sp.name} {sp.title or ''}"):
            s = stem(w)
            if s in STATE or (w[:1].isupper() and s not in NOT_SIDE and len(s) > 2):
                side.add(s)
    if side & STATE:  # a state body: its government, army and planes are its side too
        side |= STATE
    return Denial(acts, of_doer, frozenset(side))


# What a statement is about where its sentence names it outside the words quoted: the one accused
# ("accused government forces of gassing hundreds": the forces did it) and the antecedent of a
# relative clause ("an August 21 chemical weapons attack … which the United States says came from
# Assad's forces": the attack is what came from them).
ACCUSED = re.compile(r"\b(?:accus|blam)\w*\s+(?P<who>[^,;.]{1,80}?)\s+(?:of|for)\s*$", re.I)
ANTECEDENT = re.compile(
    r"(?P<what>(?:[\w'-]+\s+){1,8}?)(?:which|that)\s+(?:[\w.'-]+\s+){1,6}?"
    r"(?:says?|said|claims?|claimed|believes?|insists?)\s*(?:that\s*)?$",
    re.I,
)


def _framing(c: Claim) -> str:
    """The words of the claim's sentence that say who or what it is about (``ACCUSED``,
    ``ANTECEDENT``); empty when there are none."""
    if c.sentence is None:
        return ""
    before = c.sentence.text[: max(0, c.content.start - c.sentence.start)]
    m = ACCUSED.search(before) or ANTECEDENT.search(before)
    return m.group(m.lastgroup or 0) if m else ""


def asserts_act(c: Claim, d: Denial) -> bool:
    """Whether a claim states that the denied act happened, and (for a denial of responsibility)
    that the denier's side did it."""
    toks = words(f"{_framing(c)} {c.content.text}")
    stems = [stem(w) for w in toks]
    present = set(stems)
    if present & INQUIRY or c.content.text.rstrip().endswith("?"):
        return False
    # the most specific act the denial names must be asserted: a denied chemical attack is not
    # answered by "came under the heaviest attack"
    specific = d.acts - {0} or d.acts
    if not (_classes(present) & specific):
        return False
    # the act itself must be stated: an attack word, or a use of the weapon ("using the weapons")
    if not (present & ACT_CLASSES[0] or present & USE):
        return False
    if not d.of_doer:
        return True
    return bool(present & d.side)


def accused_and_denied(a: Claim, b: Claim) -> set[str] | None:
    """The act one claim denies and the other asserts (R3 of the judged set: same act, same doer,
    one time), as the denial's stems of it; None when there is none."""
    for x, y in ((a, b), (b, a)):
        d = denial(x)
        if d is None or denial(y) is not None:
            continue
        if not asserts_act(y, d):
            continue
        ya, yb = set(YEAR.findall(x.content.text)), set(YEAR.findall(y.content.text))
        if ya != yb:  # "denied using them on Tuesday" against "used them in 2014": two times
            continue
        if bool(PAST.search(x.content.text)) != bool(PAST.search(y.content.text)):
            continue
        act = set().union(*(ACT_CLASSES[i] for i in d.acts))
        return {s for s in x.proposition if s in act} or {s for s in map(stem, words(x.content.text)) if s in act}
    return None
