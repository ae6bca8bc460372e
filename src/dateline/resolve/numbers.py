"""Numbers as news writes them: "2,500", "1.5 million", "twenty-five", "a dozen", "dozens".

Pure functions over lower-cased word lists (no spaCy), so the quantities component and
anyone else can read a count. ``read_number`` consumes the longest number at the start of
a word list and says how many words it used.

Vague plurals follow the ACLED codebook convention for fatality counts ("dozens" → 12,
"hundreds" → 100, "several"/"many" are not counted), read as lower bounds ("at least").
``modifier_before`` reads the words that bound or soften a count ("at least", "nearly").
``read_word`` reads one word alone, for readers that take number words one at a time (claims).
This is the one table of number words: the quantities component and the claims read counts here.
"""

from __future__ import annotations

import re
from typing import NamedTuple

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {
    "hundred": 100,
    "thousand": 1000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "dozen": 12,
}
# Abbreviated scales written onto digits: "2bn", "3m", "10k".
SUFFIXES = {"bn": 1_000_000_000, "b": 1_000_000_000, "m": 1_000_000, "mn": 1_000_000, "k": 1000}
# ACLED codebook: "dozens" → 12, "hundreds" → 100; the rest by the same lower-bound reading.
VAGUE = {
    "dozens": 12,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1000,
    "millions": 1_000_000,
    "billions": 1_000_000_000,
}

# Words before a number that bound or soften it, longest first, mapped to one spelling.
MODIFIERS: dict[tuple[str, ...], str] = {
    ("no", "fewer", "than"): "at least",
    ("no", "less", "than"): "at least",
    ("no", "more", "than"): "at most",
    ("in", "excess", "of"): "more than",
    ("as", "many", "as"): "up to",
    ("as", "few", "as"): "at least",
    ("just", "over"): "more than",
    ("just", "under"): "nearly",
    ("more", "than"): "more than",
    ("greater", "than"): "more than",
    ("upwards", "of"): "more than",
    ("fewer", "than"): "less than",
    ("less", "than"): "less than",
    ("at", "least"): "at least",
    ("at", "most"): "at most",
    ("up", "to"): "up to",
    ("close", "to"): "nearly",
    ("an", "estimated"): "around",
    ("nearly",): "nearly",
    ("almost",): "nearly",
    ("about",): "around",
    ("around",): "around",
    ("approximately",): "around",
    ("roughly",): "around",
    ("some",): "around",
    ("estimated",): "around",
    ("over",): "more than",
    ("above",): "more than",
    ("under",): "less than",
    ("below",): "less than",
    ("between",): "between",
}
# ACLED: a vague plural ("dozens killed") is read as its lower bound, unless a modifier says otherwise.
VAGUE_MODIFIER = "at least"

_DIGITS = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(bn|mn|b|m|k)?$")


class Number(NamedTuple):
    value: int | float
    used: int  # words consumed
    vague: bool  # "dozens", "hundreds of thousands": a lower bound, not a count


def _tidy(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 6)


def digits(word: str) -> int | float | None:
    """ "2,500" → 2500, "1.5" → 1.5, "2bn" → 2000000000; None when the word is not a number."""
    m = _DIGITS.match(word)
    if not m:
        return None
    whole, frac, suffix = m.groups()
    if "," not in whole and len(whole) > 1 and whole.startswith("0"):
        return None  # "0800" is a clock time, "007" a code
    value = float(whole.replace(",", "") + (frac or ""))
    if suffix:
        value *= SUFFIXES[suffix]
    return _tidy(value)


def _word_value(words: list[str], i: int) -> tuple[int, int] | None:
    """ "twenty" "-" "five" → (25, 3); "seven" → (7, 1)."""
    w = words[i] if i < len(words) else ""
    if w in UNITS:
        return UNITS[w], 1
    if w in TENS:
        if i + 2 < len(words) and words[i + 1] == "-" and words[i + 2] in UNITS and UNITS[words[i + 2]] < 10:
            return TENS[w] + UNITS[words[i + 2]], 3
        if "-" in w:
            return None
        return TENS[w], 1
    if "-" in w:  # "twenty-five" kept whole by some tokenizers
        head, _, tail = w.partition("-")
        if head in TENS and tail in UNITS and UNITS[tail] < 10:
            return TENS[head] + UNITS[tail], 1
    return None


def read_number(words: list[str]) -> Number | None:
    """The longest number at the start of ``words`` (lower-cased tokens), or None.

    >>> read_number(["1.5", "million", "people"])
    Number(value=1500000, used=2, vague=False)
    >>> read_number(["tens", "of", "thousands", "of", "people"])
    Number(value=10000, used=3, vague=True)
    """
    if not words:
        return None
    w0 = words[0]
    # Vague plurals: "dozens", "hundreds of thousands", "tens of thousands".
    if w0 in VAGUE or w0 == "tens":
        base = VAGUE.get(w0, 10)
        if len(words) >= 3 and words[1] == "of" and words[2] in VAGUE and VAGUE[words[2]] >= 1000:
            return Number(_tidy(base * VAGUE[words[2]]), 3, True)
        if w0 == "tens":
            return None
        return Number(base, 1, True)
    i = 0
    if w0 in ("a", "an") and len(words) > 1 and words[1] in SCALES:
        value, i = 1.0, 1  # "a dozen", "a hundred"
    else:
        d = digits(w0)
        if d is not None:
            value, i = float(d), 1
        else:
            wv = _word_value(words, 0)
            if wv is None:
                return None
            value, i = float(wv[0]), wv[1]
    # Scale words multiply what came before: "two million", "1.5 million", "three hundred".
    total = 0.0
    while i < len(words) and words[i] in SCALES:
        scale = SCALES[words[i]]
        if scale == 100:
            value *= 100
        else:
            total += value * scale
            value = 0.0
        i += 1
        nxt = _word_value(words, i) if i < len(words) else None
        if nxt is not None and scale != 12:  # "three hundred fifty", "two thousand five hundred"
            value += nxt[0]
            i += nxt[1]
    return Number(_tidy(total + value), i, False)


def read_word(word: str) -> Number | None:
    """One lower-cased word alone: "twelve" → 12, "dozen" → 12, "hundred" → 100 (a scale said
    alone, as in "a hundred"), "dozens" → 12 vague (its lower bound); None for any other word."""
    if word in VAGUE:
        return Number(VAGUE[word], 1, True)
    if word in SCALES:
        return Number(SCALES[word], 1, False)
    wv = _word_value([word], 0)
    return Number(wv[0], 1, False) if wv is not None and wv[1] == 1 else None


def modifier_before(low: list[str], start: int) -> tuple[str | None, int]:
    """The modifier ending just before ``low[start]`` (lower-cased tokens) and where it starts:
    (["at", "least", "21"], 2) → ("at least", 0); (None, start) when there is none."""
    for size in (3, 2, 1):
        if start - size < 0:
            continue
        key = tuple(low[start - size : start])
        if key in MODIFIERS:
            return MODIFIERS[key], start - size
    return None, start
