"""Name helpers for entity linking within an article: acronyms, titles, short names.

Pure functions over strings, no spaCy (see resolve/__init__).
"""

from __future__ import annotations

import functools
import re
from importlib import resources

# Words an acronym may skip ("Islamic State of Iraq and Syria" → ISIS keeps "of"? it skips it).
_SKIP = {"of", "the", "and", "for", "in", "on", "de", "du", "al", "el", "&"}
_POSSESSIVE = re.compile(r"[’']s$|[’']$")


def acronym_key(text: str) -> str:
    """'U.S.' → 'US'; only meaningful for short all-capital mentions."""
    return re.sub(r"[^A-Za-z0-9]", "", text).upper()


def is_acronym(text: str) -> bool:
    key = acronym_key(text)
    return 2 <= len(key) <= 6 and text.replace(".", "").replace("-", "").isupper()


def initials(name: str) -> set[str]:
    """Initials of a name, with and without its small words ('Islamic State of Iraq and Syria' → ISIS, ISOIAS)."""
    words = [w for w in re.split(r"[\s\-–]+", name) if w]
    full = "".join(w[0] for w in words if w[0].isalnum()).upper()
    short = "".join(w[0] for w in words if w.lower() not in _SKIP and w[0].isalnum()).upper()
    return {full, short}


def expands(acronym: str, name: str) -> bool:
    """Whether a name spells out an acronym ('HMC' ← 'Higher Military Commission')."""
    return acronym_key(acronym) in initials(name)


def strip_possessive(text: str) -> str:
    return _POSSESSIVE.sub("", text)


@functools.cache
def title_words() -> frozenset[str]:
    text = resources.files("dateline").joinpath("data/titles.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def is_title_head(word: str) -> bool:
    return word.lower() in title_words()


def short_name_of(short: str, full: str) -> bool:
    """'Singh' is a short form of 'Sabrina Singh'; 'al-Sudani' of 'Mohammed Shia’ al-Sudani'."""
    return short.strip().lower() in short_forms(full)


@functools.lru_cache(maxsize=1 << 14)  # an article asks for every token against each full name
def short_forms(full: str) -> frozenset[str]:
    """The lower-cased short forms of a full name: its first or last word, the last two, and the
    last without its Arabic article ("Abassi" for "al-Abassi"); never the full name itself."""
    parts = [p.lower() for p in re.split(r"\s+", full.strip()) if p]
    if len(parts) < 2:
        return frozenset()
    last = re.sub(r"^(al|el|ad|as|ash|an|ar)[-‐]", "", parts[-1])
    return frozenset({parts[-1], parts[0], last, " ".join(parts[-2:])} - {full.strip().lower()})
