"""The readings of one place name: every gazetteer row it may name, and what they are worth alone.

A mention is looked up as written (strictly, then loosely: ``index.Gazetteer.lookup``), as a county's
short name ("Lancaster" for Lancaster County) and as a plural demonym ("Syrians"). ``prior`` is a reading's worth before any context; ``inside`` says
whether a reading lies in a qualifier's or container's area.
"""

from __future__ import annotations

import re

from . import names, scoring
from .index import Candidate, Gazetteer, haversine

COUNTY_SHORT = True  # "Lancaster" may be Lancaster County
ALIAS_RIVALS = True  # "Palestine" may be a town too
_ACRONYM = re.compile(r"[A-Z]{2,5}")


def strip(text: str) -> str:
    text = text.strip()
    for suffix in ("’s", "'s"):
        text = text.removesuffix(suffix)
    return text


def candidates(gaz: Gazetteer, text: str) -> tuple[list[Candidate], str | None]:
    """Rows for a mention, and the generic word stripped to find them: always None since that rule went
    (it helped only the dev split, ``scripts/ablate_geo.py``); kept in the signature for callers."""
    text = strip(text)
    alias = gaz.alias(text)
    if alias is not None:
        if not ALIAS_RIVALS:
            return [alias], None
        # "Palestine" is the Palestinian territories, unless the article is about Texas
        return [alias] + [
            c
            for c in gaz.lookup(text)
            if c.row != alias.row and c.feature in ("city", "capital") and names.fold(c.name) == names.fold(text)
        ], None
    found = gaz.lookup(text)
    if _ACRONYM.fullmatch(text):
        # an acronym is an organisation's, not another spelling of a town: "UCLA" is no Uccle (whose
        # GeoNames variants include "Ucla"); "OAS" no Oas, Philippines, unless a row is named so
        # (our curated supplement lists acronyms news uses: "FATA")
        found = [c for c in found if names.fold(c.name) == names.fold(text) or c.source.startswith("supplement")]
    if found:
        if COUNTY_SHORT:
            # "Lancaster" in a Nebraska paper is often Lancaster County: its short name is a reading too
            have = set(found)
            found += [c for c in gaz.admin2_short(text) if c not in have]
        return found, None
    if text[-1:] == "s" and text[:1].isupper():
        # plural demonyms: "Syrians", "Americans", "Iowans" (the people standing for their place)
        for stem in (text[:-1], text[:-2], text[:-3], text[:-3] + "o"):
            hit = gaz.alias(stem) or next(
                (c for c in gaz.lookup(stem) if c.feature in ("demonym", "admin1", "country")), None
            )
            if hit is not None:
                return [hit], None
    return [], None


def prior(c: Candidate) -> float:
    return scoring.prior(c)


def area(gaz: Gazetteer, text: str) -> list[Candidate]:
    """Countries and provinces a qualifier names ("S.C.", "Iraq")."""
    found, _ = candidates(gaz, text)
    return [c for c in found if c.feature in ("country", "admin1", "region", "admin2")]


def inside(c: Candidate, area: Candidate) -> bool:
    if area.feature == "country":
        return c.country == area.country
    if area.feature == "admin1":
        return c.admin1 == area.admin1 or (
            c.country == area.country and haversine(c.lat, c.lon, area.lat, area.lon) < 250
        )
    return c.country == area.country and haversine(c.lat, c.lon, area.lat, area.lon) < 150
