"""Toponym resolution in context: which "Decatur", which "Georgia", which "Washington".

Candidates come from the gazetteer; each is scored by a prior (feature type and population,
the "population baseline" that Gritta et al. 2018 find hard to beat) plus what the article says:
a qualifier right after the name ("Greer, S.C.", "Hit, Iraq"), the countries and provinces the
article names elsewhere (one sense per discourse, Leidner 2007), and nearness
to the article's other places (the spatial minimality heuristic of Leidner 2007). Every rule here
was measured on the tuning split and on the dev split by ``scripts/ablate_geo.py`` (see the Places
section of docs/architecture.md): those that helped only the dev split are gone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from . import coherence, fallback, names, scoring
from .index import Candidate, Gazetteer
from .mention import Mention, Resolution
from .readings import area as _area
from .readings import candidates
from .readings import inside as _inside
from .readings import prior as _prior
from .readings import strip as _strip

PRECISION = {
    "continent": "country",
    "country": "country",
    "demonym": "country",
    "admin1": "admin1",
    "admin2": "admin1",
    "region": "admin1",
    "sea": "admin1",
}
_QUALIFIER = re.compile(r"\s*,\s*((?:[A-Z][A-Za-z.'’]*\.?)(?:\s+[A-Z][A-Za-z.'’]*){0,2})")


ROUNDS = 4  # at most: context from the first readings, then from the revised ones, ...


def _pick(
    cands: list[Candidate], ctx: scoring.Context, current: Candidate | None = None, trace: list | None = None
) -> tuple[Candidate | None, float, float]:
    """The best reading in this context, its score, and the score of the ``current`` reading."""
    if not cands:
        if trace is not None:
            trace.append(([], []))
        return None, -1e9, 0.0
    vecs = scoring.features(cands, ctx, _inside)
    scores = [scoring.score(v) for v in vecs]
    if trace is not None:
        trace.append((cands, vecs))
    best = max(range(len(cands)), key=scores.__getitem__)
    own = scores[cands.index(current)] if current in cands else scores[best]
    return cands[best], scores[best], own


def resolve(gaz: Gazetteer, text: str, mentions: Sequence[Mention], trace: list | None = None) -> list[Resolution]:
    """Resolve each mention against the gazetteer in the context of the whole text.

    ``trace``, a list, receives each mention's readings and their feature vectors (``scoring.FEATURES``)
    in the context of the final round: what ``scripts/fit_geo_weights.py`` fits the weights on.
    """
    cands: list[list[Candidate]] = []
    local: list[list[Candidate]] = []  # qualifier areas per mention
    for m in mentions:
        cands.append(candidates(gaz, m.text))
        areas: list[Candidate] = []
        q = _QUALIFIER.match(text, m.end)
        if q:
            words = q.group(1).split()
            for n in range(len(words), 0, -1):
                got = _area(gaz, " ".join(words[:n]))
                if got:
                    areas += got
                    break
        local.append(areas)

    keys = [names.loose(_strip(m.text)) for m in mentions]
    picked: list[Candidate | None] = [max(c, key=_prior) if c else None for c in cands]
    support = coherence.pair_support(cands, keys)
    close = coherence.closeness(cands, keys)

    # Rounds of context: each round reads every name in the context of the others' readings from the
    # round before. Such updates can swing between two joint readings (Richmond, Va. with Madison
    # County, Va.; then Richmond, Ky. with Madison County, Ky.); each round also scores the readings it
    # was given in their own context, and the reading of the whole article that scores best in its own
    # context is kept (a fixed point, if the rounds reach one)
    def contexts(picked: list[Candidate | None], only: str | None = None) -> dict[str, scoring.Context]:
        """The context each name (or ``only`` that one) is read in, given the others' readings."""
        countries: Counter[str] = Counter()
        admin1s: Counter[str] = Counter()
        by_key: dict[str, tuple[Counter, Counter]] = {}
        for k, p in zip(keys, picked):
            if p is None:
                continue
            kc, ka = by_key.setdefault(k, (Counter(), Counter()))
            if p.country:
                countries[p.country] += 1
                kc[p.country] += 1
            if p.admin1 and p.feature not in ("country", "demonym"):
                admin1s[p.admin1] += 1
                ka[p.admin1] += 1
        # the state or province the article names most often, outright ("Ontario", "Ky."): the frame
        # of local news (Lieberman et al. 2010's local lexicon, read off the article itself)
        named = Counter(p.admin1 for p in picked if p is not None and p.feature == "admin1" and p.admin1).most_common(2)
        frame = named[0][0] if named and (len(named) == 1 or named[0][1] > named[1][1]) else None
        points = [
            (p.lat, p.lon, k)
            for p, k in zip(picked, keys)
            if p is not None and p.feature not in ("country", "continent", "demonym", "region", "sea")
        ]
        out = {}
        for k, i in first.items():
            if only is not None and k != only:
                continue
            # leave-one-out: a name's own mentions do not vote for its reading (one sense per discourse)
            kc, ka = by_key.get(k, (Counter(), Counter()))
            pts = [(la, lo) for la, lo, k2 in points if k2 != k]
            out[k] = scoring.Context(k, countries - kc, admin1s - ka, local[i], pts, support, frame, close)
        return out

    def read_all(picked: list[Candidate | None], tr: list | None) -> tuple[list, list]:
        """Every mention's best reading in the context of ``picked``, and the score of its reading there.
        The mentions of one name share a context: each distinct one is scored once."""
        ctxs = contexts(picked)
        memo: dict = {}
        best_out, own_out = [], []
        for i in range(len(mentions)):
            at = (keys[i], tuple(c.row for c in cands[i]), picked[i])
            if at not in memo:
                one: list | None = [] if tr is not None else None
                memo[at] = (*_pick(cands[i], ctxs[keys[i]], picked[i], one), one)
            best, _s, o, one = memo[at]
            if tr is not None:
                tr.extend(one)
            best_out.append(best)
            own_out.append(o)
        return best_out, own_out

    first: dict[str, int] = {}
    for i, k in enumerate(keys):
        first.setdefault(k, i)
    history: list[tuple[float, list, list, list]] = []
    for _round in range(ROUNDS):
        round_trace = [] if trace is not None else None
        new_picked, own = read_all(picked, round_trace)
        history.append((sum(own), picked, own, round_trace))
        if new_picked == picked:
            break
        picked = new_picked
    energy, picked, scores, round_trace = max(history, key=lambda h: h[0])
    # then one name at a time, in the context of the others' latest readings: a swing that never
    # passed through the joint reading (Richmond, Ky. with Madison County, Ky.) reaches it
    polished = list(picked)
    for _sweep in range(ROUNDS):
        changed = False
        for k, i0 in first.items():
            if not cands[i0]:
                continue
            best = _pick(cands[i0], contexts(polished, only=k)[k])[0]
            for i in range(len(mentions)):
                if keys[i] == k and polished[i] != best and best in cands[i]:
                    polished[i], changed = best, True
        if not changed:
            break
    p_trace = [] if trace is not None else None
    p_own = read_all(polished, p_trace)[1]
    if sum(p_own) > energy:
        picked, scores, round_trace = polished, p_own, p_trace
    if trace is not None and round_trace is not None:
        trace.extend(round_trace)
    fallback.fallback(gaz, mentions, cands, picked, keys, local, text)
    out = []
    for i, m in enumerate(mentions):
        p = picked[i]
        if p is None:
            out.append(Resolution(m, None, None))
            continue
        precision = PRECISION.get(p.feature, "exact")
        if p.source == "context":
            precision = "near"  # a golf club placed at its town
        out.append(Resolution(m, p, precision, scores[i]))
    return out
