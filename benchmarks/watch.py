#!/usr/bin/env python3
"""The watcher against a live feed: lag from publication to stored and to alerted.

A local HTTP server on 127.0.0.1 publishes ``--articles`` articles over ``--duration`` seconds (one
every duration / articles seconds) in an RSS feed that lists the latest ``--window`` items and
answers conditional requests (ETag, Last-Modified) as a news site does. The article pages are
built from real texts: the conflict corpus (``../shared/eval/conflict/dev.jsonl``) and the sample
articles, each text published again as a later edition when the feed has used them all (a line
naming the edition makes each text its own). An alert (``--type ASSAULT``) posts its hits to a
webhook on the same server. ``dateline watch URL --every …`` runs as a user runs it, in a process
of its own, until every article is settled (or ``--grace`` seconds pass without progress after
the last is published); then it gets SIGTERM, as a service manager stops it.

Printed: the lag from an article's publication to its batch being stored (``ingested_at``: the
batch's transaction began; the commit follows within the batch's time), to its round being
settled (``watch_items.seen_at``), and to its first alert arriving at the webhook, each as median
and p95; articles stored twice (by URL) and lost (published, never stored), alerts delivered
twice; items whose text another item has (the corpus holds a few twice), which are by design not
stored again; the watcher's CPU seconds per article.

    python benchmarks/watch.py                                # 600 articles over 10 minutes
    python benchmarks/watch.py --articles 120 --duration 120 --every 5s
"""

from __future__ import annotations

import argparse
import email.utils
import html
import json
import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from dateline.store import Store

ROOT = Path(__file__).resolve().parents[1]
CONFLICT = ROOT.parent / "shared" / "eval" / "conflict" / "dev.jsonl"
SAMPLES = ROOT / "src" / "dateline" / "data" / "samples" / "samples.jsonl"


def texts(paths: list[Path]) -> list[tuple[str, str]]:
    """(title, text) of every article of the JSONL files."""
    out = []
    for p in paths:
        for line in p.read_text(encoding="utf-8").splitlines():
            if line.strip():
                a = json.loads(line)
                out.append((a.get("title") or a["text"][:80], a["text"]))
    return out


class Site:
    """The feed and its pages; article i is published at ``start + i * step``."""

    def __init__(self, sources: list[tuple[str, str]], articles: int, duration: float, window: int):
        self.sources, self.n, self.window = sources, articles, window
        self.step = duration / articles
        self.start = time.time() + 1.0
        self.hooks: list[tuple[float, dict]] = []
        self.lock = threading.Lock()

    def published_at(self, i: int) -> float:
        return self.start + i * self.step

    def count(self, now: float) -> int:
        return max(0, min(self.n, int((now - self.start) / self.step) + 1))

    def page(self, i: int) -> str:
        title, text = self.sources[i % len(self.sources)]
        edition = i // len(self.sources)
        if edition:
            title = f"{title} (edition {edition + 1})"
            text = f"{text}\n\nThis is edition {edition + 1} of this report, published as item {i} of the feed."
        # the conflict texts separate paragraphs by runs of spaces; the samples by blank lines
        paras = [p.strip() for chunk in text.split("\n\n") for p in chunk.split("     ") if p.strip()]
        when = email.utils.formatdate(self.published_at(i), usegmt=True)
        body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paras)
        return (
            f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'<meta name="date" content="{when}"></head><body><header><a href="/">Benchmark News</a></header>'
            f"<article><h1>{html.escape(title)}</h1>\n{body}</article><footer>© Benchmark News</footer></body></html>"
        )

    def feed(self, base: str, count: int) -> str:
        items = []
        for i in range(count - 1, max(-1, count - 1 - self.window), -1):
            title = self.sources[i % len(self.sources)][0]
            items.append(
                f"<item><title>{html.escape(title)}</title><link>{base}/a/{i}.html</link>"
                f"<guid>{base}/a/{i}.html</guid>"
                f"<pubDate>{email.utils.formatdate(self.published_at(i), usegmt=True)}</pubDate></item>"
            )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Benchmark News</title>'
            f"<link>{base}/</link><description>the benchmark feed</description>{''.join(items)}</channel></rss>"
        )


def serve(site: Site) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # quiet
            pass

        def _send(self, code: int, body: bytes = b"", ctype: str = "text/plain", headers: dict | None = None):
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            count = site.count(time.time())
            if self.path == "/feed.xml":
                etag = f'"{count}"'
                modified = email.utils.formatdate(site.published_at(max(count - 1, 0)), usegmt=True)
                if self.headers.get("If-None-Match") == etag:
                    return self._send(304, headers={"ETag": etag})
                body = site.feed(base, count).encode()
                return self._send(200, body, "application/rss+xml", {"ETag": etag, "Last-Modified": modified})
            if self.path.startswith("/a/") and self.path.endswith(".html"):
                i = int(self.path[3:-5])
                if i < count:
                    return self._send(200, site.page(i).encode(), "text/html; charset=utf-8")
            self._send(404, b"not found")

        def do_POST(self) -> None:
            got = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
            with site.lock:
                site.hooks.append((time.time(), got))
            self._send(204)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, base


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(values: list[float]) -> dict:
    if not values:
        return {"n": 0}
    return {
        "n": len(values),
        "median_s": round(statistics.median(values), 1),
        "p95_s": round(percentile(values, 0.95), 1),
    }


def settled(db: str) -> int:
    try:
        with Store(db, read_only=True, hold=False, wait=5) as s:
            return s.query("SELECT count(*) AS n FROM watch_items")[0]["n"]
    except Exception:  # not made yet, or the writer holds it: ask again later
        return -1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=600, help="articles the feed publishes over the run")
    ap.add_argument("--duration", type=float, default=600, help="seconds over which they are published")
    ap.add_argument("--every", default="10s", help="the watcher's --every")
    ap.add_argument("--window", type=int, default=100, help="items a feed lists (the newest)")
    ap.add_argument(
        "--grace", type=float, default=300, help="seconds without progress, after the last publication, before stopping"
    )
    ap.add_argument("--db", help="store (default: a temporary file)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    site = Site(texts([CONFLICT, SAMPLES]), args.articles, args.duration, args.window)
    server, base = serve(site)
    tmp = tempfile.mkdtemp(prefix="dateline-watch-")
    db = args.db or os.path.join(tmp, "watch.duckdb")
    env = dict(os.environ, DATELINE_STORE_WAIT="120")
    cli = [sys.executable, "-m", "dateline.cli"]
    subprocess.run(
        [*cli, "alert", "add", "--type", "ASSAULT", "--webhook", f"{base}/hook", "--db", db], env=env, check=True
    )
    # the feed starts publishing now; the watcher loads its model meanwhile, as a service started
    # before the news would have (that first minute counts in the first articles' lag)
    site.start = time.time()
    log = open(os.path.join(tmp, "watch.log"), "w")
    watcher = subprocess.Popen(
        [
            *cli,
            "watch",
            f"{base}/feed.xml",
            "--db",
            db,
            "--every",
            args.every,
            "--pace",
            "0",
            "--alerts-file",
            os.path.join(tmp, "alerts.jsonl"),
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    last, progress_at = -1, time.time()
    try:
        while True:
            time.sleep(5)
            if watcher.poll() is not None:
                print(f"the watcher exited early ({watcher.returncode}); see {log.name}", file=sys.stderr)
                break
            n = settled(db)
            if n > last:
                last, progress_at = n, time.time()
                print(
                    f"  {time.time() - site.start:6.0f} s: {site.count(time.time())} published, {n} settled",
                    file=sys.stderr,
                )
            done_publishing = time.time() > site.published_at(args.articles - 1)
            if n >= args.articles or (
                done_publishing and time.time() - max(progress_at, site.published_at(args.articles - 1)) > args.grace
            ):
                break
    finally:
        if watcher.poll() is None:
            watcher.send_signal(signal.SIGTERM)  # it ends its round, then exits
            try:
                watcher.wait(600)
            except subprocess.TimeoutExpired:
                watcher.kill()
                watcher.wait()
        time.sleep(2)  # the webhook's last posts
        server.shutdown()
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    with Store(db, read_only=True) as s:
        arts = s.query("SELECT id, url, epoch(ingested_at) AS at FROM articles")
        items = s.query("SELECT url, status, reason, epoch(seen_at) AS at FROM watch_items")
        twice = s.query("SELECT url, count(*) AS n FROM articles GROUP BY url HAVING count(*) > 1")
        hits = s.query("SELECT count(*) AS n FROM alert_hits")[0]["n"]
    index = {f"{base}/a/{i}.html": i for i in range(args.articles)}
    stored = {a["url"]: a["at"] for a in arts if a["url"] in index}
    seen = {i["url"]: i for i in items}
    first_hook: dict[str, float] = {}
    delivered: dict[tuple, int] = {}
    for at, h in site.hooks:
        first_hook.setdefault(h["article_id"], at)
        key = (h["alert_id"], h["article_id"], h["kind"], h["item"])
        delivered[key] = delivered.get(key, 0) + 1
    # an item whose text is another item's (the corpus holds a few twice) is by design not stored again
    same_text = [u for u in index if u not in stored and seen.get(u, {}).get("status") == "duplicate"]
    lost = [u for u in index if u not in stored and u not in same_text]
    result = {
        "articles_published": args.articles,
        "duration_s": args.duration,
        "every": args.every,
        "stored": len(stored),
        "stored_twice": len(twice),
        "same_text_not_stored_again": len(same_text),
        "lost": len(lost),
        "lost_why": {
            u: (seen[u]["status"], seen[u]["reason"]) if u in seen else ("never seen", None) for u in lost[:20]
        },
        "lag_to_stored": summary([stored[u] - site.published_at(index[u]) for u in stored]),
        "lag_to_settled": summary([seen[u]["at"] - site.published_at(index[u]) for u in stored if u in seen]),
        "lag_to_alerted": summary([t - site.published_at(index[u]) for u, t in first_hook.items() if u in index]),
        "alert_hits_stored": hits,
        "alerts_posted": sum(delivered.values()),
        "alerts_posted_twice": sum(1 for v in delivered.values() if v > 1),
        "watcher_cpu_s": round(cpu.ru_utime + cpu.ru_stime, 1),
        "watcher_cpu_s_per_article": round((cpu.ru_utime + cpu.ru_stime) / max(1, len(stored)), 2),
        "load_average": [round(x, 1) for x in os.getloadavg()],
        "log": log.name,
    }
    print(json.dumps(result, indent=1) if args.json else _text(result))


def _text(r: dict) -> str:
    lines = [
        f"{r['articles_published']} articles published over {r['duration_s']:g} s; watcher --every {r['every']}",
        f"stored {r['stored']}, stored twice {r['stored_twice']}, lost {r['lost']} {r['lost_why'] or ''}; "
        f"{r['same_text_not_stored_again']} with the text of another item, not stored again",
    ]
    for k in ("lag_to_stored", "lag_to_settled", "lag_to_alerted"):
        v = r[k]
        lines.append(f"{k:15} n={v['n']:4d}  median {v.get('median_s', '-')} s  p95 {v.get('p95_s', '-')} s")
    lines.append(
        f"alert hits {r['alert_hits_stored']} stored, {r['alerts_posted']} posted, {r['alerts_posted_twice']} posted twice"
    )
    lines.append(
        f"watcher CPU {r['watcher_cpu_s']} s, {r['watcher_cpu_s_per_article']} s per article; load {r['load_average']}"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
