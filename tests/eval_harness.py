"""The protocol of ../shared/eval/README.md for the quality gates: input → dateline → score.

The gold never reaches the system: ``score.py input`` writes id, text and published only.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"


def run_gate(task: str, dev: Path, components: tuple[str, ...], tmp_path: Path) -> dict:
    """Metrics of ``score.py TASK --json`` for reports of the given components over the dev split."""
    from dateline import Pipeline
    from dateline.records import Article

    inp = tmp_path / "in.jsonl"
    with inp.open("w", encoding="utf-8") as f:
        subprocess.run([sys.executable, str(EVAL / "score.py"), "input", task, str(dev)], check=True, stdout=f)
    articles = [
        Article(id=d["id"], text=d["text"], published=d.get("published"))
        for d in map(json.loads, inp.read_text(encoding="utf-8").splitlines())
    ]
    out = tmp_path / "out.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for report in Pipeline(components=components).analyze_many(articles):
            f.write(report.to_json() + "\n")
    res = subprocess.run(
        [sys.executable, str(EVAL / "score.py"), task, str(dev), str(out), "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(res.stdout[: res.stdout.rindex("}") + 1])
