"""An ingest in a process of its own, for tests/test_faults.py to kill, starve of disk or lock out.

    python tests/fault_driver.py CORPUS DB [--batch-size N] [--retry-for S] [--pause-in-commit K MARKER]

The articles are turned into reports without analysis (``Echo``): the faults under test are in
reading and storing, and a spaCy pipeline per process would only make the tests slow. Exit 0 when
the corpus is in, 2 with the error on standard error (as ``dateline ingest`` says it) otherwise.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from dateline.engines.local import Ingest, open_store
from dateline.errors import DatelineError, InputError
from dateline.records import Report
from dateline.sources import read


class Echo:
    """A pipeline that reports each article as it is: its text, title and date, no facts."""

    time_limit = None

    def analyze_items(self, items, batch_size=16):
        for a in items:
            yield (
                a
                if isinstance(a, InputError)
                else Report(id=a.id, text=a.text, title=a.title, published=a.published, source=a.source)
            )


def pause_in_commit(k: int, marker: Path) -> None:
    """Stop inside the k-th batch's transaction (rows inserted, links made, COMMIT not yet run),
    say so in ``marker``, and wait there to be killed."""
    from dateline.store import links as store

    link, calls = store.Linker.link, [0]

    def pausing(self, added):
        link(self, added)
        calls[0] += 1
        if calls[0] == k:
            marker.write_text("in commit")
            time.sleep(600)

    store.Linker.link = pausing


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("db")
    ap.add_argument("--batch-size", type=int, default=4)
    ap.add_argument("--retry-for", type=float, default=None)
    ap.add_argument("--pause-in-commit", nargs=2, metavar=("K", "MARKER"))
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")  # as the CLI
    if args.pause_in_commit:
        pause_in_commit(int(args.pause_in_commit[0]), Path(args.pause_in_commit[1]))
    try:
        with open_store(args.db, retry_for=args.retry_for) as store:
            stats = Ingest(
                store,
                pipeline=Echo(),
                batch_size=args.batch_size,
                retry_for=args.retry_for,
                on_reject=lambda e: print(f"rejected {e}", file=sys.stderr),
            ).run(read([args.corpus]))
    except DatelineError as exc:
        print(f"dateline: {exc}", file=sys.stderr)
        return 2
    print(f"stored {stats.new} new articles, {stats.seen} already stored, {stats.failed} rejected", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
