"""The JSON API over a small hand-made store: lists, filters, paging, errors, keys, writes."""

from __future__ import annotations

import shutil

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient

from dateline.api import create_app
from dateline.records import (
    Actor,
    Claim,
    Contradiction,
    Entity,
    Event,
    Place,
    PlaceRef,
    Quote,
    Report,
    Span,
    Speaker,
    TimeRef,
)
from dateline.store import Store

KEY = "s3cret-key"
KHARKIV = "Russian missiles struck Kharkiv on Tuesday, killing seven people, the regional governor said."
RUBAYA = (
    'M23 rebels seized the mining town of Rubaya. "There are no Rwandan soldiers in Rubaya," '
    "a Rwandan government spokeswoman said. Kinshasa said Rwandan troops were fighting alongside M23."
)


def _span(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words), words)


def kharkiv() -> Report:
    t = KHARKIV
    gov = Speaker(
        text="the regional governor", name="Oleh Syniehubov", title="Governor", **_offsets(t, "the regional governor")
    )
    ev = Event(
        id="ev1",
        type="ASSAULT",
        trigger=_span(t, "struck"),
        sentence=Span(0, len(t), t),
        source=Actor("Russia", "RUS", "MIL"),
        target=Actor("Kharkiv", "UKR"),
        place=PlaceRef("Kharkiv", 49.99, 36.23, "UA", "p1"),
        date="2024-05-21",
        fatalities=7,
    )
    return Report(
        id="kharkiv-1",
        text=t,
        title="Missiles strike Kharkiv",
        published="2024-05-22",
        source="Wire",
        events=(ev,),
        main_event="ev1",
        places=(Place("p1", *_bounds(t, "Kharkiv"), "Kharkiv", "Kharkiv", 49.99, 36.23, country="UA"),),
        times=(TimeRef("t1", *_bounds(t, "Tuesday"), "Tuesday", "DATE", "2024-05-21"),),
        quotes=(
            Quote(
                "q1",
                _span(t, "Russian missiles struck Kharkiv on Tuesday, killing seven people"),
                gov,
                _span(t, "said"),
                "indirect",
            ),
        ),
        entities=(Entity("e1", "Oleh Syniehubov", "PERSON", (), title="Governor"),),
    )


def rubaya() -> Report:
    t = RUBAYA
    sp = Speaker(
        text="a Rwandan government spokeswoman",
        name="Yolande Makolo",
        **_offsets(t, "a Rwandan government spokeswoman"),
    )
    kin = Speaker(text="Kinshasa", name="Kinshasa", **_offsets(t, "Kinshasa"))
    q1 = Quote("q1", _span(t, "There are no Rwandan soldiers in Rubaya,"), sp, _span(t, "said"), "direct")
    q2 = Quote("q2", _span(t, "Rwandan troops were fighting alongside M23"), kin, None, "indirect")
    ev = Event(
        id="ev1",
        type="COERCE",
        trigger=_span(t, "seized"),
        sentence=_span(t, "M23 rebels seized the mining town of Rubaya."),
        source=Actor("M23", "COD", "REB"),
        place=PlaceRef("Rubaya", -1.55, 28.88, "CD"),
        date="2024-07-07",
    )
    con = Contradiction(
        "c1",
        Claim(sp, q1.content, polarity="denied", quote="q1"),
        Claim(kin, q2.content, quote="q2"),
        about="Rwandan troops in Rubaya",
        type="denial",
        confidence=0.8,
    )
    return Report(
        id="rubaya-1",
        text=t,
        title="M23 seize Rubaya <b>town</b>",
        published="2024-07-08",
        url="javascript:alert(1)",
        quotes=(q1, q2),
        events=(ev,),
        contradictions=(con,),
    )


KHARKIV_2 = "Seven people died when Russia hit Kharkiv with missiles on Tuesday, Ukrainian officials said."


def kharkiv_again() -> Report:
    """The same strike told by another outlet: deduplication makes it one event with two sources."""
    t = KHARKIV_2
    ev = Event(
        id="ev1",
        type="ASSAULT",
        trigger=_span(t, "hit"),
        sentence=Span(0, len(t), t),
        source=Actor("Russia", "RUS", "MIL"),
        target=Actor("Kharkiv", "UKR"),
        place=PlaceRef("Kharkiv", 49.99, 36.23, "UA", "p1"),
        date="2024-05-21",
        fatalities=7,
    )
    return Report(
        id="kharkiv-2",
        text=t,
        title="Seven dead in Kharkiv",
        published="2024-05-22",
        source="Daily",
        events=(ev,),
        main_event="ev1",
        places=(Place("p1", *_bounds(t, "Kharkiv"), "Kharkiv", "Kharkiv", 49.99, 36.23, country="UA"),),
    )


def _bounds(text, words):
    s = text.index(words)
    return s, s + len(words)


def _offsets(text, words):
    s, e = _bounds(text, words)
    return {"start": s, "end": e}


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("api") / "api.duckdb")
    with Store(path) as store:
        store.add_reports([(kharkiv(), None), (rubaya(), None)])
    return path


@pytest.fixture(scope="module")
def two_outlets(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("dedup") / "dedup.duckdb")
    with Store(path) as store:
        store.add_reports([(kharkiv(), None)])
        store.add_reports([(kharkiv_again(), None), (rubaya(), None)])
    with TestClient(create_app(path)) as c:
        yield c


def test_events_are_deduplicated_with_their_sources(two_outlets):
    page = two_outlets.get("/api/events?type=ASSAULT").json()
    assert page["total"] == 1
    ev = page["items"][0]
    assert sorted(s["outlet"] for s in ev["sources"]) == ["Daily", "Wire"] and ev["source_count"] == 2
    assert two_outlets.get(f"/api/events/{ev['id']}").json()["sources"] == ev["sources"]
    assert two_outlets.get("/api/events?min_sources=2").json()["total"] == 1
    assert two_outlets.get("/api/events?type=ASSAULT&dedup=false").json()["total"] == 2
    assert two_outlets.get("/api/events?article=kharkiv-2").json()["items"][0]["id"] == ev["id"]


def test_events_page_sizes_a_point_by_its_sources(two_outlets):
    html = two_outlets.get("/events").text
    assert "told by" in html and "2 sources" in html


@pytest.fixture(scope="module")
def reader(filled):
    with TestClient(create_app(filled, api_key=KEY)) as c:
        yield c


@pytest.fixture()
def db(filled, tmp_path):
    """A copy of the filled store, for tests that write."""
    path = str(tmp_path / "api.duckdb")
    shutil.copy(filled, path)
    return path


@pytest.fixture()
def client(db):
    with TestClient(create_app(db, api_key=KEY)) as c:
        yield c


@pytest.mark.parametrize(
    "url, total, first",
    [
        ("/api/articles", 2, None),
        ("/api/articles?q=mining", 1, ("id", "rubaya-1")),
        ("/api/articles?q=nothing-like-this", 0, None),
        ("/api/events", 2, None),
        ("/api/events?type=assault", 1, ("place", "Kharkiv")),
        ("/api/events?actor=m23", 1, ("type", "COERCE")),
        ("/api/events?country=CD", 1, ("event_id", "ev1")),
        ("/api/events?lat=50.0&lon=36.2&radius_km=50", 1, ("place", "Kharkiv")),
        ("/api/events?lat=50.0&lon=30.5&radius_km=50", 0, None),
        ("/api/events?date_from=2024-06-01", 1, ("place", "Rubaya")),
        ("/api/events?date_to=2024-06-01", 1, ("place", "Kharkiv")),
        ("/api/quotes?speaker=makolo", 1, ("kind", "direct")),
        ("/api/quotes?q=alongside", 1, ("speaker", "Kinshasa")),
        ("/api/places?country=ua", 1, ("name", "Kharkiv")),
        ("/api/contradictions", 1, ("about", "Rwandan troops in Rubaya")),
        ("/api/actors?q=Syniehubov", 1, ("quotes", 1)),
    ],
)
def test_lists_filter(reader, url, total, first):
    r = reader.get(url)
    assert r.status_code == 200, r.text
    page = r.json()
    assert page["total"] == total and len(page["items"]) == total
    if first:
        assert page["items"][0][first[0]] == first[1]


def test_events_carry_their_sources_and_sentence(reader):
    ev = reader.get("/api/events?type=ASSAULT").json()["items"][0]
    assert ev["sources"][0]["article_id"] == "kharkiv-1" and ev["sources"][0]["outlet"] == "Wire"
    assert ev["sentence"] == KHARKIV and ev["fatalities"] == 7 and ev["geo"] == "event"


def test_paging(reader):
    first = reader.get("/api/articles?limit=1").json()
    second = reader.get("/api/articles?limit=1&offset=1").json()
    assert first["total"] == second["total"] == 2
    assert first["items"][0]["id"] != second["items"][0]["id"]


def test_article_with_report(reader):
    body = reader.get("/api/articles/rubaya-1").json()
    assert body["report"]["contradictions"][0]["type"] == "denial"
    assert body["main_event"] is None and body["report"]["main_event"] is None  # it reports no attack
    # the article's main event leads, the one the report names
    body = reader.get("/api/articles/kharkiv-1").json()
    assert body["report"]["main_event"] == "ev1" and body["main_event"]["id"] == "ev1"
    assert body["main_event"]["fatalities"] == 7


def test_actor_with_statements_and_events(reader):
    body = reader.get("/api/actors/M23").json()
    assert [e["type"] for e in body["events_as_source"]] == ["COERCE"] and body["country"] == "COD"
    said = reader.get("/api/actors/Yolande%20Makolo").json()["statements"]
    assert said[0]["content"].startswith("There are no Rwandan soldiers")


@pytest.mark.parametrize(
    "method, url, json, status, words",
    [
        ("get", "/api/articles/missing", None, 404, "no article"),
        ("get", "/api/actors/Nobody%20At%20All", None, 404, "no actor"),
        ("get", "/api/events?limit=0", None, 422, "limit"),
        ("get", "/api/events?limit=100000", None, 422, "limit"),
        ("get", "/api/events?date_from=yesterday", None, 422, "date_from"),
        ("get", "/api/events?radius_km=10", None, 400, "needs lat and lon"),
        ("post", "/api/analyze", {"title": "no text"}, 422, "text"),
        ("post", "/api/analyze", {"text": "12345 67890 !!!"}, 422, "no words"),
        ("get", "/api/nowhere", None, 404, "Not Found"),
    ],
)
def test_errors_are_json_with_a_message(reader, method, url, json, status, words):
    r = getattr(reader, method)(url, **({"json": json} if json is not None else {}))
    assert r.status_code == status
    assert words in r.json()["error"]


@pytest.mark.parametrize("headers, status", [({}, 401), ({"X-API-Key": "wrong"}, 401)])
def test_writes_need_the_key(reader, headers, status):
    r = reader.post("/api/articles", json={"text": KHARKIV}, headers=headers)
    assert r.status_code == status and "API key" in r.json()["error"]


def test_writes_disabled_without_a_configured_key(db):
    with TestClient(create_app(db, api_key="")) as c:
        r = c.post("/api/articles", json={"text": KHARKIV}, headers={"X-API-Key": "anything"})
    assert r.status_code == 403 and "DATELINE_API_KEY" in r.json()["error"]


def test_remote_reads_need_the_key_when_one_is_set(db):
    with TestClient(create_app(db, api_key=KEY), client=("203.0.113.9", 5000)) as c:
        assert c.get("/api/articles").status_code == 401
        assert c.get("/api/articles", headers={"X-API-Key": KEY}).status_code == 200


def test_empty_store_answers_with_empty_lists(tmp_path):
    with TestClient(create_app(str(tmp_path / "empty.duckdb"))) as c:
        for url in ("/api/articles", "/api/events", "/api/actors", "/api/quotes", "/api/places", "/api/contradictions"):
            assert c.get(url).json() == {"total": 0, "limit": 50, "offset": 0, "items": []}
        for url in ("/", "/events", "/contradictions", "/search?q=x"):
            assert c.get(url).status_code == 200


TEXT = (
    "BAGHDAD - Rockets struck a military base in Anbar province on Tuesday, wounding two soldiers, "
    "the Iraqi defence ministry said in a statement. No group claimed the attack."
)


def test_analyze_returns_a_report_without_storing(client, pipeline):
    client.app.state.service._pipeline = pipeline
    r = client.post("/api/analyze", json={"text": TEXT, "published": "2024-01-25", "id": "anbar-1"})
    assert r.status_code == 200, r.text
    assert r.json()["id"] == "anbar-1" and r.json()["text"] == TEXT
    assert client.get("/api/articles").json()["total"] == 2


def test_store_article_with_the_key(client, pipeline):
    client.app.state.service._pipeline = pipeline
    r = client.post(
        "/api/articles", json={"text": TEXT, "published": "2024-01-25", "id": "anbar-1"}, headers={"X-API-Key": KEY}
    )
    assert r.status_code == 201 and r.json()["stored"] is True
    assert client.get("/api/articles/anbar-1").json()["published"] == "2024-01-25"
    again = client.post("/api/articles", json={"text": TEXT, "id": "anbar-1"}, headers={"X-API-Key": KEY})
    assert again.json()["stored"] is False


def test_article_page_escapes_text_and_links_each_extraction(reader):
    html = reader.get("/articles/rubaya-1").text
    assert "&lt;b&gt;town&lt;/b&gt;" in html and "<b>town</b>" not in html
    assert "javascript:" not in html  # a stored URL becomes a link only when it is http(s)
    assert 'id="q-q1"' in html and 'href="/actors/Yolande%20Makolo"' in html
    assert 'id="s-ev1"' in html and 'href="#rec-ev-ev1"' in html


def test_serve_binds_to_the_machine_itself_by_default(filled, monkeypatch):
    import uvicorn
    from typer.testing import CliRunner

    from dateline.cli import app

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda web, **kw: seen.update(kw, app=web))
    monkeypatch.setenv("DATELINE_SERVE_DB", "")  # serve sets it for its workers; restored after
    result = CliRunner().invoke(app, ["serve", "--db", filled, "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8123
    assert "http://127.0.0.1:8123/" in result.output
    web = seen["app"]
    if isinstance(web, str):  # a worker per core: uvicorn builds each worker's app by the factory
        import os

        from dateline.api.app import app_from_env

        assert seen["factory"] and seen["workers"] == os.cpu_count() and web.endswith(":app_from_env")
        web = app_from_env()
    with TestClient(web) as c:
        assert c.get("/api/articles").json()["total"] == 2


def test_serve_help_names_the_key():
    from typer.testing import CliRunner

    from dateline.cli import app

    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0 and "DATELINE_API_KEY" in result.output and "--host" in result.output


def test_docs_page_needs_no_cdn(reader):
    html = reader.get("/docs").text
    assert "/api/events" in html and "API key" in html
    assert "cdn" not in html.lower() and "https://" not in html


def test_key_is_checked_before_the_body(reader):
    r = reader.post("/api/articles", json={"no": "text"})
    assert r.status_code == 401


def test_a_store_down_for_a_while_is_503_not_400(filled, monkeypatch):
    from dateline.errors import StoreUnavailable
    from dateline.store.queries import Catalog

    def down(*args, **kwargs):
        raise StoreUnavailable("the PostgreSQL store postgresql://db is unavailable (connection refused)")

    monkeypatch.setattr(Catalog, "articles", down)
    with TestClient(create_app(str(filled))) as c:
        r = c.get("/api/articles")
    assert r.status_code == 503 and "unavailable" in r.json()["error"]


def test_answers_are_kept_while_no_writer_asks_and_fresh_after_a_write(db):
    """The server reads a DuckDB file through one read-only connection kept between requests; an
    answer is given again from memory while that connection lasts, and a writer (here in this
    process, as POST /api/articles writes) makes the readers let go, so the next answer is new."""
    with TestClient(create_app(db)) as c:
        first = c.get("/api/articles")
        again = c.get("/api/articles")
        assert first.json()["total"] == again.json()["total"] == 2
        assert "x-dateline-cache" not in first.headers and again.headers.get("x-dateline-cache") == "hit"
        assert c.get("/events").status_code == 200 and c.get("/events").headers.get("x-dateline-cache") == "hit"
        opens = c.app.state.service.reader.opens
        with Store(db, hold=False, wait=20) as writer:  # waits until the idle reader lets go
            assert writer.add_reports([(kharkiv_again(), None)]) == 1
        after = c.get("/api/articles")
        assert after.json()["total"] == 3 and "x-dateline-cache" not in after.headers
        assert c.app.state.service.reader.opens == opens + 1
        assert "kharkiv-2" in c.get("/").text  # the page made anew, not the one kept from before


def test_a_running_total_is_never_drawn_nor_listed_as_an_event(tmp_path):
    """ "The war has killed more than 280,000" is a cumulative toll, not an event: the map's points
    and the events list leave it out, and keep the strike told beside it."""
    t = "The war has killed more than 280,000 people in Syria, a monitor said. A strike hit Idlib on Monday."
    war = Event(
        id="ev1",
        type="ASSAULT",
        trigger=_span(t, "killed"),
        sentence=Span(0, t.index(" A strike"), t[: t.index(" A strike")]),
        place=PlaceRef("Syria", 35.0, 38.0, "SY", None),
        date="2024-05-20",
        fatalities=280000,
        cumulative=True,
    )
    strike = Event(
        id="ev2",
        type="ASSAULT",
        trigger=_span(t, "hit"),
        sentence=_span(t, "A strike hit Idlib on Monday."),
        place=PlaceRef("Idlib", 35.93, 36.63, "SY", None),
        date="2024-05-20",
    )
    db = str(tmp_path / "totals.duckdb")
    with Store(db) as store:
        store.add_reports([(Report(id="war", text=t, published="2024-05-21", events=(war, strike)), None)])
    with TestClient(create_app(db)) as c:
        points = c.get("/map/points.json").json()
        places = [p[points["columns"].index("place")] for p in points["points"]]
        listed = [e["place"] for e in c.get("/api/events").json()["items"]]
        page = c.get("/events").text
    assert places == ["Idlib"] and listed == ["Idlib"]
    assert "280000" not in page and "Idlib" in page


@pytest.fixture(scope="module")
def one_irrelevant(tmp_path_factory):
    """A war report and a page judged not news (a recipe, a game diary) whose text still coded an event."""
    import dataclasses

    path = str(tmp_path_factory.mktemp("relevance") / "r.duckdb")
    with Store(path) as store:
        store.add_reports([(kharkiv(), None), (dataclasses.replace(rubaya(), relevant=False), None)])
    yield path


def test_events_of_irrelevant_articles_only_when_asked(one_irrelevant):
    with TestClient(create_app(one_irrelevant)) as c:
        for dedup in ("true", "false"):
            shown = c.get(f"/api/events?dedup={dedup}").json()["items"]
            every = c.get(f"/api/events?dedup={dedup}&include_irrelevant=true").json()["items"]
            assert {e["type"] for e in shown} == {"ASSAULT"}, dedup
            assert {e["type"] for e in every} == {"ASSAULT", "COERCE"}, dedup


def test_cli_events_of_irrelevant_articles_only_when_asked(one_irrelevant):
    from typer.testing import CliRunner

    from dateline.cli import app

    runner = CliRunner()
    shown = runner.invoke(app, ["events", "--db", one_irrelevant, "--format", "json"])
    every = runner.invoke(app, ["events", "--db", one_irrelevant, "--format", "json", "--include-irrelevant"])
    assert shown.exit_code == 0 and every.exit_code == 0, (shown.output, every.output)
    assert "COERCE" not in shown.output and "ASSAULT" in shown.output
    assert "COERCE" in every.output
