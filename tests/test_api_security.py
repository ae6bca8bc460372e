"""The service under attack: SQL injection through every filter, path traversal on file routes,
and script injection through every field an article can carry into a page."""

from __future__ import annotations

import asyncio
from html.parser import HTMLParser
from urllib.parse import quote, urlencode

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

SCRIPT = "<script>alert(1)</script>"
ATTR = '"><img src=x onerror=alert(1)>'
CLOSE = "</script><script>alert(2)</script>"  # breaks out of any inline <script> block
HOSTILE = f"{SCRIPT}{ATTR}"
SPEAKER = f"Colonel {SCRIPT}"
GROUP = f"Militia {ATTR}"
TOWN = f"Kano{CLOSE}"
TEXT = (
    f"{HOSTILE} militants attack Kano\n\n"
    f"KANO, Nigeria - {GROUP} killed 5 people in {TOWN} on Tuesday, police said. "
    f'"We did not attack {SCRIPT} anyone," {SPEAKER} said. Officials said the militia attacked the town.'
)
PLAIN = "Gunmen killed 3 people in Kaduna on Monday, police said. Residents fled to nearby villages."


def _span(text: str, words: str, after: int = 0) -> Span:
    start = text.index(words, after)
    return Span(start, start + len(words), words)


def hostile() -> Report:
    t = TEXT
    sp = _span(t, SPEAKER)
    speaker = Speaker(text=SPEAKER, start=sp.start, end=sp.end, name=SPEAKER, title=f"Spokesman {ATTR}")
    officials = Speaker(
        text="Officials",
        **{k: v for k, v in zip(("start", "end"), _bounds(t, "Officials"))},
        name=f"Officials {SCRIPT}",
    )
    said = _span(t, "said", sp.start)
    q1 = Quote("q1", _span(t, f"We did not attack {SCRIPT} anyone,"), speaker, said, "direct")
    q2 = Quote("q2", _span(t, "the militia attacked the town"), officials, None, "indirect")
    town = _span(t, TOWN)
    place = Place("p1", town.start, town.end, TOWN, TOWN, 12.0, 8.5, country="NG")
    sentence = _span(t, f"KANO, Nigeria - {GROUP} killed 5 people in {TOWN} on Tuesday, police said.")
    ev = Event(
        id="ev1",
        type="ASSAULT",
        trigger=_span(t, "killed"),
        sentence=sentence,
        source=Actor(GROUP, "NGA", "REB"),
        target=Actor(f"villagers {SCRIPT}", "NGA"),
        place=PlaceRef(TOWN, 12.0, 8.5, "NG", "p1"),
        date="2024-03-05",
        fatalities=5,
    )
    con = Contradiction(
        "c1",
        Claim(speaker, q1.content, polarity="denied", quote="q1"),
        Claim(officials, q2.content, quote="q2"),
        about=f"the attack {HOSTILE}",
        type="denial",
        confidence=0.9,
    )
    tue = _span(t, "Tuesday")
    return Report(
        id=f"evil{ATTR}",
        text=t,
        title=f"{HOSTILE} militants attack Kano",
        published="2024-03-06",
        source=f"Outlet {SCRIPT}",
        url='https://example.org/a"><script>alert(3)</script>',
        entities=(
            Entity("e1", GROUP, "ORG", (), aliases=(f"alias {SCRIPT}",), title=f"title {ATTR}"),
            Entity("e2", SPEAKER, "PERSON", ()),
        ),
        quotes=(q1, q2),
        places=(place,),
        events=(ev,),
        contradictions=(con,),
        times=(TimeRef("t1", tue.start, tue.end, "Tuesday", "DATE", "2024-03-05"),),
    )


def plain() -> Report:
    ev = Event(
        id="ev1",
        type="ASSAULT",
        trigger=_span(PLAIN, "killed"),
        sentence=_span(PLAIN, PLAIN.split(". ")[0]),
        source=Actor("Gunmen"),
        place=PlaceRef("Kaduna", 10.5, 7.4, "NG"),
        date="2024-03-04",
        fatalities=3,
    )
    return Report(
        id="plain-1",
        text=PLAIN,
        title="Gunmen kill 3 in Kaduna",
        published="2024-03-05",
        source="Wire",
        events=(ev,),
        places=(Place("p1", *_bounds(PLAIN, "Kaduna"), "Kaduna", "Kaduna", 10.5, 7.4, country="NG"),),
    )


SLASHED = "Fighters of Ansar/Jund attacked a checkpoint near Idlib on Sunday, a monitor said."
WARC_ID = "https://example.org/2024/03/idlib-checkpoint"  # a WARC page's id is its address


def slashed() -> Report:
    ev = Event(
        id="ev1",
        type="ASSAULT",
        trigger=_span(SLASHED, "attacked"),
        sentence=Span(0, len(SLASHED), SLASHED),
        source=Actor("Ansar/Jund"),
        date="2024-03-03",
    )
    return Report(
        id=WARC_ID,
        text=SLASHED,
        title="Checkpoint attacked near Idlib",
        published="2024-03-04",
        events=(ev,),
        entities=(Entity("e1", "Ansar/Jund", "ORG", ()),),
    )


def _bounds(text: str, words: str) -> tuple[int, int]:
    s = text.index(words)
    return s, s + len(words)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("security") / "s.duckdb")
    with Store(path) as store:
        store.add_reports([(hostile(), "hostile.jsonl:1"), (plain(), "plain.jsonl:1"), (slashed(), "crawl.warc#1")])
    return path


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db)) as c:
        yield c


def tables(client) -> dict[str, int]:
    """Rows in every table, through the app's own connection (DuckDB lets one process open a file once)."""
    store = client.app.state.service.store
    found = store.counts()
    found["reports"] = store.query("SELECT count(*) AS n FROM reports")[0]["n"]
    return found


# -- SQL injection -------------------------------------------------------------------------------
INJECTIONS = [
    "' OR 1=1 --",
    "'; DROP TABLE articles; --",
    '"; DROP TABLE articles; --',
    "1' UNION SELECT * FROM articles --",
    "') OR ('1'='1",
    "\\",
    "Харків ☢ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "x" * 199,
    "a\x00b",
]
WILDCARDS = ["%", "_", "%%", "_%_"]
TOO_LONG = "y" * 5000

# every text filter of every list: (path, parameter)
FILTERS = [
    ("/api/articles", "q"),
    ("/api/events", "type"),
    ("/api/events", "actor"),
    ("/api/events", "country"),
    ("/api/events", "article"),
    ("/api/events", "date_from"),
    ("/api/events", "date_to"),
    ("/api/actors", "q"),
    ("/api/quotes", "speaker"),
    ("/api/quotes", "q"),
    ("/api/quotes", "article"),
    ("/api/places", "q"),
    ("/api/places", "country"),
    ("/api/contradictions", "q"),
]
# the same filters on the non-deduplicated event list
FILTERS += [("/api/events?dedup=false&include_negated=true", p) for p in ("type", "actor", "country", "article")]
# path parameters that reach SQL
ITEMS = [
    "/api/articles/{}",
    "/api/events/{}",
    "/api/events/{}/ev1",
    "/api/events/plain-1/{}",
    "/api/actors/{}",
    "/articles/{}",
    "/actors/{}",
]
PAGES = [
    ("/events", "actor"),
    ("/events", "type"),
    ("/events", "country"),
    ("/events", "date_from"),
    ("/contradictions", "q"),
    ("/search", "q"),
]


def _url(path: str, param: str, value: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}{urlencode({param: value})}"


@pytest.mark.parametrize("path, param", FILTERS)
def test_injection_through_every_api_filter_finds_nothing_and_breaks_nothing(client, db, path, param):
    before = tables(client)
    for value in INJECTIONS + [TOO_LONG]:
        r = client.get(_url(path, param, value))
        assert r.status_code < 500, (value, r.text)
        assert r.headers["content-type"].startswith("application/json")
        if r.status_code == 200:
            assert r.json()["total"] == 0 and r.json()["items"] == [], value  # no row holds these words
        else:  # too long, or not a date: refused with a reason
            assert r.status_code == 422 and "invalid request" in r.json()["error"], value
    assert tables(client) == before


@pytest.mark.parametrize("template", ITEMS)
def test_injection_through_path_parameters_is_a_404(client, db, template):
    before = tables(client)
    for value in INJECTIONS + ["plain-1' OR '1'='1", "plain-1' --"]:
        r = client.get(template.format(quote(value, safe="")))
        assert r.status_code == 404, (template, value, r.status_code)
    assert tables(client) == before


@pytest.mark.parametrize("path, param", PAGES)
def test_injection_through_page_filters_finds_nothing(client, db, path, param):
    before = tables(client)
    for value in INJECTIONS:
        r = client.get(_url(path, param, value), headers={"accept": "text/html"})
        assert r.status_code < 500, (value, r.text[:300])
        if not param.startswith("date"):  # a date the page cannot read is ignored, not a filter
            assert "plain-1" not in r.text and "Kaduna" not in r.text, value  # no row leaks through a filter
    assert tables(client) == before


@pytest.mark.parametrize(
    "path, param",
    [
        ("/api/articles", "q"),
        ("/api/actors", "q"),
        ("/api/quotes", "q"),
        ("/api/places", "q"),
        ("/api/contradictions", "q"),
        ("/api/events", "actor"),
    ],
)
def test_like_wildcards_in_a_search_are_taken_literally(client, path, param):
    for value in WILDCARDS:
        r = client.get(_url(path, param, value))
        assert r.status_code == 200 and r.json()["total"] == 0, value  # no stored text holds % or _


# -- path traversal ------------------------------------------------------------------------------
TRAVERSALS = [
    "/static/../app.py",
    "/static/../../store.py",
    "/static/%2e%2e/app.py",
    "/static/%2e%2e%2fapp.py",
    "/static/..%2f..%2fstore.py",
    "/static/..%5capp.py",
    "/static/....//app.py",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/%2F%2Fetc%2Fpasswd",
    "/static/dateline.css%00.py",
    "/static/dateline.css%00",
    "/static/%c0%ae%c0%ae/app.py",
    "/static/%252e%252e/app.py",
    "/static/.%2e/templates/base.html",
    "/static/../templates/base.html",
    "/static/",
    "/static/.",
    "/static/..",
    "/static/~root",
    "/static/file:///etc/passwd",
    "/articles/..%2f..%2fetc%2fpasswd",
    "/api/articles/..%2f..%2fetc%2fpasswd",
    "/actors/..%2f..%2fapi%2fapp.py",
]


def raw_get(app, path: str) -> tuple[int, bytes]:
    """GET a path exactly as written (an HTTP client would resolve the dot segments first)."""
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    raw = path.encode("latin-1")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": _percent_decoded(path),
        "raw_path": raw,
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver")],
        "client": ("127.0.0.1", 1234),
        "server": ("testserver", 80),
    }
    asyncio.run(app(scope, receive, send))
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    return status, b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


def _percent_decoded(path: str) -> str:
    from urllib.parse import unquote

    return unquote(path, errors="surrogateescape")


SECRETS = [b"root:x:0:0", b"def create_app", b"class Store", b"{% extends", b"<!doctype html>\n<html lang"]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_no_file_outside_the_static_folder_is_served(db, path):
    status, body = raw_get(create_app(db), path)
    assert status in (400, 404, 405), (path, status)
    assert not any(s in body for s in SECRETS), path


def test_static_files_are_still_served(client):
    assert client.get("/static/dateline.css").status_code == 200


# -- script injection ----------------------------------------------------------------------------
def pages() -> list[str]:
    return [
        "/",
        f"/articles/{quote(hostile().id, safe='')}",
        "/events",
        "/events?" + urlencode({"actor": GROUP}),
        f"/actors/{quote(SPEAKER, safe='')}",
        f"/actors/{quote(GROUP, safe='')}",
        f"/actors/{quote(f'villagers {SCRIPT}', safe='')}",
        "/contradictions",
        "/contradictions?" + urlencode({"q": SCRIPT}),
        "/search?" + urlencode({"q": "script"}),
        "/search?" + urlencode({"q": SCRIPT}),
        "/search?" + urlencode({"q": ATTR}),
        "/articles/" + quote(f"missing{SCRIPT}", safe=""),
        "/actors/" + quote(f"nobody{ATTR}", safe=""),
        "/no-such-page" + quote(SCRIPT, safe=""),
        "/docs",
    ]


SITE_SCRIPTS = ("dateline.js", "map.js", "leaflet/leaflet.js", "markercluster/leaflet.markercluster.js")


class Markup(HTMLParser):
    """The tags and attributes a browser would build from a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.script_text = ""
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False if tag == "script" else self._in_script

    def handle_data(self, data):
        if self._in_script:
            self.script_text += data


@pytest.mark.parametrize("path", pages())
def test_hostile_text_shows_as_text_on_every_page(client, path):
    r = client.get(path, headers={"accept": "text/html"})
    assert r.status_code in (200, 404), r.text[:300]
    assert r.headers["content-type"].startswith("text/html")
    assert "<script>alert" not in r.text.lower() and "<img" not in r.text.lower(), path
    page = Markup()
    page.feed(r.text)
    # the scripts are the site's own files (and Leaflet's, served from its package on map pages);
    # no tag, handler or inline script comes from the data
    scripts = [attrs for tag, attrs in page.tags if tag == "script"]
    own = {f"http://testserver/static/{f}" for f in SITE_SCRIPTS}
    assert {"src": "http://testserver/static/dateline.js", "defer": None} in scripts, (path, scripts)
    assert all(set(a) == {"src", "defer"} and a["src"] in own for a in scripts), (path, scripts)
    assert page.script_text.strip() == "", path
    assert not [t for t, _ in page.tags if t in ("img", "iframe", "object", "embed")], path
    handlers = [(t, a) for t, attrs in page.tags for a in attrs if a.lower().startswith("on")]
    assert handlers == [], (path, handlers)
    links = [v for _, attrs in page.tags for k, v in attrs.items() if k in ("href", "src", "action", "data-href")]
    assert not [v for v in links if v and v.strip().lower().startswith(("javascript:", "data:"))], path


@pytest.mark.parametrize(
    "path, shown",
    [
        (f"/articles/{quote(hostile().id, safe='')}", [SCRIPT, ATTR, CLOSE, SPEAKER, GROUP]),
        ("/events", [GROUP, TOWN]),
        (f"/actors/{quote(SPEAKER, safe='')}", [SPEAKER, f"We did not attack {SCRIPT} anyone"]),
        ("/contradictions", [f"the attack {HOSTILE}", SPEAKER]),
        ("/search?" + urlencode({"q": "script"}), [SPEAKER, GROUP]),
        ("/", [f"{HOSTILE} militants attack Kano"]),
        ("/articles/" + quote(f"missing{SCRIPT}", safe=""), [f"missing{SCRIPT}"]),
    ],
)
def test_hostile_text_is_there_escaped(client, path, shown):
    from markupsafe import escape

    html = client.get(path, headers={"accept": "text/html"}).text
    for s in shown:
        assert str(escape(s)) in html, (path, s)


def test_api_answers_json_never_html(client):
    for path in (
        "/api/articles/" + quote(hostile().id, safe=""),
        "/api/actors/" + quote(SPEAKER, safe=""),
        "/api/articles?q=script",
        "/api/articles/" + quote(f"missing{SCRIPT}", safe=""),
    ):
        r = client.get(path, headers={"accept": "text/html"})
        assert r.headers["content-type"].startswith("application/json"), path


def test_stored_link_is_offered_only_when_it_is_a_web_address(client):
    html = client.get(f"/articles/{quote(hostile().id, safe='')}").text
    assert 'href="https://example.org/a&#34;&gt;&lt;script&gt;alert(3)&lt;/script&gt;"' in html


@pytest.mark.parametrize(
    "path, expect",
    [
        (f"/articles/{quote(WARC_ID, safe='')}", "Checkpoint attacked near Idlib"),
        (f"/api/articles/{quote(WARC_ID, safe='')}", WARC_ID),
        (f"/api/events/{quote(WARC_ID, safe='')}/ev1", "Ansar/Jund"),
        (f"/actors/{quote('Ansar/Jund', safe='')}", "Ansar/Jund"),
        (f"/api/actors/{quote('Ansar/Jund', safe='')}", "Ansar/Jund"),
    ],
)
def test_ids_and_names_with_a_slash_open_their_page(client, path, expect):
    # the pages link with %2F, which the server decodes before routing: the route must take slashes
    r = client.get(path)
    assert r.status_code == 200 and expect in r.text, (path, r.status_code)


@pytest.mark.parametrize(
    "path", ["/", "/events", "/contradictions", "/search?q=x", "/docs", f"/articles/{quote(WARC_ID, safe='')}"]
)
def test_pages_allow_only_their_own_script(client, path):
    policy = client.get(path).headers["content-security-policy"]
    assert "script-src 'self'" in policy and "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
