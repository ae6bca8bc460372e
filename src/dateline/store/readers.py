"""Readers that keep their DuckDB file open between questions, and give it up when a writer asks.

DuckDB lets one process write a file or several read it, never both. Opening the file per request
(issue 21) lets a writer in between requests, but each request then starts with a cold buffer
cache: a question that takes 16 ms on a connection held open takes about 200 ms. So readers hold
their read-only connection, and writers ask for the file with a marker beside it:

1. a writer (a read-write ``Store(hold=False)``) creates ``FILE.write-wanted`` before it opens the
   file, touches it again while it waits for the lock, and removes it when it closes the file;
2. a reader (``SharedReader``) stats the marker before each question and every ``POLL`` seconds in
   a background thread; while it exists the reader closes its connection as soon as no question
   is using it, and opens the file per question instead (the old way: it waits for the writer);
3. when the marker is gone the next question opens the file again and keeps it.

A marker left by a writer that crashed costs only speed (readers open per question) until the next
writer of that file removes it, or someone deletes it.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

from .database import Store, default_wait, write_wanted
from .queries import Catalog

POLL = 0.05  # seconds between the idle reader's looks at the marker: a writer waits at most this long


class SharedReader:
    """One read-only connection to a DuckDB file, shared by a process's threads (a cursor each)
    and kept between questions; closed while a writer wants the file (see the module's doc)."""

    def __init__(self, path: str, poll: float = POLL, threads: int | None = None):
        self.path = path
        self.threads = threads
        self.poll = poll
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._catalog: Catalog | None = None
        self._users = 0
        self.opens = 0
        self._stop = threading.Event()
        self._watcher: threading.Thread | None = None

    @contextlib.contextmanager
    def catalog(self) -> Iterator[Catalog | None]:
        """The shared catalog for one question, or None while a writer wants the file (the caller
        then opens the file for this question alone)."""
        if write_wanted(self.path):
            self._close_if_idle()
            yield None
            return
        with self._lock:
            if self._catalog is None:
                self._open()
            self._users += 1
            cat = self._catalog
        try:
            yield cat
        finally:
            with self._lock:
                self._users -= 1
            if write_wanted(self.path):
                self._close_if_idle()

    def wanted(self) -> bool:
        """Whether a writer asks for the file now."""
        return write_wanted(self.path)

    def generation(self) -> int | None:
        """Which opening of the file the shared connection is (answers made through it stay true
        while it is open: no writer gets the file meanwhile); None while closed or asked for."""
        if self._catalog is None or write_wanted(self.path):
            return None
        return self.opens

    def _open(self) -> None:
        # hold=True: this store keeps the file; the wait covers a writer that took it before its marker
        self._store = Store(self.path, read_only=True, hold=True, wait=default_wait())
        # one DuckDB thread per query: the server's workers and their threads already use every
        # core, and more threads per query only make concurrent requests wait for each other
        if self.threads:
            self._store.con.execute(f"SET threads = {self.threads}")
        self._catalog = Catalog(self._store.con)  # a cursor per thread
        self.opens += 1
        if self._watcher is None:
            self._watcher = threading.Thread(target=self._watch, name="dateline-reader-watch", daemon=True)
            self._watcher.start()

    def _close_if_idle(self) -> None:
        with self._lock:
            if self._users == 0 and self._catalog is not None:
                self._close()

    def _close(self) -> None:
        catalog, store = self._catalog, self._store
        self._catalog = self._store = None
        if catalog is not None:
            catalog.close()
        if store is not None:
            store.close()

    def _watch(self) -> None:
        # an idle reader gets no question that would notice the marker: this thread does
        while not self._stop.wait(self.poll):
            if self._catalog is not None and write_wanted(self.path):
                self._close_if_idle()

    def close(self) -> None:
        self._stop.set()
        with self._lock:
            self._close()
