"""Text keys: names and words folded so that spelling variants meet, in one module for every layer.

Every key starts from ``fold`` (Unicode accents removed, case folded). What a key does next
depends on what it is compared with, and the variants below differ on purpose: each is compared
with keys built the same way elsewhere (a lexicon index, the store's alias table, the gazetteer's
cached index), so changing one changes what matches, or orphans what was stored.

- ``word_fold``: words against cue lexicons (claims); punctuation kept, since the lexicons list
  "n't" and "won't".
- ``lexicon_key``: names against the actor lexicon and the agents table (resolve.actors,
  resolve.agents); apostrophes dropped, hyphens and dots split words, other punctuation kept.
- ``actor_key``: names across articles (link.actors); every run of non-word characters splits
  words ("AT&T" → "at t"). The store keeps these keys in ``actor_aliases.key``.
- ``place_key``: place names against the gazetteer (resolve.geo); a dot between two single
  letters joins them ("N.D." → "nd"), and the letters NFKD leaves whole (ı, ø, æ, ß, đ, ł) are
  spelled out, as GeoNames' romanisations need. The gazetteer's index on disk is built from it.

Initials and acronyms, and short forms of a person's name, come in two variants each, also for
a reason given where they are defined. Pure functions over strings, no spaCy.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# ---------------------------------------------------------------- folding


def unaccent(text: str) -> str:
    """Accents removed: NFKD, then no combining marks ("Qā’im" → "Qa’im")."""
    s = unicodedata.normalize("NFKD", text)
    return "".join(c for c in s if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Accents removed and case folded: the start of every key below."""
    return unaccent(text).casefold()


@functools.lru_cache(maxsize=65536)
def word_fold(text: str) -> str:
    """A word as the cue lexicons spell it: folded, the typographic apostrophe made straight."""
    return fold(text).replace("’", "'")


@functools.lru_cache(maxsize=1 << 16)  # every entity and place mention is looked up, names repeat
def lexicon_key(name: str) -> str:
    """Case, diacritics, apostrophes and hyphens folded, a leading 'the' dropped."""
    s = fold(name)
    s = re.sub(r"[’'`ʼ]", "", s)
    s = re.sub(r"[-‐–—_.]", " ", s)
    s = re.sub(r"^the\s+", "", s.strip())
    return re.sub(r"\s+", " ", s)


_ACTOR_APOSTROPHES = "'’ʼ‘`´ʻ"


@functools.lru_cache(maxsize=1 << 16)  # the linker asks for the same names' keys again and again
def actor_key(name: str) -> str:
    """The comparison key of a name: no accents, case folded, no apostrophes, hyphens, 'the'."""
    text = fold(name)
    for a in _ACTOR_APOSTROPHES:
        text = text.replace(a, "")
    text = re.sub(r"[^\w]+", " ", text).strip()
    text = re.sub(r"^the ", "", text)
    return text


_PLACE_APOSTROPHES = re.compile(r"[’'`ʼ‘ʻʿʾ´]")  # with the ayin and hamza of romanised Arabic (ʿ ʾ)
_PLACE_PUNCT = re.compile(r"[-‐‑–—_./,()]")
_SPACE = re.compile(r"\s+")


@functools.lru_cache(maxsize=1 << 17)  # the same names are folded per mention and per candidate
def place_key(text: str) -> str:
    """Case, diacritics, apostrophes, hyphens and dots folded; spaces squeezed."""
    s = fold(text)
    s = s.replace("ı", "i").replace("ø", "o").replace("æ", "ae").replace("ß", "ss").replace("đ", "d").replace("ł", "l")
    s = _PLACE_APOSTROPHES.sub("", s)
    # "N.D." → "nd" but "St. Louis" → "st louis": a dot between letters joins, elsewhere separates
    s = re.sub(r"(?<=\b\w)\.(?=\w\b)", "", s)
    s = _PLACE_PUNCT.sub(" ", s)
    s = re.sub(r"^the\s+", "", s.strip())
    return _SPACE.sub(" ", s).strip()


# ---------------------------------------------------------------- initials and acronyms
# Within an article (``acronym_key``, ``is_acronym``, ``initials``) an acronym is read as
# written ("U.S.", "AQ-I") and a name spells it with or without its small words; across
# articles (``is_bare_acronym``, ``key_initials``) both sides are stored keys, so an acronym is
# plain capitals and the initials are those of every word of the key, the Arabic article
# included ('al' in 'AQAP' counts).

# Words an acronym may skip ("Islamic State of Iraq and Syria" → ISIS keeps "of"? it skips it).
_SKIP = {"of", "the", "and", "for", "in", "on", "de", "du", "al", "el", "&"}


def acronym_key(text: str) -> str:
    """'U.S.' → 'US'; only meaningful for short all-capital mentions."""
    return re.sub(r"[^A-Za-z0-9]", "", text).upper()


def is_acronym(text: str) -> bool:
    """A mention written as an acronym: 2 to 6 letters or digits, capitals, dots and hyphens allowed."""
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


def is_bare_acronym(name: str) -> bool:
    """A stored name that is an acronym: 2 to 6 capital letters, nothing else."""
    return bool(re.fullmatch(r"[A-Z]{2,6}", name.strip()))


def key_initials(k: str) -> str:
    """'rapid support forces' → 'rsf' (the Arabic article kept: 'al' in 'AQAP' counts)."""
    words = k.split()
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


# ---------------------------------------------------------------- short names
# Two readings of "a short form of a full name". The entities component asks every token of an
# article against each full name, so ``short_forms`` is a small cached set of the forms news uses
# (first word, last word, last two words, the surname without its Arabic article) looked up whole.
# The speaker resolver compares a speaker as written ("al-Sudani's") with a few names, so
# ``surname_of`` drops the possessive, splits hyphens and accepts any run of words that ends
# (or starts) the full name.

_POSSESSIVE = re.compile(r"[’']s?$")
_NAME_SPLIT = re.compile(r"[\s\-–]+")


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


@functools.lru_cache(maxsize=4096)
def name_words(s: str) -> tuple[str, ...]:
    """Lower-cased words of a name or title, the possessive dropped, hyphens splitting: "al-Sudani's" → (al, sudani)."""
    return tuple(w for w in _NAME_SPLIT.split(_POSSESSIVE.sub("", s).lower()) if w)


def surname_of(short: str, full: str) -> bool:
    """'Singh' names 'Sabrina Singh'; 'al-Sudani' names 'Mohammed Shia’ al-Sudani'."""
    s, f = name_words(short), name_words(full)
    if not s or len(f) <= len(s):
        return False
    return f[-len(s) :] == s or f[: len(s)] == s
