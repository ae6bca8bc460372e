"""The corpus engine: articles stream in, worker processes analyze them, batches are committed.

Memory stays flat whatever the corpus size: articles are read lazily, at most
``2 × workers`` batches are in flight (a bounded window, as in ``concurrent.futures``
recipes for backpressure), and results are committed in the order the batches were sent,
each batch in one store transaction (articles, facts, near-duplicate and cross-article links).
Ingest is resumable: an article whose content hash is stored is skipped before analysis, so
running the same command again after a crash or a SIGKILL finishes the corpus, losing nothing
and storing nothing twice (only the batch in flight when it died is analyzed again).

Faults the run itself rides out: a worker process that dies (the OOM killer, a SIGKILL) is
replaced and its batches analysed again by a fresh pool; a store that is unavailable for a while
(a DuckDB file another process holds, a PostgreSQL server restarting) is retried with backoff for
``retry_for`` seconds. Anything else stops the run with an error naming the batch; the batches
before it are stored.
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
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TypeVar

from ..errors import DatelineError, InputError, StoreError, StoreUnavailable
from ..records import Article, Rejection, Report
from ..sources import Item
from ..store import Store, content_hash

log = logging.getLogger(__name__)

T = TypeVar("T")

RETRY_ENV = "DATELINE_RETRY_FOR"
RETRY_FOR = 60.0  # seconds an unavailable store is waited for, by default


class WorkerDied(DatelineError, BrokenProcessPool):
    """A worker process died (killed, out of memory) more often than the run replaces workers."""


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


def retry_window(seconds: float | None = None) -> float:
    """``seconds``, else ``$DATELINE_RETRY_FOR``, else 60."""
    if seconds is None:
        try:
            seconds = float(os.environ.get(RETRY_ENV, RETRY_FOR))
        except ValueError:
            seconds = RETRY_FOR
    return max(0.0, seconds)


def retrying(action: Callable[[], T], what: str, retry_for: float | None = None) -> T:
    """``action()``, tried again with exponential backoff (0.5 s doubling, at most 10 s apart)
    while it raises StoreUnavailable, for ``retry_for`` seconds; then the error says how long the
    store was waited for and what was being done."""
    window = retry_window(retry_for)
    deadline = time.monotonic() + window
    delay = 0.5
    while True:
        try:
            return action()
        except StoreUnavailable as exc:
            left = deadline - time.monotonic()
            if left <= 0:
                raise StoreUnavailable(f"the store stayed unavailable for {window:g} s while {what} ({exc})") from exc
            wait = min(delay, left, 10.0)
            log.warning("the store is unavailable while %s (%s); trying again in %.1f s", what, exc, wait)
            time.sleep(wait)
            delay *= 2


def open_store(path: str, read_only: bool = False, retry_for: float | None = None) -> Store:
    """The store at ``path``, waiting up to ``retry_for`` seconds while another process holds it.
    A DuckDB file is held only while a batch is checked or written (``hold=False``): the analysis
    runs with the file closed, so readers (``dateline serve``, queries) get it between batches."""
    return retrying(lambda: Store(path, read_only=read_only, hold=False), f"opening {path}", retry_for)


# -- worker side ---------------------------------------------------------------------------------
_worker_pipeline = None


def _init_worker(model: str | None, components: tuple[str, ...] | None, time_limit: float | None = None) -> None:
    # The parent decides when to stop: a worker ignores Ctrl-C so it never dies mid-batch with a
    # traceback of its own, and the parent cancels what is queued.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    global _worker_pipeline
    from ..pipeline import Pipeline

    _worker_pipeline = Pipeline(**pipeline_options(model, time_limit), components=components)
    warm(_worker_pipeline)


def pipeline_options(model: str | None, time_limit: float | None) -> dict:
    """Keyword arguments for a worker's Pipeline: ``time_limit`` None keeps the default, 0 is none."""
    options: dict = {"model": model} if model else {}
    if time_limit is not None:
        options["time_limit"] = time_limit or None
    return options


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


WARM_UP = Article(
    id="warm-up",
    published="2024-01-23",
    text=(
        "Militants kill 12 in Anbar\n\nBAGHDAD - Militants killed 12 people in an attack on a village in "
        'Anbar province on Tuesday, police said. "We will find them," the governor told reporters.'
    ),
)


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


def _analyze_batch(batch: list[Article]) -> list[Report | Rejection]:
    """Reports for a batch; an article that gave none comes back as a Rejection: what crosses
    the pool is records."""
    assert _worker_pipeline is not None, "_init_worker loads a worker's pipeline before its first batch"
    return [
        Rejection.of(item) if isinstance(item, InputError) else item
        for item in _worker_pipeline.analyze_items(batch, batch_size=len(batch) or 1)
    ]


# -- parent side ---------------------------------------------------------------------------------
class Ingest:
    """Analyze a stream of articles into a store with ``workers`` processes.

    ``pipeline`` (a loaded :class:`dateline.Pipeline`) is used in-process when ``workers`` is 1;
    with more workers each process loads its own from ``model``/``components``.
    """

    def __init__(
        self,
        store: Store,
        *,
        workers: int = 1,
        batch_size: int = 32,
        pipeline=None,
        model: str | None = None,
        components: tuple[str, ...] | None = None,
        on_reject: Callable[[InputError], None] | None = None,
        on_progress: Callable[[IngestStats], None] | None = None,
        recycle: int = 0,
        retry_for: float | None = None,
        worker_restarts: int = 2,
        time_limit: float | None = None,
    ):
        self.store = store
        self.workers = max(1, workers)
        self.batch_size = max(1, batch_size)
        self.pipeline = pipeline
        self.model = model
        self.components = components
        self.time_limit = time_limit  # for the workers' pipelines (None: the default, 0: none)
        self.on_reject = on_reject or (lambda e: log.warning("rejected %s", e))
        self.on_progress = on_progress or (lambda s: None)
        self.stats = IngestStats()
        # batches a worker analyses before it is replaced by a fresh one: spaCy's StringStore and
        # caches grow with every new word seen, so a very long run recycles to stay flat
        self.recycle = recycle
        self.retry_for = retry_window(retry_for)  # seconds an unavailable store is waited for
        # how many worker deaths a batch may be caught in before the run stops (0: stop at the first)
        self.worker_restarts = max(0, worker_restarts)

    def run(self, items: Iterable[Item]) -> IngestStats:
        start = time.perf_counter()
        try:
            if self.workers == 1:
                self._run_here(items)
            else:
                self._run_pool(items)
        finally:
            self.stats.seconds = time.perf_counter() - start
            log.info(
                "ingest finished: %d stored in %.1f s, %.1f s of it storing and linking",
                self.stats.new,
                self.stats.seconds,
                self.stats.store_seconds,
            )
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
        known = retrying(lambda: self.store.known_hashes(hashes), "checking which articles are stored", self.retry_for)
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

    def _commit(self, batch: list[Article], results: list[Report | Rejection | InputError | tuple[str, str]]) -> None:
        reports = []
        for art, r in zip(batch, results):  # results come in the batch's order
            if isinstance(r, InputError):  # analysed in this process
                self._reject(r)
            elif isinstance(r, Rejection):  # from a worker
                self._reject(r.error())
            elif isinstance(r, tuple):  # (origin, reason) from the Ray engine's actors
                self._reject(InputError(*r))
            else:
                reports.append((r, art.origin))
        if reports:
            t0 = time.perf_counter()
            added = self._store(reports)
            self.stats.store_seconds += time.perf_counter() - t0
            self.stats.new += added
            self.stats.seen += len(reports) - added
        self.stats.batches += 1
        log.info(
            "batch %d committed: %d articles stored in all this run, %d seen, %d rejected",
            self.stats.batches,
            self.stats.new,
            self.stats.seen,
            self.stats.failed,
        )
        self.on_progress(self.stats)

    def _store(self, reports: list[tuple[Report, str | None]]) -> int:
        """One batch into the store, retried while the store is unavailable (storing again is safe:
        what a lost acknowledgement stored already is skipped by its content hash)."""
        n = self.stats.batches + 1
        where = _span([origin or r.id for r, origin in reports])
        try:
            return retrying(lambda: self.store.add_reports(reports), f"storing batch {n} ({where})", self.retry_for)
        except StoreError as exc:
            before = (
                f"the {n - 1} batches before it ({self.stats.new} new articles this run) are stored"
                if n > 1
                else "nothing of this run was stored"
            )
            full = "no space left on device" in str(exc).lower()
            why = "no space left on device while storing" if full else "could not store"
            then = "free some disk space and run" if full else "run"
            kind = StoreUnavailable if isinstance(exc, StoreUnavailable) else StoreError
            raise kind(
                f"{why} batch {n} ({where}); {before}; {then} the same command again to finish. ({exc})"
            ) from exc

    def _run_here(self, items: Iterable[Item]) -> None:
        if self.pipeline is None:
            from ..pipeline import Pipeline

            self.pipeline = (
                Pipeline(self.model, self.components) if self.model else Pipeline(components=self.components)
            )
        warm(self.pipeline)
        for batch in self._batches(items):
            self._commit(batch, list(self.pipeline.analyze_items(batch, batch_size=len(batch))))

    def _run_pool(self, items: Iterable[Item]) -> None:
        # imports datasketch (and scipy) before the first commit needs it
        from ..link import duplicates

        duplicates.signature("warm up")
        # batches sent and not yet committed, in order: (number, articles, future or None when the
        # pool was broken at submission)
        window: deque[tuple[int, list[Article], Future | None]] = deque()
        self._deaths: dict[int, int] = {}  # batch number → worker deaths it was in flight for
        pool = self._pool()
        try:
            for n, batch in enumerate(self._batches(items), 1):
                window.append((n, batch, self._submit(pool, batch)))
                if len(window) >= 2 * self.workers:
                    pool = self._commit_first(window, pool)
            while window:
                pool = self._commit_first(window, pool)
        except BaseException:
            # Stop now rather than after the batches in flight: nothing of them is committed, and
            # the next run analyses them again.
            self._stop(pool, window)
            raise
        pool.shutdown(wait=True)

    def _pool(self) -> ProcessPoolExecutor:
        # spawn, not fork: the parent holds an open DuckDB connection and threads, which a forked
        # child must not inherit.
        self._procs: dict = {}
        return ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(self.model, self.components, self.time_limit),
            max_tasks_per_child=self.recycle or None,
        )

    def _submit(self, pool: ProcessPoolExecutor, batch: list[Article]) -> Future | None:
        try:
            future = pool.submit(_analyze_batch, batch)
        except BrokenProcessPool:  # a worker died since the last result: restarted at the next commit
            return None
        # the live workers, to tell later how one died (a copy: the executor drops the ones it replaces)
        self._procs = dict(getattr(pool, "_processes", None) or {})
        return future

    def _commit_first(self, window: deque, pool: ProcessPoolExecutor) -> ProcessPoolExecutor:
        """Commit the oldest batch in flight; when a worker has died, start a fresh pool and send
        the batches in flight to it again (nothing of them was committed)."""
        while True:
            n, batch, future = window[0]
            try:
                if future is None:
                    raise BrokenProcessPool("the pool was broken when the batch was sent")
                results = future.result()
                break
            except BrokenProcessPool as exc:
                how = self._death()
                numbers = [k for k, _, _ in window]
                span = f"batch {n} was" if len(numbers) == 1 else f"batches {numbers[0]}–{numbers[-1]} were"
                for k in numbers:
                    self._deaths[k] = self._deaths.get(k, 0) + 1
                worst = max(numbers, key=lambda k: (self._deaths[k], -k))
                times = self._deaths[worst]
                if times > self.worker_restarts:
                    again = f" (batch {worst} was in flight for all {times} deaths)" if times > 1 else ""
                    raise WorkerDied(
                        f"a worker process died ({how}) while {span} being analysed{again}; "
                        f"{self.stats.new} new articles of this run are stored; run the same command "
                        f"again to finish (with fewer --workers if memory is short)"
                    ) from exc
                log.warning(
                    "a worker process died (%s) while %s being analysed; starting fresh workers "
                    "and analysing them again",
                    how,
                    span,
                )
                self._stop(pool, ())
                pool = self._pool()
                sent = [(k, b, self._submit(pool, b)) for k, b, _ in window]
                window.clear()
                window.extend(sent)
        window.popleft()
        self._commit(batch, results)
        return pool

    def _death(self) -> str:
        """How a worker of the broken pool ended: the signal that killed it, or its exit code.
        (The executor terminates the other workers itself, with SIGTERM, after the first dies.)"""
        codes = [p.exitcode for p in self._procs.values() if p.exitcode not in (None, 0)]
        codes.sort(key=lambda c: c == -signal.SIGTERM)
        if not codes:
            return "cause unknown"
        if codes[0] < 0:
            try:
                name = signal.Signals(-codes[0]).name
            except ValueError:
                name = "a signal"
            return f"killed by {name}, signal {-codes[0]}"
        return f"exit code {codes[0]}"

    @staticmethod
    def _stop(pool: ProcessPoolExecutor, window: Iterable) -> None:
        for _, _, f in window:
            if f is not None:
                f.cancel()
        # The executor has no public terminate.
        for proc in list((getattr(pool, "_processes", None) or {}).values()):
            proc.terminate()
        pool.shutdown(wait=False, cancel_futures=True)


def _span(origins: list[str]) -> str:
    """'corpus.jsonl:25' or 'corpus.jsonl:25 … corpus.jsonl:28 (4 articles)'."""
    if len(origins) == 1:
        return origins[0]
    return f"{origins[0]} … {origins[-1]}, {len(origins)} articles"


def ingest(store: Store, items: Iterable[Item], **options) -> IngestStats:
    """Analyze ``items`` (articles or rejections, e.g. from :func:`dateline.ingest.read`) into ``store``."""
    return Ingest(store, **options).run(items)
