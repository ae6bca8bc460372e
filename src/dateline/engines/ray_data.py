"""The Ray engine: the corpus engine's per-article analysis as Ray Data batches across a cluster.

The driver (this process) does what the local engine's parent does: it reads the articles,
skips those whose content hash is stored, groups the rest into the same batches, and commits
each batch in one store transaction, in the order the batches were read. Only the analysis
moves: every batch is one row of a Ray Data dataset, mapped by a pool of actors that each load
the pipeline once (``map_batches`` with a callable class, the Ray Data idiom for stateful
models). The stored results therefore equal the local engine's, linked event ids included.

Batches travel pickled (articles there, reports and rejections back): records are frozen
dataclasses that pickle exactly and compactly, and Ray pickles whatever it moves anyway.

Memory stays bounded: the stream is cut into windows of ``window`` articles, one dataset each,
so neither the driver nor the object store ever holds the whole corpus. A window restarts the
actor pool (the pipeline loads again), hence windows of thousands of articles.

With a store every actor can open (``store_url``, PostgreSQL, whose writers take turns under a
lock) the actors commit their batches themselves, so storing and linking overlap the analysis
on every node rather than queue in the driver, which then only counts what they report. The
store then holds the same articles and facts; which linked event an id names follows the order
the batches were committed in. A DuckDB file has one writer: there the driver commits.

Ray Data calls an actor off its main thread, where no SIGALRM arrives: the per-article time limit
is enforced there by a watcher thread (see :mod:`dateline.deadline`), as are the length limits.
"""

from __future__ import annotations

import logging
import os
import pickle
import socket
import time
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from ..errors import DatelineError, InputError
from ..records import Article, Report
from ..store import Store
from .local import Ingest, IngestStats, Item, open_store, retrying, warm

log = logging.getLogger(__name__)

INSTALL = "the ray engine needs Ray: pip install 'dateline[ray]'"
OBJECT_STORE_MB = 768  # local instance: batches are small, and the default (30 % of RAM) is not


class RayUnavailable(DatelineError):
    """Ray is not installed, or the cluster cannot be reached."""


def _ray():
    try:
        import ray
        import ray.data  # ray[data], not just ray
    except ImportError as exc:
        raise RayUnavailable(f"{INSTALL} ({exc})") from exc
    return ray


def check() -> None:
    """Raise :class:`RayUnavailable` (saying what to install) unless Ray Data can be imported."""
    _ray()


def _reachable(address: str, timeout: float = 10.0) -> None:
    """Fail at once, saying so, when nothing listens at a ``host:port`` or ``ray://host:port``
    address: ray.init itself retries an unreachable head for minutes."""
    if address in ("auto", "local"):
        return  # Ray looks the local cluster up itself, and says when there is none
    host, _, port = address.removeprefix("ray://").rpartition(":")
    if not host or not port.isdigit():
        return
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=timeout).close()
    except OSError as exc:
        raise RayUnavailable(f"no Ray cluster answers at {address} ({exc})") from exc


@dataclass(frozen=True)
class Stored:
    """What an actor that commits its own batch sends back: counts and rejections."""

    added: int
    reports: int
    rejected: tuple[tuple[str, str], ...]


class _Analyzer:
    """One actor of the pool: loads the pipeline once (and opens the store, if it writes to it),
    then analyzes the batches it is sent."""

    def __init__(
        self,
        model: str | None,
        components: tuple[str, ...] | None,
        store_url: str | None = None,
        retry_for: float | None = None,
    ):
        from ..pipeline import Pipeline

        self.pipeline = Pipeline(model, components) if model else Pipeline(components=components)
        warm(self.pipeline)
        self.retry_for = retry_for
        self.store = open_store(store_url, retry_for=retry_for) if store_url else None

    def __call__(self, rows: dict) -> dict:
        return {"i": rows["i"], "results": [self.deliver(pickle.loads(b)) for b in rows["batch"]]}

    def analyze(self, batch: list[Article]) -> list[Report | tuple[str, str]]:
        # as the local engine's workers: a rejection is an (origin, reason) pair
        return [
            (r.origin, r.reason) if isinstance(r, InputError) else r
            for r in self.pipeline.analyze_items(batch, batch_size=len(batch) or 1)
        ]

    def deliver(self, batch: list[Article]) -> bytes:
        results = self.analyze(batch)
        store = self.store
        if store is None:
            return pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL)
        reports = [(r, a.origin) for a, r in zip(batch, results) if isinstance(r, Report)]
        what = f"storing {len(reports)} articles from {batch[0].origin or batch[0].id}"
        added = retrying(lambda: store.add_reports(reports), what, self.retry_for) if reports else 0
        stored = Stored(added, len(reports), tuple(r for r in results if isinstance(r, tuple)))
        return pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL)


class RayIngest(Ingest):
    """Analyze a stream of articles into ``store`` on a Ray cluster.

    ``address``: a running cluster (``"auto"``, ``"ray://head:10001"``, else ``$RAY_ADDRESS``);
    without one a local Ray instance with ``workers`` CPUs is started for this run and shut down
    after it. ``workers`` is the size of the actor pool (0: one actor per CPU of the cluster).
    ``store_url``: the URL of ``store`` when every actor can open it (PostgreSQL): the actors
    then commit their batches themselves.
    """

    def __init__(
        self,
        store: Store,
        *,
        address: str | None = None,
        workers: int = 0,
        window: int = 8192,
        object_store_mb: int = OBJECT_STORE_MB,
        store_url: str | None = None,
        **options,
    ):
        super().__init__(store, workers=workers or 1, **options)
        self.address = address or os.environ.get("RAY_ADDRESS") or None  # Ray's own convention
        self.store_url = store_url
        self.actors = workers  # 0: decided once connected
        self.window = max(1, window // self.batch_size)  # in batches
        self.object_store_mb = object_store_mb

    def run(self, items: Iterable[Item]) -> IngestStats:
        ray = _ray()
        start = time.perf_counter()
        started = self._connect(ray)
        try:
            if not self.actors:
                self.actors = max(1, int(ray.cluster_resources().get("CPU", 1)))
            batches = self._batches(items)
            while window := list(islice(batches, self.window)):
                self._run_window(ray, window)
        finally:
            if started:
                ray.shutdown()
            self.stats.seconds = time.perf_counter() - start
            log.info(
                "ingest finished: %d stored in %.1f s, %.1f s of it storing and linking",
                self.stats.new,
                self.stats.seconds,
                self.stats.store_seconds,
            )
        return self.stats

    def _connect(self, ray) -> bool:
        """Join the cluster, or start a local instance; True if this run started Ray."""
        if self.address is not None:
            _reachable(self.address)
        if ray.is_initialized():  # joined already (a notebook, the tests): use that
            self._quiet(ray)
            return False
        quiet = not log.isEnabledFor(logging.INFO)
        options: dict[str, Any] = {
            "include_dashboard": False,
            "log_to_driver": not quiet,
            "logging_level": logging.ERROR if quiet else logging.INFO,
        }
        if self.address is None:
            options.update(num_cpus=self.workers, object_store_memory=self.object_store_mb * 2**20)
        else:
            options.update(address=self.address)
        try:
            ray.init(**options)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise RayUnavailable(
                f"could not start or reach Ray{' at ' + self.address if self.address else ''}: {exc}"
            ) from exc
        self._quiet(ray)
        return True

    @staticmethod
    def _quiet(ray) -> None:
        ctx = ray.data.DataContext.get_current()
        ctx.enable_progress_bars = False  # our own progress bar, as with the local engine
        ctx.print_on_execution_start = False
        if not log.isEnabledFor(logging.INFO):  # Ray Data logs its progress where there is no terminal
            logging.getLogger("ray.data").setLevel(logging.ERROR)

    def _run_window(self, ray, window: list[list[Article]]) -> None:
        """Analyze a window of batches on the actor pool; commit each batch in order as it comes."""
        rows = [{"i": i, "batch": pickle.dumps(b, protocol=pickle.HIGHEST_PROTOCOL)} for i, b in enumerate(window)]
        ds = self._map(ray, ray.data.from_items(rows, override_num_blocks=len(rows)), len(rows))
        del rows
        done: dict[int, bytes] = {}  # results that came before an earlier batch's: committed in order
        following = 0
        for i, results in self._results(ds):
            done[i] = results
            while following in done:
                results = pickle.loads(done.pop(following))
                if isinstance(results, Stored):
                    self._count(results)
                else:
                    self._commit(window[following], results)
                window[following] = []  # committed: let it go
                following += 1
        if following != len(window):  # pragma: no cover - Ray lost a batch without raising
            raise RuntimeError(f"Ray returned {following} of {len(window)} batches")

    def _count(self, stored: Stored) -> None:
        """A batch an actor committed: the local engine's bookkeeping, without the storing."""
        for origin, reason in stored.rejected:
            self._reject(InputError(origin, reason))
        self.stats.new += stored.added
        self.stats.seen += stored.reports - stored.added
        self.stats.batches += 1
        log.info(
            "batch %d committed: %d articles stored in all this run, %d seen, %d rejected",
            self.stats.batches,
            self.stats.new,
            self.stats.seen,
            self.stats.failed,
        )
        self.on_progress(self.stats)

    def _map(self, ray, ds, batches: int):
        """The dataset of results: one actor per CPU (or ``workers``), each sent one batch at a time."""
        args = (self.model, self.components, self.store_url, self.retry_for)
        options = {
            "fn_constructor_args": args,
            "batch_size": 1,
            "batch_format": "numpy",
            "num_cpus": 1,
            "compute": ray.data.ActorPoolStrategy(size=min(self.actors, batches)),
        }
        if self.address is None:
            # On a cluster a lost node's actors are restarted (Ray Data's default). On the local
            # instance an actor dies of what would kill its successor too (memory): the run stops
            # and the next one resumes, as with the local engine; no restart also spares the
            # driver Ray's warning about restartable actors.
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message=".*ray_remote_args.* is deprecated")
                try:
                    return ds.map_batches(_Analyzer, **options, max_restarts=0)
                except TypeError:  # pragma: no cover - a Ray without remote arguments here
                    pass
        return ds.map_batches(_Analyzer, **options)

    @staticmethod
    def _results(ds) -> Iterator[tuple[int, bytes]]:
        for block in ds.iter_batches(batch_size=None, batch_format="numpy"):
            yield from zip((int(i) for i in block["i"]), block["results"])


def ingest(store: Store, items: Iterable[Item], **options) -> IngestStats:
    """Analyze ``items`` into ``store`` on Ray (see :class:`RayIngest` for the options)."""
    return RayIngest(store, **options).run(items)
