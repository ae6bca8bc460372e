"""Quality gate: quote extraction and speaker attribution on the PolNeAR dev split.

Runs the model with the dateline_quotes component over the whole dev split (425 articles),
scores the reports with ``../shared/eval/score.py quotes`` (content matched at 30 % overlap,
speaker by span overlap) and fails below the pinned floors (1–2 points under what was
measured when they were set). The score reads speaker spans, not resolved names, so the
entities component is left out to keep the gate fast.
"""

from __future__ import annotations

import pytest

from conftest import require_shared
from eval_harness import EVAL, run_gate

DEV = EVAL / "quotes" / "dev.jsonl"

# measured 2026-11-28 on the full dev split: all F1 0.696 (P 0.883 R 0.575), speaker 0.911;
# direct+mixed F1 0.897 (P 0.950 R 0.850), speaker 0.940
FLOORS = {
    ("all", "f1"): 0.68,
    ("all", "speaker_accuracy"): 0.90,
    ("direct_mixed", "f1"): 0.88,
    ("direct_mixed", "speaker_accuracy"): 0.925,
}


@pytest.mark.gate
def test_gate_quotes(tmp_path):
    require_shared(DEV, "../shared/eval/quotes")
    metrics = run_gate("quotes", DEV, ("dateline_quotes",), tmp_path)
    print({k: {m: round(v, 3) for m, v in metrics[k].items()} for k in metrics})
    for (part, key), floor in FLOORS.items():
        assert metrics[part][key] >= floor, f"{part} {key} {metrics[part][key]:.3f} < floor {floor}"
