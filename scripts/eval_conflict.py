#!/usr/bin/env python3
"""Score the conflict-news dev split as its README says, on the whole split and on its two halves.

The halves are fixed by crc32 of the article id (even: "tune", odd: "check"): look at the tuning
half while changing things and keep a change only when the checking half agrees.

    python scripts/eval_conflict.py                       # analyze + score (about a minute)
    python scripts/eval_conflict.py --reports out.jsonl   # score reports made already
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

from eval_halves import gold_halves, make_reports

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
GOLD = EVAL / "conflict" / "dev.jsonl"


def half(article_id: str) -> str:
    return "tune" if zlib.crc32(article_id.encode()) % 2 == 0 else "check"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=Path, help="reports already made (dateline analyze --format jsonl)")
    ap.add_argument("--keep", type=Path, help="where to keep the reports made")
    ap.add_argument("--dump", action="store_true", help="also write verdicts per half under the temp dir")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="conflict-"))
    rows = [json.loads(line) for line in GOLD.open(encoding="utf-8")]
    reports = args.reports or make_reports(rows, tmp, args.keep)
    for name, gold in gold_halves(rows, tmp, half):
        cmd = [sys.executable, str(EVAL / "score_conflict.py"), str(gold), str(reports)]
        if args.dump:
            cmd += ["--dump", str(tmp / f"verdicts-{name}.jsonl")]
        res = subprocess.run(cmd, capture_output=True, text=True)
        summary = [line for line in res.stdout.splitlines() if line.startswith("SUMMARY")]
        print(f"{name:5s} {summary[0] if summary else res.stdout[-500:] + res.stderr[-500:]}")
    print(f"reports: {reports}" + (f"; verdicts under {tmp}" if args.dump else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
