"""Toponym resolution in context: which "Decatur", which "Georgia", where "Qaim district" is.

Candidates come from the gazetteer; each is scored by a prior (feature type and population,
the "population baseline" that Gritta et al. 2018 find hard to beat) plus what the article says:
a qualifier right after the name ("Greer, S.C.", "Hit, Iraq"), a container before it
("Anbar province's Qaim district", "Babil's Jurf al-Nasr"), the countries and provinces the
article names elsewhere or in its dateline (one sense per discourse, Leidner 2007), and nearness
to the article's other places (the spatial minimality heuristic of Leidner 2007).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from . import coherence, containment, names, scoring
from .discourse import county_short_forms, demonym
from .index import Candidate, Gazetteer, _ids, haversine

PRECISION = {"continent": "country", "country": "country", "demonym": "country", "admin1": "admin1",
             "admin2": "admin1", "region": "admin1", "sea": "admin1"}
# Words after a name that say what kind of place it is; stripped when the full phrase is not in the gazetteer.
_GENERIC = re.compile(r"\s+(?:province|governorate|district|region|county|parish|state|city|town|village|area|"
                      r"air ?base|airport|base|camp|refugee camp|crossing|border crossing|oil ?field|dam|"
                      r"neighbou?rhood|municipality|sub-?district|prefecture|oblast)$", re.IGNORECASE)
_KIND_OF = {"province": ("admin1",), "governorate": ("admin1",), "state": ("admin1",), "county": ("admin2",),
            "parish": ("admin2",), "district": ("admin2", "city")}
_QUALIFIER = re.compile(r"\s*,\s*((?:[A-Z][A-Za-z.'’]*\.?)(?:\s+[A-Z][A-Za-z.'’]*){0,2})")
_CONTAINER = re.compile(r"((?:[A-Z][\w’'-]*\s+){0,2}[A-Z][\w’'-]*)(?:\s+(?:province|governorate|state|county|region|district))?[’']s\s+$")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Resolution:
    mention: Mention
    place: Candidate | None
    precision: str | None
    score: float = 0.0


def _strip(text: str) -> str:
    text = text.strip()
    for suffix in ("’s", "'s"):
        text = text.removesuffix(suffix)
    return text


def candidates(gaz: Gazetteer, text: str) -> tuple[list[Candidate], str | None]:
    """Rows for a mention, and the generic word stripped to find them (None when found as written)."""
    text = _strip(text)
    alias = gaz.alias(text)
    if alias is not None:
        if not ALIAS_RIVALS:
            return [alias], None
        # "Palestine" is the Palestinian territories, unless the article is about Texas
        return [alias] + [c for c in gaz.lookup(text) if c.row != alias.row and c.feature in ("city", "capital")
                          and names.fold(c.name) == names.fold(text)], None
    found = gaz.lookup(text)
    if found:
        lo = names.loose(text)
        if names.key(text) != lo:
            # "Mt. Pleasant" meets GeoNames' "Mt Pleasant" strictly, but Mount Pleasant, Iowa only loosely:
            # rows whose own name is the same name spelled out are readings too
            found += [c for c in map(gaz.candidate, _ids(gaz.loose.get(lo))) if c not in found and names.loose(c.name) == lo]
        if COUNTY_SHORT:
            # "Lancaster" in a Nebraska paper is often Lancaster County: its short name is a reading too
            found += [c for c in gaz.admin2_short(text) if c not in found]
        return found, None
    if text[-1:] == "s" and text[:1].isupper():
        # plural demonyms: "Syrians", "Americans", "Iowans" (the people standing for their place)
        for stem in (text[:-1], text[:-2], text[:-3], text[:-3] + "o"):
            hit = gaz.alias(stem) or next((c for c in gaz.lookup(stem) if c.feature in ("demonym", "admin1", "country")), None)
            if hit is not None:
                return [hit], None
    m = _GENERIC.search(text)
    if m:
        head = text[: m.start()]
        kind = m.group(0).strip().lower()
        found = gaz.lookup(head)
        wanted = _KIND_OF.get(kind)
        if wanted:
            found = [c for c in found if c.feature in wanted] or found
        return found, kind
    return [], None


def _prior(c: Candidate) -> float:
    return scoring.prior(c)


def _area(gaz: Gazetteer, text: str) -> list[Candidate]:
    """Countries and provinces a qualifier or container names ("S.C.", "Iraq", "Anbar province")."""
    found, _ = candidates(gaz, text)
    return [c for c in found if c.feature in ("country", "admin1", "region", "admin2")]


def _inside(c: Candidate, area: Candidate) -> bool:
    if area.feature == "country":
        return c.country == area.country
    if area.feature == "admin1":
        return c.admin1 == area.admin1 or (c.country == area.country and haversine(c.lat, c.lon, area.lat, area.lon) < 250)
    return c.country == area.country and haversine(c.lat, c.lon, area.lat, area.lon) < 150



COUNTY_SHORT = True
ALIAS_RIVALS = True
ROUNDS = 4  # at most: context from the first readings, then from the revised ones, ...


def _pick(cands: list[Candidate], ctx: scoring.Context, current: Candidate | None = None,
          trace: list | None = None) -> tuple[Candidate | None, float, float]:
    """The best reading in this context, its score, and the score of the ``current`` reading."""
    if not cands:
        if trace is not None:
            trace.append(([], []))
        return None, -1e9, 0.0
    vecs = scoring.features(cands, ctx, _inside)
    scores = [scoring.score(v) for v in vecs]
    if trace is not None:
        trace.append((cands, vecs))
    best = max(range(len(cands)), key=scores.__getitem__)
    own = scores[cands.index(current)] if current in cands else scores[best]
    return cands[best], scores[best], own


def resolve(gaz: Gazetteer, text: str, mentions: Sequence[Mention], focus: Sequence[str] = (),
            trace: list | None = None) -> list[Resolution]:
    """Resolve each mention against the gazetteer in the context of the whole text.

    ``focus`` are place names that frame the article (its dateline, "ERBIL, Kurdistan Region"):
    they count as context like mentions, with more weight.
    """
    cands: list[list[Candidate]] = []
    generic: list[str | None] = []
    local: list[list[Candidate]] = []  # qualifier/container areas per mention
    written = {names.loose(_strip(m.text)) for m in mentions}
    stems: list[str | None] = []
    for m in mentions:
        found, kind = candidates(gaz, m.text)
        stem = None
        if not found:
            stem, found = demonym(gaz, _strip(m.text), written)
        stems.append(stem)
        cands.append(found)
        generic.append(kind)
        areas: list[Candidate] = []
        q = _QUALIFIER.match(text, m.end)
        if q:
            words = q.group(1).split()
            for n in range(len(words), 0, -1):
                # "Florida Atlantic University, California Polytechnic State University" is a list, not a
                # qualifier: one is a whole area name, or one that ends its sentence ("Jefferson County, Colo. A")
                if n < len(words) and not words[n - 1].endswith("."):
                    continue
                got = _area(gaz, " ".join(words[:n]))
                if got:
                    areas += got
                    break
        c = _CONTAINER.search(text, max(0, m.start - 60), m.start)
        if c:
            areas += _area(gaz, c.group(1))
        local.append(areas)

    # the article's frame: countries and provinces, weighted by how often and how surely they are named
    frame_c: Counter[str] = Counter()
    frame_a: Counter[str] = Counter()
    for name in focus:
        found, _ = candidates(gaz, name)
        if found:
            best = max(found, key=_prior)
            if best.country:
                frame_c[best.country] += 3
            if best.admin1:
                frame_a[best.admin1] += 3
    keys = [names.loose(stem or _strip(m.text)) for m, stem in zip(mentions, stems)]
    # one sense per discourse (Leidner 2007): "Elizabethtown, Pennsylvania" once qualified, the bare
    # "Elizabethtown" later in the article is the same town
    shared: dict[str, list[Candidate]] = {}
    for k, areas in zip(keys, local):
        shared.setdefault(k, []).extend(a for a in areas if a not in shared.get(k, ()))
    local = [shared[k] for k in keys]
    counties = county_short_forms([_strip(m.text) for m in mentions], cands, keys)
    picked: list[Candidate | None] = [max(c, key=_prior) if c else None for c in cands]
    support = coherence.pair_support(cands, keys)
    close = coherence.closeness(cands, keys)
    # Rounds of context: each round reads every name in the context of the others' readings from the
    # round before. Such updates can swing between two joint readings (Richmond, Va. with Madison
    # County, Va.; then Richmond, Ky. with Madison County, Ky.); each round also scores the readings it
    # was given in their own context, and the reading of the whole article that scores best in its own
    # context is kept (a fixed point, if the rounds reach one)
    def contexts(picked: list[Candidate | None]) -> list[scoring.Context]:
        countries, admin1s = Counter(frame_c), Counter(frame_a)
        by_key: dict[str, tuple[Counter, Counter]] = {}
        for k, p in zip(keys, picked):
            if p is None:
                continue
            kc, ka = by_key.setdefault(k, (Counter(), Counter()))
            if p.country:
                countries[p.country] += 1
                kc[p.country] += 1
            if p.admin1 and p.feature not in ("country", "demonym"):
                admin1s[p.admin1] += 1
                ka[p.admin1] += 1
        # the state or province the article names most often, outright ("Ontario", "Ky."): the frame
        # of local news (Lieberman et al. 2010's local lexicon, read off the article itself)
        named = Counter(p.admin1 for p in picked if p is not None and p.feature == "admin1" and p.admin1).most_common(2)
        frame = named[0][0] if named and (len(named) == 1 or named[0][1] > named[1][1]) else None
        points = [(p.lat, p.lon, k) for p, k in zip(picked, keys)
                  if p is not None and p.feature not in ("country", "continent", "demonym", "region", "sea")]
        out = []
        for i in range(len(mentions)):
            # leave-one-out: a name's own mentions do not vote for its reading (one sense per discourse)
            kc, ka = by_key.get(keys[i], (Counter(), Counter()))
            pts = [(la, lo) for la, lo, k in points if k != keys[i]]
            out.append(scoring.Context(keys[i], countries - kc, admin1s - ka, local[i], pts, support, counties[i],
                                       frame, close))
        return out

    history: list[tuple[float, list, list, list]] = []
    for _round in range(ROUNDS):
        ctxs = contexts(picked)
        new_picked, own, round_trace = [], [], ([] if trace is not None else None)
        for i in range(len(mentions)):
            best, _s, o = _pick(cands[i], ctxs[i], picked[i], round_trace)
            new_picked.append(best)
            own.append(o)
        history.append((sum(own), picked, own, round_trace))
        if new_picked == picked:
            break
        picked = new_picked
    _energy, picked, scores, round_trace = max(history, key=lambda h: h[0])
    if trace is not None and round_trace is not None:
        trace.extend(round_trace)
    _in_area(picked, local)
    _fallback(gaz, mentions, cands, picked, keys, generic, local, text)
    out = []
    for i, m in enumerate(mentions):
        p = picked[i]
        if p is None:
            out.append(Resolution(m, None, None))
            continue
        precision = PRECISION.get(p.feature, "exact")
        if p.source == "context" or generic[i] in ("district", "county", "area", "region") and p.feature in ("city", "capital"):
            precision = "near"  # "Qaim district" resolved to the town of Qaim; a golf club placed at its town
        out.append(Resolution(m, p, precision, scores[i]))
    return out


def _in_area(picked: list[Candidate | None], local: list[list[Candidate]]) -> None:
    """A qualified name with no reading inside its qualifier ("Grantville, Pennsylvania" when only a
    Georgia Grantville is indexed) is a small place in that area: placed at the article's other place
    there nearest the area's point (local news names its neighbours), else at the area itself."""
    top = Counter(p.country for p in picked if p is not None and p.country).most_common(1)
    for i, areas in enumerate(local):
        if not areas or (picked[i] is not None and any(_inside(picked[i], a) for a in areas)):
            continue
        # a name the gazetteer lacks entirely: only a state of the article's own country qualifies it
        # ("Lake Robinson, Lake ..." is no Lac, Chad)
        if picked[i] is None:
            areas = [a for a in areas if top and a.country == top[0][0]]
        # a state, in the country of the reading: "Barcelona, Liverpool" and "Pensacola, Panama City"
        # are lists, not qualifiers
        area = next((a for a in areas if a.feature == "admin1"), None)
        if area is None or picked[i] is not None and (picked[i].feature != "city" or picked[i].country != area.country):
            continue
        inside = [p for j, p in enumerate(picked) if j != i and p is not None and p.source != "context"
                  and p.feature in ("city", "capital") and _inside(p, area)]
        base = min(inside, key=lambda p: haversine(p.lat, p.lon, area.lat, area.lon)) if inside else area
        picked[i] = Candidate(-1, base.name, base.lat, base.lon, None, base.country, base.admin1, "unknown", 0,
                              "context")


# Words inside names that are also town names somewhere ("Old Town", Maine; "Bank", Iran).
_NOT_INSIDE = {"old town", "international", "bank", "central", "north", "south", "east", "west", "new", "old",
               "academy", "university", "college", "airport", "golf", "club", "high", "school", "middle", "park",
               "elementary", "city", "county", "state", "united", "national", "federal", "royal", "grand", "hotel",
               "church", "hospital", "center", "centre", "market", "station", "trust", "northern", "southern",
               # feature words: "Lake Robinson" is no clue to a town called Lac or Lake
               "lake", "river", "mount", "gulf", "bay", "island", "islands", "creek", "square", "avenue", "street",
               "road", "drive", "lagoon", "valley", "beach", "hill", "hills", "point", "harbor", "harbour", "colony"}


HOME_KM = 161.0
STREETS = True
_STREET = re.compile(r"\b(?:street|st|avenue|ave|road|rd|drive|dr|boulevard|blvd|lane|ln|way|place|pl|court|ct|"
                     r"terrace|highway|hwy|parkway|pkwy|route)\.?(?:\s+(?:north|south|east|west|[nsew]))?$", re.IGNORECASE)
CONTAINER = True
HOME_COUNTRY = True
INNER_KM = 300.0
INNER_BIG = 100_000  # a big city inside a name ("Manila Cathedral") is a clue wherever it is


WEAK_HOME_MIN = 5  # places around the article's own one before a far weak reading is doubted
WEAK_POP = 2000
WEAK_KM = 500.0


def _home(picked: list[Candidate | None]) -> tuple[Candidate | None, int]:
    """The article's own place: the resolved place with most of the others around it (a medoid), so a
    cluster of Virginia towns outvotes one stray Charleston; a country only when nothing finer is named."""
    fine = [p for p in picked if p is not None and p.feature not in ("country", "continent", "demonym", "sea", "region")]
    # the home lies in the country the article names most (its countries and demonyms count too):
    # two "Makeen" read as Makin, Kiribati, do not make a story about Waziristan a Pacific one
    top = Counter(p.country for p in picked if p is not None and p.country).most_common(2)
    if HOME_COUNTRY and top and (len(top) == 1 or top[0][1] > top[1][1]):
        fine = [p for p in fine if p.country == top[0][0]] or fine
    if fine:
        counts = [sum(haversine(p.lat, p.lon, q.lat, q.lon) < HOME_KM for q in fine) for p in fine]
        best = max(range(len(fine)), key=counts.__getitem__)
        return fine[best], counts[best]
    return next((p for p in picked if p is not None and p.feature == "country"), None), 0


def _fallback(gaz: Gazetteer, mentions: Sequence[Mention], cands: list[list[Candidate]],
              picked: list[Candidate | None], keys: list[str], generic: list[str | None],
              local: list[list[Candidate]] | None = None, text: str = "") -> None:
    """Names the gazetteer lacks ("Manila Cathedral", "Stonewall Golf Club", "Lake Manassas").

    First a known place inside the name (Manila); else the article's own place, the one it names
    most: local news places its schools and streets in its town (the "one sense per discourse"
    of Leidner 2007 carried to unknown names). Marked precision "near".
    """
    home, strength = _home(picked)
    # a weak reading (another spelling, or a hamlet) far from the article's own place is likelier a
    # local place the gazetteer lacks: "Toco" in a Texas paper is not Tocco da Casauria
    if home is not None and home.feature != "country" and strength >= WEAK_HOME_MIN:
        for i, p in enumerate(picked):
            if p is None or p.feature not in ("city", "admin2") or gaz.alias(mentions[i].text) is not None:
                continue
            if local is not None and any(_inside(p, a) for a in local[i]):
                continue  # "Kane County, Ill." in a Kansas paper: the qualifier settles it
            # (an admin2 row's population counts its towns, not people)
            weak = names.loose(p.name) != keys[i] and p.population < INNER_BIG or \
                p.population < WEAK_POP and p.feature == "city"
            if weak and haversine(p.lat, p.lon, home.lat, home.lon) > WEAK_KM:
                picked[i] = None
    spans = [(m.start, m.end) for m in mentions]
    # a town contains only where its reading is sure: a big city, or one in a country the article's
    # other names are in too ("Agriculture Park near Makeen" is not on Makin, Kiribati)
    by_country: dict[str, set[str]] = {}
    for k, p in zip(keys, picked):
        if p is not None and p.source != "context" and p.country:
            by_country.setdefault(p.country, set()).add(k)
    towns = [p is not None and p.source != "context" and p.feature in ("city", "capital", "admin2") and
             (p.population >= INNER_BIG or len(by_country.get(p.country, ())) > 1) for p in picked]
    for i, m in enumerate(mentions):
        p = picked[i]
        # a town read far from the town it is said to be in ("OAS in Washington" is no Oas, Philippines)
        far = p is not None and p.source != "context" and p.feature not in ("country", "continent", "demonym",
                                                                            "admin1", "admin2", "region", "sea")
        if p is not None and not far or not _strip(m.text):
            continue
        j = containment.container(text, spans, i, towns) if CONTAINER and text else None
        if far and (j is None or haversine(p.lat, p.lon, picked[j].lat, picked[j].lon) <= HOME_KM):
            continue
        if j is not None:
            # "Palais des Nations in Geneva": the town named beside it, before any guess from its words
            base = picked[j]
            picked[i] = Candidate(-1, m.text, base.lat, base.lon, None, base.country, base.admin1, "unknown", 0,
                                  "context")
            continue
        # a street is named after a place elsewhere ("Victoria St.", "Eglinton Avenue West"): its
        # words are no clue, the article's own town is
        words = [] if STREETS and _STREET.search(_strip(m.text)) else _strip(m.text).replace("/", " ").split()
        inner, inner_s = None, -1e9
        for n in range(len(words) - 1, 0, -1):
            for j in range(len(words) - n + 1):
                part = " ".join(words[j:j + n])
                if not part[:1].isupper() or names.fold(part) in _NOT_INSIDE:
                    continue
                alias = gaz.alias(part)
                for c in [alias] if alias else candidates(gaz, part)[0]:
                    if c.feature == "demonym":
                        continue  # "Indian Orchard", "British International School": a people, not a place
                    if not alias and (names.fold(c.name) != names.fold(part) or
                                      c.population < 1000 and c.feature in ("city", "capital")):
                        continue
                    sc = _prior(c)
                    if home is not None and c.feature not in ("country", "continent"):
                        d = haversine(c.lat, c.lon, home.lat, home.lon)
                        if d > INNER_KM and home.feature != "country" and c.population < INNER_BIG:
                            continue  # "Robert Trent Jones Golf Club": a Jones, Oklahoma is no clue
                        sc += 10.0 if d < 150 else 3.0 if c.country == home.country else 0.0
                    if sc > inner_s:
                        inner, inner_s = c, sc
        base = inner or home
        if base is not None:
            picked[i] = Candidate(-1, m.text, base.lat, base.lon, None, base.country, base.admin1, "unknown", 0,
                                  "context")
