"""Linking event reports across articles: the rule on hand-made mentions, and pairwise precision
and recall of the grouping on a corpus of short reports (tests/data/linking/reports.jsonl, the
first 22, and reports_more.jsonl, 15 more: kept apart because other tests ingest the first file
and count its reports; coded.jsonl codes both)."""

from __future__ import annotations

import itertools
import json
from datetime import date
from pathlib import Path

import pytest

from dateline.link.events import Mention, Side, best_match, interval, same_event
from dateline.records import Actor, Entity, Event, Place, PlaceRef, Report, Span

CORPUS = Path(__file__).parent / "data" / "linking" / "reports.jsonl"
CORPORA = (CORPUS, CORPUS.parent / "reports_more.jsonl")
D = date.fromisoformat
BOKO = Side(actor_id="A1", name="Boko Haram", sector="rebels")
GUNMEN = Side(name="gunmen", sector="rebels")
POLICE = Side(name="police", sector="police")
ISWAP = Side(actor_id="A2", name="ISWAP", sector="rebels")
NOBODY = Side()


def m(
    article="a",
    type="ASSAULT",
    day="2024-03-05",
    place="kautikari",
    lat=None,
    lon=None,
    source=NOBODY,
    target=NOBODY,
    country=None,
    coarse=False,
    weak=False,
    fatalities=None,
    last=None,
):
    return Mention(
        article,
        "ev1",
        type,
        D(day) if day else None,
        D(last or day) if day else None,
        place,
        lat,
        lon,
        country,
        coarse,
        weak,
        source,
        target,
        fatalities,
    )


@pytest.mark.parametrize(
    "a, b, same",
    [
        (m(source=BOKO), m("b", source=BOKO), True),  # same place, day, named actor
        (m(source=BOKO), m("b", day="2024-03-06", source=GUNMEN), True),  # a day apart: time zones, overnight
        (m(source=BOKO), m("b", day="2024-03-12", source=BOKO), False),  # same place, a week later
        (m(source=BOKO), m("b", type="PROTEST", source=BOKO), False),  # another kind of event
        (m(source=BOKO), m("b", source=ISWAP), False),  # two named groups: not the same attack
        (m(source=GUNMEN), m("b", source=POLICE), True),  # one village, one day: a clash told from both sides
        (m(place=None, source=GUNMEN), m("b", place=None, source=POLICE), False),  # nothing else to go on
        (m(source=GUNMEN, fatalities=12), m("b", source=GUNMEN, fatalities=15), True),  # tolls differ: still one
        (
            m(place=None, source=GUNMEN, fatalities=12, target=Side(name="villagers", sector="civilians")),
            m("b", place=None, source=GUNMEN, fatalities=12, target=Side(name="residents", sector="civilians")),
            True,
        ),
        (m(place=None, source=GUNMEN), m("b", place=None, source=GUNMEN), False),  # nothing but type and day
        (m(place=None, source=BOKO), m("b", place=None, source=BOKO), True),  # the named group is enough
        (m(place="kharkiv", lat=49.99, lon=36.23), m("b", place="kharkiv oblast", lat=49.8, lon=36.4), True),
        (m(place="kharkiv", lat=49.99, lon=36.23), m("b", place="kyiv", lat=50.45, lon=30.52), False),
        (m(place="maiduguri", weak=True, source=BOKO), m("b", place="kautikari", source=BOKO), True),  # dateline place
        (m(place="maiduguri", weak=True), m("b", place="maiduguri", weak=True), False),  # filed from one city
        (m(country="NG", source=BOKO), m("b", country="CM", source=BOKO), False),  # other country
        (m(country="NG", coarse=True, source=BOKO), m("b", country="CM", source=BOKO), True),  # a country named
        (m(source=BOKO), Mention("b", "e", "ASSAULT", D("2024-03-05"), D("2024-03-05"), story="a"), True),  # a copy
        (m(day=None, place=None), m(day=None, place=None), True),  # one article tells its event twice
    ],
)
def test_two_mentions_are_one_event_or_not(a, b, same):
    assert same_event(a, b) is same


@pytest.mark.parametrize(
    "value, published, expected",
    [
        ("2024-03-05", None, ("2024-03-05", "2024-03-05", 1)),
        ("2024-03-05T22:00", None, ("2024-03-05", "2024-03-05", 1)),
        ("2024-W10", None, ("2024-03-04", "2024-03-10", 2)),
        ("2024-02", None, ("2024-02-01", "2024-02-29", 3)),
        ("PRESENT_REF", "2024-03-06", ("2024-03-05", "2024-03-06", 2)),
        (None, None, (None, None, 3)),
    ],
)
def test_event_dates_become_intervals(value, published, expected):
    first, last, precision = interval(value, published)
    got = (first and first.isoformat(), last and last.isoformat(), precision)
    assert got == expected


def test_a_mention_joins_the_event_it_agrees_with_everywhere():
    events = {
        "E1": [m("a", source=BOKO), m("b", source=GUNMEN)],
        "E2": [m("c", source=BOKO), m("d", source=POLICE)],
    }  # one report clashes: not E2
    assert best_match(m("x", source=BOKO), events) == "E1"
    assert best_match(m("x", day="2024-04-01", source=BOKO), events) is None


def pairwise(gold: dict[str, str], predicted: dict[str, set[str]]) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 of a grouping of articles: two articles are grouped when
    they share a linked event."""
    ids = sorted(gold)
    tp = fp = fn = 0
    for a, b in itertools.combinations(ids, 2):
        same_gold = gold[a] == gold[b]
        same_pred = bool(predicted.get(a, set()) & predicted.get(b, set()))
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def link_corpus(pipeline, store, batch_size=8):
    from dateline.engines.local import ingest
    from dateline.sources import read

    ingest(store, read([str(p) for p in CORPORA]), pipeline=pipeline, batch_size=batch_size)
    predicted: dict[str, set[str]] = {}
    for row in store.query("SELECT article_id, linked_id FROM event_mentions"):
        predicted.setdefault(row["article_id"], set()).add(row["linked_id"])
    return predicted


def reports() -> list[dict]:
    return [json.loads(line) for p in CORPORA for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]


def gold_groups() -> dict[str, str]:
    return {r["id"]: r["event"] for r in reports()}


def coded_report(article: dict, coded: dict) -> Report:
    """A report as an analyst would code the article: the linking rule alone, without extraction noise."""
    entities, places = [], []

    def actor(side):
        if not side:
            return None
        name, type_, country, sector = side
        entity = None
        if type_:
            entity = f"e{len(entities) + 1}"
            entities.append(
                Entity(
                    id=entity, name=name, type=type_, mentions=(Span(0, 1, "x"),), actor=Actor(name, country, sector)
                )
            )
        return Actor(name=name, country=country, sector=sector, entity=entity)

    source, target = actor(coded["source"]), actor(coded["target"])
    name, lat, lon, country, feature = coded["place"]
    places.append(
        Place(
            id="p1",
            start=0,
            end=1,
            text=name,
            name=name,
            lat=lat,
            lon=lon,
            country=country,
            feature=feature,
            precision="country" if feature == "country" else "exact",
        )
    )
    event = Event(
        id="ev1",
        type=coded["type"],
        trigger=Span(0, 1, "x"),
        source=source,
        target=target,
        place=PlaceRef(name, lat, lon, country, "p1"),
        date=coded["date"],
        fatalities=coded["fatalities"],
    )
    return Report(
        id=article["id"],
        text=article["text"],
        published=article["published"],
        source=article["source"],
        entities=tuple(entities),
        places=tuple(places),
        events=(event,),
    )


def test_linking_rule_on_coded_reports(fresh_store):
    """Pairwise precision and recall of the grouping when the events are coded right (pinned)."""
    articles = {r["id"]: r for r in reports()}
    coded = [json.loads(line) for line in (CORPUS.parent / "coded.jsonl").read_text(encoding="utf-8").splitlines()]
    for i in range(0, len(coded), 5):  # batches of 5: linking is incremental across batches
        fresh_store.add_reports([(coded_report(articles[c["id"]], c), None) for c in coded[i : i + 5]])
    predicted: dict[str, set[str]] = {}
    for row in fresh_store.query("SELECT article_id, linked_id FROM event_mentions"):
        predicted.setdefault(row["article_id"], set()).add(row["linked_id"])
    p, r, f1 = pairwise(gold_groups(), predicted)
    print(f"\nlinking rule on coded reports: pairwise precision {p:.3f} recall {r:.3f} F1 {f1:.3f}")
    assert p >= CODED_FLOOR[0] and r >= CODED_FLOOR[1] and f1 >= 0.9


def test_linking_corpus_end_to_end(pipeline, fresh_store):
    """The same corpus through the whole pipeline: extraction errors included (pinned floor)."""
    p, r, f1 = pairwise(gold_groups(), link_corpus(pipeline, fresh_store))
    print(f"\nlinking corpus end to end: pairwise precision {p:.3f} recall {r:.3f} F1 {f1:.3f}")
    assert p >= END_TO_END_FLOOR[0] and r >= END_TO_END_FLOOR[1] and f1 >= 0.9


CODED_FLOOR = (1.0, 1.0)  # measured 1.000 / 1.000
# measured 1.000 / 0.900 (F1 0.947) on the 37 reports (2026-11-28, events 1.2); the 22 first reports
# alone: 1.000 / 1.000 (events 1.1: 1.000 / 0.615). Misses left: a background clause ("declared an
# emergency after gangs attacked the prisons") is not coded; Barsalogho is not geocoded and the two
# reports name other victims first.
END_TO_END_FLOOR = (0.95, 0.85)


def test_an_untold_day_is_not_the_whole_publication_month(fresh_store):
    """An event its report dates only by the publication month ("rebels shelled Damascus", no day
    told) happened the day before publication or on it; as a month it joined every attack on the
    city that month and, widened by a day, the next month's first."""

    def report(rid, published, date, rule, outlet):
        place = Place(id="p1", start=0, end=1, text="Damascus", name="Damascus", lat=33.51, lon=36.29, country="SY")
        event = Event(
            id="ev1",
            type="ASSAULT",
            trigger=Span(0, 1, "x"),
            place=PlaceRef("Damascus", 33.51, 36.29, "SY", "p1"),
            date=date,
            date_rule=rule,
        )
        text = f"{outlet}: shelling in Damascus reported on {published}"
        return Report(id=rid, text=text, published=published, source=outlet, places=(place,), events=(event,))

    fresh_store.add_reports(
        [
            (report("early", "2013-08-05", "2013-08", "publication", "a"), None),
            (report("late", "2013-08-28", "2013-08-27", "governing", "b"), None),
        ]
    )
    rows = {r["article_id"]: r for r in fresh_store.query("SELECT * FROM event_mentions")}
    assert rows["early"]["linked_id"] != rows["late"]["linked_id"]
    assert (rows["early"]["date_first"], rows["early"]["date_last"]) == (date(2013, 8, 4), date(2013, 8, 5))
