"""Fuzz bookkeeping for the hostile-input tests: cases tried per target, a per-case time limit,
and a summary at the end of the pytest run (so CI's output says how many cases were tried).

The summary is a plugin object registered at run time by the test modules' fixture (hooks in a
test module are not collected); it also goes to tests/artifacts/fuzz-summary.json.
"""

from __future__ import annotations

import json
import signal
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import pytest

TRIED: Counter[str] = Counter()
FAILED: Counter[str] = Counter()
SECONDS: Counter[str] = Counter()
ARTICLES: Counter[str] = Counter()  # cases that got as far as an article, not only rejections
ARTIFACT = Path(__file__).parent / "artifacts" / "fuzz-summary.json"
PLUGIN = "dateline-fuzz-summary"


class Hang(BaseException):
    """A case ran past its time limit. A BaseException, so that a reader's ``except Exception``
    (which turns library errors into rejections) cannot hide a hang as a rejection."""


@contextmanager
def case(target: str, limit: float = 30.0):
    """One fuzz case of ``target``: counted, timed, failed (with Hang) past ``limit`` seconds."""

    def fire(signum, frame):
        raise Hang(f"{target}: one case ran past {limit:g} s")

    TRIED[target] += 1
    previous = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, limit)
    t0 = time.perf_counter()
    try:
        yield
    except BaseException:
        FAILED[target] += 1
        raise
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        SECONDS[target] += time.perf_counter() - t0


def count(target: str, failed: bool = False, seconds: float = 0.0) -> None:
    """Count a case run without ``case`` (one that sets its own time limit)."""
    TRIED[target] += 1
    FAILED[target] += failed
    SECONDS[target] += seconds


def reached(target: str) -> None:
    """Note that a case of ``target`` got through to an article (or a report)."""
    ARTICLES[target] += 1


class _Summary:
    def pytest_terminal_summary(self, terminalreporter):
        if not TRIED:
            return
        tr = terminalreporter
        tr.write_sep("-", "hostile input: fuzz cases tried")
        for target in sorted(TRIED):
            tr.write_line(
                f"{target:<34} {TRIED[target]:>5} cases  {ARTICLES[target]:>5} analyzed  "
                f"{FAILED[target]:>3} failed  {SECONDS[target]:7.1f} s"
            )
        total, failed = sum(TRIED.values()), sum(FAILED.values())
        tr.write_line(f"fuzz: {total} cases tried over {len(TRIED)} targets, {failed} failed")
        try:
            ARTIFACT.parent.mkdir(exist_ok=True)
            ARTIFACT.write_text(
                json.dumps(
                    {
                        "cases": total,
                        "failed": failed,
                        "targets": {
                            t: {
                                "cases": TRIED[t],
                                "analyzed": ARTICLES[t],
                                "failed": FAILED[t],
                                "seconds": round(SECONDS[t], 1),
                            }
                            for t in sorted(TRIED)
                        },
                    },
                    indent=1,
                )
                + "\n",
                encoding="utf-8",
            )
        except OSError:
            pass


@pytest.fixture(scope="module", autouse=True)
def fuzz_summary(request):
    """Autouse in the modules that import it: registers the end-of-run summary once."""
    manager = request.config.pluginmanager
    if not manager.has_plugin(PLUGIN):
        manager.register(_Summary(), PLUGIN)
    yield
