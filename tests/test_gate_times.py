"""Quality gate: TIMEX3 extraction and normalization on the TempEval-3 dev split (TimeBank + AQUAINT).

Runs the model with the dateline_times component over the whole dev split (256 documents),
scores the reports with ``../shared/eval/score.py time`` and fails below the pinned floors
(1–2 points under what was measured when they were set).
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
DEV = EVAL / "time" / "dev.jsonl"

# measured 2026-11-28 on the full dev split: value F1 0.804, relaxed F1 0.940, strict F1 0.871
FLOORS = {"value_f1": 0.79, "relaxed_f1": 0.925, "strict_f1": 0.855}


@pytest.mark.gate
def test_gate_times(tmp_path):
    if not DEV.exists():
        pytest.skip("../shared/eval is not beside the checkout")
    from dateline import Pipeline
    from dateline.records import Article

    inp = tmp_path / "in.jsonl"
    subprocess.run([sys.executable, str(EVAL / "score.py"), "input", "time", str(DEV)], check=True,
                   stdout=inp.open("w"))
    articles = [Article(id=d["id"], text=d["text"], published=d.get("published"))
                for d in map(json.loads, inp.read_text(encoding="utf-8").splitlines())]
    out = tmp_path / "out.jsonl"
    pipe = Pipeline(components=("dateline_times",))
    with out.open("w", encoding="utf-8") as f:
        for report in pipe.analyze_many(articles):
            f.write(report.to_json() + "\n")
    res = subprocess.run([sys.executable, str(EVAL / "score.py"), "time", str(DEV), str(out)],
                         check=True, capture_output=True, text=True)
    metrics = json.loads(res.stdout[: res.stdout.rindex("}") + 1])
    print(res.stdout.splitlines()[-1])
    for key, floor in FLOORS.items():
        assert metrics[key] >= floor, f"{key} {metrics[key]:.3f} < floor {floor}"
