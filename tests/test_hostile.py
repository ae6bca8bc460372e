"""Hostile input: no crash, no hang past the per-article time limit, clear rejections, the batch goes on."""

from __future__ import annotations

import os
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline import Pipeline
from dateline.deadline import TIME_LIMIT
from dateline.errors import InputError
from dateline.records import Article, Report
from dateline.schema import check_offsets
from fuzz_summary import case, count, fuzz_summary, reached  # noqa: F401 - the autouse fixture prints the summary

GOOD = "Rockets struck a base in Anbar on Tuesday, the army said. “We will respond,” a spokesman said."


# The per-article limit the adversarial texts run under (the default, 30 s, unless set), and what a
# text may take past it: a single C call (one matrix product over a long doc) ends before the alarm.
LIMIT = float(os.environ.get("DATELINE_HOSTILE_TIME_LIMIT", TIME_LIMIT))
MARGIN = 20.0


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(time_limit=LIMIT)


def _mixed_quotes(n: int) -> str:
    return "".join('“”"‘’«»'[(i * 7 + i // 3) % 7] for i in range(n))


ADVERSARIAL = {
    "quotes": "“" * 20000 + GOOD + "”" * 20000,
    "straight quotes": '"' * 30000,
    "a million quotation marks, mixed": _mixed_quotes(999_000) + GOOD,
    "half a million curly quotes each side": "“" * 499_000 + GOOD + "”" * 499_000,
    "long token": "a" * 200000 + " said the army.",
    "a token of a million characters": "a" * 1_000_000,
    "a token over the length limit": "a" * 1_000_001,
    "controls": "The army\x07 said\x1b[31m rockets\x0b hit\x0c Anbar. " * 50,
    "rtl": "قال الجيش إن صواريخ أصابت قاعدة. The army said rockets hit the base in Anbar, officials said. " * 20,
    "bidi controls": (
        "\u202eThe army said\u202c rockets hit \u2067Anbar\u2069 on Tuesday. \u202dהצבא אמר\u202c "
        "“We will respond,”\u200f a spokesman said. "
    )
    * 200,
    "zero-width characters": "The\u200b army\u200c said\u200d rockets\ufeff hit\u2060 Anbar\u200b. " * 300,
    "lone surrogates": (b"The army said " + b"\xff\xfe" * 100 + b" rockets hit the base.").decode(
        "utf-8", "surrogateescape"
    ),
    "emoji": "💥🔥 The army 👮 said rockets 🚀 hit Anbar 🇮🇶 on Tuesday. “We will respond 💪,” he said. " * 300,
    "a hundred thousand newlines": GOOD + "\n" * 100_000 + GOOD,
    "nested parens": "(" * 5000 + "The army said" + ")" * 5000,
    "nested brackets": "([{" * 5000 + GOOD + "}])" * 5000,
    "many numbers": " ".join(str(i) for i in range(20000)) + " killed",
    "huge numbers": "9" * 400 + " troops were killed and " + "1" * 5000 + " wounded, the army said. " + GOOD,
    "one long sentence": ("the army said that " * 3000) + "rockets hit.",
    "said after every quote": "“We will respond,” said the spokesman. " * 3000,
}
# what must come out: a report (the text is news, however odd) or a rejection saying why
EXPECTED = {
    "a token over the length limit": "too long to analyze",
    "lone surrogates": "not valid Unicode",
    "a million quotation marks, mixed": ("too many tokens", "longer than"),
    "half a million curly quotes each side": ("too many tokens", "longer than"),
    "huge numbers": Report,
    "emoji": Report,
    "zero-width characters": Report,
    "bidi controls": Report,
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_text_is_analyzed_or_rejected_in_time(pipe, name):
    t0 = time.perf_counter()
    try:
        (item,) = list(pipe.analyze_items([Article(id=name, text=ADVERSARIAL[name], origin=name)]))
        spent = time.perf_counter() - t0
        assert spent < LIMIT + MARGIN, f"{name}: {spent:.1f} s"
        if isinstance(item, Report):
            assert check_offsets(item.to_dict()) == []
            reached("analyze: adversarial texts")
        else:
            assert isinstance(item, InputError) and item.origin == name and item.reason
        want = EXPECTED.get(name)
        if want is Report:
            assert isinstance(item, Report), item
        elif want:
            assert isinstance(item, InputError) and any(
                w in item.reason for w in ((want,) if isinstance(want, str) else want)
            ), item
    except BaseException:
        count("analyze: adversarial texts", failed=True, seconds=time.perf_counter() - t0)
        raise
    count("analyze: adversarial texts", seconds=spent)


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
    items = list(
        p.analyze_items(
            [
                Article(id="a", text=GOOD),
                Article(id="b", text="BOOM " + GOOD, origin="b"),
                Article(id="c", text=GOOD + " More."),
            ]
        )
    )
    assert [type(i).__name__ for i in items] == ["Report", "InputError", "Report"]
    assert "synthetic failure" in items[1].reason


PIECES = [
    "“",
    "”",
    '"',
    "‘",
    "’",
    "«",
    "»",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    " said ",
    " told reporters ",
    "according to ",
    "The army",
    " Anbar ",
    "\u202e",
    "\u202c",
    "\u2067",
    "\u200b",
    "\u200f",
    "\ufeff",
    "\x07",
    "\x00",
    "\x1b",
    "\n",
    "\n\n",
    "\t",
    "💥",
    "🇮🇶",
    "قال",
    "הצבא",
    "10",
    "1,000",
    "9" * 60,
    "-",
    "—",
    ". ",
    "a" * 300,
]
adversarial_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=80).map("".join)


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.one_of(st.text(max_size=600), adversarial_text))
def test_fuzz_analyze_random_text(pipe, text):
    with case("analyze: random text", LIMIT + MARGIN):
        (item,) = list(pipe.analyze_items([Article(id="fuzz", text=text, origin="fuzz")]))
        if isinstance(item, Report):
            assert check_offsets(item.to_dict()) == []
        else:
            assert isinstance(item, InputError) and item.origin == "fuzz" and item.reason
    if isinstance(item, Report):
        reached("analyze: random text")


@pytest.mark.parametrize(
    "limit, code, said",
    [
        ("0.001", 1, "took longer than 0.001 s"),  # every article runs past a millisecond: rejected, named
        ("0", 0, ""),  # no limit
        ("-1", 2, "--time-limit"),
    ],
)
def test_cli_analyze_time_limit(tmp_path, limit, code, said):
    from typer.testing import CliRunner

    from dateline.cli import app

    path = tmp_path / "a.txt"
    path.write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(path), "--time-limit", limit, "--format", "jsonl"])
    assert result.exit_code == code, result.output
    assert said in result.output
    if code == 1:
        assert f"rejected {path}" in result.output


def test_quotes_component_is_linear_in_quotations(pipe):
    # 1,500 attributed quotations: the component took ~4 s of CPU when each cue scanned every
    # quotation and every kept attribution (16 s for 3,000); linear, it takes a fraction of one
    from dateline import nlp as _nlp

    text = "“We will respond,” said the spokesman. " * 1500
    model = [n for n in pipe.nlp.pipe_names if not n.startswith("dateline_")]
    with pipe.nlp.select_pipes(enable=model):
        doc = pipe.nlp(_nlp.make_doc(pipe.nlp, Article(id="q", text=text)))
    t0 = time.process_time()
    doc = pipe.nlp.get_pipe("dateline_quotes")(doc)
    assert time.process_time() - t0 < 2.0
    assert len(doc._.dateline_quotes) == 1500
