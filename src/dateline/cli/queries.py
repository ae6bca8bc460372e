"""Read commands over a store: articles, entities, quotes, places, events, actors, contradictions. Each asks the
store's query module (:class:`dateline.store.Catalog`, the API's too) and prints what it answers."""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from typing import Any

import typer

from ..claims.disputes import SHOWN
from ..store import Catalog
from .options import DbOpt, FmtOpt, LimitOpt, app, say, store_or_exit
from .output import RowFormat, only, print_rows


class Scope(enum.StrEnum):
    article = "article"
    across = "across"


def _list(db: str, ask: Callable[[Catalog], Sequence[Any]], fmt: RowFormat, title: str) -> None:
    with store_or_exit(db, read_only=True) as store:
        print_rows(ask(store.catalog()), fmt, title=title)


@app.command()
def articles(
    db: str = DbOpt,
    search: str | None = typer.Option(None, "--search", help="Text to find."),
    format: RowFormat = FmtOpt,
    limit: int = LimitOpt,
) -> None:
    """List stored articles. Example: dateline articles --search Anbar"""
    _list(db, lambda cat: cat.article_lines(search, limit), format, "articles")


@app.command()
def entities(
    db: str = DbOpt,
    name: str | None = typer.Option(None, "--name", help="Part of a name."),
    type: str | None = typer.Option(None, "--type", help="PERSON, ORG, GPE, ..."),
    format: RowFormat = FmtOpt,
    limit: int = LimitOpt,
) -> None:
    """List entities across stored articles. Example: dateline entities --type PERSON"""
    _list(db, lambda cat: cat.entity_counts(name, type, limit), format, "entities")


@app.command()
def quotes(
    db: str = DbOpt,
    speaker: str | None = typer.Option(None, "--speaker", help="Part of the speaker's name."),
    kind: str | None = typer.Option(None, "--kind", help="direct, indirect or mixed."),
    format: RowFormat = FmtOpt,
    limit: int = LimitOpt,
) -> None:
    """List quotes, by speaker. Example: dateline quotes --speaker Singh"""
    _list(db, lambda cat: cat.quote_lines(speaker, kind, limit), format, "quotes")


@app.command()
def places(
    db: str = DbOpt,
    country: str | None = typer.Option(None, "--country", help="ISO 3166 alpha-2."),
    format: RowFormat = FmtOpt,
    limit: int = LimitOpt,
) -> None:
    """List places mentioned, with coordinates. Example: dateline places --country IQ"""
    _list(db, lambda cat: cat.place_counts(country, limit), format, "places")


@app.command()
def events(
    db: str = DbOpt,
    type: str | None = typer.Option(None, "--type", help="PLOVER type, e.g. ASSAULT."),
    actor: str | None = typer.Option(None, "--actor", help="Part of an actor's name."),
    country: str | None = typer.Option(None, "--country", help="ISO 3166 alpha-2."),
    since: str | None = typer.Option(None, "--since", help="First date YYYY-MM-DD."),
    min_sources: int = typer.Option(1, "--min-sources", help="Only events told by at least N sources."),
    include_irrelevant: bool = typer.Option(
        False,
        "--include-irrelevant",
        help="Also events told only by articles judged neither political, conflict nor crime news.",
    ),
    format: RowFormat = FmtOpt,
    limit: int = LimitOpt,
) -> None:
    """List events, each real-world event once, with how many reports and sources tell of it.

    Example: dateline events --type ASSAULT --min-sources 2
    """
    with store_or_exit(db, read_only=True) as store:
        rows = store.catalog().acled_events(
            type, actor, country, since, min_sources, limit=limit, include_irrelevant=include_irrelevant
        )
    cols = (
        "event_id",
        "event_date",
        "plover_type",
        "actor1",
        "actor2",
        "location",
        "country",
        "fatalities",
        "fatalities_max",
        "reports",
        "sources",
    )
    print_rows(only(rows, cols), format, title="events")


@app.command("event")
def event_cmd(
    event_id: str = typer.Argument(..., help="An event id from dateline events (E000123)."),
    db: str = DbOpt,
    format: RowFormat = FmtOpt,
) -> None:
    """Show one event: every report behind it, with its outlet, figures and sentence.

    Example: dateline event E000012
    """
    with store_or_exit(db, read_only=True) as store:
        catalog = store.catalog()
        found = catalog.acled_events(linked_id=event_id)
        if not found:
            say(f"dateline: no event {event_id} in {store.path} (see dateline events)")
            raise typer.Exit(2)
        reports = catalog.event_reports(event_id)
    ev = found[0]
    if format == RowFormat.table:
        figures = (
            f"{ev['fatalities']}"
            if ev["fatalities"] == ev["fatalities_max"]
            else f"{ev['fatalities']}–{ev['fatalities_max']}"
        )
        print(
            f"{ev['event_id']}  {ev['plover_type']} ({ev['event_type'] or '-'})  {ev['event_date'] or 'date unknown'}"
            f"  {ev['location'] or 'place unknown'}{', ' + ev['country'] if ev['country'] else ''}"
        )
        print(
            f"   {ev['actor1'] or '?'} → {ev['actor2'] or '?'}; fatalities {figures if ev['fatalities'] is not None else 'not reported'};"
            f" {ev['reports']} reports from {ev['sources']} sources"
        )
        cols = ("article_id", "outlet", "published", "copy_of", "fatalities", "trigger", "sentence")
        print_rows(only(reports, cols), format, title="reports")
    else:
        print_rows([{**ev, "reports_detail": reports}] if format == RowFormat.json else reports, format)


@app.command()
def actors(
    db: str = DbOpt,
    name: str | None = typer.Option(None, "--name", help="Part of a name or alias."),
    format: RowFormat = FmtOpt,
    limit: int = LimitOpt,
) -> None:
    """List actors linked across articles, with their aliases. Example: dateline actors --name hezbollah"""
    _list(db, lambda cat: cat.actor_lines(name, limit), format, "actors")


@app.command()
def contradictions(
    db: str = DbOpt,
    search: str | None = typer.Option(None, "--search", help="Text to find in what they are about or say."),
    min_confidence: float = typer.Option(
        SHOWN, "--min-confidence", min=0.0, max=1.0, help="Only pairs at this confidence or above."
    ),
    scope: Scope | None = typer.Option(None, "--scope", help="article: within one report; across: between outlets."),
    format: RowFormat = FmtOpt,
    limit: int = LimitOpt,
) -> None:
    """List claims that contradict each other, within a report and between outlets on one event.

    By default only the pairs a reader is shown (confidence 0.8 or above); --min-confidence 0.6
    shows all the store keeps. Example: dateline contradictions --scope across
    """
    with store_or_exit(db, read_only=True) as store:
        _, rows = store.catalog().contradictions(
            search, limit=limit, min_confidence=min_confidence, scope=scope.value if scope else None
        )
    if format != RowFormat.table:
        print_rows(rows, format, title="contradictions")
        return
    if not rows:
        print_rows([], format, title="contradictions")
        return
    for r in rows:
        event = (
            f"; event {r['event_id']} {r['event_type'] or ''} in {r['event_place'] or 'place unknown'}, "
            f"{_days(r['event_date_first'], r['event_date_last'])}"
            if r["event_id"]
            else ""
        )
        print(f"{r['confidence']:.2f} {r['type']} about {r['about']} ({r['scope']}{event})")
        sides = (
            (
                r["speaker_a"],
                r["outlet_a"],
                r["article_id"],
                r["published"],
                r["article_title"],
                r["sentence_a"],
                r["content_a"],
            ),
            (
                r["speaker_b"],
                r["outlet_b"],
                r["article_b"],
                r["published_b"],
                r["article_title_b"],
                r["sentence_b"],
                r["content_b"],
            ),
        )
        for speaker, outlet, article, published, title, sentence, content in sides:
            print(
                f"   {speaker or 'someone'} in {outlet or article} "
                f"({article}, {published or 'date unknown'}, {title or 'no title'}):"
            )
            print(f"      {sentence or content}")


def _days(first: str | None, last: str | None) -> str:
    if first is None:
        return "date unknown"
    return first if last in (None, first) else f"{first} to {last}"
