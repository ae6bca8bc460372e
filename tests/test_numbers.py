"""Counts as news writes them, read by the one module (``resolve.numbers``) the quantities and the claims share."""

import pytest

from dateline.claims import claim as claims
from dateline.claims import disputes
from dateline.records import Span, Speaker
from dateline.resolve import numbers


# text → (modifier, value, vague): the modifier as ``modifier_before`` reads it, the number as ``read_number`` does,
# and a vague plural bounded below as the quantities component and the claims bound it.
@pytest.mark.parametrize(
    "text, modifier, value, vague",
    [
        ("dozens", "at least", 12, True),
        ("scores", "at least", 20, True),
        ("hundreds", "at least", 100, True),
        ("thousands", "at least", 1000, True),
        ("tens of thousands", "at least", 10_000, True),
        ("hundreds of thousands", "at least", 100_000, True),
        ("at least 21", "at least", 21, False),
        ("more than 1,000", "more than", 1000, False),
        ("two dozen", None, 24, False),
        ("a dozen", None, 12, False),
        ("nearly a dozen", "nearly", 12, False),
        ("some dozens", "around", 12, True),
        ("twenty-five", None, 25, False),
        ("1.5 million", None, 1_500_000, False),
    ],
)
def test_read(text, modifier, value, vague):
    low = text.split()
    mod, start = None, 0  # the modifier: the longest opening of the text ``modifier_before`` reads as one
    for i in (3, 2, 1):
        found, begin = numbers.modifier_before(low, i)
        if found is not None and begin == 0:
            mod, start = found, i
            break
    num = numbers.read_number(low[start:])
    assert num is not None and num.used == len(low) - start
    if mod is None and num.vague:
        mod = numbers.VAGUE_MODIFIER
    assert (mod, num.value, num.vague) == (modifier, value, vague)


@pytest.mark.parametrize(
    "word, value, vague",
    [
        ("dozens", 12, True),
        ("scores", 20, True),
        ("hundreds", 100, True),
        ("dozen", 12, False),
        ("hundred", 100, False),
    ],
)
def test_read_word(word, value, vague):
    num = numbers.read_word(word)
    assert num is not None and (num.value, num.vague) == (value, vague)


def test_claims_read_every_number_word_there():
    assert all(numbers.read_word(w) is not None for w in claims.NUMBER_WORDS)


# The claims read a count as the quantities do: "dozens" is at least 12, not exactly 24.
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Dozens of people were killed in the strike", [(12, "killed", "at least", "Dozens")]),
        (
            "hundreds of thousands of people were displaced",
            [(100_000, "displaced", "at least", "hundreds of thousands")],
        ),
        ("scores were killed", [(20, "killed", "at least", "scores")]),
        ("nearly dozens were killed", [(12, "killed", "around", "dozens")]),
        ("a dozen soldiers were killed", [(12, "killed", None, "dozen")]),
    ],
)
def test_claim_numbers(text, expected):
    got = [(q.value, q.unit, q.modifier, text[q.start : q.end]) for q in claims.numbers(text)]
    assert got == expected


def _claim(who, content):
    sp = Speaker(who, 0, len(who), who)
    return claims.make(Span(0, len(content), content), sp, cue="said")


@pytest.mark.parametrize(
    "a, b, contradicts",
    [
        (
            "Dozens of people were killed in the strike on the school",
            "12 people were killed in the strike on the school",
            False,
        ),
        (
            "Dozens of people were killed in the strike on the school",
            "30 people were killed in the strike on the school",
            False,
        ),
        (
            "Dozens of people were killed in the strike on the school",
            "3 people were killed in the strike on the school",
            True,
        ),
        (
            "Hundreds of people were killed in the strike on the school",
            "150 people were killed in the strike on the school",
            False,
        ),
    ],
)
def test_vague_count_is_a_lower_bound_in_disputes(a, b, contradicts):
    found = disputes.compare(_claim("Health ministry", a), _claim("Army", b))
    assert (found is not None and found.type == "numeric") == contradicts
