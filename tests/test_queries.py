"""The store's one read path: the CLI and the API ask :mod:`dateline.store.queries`, and the rows
it answers with have exactly the keys :mod:`dateline.store.answers` gives them."""

from __future__ import annotations

import re
import typing
from importlib import resources
from pathlib import Path

import pytest

from dateline.records import Report
from dateline.store import Store, answers
from dateline.store.queries import EventFilter

SRC = Path(__file__).resolve().parents[1] / "src" / "dateline"
SAMPLES = resources.files("dateline") / "data" / "samples"


@pytest.fixture(scope="module")
def catalog(pipeline, tmp_path_factory):
    from dateline.sources import read

    paths = sorted(str(p) for p in SAMPLES.iterdir() if p.name.endswith((".jsonl", ".html", ".txt")))
    reports = [r for r in pipeline.analyze_items(read(paths)) if isinstance(r, Report)]
    with Store(tmp_path_factory.mktemp("queries") / "s.duckdb") as store:
        store.add_reports([(r, None) for r in reports])
        yield store.catalog()


def keys(row_type: type) -> set[str]:
    """The keys a row of this type has as the store answers it (``geo`` is the pages' to add)."""
    return set(typing.get_type_hints(row_type)) - {"geo"}


def check(rows, row_type: type) -> None:
    rows = list(rows)
    assert rows, row_type.__name__
    for r in rows:
        assert set(r) == keys(row_type), row_type.__name__


def test_the_pages_and_the_api_rows(catalog):
    check(catalog.articles()[1], answers.ArticleItem)
    check(catalog.articles("Anbar")[1], answers.ArticleItem)
    first = catalog.articles()[1][0]["id"]
    check([catalog.article(first)], answers.StoredArticle)
    assert catalog.report(first).id == first and catalog.report("nope") is None
    _, events = catalog.events(EventFilter(include_negated=True))
    check(events, answers.EventItem)
    check([s for e in events for s in e["sources"]], answers.EventSource)
    check([catalog.event(events[0]["article_id"], events[0]["event_id"])], answers.EventItem)
    _, linked = catalog.linked_events()
    check(linked, answers.LinkedEventItem)
    check([m for e in linked for m in e["sources"]], answers.Mention)
    check([catalog.linked_event(linked[0]["id"])], answers.LinkedEventItem)
    _, actors = catalog.actors()
    check(actors, answers.ActorItem)
    who = next(a for a in actors if a["quotes"] and a["events"])
    detail = catalog.actor(who["name"])
    check([detail], answers.ActorDetail)
    check(detail["statements"], answers.QuoteItem)
    check(detail["events_as_source"] + detail["events_as_target"], answers.ActorEvent)
    check(catalog.quotes()[1], answers.QuoteItem)
    check(catalog.places()[1], answers.PlaceItem)
    check(catalog.contradictions()[1], answers.ContradictionItem)
    check([catalog.event_dates()], answers.DateRange)
    check(catalog.place_points([first]), answers.PlacePoint)


def test_the_command_lines_rows(catalog):
    check(catalog.article_lines(), answers.ArticleLine)
    check(catalog.entity_counts(), answers.EntityCount)
    check(catalog.quote_lines(), answers.QuoteLine)
    check(catalog.place_counts(), answers.PlaceCount)
    check(catalog.actor_lines(), answers.ActorLine)
    events = catalog.acled_events()
    check(events, answers.AcledEvent)
    check(catalog.event_reports(events[0]["event_id"]), answers.EventReport)
    check([r for _, reports in catalog.all_event_reports() for r in reports], answers.EventReport)
    check(catalog.demo_quotes(), answers.DemoQuote)
    check(catalog.demo_events(), answers.DemoEvent)
    check(catalog.demo_places(), answers.DemoPlace)


@pytest.mark.parametrize("layer", ["cli", "api"])
def test_the_cli_and_the_api_ask_no_sql_of_their_own(layer):
    """They read through the query module: no statements, no cursors, no connection of theirs."""
    for path in sorted((SRC / layer).glob("*.py")):
        code = path.read_text(encoding="utf-8")
        assert not re.search(r"\.(query|rows|one|execute|cursor)\(", code), path.name
        assert not re.search(r"\b(SELECT|INSERT|UPDATE|DELETE)\b[^\"']*\b(FROM|INTO|SET)\b", code.replace(_HINT, "")), (
            path.name
        )


_HINT = '"SELECT type, source, target, place, date FROM events"'  # what dateline demo suggests a person try
