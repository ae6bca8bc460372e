"""What the split-by-halves eval scripts share (eval_conflict.py, eval_web.py): the reports of a
dev split made by ``dateline analyze`` from what the system may see, and the gold of the whole
split and of each half written for the split's scorer."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path


def make_reports(rows: list[dict], tmp: Path, out: Path | None) -> Path:
    """``dateline analyze`` over the rows' id, title and text only (no gold reaches the system);
    the reports go to ``out``, else to ``tmp/out.jsonl``."""
    inp = tmp / "in.jsonl"
    with inp.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps({k: r[k] for k in ("id", "text", "title")}) + "\n")
    reports = out or tmp / "out.jsonl"
    with reports.open("w", encoding="utf-8") as fh:
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from dateline.cli import main; sys.exit(main())",
                "analyze",
                str(inp),
                "--format",
                "jsonl",
            ],
            stdout=fh,
            check=False,
        )
    return reports


def gold_halves(rows: list[dict], tmp: Path, half: Callable[[str], str]) -> Iterator[tuple[str, Path]]:
    """("all" | "tune" | "check", the gold of those rows written under ``tmp``)."""
    for name in ("all", "tune", "check"):
        gold = tmp / f"gold-{name}.jsonl"
        gold.write_text(
            "".join(json.dumps(r) + "\n" for r in rows if name == "all" or half(r["id"]) == name), encoding="utf-8"
        )
        yield name, gold
