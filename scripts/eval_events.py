#!/usr/bin/env python3
"""Score the PLOVER events dev split on the whole split and on its two halves (crc32 of the id:
even "tune", odd "check"), as ``tests/test_gate_events.py`` scores the whole.

    python scripts/eval_events.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
GOLD = EVAL / "events" / "dev.jsonl"
METRICS = ("type_f1", "type_macro_f1", "source_accuracy", "target_accuracy")


def half(article_id: str) -> str:
    return "tune" if zlib.crc32(article_id.encode()) % 2 == 0 else "check"


def main() -> int:
    from dateline import nlp as dnlp
    from dateline.records import Article
    from dateline.report import doc_to_report

    sys.path.insert(0, str(ROOT / "tests"))
    from eval_harness import category_recall  # the gate's own count (tests/test_gate_events.py)

    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    nlp = dnlp.load()
    articles = [Article(id=r["id"], text=r["text"], published=r.get("dct")) for r in rows]
    reports = [doc_to_report(doc, nlp) for doc in nlp.pipe([dnlp.make_doc(nlp, a) for a in articles], batch_size=32)]
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("all", "tune", "check"):
            keep = [i for i, r in enumerate(rows) if name == "all" or half(r["id"]) == name]
            gold, out = Path(tmp) / f"{name}.gold.jsonl", Path(tmp) / f"{name}.reports.jsonl"
            gold.write_text("".join(json.dumps(rows[i]) + "\n" for i in keep), encoding="utf-8")
            out.write_text("".join(reports[i].to_json() + "\n" for i in keep), encoding="utf-8")
            res = subprocess.run(
                [sys.executable, str(EVAL / "score.py"), "events", str(gold), str(out), "--json"],
                capture_output=True,
                text=True,
                check=True,
            )
            s = json.loads(res.stdout)
            print(f"{name:5} n={len(keep):3} " + " ".join(f"{m}={s[m]:.3f}" for m in METRICS))
            if name == "all":
                recall = category_recall(rows, {r.id: json.loads(r.to_json()) for r in reports})
                print("      recall per category: " + " ".join(f"{t} {v:.2f}" for t, v in recall.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
