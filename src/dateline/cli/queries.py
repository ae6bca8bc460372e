"""Read commands over a store: articles, entities, quotes, places, events, actors."""

from __future__ import annotations

import typer

from ..store import contains
from ..store import where_sql as _where
from .options import DbOpt, FmtOpt, LimitOpt, app, say, store_or_exit
from .output import RowFormat, print_rows


def _list(db: str, sql: str, params: list, fmt: RowFormat, title: str) -> None:
    with store_or_exit(db, read_only=True) as store:
        print_rows(store.query(sql, params), fmt, title=title)


@app.command()
def articles(
    db: str = DbOpt,
    search: str | None = typer.Option(None, "--search", help="Text to find."),
    format: RowFormat = FmtOpt,
    limit: int = LimitOpt,
) -> None:
    """List stored articles. Example: dateline articles --search Anbar"""
    sql = "SELECT id, title, published, source FROM articles"
    params: list = []
    if search:
        sql += " WHERE text ILIKE ? ESCAPE '\\'"
        params.append(contains(search))
    _list(db, sql + " ORDER BY published DESC NULLS LAST, id LIMIT ?", params + [limit], format, "articles")


@app.command()
def entities(
    db: str = DbOpt,
    name: str | None = typer.Option(None, "--name", help="Part of a name."),
    type: str | None = typer.Option(None, "--type", help="PERSON, ORG, GPE, ..."),
    format: RowFormat = FmtOpt,
    limit: int = LimitOpt,
) -> None:
    """List entities across stored articles. Example: dateline entities --type PERSON"""
    where, params = _where([("name ILIKE ? ESCAPE '\\'", name and contains(name)), ("type = ?", type and type.upper())])
    sql = (
        f"SELECT name, type, any_value(title) AS title, any_value(country) AS country, "
        f"any_value(sector) AS sector, count(DISTINCT article_id) AS articles, sum(mentions) AS mentions "
        f"FROM entities {where} GROUP BY name, type ORDER BY articles DESC, mentions DESC LIMIT ?"
    )
    _list(db, sql, params + [limit], format, "entities")


@app.command()
def quotes(
    db: str = DbOpt,
    speaker: str | None = typer.Option(None, "--speaker", help="Part of the speaker's name."),
    kind: str | None = typer.Option(None, "--kind", help="direct, indirect or mixed."),
    format: RowFormat = FmtOpt,
    limit: int = LimitOpt,
) -> None:
    """List quotes, by speaker. Example: dateline quotes --speaker Singh"""
    where, params = _where(
        [
            ("(speaker ILIKE ? ESCAPE '\\' OR speaker_text ILIKE ? ESCAPE '\\')", speaker and (contains(speaker),) * 2),
            ("kind = ?", kind),
        ]
    )
    sql = f"SELECT article_id, speaker, speaker_title, kind, content FROM quotes {where} ORDER BY article_id, start LIMIT ?"
    _list(db, sql, params + [limit], format, "quotes")


@app.command()
def places(
    db: str = DbOpt,
    country: str | None = typer.Option(None, "--country", help="ISO 3166 alpha-2."),
    format: RowFormat = FmtOpt,
    limit: int = LimitOpt,
) -> None:
    """List places mentioned, with coordinates. Example: dateline places --country IQ"""
    where, params = _where([("country = ?", country and country.upper()), ("NOT metonymy", True)])
    sql = (
        f"SELECT name, country, feature, precision, round(lat, 4) AS lat, round(lon, 4) AS lon, "
        f"count(*) AS mentions, count(DISTINCT article_id) AS articles FROM places {where} "
        f"GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY mentions DESC LIMIT ?"
    )
    _list(db, sql, params + [limit], format, "places")


@app.command()
def events(
    db: str = DbOpt,
    type: str | None = typer.Option(None, "--type", help="PLOVER type, e.g. ASSAULT."),
    actor: str | None = typer.Option(None, "--actor", help="Part of an actor's name."),
    country: str | None = typer.Option(None, "--country", help="ISO 3166 alpha-2."),
    since: str | None = typer.Option(None, "--since", help="First date YYYY-MM-DD."),
    min_sources: int = typer.Option(1, "--min-sources", help="Only events told by at least N sources."),
    format: RowFormat = FmtOpt,
    limit: int = LimitOpt,
) -> None:
    """List events, each real-world event once, with how many reports and sources tell of it.

    Example: dateline events --type ASSAULT --min-sources 2
    """
    where, params = _where(
        [
            ("e.type = ?", type and type.upper()),
            ("(e.actor1 ILIKE ? ESCAPE '\\' OR e.actor2 ILIKE ? ESCAPE '\\')", actor and (contains(actor),) * 2),
            ("e.country = ?", country and country.upper()),
            ("e.date_last >= CAST(? AS DATE)", since),
            ("e.sources >= ?", min_sources),
        ]
    )
    from ..store.export import events as _events

    with store_or_exit(db, read_only=True) as store:
        rows = _events(store, where, params, limit)
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
    print_rows([{c: r[c] for c in cols} for r in rows], format, title="events")


@app.command("event")
def event_cmd(
    event_id: str = typer.Argument(..., help="An event id from dateline events (E000123)."),
    db: str = DbOpt,
    format: RowFormat = FmtOpt,
) -> None:
    """Show one event: every report behind it, with its outlet, figures and sentence.

    Example: dateline event E000012
    """
    from ..store.export import events as _events
    from ..store.export import mentions

    with store_or_exit(db, read_only=True) as store:
        found = _events(store, "WHERE e.linked_id = ?", [event_id])
        if not found:
            say(f"dateline: no event {event_id} in {store.path} (see dateline events)")
            raise typer.Exit(2)
        reports = mentions(store, event_id)
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
        print_rows(
            [
                {k: r[k] for k in ("article_id", "outlet", "published", "copy_of", "fatalities", "trigger", "sentence")}
                for r in reports
            ],
            format,
            title="reports",
        )
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
    where, params = _where(
        [("actor_id IN (SELECT actor_id FROM actor_aliases WHERE alias ILIKE ? ESCAPE '\\')", name and contains(name))]
    )
    sql = (
        f"SELECT actor_id, name, type, country, sector, articles, mentions, "
        f"(SELECT string_agg(alias, '; ') FROM actor_aliases a WHERE a.actor_id = actors.actor_id "
        f"AND a.alias <> actors.name) AS aliases FROM actors {where} ORDER BY articles DESC, mentions DESC LIMIT ?"
    )
    with store_or_exit(db, read_only=True) as store:
        print_rows(store.query(sql, params + [limit]), format, title="actors")
