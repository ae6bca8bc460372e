"""The readings of one place name: every gazetteer row it may name, and what they are worth alone.

A mention is looked up as written (strictly, then loosely: ``index.Gazetteer.lookup``), and as a
county's short name ("Lancaster" for Lancaster County). ``prior`` is a reading's worth before any
context; ``inside`` says whether a reading lies in a qualifier's area.
"""

from __future__ import annotations

import re

from . import names, scoring
from .index import Candidate, Gazetteer, haversine

_ACRONYM = re.compile(r"[A-Z]{2,5}")


def strip(text: str) -> str:
    text = text.strip()
    for suffix in ("’s", "'s"):
        text = text.removesuffix(suffix)
    return text


def candidates(gaz: Gazetteer, text: str) -> list[Candidate]:
    """Rows a mention may name: a press alias ("UK", "DRC") alone, else every row of that name."""
    text = strip(text)
    alias = gaz.alias(text)
    if alias is not None:
        return [alias]
    found = gaz.lookup(text)
    if _ACRONYM.fullmatch(text):
        # an acronym is an organisation's, not another spelling of a town: "UCLA" is no Uccle (whose
        # GeoNames variants include "Ucla"); "OAS" no Oas, Philippines, unless a row is named so
        # (our curated supplement lists acronyms news uses: "FATA"). Measured end to end: fewer
        # organisations taken for places on both the tuning and the dev split
        found = [c for c in found if names.fold(c.name) == names.fold(text) or c.source.startswith("supplement")]
    if found:
        # "Lancaster" in a Nebraska paper is often Lancaster County: its short name is a reading too
        have = set(found)  # candidates are frozen records: a set, not a scan of the list per row
        found += [c for c in gaz.admin2_short(text) if c not in have]
    return found


def prior(c: Candidate) -> float:
    return scoring.prior(c)


def area(gaz: Gazetteer, text: str) -> list[Candidate]:
    """Countries and provinces a qualifier names ("S.C.", "Iraq")."""
    return [c for c in candidates(gaz, text) if c.feature in ("country", "admin1", "region", "admin2")]


def inside(c: Candidate, area: Candidate) -> bool:
    if area.feature == "country":
        return c.country == area.country
    if area.feature == "admin1":
        return c.admin1 == area.admin1 or (
            c.country == area.country and haversine(c.lat, c.lon, area.lat, area.lon) < 250
        )
    return c.country == area.country and haversine(c.lat, c.lon, area.lat, area.lon) < 150
