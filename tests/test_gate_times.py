"""Quality gate: TIMEX3 extraction and normalization on the TempEval-3 dev split (TimeBank + AQUAINT).

Runs the model with the dateline_times component over the whole dev split (256 documents),
scores the reports with ``../shared/eval/score.py time`` and fails below the pinned floors
(1–2 points under what was measured when they were set).
"""

from __future__ import annotations

import pytest

from conftest import require_shared
from eval_harness import EVAL, run_gate

DEV = EVAL / "time" / "dev.jsonl"

# measured 2026-11-28 on the full dev split: value F1 0.820, relaxed F1 0.946, strict F1 0.880
FLOORS = {"value_f1": 0.805, "relaxed_f1": 0.93, "strict_f1": 0.865}


@pytest.mark.gate
def test_gate_times(tmp_path):
    require_shared(DEV, "../shared/eval/time")
    metrics = run_gate("time", DEV, ("dateline_times",), tmp_path)
    print(metrics)
    for key, floor in FLOORS.items():
        assert metrics[key] >= floor, f"{key} {metrics[key]:.3f} < floor {floor}"
