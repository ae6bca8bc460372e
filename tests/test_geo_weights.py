"""The place scorer's weights: package data, with the fit on the tuning split that produced them.

``scripts/fit_geo_weights.py`` fits them on ../shared/eval/geo/train.jsonl (TR-News + GeoVirus) and
writes ``src/dateline/data/geo_weights.json``: the fitted weights, and which set the scorer uses
("use": the fit, or the hand-set weights the fit starts from, unless the fit is better on train and
no worse on the dev split).
The refit must reproduce the file exactly (fixed folds, lbfgs, rounded coefficients), so neither set
is anybody's edit of the file.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from conftest import require_shared

ROOT = Path(__file__).resolve().parents[1]
WEIGHTS = ROOT / "src" / "dateline" / "data" / "geo_weights.json"
TRAIN = ROOT.parent / "shared" / "eval" / "geo" / "train.jsonl"


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_the_scorer_reads_one_weight_per_feature_from_package_data():
    from dateline.resolve.geo import scoring

    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    assert data["features"] == list(scoring.FEATURES)
    assert scoring.WEIGHTS == {f: float(w) for f, w in data["weights"].items()}
    # what the weights were fitted on and how, for whoever refits them
    fitted = data["fitted"]
    assert fitted["data"]["split"].endswith("train.jsonl")
    assert set(fitted["data"]["documents"]) == {"GeoVirus", "TR-News"}
    assert fitted["fit"]["solver"].startswith("scipy L-BFGS-B")
    assert set(fitted["weights"]) == set(scoring.FEATURES) and data["use"] in ("hand", "fit")


def test_a_reading_scores_its_features_weighted():
    from dateline.resolve.geo import scoring

    w = scoring.WEIGHTS
    v = [0.0] * len(scoring.FEATURES)
    v[scoring.FEATURES.index("country")] = 1.0
    v[scoring.FEATURES.index("log_pop")] = 7.0
    assert scoring.score(v) == pytest.approx(w["country"] + 7.0 * w["log_pop"])


@pytest.mark.gate
def test_the_refit_on_train_reproduces_the_committed_weights():
    require_shared(TRAIN, "../shared/eval/geo/train.jsonl")
    fit = _script("fit_geo_weights")
    committed = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    fitted = fit.fit(fit.geo_eval.load("train"), log=lambda *a: None)
    assert fitted["data"] == committed["fitted"]["data"], "train.jsonl is not the split the weights were fitted on"
    assert fitted["fit"] == committed["fitted"]["fit"]
    assert fitted["weights"] == committed["fitted"]["weights"]
    assert fit.content(fitted, committed["use"]) == committed
