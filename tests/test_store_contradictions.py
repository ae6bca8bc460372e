"""Contradictions between outlets in a store: two reports of one linked event whose sources give
rival tolls are set side by side (both sentences, outlets, speakers, the event and its dates); the
same figures of two events are not; the CLI, the API and the page show only the pairs at the
shown level unless asked for more."""

from __future__ import annotations

import json

import pytest

from dateline.claims.disputes import SHOWN
from dateline.link.contradictions import claim_events, claims_of, find
from dateline.records import Actor, Claim, Contradiction, Event, PlaceRef, Quote, Report, Span, Speaker
from dateline.store import Store

MINISTRY = (
    "An air strike on a school sheltering families in Jabalia on Tuesday killed 45 people, the health ministry said."
)
ARMY = "The army said its strike in Jabalia on Tuesday killed 12 people, all of them fighters of the armed wing."
RAFAH = "Shelling in Rafah on Tuesday killed 12 people, a civil defence spokesman said."


def _span(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words), words)


def _report(id_, outlet, text, speaker, name, content, trigger, place, lat, lon, entity=None, extra=()):
    sp = _span(text, speaker)
    whole = Span(0, len(text), text)
    quote = Quote(
        "q1",
        _span(text, content),
        Speaker(text=speaker, start=sp.start, end=sp.end, name=name, entity=entity),
        _span(text, "said"),
        "indirect",
        sentence=whole,
    )
    event = Event(
        id="ev1",
        type="ASSAULT",
        trigger=_span(text, trigger),
        sentence=whole,
        target=Actor(place, "PSE"),
        place=PlaceRef(place, lat, lon, "PS"),
        date="2024-06-04",
    )
    return Report(
        id=id_,
        text=text,
        title=text[:40],
        published="2024-06-05",
        source=outlet,
        quotes=(quote,),
        events=(event,),
        contradictions=extra,
    )


def ministry() -> Report:
    return _report(
        "jabalia-wire",
        "Wire",
        MINISTRY,
        "the health ministry",
        "Health Ministry",
        "An air strike on a school sheltering families in Jabalia on Tuesday killed 45 people",
        "strike",
        "Jabalia",
        31.53,
        34.48,
    )


def army(text: str = ARMY, place: str = "Jabalia", lat: float = 31.53, lon: float = 34.48) -> Report:
    content = text[text.index("its strike") if "its strike" in text else 0 : text.index(" killed 12 people") + 17]
    return _report(
        f"{place.lower()}-daily", "Daily", text, "The army", "army", content, "strike", place, lat, lon, entity="e1"
    )


def rafah() -> Report:
    """Another outlet, another place: the same day's shelling of Rafah with its own toll."""
    weak = Contradiction(
        "c0",
        Claim(Speaker(text="a", start=0, end=1, name="Rafah mayor"), _span(RAFAH, "Shelling in Rafah")),
        Claim(Speaker(text="b", start=0, end=1, name="army"), _span(RAFAH, "killed 12 people")),
        about="shelling in Rafah",
        type="denial",
        confidence=0.65,  # kept by the store, below what a reader is shown
    )
    return _report(
        "rafah-post",
        "Post",
        RAFAH,
        "a civil defence spokesman",
        "civil defence spokesman",
        "Shelling in Rafah on Tuesday killed 12 people",
        "Shelling",
        "Rafah",
        31.29,
        34.25,
        extra=(weak,),
    )


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("x") / "x.duckdb")
    with Store(path) as store:
        store.add_reports([(ministry(), None)])
        store.add_reports([(army(), None), (rafah(), None)])
    return path


def test_rival_tolls_of_one_linked_event_across_outlets(store_path):
    with Store(store_path, read_only=True) as store:
        total, rows = store.catalog().contradictions(scope="across")
    assert total == 1, rows
    r = rows[0]
    assert r["type"] == "numeric" and r["confidence"] >= SHOWN
    assert {r["outlet_a"], r["outlet_b"]} == {"Wire", "Daily"}
    assert {r["speaker_a"], r["speaker_b"]} == {"Health Ministry", "army"}
    assert {r["sentence_a"], r["sentence_b"]} == {MINISTRY, ARMY}
    assert r["event_id"] and r["event_place"] == "Jabalia" and r["event_date_first"] == "2024-06-04"
    assert r["published"] == r["published_b"] == "2024-06-05"


def test_two_outlets_claims_are_compared_only_on_an_event_they_share():
    """The same two statements: rivals when the linker made their strikes one event, nothing when
    it kept them two (the army's 12 may be of another strike that day)."""
    claims = claims_of(ministry()) + claims_of(army())
    one = {c.id or "": frozenset({"E1"}) for c in claims}
    two = {c.id or "": frozenset({f"E{n}"}) for n, c in enumerate(claims)}
    found = find(claims, events=one)
    assert [x.type for x in found] == ["numeric"]
    assert {found[0].a.article, found[0].b.article} == {"jabalia-wire", "jabalia-daily"}
    assert find(claims, events=two, min_confidence=0.0) == []


def test_a_neighbourhood_toll_is_no_rival_of_the_towns_across_outlets():
    """Linked as one event, but one counts the dead of a neighbourhood and the other of the whole camp."""
    town = ARMY.replace("in Jabalia", "in the al-Faluja neighbourhood of Jabalia")
    claims = claims_of(ministry()) + claims_of(army(town))
    assert find(claims, events={c.id or "": frozenset({"E1"}) for c in claims}, min_confidence=0.0) == []


def test_only_the_shown_pairs_by_default(store_path):
    with Store(store_path, read_only=True) as store:
        cat = store.catalog()
        shown, rows = cat.contradictions()
        everything, more = cat.contradictions(min_confidence=0.6)
        within, _ = cat.contradictions(min_confidence=0.6, scope="article")
    assert all(r["confidence"] >= SHOWN for r in rows) and shown == 1
    assert everything == 2 and within == 1
    assert [r["confidence"] for r in more] == sorted((r["confidence"] for r in more), reverse=True)
    weak = next(r for r in more if r["scope"] == "article")
    assert weak["article_b"] == weak["article_id"] == "rafah-post" and weak["outlet_a"] == "Post"


def test_cli_lists_both_sides_and_takes_a_lower_level(store_path, capsys):
    from typer.testing import CliRunner

    from dateline.cli import app

    runner = CliRunner()
    shown = runner.invoke(app, ["contradictions", "--db", store_path])
    assert shown.exit_code == 0, shown.output
    assert "Wire" in shown.output and "Daily" in shown.output and "Jabalia" in shown.output
    assert "Rafah" not in shown.output
    more = runner.invoke(app, ["contradictions", "--db", store_path, "--min-confidence", "0.6", "-f", "json"])
    rows = json.loads(more.output)
    assert {r["scope"] for r in rows} == {"article", "across"}


def test_api_and_page_take_min_confidence(store_path):
    pytest.importorskip("fastapi")
    pytest.importorskip("httpx")
    from fastapi.testclient import TestClient

    from dateline.api import create_app

    with TestClient(create_app(store_path)) as c:
        assert c.get("/api/contradictions").json()["total"] == 1
        assert c.get("/api/contradictions?min_confidence=0.6").json()["total"] == 2
        assert c.get("/api/contradictions?scope=across").json()["items"][0]["outlet_b"] in ("Wire", "Daily")
        assert c.get("/api/contradictions?min_confidence=2").status_code == 422
        page = c.get("/contradictions").text
        assert "between" in page and "Jabalia" in page and "Rafah mayor" not in page
        assert "Rafah mayor" in c.get("/contradictions?min_confidence=0.6").text


def test_a_claim_is_tied_to_the_events_told_in_its_sentence():
    text = "Troops shelled Kafr Nabl on Monday. Later, a monitor said 9 people died in the raid."
    first, second = Span(0, 35, text[:35]), Span(36, len(text), text[36:])
    sp = Speaker(text="a monitor", start=45, end=54, name="monitor")
    a = Claim(sp, first, article="r1", id="r1#1", sentence=first)
    b = Claim(sp, second, article="r1", id="r1#2", sentence=second)
    tied = claim_events([a, b], {"r1": [(text.index("shelled"), "E1"), (text.index("raid"), "E2")]})
    assert tied == {"r1#1": frozenset({"E1"}), "r1#2": frozenset({"E2"})}


def test_an_articles_two_events_that_tell_one_are_one_for_comparison():
    from datetime import date

    from dateline.store.links import same_tellings

    def row(event_id, linked_id, place, lat, lon, day, coarse=False):
        return {
            "article_id": "a",
            "event_id": event_id,
            "linked_id": linked_id,
            "type": "ASSAULT",
            "date_first": day,
            "date_last": day,
            "place_key": place,
            "lat": lat,
            "lon": lon,
            "country": "SY",
            "coarse": coarse,
            "weak": False,
            "source_actor": None,
            "source": None,
            "source_sector": None,
            "source_country": None,
            "target_actor": None,
            "target": None,
            "target_sector": None,
            "target_country": None,
            "fatalities": None,
            "story": None,
        }

    day = date(2017, 4, 4)
    rows = [
        # "an attack in a town of Idlib province" and "killed 58 in Khan Sheikhoun" the same day: the
        # linker put each with the report that matched it best
        row("ev0", "E1", "khan shaykhun", 35.44, 36.65, day),
        row("ev1", "E2", "khan shaykhun", 35.44, 36.65, day),
        # an attack on Aleppo that day is another one
        row("ev2", "E3", "aleppo", 36.2, 37.16, day),
    ]
    got = same_tellings(rows)["a"]
    assert got["E1"] == got["E2"] == frozenset({"E1", "E2"})
    assert got["E3"] == frozenset({"E3"})
