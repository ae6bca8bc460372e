"""The corpus engine: articles stream in, worker processes analyze them, batches are committed.

Memory stays flat whatever the corpus size: articles are read lazily, at most
``2 × workers`` batches are in flight (a bounded window, as in ``concurrent.futures``
recipes for backpressure), and results are committed in the order the batches were sent,
each batch in one store transaction (articles, facts, near-duplicate and cross-article links).
Ingest is resumable: an article whose content hash is stored is skipped before analysis, so
running the same command again after a crash or a SIGKILL finishes the corpus, losing nothing
and storing nothing twice (only the batch in flight when it died is analyzed again).
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

from .errors import InputError
from .records import Article, Report
from .store import Store, content_hash

log = logging.getLogger(__name__)

Item = Article | InputError


@dataclass
class IngestStats:
    """What one ingest run did."""

    new: int = 0  # articles analyzed and stored
    seen: int = 0  # stored already (same content), skipped before analysis
    failed: int = 0  # rejected: unreadable input or an article a component failed on
    batches: int = 0
    seconds: float = 0.0
    store_seconds: float = 0.0  # spent storing and linking (in this process, while workers analyse)

    @property
    def done(self) -> int:
        return self.new + self.seen + self.failed

    @property
    def rate(self) -> float:
        """Articles analyzed per second."""
        return self.new / self.seconds if self.seconds else 0.0


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


# -- worker side ---------------------------------------------------------------------------------
_worker_pipeline = None


def _init_worker(model: str | None, components: tuple[str, ...] | None) -> None:
    # The parent decides when to stop: a worker ignores Ctrl-C so it never dies mid-batch with a
    # traceback of its own, and the parent cancels what is queued.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    global _worker_pipeline
    from .pipeline import Pipeline

    _worker_pipeline = Pipeline(**({"model": model} if model else {}), components=components)
    warm(_worker_pipeline)


def _die_with_parent() -> None:
    """On Linux, have the kernel kill this worker when the parent dies (even by SIGKILL), so a killed
    ingest leaves no worker analysing batches nobody will commit (prctl PR_SET_PDEATHSIG)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - another libc
        pass


WARM_UP = Article(id="warm-up", published="2024-01-23", text=(
    "Militants kill 12 in Anbar\n\nBAGHDAD - Militants killed 12 people in an attack on a village in "
    "Anbar province on Tuesday, police said. \"We will find them,\" the governor told reporters."))


def warm(pipeline) -> None:
    """Analyze one short article so that lazily loaded resources (gazetteer, lexicons) are loaded
    before the first real batch, outside its per-article time limit."""
    limit = getattr(pipeline, "time_limit", None)
    try:
        pipeline.time_limit = None
        list(pipeline.analyze_items([WARM_UP]))
    finally:
        if limit is not None:
            pipeline.time_limit = limit


def _analyze_batch(batch: list[Article]) -> list[Report | tuple[str, str]]:
    """Reports for a batch; a failure is an (origin, reason) pair (InputError does not pickle)."""
    out: list[Report | tuple[str, str]] = []
    for item in _worker_pipeline.analyze_items(batch, batch_size=len(batch) or 1):
        out.append((item.origin, item.reason) if isinstance(item, InputError) else item)
    return out


# -- parent side ---------------------------------------------------------------------------------
class Ingest:
    """Analyze a stream of articles into a store with ``workers`` processes.

    ``pipeline`` (a loaded :class:`dateline.Pipeline`) is used in-process when ``workers`` is 1;
    with more workers each process loads its own from ``model``/``components``.
    """

    def __init__(self, store: Store, *, workers: int = 1, batch_size: int = 32, pipeline=None,
                 model: str | None = None, components: tuple[str, ...] | None = None,
                 on_reject: Callable[[InputError], None] | None = None,
                 on_progress: Callable[[IngestStats], None] | None = None, recycle: int = 0):
        self.store = store
        self.workers = max(1, workers)
        self.batch_size = max(1, batch_size)
        self.pipeline = pipeline
        self.model = model
        self.components = components
        self.on_reject = on_reject or (lambda e: log.warning("rejected %s", e))
        self.on_progress = on_progress or (lambda s: None)
        self.stats = IngestStats()
        # batches a worker analyses before it is replaced by a fresh one: spaCy's StringStore and
        # caches grow with every new word seen, so a very long run recycles to stay flat
        self.recycle = recycle

    def run(self, items: Iterable[Item]) -> IngestStats:
        start = time.perf_counter()
        try:
            if self.workers == 1:
                self._run_here(items)
            else:
                self._run_pool(items)
        finally:
            self.stats.seconds = time.perf_counter() - start
            log.info("ingest finished: %d stored in %.1f s, %.1f s of it storing and linking",
                     self.stats.new, self.stats.seconds, self.stats.store_seconds)
        return self.stats

    # batches of articles not stored yet; rejections are reported as they come
    def _batches(self, items: Iterable[Item]) -> Iterator[list[Article]]:
        batch: list[Article] = []
        queued: set[str] = set()  # hashes sent in this run: a corpus may hold the same text twice
        for item in items:
            if isinstance(item, InputError):
                self._reject(item)
                continue
            batch.append(item)
            if len(batch) >= self.batch_size:
                yield from self._fresh(batch, queued)
                batch = []
        if batch:
            yield from self._fresh(batch, queued)

    def _fresh(self, batch: list[Article], queued: set[str]) -> Iterator[list[Article]]:
        hashes = [content_hash(a.text) for a in batch]
        known = self.store.known_hashes(hashes)
        fresh = []
        for art, h in zip(batch, hashes):
            if h in known or h in queued:
                self.stats.seen += 1
            else:
                queued.add(h)
                fresh.append(art)
        if len(queued) > 100_000:  # bounded: the store answers for what was committed
            queued.clear()
        if fresh:
            yield fresh
        else:
            self.on_progress(self.stats)

    def _reject(self, e: InputError) -> None:
        self.stats.failed += 1
        self.on_reject(e)

    def _commit(self, batch: list[Article], results: list[Report | tuple[str, str] | InputError]) -> None:
        reports = []
        for art, r in zip(batch, results):  # results come in the batch's order
            if isinstance(r, InputError):
                self._reject(r)
            elif isinstance(r, tuple):
                self._reject(InputError(*r))
            else:
                reports.append((r, art.origin))
        if reports:
            t0 = time.perf_counter()
            added = self.store.add_reports(reports)
            self.stats.store_seconds += time.perf_counter() - t0
            self.stats.new += added
            self.stats.seen += len(reports) - added
        self.stats.batches += 1
        log.info("batch %d committed: %d articles stored in all this run, %d seen, %d rejected",
                 self.stats.batches, self.stats.new, self.stats.seen, self.stats.failed)
        self.on_progress(self.stats)

    def _run_here(self, items: Iterable[Item]) -> None:
        if self.pipeline is None:
            from .pipeline import Pipeline

            self.pipeline = Pipeline(**({"model": self.model} if self.model else {}), components=self.components)
        warm(self.pipeline)
        for batch in self._batches(items):
            self._commit(batch, list(self.pipeline.analyze_items(batch, batch_size=len(batch))))

    def _run_pool(self, items: Iterable[Item]) -> None:
        # spawn, not fork: the parent holds an open DuckDB connection and threads, which a forked
        # child must not inherit.
        ctx = multiprocessing.get_context("spawn")
        from .link import duplicates  # imports datasketch (and scipy): here, while the workers start

        duplicates.signature("warm up")
        window: deque[tuple[list[Article], Future]] = deque()
        pool = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init_worker,
                                   initargs=(self.model, self.components), max_tasks_per_child=self.recycle or None)
        try:
            for batch in self._batches(items):
                window.append((batch, pool.submit(_analyze_batch, batch)))
                if len(window) >= 2 * self.workers:
                    sent, future = window.popleft()
                    self._commit(sent, future.result())
            while window:
                sent, future = window.popleft()
                self._commit(sent, future.result())
        except BaseException:
            for _, f in window:
                f.cancel()
            # Stop now rather than after the batches in flight: nothing of them is committed, and
            # the next run analyses them again. (The executor has no public terminate.)
            for proc in list(getattr(pool, "_processes", {}).values()):
                proc.terminate()
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown(wait=True)


def ingest(store: Store, items: Iterable[Item], **options) -> IngestStats:
    """Analyze ``items`` (articles or rejections, e.g. from :func:`dateline.ingest.read`) into ``store``."""
    return Ingest(store, **options).run(items)
