"""What the rest of an article says about one of its names: demonyms and county short forms.

Both are "one sense per discourse" (Leidner 2007) readings: "New Londoners" beside "New London",
a bare "DeKalb" after "DeKalb County". Pure functions over gazetteer candidates; the resolver
scores what they return.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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


_COUNTY = re.compile(r"\s+(?:County|Parish|Co\.)$")


def county_short_forms(texts: Sequence[str], cands: list[list[Candidate]], keys: list[str]) -> list[frozenset[int]]:
    """An article that names "DeKalb County" means the county by a bare "DeKalb" too (one sense per
    discourse, Leidner 2007; US local news shortens county names once introduced). Adds the counties to
    the bare names' candidates in place; returns, per name, the rows it names."""
    counties: dict[str, list[Candidate]] = {}
    for text, cs in zip(texts, cands):
        hit = _COUNTY.search(text)
        if hit:
            found = [c for c in cs if c.feature == "admin2"]
            if found:
                counties.setdefault(names.loose(text[: hit.start()]), []).extend(found)
    out = []
    for i, k in enumerate(keys):
        extra = counties.get(k, ())
        cands[i] = cands[i] + [c for c in extra if c not in cands[i]]
        out.append(frozenset(c.row for c in extra))
    return out
