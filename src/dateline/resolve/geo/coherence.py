"""Coherence of an article's readings: the spatial minimality of Leidner 2007.

A local story names towns of one region. ``closeness`` rewards the readings that make the article's town names,
read together, tightest in space. Pure functions over gazetteer candidates; ``scoring`` weighs what they return.
"""

from __future__ import annotations

from .index import Candidate, haversine

CLOSE_KM = 100.0


def closeness(cands: list[list[Candidate]], keys: list[str]) -> dict[tuple[str, int], float]:
    """For each town reading, how close the article's other town names can be read to it:
    the sum over those names of 1 - d/CLOSE_KM for their nearest reading (0 beyond CLOSE_KM).

    The joint reading of all names that is tightest in space is the likeliest (spatial
    minimality, Leidner 2007); a graded distance tells Richmond inside Madison County, Kentucky
    from Richmond 100 km from Madison County, Virginia, where a yes/no radius cannot.
    """
    towns: dict[str, list[Candidate]] = {}
    for k, cs in zip(keys, cands):
        if k not in towns and not any(c.feature in ("country", "continent", "demonym", "admin1") for c in cs):
            towns[k] = [c for c in cs if c.feature in ("city", "capital", "admin2")]
    cells: dict[tuple[int, int], list[tuple[str, Candidate]]] = {}
    for k, cs in towns.items():
        for c in cs:
            cells.setdefault((int(c.lat // 1), int(c.lon // 1)), []).append((k, c))
    out: dict[tuple[str, int], float] = {}
    for k, cs in towns.items():
        if len(cs) < 2:
            continue
        for c in cs:
            best: dict[str, float] = {}
            ci, cj = int(c.lat // 1), int(c.lon // 1)
            for di in (-1, 0, 1):
                for dj in (-2, -1, 0, 1, 2):
                    for k2, c2 in cells.get((ci + di, cj + dj), ()):
                        if k2 != k:
                            d = haversine(c.lat, c.lon, c2.lat, c2.lon)
                            if d < CLOSE_KM and d < best.get(k2, CLOSE_KM):
                                best[k2] = d
            out[(k, c.row)] = sum(1 - d / CLOSE_KM for d in best.values())
    return out
