"""How a reading of a place name is scored: named features, one weight each.

The resolver describes every candidate reading of a mention by the features below (its kind and
size, the population baseline of Gritta et al. 2018; what the rest of the article says about it)
and picks the reading with the highest weighted sum: a linear ranker over hand-made features, as
in Speriosu & Baldridge 2013 and Mordecai (Halterman 2017). The weights are package data
(``data/geo_weights.json``), written by ``scripts/fit_geo_weights.py``: a conditional logit (softmax
over a mention's readings) fitted on the tuning split (TR-News + GeoVirus), with a Gaussian prior
centred on the hand-set weights that preceded it, its strength chosen by cross-validation over the
tuning split's documents. The file also says which set the scorer uses ("use"): the fit only where
it is better on the tuning split and no worse on the dev split (LGL + GeoWebNews); figures in
docs/architecture.md, Places. ``resolve(..., trace=[])`` returns the feature vectors the fit reads.
"""

from __future__ import annotations

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
    "country_share",  # share of the article's other places in the reading's country
    "admin1_share",  # share of the article's other places in the reading's state or province
    "frame",  # the state the article names most frames its towns' own-name readings
    "area",  # inside the qualifier's area ("Greer, S.C.", "Hit, Iraq")
    "near100",  # within 100 km of another of the article's places
    "near300",  # within 300 km
    "closeness",  # how near the article's other town names can be read (``coherence.closeness``)
    # the population baseline normalised per mention: a reading is judged against its rivals, not on
    # an absolute scale (a town of 20,000 is the big reading of one name and a hamlet beside another's)
    "pop_top",  # the most populous of the mention's readings
    "pop_gap",  # log10 population minus the most populous reading's (0 for that one, below 0 for the rest)
)


def _load_weights() -> dict[str, float]:
    """The weights in use, from ``data/geo_weights.json`` (its "use" says which set: the fit or the hand-set)."""
    data = json.loads(resources.files("dateline").joinpath("data/geo_weights.json").read_text(encoding="utf-8"))
    got = {f: float(w) for f, w in data["weights"].items()}
    if set(got) != set(FEATURES):
        raise ValueError(f"geo_weights.json names {sorted(got)}, the scorer {sorted(FEATURES)}")
    return got


WEIGHTS: dict[str, float] = _load_weights()


CLOSE_OWN_ONLY = True


def kind(c: Candidate) -> str:
    if c.feature in KINDS:
        return c.feature
    return "site" if c.feature in _SITE else "other"


def prior(c: Candidate) -> float:
    """The score of a reading before any context: its kind and its population."""
    return WEIGHTS[kind(c)] + WEIGHTS["log_pop"] * math.log10(c.population + 10)


@dataclass
class Context:
    """What the rest of the article says, as seen from one mention (its own mentions left out)."""

    key: str
    countries: Counter
    admin1s: Counter
    areas: list
    points: list
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
    pops = [math.log10(c.population + 10) for c in cands]
    top = max(pops, default=0.0)
    out = []
    for i, c in enumerate(cands):
        k = kind(c)
        own = names.loose(c.name) == key
        v = [1.0 if k == kk else 0.0 for kk in KINDS]
        v.append(math.log10(c.population + 10))
        v.append(1.0 if own else 0.0)
        v.append(1.0 if c.admin1 in namesakes and c.feature in ("city", "capital") else 0.0)
        v.append(1.0 if c.source.startswith("supplement") else 0.0)
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
        # a town known by another name only (Mount Gilead, once Youngstown) is not drawn to its neighbours
        short = c.feature == "admin2" and names.loose(c.name).rsplit(" ", 1)[0] == key  # "Oxford" for Oxford County
        v.append(ctx.close.get((key, c.row), 0.0) if own or short or not CLOSE_OWN_ONLY else 0.0)
        v += [1.0 if pops[i] == top else 0.0, pops[i] - top]
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
    return sum(WEIGHTS[f] * x for f, x in zip(FEATURES, v))
