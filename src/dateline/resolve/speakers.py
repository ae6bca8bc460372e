"""Who a speaker mention refers to: pronouns, short names and role nouns → the full entity.

Pure functions over plain data (no spaCy; see resolve/__init__). The heuristics follow the
quote-attribution literature: a pronoun speaker is most often the last named speaker (O'Keefe
et al. 2012, "A sequence labelling approach to quote attribution"; the GenderGapTracker's
speaker linking, Asr et al. 2021), else the last person named before it; a role noun ("the
minister") is the last person whose title carries that noun; a surname is the person whose
full name ends with it. Unnamed sources ("a US official") stay as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .textkeys import name_words, surname_of

PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "who", "whom", "i", "me", "my"}
# Only "it" is resolved to an organisation ("the Pentagon ... it said"); "they" and "we" name a
# group too loosely (people, a crowd, a campaign) to pick one entity, so they stay as written.
GROUP_PRONOUNS = {"it", "its"}
_PERSON_TYPES = {"PERSON"}
_GROUP_TYPES = {"ORG"}
_DET = re.compile(r"^[Tt]he\s+(?=[A-Z])")
# How far back (characters) a pronoun or role noun may reach for its referent: about three
# short news paragraphs, past which a reader would expect the name again.
WINDOW = 1500


@dataclass(frozen=True)
class Mention:
    """A named mention of an entity in the article."""

    name: str  # the entity's canonical name
    type: str
    start: int
    end: int
    entity: str | None = None
    title: str | None = None
    gender: str | None = None  # "f" / "m" where the article says (Ms., Mr., spokeswoman)


@dataclass(frozen=True)
class Resolved:
    name: str
    title: str | None = None
    entity: str | None = None


def by_name(text: str, at: int, mentions: Sequence[Mention]) -> Mention | None:
    """The full-named mention a short name stands for (nearest before ``at``, else after)."""
    before = [m for m in mentions if m.start < at and surname_of(text, m.name)]
    if before:
        return max(before, key=lambda m: len(m.name))
    after = [m for m in mentions if surname_of(text, m.name)]
    return max(after, key=lambda m: len(m.name)) if after else None


_FEMALE = {"she", "her", "hers"}
_MALE = {"he", "him", "his"}
_HONORIFIC = re.compile(r"\b(Mrs?|Ms|Miss|Sir|Lady|Dame)\.?\s*$")
_F_WORDS = {
    "woman",
    "spokeswoman",
    "congresswoman",
    "chairwoman",
    "businesswoman",
    "mother",
    "wife",
    "queen",
    "princess",
    "duchess",
    "actress",
    "sister",
    "daughter",
    "grandmother",
    "lady",
    "madam",
}
_M_WORDS = {
    "man",
    "spokesman",
    "congressman",
    "chairman",
    "businessman",
    "father",
    "husband",
    "king",
    "prince",
    "duke",
    "actor",
    "brother",
    "son",
    "grandfather",
    "sir",
}


def gender_of(before: str, title: str | None) -> str | None:
    """'f' or 'm' from an honorific right before a name or a gendered title word; else None."""
    m = _HONORIFIC.search(before)
    if m:
        return "m" if m.group(1) in ("Mr", "Sir") else "f"
    words = set(name_words(title or ""))
    if words & _F_WORDS:
        return "f"
    if words & _M_WORDS:
        return "m"
    return None


def by_pronoun(pronoun: str, at: int, mentions: Sequence[Mention], speakers: Sequence[Mention]) -> Mention | None:
    """A pronoun's referent: the last person speaker, else the last person named, within WINDOW.

    A person the article marks as the other gender (Mr. for "she") is passed over.
    """
    p = pronoun.lower()
    types = _PERSON_TYPES if p in PERSON_PRONOUNS else _GROUP_TYPES if p in GROUP_PRONOUNS else set()
    if not types:
        return None
    clash = "m" if p in _FEMALE else "f" if p in _MALE else None
    genders = {m.name: m.gender for m in mentions if m.gender}
    for pool in (speakers, mentions):
        cands = [
            m
            for m in pool
            if m.type in types
            and m.end <= at
            and at - m.end <= WINDOW
            and (clash is None or genders.get(m.name) != clash)
        ]
        if cands:
            return max(cands, key=lambda m: m.end)
    return None


def by_role(head: str, at: int, mentions: Sequence[Mention]) -> Mention | None:
    """'the minister' → the last person before ``at`` whose title has that head noun."""
    h = head.lower()
    cands = [m for m in mentions if m.title and h in name_words(m.title) and m.end <= at and at - m.end <= WINDOW * 2]
    return max(cands, key=lambda m: m.end) if cands else None


def display(text: str) -> str:
    """A source as written, without edge punctuation; 'the Pentagon' → 'Pentagon' (a name)."""
    s = text.strip().strip(",;:").strip()
    return _DET.sub("", s) if len(s.split()) <= 4 else s
