"""Generic agents: role nouns → sector, country names and demonyms → ISO 3166 alpha-3.

Event data codes an unnamed participant ("American troops", "the Iraqi parliament",
"Egyptian police") by its country and its role; CAMEO calls these *agents* (Schrodt 2012,
CAMEO codebook ch. 5) and PETRARCH ships them as an agents dictionary. Named organisations
live in :mod:`dateline.resolve.actors`; this module holds the generic words:

* ``data/countries.json``: every ISO country with its name, alternative spellings, demonym
  and capital (generated from the ``countryinfo`` package data, restcountries-derived, MIT);
* ``data/agents.json``: role nouns per sector, plus country names, plural demonyms and
  capitals that the first file lacks (historical names such as "Soviet" or "Yugoslav" map to
  the successor state, as the PLOVER gold-standard records do).

A capital used as a subject ("Washington has retaliated") is metonymy for the government,
so capitals resolve to their country here and the caller sets the sector.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from . import dictionaries
from .textkeys import lexicon_key as normalize  # the actor lexicon's key, cached there


@dataclass(frozen=True)
class AgentCode:
    """What the words of a noun phrase say about an actor."""

    country: str | None
    sector: str | None
    country_word: str | None = None  # the word that gave the country
    sector_word: str | None = None  # the role noun that gave the sector
    sector_source: str | None = None  # "phoenix-agents:~UAF" where the Phoenix agents gave it


def _load(name: str) -> dict:
    return json.loads(resources.files("dateline").joinpath(f"data/{name}").read_text(encoding="utf-8"))


@functools.cache
def countries() -> dict[str, str]:
    """Normalised name/demonym/capital → ISO3."""
    idx: dict[str, str] = {}
    supplement = _load("agents.json")["countries"]
    # The hand supplement wins: it fixes ambiguous capitals (Jerusalem) and old names.
    for iso3, words in supplement.items():
        for w in words:
            idx.setdefault(normalize(w), iso3)
    # Demonyms are shared ("American" is also the demonym of American Samoa): the most
    # populous country takes the word.
    for c in sorted(_load("countries.json")["countries"], key=lambda c: -(c.get("population") or 0)):
        iso3 = c["iso3"]
        names = [c["name"], *c.get("aliases", ())]
        if isinstance(c.get("demonym"), str):
            dem = c["demonym"]
            names += [dem, dem + "s"] if not dem.endswith(("ese", "sh", "ch", "ss")) else [dem]
        if c.get("capital"):
            names.append(c["capital"])
        for n in names:
            for one in n if isinstance(n, list) else [n]:
                idx.setdefault(normalize(one), iso3)
    return idx


@functools.cache
def _place_names() -> frozenset[str]:
    """Country names, alternative spellings and capitals (not demonyms)."""
    out = set()
    for c in _load("countries.json")["countries"]:
        for n in [c["name"], *c.get("aliases", ()), c.get("capital")]:
            for one in n if isinstance(n, list) else [n]:
                if isinstance(one, str):
                    out.add(normalize(one))
    return frozenset(out | {normalize(w) for w in _load("agents.json")["country_names"]})


def is_place_name(word: str) -> bool:
    """ "Britain", "Washington", "the United States": a state named by its name or capital
    (which acts through its government), as opposed to a demonym ("Iraqis")."""
    return normalize(word) in _place_names()


@functools.cache
def country_names() -> dict[str, str]:
    """ISO3 → short English name."""
    out: dict[str, str] = {}
    for c in _load("countries.json")["countries"]:
        out.setdefault(c["iso3"], c["name"])
    return out


@functools.cache
def _sectors() -> dict[str, str]:
    idx: dict[str, str] = {}
    for sector, words in _load("agents.json")["sectors"].items():
        for w in words:
            idx.setdefault(normalize(w), sector)
    return idx


@functools.cache
def _inheriting() -> frozenset[str]:
    return frozenset(normalize(w) for w in _load("agents.json")["inheriting_roles"])


@functools.cache
def _affixes() -> tuple[tuple[str, ...], tuple[str, ...]]:
    d = _load("agents.json")
    return tuple(d["no_country_prefixes"]), tuple(d["leader_suffixes"])


def country_of(word: str) -> str | None:
    """ISO3 for a country name, demonym or capital ("Iraqi" → IRQ, "Vietnamese-led" → VNM).

    "pro-Iranian" names a stance, not a nationality, so it gives nothing.
    """
    low = word.casefold()
    no_country, leader = _affixes()
    if low.startswith(no_country):
        return None
    for suf in leader:
        if low.endswith(suf):
            word = word[: -len(suf)]
            break
    return countries().get(normalize(word))


def sector_of(noun: str) -> str | None:
    """The sector a role noun names ("troops" → military, "lawmakers" → legislature)."""
    return sector_and_source(noun)[0]


def sector_and_source(noun: str) -> tuple[str | None, str | None]:
    """The sector of a role noun and, where the Phoenix agents dictionary gave it (the package's
    own list lacks the noun), that dictionary's entry: "mercenaries" → ("militia",
    "phoenix-agents:~UAF"). The own list wins where it has the noun (its sectors are those the
    PLOVER records use: "militants" are rebels there, UAF militia in Phoenix); nouns the package
    reads as open ("assailants", "attackers") get no sector from the dictionary either."""
    hit = _lexicon_sector(noun)
    if hit is not None:
        return hit, None
    if is_generic_agent(noun) or normalize(noun) in _NO_DICT_AGENT:
        return None, None
    found = dictionaries.agent(noun)
    if found is None or found[1] not in _DICT_SECTORS:
        return None, None
    return found[1], f"phoenix-agents:{found[0]}"


# Phoenix agents whose sector misleads in news of violence: "bombers" (suicide bombers are not an
# air force), "gunman" (a lone shooter is not a militia: UAF), "kidnappers"; and buildings that
# PETRARCH codes as their staff ("hospital" HLH, "school" EDU) but that an attack hits as places.
# Abstract nouns and buildings PETRARCH codes as the people behind them ("uprising" REB,
# "barracks" MIL, "prison" COP) are things in a report of violence, not its participants.
_NO_DICT_AGENT = frozenset(
    {"bomber", "bombers", "gunman", "kidnapper", "kidnappers", "barracks", "barrackss", "echelon", "echelons"}
    | {"operative", "operatives"}  # "Daesh operatives" are the group's members, not a spy agency
    | {
        f"{b}{s}"
        for b in (
            "hospital",
            "school",
            "clinic",
            "college",
            "prison",
            "consulate",
            "chamber",
            "garrison",
            "carrier",
            "revolt",
            "uprising",
            "rebellion",
            "insurgence",
            "intelligence",
            "cartel",
            "gang",
        )
        for s in ("", "s")
    }
    | {"insurgency", "insurgencies", "university", "universities", "embassy", "embassies", "gangdom", "gangland"}
)
# The sectors the agents dictionary may give: the armed, security and legal roles of conflict
# news. Its civilian roles ("neighborhood", "community", "victims" → CVL; "firefighters" → GOV) read
# places and abstractions as people, and the package's own list already has the civilian nouns.
_DICT_SECTORS = frozenset(
    {"military", "police", "rebels", "militia", "intelligence", "judiciary", "legislature", "opposition", "criminals"}
)


def _lexicon_sector(noun: str) -> str | None:
    key = normalize(noun)
    hit = _sectors().get(key)
    if hit is None and key.endswith("s") and len(key) > 3:
        # Regular plurals ("diplomats", "ministers") share their singular's sector.
        hit = (
            _sectors().get(key[:-1])
            or (_sectors().get(key[:-2]) if key.endswith("es") else None)
            or (_sectors().get(key[:-3] + "y") if key.endswith("ies") else None)  # "militaries", "embassies"
        )
    return hit


@functools.cache
def _generic() -> frozenset[str]:
    return frozenset(normalize(w) for w in _load("agents.json")["generic_agents"])


def is_generic_agent(noun: str) -> bool:
    """ "the group", "the alliance", "assailants": a participant whose role the word leaves open."""
    return normalize(noun) in _generic()


def code_words(words: Sequence[str]) -> AgentCode:
    """Country and sector from the words of a noun phrase, read left to right.

    Two-word keys ("prime minister", "security forces") are tried before single words; the
    last role noun wins (it is the head in English NPs: "Iraqi police chief" is police…
    close enough, and "army officers" is military either way), the first country word wins
    ("Iraqi militia leader" is Iraqi).
    """
    country = sector = cword = sword = ssource = None
    i = 0
    while i < len(words):
        two = f"{words[i]} {words[i + 1]}" if i + 1 < len(words) else None
        three = f"{two} {words[i + 2]}" if two and i + 2 < len(words) else None
        step = 1
        for key, n in ((three, 3), (two, 2), (words[i], 1)):
            if not key:
                continue
            c = country_of(key) if country is None else None
            s = _lexicon_sector(key)
            if c and country is None:
                country, cword, step = c, key, max(step, n)
            if s and not (sector and normalize(key) in _inheriting()):
                sector, sword, step = s, key, max(step, n)
            if c or s:
                break
        i += step
    if sector is None:
        # Only where the package's own words give no sector: the Phoenix agents, the last noun
        # (the head) first ("Syrian mercenaries" → militia).
        for w in reversed(words):
            found, ssource = sector_and_source(w)
            if found is not None:
                sector, sword = found, w
                break
    return AgentCode(country, sector, cword, sword, ssource)
