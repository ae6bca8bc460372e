"""The world basemap and the map of events, drawn as SVG on the server.

Country outlines are Natural Earth 1:110m (via johan/world.geo.json) as shipped in the
``countryinfo`` package, which the gazetteer already depends on: a PyPI install brings the
basemap, with no npm step, no CDN and no tile server. The projection is equirectangular with
the x axis shrunk by cos(mid-latitude) of the view, which keeps small regions (the usual extent
of a conflict) close to true shape; SVG needs no JavaScript to draw it, and a point is an ``<a>``
to the sentence behind the event. Hand-written because the only libraries that project and draw
offline (cartopy, geopandas + matplotlib) would add hundreds of megabytes for a 110m outline.
"""

from __future__ import annotations

import functools
import json
import logging
import math
from dataclasses import dataclass
from importlib import resources

log = logging.getLogger(__name__)

# PLOVER event types → colour (ColorBrewer Set1/Dark2, colour-blind tolerant); others are grey.
COLOURS = {
    "ASSAULT": "#d7301f",
    "COERCE": "#e6550d",
    "MOBILIZE": "#fd8d3c",
    "THREATEN": "#f16913",
    "PROTEST": "#756bb1",
    "SANCTION": "#8c6d31",
    "REJECT": "#a50f15",
    "ACCUSE": "#c51b8a",
    "REQUEST": "#2171b5",
    "CONSULT": "#1b9e77",
    "COOPERATE": "#66a61e",
    "AGREE": "#31a354",
    "SUPPORT": "#238b45",
    "AID": "#41ab5d",
    "RETREAT": "#525252",
    "CONCEDE": "#6baed6",
}
OTHER = "#737373"


def colour(event_type: str | None) -> str:
    return COLOURS.get((event_type or "").upper(), OTHER)


@functools.cache
def country_paths() -> tuple[tuple[str, str], ...]:
    """(ISO3, SVG path in lon/−lat degrees) for every country outline the package ships."""
    try:
        folder = resources.files("countryinfo").joinpath("data")
    except ModuleNotFoundError:
        log.warning("countryinfo is not installed: the map is drawn without country outlines")
        return ()
    out = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".json"):
            continue
        try:
            geo = json.loads(entry.read_text(encoding="utf-8")).get("geoJSON") or {}
        except (ValueError, OSError):
            continue
        for feature in geo.get("features") or ():
            path = _path(feature.get("geometry") or {})
            if path:
                out.append((str(feature.get("id") or ""), path))
    return tuple(out)


def _path(geometry: dict) -> str:
    kind, coords = geometry.get("type"), geometry.get("coordinates") or []
    polygons = [coords] if kind == "Polygon" else coords if kind == "MultiPolygon" else []
    parts = []
    for polygon in polygons:
        for ring in polygon:
            if len(ring) >= 3:
                parts.append("M" + "L".join(f"{x:.2f},{-y:.2f}" for x, y in ring) + "Z")
    return "".join(parts)


@dataclass(frozen=True)
class View:
    """The visible box in degrees, and how to turn lon/lat into SVG user units."""

    west: float
    south: float
    east: float
    north: float

    @property
    def k(self) -> float:
        return max(0.2, math.cos(math.radians((self.north + self.south) / 2)))

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return lon * self.k, -lat

    @property
    def viewbox(self) -> str:
        return f"{self.west * self.k:.3f} {-self.north:.3f} {(self.east - self.west) * self.k:.3f} {self.north - self.south:.3f}"

    @property
    def span(self) -> float:
        return max((self.east - self.west) * self.k, self.north - self.south)


WORLD = View(-180, -60, 180, 84)


def fit(points: list[tuple[float, float]], pad: float = 0.25, min_span: float = 12.0) -> View:
    """A view around the points (lon, lat) with a margin, never narrower than ``min_span`` degrees."""
    if not points:
        return WORLD
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    w, e, s, n = min(lons), max(lons), min(lats), max(lats)
    cx, cy = (w + e) / 2, (s + n) / 2
    half_w = max((e - w) * (1 + pad), min_span) / 2
    half_h = max((n - s) * (1 + pad), min_span * 0.6) / 2
    # keep a pleasant 16:10 aspect so the map does not become a sliver
    k = max(0.2, math.cos(math.radians(cy)))
    half_w = max(half_w, half_h * 1.6 / k)
    half_h = max(half_h, half_w * k / 1.6)
    return View(max(-180, cx - half_w), max(-85, cy - half_h), min(180, cx + half_w), min(85, cy + half_h))


def marker_radius(weight: float, view: View) -> float:
    """Circle radius in user units: area grows with the weight (fatalities or sources)."""
    return view.span * (0.006 + 0.004 * math.sqrt(max(0.0, weight)))


# -- the interactive map's basemap (Leaflet, static/map.js) ------------------------------------------
SYMBOL_CAP_PX = 22  # the largest event symbol's radius: area by sqrt(fatalities), never beyond this
@functools.cache
def countries_geojson() -> bytes:
    """Every country outline the ``countryinfo`` package ships, as one GeoJSON FeatureCollection
    (served once per browser session and cached: the map's land and borders, offline)."""
    features = []
    try:
        folder = resources.files("countryinfo").joinpath("data")
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except ModuleNotFoundError:
        log.warning("countryinfo is not installed: the map is drawn without country outlines")
        entries = []
    for entry in entries:
        if not entry.name.endswith(".json"):
            continue
        try:
            geo = json.loads(entry.read_text(encoding="utf-8")).get("geoJSON") or {}
        except (ValueError, OSError):
            continue
        for f in geo.get("features") or ():
            if f.get("geometry"):
                features.append({"type": "Feature", "id": f.get("id"), "properties": {}, "geometry": f["geometry"]})
    return json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")).encode()


# Towns labelled at each zoom: only the larger ones when zoomed out, so labels orient without
# covering the points (a zoom-6 view of Syria shows ~20 towns, zoom 9 the villages of a district).
LABEL_POPULATION = {4: 1_000_000, 5: 300_000, 6: 100_000, 7: 30_000, 8: 10_000, 9: 2_000}
LABELS_SHOWN = 120


@functools.cache
def _places() -> tuple[list[tuple[int, str, float, float]], list[tuple[str, float, float]]]:
    """The gazetteer's towns (population, name, lat, lon; largest first) and first-level divisions."""
    from ..resolve import gazetteer as gz

    g = gz.gazetteer()
    towns, regions = [], []
    for i, feature in enumerate(g.feature):
        if feature in ("city", "capital") and g.pop[i] >= 2_000:
            towns.append((g.pop[i], g.name[i], g.lat[i], g.lon[i]))
        elif feature == "admin1":
            regions.append((g.name[i], g.lat[i], g.lon[i]))
    towns.sort(key=lambda t: -t[0])
    return towns, regions


def labels(west: float, south: float, east: float, north: float, zoom: int) -> dict:
    """The names to write on the map in a view: towns large enough for the zoom (largest first) and,
    at regional zooms, the first-level divisions (provinces, governorates)."""
    try:
        towns, regions = _places()
    except Exception:  # noqa: BLE001 - no gazetteer: a map without labels, not a failing page
        log.warning("no gazetteer for the map's labels", exc_info=True)
        return {"towns": [], "regions": []}
    least = LABEL_POPULATION.get(min(max(zoom, 4), 9), 0) if zoom < 10 else 500

    def inside(lat: float, lon: float) -> bool:
        return south <= lat <= north and west <= lon <= east

    shown = []
    for pop, name, lat, lon in towns:
        if pop < least:
            break
        if inside(lat, lon):
            shown.append([name, round(lat, 4), round(lon, 4), pop])
            if len(shown) >= LABELS_SHOWN:
                break
    regions_shown = (
        [[n, round(lat, 4), round(lon, 4)] for n, lat, lon in regions if inside(lat, lon)][:60]
        if 5 <= zoom <= 8
        else []
    )
    return {"towns": shown, "regions": regions_shown}
