"""How a reading of a place name is scored: named features, one weight each.

The resolver describes every candidate reading of a mention by the features below (its kind and
size, the population baseline of Gritta et al. 2018; what the rest of the article says about it)
and picks the reading with the highest weighted sum: a linear ranker over hand-made features, as
in Speriosu & Baldridge 2013 and Mordecai (Halterman 2017). The weights are package data
(``data/geo_weights.json``, written by ``scripts/fit_geo_weights.py``), which holds two sets: the
weights fitted as a conditional logit on a third corpus family, TR-News + GeoVirus (the tuning
split), and the hand-set ones, and says which the scorer uses. Fitting on one of the eval corpora
had done worse on the other (fitted on LGL, GeoWebNews acc@161 fell from 0.90 to 0.86), hence the
third family. The fit does not yet hold either: it gains 0.6 points acc@161 on the tuning split and
loses 2.6 on the dev split (LGL + GeoWebNews), below the gate's floors, so the scorer still uses the
hand-set weights (figures in docs/architecture.md, Places). ``resolve(..., trace=[])`` returns the
feature vectors the fit reads.
"""

from __future__ import annotations

import functools
import json
import math
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources

import numpy

from . import names
from .index import Candidate

# the kinds of row, for the kind's own weight ("site": bases, seas, camps, regions, islands)
KINDS = ("continent", "country", "demonym", "admin1", "admin2", "capital", "city", "site", "other")
_SITE = {"region", "sea", "facility", "camp", "crossing", "dam", "oilfield", "island", "district"}

FEATURES = KINDS + (
    "log_pop",  # log10(population + 10): the population baseline
    "own_name",  # the row's own name, not one of GeoNames' historical or variant names
    "namesake",  # a big city named like its own province ("Erbil", "New York")
    "curated",  # our supplement lists it because news names it (air bases, seas)
    "pair",  # other ambiguous names with a reading nearby, each voting 1/k (``_pair_support``)
    "country_share",  # share of the article's other places in the reading's country
    "admin1_share",  # share of the article's other places in the reading's state or province
    "frame",  # the state the article names most frames its towns' own-name readings
    "area",  # inside the qualifier's area ("Greer, S.C.", "Hit, Iraq")
    "near100",  # within 100 km of another of the article's places
    "near300",  # within 300 km
    "closeness",  # how near the article's other town names can be read (``coherence.closeness``)
)


@functools.cache
def weights() -> dict[str, float]:
    """The weight of each feature the scorer uses, read once from ``data/geo_weights.json`` (written by
    ``scripts/fit_geo_weights.py``; its "use" says which set, its "fitted" how the fit was made)."""
    data = json.loads(resources.files("dateline").joinpath("data/geo_weights.json").read_text(encoding="utf-8"))
    got = {f: float(w) for f, w in data["weights"].items()}
    if set(got) != set(FEATURES):
        raise ValueError(f"geo_weights.json names {sorted(got)}, the scorer {sorted(FEATURES)}")
    return got


def __getattr__(name: str):
    if name == "WEIGHTS":  # the weights in use, as a dict (read on first use, like ``weights()``)
        return weights()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def kind(c: Candidate) -> str:
    if c.feature in KINDS:
        return c.feature
    return "site" if c.feature in _SITE else "other"


def prior(c: Candidate) -> float:
    """The score of a reading before any context: its kind and its population."""
    w = weights()
    return w[kind(c)] + w["log_pop"] * math.log10(c.population + 10)


@dataclass
class Context:
    """What the rest of the article says, as seen from one mention (its own mentions left out)."""

    key: str
    countries: Counter
    admin1s: Counter
    areas: list
    points: list
    support: dict = field(default_factory=dict)
    frame: str | None = None
    close: dict = field(default_factory=dict)


def features(cands: list[Candidate], ctx: Context, inside) -> list[list[float]]:
    """One feature vector (in ``FEATURES`` order) per candidate."""
    key = ctx.key
    namesakes = {
        c.admin1
        for c in cands
        if c.feature in ("city", "capital") and c.population >= 100_000 and names.loose(c.name) == key
    }
    # a country's or state's own name ("China", "Montana") is not a town in the frame
    own_only = not any(c.feature in ("country", "continent", "demonym", "admin1") for c in cands)
    total_c = sum(ctx.countries.values())
    total_a = sum(ctx.admin1s.values())
    located = [i for i, c in enumerate(cands) if c.feature not in ("country", "continent", "demonym")]
    nears = (
        dict(
            zip(
                located,
                nearest_km([cands[i].lat for i in located], [cands[i].lon for i in located], ctx.points).tolist(),
            )
        )
        if ctx.points and located
        else {}
    )
    out = []
    for i, c in enumerate(cands):
        k = kind(c)
        own = names.loose(c.name) == key
        v = [1.0 if k == kk else 0.0 for kk in KINDS]
        v.append(math.log10(c.population + 10))
        v.append(1.0 if own else 0.0)
        v.append(1.0 if c.admin1 in namesakes and c.feature in ("city", "capital") else 0.0)
        v.append(1.0 if c.source.startswith("supplement") else 0.0)
        v.append(ctx.support.get((key, c.row), 0.0))
        v.append(ctx.countries[c.country] / total_c if c.country and total_c else 0.0)
        sub = c.admin1 and c.feature != "admin1"
        v.append(ctx.admin1s[c.admin1] / total_a if sub and total_a else 0.0)
        v.append(
            1.0
            if ctx.frame and c.admin1 == ctx.frame and own and own_only and c.feature in ("city", "capital", "admin2")
            else 0.0
        )
        v.append(1.0 if any(inside(c, a) for a in ctx.areas) else 0.0)
        near = nears.get(i, 1e9)
        v += [1.0 if near < 100 else 0.0, 1.0 if 100 <= near < 300 else 0.0]
        v.append(ctx.close.get((key, c.row), 0.0))
        out.append(v)
    return out


def nearest_km(lats: list[float], lons: list[float], points: list[tuple[float, float]]) -> numpy.ndarray:
    """Kilometres from each (lat, lon) to the closest of ``points``, haversine as in
    ``index.haversine``; one array operation for all of a mention's readings, because a long
    article has hundreds of points and a name dozens of readings."""
    pts = numpy.radians(numpy.asarray(points, dtype=float))
    p1, l1 = (
        numpy.radians(numpy.asarray(lats, dtype=float))[:, None],
        numpy.radians(numpy.asarray(lons, dtype=float))[:, None],
    )
    a = (
        numpy.sin((pts[None, :, 0] - p1) / 2) ** 2
        + numpy.cos(p1) * numpy.cos(pts[None, :, 0]) * numpy.sin((pts[None, :, 1] - l1) / 2) ** 2
    ).min(axis=1)
    return 6371.0 * 2 * numpy.arcsin(numpy.sqrt(numpy.minimum(1.0, a)))


def score(v: list[float]) -> float:
    w = weights()
    return sum(w[f] * x for f, x in zip(FEATURES, v))
