"""What the events map (Leaflet, static/map.js) draws under the events, offline: the colours of
the event types, the country outlines and the names of towns and provinces.

Country outlines are Natural Earth 1:110m (via johan/world.geo.json) as shipped in the
``countryinfo`` package, which the gazetteer already depends on; names come from the gazetteer.
A PyPI install brings the basemap, with no npm step, no CDN and no tile server (docs/service.md).
"""

from __future__ import annotations

import functools
import json
import logging
import math
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
LABEL_GAP_PX = 70  # about a label's width: names nearer than this to a larger place's are left out


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

    # labels closer than LABEL_GAP_PX at this zoom would overlap: the larger place keeps its name
    gap = LABEL_GAP_PX * 360 / (256 * 2**zoom)
    taken: list[tuple[float, float]] = []

    def free(lat: float, lon: float) -> bool:
        k = math.cos(math.radians(lat))
        if any(abs(lat - a) < gap / 2 and abs(lon - b) * k < gap for a, b in taken):
            return False
        taken.append((lat, lon))
        return True

    shown = []
    for pop, name, lat, lon in towns:
        if pop < least or len(shown) >= LABELS_SHOWN:
            break
        if inside(lat, lon) and free(lat, lon):
            shown.append([name, round(lat, 4), round(lon, 4), pop])
    regions_shown = (
        [[n, round(lat, 4), round(lon, 4)] for n, lat, lon in regions if inside(lat, lon) and free(lat, lon)][:40]
        if 6 <= zoom <= 8
        else []
    )
    return {"towns": shown, "regions": regions_shown}
