"""Quality gate: geoparsing on the GeoWebNews + LGL dev split (../shared/eval/geo).

Two protocols, never mixed (Gritta et al. 2020): gold spans through ``geocode_lines`` (the
whole dev split, resolution only), and end to end through the pipeline (recognition and
resolution) on the whole dev split too (about a minute). Gold spans on the tuning split too
(train.jsonl: TR-News + GeoVirus, corpora the rules and weights are chosen on; dev only checks
them). Scored with ``../shared/eval/score.py geo``; floors sit 1–2 points under what was measured
when set.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import require_shared

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
DEV = EVAL / "geo" / "dev.jsonl"
TRAIN = EVAL / "geo" / "train.jsonl"

# gold spans acc@161 / AUC (lower is better). Lowered 2026-12-02, down from (0.905, 0.18),
# (0.905, 0.19), (0.905, 0.165): the resolver's rules that helped only the dev split (nothing, or
# harm, on train.jsonl) were removed (scripts/ablate_geo.py; the table in docs/architecture.md,
# Places), dev 0.921 → 0.898 (LGL 0.920 → 0.893, GeoWebNews 0.922 → 0.906) while train rose
# 0.845 → 0.849 (TR-News 0.893 → 0.905, GeoVirus 0.819 → 0.819).
# (measured: all 0.898 / 0.184, LGL 0.893 / 0.194, GeoWebNews 0.906 / 0.165 with zipcodes installed)
SPAN_FLOORS = {"all": (0.885, 0.195), "LGL": (0.88, 0.205), "GeoWebNews": (0.895, 0.175)}
# the tuning split (measured: all 0.849 / 0.257, TR-News 0.905 / 0.160, GeoVirus 0.819 / 0.308; GeoVirus
# is capped near 0.84 by its gold points: Wikipedia's country points, e.g. Canada at 60N 95W, lie
# 200-1000 km from GeoNames' ones, which the gazetteer and the other corpora use)
TRAIN_SPAN_FLOORS = {"all": (0.835, 0.27), "TR-News": (0.89, 0.17), "GeoVirus": (0.805, 0.32)}
# end to end on the whole dev split: recognition F1, F1@161 (LGL's F1@161 floor lowered from 0.735
# with the same removal: "Syrians" and "Qaim district" are no longer readings, so fewer spans)
# (measured: all 0.830 / 0.751, LGL 0.834 / 0.737, GeoWebNews 0.821 / 0.778)
E2E_FLOORS = {"all": (0.815, 0.74), "LGL": (0.82, 0.725), "GeoWebNews": (0.805, 0.76)}


def _score(tmp_path, gold, out, spans):
    res = subprocess.run(
        [sys.executable, str(EVAL / "score.py"), "geo", str(gold), str(out), "--json"] + (["--spans"] if spans else []),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(res.stdout[: res.stdout.rindex("}") + 1])


@pytest.fixture(scope="module")
def dev():
    require_shared(DEV, "../shared/eval/geo")
    return DEV


def _gold_spans(split: Path, tmp_path: Path) -> dict:
    from dateline.resolve.geocode import geocode_lines

    inp = tmp_path / "in.jsonl"
    subprocess.run(
        [sys.executable, str(EVAL / "score.py"), "input", "geo", str(split), "--spans"],
        check=True,
        stdout=inp.open("w"),
    )
    out = tmp_path / "out.jsonl"
    lines = map(json.loads, inp.read_text(encoding="utf-8").splitlines())
    with out.open("w", encoding="utf-8") as f:
        for item in geocode_lines(lines):
            f.write(json.dumps(item) + "\n")
    return _score(tmp_path, split, out, spans=True)


@pytest.mark.gate
def test_gate_places_gold_spans(dev, tmp_path):
    m = _gold_spans(dev, tmp_path)
    for src, (acc, auc) in SPAN_FLOORS.items():
        print(f"gold spans {src}: acc@161 {m[src]['acc161']:.3f} AUC {m[src]['auc']:.3f}")
        assert m[src]["acc161"] >= acc, f"{src} acc@161 {m[src]['acc161']:.3f} < {acc}"
        assert m[src]["auc"] <= auc, f"{src} AUC {m[src]['auc']:.3f} > {auc}"


@pytest.mark.gate
def test_gate_places_gold_spans_on_the_tuning_split(tmp_path):
    m = _gold_spans(require_shared(TRAIN, "../shared/eval/geo/train.jsonl"), tmp_path)
    for src, (acc, auc) in TRAIN_SPAN_FLOORS.items():
        print(f"gold spans (train) {src}: acc@161 {m[src]['acc161']:.3f} AUC {m[src]['auc']:.3f}")
        assert m[src]["acc161"] >= acc, f"{src} acc@161 {m[src]['acc161']:.3f} < {acc}"
        assert m[src]["auc"] <= auc, f"{src} AUC {m[src]['auc']:.3f} > {auc}"


@pytest.mark.gate
def test_gate_places_end_to_end(dev, tmp_path):
    from dateline import Pipeline
    from dateline.records import Article

    docs = [json.loads(line) for line in dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    pipe = Pipeline(components=("dateline_entities", "dateline_places"))
    with out.open("w", encoding="utf-8") as f:
        for report in pipe.analyze_many(Article(id=d["id"], text=d["text"]) for d in docs):
            f.write(report.to_json() + "\n")
    m = _score(tmp_path, gold, out, spans=False)
    for src, (f1, f161) in E2E_FLOORS.items():
        print(
            f"end to end {src}: recognition F1 {m[src]['recognition_f1']:.3f} F1@161 {m[src]['end_to_end_f1_161']:.3f}"
        )
        assert m[src]["recognition_f1"] >= f1
        assert m[src]["end_to_end_f1_161"] >= f161
