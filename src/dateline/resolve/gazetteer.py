"""The gazetteer the places component and ``dateline geocode`` consult (see ``resolve.geo``).

``gazetteer()`` loads the compact index once per process (built and cached on disk at first
use); ``resolve(text, mentions)`` picks a row per mention in the article's context.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from .geo.index import Candidate, Gazetteer, cache_path, haversine
from .geo.index import load as _load
from .geo.names import fold, loose
from .geo.resolver import Mention, Resolution, candidates
from .geo.resolver import resolve as _resolve

__all__ = [
    "Candidate",
    "Gazetteer",
    "Mention",
    "Resolution",
    "admin1_name",
    "cache_path",
    "candidates",
    "fold",
    "gazetteer",
    "haversine",
    "lookup",
    "loose",
    "resolve",
]


@functools.cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (first call: ~1 s from the disk cache, ~1 min to build it)."""
    return _load()


def lookup(name: str) -> list[Candidate]:
    """Every gazetteer row a name may refer to, largest first."""
    return sorted(candidates(gazetteer(), name), key=lambda c: -c.population)


def resolve(text: str, mentions: Sequence[Mention]) -> list[Resolution]:
    """One resolution per mention, in order (``place`` None when the gazetteer has no such name)."""
    return _resolve(gazetteer(), text, mentions)


def admin1_name(code: str | None) -> str | None:
    """ISO 3166-2 code → the subdivision's name ("IQ-AN" → "Al Anbār")."""
    return gazetteer().admin1_name.get(code, code) if code else None


def place_fields(res: Resolution) -> dict:
    """The ``records.Place`` fields a resolution fills (all None when it found nothing)."""
    p = res.place
    if p is None:
        return {"name": res.mention.text}
    return {
        "name": p.name,
        "lat": round(p.lat, 5),
        "lon": round(p.lon, 5),
        "geonameid": p.geonameid,
        "country": p.country,
        "admin1": admin1_name(p.admin1) if p.feature != "country" else None,
        "feature": "country" if p.feature == "demonym" else p.feature,
        "precision": res.precision,
    }
