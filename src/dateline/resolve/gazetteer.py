"""The gazetteer the places component and ``dateline geocode`` consult (see ``resolve.geo``).

``gazetteer()`` loads the compact index once per process (built and cached on disk at first
use); ``resolve(text, mentions, focus)`` picks a row per mention in the article's context.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

from .geo.index import Candidate, Gazetteer, cache_path, haversine
from .geo.index import load as _load
from .geo.names import fold, loose
from .geo.readings import prior
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
    "dateline_places",
    "fold",
    "gazetteer",
    "haversine",
    "lookup",
    "loose",
    "prior",
    "resolve",
]


@functools.cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (first call: ~1 s from the disk cache, ~1 min to build it)."""
    return _load()


def lookup(name: str) -> list[Candidate]:
    """Every gazetteer row a name may refer to, largest first."""
    found, _ = candidates(gazetteer(), name)
    return sorted(found, key=lambda c: -c.population)


def resolve(
    text: str,
    mentions: Sequence[Mention],
    focus: Sequence[str] = (),
    keep: Callable[[Mention, Candidate], bool] | None = None,
) -> list[Resolution]:
    """One resolution per mention, in order (``place`` None when the gazetteer has no such name);
    ``keep`` filters the readings a mention may take."""
    return _resolve(gazetteer(), text, mentions, focus, keep=keep)


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


def dateline_places(dateline: str) -> list[str]:
    """The place names of a dateline ("ERBIL, Kurdistan Region" → ERBIL, Kurdistan Region), the focus
    ``resolve`` reads an article's places against. Components pass ``Article.dateline``'s text."""
    return [p.strip() for p in dateline.split(",") if p.strip()]


# For text without an Article (``dateline geocode``'s input lines): the Article builder
# (``sources.article``) finds the dateline of everything the pipeline reads, and the places
# component reads it there; this pattern is only for callers that have text alone.
_DATELINE = re.compile(r"^\s*([A-Z][A-Z.'’ -]{2,40}(?:,\s*[A-Z][A-Za-z.'’ -]{1,40})?)\s*(?:\([^)]{0,40}\)\s*)?[—–-]+\s")


def dateline_span(text: str) -> tuple[int, int] | None:
    """Offsets of a wire-style dateline opening the text ("ERBIL, Kurdistan Region - ..."), if any."""
    m = _DATELINE.match(text[:120])
    return (m.start(1), m.end(1)) if m else None


def dateline_focus(text: str) -> list[str]:
    """Place names of a wire-style dateline opening the text ("ERBIL, Kurdistan Region - ...")."""
    at = dateline_span(text)
    return dateline_places(text[at[0] : at[1]]) if at else []
