"""What holding a DuckDB file only per request costs: open read-only, ask, close, against asking a
connection held open (docs/service.md). Run on a built store, e.g. the one benchmarks/api.py makes:

    python benchmarks/store_open.py --db /tmp/dateline-bench.duckdb
"""

from __future__ import annotations

import argparse
import statistics
import time

from dateline.store import Store


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--n", type=int, default=200)
    args = ap.parse_args()

    def ask(store: Store) -> None:
        cat = store.catalog()
        cat.counts()
        cat.articles(limit=20)

    held = Store(args.db, read_only=True)
    ask(held)
    t_held = []
    for _ in range(args.n):
        t0 = time.perf_counter()
        ask(held)
        t_held.append(time.perf_counter() - t0)
    held.close()
    t_open, t_only = [], []
    for _ in range(args.n):
        t0 = time.perf_counter()
        store = Store(args.db, read_only=True, hold=False)
        with store.held():
            t1 = time.perf_counter()
            store.con  # noqa: B018 - opens the file
            t_only.append(time.perf_counter() - t1)
            ask(store)
        store.close()
        t_open.append(time.perf_counter() - t0)
    with Store(args.db, read_only=True) as s:
        n = s.counts()["articles"]
    ms = lambda ts: f"median {statistics.median(ts) * 1000:.1f} ms, p95 {sorted(ts)[int(0.95 * len(ts))] * 1000:.1f} ms"  # noqa: E731
    print(f"store of {n} articles, {args.n} times each")
    print(f"  held connection: counts + 20 articles: {ms(t_held)}")
    print(f"  opened per request: open + counts + 20 articles + close: {ms(t_open)}")
    print(f"  of which opening the file: {ms(t_only)}")


if __name__ == "__main__":
    main()
