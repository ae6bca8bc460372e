"""Fit the place scorer's feature weights on the tuning split, and write ``data/geo_weights.json``.

The resolver ranks a mention's readings by a weighted sum of named features (``resolve/geo/scoring.py``).
The weights are fitted as a conditional logit (McFadden 1974; a softmax over each mention's readings,
the linear rankers of Speriosu & Baldridge 2013 and Mordecai): for every mention of
``../shared/eval/geo/train.jsonl`` (TR-News and GeoVirus: corpora nobody tuned the resolver on), the
target is the reading nearest the gold point within 161 km, ranked against every reading more than
161 km from it (readings within 161 km other than the nearest are left out: picking one is no error).

Regularisation: a Gaussian prior centred on the hand-set weights that preceded the fit (``START``), so
the fit moves a weight only as far as the tuning split gives evidence for (L2 on w − START, strength
λ). λ is chosen by 5-fold cross-validation over documents on the train split only (held-out top-1;
the one-standard-error rule: the largest λ within one standard error of the best). ``dev.jsonl`` is never read here except by ``--check``, which only reports.

The features are those of the resolver's final round (``resolve(..., trace=[])``), which depend on the
other mentions' readings and so on the weights: the fit reads them with ``START``, fits, reads them
again with the fitted weights and fits again (``ROUNDS`` times). Deterministic: L-BFGS from ``START``,
fixed folds, coefficients rounded.

The file keeps the fit and says which weights the scorer uses ("use"): the fitted ones only where they
are better on train and no worse on dev (``--check`` prints both), else the hand-set ``START``.

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
from scipy.optimize import minimize
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
    "country_share": 5.0,
    "admin1_share": 4.0,
    "frame": 5.0,
    "area": 12.0,
    "near100": 2.0,
    "near300": 1.0,
    "closeness": 5.0,
    "pop_top": 0.0,
    "pop_gap": 0.0,
}
KM = 161.0
LAMBDA_GRID = (0.3, 1.0, 3.0, 10.0, 30.0, 100.0)  # per 1,000 ranked mentions
FOLDS = 5
ROUNDS = 2
DECIMALS = 3


class using:
    """The scorer's weights replaced for a block (``scoring.WEIGHTS`` is what every score reads)."""

    def __init__(self, weights: dict[str, float]) -> None:
        self.weights = dict(weights)

    def __enter__(self) -> None:
        self.saved = dict(scoring.WEIGHTS)
        scoring.WEIGHTS.clear()
        scoring.WEIGHTS.update(self.weights)

    def __exit__(self, *exc) -> None:
        scoring.WEIGHTS.clear()
        scoring.WEIGHTS.update(self.saved)


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


def _stack(rows: list[dict]) -> tuple[numpy.ndarray, numpy.ndarray]:
    """All rows' readings as one matrix, the gold reading first in each mention's block; block starts."""
    blocks = [numpy.asarray([r["gold"], *r["wrong"]], dtype=float) for r in rows]
    starts = numpy.cumsum([0] + [len(b) for b in blocks[:-1]])
    return numpy.vstack(blocks), starts


def _loss(w: numpy.ndarray, x: numpy.ndarray, starts: numpy.ndarray, w0: numpy.ndarray, lam: float):
    """Mean negative log-likelihood of the gold readings under a softmax per mention, plus
    λ/1000 · |w − w0|² (the Gaussian prior around the hand-set weights), and its gradient."""
    s = x @ w
    m = numpy.maximum.reduceat(s, starts)
    counts = numpy.diff(numpy.append(starts, len(s)))
    e = numpy.exp(s - numpy.repeat(m, counts))
    z = numpy.add.reduceat(e, starts)
    p = e / numpy.repeat(z, counts)
    n = len(starts)
    nll = (numpy.log(z) + m - s[starts]).sum() / n
    grad = (p @ x - x[starts].sum(axis=0)) / n
    d = w - w0
    return nll + lam / 1000 * (d @ d), grad + 2 * lam / 1000 * d


def fit_coef(rows: list[dict], lam: float) -> dict[str, float]:
    x, starts = _stack(rows)
    w0 = numpy.asarray([START[f] for f in scoring.FEATURES])
    res = minimize(_loss, w0, args=(x, starts, w0, lam), jac=True, method="L-BFGS-B", options={"maxiter": 2000})
    return dict(zip(scoring.FEATURES, res.x.tolist()))


def top1(rows: list[dict], w: dict[str, float]) -> float:
    """Share of mentions whose gold reading outscores every wrong one."""
    vec = numpy.asarray([w[f] for f in scoring.FEATURES])
    ok = [numpy.dot(r["gold"], vec) > max(numpy.dot(x, vec) for x in r["wrong"]) for r in rows]
    return sum(ok) / len(ok)


def choose_c(rows: list[dict]) -> tuple[float, dict[float, float]]:
    """λ by cross-validation over documents (train only), the one-standard-error rule (Hastie et al.,
    *Elements of Statistical Learning* 7.10): the largest λ, the fit nearest the hand-set weights, whose
    held-out top-1 is within one binomial standard error of the best."""
    docs = [r["doc"] for r in rows]
    folds = list(GroupKFold(n_splits=FOLDS).split(rows, groups=docs))
    scores = {}
    for lam in LAMBDA_GRID:
        right = 0.0
        for tr, te in folds:
            w = fit_coef([rows[i] for i in tr], lam)
            right += top1([rows[i] for i in te], w) * len(te)
        scores[lam] = round(right / len(rows), 4)
    top = max(scores.values())
    se = (top * (1 - top) / len(rows)) ** 0.5
    best = max(lam for lam in LAMBDA_GRID if scores[lam] >= top - se)
    return best, scores


def scaled(w: dict[str, float]) -> dict[str, float]:
    return {f: round(v, DECIMALS) + 0.0 for f, v in w.items()}


def fit(docs: list[dict], log=print) -> dict:
    """The fitted weights and how they were found (``geo_weights.json``'s "fitted")."""
    weights, history = dict(START), []
    for rnd in range(ROUNDS):
        rows = ranked(docs, weights)
        c, cv = choose_c(rows)
        weights = scaled(fit_coef(rows, c))
        history.append({"round": rnd + 1, "lambda": c, "cv_top1": {str(k): v for k, v in cv.items()}})
        log(f"round {rnd + 1}: {len(rows)} ranked mentions, lambda={c} (cv top-1 {cv[c]:.4f}; {cv})")
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
            "model": "conditional logit: softmax over each mention's readings, no intercept",
            "target": f"gold = the reading nearest the gold point within {KM:g} km; wrong = readings beyond {KM:g} km",
            "solver": "scipy L-BFGS-B from the hand-set weights",
            "penalty": "Gaussian prior: lambda/1000 * |w - hand-set|^2 added to the mean NLL",
            "lambda_grid": list(LAMBDA_GRID),
            "cv": f"GroupKFold({FOLDS}) by document, top-1 of held-out mentions, one-standard-error rule",
            "rounds": history,
            "start": "the hand-set weights that preceded the fit (START in scripts/fit_geo_weights.py)",
            "decimals": DECIMALS,
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
