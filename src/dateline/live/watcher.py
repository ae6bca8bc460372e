"""The watcher: every ``every`` seconds, poll each source, fetch the item pages not seen yet,
analyze and store them, record what became of each, then match alerts.

A source is an RSS/Atom feed (each entry's link is an article page) or a web page (the page itself
is the article, stored again under its URL when its text changes). Sources are polled side by
side, so a slow or failing one holds up only itself; its error is recorded on its state and the
others go on. What was seen is in the store (``store.live``): the articles with their URLs and
content hashes, and every item URL with its fate, so a watcher killed mid-round starts again
without storing an article twice or missing one. A feed's ETag/Last-Modified is saved only once
all its new items are settled, so a restart never gets a 304 for entries it has not stored.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime

from ..engines.local import Ingest
from ..errors import InputError
from ..records import Article
from ..sources import article_from_html, checked, decode_page
from ..sources.feeds import struct_date
from ..store import Store
from ..store.live import (
    FeedState,
    SeenItem,
    feed_states,
    mark_delivered,
    match_alerts,
    save_round,
    seen_urls,
    stored_ids,
    undelivered_hits,
)
from .alerts import Delivery
from .http import Fetched, Fetcher, FetchError

log = logging.getLogger(__name__)

_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")


def parse_every(text: str) -> float:
    """'10m' → 600.0; '30s', '2h', '1d', or plain seconds."""
    m = _EVERY.match(text)
    if not m:
        raise ValueError(f"{text!r} is not a period (30s, 10m, 2h, 1d)")
    return float(m[1]) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m[2]]


@dataclass
class Entry:
    """One item of a source: an article page to fetch, or (a page source) the fetched page itself."""

    url: str
    feed: str
    title: str | None = None
    published: str | None = None
    page: Fetched | None = None


@dataclass
class RoundStats:
    round: int = 0
    sources: int = 0
    failing: list[str] = field(default_factory=list)  # "url: why" per failing source
    new: int = 0  # item URLs not seen before
    stored: int = 0
    duplicates: int = 0
    rejected: int = 0
    retry: int = 0  # item pages that could not be fetched this round (tried again next round)
    alerts: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        fail = f", {len(self.failing)} failing" if self.failing else ""
        return (
            f"round {self.round}: {self.sources} sources{fail}; {self.new} new items: {self.stored} stored, "
            f"{self.duplicates} duplicates, {self.rejected} rejected, {self.retry} to retry; "
            f"{self.alerts} alerts; {self.seconds:.1f} s"
        )


def _feedish(f: Fetched) -> bool:
    ctype = (f.content_type or "").lower()
    head = f.body[:500].lstrip().lower()
    return any(k in ctype for k in ("rss", "atom", "xml")) or head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf"))


class Watcher:
    """Polls ``sources`` into the store at ``db``; ``run(rounds)`` for a bounded run (tests)."""

    def __init__(
        self,
        db: str,
        sources: list[str],
        *,
        every: float = 600.0,
        pipeline=None,
        workers: int = 1,
        batch_size: int = 16,
        fetcher: Fetcher | None = None,
        delivery: Delivery | None = None,
        threads: int = 8,
        on_round: Callable[[RoundStats], None] | None = None,
        on_reject: Callable[[InputError], None] | None = None,
    ):
        self.db = db
        self.sources = list(dict.fromkeys(sources))
        self.every = every
        self.pipeline = pipeline
        self.workers = workers
        self.batch_size = batch_size
        self.fetcher = fetcher or Fetcher()
        self.delivery = delivery or Delivery(None)
        self.threads = threads
        self.on_round = on_round or (lambda s: log.info(s.line()))
        self.on_reject = on_reject or (lambda e: log.info("rejected %s", e))
        # the file is held only while a batch is checked or written, so readers get it between
        self.store = Store(db, hold=False)
        self.rounds = 0
        self._resumed = False

    def run(self, rounds: int | None = None, stop: threading.Event | None = None) -> list[RoundStats]:
        stop = stop or threading.Event()
        done: list[RoundStats] = []
        self.resume_alerts()
        while not stop.is_set() and (rounds is None or len(done) < rounds):
            started = time.monotonic()
            stats = self.round()
            done.append(stats)
            self.on_round(stats)
            if rounds is not None and len(done) >= rounds:
                break
            stop.wait(max(0.0, self.every - (time.monotonic() - started)))
        return done

    def resume_alerts(self) -> int:
        """Deliver the hits a stopped watcher committed but did not deliver (once per watcher)."""
        if self._resumed:
            return 0
        self._resumed = True
        pending = undelivered_hits(self.store)
        if pending:
            log.info("delivering %d alert hits left undelivered by the last run", len(pending))
            self.delivery.deliver(pending)
        return len(pending)

    def close(self) -> None:
        self.fetcher.close()
        self.delivery.close()  # waits for the queued posts (a while), so they are marked below
        mark_delivered(self.store, self.delivery.finished())
        self.store.close()

    # -- one round ---------------------------------------------------------------------------------
    def round(self) -> RoundStats:
        t0 = time.monotonic()
        self.rounds += 1
        stats = RoundStats(round=self.rounds, sources=len(self.sources))
        with self.store.held():
            known = {f.url: f for f in feed_states(self.store.catalog())}
        states = {u: known.get(u) or FeedState(url=u) for u in self.sources}
        with ThreadPoolExecutor(min(self.threads, len(self.sources) or 1)) as pool:
            polled = list(pool.map(lambda u: self._poll(states[u]), self.sources))
        entries: list[Entry] = []
        new_states: dict[str, FeedState] = {}
        for state, found in polled:
            new_states[state.url] = state
            if state.status == "failing":
                stats.failing.append(f"{state.url}: {state.error}")
            entries.extend(found)
        seen = seen_urls(self.store, [e.url for e in entries if e.page is None])
        fresh = list({e.url: e for e in entries if e.page is not None or e.url not in seen}.values())
        stats.new = sum(1 for e in fresh if e.page is None)
        with ThreadPoolExecutor(self.threads) as pool:
            made = list(pool.map(self._article, fresh))
        items: dict[str, SeenItem] = {}
        articles: list[Article] = []
        unsettled: set[str] = set()  # feeds with an item to fetch again: their ETag is not saved
        for entry, got in zip(fresh, made):
            if isinstance(got, FetchError):
                stats.retry += 1
                unsettled.add(entry.feed)
                log.warning("%s", got)
            elif isinstance(got, InputError):
                items[entry.url] = SeenItem(entry.url, entry.feed, "rejected", reason=got.reason)
                self.on_reject(got)
            else:
                articles.append(got)
        rejected_here: list[InputError] = []

        def reject(e: InputError) -> None:
            rejected_here.append(e)
            self.on_reject(e)

        if articles:
            Ingest(
                self.store,
                workers=self.workers,
                batch_size=self.batch_size,
                pipeline=self.pipeline,
                on_reject=reject,
            ).run(articles)
        stored = stored_ids(self.store, [a.id for a in articles])
        failed = {e.origin: e.reason for e in rejected_here}
        by_url = {e.url: e for e in fresh}
        for a in articles:
            feed = by_url[a.url or a.id].feed
            status = "stored" if a.id in stored else ("rejected" if a.origin in failed else "duplicate")
            items[a.url or a.id] = SeenItem(
                a.url or a.id,
                feed,
                status,
                article_id=a.id if status == "stored" else None,
                reason=failed.get(a.origin or ""),
                encoding=a.encoding,
                language=a.language,
                published=a.published,
            )
        for item in items.values():
            if item.status == "stored":
                stats.stored += 1
            elif item.status == "duplicate":
                stats.duplicates += 1
            else:
                stats.rejected += 1
        final = []
        for url, state in new_states.items():
            mine = [i for i in items.values() if i.feed == url]
            state = replace(
                state,
                stored=state.stored + sum(i.status == "stored" for i in mine),
                rejected=state.rejected + sum(i.status == "rejected" for i in mine),
            )
            if url in unsettled:  # keep the old validators: the next poll must list the entries again
                old = states[url]
                state = replace(state, etag=old.etag, last_modified=old.last_modified)
            final.append(state)
        save_round(self.store, final, items.values())
        self.resume_alerts()  # a round run on its own (tests) resumes too
        hits = match_alerts(self.store)
        stats.alerts = len(hits)
        self.delivery.deliver(hits)
        # what was delivered by now (the file at once, the webhooks as they answer) is marked; the
        # rest at the next round or at close, or delivered again by the next run if it stops first
        mark_delivered(self.store, self.delivery.finished())
        stats.seconds = time.monotonic() - t0
        return stats

    def _poll(self, state: FeedState) -> tuple[FeedState, list[Entry]]:
        now = datetime.now()
        try:
            got = self.fetcher.get(state.url, state.etag, state.last_modified)
        except FetchError as exc:
            return replace(state, polled_at=now, status="failing", error=str(exc), failures=state.failures + 1), []
        ok = replace(state, polled_at=now, ok_at=now, status="ok", error=None, failures=0)
        if got.unchanged:
            return replace(ok, entries=0), []
        ok = replace(ok, etag=got.etag, last_modified=got.last_modified)
        if not _feedish(got):
            return replace(ok, kind="page", entries=1), [Entry(got.url, state.url, page=got)]
        entries, problem = _entries(got)
        if problem:  # reported; the entries feedparser recovered are still read
            fail = replace(state, polled_at=now, status="failing", error=problem, failures=state.failures + 1)
            return replace(fail, kind="feed", entries=len(entries)), [replace(e, feed=state.url) for e in entries]
        return replace(ok, kind="feed", entries=len(entries)), [replace(e, feed=state.url) for e in entries]

    def _article(self, entry: Entry) -> Article | InputError | FetchError:
        try:
            page = entry.page or self.fetcher.get(entry.url)
        except FetchError as exc:
            if "HTTP 4" in str(exc) or "robots.txt" in str(exc):  # an answer: not worth asking again
                return InputError(entry.url, str(exc).split(": ", 1)[-1])
            return exc
        try:
            html, encoding = decode_page(page.body, entry.url, content_type=page.content_type, html=True)
            art = article_from_html(
                html, id=entry.url, published=entry.published, origin=entry.url, url=entry.url, title=entry.title
            )
            return checked(art, entry.url, encoding)
        except InputError as exc:
            return exc


def _entries(got: Fetched) -> tuple[list[Entry], str | None]:
    """The linked entries of a feed, and what is wrong with it when it is malformed (feedparser
    recovers what it can from broken XML; an encoding it had to guess is not a fault)."""
    import feedparser

    parsed = feedparser.parse(got.body, response_headers={"content-type": got.content_type or ""})
    problem = None
    exc = parsed.get("bozo_exception")
    if parsed.get("bozo") and not isinstance(exc, (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)):
        problem = f"malformed feed ({exc})"
    found = []
    for e in parsed.entries:
        link = e.get("link") or ""
        if not link.startswith(("http://", "https://")):
            continue
        pub = struct_date(e.get("published_parsed") or e.get("updated_parsed"))
        found.append(Entry(link, got.url, title=e.get("title") or None, published=pub))
    return found, problem
