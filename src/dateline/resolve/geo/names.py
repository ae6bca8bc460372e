"""Place-name keys: the spelling variants news and gazetteers disagree on, folded away.

News writes "Qaim", GeoNames "Al Qā’im"; news writes "Jurf al-Nasr", "Ain al-Asad", "St. Louis",
"N.D."; a key folds case, diacritics, apostrophes (Qa'im / Qaim), hyphens and dots, and
``loose`` also drops the Arabic article (al-, el-, ad-, ash-, ...) wherever it stands and
expands the common abbreviations (St, Mt, Ft), so both sides meet on one key. ``fold`` is
``textkeys.place_key``; ``loose`` and its tables are the gazetteer's own.
"""

from __future__ import annotations

import functools
import re

from ..textkeys import place_key as fold  # case, diacritics, apostrophes, hyphens, dots

# The Arabic definite article and its sun-letter assimilations, as romanised in news and GeoNames.
_ARTICLES = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "adh", "ath", "es", "ed", "er", "et", "en"}
_ABBREV = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "port"}
# Transliteration pairs seen across news/GeoNames romanisations (BGN/PCGN vs. press style).
_TRANSLIT = (
    (re.compile(r"ou"), "u"),
    (re.compile(r"kh"), "k"),
    (re.compile(r"q"), "k"),
    (re.compile(r"ee"), "i"),
    (re.compile(r"y"), "i"),
    (re.compile(r"(.)\1"), r"\1"),
)


def key(text: str) -> str:
    """The strict key: ``fold`` only."""
    return fold(text)


@functools.lru_cache(maxsize=1 << 17)
def loose(text: str) -> str:
    """The loose key: articles dropped, abbreviations expanded, common transliteration pairs merged."""
    toks = [t for t in fold(text).split() if t not in _ARTICLES]
    toks = [_ABBREV.get(t, t) for t in toks]
    s = " ".join(toks)
    for pat, rep in _TRANSLIT:
        s = pat.sub(rep, s)
    return s


def is_latin(text: str) -> bool:
    """True for names written in Latin script (the ones English news uses)."""
    s = fold(text)
    return bool(s) and all(c.isascii() for c in s)
