"""The tokenizer wrapper: spaCy's tokens wherever no run of text without whitespace is longer than
LONGEST; linear time, the text kept exactly, on runs longer than that."""

from __future__ import annotations

import time

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.tokenizer import LONGEST, LinearTokenizer, pieces


@pytest.fixture(scope="module")
def tokenizers():
    nlp = spacy.blank("en")
    return nlp.tokenizer, LinearTokenizer(nlp.tokenizer)


def _tokens(doc):
    return [(t.text, t.whitespace_, t.norm_) for t in doc]


@pytest.mark.parametrize(
    "text",
    [
        "Rockets struck a base in Anbar, the army said. “We will respond,” he said.",
        "He didn't say; the U.S. envoy can’t  \n\n confirm it (yet).",
        "See https://example.org/" + "a/" * 100 + " for more.",  # a 200-character URL stays one token
        "",
        "   ",
    ],
)
def test_text_without_a_long_run_is_tokenized_as_spacy_does(tokenizers, text):
    spacy_tok, ours = tokenizers
    assert _tokens(ours(text)) == _tokens(spacy_tok(text))


# Runs of a character spaCy splits off one by one (whitespace apart from words, which a run glued
# to them would join): cutting them anywhere changes no token, so the
# pieces must give spaCy's tokens exactly, whitespace and all, around and between the runs.
RUNS = ["“" * 300, "”" * 400, "(" * 270, '"' * 1000, "said", "the army", "Anbar.", "don't", "U.S."]


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(st.lists(st.tuples(st.sampled_from(RUNS), st.sampled_from([" ", "  ", "\n", " \n "])), max_size=8))
def test_long_punctuation_runs_give_spacys_tokens(tokenizers, parts):
    text = "".join(run + gap for run, gap in parts)
    spacy_tok, ours = tokenizers
    assert "".join(pieces(text)) == text
    assert _tokens(ours(text)) == _tokens(spacy_tok(text))


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(
    st.lists(st.one_of(st.text(max_size=20), st.sampled_from(["a" * 300, "“" * 500, "x/" * 200])), max_size=6).map(
        "".join
    )
)
def test_any_text_is_kept_exactly(tokenizers, text):
    doc = tokenizers[1](text)
    assert doc.text == text
    assert all(len(t.text) <= LONGEST for t in doc) or len(text.split()) and max(map(len, text.split())) <= LONGEST


@pytest.mark.parametrize("text", ["“" * 200_000, "(" * 100_000 + "x" + ")" * 100_000, "a" * 900_000])
def test_a_long_run_is_tokenized_in_linear_time(tokenizers, text):
    # spaCy alone: 4,000 “ took 2.8 s, 20,000 several minutes (O(n²)); here 200,000 take a few seconds
    t0 = time.process_time()
    doc = tokenizers[1](text)
    assert time.process_time() - t0 < 20
    assert doc.text == text
