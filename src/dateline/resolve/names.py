"""Name helpers for entity linking within an article: titles, possessives; acronyms and short names.

The acronym and short-name keys live in ``textkeys`` with the other text keys; they are named
here too for the entities component, which reads them as ``names.*``.
Pure functions over strings, no spaCy (see resolve/__init__).
"""

from __future__ import annotations

import functools
import re
from importlib import resources

from .textkeys import acronym_key, expands, initials, is_acronym, short_forms, short_name_of

__all__ = [
    "acronym_key",
    "expands",
    "initials",
    "is_acronym",
    "is_title_head",
    "short_forms",
    "short_name_of",
    "strip_possessive",
    "title_words",
]

_POSSESSIVE = re.compile(r"[’']s$|[’']$")


def strip_possessive(text: str) -> str:
    return _POSSESSIVE.sub("", text)


@functools.cache
def title_words() -> frozenset[str]:
    text = resources.files("dateline").joinpath("data/titles.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def is_title_head(word: str) -> bool:
    return word.lower() in title_words()
