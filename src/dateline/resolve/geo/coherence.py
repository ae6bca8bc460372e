"""Coherence of an article's readings: the spatial minimality of Leidner 2007.

A local story names towns of one region. ``pair_support`` rewards a reading with other names'
readings nearby; ``coverage`` rewards a reading in the state where the article's other town names
exist too. Pure functions over gazetteer candidates; ``scoring`` weighs what they return.
"""
from __future__ import annotations

import math

from . import scoring
from .index import Candidate, haversine

PAIR_TOP = 15
PAIR_KM = 80.0
COVER_STATES = 50.0  # about the number of states a name can be read in
COVER_BIG = 100_000


def pair_support(cands: list[list[Candidate]], keys: list[str]) -> dict[tuple[str, int], float]:
    """How strongly the article's other ambiguous names sit near each reading of a name.

    "Richmond" and "Madison County" are both common; the Richmond that lies in a Madison County is
    the one meant (spatial minimality, Leidner 2007). A name with k readings votes 1/k per reading.
    """
    by_key: dict[str, list[Candidate]] = {}
    for k, cs in zip(keys, cands):
        if k not in by_key:
            by_key[k] = sorted((c for c in cs if c.feature not in ("country", "continent", "demonym", "sea")),
                               key=scoring.prior, reverse=True)[:PAIR_TOP]
    support: dict[tuple[str, int], float] = {}
    items = list(by_key.items())
    for k, cs in items:
        for c in cs:
            total = 0.0
            for k2, cs2 in items:
                if k2 == k or not cs2:
                    continue
                for c2 in cs2:
                    if abs(c.lat - c2.lat) < 0.9 and abs(c.lon - c2.lon) < 1.2 and \
                            haversine(c.lat, c.lon, c2.lat, c2.lon) < PAIR_KM:
                        total += 1.0 / len(cs2)
                        break
            support[(k, c.row)] = min(total, 2.0)
    return support


def coverage(cands: list[list[Candidate]], keys: list[str]) -> dict[tuple[str, str], float]:
    """For each (name, state), how much the article's other town names point to that state.

    A name read in k states says log(STATES / k) about each of them (an IDF weight): "Cuyahoga
    Falls" (one state) says much about Ohio, "Springfield" (thirty) almost nothing. Local news names
    its own region's towns (Lieberman et al. 2010's local lexicon; Amitay et al. 2004's focus).
    """
    states: dict[str, set[str]] = {}
    for k, cs in zip(keys, cands):
        # only names that are towns and counties everywhere: "Mexico" is the country, whatever Missouri has
        if k not in states and not any(c.feature in ("country", "continent", "demonym", "admin1") for c in cs):
            # a big city is named by national news anywhere (Lieberman et al.'s "global lexicon"):
            # only towns speak for the region the article is written in
            if any(c.population >= COVER_BIG and c.feature in ("city", "capital") for c in cs):
                states[k] = set()
                continue
            states[k] = {c.admin1 for c in cs if c.admin1 and c.feature in ("city", "capital", "admin2")}
    weight = {k: max(0.0, math.log(COVER_STATES / len(a))) if a else 0.0 for k, a in states.items()}
    out: dict[tuple[str, str], float] = {}
    for k, a in states.items():
        for code in a:
            if len(a) == 1:
                continue  # an unambiguous name needs no vote
            out[(k, code)] = sum(weight[k2] for k2, a2 in states.items() if k2 != k and code in a2)
    return out

