"""Statements worth comparing: a claim cut to the words its speaker is credited with, by a side.

Text extracted from web pages runs a headline, a print date, a tag list and the lead into one
"sentence", separated only by runs of spaces; a claim read across them credits the headline's
figure to whoever the lead quotes. ``comparable`` keeps the piece of the content next to its
speaker (a layout break ends a statement), drops what still carries page furniture, and keeps
only speakers that are a side someone can hold to account: not a place ("Homs"), a date line
("Date of publication") or a fragment of a headline.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from ..records import Claim, Span
from ..resolve.textkeys import word_fold as fold
from ..sources.furniture import is_furniture
from .claim import keywords, numbers, words

# A layout break in flattened page text: a line break, three spaces, or two not after a sentence's end.
BREAK = re.compile(r"\n|\s{3,}|(?<![.!?\"”’])\s{2,}")
# Words no speaker's name holds: dates and page words (a date line or headline taken as a speaker),
# and relative pronouns (a clause taken as a name: "The government which denied its forces…").
NOT_A_NAME = frozenset(
    "which who whose that publication posted updated earlier related tags monday tuesday wednesday thursday friday saturday sunday "
    "january february march april may june july august september october november december".split()
)
MAX_NAME_WORDS = 10  # capitalised: "The Director of the Syrian Observatory for Human Rights Rami Abdel Rahman" has 9
BIG_PLACE = 50_000  # a town this big named alone as a speaker is a place ("Homs said"), not a side


def _piece(c: Claim) -> Span:
    """The part of the content between layout breaks nearest the speaker."""
    text, start = c.content.text, c.content.start
    cuts = [0, *(x for m in BREAK.finditer(text) for x in (m.start(), m.end())), len(text)]
    pieces = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2) if text[cuts[i] : cuts[i + 1]].strip()]
    if len(pieces) <= 1:
        return c.content
    sp = c.speaker
    if sp is not None and sp.start >= c.content.end:  # "... the Observatory said": the last piece
        s, e = pieces[-1]
    elif sp is not None and sp.end <= c.content.start:  # "SANA reported that ...": the first piece
        s, e = pieces[0]
    else:
        s, e = max(pieces, key=lambda p: p[1] - p[0])
    return Span(start + s, start + e, text[s:e])


@functools.lru_cache(maxsize=4096)
def _is_place(name: str) -> bool:
    from ..resolve import agents
    from ..resolve.actors import lookup as actor
    from ..resolve.gazetteer import lookup

    # a state by its name or capital speaks through its government ("Ukraine welcomed", "Moscow said")
    if actor(name) is not None or agents.is_place_name(name) or agents.country_of(name):
        return False
    return any(p.population >= BIG_PLACE for p in lookup(name)[:1])


def a_side(c: Claim) -> bool:
    """Whether the speaker is someone a statement can be credited to (not a place, date or headline)."""
    sp = c.speaker
    if sp is None:
        return False
    ws = words(sp.name)
    if not ws or sum(w[0].isupper() for w in ws) > MAX_NAME_WORDS or is_furniture(sp.name):
        return False
    # a count in a name is a headline's ("Monitors 15 killed"), unless it is part of it ("DeirEzzor 24")
    if any(w[0].isdigit() and not (i and ws[i - 1][0].isupper()) for i, w in enumerate(ws)):
        return False
    if any(fold(w) in NOT_A_NAME for w in ws):
        return False
    return not _is_place(sp.name)


def _named(c: Claim) -> Claim:
    """A speaker read across a layout break ("Monitors 15 killed … AP  Friday 6 Oct 2017 Syrian
    opposition activists") is the words after the last break."""
    sp = c.speaker
    if sp is None or not (BREAK.search(sp.text) or BREAK.search(sp.name)):
        return c
    last = BREAK.split(sp.text)[-1].strip()
    name = BREAK.split(sp.name)[-1].strip()
    return replace(c, speaker=replace(sp, text=last, start=sp.end - len(last), name=name))


@functools.lru_cache(maxsize=4096)
def comparable(c: Claim) -> Claim | None:
    """The claim cut to its statement, or None when it is no statement by a side. (Asked for both
    claims of every pair: kept per claim, which is frozen.)"""
    c = _named(c)
    if not a_side(c):
        return None
    piece = _piece(c)
    if is_furniture(piece.text) or len(words(piece.text)) < 3:  # "refuge": a fragment, no statement
        return None
    if piece == c.content:
        return c
    return replace(c, content=piece, numbers=numbers(piece.text, piece.start), proposition=keywords(piece.text))
