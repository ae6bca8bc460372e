"""Names that look like places but name no place: news outlets, international bodies and public
people, from the field's dictionaries.

A news agency named after its city or country (Xinhua, a county of Hunan; "Reuters said") and a
politician whose surname is also a town ("Obama", a city in Fukui) are recognised as toponyms by
a gazetteer match. The Phoenix actor dictionaries of PETRARCH2 (package data compiled by
``scripts/build_dictionaries.py``, read through ``resolve.dictionaries``) code such names: a media
actor (sector MED) is an outlet, an international actor of no one country (sector IGO) a body, and
a dictionary person (an entry of two or more words that the name is a variant of, "Obama" of
BARACK_OBAMA) a person. Neither list is drawn from eval errors.
"""

from __future__ import annotations

from . import dictionaries
from .textkeys import lexicon_key


def outlet(name: str) -> bool:
    """Whether the field's dictionaries code ``name`` as a news outlet ("Xinhua", "Reuters", "BBC")."""
    hit = dictionaries.actor(name)
    return hit is not None and hit.sector == "media"


def international_body(name: str) -> bool:
    """Whether the dictionaries code ``name`` as an international organisation of no one country
    ("OAS", the Organization of American States, not Oas in the Philippines; "ASEAN")."""
    hit = dictionaries.actor(name)
    return hit is not None and hit.sector == "IGO" and hit.country is None


def public_person(name: str) -> bool:
    """Whether ``name`` is the surname of a person the dictionaries know ("Obama" of Barack Obama):
    a dictionary entry of two or more words, not this name itself, whose last word is the name."""
    hit = dictionaries.actor(name)
    if hit is None or hit.sector in (None, "media"):
        return False
    full = lexicon_key(hit.name).split()
    return len(full) > 1 and full[-1] == lexicon_key(name) and " " not in name.strip()
