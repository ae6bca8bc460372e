"""The actor lexicon: named organisations with country (ISO 3166 alpha-3) and sector.

Shipped as ``data/actors.jsonl``, one entry a line: ``name``, ``aliases``, ``type`` (spaCy
label), ``country``, ``sector`` (PLOVER/CAMEO terms), ``source`` (where the entry comes from).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources

from .textkeys import lexicon_key


@dataclass(frozen=True)
class ActorEntry:
    name: str
    aliases: tuple[str, ...]
    type: str
    country: str | None
    sector: str | None
    source: str
    note: str | None = None


@functools.cache
def entries() -> tuple[ActorEntry, ...]:
    text = resources.files("dateline").joinpath("data/actors.jsonl").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if line.strip():
            d = json.loads(line)
            out.append(
                ActorEntry(
                    d["name"],
                    tuple(d.get("aliases") or ()),
                    d.get("type", "ORG"),
                    d.get("country"),
                    d.get("sector"),
                    d.get("source", ""),
                    d.get("note"),
                )
            )
    return tuple(out)


@functools.cache
def _index() -> dict[str, ActorEntry]:
    idx: dict[str, ActorEntry] = {}
    for e in entries():
        for n in (e.name, *e.aliases):
            idx.setdefault(lexicon_key(n), e)
    return idx


def lookup(name: str) -> ActorEntry | None:
    """The lexicon entry for a name or alias, spelling variants folded (``textkeys.lexicon_key``)."""
    return _index().get(lexicon_key(name))
