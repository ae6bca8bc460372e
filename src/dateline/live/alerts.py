"""Delivering alert hits: a line per hit appended to the alerts JSONL, and a POST of it to the
alert's webhook from a background thread (a timeout per try, retries with backoff), so a slow or
dead webhook never holds up the ingest. The hits themselves are recorded in the store first
(``store.live.match_alerts``): the page and a restart read them there. ``finished`` hands back
the hits whose delivery is over (written, and posted or given up on), for the watcher to mark them
delivered in the store; those not marked when a watcher stops are delivered again at its start."""

from __future__ import annotations

import json
import logging
import queue
import threading
import time
from pathlib import Path

import httpx

from ..store.live import AlertHit

log = logging.getLogger(__name__)


class Delivery:
    """Writes hits to ``path`` and posts them to their webhooks; ``close`` waits for what is queued
    (up to ``drain`` seconds)."""

    def __init__(self, path: str | Path | None, timeout: float = 5.0, retries: int = 3, backoff: float = 1.0):
        self.path = Path(path) if path else None
        self.timeout, self.retries, self.backoff = timeout, retries, backoff
        self.posted = 0
        self.failed = 0
        self._queue: queue.Queue[AlertHit | None] = queue.Queue(maxsize=10_000)
        self._done: list[AlertHit] = []
        self._done_lock = threading.Lock()
        self._thread = threading.Thread(target=self._post_all, name="dateline-webhooks", daemon=True)
        self._thread.start()

    def deliver(self, hits: list[AlertHit]) -> None:
        if not hits:
            return
        if self.path:
            with open(self.path, "a", encoding="utf-8") as fh:
                for h in hits:
                    fh.write(json.dumps(h.to_dict(), ensure_ascii=False) + "\n")
        for h in hits:
            if h.webhook:
                try:
                    self._queue.put_nowait(h)
                except queue.Full:  # a webhook down for days: the JSONL and the store still have it
                    self.failed += 1
                    log.warning("webhook queue full: alert %s on %s not posted", h.alert_id, h.article_id)
                    self._finish(h)
            else:
                self._finish(h)

    def _finish(self, hit: AlertHit) -> None:
        with self._done_lock:
            self._done.append(hit)

    def finished(self) -> list[AlertHit]:
        """The hits delivered since the last call (written, and posted or given up on)."""
        with self._done_lock:
            done, self._done = self._done, []
        return done

    def _post_all(self) -> None:
        with httpx.Client(timeout=self.timeout) as client:
            while (hit := self._queue.get()) is not None:
                self._post(client, hit)
                self._finish(hit)
                self._queue.task_done()
            self._queue.task_done()

    def _post(self, client: httpx.Client, hit: AlertHit) -> None:
        assert hit.webhook
        delay = self.backoff
        for attempt in range(self.retries + 1):
            try:
                r = client.post(hit.webhook, json=hit.to_dict())
                if r.status_code < 300:
                    self.posted += 1
                    return
                why = f"HTTP {r.status_code}"
            except httpx.HTTPError as exc:
                why = type(exc).__name__
            if attempt < self.retries:
                time.sleep(delay)
                delay *= 2
        self.failed += 1
        log.warning("webhook %s failed for alert %s (%s)", hit.webhook, hit.alert_id, why)

    def close(self, drain: float = 10.0) -> None:
        self._queue.put(None)
        self._thread.join(drain)
