"""The web pages in headless Chromium on a store filled by ``dateline demo`` with the sample articles.

Needs Debian's ``chromium`` and the ``playwright`` package (scripts/ci-browser-deps.sh installs both;
``playwright install`` is never run). Without them every test here is skipped. Each page leaves a
screenshot under tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip("chromium is not installed (scripts/ci-browser-deps.sh installs it)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
uvicorn = pytest.importorskip("uvicorn")

from conftest import serve

ARTIFACTS = Path(__file__).parent / "artifacts"
SAMPLES = Path(__file__).resolve().parents[1] / "src" / "dateline" / "data" / "samples"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("web") / "demo.duckdb")
    run = subprocess.run(
        [sys.executable, "-c", "from dateline.cli import main; main()", "demo", "--db", db],
        check=False,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode in (0, 1), run.stderr[-2000:]  # 1: some sample was rejected, the rest stored
    assert "sample articles analyzed" in run.stdout, run.stdout[-2000:] + run.stderr[-2000:]
    return db


@pytest.fixture(scope="module")
def site(demo_db):
    yield from serve(demo_db)


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def sample_ids() -> set[str]:
    ids = set()
    for line in (SAMPLES / "samples.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            ids.add(json.loads(line)["id"])
    return ids


def test_overview_lists_the_sample_articles(page, site):
    page.goto(site + "/")
    shot(page, "overview")
    titles = page.locator("ul.articles > li > a").all_inner_texts()
    assert len(titles) >= min(12, len(sample_ids()))  # the latest twelve
    assert page.locator(".counts").inner_text().split()[0] != "0"


def map_ready(page) -> None:
    page.wait_for_selector("#map[data-ready='1']")
    page.wait_for_load_state("networkidle")


def test_events_map_and_timeline_show_the_samples(page, site):
    page.goto(site + "/events")
    map_ready(page)
    shot(page, "events")
    assert page.locator("#map .leaflet-land-pane path").count() >= 1  # the country outlines are drawn
    assert page.locator("#map path.leaflet-interactive, #map .cluster").count() >= 1
    assert page.locator("svg#timeline rect.bar").count() >= 3
    points = page.request.get(site + page.locator("#map").get_attribute("data-points")).json()["points"]
    listed = page.locator("ul.events li.event").count()
    assert len(points) >= 4 and listed >= len(points)  # most sample events are located; all are listed


def test_listed_event_leads_to_the_sentence_behind_it(page, site):
    page.goto(site + "/events")
    link = page.locator("ul.events li.event > a").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url("**/articles/**")
    assert urlparse(page.url).fragment == urlparse(href).fragment
    sentence = page.locator(".hl.sentence.target")
    sentence.wait_for()
    shot(page, "article_from_events")
    assert sentence.is_visible()
    article_id, event_id = unquote(urlparse(href).path).split("/")[2], urlparse(href).fragment[2:]
    ev = page.request.get(f"{site}/api/events/{article_id}/{event_id}").json()
    assert " ".join(sentence.inner_text().split()) == " ".join(ev["sentence"].split())
    assert sentence.locator(".hl.event").count() >= 1  # the trigger is marked inside its sentence


def test_date_range_filter_narrows_map_and_list(page, site):
    page.goto(site + "/events")
    before = page.locator("ul.events li.event").count()
    days = sorted(d for d in page.locator("ul.events li.event").evaluate_all("els => els.map(e => e.dataset.day)") if d)
    start = days[len(days) // 2]
    page.fill("input[name=date_from]", start)
    page.fill("input[name=date_to]", days[-1])
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**date_from=*")
    map_ready(page)
    shot(page, "events_filtered")
    shown = page.locator("ul.events li.event").evaluate_all("els => els.map(e => [e.dataset.day, e.dataset.last])")
    assert 0 < len(shown) < before
    assert all(first <= days[-1] and last >= start for first, last in shown)  # each overlaps the range
    points = page.request.get(site + page.locator("#map").get_attribute("data-points")).json()
    col = {c: i for i, c in enumerate(points["columns"])}
    assert all(p[col["day"]] <= days[-1] and p[col["last"]] >= start for p in points["points"])


def test_article_page_marks_every_kind_of_extraction(page, site):
    page.goto(site + "/articles/greatlakes-2024-07-09-m23-rubaya")
    shot(page, "article")
    for kind in ("quote", "speaker", "event", "time", "sentence"):
        assert page.locator(f"#text .hl.{kind}").count() >= 1, kind
    # the page shows the stored text, escaped: no markup from the article becomes elements
    assert page.locator("#text script, #text img").count() == 0
    first_event = page.locator("#text a.hl.event").first
    first_event.click()
    assert page.locator(".records li:target").count() == 1


def test_speaker_link_opens_the_actor_page(page, site):
    page.goto(site + "/articles/greatlakes-2024-07-09-m23-rubaya")
    names = page.locator("#text a.hl.speaker").evaluate_all("els => els.map(e => e.title)")
    name = max(names, key=names.count)  # the most quoted speaker of the article
    page.locator(f'#text a.hl.speaker[title="{name}"]').first.click()
    page.wait_for_url("**/actors/**")
    shot(page, "actor")
    assert page.locator("h1").inner_text() == name
    assert page.locator("ol.statements li").count() >= names.count(name)


def test_contradictions_side_by_side(page, site):
    page.goto(site + "/contradictions")
    shot(page, "contradictions")
    pairs = page.locator("section.pair")
    assert pairs.count() >= 1
    claims = pairs.first.locator(".claim")
    assert claims.count() == 2
    assert all(c.strip() for c in claims.locator("blockquote").all_inner_texts())


def test_search_box_finds_across_pages(page, site):
    page.goto(site + "/events")
    page.fill("header form.search input[name=q]", "Rubaya")
    page.press("header form.search input[name=q]", "Enter")
    page.wait_for_url("**/search?q=Rubaya")
    shot(page, "search")
    assert page.locator("ul.articles li").count() >= 1
    page.locator("ul.articles li a").first.click()
    page.wait_for_url("**/articles/**")
    assert "Rubaya" in page.locator("#text").inner_text()


def test_api_page_describes_the_api_offline(page, site):
    page.goto(site + "/docs")
    shot(page, "api_docs")
    assert page.locator("section.op").count() >= 10
    assert page.get_by_text("/api/events", exact=True).first.is_visible()
