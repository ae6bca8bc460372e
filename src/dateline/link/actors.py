"""One actor across articles: the same person, group or government under its spelling variants.

The similarity rule (used by the store when it links an article's entities to actors):

1. **Same key.** Names are compared by a *key*: Unicode accents removed, case folded,
   apostrophes and hyphens dropped ("Kata'ib" → "kataib", "al-Shabaab" → "al shabaab"), a
   leading "the" removed. Two names with the same key, or a name whose key equals one of an
   actor's aliases (the entities component's acronyms, "ISIS" for "Islamic State"), are the
   same actor.
2. **Same transliteration skeleton.** Arabic, Persian and Pashto names reach English in many
   romanisations whose vowels and doubled letters vary but whose consonants agree ("Hezbollah",
   "Hizballah", "Hizbollah"; "Shabaab", "Shabab"). The *skeleton* of a key keeps, per word, the
   first letter and the consonants after it, with digraphs folded (kh→k, ph→f, q→k, ...), the
   Arabic article dropped, and doubled letters collapsed. Names with the same skeleton are the
   same actor when, in addition, they have the same number of words, their keys are similar
   (RapidFuzz ratio ≥ ``MIN_RATIO``), they are long enough (``MIN_KEY`` characters) to make a
   chance collision unlikely, a person is never merged with a place, and their countries, when
   both are known, agree. Single-word person names are never merged across articles on the
   skeleton (a surname alone is ambiguous).
3. **Acronym.** An upper-case name of 2 to 6 letters is the acronym of an organisation whose
   initials it spells ("RSF", "Rapid Support Forces"), when neither is a person and their
   countries, when both are known, agree.

The canonical name of an actor is the spelling seen most often; the others are its aliases. The key,
the acronym test and the initials are ``resolve.textkeys``' (``actor_key``, ``is_bare_acronym``,
``key_initials``); the skeleton is this module's own.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..resolve.textkeys import actor_key as key  # accents, case, apostrophes, punctuation, 'the'
from ..resolve.textkeys import is_bare_acronym as is_acronym
from ..resolve.textkeys import key_initials as initials

TYPES = ("PERSON", "ORG", "GPE", "NORP")  # what can act in an event; NORP: "Houthis", "Taliban"
MIN_RATIO = 70
MIN_KEY = 6
_ARTICLES = {"al", "el", "ad", "ar", "as", "ash", "at", "an", "az", "ul"}
_FOLDS = (
    ("kh", "k"),
    ("gh", "g"),
    ("ph", "f"),
    ("sh", "s"),
    ("ch", "s"),
    ("th", "t"),
    ("dh", "d"),
    ("ck", "k"),
    ("q", "k"),
    ("c", "k"),
    ("z", "z"),
    ("j", "j"),
)
_VOWELS = set("aeiouhwy")


@functools.lru_cache(maxsize=1 << 16)
def skeleton(k: str) -> str:
    """Per word: the first letter and the folded consonants after it, doubled letters collapsed."""
    words = k.split()
    if len(words) > 1:
        words = [w for w in words if w not in _ARTICLES] or words
    out = []
    for w in words:
        for a, b in _FOLDS:
            w = w.replace(a, b)
        s = w[0] + "".join(c for c in w[1:] if c not in _VOWELS)
        out.append(re.sub(r"(.)\1+", r"\1", s))
    return " ".join(out)


@dataclass(frozen=True)
class Name:
    """A name as seen in an article, or one of a stored actor's aliases."""

    text: str
    type: str | None = None
    country: str | None = None

    @property
    def key(self) -> str:
        return key(self.text)

    @property
    def skeleton(self) -> str:
        return skeleton(self.key)


def same_actor(a: Name, b: Name) -> bool:
    """The rule in this module's docstring: is ``b`` a spelling of ``a``'s actor?"""
    ka, kb = a.key, b.key
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    if a.country and b.country and a.country != b.country:
        return False
    for x, y in ((a, b), (b, a)):
        if is_acronym(x.text) and not is_acronym(y.text) and "PERSON" not in {x.type, y.type}:
            return initials(y.key) == x.key
    if a.skeleton != b.skeleton or len(ka.split()) != len(kb.split()):
        return False
    if min(len(ka), len(kb)) < MIN_KEY:
        return False
    types = {a.type, b.type}
    if "PERSON" in types and types & {"GPE", "LOC", "FAC"}:
        return False
    if "PERSON" in types and len(ka.split()) < 2:
        return False
    if a.country and b.country and a.country != b.country:
        return False
    return fuzz.ratio(ka, kb) >= MIN_RATIO
