"""Toponym resolution in context: which "Decatur", which "Georgia", where "Qaim district" is.

Candidates come from the gazetteer; each is scored by a prior (feature type and population,
the "population baseline" that Gritta et al. 2018 find hard to beat) plus what the article says:
a qualifier right after the name ("Greer, S.C.", "Hit, Iraq"), the countries and provinces the
article names elsewhere or in its dateline (one sense per discourse, Leidner 2007), and nearness
to the article's other places (the spatial minimality heuristic of Leidner 2007).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Sequence

from . import coherence, fallback, names, scoring
from .discourse import demonym
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


@functools.lru_cache(maxsize=4)
def _us_states(gaz: Gazetteer) -> tuple[tuple[str, str], ...]:
    """US states by name, less those named like a big city ("New York", "Washington"), which a text
    names mostly as the city (the Washington Post, a New York lawyer)."""
    out = []
    for code, name in gaz.admin1_name.items():
        if (
            code.startswith("US-")
            and len(name) >= 4
            and not any(c.feature in ("city", "capital") and c.population >= 100_000 for c in gaz.lookup(name))
        ):
            out.append((code, name))
    return tuple(out)


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


def resolve(
    gaz: Gazetteer,
    text: str,
    mentions: Sequence[Mention],
    focus: Sequence[str] = (),
    trace: list | None = None,
    keep: Callable[[Mention, Candidate], bool] | None = None,
) -> list[Resolution]:
    """Resolve each mention against the gazetteer in the context of the whole text.

    ``focus`` are place names that frame the article (its dateline, "ERBIL, Kurdistan Region"):
    they count as context like mentions, with more weight. ``keep``, when given, says which
    readings of a mention the caller allows (the places component leaves out small towns abroad
    in a story about one country); a mention left with none is placed as an unknown name is.
    """
    cands: list[list[Candidate]] = []
    local: list[list[Candidate]] = []  # qualifier/container areas per mention
    written = {names.loose(_strip(m.text)) for m in mentions}
    stems: list[str | None] = []
    for m in mentions:
        found, _ = candidates(gaz, m.text)
        if keep is not None:
            found = [c for c in found if keep(m, c)]
        stem = None
        if not found:
            stem, found = demonym(gaz, _strip(m.text), written)
        stems.append(stem)
        cands.append(found)
        areas: list[Candidate] = []
        q = _QUALIFIER.match(text, m.end)
        if q:
            words = q.group(1).split()
            for n in range(len(words), 0, -1):
                # "Florida Atlantic University, California Polytechnic State University" is a list, not a
                # qualifier: one is a whole area name, or one that ends its sentence ("Jefferson County, Colo. A")
                if n < len(words) and not words[n - 1].endswith("."):
                    continue
                got = _area(gaz, " ".join(words[:n]))
                if got:
                    areas += got
                    break
        local.append(areas)

    # the article's frame: countries and provinces, weighted by how often and how surely they are named
    frame_c: Counter[str] = Counter()
    frame_a: Counter[str] = Counter()
    for name in focus:
        found, _ = candidates(gaz, name)
        if found:
            best = max(found, key=_prior)
            if best.country:
                frame_c[best.country] += 3
            if best.admin1:
                frame_a[best.admin1] += 3
    # a US state named anywhere in the text, even inside a name the article does not use as a place
    # ("Georgia Bureau of Investigation agents"), frames a local story (Lieberman et al. 2010)
    spans = [(m.start, m.end) for m in mentions]
    for code, name in _us_states(gaz):
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            whole = (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum())
            if whole and not any(s <= at < e for s, e in spans):
                frame_a[code] += 1
                frame_c["US"] += 1
            at = text.find(name, at + 1)
    keys = [names.loose(stem or _strip(m.text)) for m, stem in zip(mentions, stems)]
    picked: list[Candidate | None] = [max(c, key=_prior) if c else None for c in cands]
    close = coherence.closeness(cands, keys)

    # Rounds of context: each round reads every name in the context of the others' readings from the
    # round before. Such updates can swing between two joint readings (Richmond, Va. with Madison
    # County, Va.; then Richmond, Ky. with Madison County, Ky.); each round also scores the readings it
    # was given in their own context, and the reading of the whole article that scores best in its own
    # context is kept (a fixed point, if the rounds reach one)
    def contexts(picked: list[Candidate | None], only: str | None = None) -> dict[str, scoring.Context]:
        """The context each name (or ``only`` that one) is read in, given the others' readings."""
        countries, admin1s = Counter(frame_c), Counter(frame_a)
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
            out[k] = scoring.Context(k, countries - kc, admin1s - ka, local[i], pts, frame, close)
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
