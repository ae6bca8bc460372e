#!/usr/bin/env python3
"""Scale-out overhead: ``dateline ingest --engine ray`` (local Ray) against the local engine, same cores.

Both engines ingest the same articles (the corpus of ``benchmarks/ingest.py``: the texts of
``../shared/eval/quotes/dev.jsonl`` and ``../shared/eval/time/dev.jsonl`` repeated to
``--articles``) with ``--workers`` cores: worker processes for the local engine, a local Ray
instance with that many CPUs (one actor each) for Ray. On a shared machine the load changes
while the benchmark runs, so the corpus is cut into chunks of ``--chunk`` articles and the
engines alternate chunk by chunk (local, ray, then ray, local, ...), each chunk a whole
``dateline ingest`` command into a fresh store; the times are summed per engine, so a busy spell
weighs on both alike. Every run pays its start-up (the local pool's processes, or ``ray.init``
and the actor pool) as a user would; ``--chunk`` equal to ``--articles`` gives one run each.

Prints articles/s of each engine, the ratio ray / local and Ray's overhead in per cent (the goal
is at most 15 %), the CPU seconds each engine's process tree used (driver, workers; for Ray also
its GCS, raylet, agents and actors: the overhead in work done, which the load of a shared machine
does not blur as it does wall time), the peak RSS of each tree, and checks that both stored the
same articles and events.

    python benchmarks/scale.py                              # 5,000 articles, 2 cores, chunks of 1,000
    python benchmarks/scale.py --articles 600 --chunk 300   # a quick look
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
COUNTED = ("articles", "events", "linked_events", "actors", "article_duplicates")


def _bench_ingest():
    """benchmarks/ingest.py, for its corpus builder and process-tree memory sampler."""
    spec = importlib.util.spec_from_file_location("bench_ingest", HERE / "ingest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _bench_ingest()


def chunks(corpus: Path, size: int, folder: Path) -> list[Path]:
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    out = []
    for k in range(0, len(lines), size):
        path = folder / f"chunk{k // size:03d}.jsonl"
        path.write_text("".join(lines[k : k + size]), encoding="utf-8")
        out.append(path)
    return out


def run(engine: str, corpus: Path, db: Path, workers: int, batch_size: int) -> dict:
    """One ``dateline ingest`` in a subprocess: wall seconds, peak RSS of its tree, what it stored."""
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
        "--engine",
        engine,
        "--verbose",
    ]
    peak = [0.0]
    cpu: dict[int, float] = {}  # the last reading of each process of the tree
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def sample() -> None:  # every half second: Ray's processes come and go between commits
        while proc.poll() is None:
            mine, below = bench.tree_rss_mb(proc.pid)
            peak[0] = max(peak[0], mine + below)
            cpu.update(bench.tree_cpu(proc.pid))
            time.sleep(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    engine_seconds, tail = None, []
    for line in proc.stderr:
        done = re.search(r"ingest finished: \d+ stored in ([\d.]+) s", line)
        if done:
            engine_seconds = float(done[1])
        elif "committed" not in line:
            tail = (tail + [line])[-20:]
    proc.wait()
    seconds = time.perf_counter() - t0
    sampler.join()
    if proc.returncode not in (0, 1):  # 1: some article rejected, which is a result too
        sys.stderr.write("".join(tail))
        raise SystemExit(f"{engine} ingest of {corpus.name} failed (exit {proc.returncode})")
    from dateline.store import Store

    with Store(db, read_only=True) as store:
        counts = {k: v for k, v in store.counts().items() if k in COUNTED}
    return {
        "seconds": seconds,
        "engine_seconds": engine_seconds or seconds,
        "peak_rss_mb": peak[0],
        "cpu_seconds": sum(cpu.values()),
        "counts": counts,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--chunk", type=int, default=1000, help="Articles per run; the engines alternate runs.")
    ap.add_argument("--workers", type=int, default=2, help="Cores for each engine.")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--json", action="store_true", help="Also print the per-run figures as JSON.")
    args = ap.parse_args()
    total = {"local": [], "ray": []}
    with tempfile.TemporaryDirectory(prefix="dateline-scale-") as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus.jsonl"
        bench.build(args.articles, corpus)
        for k, part in enumerate(chunks(corpus, args.chunk, folder)):
            order = ("local", "ray") if k % 2 == 0 else ("ray", "local")
            for engine in order:
                res = run(engine, part, folder / f"{part.stem}-{engine}.duckdb", args.workers, args.batch_size)
                res["chunk"] = k
                total[engine].append(res)
                print(
                    f"chunk {k} {engine:5s}: {res['counts']['articles']} articles in {res['seconds']:.1f} s "
                    f"({res['engine_seconds']:.1f} s in the engine, {res['cpu_seconds']:.1f} CPU s), "
                    f"peak RSS {res['peak_rss_mb']:.0f} MB",
                    file=sys.stderr,
                    flush=True,
                )
    n = {e: sum(r["counts"]["articles"] for r in runs) for e, runs in total.items()}
    secs = {e: sum(r["seconds"] for r in runs) for e, runs in total.items()}
    inner = {e: sum(r["engine_seconds"] for r in runs) for e, runs in total.items()}
    rate = {e: n[e] / secs[e] for e in total}
    cpu = {e: sum(r["cpu_seconds"] for r in runs) for e, runs in total.items()}
    # articles and events come from the analysis alone; the cross-article links may differ run to run
    # (DuckDB's parallel scans order the linker's candidates), whichever the engine
    same = all(
        a["counts"][k] == b["counts"][k] for a, b in zip(total["local"], total["ray"]) for k in ("articles", "events")
    )
    print(
        f"articles: {args.articles} in {len(total['local'])} chunks of up to {args.chunk}, cores: "
        f"{args.workers} for each engine (machine: {os.cpu_count()}), batch size: {args.batch_size}"
    )
    for e, label in (("local", "local engine (worker processes)"), ("ray", "ray engine (local Ray, actors)")):
        print(
            f"{label}: {n[e]} stored in {secs[e]:.1f} s = {rate[e]:.2f} articles/s "
            f"({inner[e]:.1f} s inside the engine); {cpu[e]:.0f} CPU s = {cpu[e] / n[e]:.2f} CPU s per article; "
            f"peak RSS of the process tree {max(r['peak_rss_mb'] for r in total[e]):.0f} MB"
        )
    ratio = rate["ray"] / rate["local"]
    print(
        f"ratio ray / local: {ratio:.3f}; Ray's overhead: {(secs['ray'] / secs['local'] - 1) * 100:+.1f} % of the "
        f"local engine's time (goal: at most 15 %); in CPU time: {(cpu['ray'] / cpu['local'] - 1) * 100:+.1f} %"
    )
    print(f"articles and events stored per chunk equal: {'yes' if same else 'NO'}")
    if args.json:
        print(json.dumps(total))


if __name__ == "__main__":
    main()
