"""Where to put a name the gazetteer lacks, or reads only far from the article's own places.

A name beside its town
("Palais des Nations in Geneva") at that town; else at a known place inside the name ("Manila
Cathedral"); else at the article's own place (its home). Local news places its schools and streets
in its town: the "one sense per discourse" of Leidner 2007 carried to unknown names.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from . import containment, names
from .index import Candidate, Gazetteer, haversine
from .mention import Mention
from .readings import candidates, inside, prior, strip


def _placed(name: str, base: Candidate) -> Candidate:
    """A name the gazetteer lacks, put at the point of the place ``base`` it lies in."""
    return Candidate(-1, name, base.lat, base.lon, None, base.country, base.admin1, "unknown", 0, "context")


def _nearest(spans: Sequence[tuple[int, int]], i: int, keep) -> tuple[int, int] | None:
    """(characters between, index) of the mention nearest mention ``i`` among those ``keep(j)`` accepts."""
    start, end = spans[i]
    gaps = [(min(abs(s - end), abs(start - e)), j) for j, (s, e) in enumerate(spans) if j != i and keep(j)]
    return min(gaps) if gaps else None


# Words inside names that are also town names somewhere ("Old Town", Maine; "Bank", Iran).
_NOT_INSIDE = {
    "old town",
    "international",
    "bank",
    "central",
    "north",
    "south",
    "east",
    "west",
    "new",
    "old",
    "academy",
    "university",
    "college",
    "airport",
    "golf",
    "club",
    "high",
    "school",
    "middle",
    "park",
    "elementary",
    "city",
    "county",
    "state",
    "united",
    "national",
    "federal",
    "royal",
    "grand",
    "hotel",
    "church",
    "hospital",
    "center",
    "centre",
    "market",
    "station",
    "trust",
    "northern",
    "southern",
    # feature words: "Lake Robinson" is no clue to a town called Lac or Lake
    "lake",
    "river",
    "mount",
    "gulf",
    "bay",
    "island",
    "islands",
    "creek",
    "square",
    "avenue",
    "street",
    "road",
    "drive",
    "lagoon",
    "valley",
    "beach",
    "hill",
    "hills",
    "point",
    "harbor",
    "harbour",
    "colony",
}


HOME_KM = 161.0
NEAR_CHARS = 300  # about two sentences
_STREET = re.compile(
    r"\b(?:street|st|avenue|ave|road|rd|drive|dr|boulevard|blvd|lane|ln|way|place|pl|court|ct|"
    r"terrace|highway|hwy|parkway|pkwy|route|square|sq|bridge)\.?(?:\s+(?:north|south|east|west|[nsew]))?$",
    re.IGNORECASE,
)
HOME_COUNTRY = True
INNER_KM = 150.0
INNER_BIG = 100_000  # a big city inside a name ("Manila Cathedral") is a clue wherever it is


WEAK_HOME_MIN = 5  # places around the article's own one before a far weak reading is doubted
WEAK_POP = 30_000  # a town this small, far from a well-placed home, is likelier a local place we lack
WEAK_KM = 500.0


def _home(picked: list[Candidate | None]) -> tuple[Candidate | None, int]:
    """The article's own place: the resolved place with most of the others around it (a medoid), so a
    cluster of Virginia towns outvotes one stray Charleston; a province or a country only when no town is named."""
    fine = [
        p for p in picked if p is not None and p.feature not in ("country", "continent", "demonym", "sea", "region")
    ]
    # the home lies in the country the article names most (its countries and demonyms count too):
    # two "Makeen" read as Makin, Kiribati, do not make a story about Waziristan a Pacific one
    top = Counter(p.country for p in picked if p is not None and p.country).most_common(2)
    if HOME_COUNTRY and top and (len(top) == 1 or top[0][1] > top[1][1]):
        fine = [p for p in fine if p.country == top[0][0]] or fine
    if fine:
        # a province's point is no place a story happens in ("Ontario" lies 800 km north of Woodstock):
        # the home is a town where one is named
        fine = [p for p in fine if p.feature in ("city", "capital", "admin2")] or fine
        counts = [sum(haversine(p.lat, p.lon, q.lat, q.lon) < HOME_KM for q in fine) for p in fine]
        best = max(range(len(fine)), key=counts.__getitem__)
        return fine[best], counts[best]
    return next((p for p in picked if p is not None and p.feature == "country"), None), 0


def fallback(
    gaz: Gazetteer,
    mentions: Sequence[Mention],
    cands: list[list[Candidate]],
    picked: list[Candidate | None],
    keys: list[str],
    local: list[list[Candidate]] | None = None,
    text: str = "",
) -> None:
    """Names the gazetteer lacks ("Manila Cathedral", "Stonewall Golf Club", "Lake Manassas").

    In order: the town the text says it is in ("Palais des Nations in Geneva"); a known place inside
    the name (Manila), unless it is only the state the article's own town lies in; for a building or
    a street, the town named nearest it;
    else the article's own place: local news places its schools and streets in its town (the "one
    sense per discourse" of Leidner 2007 carried to unknown names). Marked precision "near".
    """
    home, strength = _home(picked)
    # a weak reading (another spelling, or a small town) far from the article's own place is likelier a
    # local place the gazetteer lacks: "Toco" in a Texas paper is not Tocco da Casauria, "Sun Valley"
    # among East Texas towns no Nevada suburb of 19,000
    if home is not None and home.feature != "country" and strength >= WEAK_HOME_MIN:
        for i, p in enumerate(picked):
            if p is None or p.feature not in ("city", "admin2") or gaz.alias(mentions[i].text) is not None:
                continue
            if local is not None and any(inside(p, a) for a in local[i]):
                continue  # "Kane County, Ill." in a Kansas paper: the qualifier settles it
            # (an admin2 row's population counts its towns, not people)
            weak = (
                names.loose(p.name) != keys[i]
                and p.population < INNER_BIG
                or p.population < WEAK_POP
                and p.feature == "city"
            )
            if weak and haversine(p.lat, p.lon, home.lat, home.lon) > WEAK_KM:
                picked[i] = None
    spans = [(m.start, m.end) for m in mentions]
    # a town contains only where its reading is sure: a big city, or one in a country the article's
    # other names are in too ("Agriculture Park near Makeen" is not on Makin, Kiribati)
    by_country: dict[str, set[str]] = {}
    for k, p in zip(keys, picked):
        if p is not None and p.source != "context" and p.country:
            by_country.setdefault(p.country, set()).add(k)
    towns = [
        p is not None
        and p.source != "context"
        and p.feature in ("city", "capital", "admin2")
        and (p.population >= INNER_BIG or len(by_country.get(p.country, ())) > 1)
        for p in picked
    ]
    for i, m in enumerate(mentions):
        p = picked[i]
        # a town read far from the town it is said to be in ("OAS in Washington" is no Oas, Philippines)
        far = (
            p is not None
            and p.source != "context"
            and p.feature not in ("country", "continent", "demonym", "admin1", "admin2", "region", "sea")
        )
        if p is not None and not far or not strip(m.text):
            continue
        j = containment.container(text, spans, i, towns) if text else None
        if far and (j is None or haversine(p.lat, p.lon, picked[j].lat, picked[j].lon) <= HOME_KM):
            continue
        if j is not None:
            # "Palais des Nations in Geneva": the town named beside it, before any guess from its words
            picked[i] = _placed(m.text, picked[j])
            continue
        # a street is named after a place elsewhere ("Victoria St.", "Eglinton Avenue West"): its
        # words are no clue, the article's own town is
        words = [] if _STREET.search(strip(m.text)) else strip(m.text).replace("/", " ").split()
        inner, inner_s = None, -1e9
        for n in range(len(words) - 1, 0, -1):
            for j in range(len(words) - n + 1):
                part = " ".join(words[j : j + n])
                if not part[:1].isupper() or names.fold(part) in _NOT_INSIDE:
                    continue
                alias = gaz.alias(part)
                for c in [alias] if alias else candidates(gaz, part)[0]:
                    if c.feature == "demonym":
                        continue  # "Indian Orchard", "British International School": a people, not a place
                    if not alias and (
                        names.fold(c.name) != names.fold(part)
                        or c.population < 1000
                        and c.feature in ("city", "capital")
                    ):
                        continue
                    sc = prior(c)
                    if home is not None and c.feature not in ("country", "continent"):
                        d = haversine(c.lat, c.lon, home.lat, home.lon)
                        if d > INNER_KM and home.feature != "country" and c.population < INNER_BIG:
                            continue  # "Robert Trent Jones Golf Club": a Jones, Oklahoma is no clue
                        sc += 10.0 if d < 150 else 3.0 if c.country == home.country else 0.0
                    if sc > inner_s:
                        inner, inner_s = c, sc
        if (
            inner is not None
            and inner.feature == "admin1"
            and home is not None
            and home.feature in ("city", "capital", "admin2")
            and home.admin1 == inner.admin1
        ):
            inner = home  # "Virginia Gateway" in a story about a Virginia town: that town, not the state's point
        near_town = None
        if inner is None and containment.is_facility(m.text):
            # a building or a street is in the town named nearest it in the text ("... in Liverpool.
            # Alder Hey Children's Hospital said"), more often than in the article's own town
            near = _nearest(spans, i, towns.__getitem__)
            if near is not None and near[0] <= NEAR_CHARS:
                near_town = picked[near[1]]
        base = inner or near_town or home
        if base is not None:
            picked[i] = _placed(m.text, base)
