#!/usr/bin/env python3
"""Score the web-pages dev split (../shared/eval/web) on the whole split and on its two halves.

The halves are fixed by a hash of the page id (even: "tune", odd: "check"), as in eval_conflict.py but
with sha1: crc32's low bit is the same for every id of this split (crc32 is affine in the input bits), so
it would put all 77 pages in one half. Look at the tuning half while changing things and keep a change only when the checking half agrees.

    python scripts/eval_web.py                       # analyze + score (under a minute)
    python scripts/eval_web.py --reports out.jsonl   # score reports made already
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from eval_halves import gold_halves, make_reports

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
GOLD = EVAL / "web" / "dev.jsonl"


def half(page_id: str) -> str:
    return "tune" if hashlib.sha1(page_id.encode()).digest()[0] % 2 == 0 else "check"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=Path, help="reports already made (dateline analyze --format jsonl)")
    ap.add_argument("--keep", type=Path, help="where to keep the reports made")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="web-"))
    rows = [json.loads(line) for line in GOLD.open(encoding="utf-8")]
    reports = args.reports or make_reports(rows, tmp, args.keep)
    for name, gold in gold_halves(rows, tmp, half):
        res = subprocess.run(
            [sys.executable, str(EVAL / "score_web.py"), str(gold), str(reports)], capture_output=True, text=True
        )
        print(f"{name:5s} {res.stdout.strip() or res.stderr[-500:]}")
    print(f"reports: {reports}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
