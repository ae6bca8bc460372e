#!/usr/bin/env python3
"""Latency of the service's event list and article search on a store of thousands of articles.

Builds (once) a store of ``--articles`` articles from the analysed sample reports: each copy gets
a distinct id, a distinct text (a suffix, so offsets stay true), its dates shifted by whole days
and its points moved a little, so copies are separate events for the linker rather than one event
told 600 times. The copies go in through ``Store.add_reports``, like any ingest, so the
deduplicated tables are built the same way. Then it serves the store with uvicorn on the loopback
and times HTTP requests to ``/api/events`` (several filters) and ``/api/articles?q=`` and prints
p50 / p95 / max per query and overall.

    python benchmarks/api.py                               # 5,000 articles in /tmp/dateline-bench.duckdb
    python benchmarks/api.py --articles 10000 --requests 300 --json
    python benchmarks/api.py --reports-from dateline-demo.duckdb   # reuse a demo store's reports

Then the pages one at a time (``--page-requests`` each, every answer made anew), and a mixed load
of pages and API lists from ``--clients`` concurrent clients, against ``dateline serve --workers N``
(one per core): once as people ask (the server gives a kept answer again while no writer asks for
the file), once with every answer made anew.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import random
import re
import statistics
import sys
import threading
import time
import types
import typing
from pathlib import Path

from dateline import records
from dateline.records import Report
from dateline.store import Store

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "src" / "dateline" / "data" / "samples"
TARGET_MS = 200
PAGE_TARGET_MS = 300  # a page alone (issue 18)
CONCURRENT_TARGET_MS = 500  # p95 of pages and API together under 16 clients


# -- the store ---------------------------------------------------------------------------------
def from_dict(cls, value):
    """A record from its ``to_dict`` layout (the inverse of ``records.to_dict``)."""
    if value is None:
        return None
    origin = typing.get_origin(cls)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(cls) if a is not type(None)]
        return from_dict(inner[0], value) if len(inner) == 1 else value
    if origin is tuple:
        return tuple(from_dict(typing.get_args(cls)[0], v) for v in value)
    if dataclasses.is_dataclass(cls):
        hints = typing.get_type_hints(cls, vars(records))
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: from_dict(hints[k], v) for k, v in value.items() if k in names})
    return value


_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def _shift(value: str | None, days: int) -> str | None:
    m = _DAY.match(value or "")
    if not m:
        return value
    day = dt.date.fromisoformat(m.group(1)) - dt.timedelta(days=days)
    return day.isoformat() + value[10:]


def copy_report(r: Report, n: int) -> Report:
    """The n-th synthetic copy: new id and text, dates shifted by n days, points moved by up to 0.3°."""
    rng = random.Random(n)
    dx, dy = rng.uniform(-0.3, 0.3), rng.uniform(-0.3, 0.3)

    def event(e):
        place = e.place
        if place and place.lat is not None:
            place = dataclasses.replace(place, lat=place.lat + dy, lon=place.lon + dx)
        return dataclasses.replace(e, date=_shift(e.date, n), place=place)

    return dataclasses.replace(
        r,
        id=f"{r.id}-copy{n}",
        text=f"{r.text}\n\n(benchmark copy {n})",
        published=_shift(r.published, n),
        events=tuple(event(e) for e in r.events),
        times=tuple(dataclasses.replace(t, value=_shift(t.value, n)) for t in r.times),
    )


def sample_reports(reports_from: str | None) -> list[Report]:
    if reports_from:
        with Store(reports_from, read_only=True) as s:
            return [from_dict(Report, json.loads(row["report"])) for row in s.query("SELECT report FROM reports")]
    from dateline import sources as ingest
    from dateline.errors import InputError
    from dateline.pipeline import Pipeline

    paths = sorted(str(p) for p in SAMPLES.iterdir() if p.suffix in (".jsonl", ".html"))
    items = [a for a in ingest.read(paths) if not isinstance(a, InputError)]
    return list(Pipeline().analyze_many(items))


def build(db: str, articles: int, reports_from: str | None, batch: int = 250) -> None:
    with Store(db) as store:
        have = store.counts()["articles"]
        if have >= articles:
            return
        base = sample_reports(reports_from)
        print(f"building {db}: {have} → {articles} articles from {len(base)} analysed samples", file=sys.stderr)
        started, pending, n = time.perf_counter(), [], have // len(base)
        while have + len(pending) < articles:
            pending.extend((copy_report(r, n), "benchmark") for r in base)
            n += 1
            if len(pending) >= batch:
                have += store.add_reports(pending)
                pending = []
                print(f"  {have} articles, {time.perf_counter() - started:.0f} s", file=sys.stderr)
        if pending:
            store.add_reports(pending)


# -- the timing --------------------------------------------------------------------------------
QUERIES = {
    "events: first page": "/api/events",
    "events: type": "/api/events?type=ASSAULT&limit=50",
    "events: date range": "/api/events?date_from=2023-06-01&date_to=2023-12-31",
    "events: within 100 km": "/api/events?lat=48.5&lon=35.0&radius_km=100",
    "events: actor": "/api/events?actor=army",
    "events: per report": "/api/events?dedup=false&type=ASSAULT",
    "events: page 20": "/api/events?limit=50&offset=1000",
}
SEARCH_WORDS = [
    "Rubaya",
    "missile",
    "ceasefire",
    "displaced",
    "spokesman",
    "Kharkiv",
    "drone",
    "militia",
    "Red Sea",
    "El Fasher",
    "Qaim",
    "withdrawal",
]


# The pages a person opens, with the query string they carry (an article and an actor of the store
# are filled in by pages()).
PAGES = {
    "page: home": "/",
    "page: events": "/events",
    "page: events, a year": "/events?date_from=2023-01-01&date_to=2023-12-31",
    "page: events, a type": "/events?type=ASSAULT",
    "map: points": "/map/points.json",
    "page: contradictions": "/contradictions",
    "page: search": "/search?q=drone",
}


def pages(db: str) -> dict[str, str]:
    from urllib.parse import quote

    with Store(db, read_only=True) as s:
        article = s.query("SELECT id FROM articles ORDER BY id LIMIT 1")[0]["id"]
        actor = s.query("SELECT name FROM actors ORDER BY articles DESC LIMIT 1")[0]["name"]
    return {
        **PAGES,
        "page: article": f"/articles/{quote(article, safe='')}",
        "page: actor": f"/actors/{quote(actor, safe='')}",
    }


def serve(db: str, workers: int):
    """``dateline serve`` as a person runs it, with ``workers`` processes, on a free port."""
    import socket
    import subprocess

    import httpx

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    cmd = [sys.executable, "-m", "dateline.cli", "serve", "--db", db, "--port", str(port)]
    proc = subprocess.Popen([*cmd, "--workers", str(workers), "--log-level", "warning"], env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            if httpx.get(base + "/api/articles?limit=1", timeout=5).status_code < 500:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline or proc.poll() is not None:
            proc.kill()
            raise SystemExit("the server did not start")
        time.sleep(0.2)
    return proc, base


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(base: str, requests: int) -> dict[str, list[float]]:
    import httpx

    timings: dict[str, list[float]] = {name: [] for name in QUERIES}
    timings["articles: search"] = []
    with httpx.Client(base_url=base, timeout=60) as client:
        for url in list(QUERIES.values()) + ["/api/articles?q=drone"]:  # warm-up: caches, first plans
            client.get(url)
        for i in range(requests):
            for name, url in QUERIES.items():
                timings[name].append(_time(client, fresh(url, i)))
            word = SEARCH_WORDS[i % len(SEARCH_WORDS)]
            timings["articles: search"].append(_time(client, fresh(f"/api/articles?q={word}&limit=20", i)))
    return timings


def fresh(url: str, n: int) -> str:
    """The URL with a parameter nobody reads, so the server makes the answer anew rather than
    giving the one it kept (an answer is kept while no writer asks for the file)."""
    return f"{url}{'&' if '?' in url else '?'}_={n}"


def measure_pages(base: str, urls: dict[str, str], requests: int) -> dict[str, list[float]]:
    """Each page made anew (``fresh``), one client, ``requests`` times."""
    import httpx

    timings: dict[str, list[float]] = {name: [] for name in urls}
    with httpx.Client(base_url=base, timeout=60) as client:
        for url in urls.values():  # warm-up: every worker's connection and DuckDB's cache
            for k in range(4):
                client.get(fresh(url, -k))
        for i in range(requests):
            for name, url in urls.items():
                timings[name].append(_time(client, fresh(url, i)))
    return timings


def warm(base: str, urls: list[str], workers: int) -> None:
    """Each URL asked a few times (the connections spread over the workers), as a server that has
    been running a while has been asked: the first answer after a write is made, later ones kept."""
    import httpx

    for _ in range(2 * workers):
        with httpx.Client(base_url=base, timeout=60) as client:  # a new connection: maybe another worker
            for url in urls:
                client.get(url)


def measure_concurrent(
    base: str, urls: list[str], clients: int, per_client: int, anew: bool = False
) -> tuple[list[float], int, float]:
    """``clients`` threads, each requesting ``per_client`` URLs of the mix in its own order, at once
    (``anew``: every answer made anew, none kept); returns every latency, the number of errors
    (non-2xx or no answer) and the wall time."""
    import httpx

    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    go = threading.Barrier(clients)

    def client(k: int) -> None:
        order = random.Random(k).choices(urls, k=per_client)
        if anew:
            order = [fresh(u, k * per_client + i) for i, u in enumerate(order)]
        with httpx.Client(base_url=base, timeout=60) as c:
            go.wait()
            for url in order:
                t = time.perf_counter()
                try:
                    ok = c.get(url).status_code < 400
                except httpx.HTTPError:
                    ok = False
                with lock:
                    latencies.append((time.perf_counter() - t) * 1000)
                    errors[0] += not ok

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors[0], time.perf_counter() - started


def _time(client, url: str) -> float:
    t = time.perf_counter()
    r = client.get(url)
    elapsed = (time.perf_counter() - t) * 1000
    r.raise_for_status()
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default="/tmp/dateline-bench.duckdb", help="store to build (once) and serve")
    ap.add_argument("--articles", type=int, default=5000, help="articles in the store (at least)")
    ap.add_argument("--requests", type=int, default=100, help="timed requests per query")
    ap.add_argument("--reports-from", help="take the analysed samples from this store instead of analysing them")
    ap.add_argument("--page-requests", type=int, default=20, help="timed requests per page, one client")
    ap.add_argument("--clients", type=int, default=16, help="concurrent clients for the mixed load")
    ap.add_argument("--per-client", type=int, default=30, help="requests each concurrent client makes")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="server processes")
    ap.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = ap.parse_args()
    build(args.db, args.articles, args.reports_from)
    with Store(args.db, read_only=True) as s:
        counts = s.counts()
    urls = pages(args.db)
    server, base = serve(args.db, args.workers)
    try:
        timings = measure(base, args.requests)
        timings.update(measure_pages(base, urls, args.page_requests))
        mix = list(QUERIES.values()) + [f"/api/articles?q={w}&limit=20" for w in SEARCH_WORDS[:4]] + list(urls.values())
        warm(base, mix, args.workers)
        together, errors, wall = measure_concurrent(base, mix, args.clients, args.per_client)
        with Store(args.db, hold=False, wait=30):  # a write (an empty one): readers let go, kept answers go
            pass
        written, written_errors, written_wall = measure_concurrent(base, mix, args.clients, args.per_client)
        worst, worst_errors, worst_wall = measure_concurrent(base, mix, args.clients, args.per_client, anew=True)
    finally:
        server.terminate()
        server.wait(30)
    events = [t for name, ts in timings.items() if name.startswith("events") for t in ts]
    rows = {name: _summary(ts) for name, ts in timings.items()}
    rows["ALL event lists"] = _summary(events)
    rows[f"{args.clients} clients at once"] = _summary(together)
    rows[f"{args.clients} clients, after a write"] = _summary(written)
    rows[f"{args.clients} clients, all anew"] = _summary(worst)
    summary = {
        "store": {k: counts[k] for k in ("articles", "events", "linked_events", "quotes")},
        "requests_per_query": args.requests,
        "latency_ms": rows,
        "target_p95_ms": TARGET_MS,
        "page_target_ms": PAGE_TARGET_MS,
        "concurrent": {
            "clients": args.clients,
            "requests": len(together),
            "errors": errors,
            "per_second": round(len(together) / wall, 1),
            "target_p95_ms": CONCURRENT_TARGET_MS,
            "after_a_write": {"errors": written_errors, "per_second": round(len(written) / written_wall, 1)},
            "all_anew": {"errors": worst_errors, "per_second": round(len(worst) / worst_wall, 1)},
        },
        "workers": args.workers,
        # latency on a shared machine follows its load: report it with the figures
        "load_average": [round(x, 1) for x in os.getloadavg()],
        "cpus": os.cpu_count(),
    }
    if args.json:
        print(json.dumps(summary, indent=1))
        return
    print(
        f"store: {summary['store']}; {args.requests} requests per query over HTTP on the loopback; "
        f"load average {summary['load_average']} on {summary['cpus']} CPUs"
    )
    print(f"{'query':28} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, r in rows.items():
        target = (
            CONCURRENT_TARGET_MS
            if name.startswith(f"{args.clients} clients")
            else PAGE_TARGET_MS
            if name.startswith(("page", "map"))
            else TARGET_MS
        )
        flag = "" if r["p95"] < target else f"  (over {target} ms)"
        print(f"{name:28} {r['p50']:8.1f} {r['p95']:8.1f} {r['max']:8.1f}{flag}")
    c = summary["concurrent"]
    print(
        f"{c['clients']} clients at once, pages and API mixed: {c['requests']} requests, {c['errors']} errors, "
        f"{c['per_second']} per second; after a write: {c['after_a_write']['errors']} errors, "
        f"{c['after_a_write']['per_second']} per second; all made anew: {c['all_anew']['errors']} errors, "
        f"{c['all_anew']['per_second']} per second; server with {args.workers} workers"
    )


def _summary(ts: list[float]) -> dict[str, float]:
    return {"p50": round(statistics.median(ts), 1), "p95": round(percentile(ts, 0.95), 1), "max": round(max(ts), 1)}


if __name__ == "__main__":
    main()
