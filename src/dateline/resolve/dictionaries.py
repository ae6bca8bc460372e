"""The field's event-data dictionaries, compiled into ``data/dictionaries/`` (see its NOTICE.md).

PETRARCH2's Phoenix dictionaries (MIT) give named people and bodies of every country with their
CAMEO codes and the dates each holds ("Bashar al-Assad → SYR elites 1983-2000, SYR government
from 2000-07-17"), armed non-state groups and international bodies; its agents dictionary gives
the sector of generic nouns ("gunmen" → UAF, militia); its discards list marks sentences that code
no event; its CAMEO verb patterns carry, through the PLOVER conversion table (CC BY-SA 4.0), a
PLOVER type, mode and context. ``scripts/build_dictionaries.py`` compiles them; this module only
reads the compiled files, once per process.
"""

from __future__ import annotations

import functools
import gzip
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from .textkeys import lexicon_key

SOURCE_PREFIX = "phoenix"


def _read(name: str) -> Any:
    data = resources.files("dateline").joinpath(f"data/dictionaries/{name}").read_bytes()
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    return json.loads(data.decode("utf-8"))


@dataclass(frozen=True)
class DictActor:
    """What a Phoenix entry says of a name on a date."""

    name: str  # the entry's first name, as the dictionary spells it (lower case)
    country: str | None
    sector: str | None
    code: str  # the CAMEO actor code ("SYRGOV")
    source: str  # "phoenix:Countries:45433": dictionary file and line of the entry


@dataclass(frozen=True)
class _Entry:
    id: str
    name: str
    codes: tuple[tuple[str, str | None, str | None, str, str], ...]  # code, country, sector, from, to


@functools.cache
def _actors() -> dict[str, tuple[_Entry, ...]]:
    idx: dict[str, list[_Entry]] = {}
    for d in _read("actors.json.gz")["entries"]:
        e = _Entry(d["id"], d["names"][0], tuple(tuple(c) for c in d["codes"]))  # type: ignore[misc]
        for n in d["names"]:
            key = lexicon_key(n)
            bucket = idx.setdefault(key, [])
            if not bucket or bucket[-1] is not e:  # two variants of one entry fold to one key
                bucket.append(e)
    return {k: tuple(v) for k, v in idx.items()}


def _code_on(e: _Entry, on: str | None) -> tuple[str, str | None, str | None] | None:
    """The entry's code on a date (YYYY-MM-DD): the first dated restriction that holds, else the
    default; with no date, the default, else the restriction still open today."""
    default = None
    for code, country, sector, start, end in e.codes:
        if not start and not end:
            default = default or (code, country, sector)
    if on:
        for code, country, sector, start, end in e.codes:
            if (start or end) and (not start or start <= on) and (not end or on <= end):
                return code, country, sector
        return default
    if default:
        return default
    open_ = [c for c in e.codes if c[3] and not c[4]]
    return (open_[-1][0], open_[-1][1], open_[-1][2]) if open_ else None


def actor(name: str, on: str | None = None) -> DictActor | None:
    """The Phoenix coding of a name (any of an entry's variants) on a date (the article's
    publication date, YYYY-MM-DD), ``None`` when no entry names it or none holds on that date.

    Where several entries share the name, the first whose dated restriction holds wins over
    the first with only a default code (a person's dated offices say more than a bare alias).
    """
    entries = _actors().get(lexicon_key(name))
    if not entries:
        return None
    best: tuple[_Entry, tuple[str, str | None, str | None]] | None = None
    for e in entries:
        hit = _code_on(e, on)
        if hit is None:
            continue
        dated = on is not None and any(
            (s or t) and (not s or s <= on) and (not t or on <= t) for _, _, _, s, t in e.codes
        )
        if dated:
            best = (e, hit)
            break
        if best is None:
            best = (e, hit)
    if best is None:
        return None
    e, (code, country, sector) = best
    return DictActor(e.name, country, sector, code, f"{SOURCE_PREFIX}:{e.id}")


@functools.cache
def _agents() -> dict[str, tuple[str, str]]:
    return {lexicon_key(k): (v[0], v[1]) for k, v in _read("agents.json")["agents"].items()}


def agent(noun: str) -> tuple[str, str] | None:
    """The CAMEO role code and sector of a generic agent noun ("gunmen" → ("~UAF", "militia"));
    ``None`` when the agents dictionary lacks it or gives it no sector."""
    hit = _agents().get(lexicon_key(noun))
    return hit if hit and hit[1] else None


@functools.cache
def discards() -> tuple[frozenset[str], frozenset[str]]:
    """Sentence-level and story-level discard phrases (lower case)."""
    d = _read("discards.json")
    return frozenset(d["sentence"]), frozenset(d["story"])


@functools.cache
def verbs() -> dict[str, Any]:
    """The compiled verb dictionary: synsets, blocks (verbs, forms, patterns with PLOVER type),
    transformations and the CAMEO → PLOVER table."""
    return _read("verbs.json.gz")  # type: ignore[no-any-return]


def plover_of(cameo: str) -> tuple[str, str, str] | None:
    """PLOVER type, mode and context of a CAMEO code (its nearest listed parent where the table
    lacks it): "190" → ("ASSAULT", "", "military")."""
    table = verbs()["plover_table"]
    code = cameo.split(":", 1)[0].strip()
    for n in range(len(code), 1, -1):
        row = table.get(code[:n])
        if row is not None:
            return row[0], row[1], row[2]
    return None


@dataclass(frozen=True)
class VerbEntry:
    """A CAMEO verb: its own code (or its block's), and its block's object and preposition patterns."""

    verb: str
    cameo: str | None  # None: the verb alone codes no event ("---")
    objects: dict[str, str | None]  # "* AID" → head noun of the object → CAMEO code (None: no event)
    preps: dict[tuple[str, str], str | None]  # "* (FOR AID)" → (preposition, noun) → code


def _head(phrase: str) -> str | None:
    """The head of a pattern noun phrase (its last word); ``None`` for a synset or a pronoun slot."""
    words = phrase.split()
    if not words or any(w.startswith(("&", "$", "^", "%", "+")) for w in words):
        return None
    return words[-1]


def _slots(patterns) -> tuple[dict[str, str | None], dict[tuple[str, str], str | None]]:
    """The object and prepositional patterns a parse reads directly, the first of each kept."""
    objects: dict[str, str | None] = {}
    preps: dict[tuple[str, str], str | None] = {}
    for p in patterns:
        if "before" in p or "before_preps" in p:
            continue
        after, after_preps = p.get("after", []), p.get("after_preps", [])
        if len(after) == 1 and not after_preps:
            h = _head(after[0])
            if h:
                objects.setdefault(h, p["cameo"])
        elif not after and len(after_preps) == 1:
            words = after_preps[0].split()
            h = _head(" ".join(words[1:])) if len(words) > 1 else None
            if h:
                preps.setdefault((words[0], h), p["cameo"])
    return objects, preps


@functools.cache
def verb_index() -> dict[str, VerbEntry]:
    """Single-word CAMEO verbs by base form and irregular form. Patterns kept are the simple
    ones a dependency parse reads directly: one object noun after the verb ("* KILLING"), or one
    prepositional phrase ("* (FOR AID)"); the most specific code wins at lookup."""
    out: dict[str, VerbEntry] = {}
    for b in verbs()["blocks"]:
        for v in b["verbs"]:
            if " " in v["verb"] or "head" in v:
                continue
            # the verb's own patterns first (the comment that names it), then the block's
            own = [p for p in b["patterns"] if v["verb"] in p.get("for", ())]
            objects, preps = _slots(own + [p for p in b["patterns"] if v["verb"] not in p.get("for", ())])
            entry = VerbEntry(v["verb"], v.get("cameo", b["cameo"]) if "cameo" in v else b["cameo"], objects, preps)
            for form in (v["verb"], *v["forms"]):
                out.setdefault(form, entry)
    return out
