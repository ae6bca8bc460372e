"""A time limit on a stretch of work: one article's analysis, one page's HTML extraction.

SIGALRM interrupts pure-Python work and C code that calls back into Python (regex, lxml's
parser between tags); a single long C call (one matrix product) ends before the alarm is seen.
Limits nest: an inner limit never outlives an outer one, and the outer one is re-armed after it.
Past the limit the alarm repeats every ``REPEAT`` seconds, since libraries that catch every
Exception (trafilatura does, in its fallbacks) would otherwise swallow the one raise.
Off the main thread (Ray Data calls the analysis there) no signal reaches the work, so a timer
thread raises the exception in it instead (``PyThreadState_SetAsyncExc``; CPython has no other way
to interrupt another thread), seen at its next bytecode, and repeated the same way.
"""

from __future__ import annotations

import ctypes
import signal
import threading
import time
from contextlib import contextmanager

TIME_LIMIT = 30.0  # seconds one article may take (the default of every limit on one article)
REPEAT = 0.5


class TimeLimitExceeded(Exception):
    pass


@contextmanager
def time_limit(seconds: float | None, of: float | None = None):
    """Raise TimeLimitExceeded in the block after ``seconds`` (None or 0: no limit). ``of``: the
    whole limit that ``seconds`` is what is left of, for the message."""
    if not seconds:
        yield
        return
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        with _thread_limit(seconds, of):
            yield
        return
    outer, outer_repeat = signal.getitimer(signal.ITIMER_REAL)
    if outer and outer <= seconds:  # an enclosing limit ends first and rules
        yield
        return

    def fire(signum, frame):
        raise TimeLimitExceeded(f"took longer than {of or seconds:g} s")

    previous = signal.signal(signal.SIGALRM, fire)
    t0 = time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - t0), 0.001), outer_repeat)


@contextmanager
def _thread_limit(seconds: float, of: float | None):
    """The limit for a block running off the main thread: a watcher thread raises in it."""
    target = ctypes.c_ulong(threading.get_ident())
    done = threading.Event()
    armed = threading.Event()
    lock = threading.Lock()

    def watch() -> None:
        # not before the target is back from ``watcher.start()``: an exception raised inside
        # threading's own bookkeeping there broke it (a KeyError in place of the limit, seen on a
        # loaded machine with a 0.01 s limit)
        armed.wait()
        wait = seconds
        while not done.wait(wait):
            with lock:
                if done.is_set():
                    return
                ctypes.pythonapi.PyThreadState_SetAsyncExc(target, ctypes.py_object(TimeLimitExceeded))
            wait = REPEAT

    watcher = threading.Thread(target=watch, name="dateline-time-limit", daemon=True)
    watcher.start()
    armed.set()
    try:
        yield
    except TimeLimitExceeded as exc:
        if exc.args:
            raise
        raise TimeLimitExceeded(f"took longer than {of or seconds:g} s") from None
    finally:
        with lock:
            done.set()
            ctypes.pythonapi.PyThreadState_SetAsyncExc(target, None)  # one raised too late is dropped
