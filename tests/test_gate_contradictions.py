"""Gate: contradictions scored on the judged pairs of conflict dev (tests/data/contradictions_judged).

Each pair's two claims go through the comparison the component runs (``disputes.compare``);
a pair is proposed when the comparison finds a contradiction at the confidence shown by default
(``SHOWN``). Precision and recall are scored on each crc32 half and on the whole; the floors
are the measured figures less a margin, so a change that loses what was gained fails here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.claims.disputes import MIN_CONFIDENCE, SHOWN, compare
from dateline.records import Claim

PAIRS = Path(__file__).parent / "data" / "contradictions_judged" / "pairs.jsonl"


@pytest.fixture(scope="module")
def judged():
    rows = [json.loads(line) for line in PAIRS.open(encoding="utf-8")]
    out = []
    for r in rows:
        # pairs of two articles carry the linker's word on whether they tell of one event (and
        # whether both articles are about it)
        c = compare(Claim.from_dict(r["a"]), Claim.from_dict(r["b"]), r.get("same_event"), r.get("same_story", False))
        out.append((r, c.confidence if c is not None else None))
    return out


def score(judged, level, half=None):
    rows = [(r, conf) for r, conf in judged if half is None or r["half"] == half]
    proposed = [r for r, conf in rows if conf is not None and conf >= level]
    true = sum(r["label"] for r, _ in rows)
    hit = sum(r["label"] for r in proposed)
    return (hit / len(proposed) if proposed else 0.0), (hit / true if true else 0.0), len(proposed)


def test_the_judged_set_is_whole():
    rows = [json.loads(line) for line in PAIRS.open(encoding="utf-8")]
    assert len(rows) >= 185 and {r["half"] for r in rows} == {"tune", "check"}
    assert sum(r["label"] for r in rows) >= 10 and all(r["rule"] for r in rows)


@pytest.mark.parametrize("half", ["tune", "check", None])
def test_shown_pairs_precision_and_recall(judged, half):
    p, r, n = score(judged, SHOWN, half)
    assert n >= 3, n
    assert p >= 0.85, (p, r, n)  # measured: tune 0.87, check 1.00, all 0.93
    assert r >= 0.7, (p, r, n)  # measured: tune 0.93, check 0.88, all 0.90


def test_stored_pairs_precision_and_recall(judged):
    p, r, n = score(judged, MIN_CONFIDENCE)
    assert p >= 0.7 and r >= 0.8, (p, r, n)  # measured: 0.82 and 0.93 (34 proposed)
