"""The per-article time limit, on the main thread (SIGALRM) and off it (Ray Data's actors)."""

from __future__ import annotations

import threading
import time

import pytest

from dateline.deadline import TimeLimitExceeded, time_limit
from dateline.errors import InputError
from dateline.records import Article


def busy() -> None:
    while True:
        sum(range(1000))


def in_thread(fn):
    out = {}

    def run():
        try:
            out["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            out["error"] = exc

    t = threading.Thread(target=run)
    t.start()
    t.join(timeout=60)
    assert not t.is_alive(), "the limit did not stop the work"
    return out


@pytest.mark.parametrize("where", ["main", "thread"])
def test_busy_work_stops_at_the_limit_with_a_message(where):
    def limited():
        t0 = time.monotonic()
        try:
            with time_limit(0.3):
                busy()
        except TimeLimitExceeded as exc:
            return str(exc), time.monotonic() - t0

    message, took = limited() if where == "main" else in_thread(limited)["value"]
    assert message == "took longer than 0.3 s" and 0.25 < took < 5


def test_off_the_main_thread_a_limit_that_ended_raises_nothing_later():
    def quick_then_sleep():
        with time_limit(0.2):
            sum(range(100))
        time.sleep(0.8)  # past the limit and its repeats: the watcher has stopped
        return "done"

    assert in_thread(quick_then_sleep) == {"value": "done"}


def test_a_pipeline_off_the_main_thread_rejects_an_article_past_its_limit(pipeline):
    from dateline.pipeline import Pipeline

    slow = Pipeline(time_limit=0.01)
    text = " ".join(["Officials said rockets struck the base on Tuesday, killing two soldiers."] * 400)
    out = in_thread(lambda: list(slow.analyze_items([Article(id="long", text=text)])))
    (item,) = out["value"]
    assert isinstance(item, InputError) and "took longer than" in str(item)
