"""The pages on a store of conflict articles, in headless Chromium: the map zoomed in and out, a
point opening its event's sources, a range dragged on the timeline, the home page; each leaves a
screenshot under tests/artifacts/. Pixel checks: the map is not one colour, and no symbol grows
beyond the cap however many were killed.

The store: the conflict dev articles (../shared/eval/conflict/dev.jsonl, through require_shared)
that mention Aleppo, every second one (53 articles: overlapping events in one city, events told by
several outlets, tolls from a few to hundreds of thousands), ingested by ``dateline ingest``.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time

import pytest

from conftest import SHARED, require_shared, serve
from dateline.api import basemap
from test_web import shot  # that module skips these tests too without chromium

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
uvicorn = pytest.importorskip("uvicorn")
Image = pytest.importorskip("PIL.Image", reason="pillow is not installed")

DEV = SHARED / "eval" / "conflict" / "dev.jsonl"
GENERIC = {"people", "civilians", "terrorists", "regime", "government", "rebels", "militants", "forces", "army"}


@pytest.fixture(scope="module")
def conflict_db(tmp_path_factory) -> str:
    lines = require_shared(DEV, "../shared/eval/conflict").read_text(encoding="utf-8").splitlines()
    picked = [json.loads(line) for line in lines if "Aleppo" in json.loads(line)["text"]][::2]
    folder = tmp_path_factory.mktemp("conflict")
    source = folder / "aleppo.jsonl"
    source.write_text(
        "".join(json.dumps({"id": a["id"], "text": a["text"], "title": a.get("title")}) + "\n" for a in picked),
        encoding="utf-8",
    )
    db = str(folder / "conflict.duckdb")
    run = subprocess.run(
        [sys.executable, "-m", "dateline.cli", "ingest", str(source), "--db", db, "--workers", "1"],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return db


@pytest.fixture(scope="module")
def site(conflict_db):
    yield from serve(conflict_db)


def ready(page) -> None:
    page.wait_for_selector("#map[data-ready='1']")
    page.wait_for_load_state("networkidle")  # outlines and labels drawn
    page.wait_for_timeout(400)  # Leaflet's zoom animation


def zoom(page) -> int:
    return page.evaluate("window.datelineMap.getZoom()")


def wait_zoom(page, level: int) -> None:
    # polled from here: wait_for_function evaluates a string in the page, which the pages' CSP forbids
    deadline = time.time() + 10
    while zoom(page) != level:
        assert time.time() < deadline, (zoom(page), level)
        page.wait_for_timeout(100)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(700)  # the clusters' animation


def zoom_by(page, steps: int) -> None:
    """Click the + or − button ``steps`` times, each once the map has reached the level before."""
    button = ".leaflet-control-zoom-in" if steps > 0 else ".leaflet-control-zoom-out"
    for _ in range(abs(steps)):
        level = zoom(page)
        page.click(button)
        wait_zoom(page, level + (1 if steps > 0 else -1))


def symbols(page) -> list[dict]:
    """Every event symbol and cluster on screen, with its size in CSS pixels."""
    return page.evaluate(
        """() => [...document.querySelectorAll('#map path.leaflet-interactive, #map .cluster')].map(e => {
            const b = e.getBoundingClientRect();
            const kind = e.classList.contains('cluster') ? 'cluster' : 'point';
            return {kind: kind, w: b.width, h: b.height, n: kind === 'cluster' ? parseInt(e.textContent, 10) || 0 : 1};
        }).filter(s => s.w > 0)"""
    )


def map_pixels(page):
    return Image.open(io.BytesIO(page.locator("#map").screenshot())).convert("RGB")


def test_map_zooms_in_and_out_with_clusters_and_town_labels(page, site):
    page.goto(site + "/events")
    ready(page)
    shot(page, "conflict_events")
    start = zoom(page)
    before = symbols(page)
    assert before and any(s["kind"] == "cluster" for s in before)  # overlapping points are clustered
    towns = page.locator(".maplabel.town").count()
    assert towns >= 3  # the basemap names towns to orient by
    zoom_by(page, 2)
    assert zoom(page) == start + 2
    shot(page, "conflict_zoom_in")
    assert page.locator(".maplabel.town").count() >= 1
    zoom_by(page, -4)
    assert zoom(page) == start - 2
    shot(page, "conflict_zoom_out")
    out = symbols(page)
    # zoomed out, more points fall together: the clusters hold more of them and the biggest grows
    # (more symbols may show: zooming out brings places outside the first view into it)
    clustered = [sum(s["n"] for s in ss if s["kind"] == "cluster") for ss in (before, out)]
    biggest = [max((s["n"] for s in ss if s["kind"] == "cluster"), default=0) for ss in (before, out)]
    assert clustered[1] >= clustered[0] and biggest[1] > biggest[0], (clustered, biggest)


def test_symbols_stay_under_the_cap_and_the_map_is_not_one_colour(page, site):
    points = page.request.get(site + "/map/points.json").json()
    col = {c: i for i, c in enumerate(points["columns"])}
    killed = max(p[col["fatalities"]] or 0 for p in points["points"])
    assert 4 + 1.5 * killed**0.5 > basemap.SYMBOL_CAP_PX  # the store holds a toll the cap must hold back
    page.goto(site + "/events")
    ready(page)
    zoom_by(page, 3)  # closer in, clusters open into single symbols
    cap = basemap.SYMBOL_CAP_PX
    shown = symbols(page)
    assert any(s["kind"] == "point" for s in shown)
    for s in shown:  # stroke included; a cluster's icon is capped at twice the radius too
        assert max(s["w"], s["h"]) <= 2 * cap + 2, s
    img = map_pixels(page)
    colours = img.getcolors(maxcolors=1 << 20)
    assert colours is not None
    total = img.width * img.height
    assert max(n for n, _ in colours) / total < 0.9  # land, sea, borders, symbols: not one colour
    # the symbols in pixels: the widest run of strongly coloured (event-red) pixels on any row is
    # no wider than a capped symbol (land, sea, borders and labels are pale or grey)
    px = img.load()
    widest = 0
    for y in range(img.height):
        run = 0
        for x in range(img.width):
            r, g, b = px[x, y]
            run = run + 1 if r > 150 and r - g > 70 and r - b > 70 else 0
            widest = max(widest, run)
    assert 0 < widest <= 2 * cap + 2


def test_a_point_opens_its_event_sources(page, site):
    page.goto(site + "/events")
    ready(page)
    zoom_by(page, 3)
    # the largest symbol wholly inside the map (Leaflet also draws those just beyond its edges)
    x, y = page.evaluate(
        """() => {
            const m = document.getElementById('map').getBoundingClientRect();
            const inside = [...document.querySelectorAll('#map path.leaflet-interactive')]
                .map(e => e.getBoundingClientRect())
                .filter(b => b.width > 0 && b.left > m.left + 60 && b.right < m.right - 10 && b.top > m.top + 10 && b.bottom < m.bottom - 30)
                .sort((a, b) => b.width - a.width);
            return [inside[0].left + inside[0].width / 2, inside[0].top + inside[0].height / 2];
        }"""
    )
    page.mouse.click(x, y)
    popup = page.locator(".leaflet-popup .popup")
    popup.locator("li a").first.wait_for()
    page.wait_for_timeout(500)  # the popup's fade-in
    shot(page, "conflict_point_sources")
    links = popup.locator("li a")
    assert links.count() >= 1
    href = links.first.get_attribute("href")
    assert href.startswith("/articles/") and "#s-" in href
    links.first.click()
    page.wait_for_url("**/articles/**")
    sentence = page.locator(".hl.sentence.target")
    sentence.wait_for()
    shot(page, "conflict_article_from_map")
    assert sentence.is_visible()


def test_a_range_dragged_on_the_timeline_filters_map_and_list(page, site):
    page.goto(site + "/events")
    ready(page)
    listed = page.locator("ul.events li.event").count()
    on_map = len(page.request.get(site + page.locator("#map").get_attribute("data-points")).json()["points"])
    box = page.locator("svg#timeline").bounding_box()
    y = box["y"] + box["height"] * 0.5
    page.mouse.move(box["x"] + box["width"] * 0.55, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.75, y, steps=8)
    page.mouse.up()
    page.wait_for_url("**date_from=*")
    ready(page)
    shot(page, "conflict_timeline_range")
    start, end = page.input_value("input[name=date_from]"), page.input_value("input[name=date_to]")
    assert start and end and start < end
    assert page.locator("svg#timeline rect.shade").count() == 1
    days = page.locator("ul.events li.event").evaluate_all("els => els.map(e => [e.dataset.day, e.dataset.last])")
    assert 0 < len(days) <= listed
    assert all(first <= end and (last or first) >= start for first, last in days)  # each overlaps the range
    points = page.request.get(site + page.locator("#map").get_attribute("data-points")).json()
    col = {c: i for i, c in enumerate(points["columns"])}
    assert 0 < len(points["points"]) < on_map
    assert all(p[col["day"]] <= end and p[col["last"]] >= start for p in points["points"])  # the list's filter


def test_home_page_tells_the_story(page, site):
    page.goto(site + "/")
    ready(page)
    shot(page, "conflict_home")
    span = page.locator("#span").inner_text()
    first = page.request.get(site + "/api/articles?limit=1").json()["items"][0]["published"]
    assert first and first in span  # the newest publication date ends the range
    actors = page.locator("ul.actors li a").all_inner_texts()
    assert len(actors) >= 5
    assert not {a.lower() for a in actors} & GENERIC
    places = {p["name"].lower() for p in page.request.get(site + "/api/places?limit=1000").json()["items"]}
    assert not {a.lower() for a in actors} & places  # no cities or countries among the actors
    assert page.locator("ul.articles .main-event").count() >= 5  # each article led by its main event
    assert page.locator("ul.contradictions li").count() >= 1
    assert page.locator("#map path.leaflet-interactive, #map .cluster").count() >= 1


def test_article_page_on_the_conflict_store(page, site):
    aid = page.request.get(site + "/api/articles?limit=1").json()["items"][0]["id"]
    page.goto(f"{site}/articles/{aid}")
    shot(page, "conflict_article")
    assert page.locator("#text .hl.event").count() >= 1
