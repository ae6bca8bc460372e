#!/usr/bin/env python3
"""Storing and linking as the store grows: seconds per 1,000 articles at 1k, 10k and 50k stored.

The reports of the conflict corpus (``../shared/eval/conflict/dev.jsonl``, 220 real articles of the
Syrian war) and of the sample articles are analysed once (cached in ``--cache``), then replicated
in rounds, as a feed of the conflict would bring them: round n is every report again, published
on one of the ``--days-per-round`` days (10) from ``START`` + 10n (about 24 articles a day, its
event dates moved by as much, so a round's
events are new events, beyond the linker's date window from the last round's, and the store
holds the same number of events per day whatever its size, as months of news do), its points
moved by up to 0.3°, and its text enciphered by a letter substitution of its own (same
length, so every offset stays true; another text for the near-duplicate index rather than
hundreds of copies of one). One report in twenty also comes as a wire copy (the same text with a
line added), so the near-duplicate index finds some. Names are left as they are: the same actors
recur across months, as they do in a real conflict. The benchmark thus measures storing and
linking, never the NLP.

The copies go in through ``Store.add_reports`` in batches of ``--batch``, like any ingest; the
seconds of the 1,000 articles stored after each size in ``--sizes`` are printed (with each
batch's time in between on standard error), and the ratio of the last size's to the first's.

    python benchmarks/growth.py                                    # DuckDB, 1k, 10k, 50k
    python benchmarks/growth.py --sizes 1000,5000 --db /tmp/g.duckdb
    python benchmarks/growth.py --db "$DATELINE_TEST_PG"           # PostgreSQL (a fresh database)
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import random
import re
import string
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from api import from_dict  # noqa: E402  (benchmarks/api.py: reports from their JSON)
from dateline.records import Report, to_dict  # noqa: E402
from dateline.store import Store  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CONFLICT = ROOT.parent / "shared" / "eval" / "conflict" / "dev.jsonl"
SAMPLES = ROOT / "src" / "dateline" / "data" / "samples"
START = dt.date(2020, 1, 1)
WIRE = 0.05


def analysed(cache: Path, conflict: Path) -> list[Report]:
    """The analysed base reports (conflict corpus and samples), from the cache when it has them."""
    if cache.exists():
        return [from_dict(Report, json.loads(line)) for line in cache.read_text().splitlines() if line]
    from dateline import sources
    from dateline.errors import InputError
    from dateline.pipeline import Pipeline

    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        for line in conflict.read_text().splitlines():
            a = json.loads(line)
            gold = a.get("gold") or {}
            published = gold.get("published") if isinstance(gold, dict) else None
            rows.append({k: v for k, v in a.items() if k != "gold"} | {"published": published})
        path = Path(tmp) / "conflict.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows))
        paths = [str(path)] + sorted(str(p) for p in SAMPLES.iterdir() if p.suffix in (".jsonl", ".html"))
        items = [a for a in sources.read(paths) if not isinstance(a, InputError)]
        print(f"analysing {len(items)} articles once (cached in {cache})", file=sys.stderr)
        started = time.perf_counter()
        reports = list(Pipeline().analyze_many(items))
        print(f"  {time.perf_counter() - started:.0f} s", file=sys.stderr)
    cache.write_text("".join(json.dumps(to_dict(r)) + "\n" for r in reports))
    return reports


_VALUE = re.compile(r"^(\d{4})-(?:(\d{2})-(\d{2})|W(\d{2})|(\d{2}))(?![\d-])")


def _shift(value: str | None, days: int) -> str | None:
    """A TIMEX3 day, week or month ``days`` days earlier (a value left as it was would pile the
    events of every round onto one week or month)."""
    m = _VALUE.match(value or "")
    if not m or value is None:
        return value
    y = int(m[1])
    if m[2]:
        first = dt.date(y, int(m[2]), int(m[3]))
    elif m[4]:
        first = dt.date.fromisocalendar(y, int(m[4]), 1)
    else:
        first = dt.date(y, int(m[5]), 1)
    d = first - dt.timedelta(days=days)
    if m[2]:
        head = d.isoformat()
    elif m[4]:
        iso = d.isocalendar()
        head = f"{iso[0]}-W{iso[1]:02d}"
    else:
        head = f"{d.year}-{d.month:02d}"
    return head + value[m.end() :]


def _cipher(n: int) -> dict[int, int]:
    rng = random.Random(f"cipher{n}")
    low = list(string.ascii_lowercase)
    rng.shuffle(low)
    table = dict(zip(string.ascii_lowercase, low)) | {k.upper(): v.upper() for k, v in zip(string.ascii_lowercase, low)}
    return str.maketrans(table)


def round_of(base: list[Report], n: int, days_per_round: int = 10) -> list[Report]:
    """Round n: every base report published on one of ``days_per_round`` days from START +
    n × days_per_round (more than twice the linker's date window: a round's events never fall in
    the last round's window), its points moved and its text enciphered."""
    rng, cipher = random.Random(n), _cipher(n)
    out = []
    for i, r in enumerate(base):
        dx, dy = rng.uniform(-0.3, 0.3), rng.uniform(-0.3, 0.3)
        day = START + dt.timedelta(days=n * days_per_round + i % days_per_round)
        # an undated report is put on its round's day, its dated events with it
        published = dt.date.fromisoformat(r.published[:10]) if r.published else day
        days = (published - day).days  # _shift moves back by this many days

        def event(e, dx=dx, dy=dy, days=days):
            place = e.place
            if place and place.lat is not None and place.lon is not None:
                place = dataclasses.replace(place, lat=place.lat + dy, lon=place.lon + dx)
            return dataclasses.replace(e, date=_shift(e.date, days), place=place)

        copy = dataclasses.replace(
            r,
            id=f"{r.id}-r{n}",
            text=r.text.translate(cipher),
            published=_shift(r.published, days) if r.published else day.isoformat(),
            events=tuple(event(e) for e in r.events),
            times=tuple(dataclasses.replace(t, value=_shift(t.value, days)) for t in r.times),
            places=tuple(
                dataclasses.replace(p, lat=p.lat + dy, lon=p.lon + dx) if p.lat is not None and p.lon is not None else p
                for p in r.places
            ),
        )
        out.append(copy)
        if rng.random() < WIRE:
            out.append(
                dataclasses.replace(copy, id=f"{copy.id}-wire", text=copy.text + "\n\n(Reporting by wire staff)")
            )
    return out


def run(db: str, base: list[Report], sizes: list[int], per: int, batch: int, limit_s: float, days: int = 10) -> dict:
    """Fill ``db`` to each size and time the ``per`` articles stored after it."""
    timing: dict[int, list[float]] = {s: [] for s in sizes}  # size → [seconds, articles]
    started = time.perf_counter()
    with Store(db) as store:
        have, n, pending = store.counts()["articles"], 0, []
        assert have == 0, f"{db} holds {have} articles: the benchmark needs an empty store"
        while have < sizes[-1] + per:
            pending.extend(round_of(base, n, days))
            n += 1
            while len(pending) >= batch:
                chunk, pending = pending[:batch], pending[batch:]
                t = time.perf_counter()
                added = store.add_reports((r, "benchmark") for r in chunk)
                took = time.perf_counter() - t
                for s in sizes:  # a batch counts for the size whose window it starts in
                    if s <= have < s + per:
                        timing[s] = [sum(x) for x in zip(timing[s] or [0.0, 0.0], [took, added])]
                have += added
                print(f"  {have:6d} articles  batch {took:6.2f} s", file=sys.stderr)
                if time.perf_counter() - started > limit_s:
                    print(f"  stopped at {have} articles: over --limit-s {limit_s:g}", file=sys.stderr)
                    return _result(db, timing, have)
                if have >= sizes[-1] + per:
                    break
    return _result(db, timing, have)


def _result(db: str, timing: dict[int, list[float]], have: int) -> dict:
    per_1000 = {s: round(t[0] / t[1] * 1000, 2) for s, t in timing.items() if t and t[1]}
    sizes = sorted(per_1000)
    ratio = round(per_1000[sizes[-1]] / per_1000[sizes[0]], 2) if len(sizes) > 1 else None
    return {
        "db": "postgresql" if db.startswith("postgres") else "duckdb",
        "articles": have,
        "s_per_1000": per_1000,
        "ratio": ratio,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", help="an empty store: a DuckDB file or a postgresql:// URL (default: a temporary file)")
    ap.add_argument("--sizes", default="1000,10000,50000", help="store sizes at which to time the next --per articles")
    ap.add_argument("--per", type=int, default=1000, help="articles timed at each size")
    ap.add_argument("--batch", type=int, default=250, help="articles per add_reports call")
    ap.add_argument("--data", type=Path, default=CONFLICT, help="the conflict corpus (JSONL)")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "dateline-growth-reports.jsonl")
    ap.add_argument("--days-per-round", type=int, default=10, help="days over which one round is published")
    ap.add_argument("--limit-s", type=float, default=3600, help="stop filling after this many seconds")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    base = analysed(args.cache, args.data)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or os.path.join(tmp, "growth.duckdb")
        result = run(db, base, sizes, args.per, args.batch, args.limit_s, args.days_per_round)
    result |= {"base_reports": len(base), "load_average": [round(x, 1) for x in os.getloadavg()]}
    if args.json:
        print(json.dumps(result, indent=1))
        return
    print(f"{result['db']}: {result['articles']} articles stored from {len(base)} analysed reports")
    for s, v in result["s_per_1000"].items():
        print(f"  at {s:6d} stored: {v:7.2f} s per 1,000 articles")
    if result["ratio"] is not None:
        print(f"  ratio last / first: {result['ratio']} (goal ≤ 1.5)")


if __name__ == "__main__":
    main()
