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


def category_recall(gold_rows: list[dict], reports: dict[str, dict]) -> dict[str, float]:
    """Recall per PLOVER category (current names), counted as ``score.py events`` counts a type:
    per sentence, the matched count is the smaller of gold and predicted events of the type."""
    import importlib.util
    from collections import Counter

    # the scorer's own table of the GSR's old category names (score.py PLOVER_RENAMES)
    spec = importlib.util.spec_from_file_location("dateline_eval_score", EVAL / "score.py")
    assert spec is not None and spec.loader is not None
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    renames = scorer.PLOVER_RENAMES
    hit: Counter[str] = Counter()
    gold: Counter[str] = Counter()
    for row in gold_rows:
        golds = Counter(
            e["extra"].get("code_current_plover") or renames.get(e["code"], e["code"])
            for e in row["events"]
            if e["ontology"] == "PLOVER"
        )
        preds = Counter(str(e.get("type") or "").upper() for e in (reports.get(row["id"]) or {}).get("events") or [])
        for t, n in golds.items():
            gold[t] += n
            hit[t] += min(n, preds[t])
    return {t: hit[t] / gold[t] for t in sorted(gold)}
