"""The live watcher against a real HTTP server on 127.0.0.1 (started here, no network): feeds
whose entries change between polls, conditional requests, one feed answering 500, one too slow,
one malformed, robots.txt, pages in a legacy charset and in German; alerts to a JSONL file and a
webhook; a reader and the pages while it writes; a SIGKILL mid-round and a restart."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from dateline.live import Delivery, Fetcher, Watcher
from dateline.store import Store
from dateline.store.live import AlertRule, add_alert, alert_hits, feed_states

STORY = (
    "Airstrike kills {n} in Idlib market\n\nIDLIB, Syria - An airstrike killed {n} civilians in a market in "
    "Idlib province on {day}, the civil defence said. Rescue workers searched the rubble for survivors, "
    "and residents said the strike {what}. The local council said the market had been busy at the time."
)
GERMAN = (
    "Granaten treffen Marktplatz\n\nBei einem Angriff auf den Marktplatz der Stadt sind am Dienstag fünf "
    "Zivilisten getötet worden, teilte der Zivilschutz mit. Die Bewohner sagten, der Beschuss habe im "
    "Morgengrauen begonnen und zwei Stunden gedauert, und der Markt sei geschlossen geblieben."
)


def html(text: str, head: str = '<meta charset="utf-8">') -> str:
    title, *paras = text.split("\n\n")
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (
        f"<html><head>{head}<title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"
    )


def story(k: int) -> str:
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    return STORY.format(n=5 + k, day=days[k % 6], what=f"came without warning (report {k})")


class Site:
    """What the server serves; tests change it between polls."""

    def __init__(self):
        self.pages: dict[str, tuple[bytes, str]] = {}
        self.feeds: dict[str, list[str]] = {}  # feed path → article paths, newest last
        self.hits: dict[str, int] = {}
        self.not_modified = 0
        self.posted: list[dict] = []
        self.page_delay = 0.0
        self.lock = threading.Lock()

    def rss(self, path: str, base: str) -> bytes:
        items = "".join(
            f"<item><title>Report {p}</title><link>{base}{p}</link><guid>{base}{p}</guid>"
            f"<pubDate>Tue, 0{1 + i % 8} Oct 2024 10:00:00 GMT</pubDate></item>"
            for i, p in enumerate(self.feeds[path])
        )
        return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{path}</title>{items}</channel></rss>'.encode()


def serve(site: Site) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("content-length", 0)))
            with site.lock:
                site.posted.append(json.loads(body))
            self.send_response(204)
            self.end_headers()

        def do_GET(self):
            path = self.path
            with site.lock:
                site.hits[path] = site.hits.get(path, 0) + 1
            if path == "/robots.txt":
                return self.reply(b"User-agent: *\nDisallow: /private/\n", "text/plain")
            if path == "/fail.rss":
                return self.reply(b"down", "text/plain", 500)
            if path == "/slow.rss":
                time.sleep(3)
                return self.reply(b"<rss/>", "application/rss+xml")
            if path == "/broken.rss":
                return self.reply(b"<?xml version='1.0'?><rss><channel><item><title>x</ti", "application/rss+xml")
            if path in site.feeds:
                body = site.rss(path, base)
                etag = f'"{hash(body) & 0xFFFFFFFF:x}"'
                if self.headers.get("If-None-Match") == etag:
                    with site.lock:
                        site.not_modified += 1
                    self.send_response(304)
                    self.end_headers()
                    return None
                return self.reply(body, "application/rss+xml", etag=etag)
            if path in site.pages:
                time.sleep(site.page_delay)
                body, ctype = site.pages[path]
                return self.reply(body, ctype)
            return self.reply(b"no such page", "text/plain", 404)

        def reply(self, body: bytes, ctype: str, status: int = 200, etag: str | None = None):
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            if etag:
                self.send_header("ETag", etag)
            self.end_headers()
            try:
                self.wfile.write(body)
            except BrokenPipeError:  # the slow feed's client gave up
                pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, base


@pytest.fixture
def site():
    s = Site()
    server, base = serve(s)
    s.base = base  # type: ignore[attr-defined]
    yield s
    server.shutdown()


def fast_fetcher() -> Fetcher:
    return Fetcher(pace=0.01, timeout=1.0, retries=1, backoff=0.05)


def test_rounds_store_each_article_once_and_a_failing_feed_fails_alone(site, tmp_path, pipeline):
    base = site.base
    for k in range(3):
        site.pages[f"/news/{k}.html"] = (html(story(k)).encode(), "text/html; charset=utf-8")
    # a page in windows-1252 declared only in its meta tag, with no charset in the header
    legacy = story(3).replace("civil defence", "défense civile")
    site.pages["/news/legacy.html"] = (html(legacy, '<meta charset="windows-1252">').encode("cp1252"), "text/html")
    site.pages["/news/de.html"] = (html(GERMAN).encode(), "text/html; charset=utf-8")
    site.pages["/private/secret.html"] = (html(story(9)).encode(), "text/html")
    site.feeds["/world.rss"] = ["/news/0.html", "/news/1.html", "/news/legacy.html", "/news/de.html"]
    site.feeds["/local.rss"] = ["/news/1.html", "/private/secret.html"]  # shares an item with /world.rss
    sources = [f"{base}/world.rss", f"{base}/local.rss", f"{base}/fail.rss", f"{base}/slow.rss", f"{base}/broken.rss"]
    db = str(tmp_path / "live.duckdb")
    with Store(db) as store:
        add_alert(store, "strikes", AlertRule(type="ASSAULT", min_fatalities=5), webhook=f"{base}/hook")
        add_alert(store, "elsewhere", AlertRule(type="ASSAULT", country="FR"))
    jsonl = tmp_path / "alerts.jsonl"
    watcher = Watcher(
        db, sources, every=0, pipeline=pipeline, fetcher=fast_fetcher(), delivery=Delivery(jsonl, backoff=0.05)
    )
    try:
        first = watcher.round()
        assert first.stored == 3 and first.rejected == 2, first.line()  # German; robots.txt
        assert sorted(f.split(": ")[0] for f in first.failing) == sorted(sources[2:])
        site.feeds["/world.rss"].append("/news/2.html")  # a new entry
        second = watcher.round()
        assert second.new == 1 and second.stored == 1, second.line()
        third = watcher.round()
        assert third.new == 0 and third.stored == 0
    finally:
        watcher.close()
    assert site.not_modified >= 2  # /local.rss in round 2, both feeds in round 3
    assert site.hits["/news/1.html"] == 1 and "/private/secret.html" not in site.hits
    with Store(db, read_only=True, hold=False) as store, store.held():
        urls = [r["url"] for r in store.query("SELECT url FROM articles ORDER BY url")]
        assert urls == sorted(f"{base}/news/{n}.html" for n in ("0", "1", "2", "legacy"))
        items = {r["url"]: r for r in store.query("SELECT * FROM watch_items")}
        assert items[f"{base}/news/legacy.html"]["encoding"] == "cp1252"
        assert "not English" in items[f"{base}/news/de.html"]["reason"]
        assert "robots.txt" in items[f"{base}/private/secret.html"]["reason"]
        states = {f.url: f for f in feed_states(store.catalog())}
        assert states[f"{base}/fail.rss"].status == "failing" and "HTTP 500" in states[f"{base}/fail.rss"].error
        assert "malformed" in states[f"{base}/broken.rss"].error
        assert "Timeout" in states[f"{base}/slow.rss"].error
        assert states[f"{base}/world.rss"].status == "ok"
        # /news/1.html is counted once, for one of the two feeds listing it
        assert states[f"{base}/world.rss"].stored + states[f"{base}/local.rss"].stored == 4
        hits = alert_hits(store.catalog())
    assert hits and {h["name"] for h in hits} == {"strikes"}
    lines = [json.loads(line) for line in jsonl.read_text().splitlines()]
    assert len(lines) == len(hits) and all(line["payload"]["fatalities"] >= 5 for line in lines)
    assert len(site.posted) == len(hits)


def test_a_reader_and_the_pages_work_while_the_watcher_writes(site, tmp_path):
    from fastapi.testclient import TestClient

    from dateline.api import create_app

    base = site.base
    site.page_delay = 0.05
    for k in range(12):
        site.pages[f"/n/{k}.html"] = (html(story(k)).encode(), "text/html; charset=utf-8")
    site.feeds["/f.rss"] = [f"/n/{k}.html" for k in range(12)]
    db = str(tmp_path / "busy.duckdb")
    Store(db).close()
    proc = subprocess.Popen(
        [sys.executable, "-m", "dateline.cli", "watch", f"{base}/f.rss", "--db", db, "--rounds", "2", "--every", "1s"],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")},
        stderr=subprocess.PIPE,
        text=True,
    )
    seen, reads = set(), 0
    with TestClient(create_app(db)) as client:
        while proc.poll() is None:
            for path in ("/", "/live", "/alerts", "/api/articles", "/events"):
                r = client.get(path)
                assert r.status_code == 200, (path, r.text[:300])
                reads += 1
            seen.add(client.get("/api/articles").json()["total"])
            time.sleep(0.05)
    _, err = proc.communicate()
    assert proc.returncode == 0, err
    assert max(seen) == 12 and len(seen) > 1, seen  # the reader saw the store grow
    assert reads > 10


def test_a_watcher_killed_mid_round_restarts_storing_nothing_twice_and_missing_nothing(site, tmp_path):
    base = site.base
    site.page_delay = 0.3
    n = 10
    for k in range(n):
        site.pages[f"/k/{k}.html"] = (html(story(k)).encode(), "text/html; charset=utf-8")
    site.feeds["/k.rss"] = [f"/k/{k}.html" for k in range(n)]
    db = str(tmp_path / "killed.duckdb")
    cmd = [sys.executable, "-m", "dateline.cli", "watch", f"{base}/k.rss", "--db", db, "--rounds", "1", "--pace", "0"]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")}
    proc = subprocess.Popen(cmd, env=env, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while sum(site.hits.get(f"/k/{k}.html", 0) for k in range(n)) < 4 and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with Store(db, read_only=True, hold=False) as store:
        before = store.query("SELECT count(*) AS n FROM articles")[0]["n"]
    assert before < n  # killed mid-round
    again = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    with Store(db, read_only=True, hold=False) as store:
        rows = store.query("SELECT url, count(*) AS c FROM articles GROUP BY url")
    assert sorted(r["url"] for r in rows) == sorted(f"{base}/k/{k}.html" for k in range(n))
    assert all(r["c"] == 1 for r in rows)


class DiesBeforeDelivering(Delivery):
    """A watcher process that dies after the hits are committed, before they are written or posted."""

    def deliver(self, hits):
        if hits:
            raise KeyboardInterrupt("killed between the commit and the delivery")


def test_hits_committed_but_not_delivered_are_delivered_after_a_restart(site, tmp_path, pipeline):
    base = site.base
    for k in range(2):
        site.pages[f"/news/{k}.html"] = (html(story(k)).encode(), "text/html; charset=utf-8")
    site.feeds["/world.rss"] = ["/news/0.html", "/news/1.html"]
    db = str(tmp_path / "gap.duckdb")
    with Store(db) as store:
        add_alert(store, "strikes", AlertRule(type="ASSAULT"), webhook=f"{base}/hook")
    jsonl = tmp_path / "alerts.jsonl"
    sources = [f"{base}/world.rss"]
    dying = Watcher(
        db, sources, every=0, pipeline=pipeline, fetcher=fast_fetcher(), delivery=DiesBeforeDelivering(jsonl)
    )
    with pytest.raises(KeyboardInterrupt):
        dying.round()
    dying.fetcher.close()
    with Store(db, read_only=True, hold=False) as store:
        hits = store.query("SELECT alert_id, article_id, item, delivered FROM alert_hits")
    assert hits and not any(h["delivered"] for h in hits)
    assert not jsonl.exists() and not site.posted
    # the next run delivers them before anything else, and marks them
    again = Watcher(db, sources, every=0, pipeline=pipeline, fetcher=fast_fetcher(), delivery=Delivery(jsonl))
    try:
        assert again.round().alerts == 0  # nothing new: the hits are the last run's
    finally:
        again.close()
    lines = [json.loads(line) for line in jsonl.read_text().splitlines()]
    assert sorted((x["article_id"], x["item"]) for x in lines) == sorted((h["article_id"], h["item"]) for h in hits)
    assert len(site.posted) == len(hits)
    with Store(db, read_only=True, hold=False) as store:
        assert all(r["delivered"] for r in store.query("SELECT delivered FROM alert_hits"))
    # and a third run sends nothing again
    third = Watcher(db, sources, every=0, pipeline=pipeline, fetcher=fast_fetcher(), delivery=Delivery(jsonl))
    try:
        third.round()
    finally:
        third.close()
    assert len(jsonl.read_text().splitlines()) == len(hits) and len(site.posted) == len(hits)
