"""What the rest of an article says about one of its names: its demonyms.

A "one sense per discourse" (Leidner 2007) reading: "New Londoners" beside "New London". Pure functions over gazetteer candidates; the resolver
scores what they return.
"""

from __future__ import annotations

from . import names
from .index import Candidate, Gazetteer

# Demonym endings and the place-name endings they come from ("Texan" ← Texas, "Abkhaz" ← Abkhazia,
# "Londoners" ← London, "Richmondites" ← Richmond): English word formation, Quirk et al. 1985 App. I.
_DEMONYM = (
    ("ians", "ia"),
    ("ian", "ia"),
    ("ans", "a"),
    ("an", "a"),
    ("ans", "as"),
    ("an", "as"),
    ("ese", ""),
    ("ers", ""),
    ("er", ""),
    ("ites", ""),
    ("ite", ""),
    ("is", ""),
    ("i", ""),
    ("", "ia"),
)


def demonym(gaz: Gazetteer, text: str, written: set[str]) -> tuple[str | None, list[Candidate]]:
    """The place a demonym names: a country, province or region; a town only when the article names
    that town too ("New Londoners" beside "New London"), since "-er" words are mostly not demonyms."""
    if not text[:1].isupper() or len(text) < 5:
        return None, []
    for end, repl in _DEMONYM:
        if not text.endswith(end) or len(text) - len(end) < 3:
            continue
        stem = text[: len(text) - len(end)] + repl
        found = [c for c in gaz.lookup(stem) if names.loose(c.name) == names.loose(stem)]
        areas = [c for c in found if c.feature in ("country", "admin1", "region")]
        if areas:
            return stem, areas
        if names.loose(stem) in written and found:
            return stem, found
    return None, []
