"""Hostile input: no crash, no hang past the per-article time limit, clear rejections, the batch goes on."""
from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from dateline import Pipeline, ingest
from dateline.errors import InputError
from dateline.records import Article, Report
from dateline.schema import check_offsets

GOOD = "Rockets struck a base in Anbar on Tuesday, the army said. “We will respond,” a spokesman said."


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(time_limit=20)


ADVERSARIAL = {
    "quotes": "“" * 20000 + GOOD + "”" * 20000,
    "straight quotes": '"' * 30000,
    "long token": "a" * 200000 + " said the army.",
    "controls": "The army\x07 said\x1b[31m rockets\x0b hit\x0c Anbar. " * 50,
    "rtl": "قال الجيش إن صواريخ أصابت قاعدة. The army said rockets hit the base in Anbar, officials said. " * 20,
    "nested parens": "(" * 5000 + "The army said" + ")" * 5000,
    "many numbers": " ".join(str(i) for i in range(20000)) + " killed",
    "one long sentence": ("the army said that " * 3000) + "rockets hit.",
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_text_is_analyzed_or_rejected_in_time(pipe, name):
    t0 = time.perf_counter()
    (item,) = list(pipe.analyze_items([Article(id=name, text=ADVERSARIAL[name], origin=name)]))
    assert time.perf_counter() - t0 < 60
    if isinstance(item, Report):
        assert check_offsets(item.to_dict()) == []
    else:
        assert isinstance(item, InputError) and item.origin == name and item.reason


def test_text_over_the_model_limit_is_rejected_and_the_batch_goes_on(pipe):
    big = Article(id="big", text="word " * (pipe.nlp.max_length // 5 + 10), origin="big.txt")
    items = list(pipe.analyze_items([big, Article(id="ok", text=GOOD)]))
    assert isinstance(items[0], InputError) and "too long to analyze" in items[0].reason
    assert isinstance(items[1], Report) and items[1].id == "ok"


def test_slow_article_is_stopped_at_the_time_limit(monkeypatch):
    p = Pipeline(components=("dateline_entities",), time_limit=1.0)
    proc = p.nlp.get_pipe("dateline_entities")
    real = type(proc).__call__

    def slow(self, doc):
        if "SLOW" in doc.text:
            time.sleep(5)
        return real(self, doc)

    monkeypatch.setattr(type(proc), "__call__", slow)
    t0 = time.perf_counter()
    items = list(p.analyze_items([Article(id="s", text="SLOW " + GOOD, origin="s.txt"), Article(id="f", text=GOOD)]))
    assert time.perf_counter() - t0 < 4
    assert isinstance(items[0], InputError) and "longer than" in items[0].reason
    assert isinstance(items[1], Report)


def test_failing_component_rejects_one_article_only(monkeypatch):
    p = Pipeline(components=("dateline_entities",))
    proc = p.nlp.get_pipe("dateline_entities")
    real = type(proc).__call__

    def boom(self, doc):
        if "BOOM" in doc.text:
            raise RuntimeError("synthetic failure")
        return real(self, doc)

    monkeypatch.setattr(type(proc), "__call__", boom)
    items = list(p.analyze_items([Article(id="a", text=GOOD), Article(id="b", text="BOOM " + GOOD, origin="b"),
                                  Article(id="c", text=GOOD + " More.")]))
    assert [type(i).__name__ for i in items] == ["Report", "InputError", "Report"]
    assert "synthetic failure" in items[1].reason


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=600))
def test_fuzz_analyze_random_text(pipe, text):
    (item,) = list(pipe.analyze_items([Article(id="fuzz", text=text, origin="fuzz")]))
    if isinstance(item, Report):
        assert check_offsets(item.to_dict()) == []


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_fuzz_readers_never_raise(tmp_path_factory, data):
    d = tmp_path_factory.mktemp("fuzz")
    for name in ("x.txt", "x.html", "x.jsonl"):
        (d / name).write_bytes(data)
        for item in ingest.read([str(d / name)]):
            assert isinstance(item, (Article, InputError))
