"""Polite HTTP: conditional requests, robots.txt, a pace per host, retries with backoff.

httpx does the HTTP and ``urllib.robotparser`` reads robots.txt (fetched through the same client,
so its timeouts and pace apply). What neither does is written here: the pace per host (one request
at a time to a host, at least ``pace`` seconds apart, longer when robots.txt asks with
Crawl-delay) and the retry policy (a timeout, a connection error, 429 or 5xx is tried again after
0.5 s, 1 s, 2 s ...; a 4xx is an answer, not a failure to retry).
"""

from __future__ import annotations

import threading
import time
import urllib.robotparser
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

AGENT = "dateline-watch/1.0 (+https://github.com/dateline; news analysis)"
RETRIED = {429, 500, 502, 503, 504}


class FetchError(Exception):
    """A URL could not be fetched after the retries; the message names it and says why."""


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int
    body: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None

    @property
    def unchanged(self) -> bool:
        return self.status == 304


class Fetcher:
    """One HTTP client for all sources of a watcher, shared by its threads."""

    def __init__(
        self, pace: float = 1.0, timeout: float = 20.0, retries: int = 3, backoff: float = 0.5, robots: bool = True
    ):
        self.pace = pace
        self.retries = retries
        self.backoff = backoff
        self.robots = robots
        self.client = httpx.Client(
            timeout=timeout, follow_redirects=True, headers={"User-Agent": AGENT}, max_redirects=5
        )
        self._hosts: dict[str, threading.Lock] = {}
        self._next: dict[str, float] = {}
        self._rules: dict[str, tuple[float, urllib.robotparser.RobotFileParser | None]] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """The answer for ``url`` (304 when unchanged since ``etag``/``last_modified``); FetchError
        when robots.txt forbids it, or it stays unreachable or failing after the retries."""
        if not url.startswith(("http://", "https://")):
            raise FetchError(f"{url}: not an http(s) URL")
        if self.robots and not self.allowed(url):
            raise FetchError(f"{url}: disallowed by robots.txt")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        delay = self.backoff
        why = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(delay)
                delay *= 2
            try:
                with self._turn(url):
                    r = self.client.get(url, headers=headers)
            except httpx.HTTPError as exc:  # timeouts, refused connections, bad certificates
                why = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
                continue
            if r.status_code in RETRIED:
                why = f"HTTP {r.status_code}"
                continue
            if r.status_code >= 400:
                raise FetchError(f"{url}: HTTP {r.status_code}")
            return Fetched(
                str(r.url),
                r.status_code,
                r.content,
                r.headers.get("content-type"),
                r.headers.get("etag"),
                r.headers.get("last-modified"),
            )
        raise FetchError(f"{url}: {why} (tried {self.retries + 1} times)")

    def _turn(self, url: str):
        """Hold the host's turn: one request at a time, ``pace`` (or Crawl-delay) seconds apart."""
        host = urlsplit(url).netloc
        with self._lock:
            lock = self._hosts.setdefault(host, threading.Lock())
        return _Turn(self, host, lock)

    def _pace(self, host: str) -> float:
        rules = self._rules.get(host)
        delay = rules[1].crawl_delay(AGENT) if rules and rules[1] else None
        return max(self.pace, float(delay or 0))

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        host = parts.netloc
        with self._lock:
            cached = self._rules.get(host)
        if cached is None or time.monotonic() - cached[0] > 3600:
            parser: urllib.robotparser.RobotFileParser | None = urllib.robotparser.RobotFileParser()
            robots = f"{parts.scheme}://{host}/robots.txt"
            try:
                with self._turn(robots):
                    r = self.client.get(robots)
                if r.status_code >= 500:  # RFC 9309: a server error means disallow, for now
                    return False
                if r.status_code >= 400:  # no robots.txt: all allowed
                    parser = None
                else:
                    assert parser is not None
                    parser.parse(r.text.splitlines())
            except httpx.HTTPError:
                return False  # unreachable: try again next round
            cached = (time.monotonic(), parser)
            with self._lock:
                self._rules[host] = cached
        return cached[1] is None or cached[1].can_fetch(AGENT, url)


class _Turn:
    def __init__(self, fetcher: Fetcher, host: str, lock: threading.Lock):
        self.fetcher, self.host, self.lock = fetcher, host, lock

    def __enter__(self) -> None:
        self.lock.acquire()
        wait = self.fetcher._next.get(self.host, 0.0) - time.monotonic()
        if wait > 0:
            time.sleep(wait)

    def __exit__(self, *exc) -> None:
        self.fetcher._next[self.host] = time.monotonic() + self.fetcher._pace(self.host)
        self.lock.release()
