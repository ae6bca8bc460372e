"""Fit the place scorer's feature weights on the tuning split, and write ``data/geo_weights.json``.

The resolver ranks a mention's readings by a weighted sum of named features (``resolve/geo/scoring.py``).
The weights are fitted as a conditional logit ranker (McFadden 1974; the linear rankers of Speriosu &
Baldridge 2013 and Mordecai): for every mention of ``../shared/eval/geo/train.jsonl`` (TR-News and
GeoVirus: corpora nobody tuned the resolver on), the gold reading (the one nearest the gold point,
within 161 km) is set against each reading that lies more than 161 km from it; the differences of
their feature vectors, gold − other (and other − gold, labelled 0), train a logistic regression
without intercept, whose coefficients are the weights of the linear ranker. Readings within 161 km
of the gold point other than the nearest are left out: picking one of them is no error.

The features are those of the resolver's final round (``resolve(..., trace=[])``), which depend on
the other mentions' readings and so on the weights: the fit starts from the previous hand-set
weights (``START``), reads the features with them, fits, reads them again with the fitted weights and
fits again (``ROUNDS`` times). The regularisation strength C is chosen by 5-fold cross-validation
over documents on the train split only; ``dev.jsonl`` is never read here except by ``--check``,
which only reports. Deterministic: lbfgs, fixed folds, coefficients rounded; the kind "city" is the
reference (weight 0) and the weights are scaled so that log10 population weighs 1 (the hand-set
weights' unit).

The file keeps the fit and says which weights the scorer uses ("use"): the fitted ones, or the
hand-set ``START``, where the fit loses on the dev split (docs/architecture.md, Places, has the
figures; the fit is kept only if dev stays above the floors of tests/test_gate_places.py).

    python scripts/fit_geo_weights.py            # fit, print, write src/dateline/data/geo_weights.json
    python scripts/fit_geo_weights.py --check    # and score train and dev with both sets
    python scripts/fit_geo_weights.py --use fit  # and let the scorer use the fitted weights
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

import numpy
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))
import geo_eval  # noqa: E402

from dateline.resolve import gazetteer as gz  # noqa: E402
from dateline.resolve.geo import resolver, scoring  # noqa: E402
from dateline.resolve.geo.index import haversine  # noqa: E402

OUT = geo_eval.ROOT / "src" / "dateline" / "data" / "geo_weights.json"
# The weights set by hand before this fit (checked on the dev split): the fit's starting point, and
# the weights the scorer uses while the file says "use": "hand".
START = {
    "continent": 9.0,
    "country": 9.0,
    "demonym": 7.0,
    "admin1": 4.0,
    "admin2": 1.5,
    "capital": 6.0,
    "city": 0.0,
    "site": 3.0,
    "other": 2.0,
    "log_pop": 1.0,
    "own_name": 2.0,
    "namesake": 3.0,
    "curated": 7.0,
    "pair": 3.0,
    "country_share": 5.0,
    "admin1_share": 4.0,
    "frame": 5.0,
    "area": 12.0,
    "near100": 2.0,
    "near300": 1.0,
    "closeness": 5.0,
}
KM = 161.0
C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
FOLDS = 5
ROUNDS = 2
REFERENCE = "city"
DECIMALS = 3


class using:
    """The scorer's weights replaced for a block (``scoring.weights`` is what every score reads)."""

    def __init__(self, weights: dict[str, float]) -> None:
        self.weights = dict(weights)

    def __enter__(self) -> None:
        self.saved = scoring.weights
        scoring.weights = lambda: self.weights

    def __exit__(self, *exc) -> None:
        scoring.weights = self.saved


def ranked(docs: list[dict], weights: dict[str, float]) -> list[dict]:
    """Per mention with a gold reading and at least one wrong one: its document, the gold reading's
    features and the wrong readings' features (final round of ``resolve`` under ``weights``)."""
    gaz = gz.gazetteer()
    out = []
    with using(weights):
        for d in docs:
            text = d["text"]
            mentions = [gz.Mention(t["start"], t["end"], text[t["start"] : t["end"]]) for t in d["toponyms"]]
            trace: list = []
            resolver.resolve(gaz, text, mentions, trace=trace)
            assert len(trace) == len(mentions), "resolve's trace gives one (readings, features) per mention"
            for t, (cands, vecs) in zip(d["toponyms"], trace):
                km = [haversine(c.lat, c.lon, t["lat"], t["lon"]) for c in cands]
                if not km or min(km) > KM:
                    continue
                gold = min(range(len(km)), key=km.__getitem__)
                wrong = [vecs[j] for j in range(len(km)) if km[j] > KM]
                if wrong:
                    out.append({"doc": d["id"], "gold": vecs[gold], "wrong": wrong})
    return out


def pairs(rows: list[dict]) -> tuple[numpy.ndarray, numpy.ndarray, list[str]]:
    """Differences gold − wrong (label 1) and wrong − gold (label 0), the reference kind's column dropped."""
    keep = [i for i, f in enumerate(scoring.FEATURES) if f != REFERENCE]
    xs, ys, groups = [], [], []
    for r in rows:
        g = numpy.asarray(r["gold"], dtype=float)
        for w in r["wrong"]:
            diff = (g - numpy.asarray(w, dtype=float))[keep]
            xs += [diff, -diff]
            ys += [1, 0]
            groups += [r["doc"], r["doc"]]
    return numpy.asarray(xs), numpy.asarray(ys), groups


def fit_coef(rows: list[dict], c: float) -> dict[str, float]:
    x, y, _ = pairs(rows)
    model = LogisticRegression(C=c, fit_intercept=False, solver="lbfgs", max_iter=10_000, random_state=0)
    model.fit(x, y)
    coef = iter(model.coef_[0].tolist())
    return {f: 0.0 if f == REFERENCE else next(coef) for f in scoring.FEATURES}


def top1(rows: list[dict], w: dict[str, float]) -> float:
    """Share of mentions whose gold reading outscores every wrong one."""
    vec = numpy.asarray([w[f] for f in scoring.FEATURES])
    ok = [numpy.dot(r["gold"], vec) > max(numpy.dot(x, vec) for x in r["wrong"]) for r in rows]
    return sum(ok) / len(ok)


def choose_c(rows: list[dict]) -> tuple[float, dict[str, float]]:
    """C by cross-validation over documents (train only): the best held-out top-1; ties to the smaller C."""
    docs = [r["doc"] for r in rows]
    folds = list(GroupKFold(n_splits=FOLDS).split(rows, groups=docs))
    scores = {}
    for c in C_GRID:
        right = 0.0
        for tr, te in folds:
            w = fit_coef([rows[i] for i in tr], c)
            right += top1([rows[i] for i in te], w) * len(te)
        scores[c] = round(right / len(rows), 4)
    best = max(C_GRID, key=lambda c: (scores[c], -c))
    return best, scores


def scaled(w: dict[str, float]) -> dict[str, float]:
    s = w["log_pop"]
    assert s > 0, "population must weigh for the fallback's scores to keep their unit"
    return {f: round(v / s, DECIMALS) + 0.0 for f, v in w.items()}


def fit(docs: list[dict], log=print) -> dict:
    """The fitted weights and how they were found (``geo_weights.json``'s "fitted")."""
    weights, history = dict(START), []
    for rnd in range(ROUNDS):
        rows = ranked(docs, weights)
        c, cv = choose_c(rows)
        weights = scaled(fit_coef(rows, c))
        history.append({"round": rnd + 1, "C": c, "cv_top1": {str(k): v for k, v in cv.items()}})
        log(f"round {rnd + 1}: {len(rows)} ranked mentions, C={c} (cv top-1 {cv[c]:.4f})")
    n_pairs = sum(len(r["wrong"]) for r in rows)
    return {
        "weights": weights,
        "data": {
            "split": "../shared/eval/geo/train.jsonl",
            "sha256": hashlib.sha256(geo_eval.SPLITS["train"].read_bytes()).hexdigest(),
            "documents": dict(sorted(Counter(d["source"] for d in docs).items())),
            "mentions": sum(len(d["toponyms"]) for d in docs),
            "ranked_mentions": len(rows),
            "pairs": n_pairs,
        },
        "fit": {
            "model": "sklearn LogisticRegression, no intercept, on feature differences gold − wrong (both signs)",
            "target": f"gold = the reading nearest the gold point within {KM:g} km; wrong = readings beyond {KM:g} km",
            "solver": "lbfgs",
            "penalty": "l2",
            "C_grid": list(C_GRID),
            "cv": f"GroupKFold({FOLDS}) by document, top-1 of held-out mentions",
            "rounds": history,
            "start": "the hand-set weights that preceded the fit (START in scripts/fit_geo_weights.py)",
            "reference": f"{REFERENCE} = 0",
            "scale": "divided by the log_pop coefficient",
            "decimals": DECIMALS,
            "random_state": 0,
        },
    }


def report(tag: str, weights: dict[str, float], splits: dict[str, list[dict]]) -> None:
    with using(weights):
        for name, docs in splits.items():
            print(geo_eval.line(f"{name} {tag}", geo_eval.score(docs)), flush=True)


def content(fitted: dict, use: str) -> dict:
    """``geo_weights.json``: the weights the scorer uses ("hand": ``START``; "fit": the fitted ones),
    and the fit with its settings either way."""
    return {
        "use": use,
        "features": list(scoring.FEATURES),
        "weights": dict(START) if use == "hand" else fitted["weights"],
        "fitted": fitted,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="score train and dev with the start and fitted weights")
    ap.add_argument(
        "--use",
        choices=("hand", "fit"),
        help="the weights the scorer uses (default: as the file now says); see docs/architecture.md, Places",
    )
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    use = args.use or (
        json.loads(args.out.read_text(encoding="utf-8")).get("use", "fit") if args.out.exists() else "fit"
    )
    train = geo_eval.load("train")
    fitted = fit(train)
    print(" ".join(f"{f}={w:g}" for f, w in fitted["weights"].items()))
    args.out.write_text(json.dumps(content(fitted, use), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out} (the scorer uses the {'hand-set' if use == 'hand' else 'fitted'} weights)")
    if args.check:
        splits = {"train": train, "dev": geo_eval.load("dev")}
        report("start", START, splits)
        report("fitted", fitted["weights"], splits)


if __name__ == "__main__":
    main()
