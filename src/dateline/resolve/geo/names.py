"""Place-name keys: the spelling variants news and gazetteers disagree on, folded away.

News writes "Qaim", GeoNames "Al Qā’im"; news writes "Jurf al-Nasr", "Ain al-Asad", "St. Louis",
"N.D."; a key folds case, diacritics, apostrophes (Qa'im / Qaim), hyphens and dots, and
``loose`` also drops the Arabic article (al-, el-, ad-, ash-, ...) wherever it stands and
expands the common abbreviations (St, Mt, Ft), so both sides meet on one key.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_APOS = re.compile(r"[’'`ʼ‘ʻʿʾ´]")
_PUNCT = re.compile(r"[-‐‑–—_./,()]")
_SPACE = re.compile(r"\s+")
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


@functools.lru_cache(maxsize=1 << 17)  # the same names are folded per mention and per candidate
def fold(text: str) -> str:
    """Case, diacritics, apostrophes, hyphens and dots folded; spaces squeezed."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = s.replace("ı", "i").replace("ø", "o").replace("æ", "ae").replace("ß", "ss").replace("đ", "d").replace("ł", "l")
    s = _APOS.sub("", s)
    # "N.D." → "nd" but "St. Louis" → "st louis": a dot between letters joins, elsewhere separates
    s = re.sub(r"(?<=\b\w)\.(?=\w\b)", "", s)
    s = _PUNCT.sub(" ", s)
    s = re.sub(r"^the\s+", "", s.strip())
    return _SPACE.sub(" ", s).strip()


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
