"""Live commands: ``dateline watch`` polls feeds and pages into the store, ``dateline alert``
saves the filters whose new matches are written to the alerts JSONL and posted to webhooks."""

from __future__ import annotations

import logging
import signal
import threading
from dataclasses import asdict

import typer

from ..errors import DatelineError
from ..store.live import AlertRule, add_alert, alert_hits, alerts, feed_states, remove_alert
from .options import DbOpt, FmtOpt, app, load_pipeline, reject, say, store_or_exit
from .output import RowFormat, print_rows

alert_app = typer.Typer(
    help="Saved filters: each new matching event or contradiction is an alert.", no_args_is_help=True
)
app.add_typer(alert_app, name="alert")


def alerts_file(db: str) -> str:
    """Where a store's alerts are appended by default: beside a DuckDB file, else in the working directory."""
    return f"{db}.alerts.jsonl" if "://" not in db and db != ":memory:" else "dateline-alerts.jsonl"


@app.command()
def watch(
    sources: list[str] = typer.Argument(None, help="RSS/Atom feed or web page URLs to poll."),
    db: str = DbOpt,
    every: str = typer.Option("10m", "--every", help="Time between rounds: 30s, 10m, 2h."),
    rounds: int = typer.Option(0, "--rounds", help="Stop after N rounds (0: run until interrupted)."),
    status: bool = typer.Option(False, "--status", help="Show each watched source's state and exit."),
    pace: float = typer.Option(
        1.0, "--pace", help="Seconds between two requests to one host (robots.txt may ask more)."
    ),
    timeout: float = typer.Option(20.0, "--timeout", help="Seconds one HTTP request may take."),
    workers: int = typer.Option(1, "--workers", "-w", help="Worker processes analysing articles."),
    alerts_to: str | None = typer.Option(None, "--alerts-file", help="Alerts JSONL (default: DB.alerts.jsonl)."),
    format: RowFormat = FmtOpt,
) -> None:
    """Poll feeds and pages, store each new article once, and deliver alerts.

    Conditional requests (ETag, Last-Modified), robots.txt and a pace per host are respected; a
    failing source is reported and the others go on. What was seen is in the store, so a restart
    goes on where the last run stopped.

    Example: dateline watch https://example.org/world.rss --every 10m --db corpus.duckdb
    """
    if status:
        with store_or_exit(db, read_only=True) as store, store.held():
            rows = [
                {k: v for k, v in asdict(f).items() if k not in ("etag", "last_modified")}
                for f in feed_states(store.catalog())
            ]
        print_rows(rows, format, title="watched sources")
        raise typer.Exit(0)
    if not sources:
        raise typer.BadParameter("give one or more feed or page URLs (or --status)", param_hint="SOURCES")
    from ..live import Delivery, Fetcher, Watcher, parse_every

    try:
        period = parse_every(every)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--every") from None
    logging.getLogger("dateline.live").setLevel(logging.INFO)
    store_or_exit(db).close()  # a clear error now for a store that cannot be opened
    pipeline = load_pipeline() if workers <= 1 else None
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    watcher = Watcher(
        db,
        sources,
        every=period,
        pipeline=pipeline,
        workers=workers,
        fetcher=Fetcher(pace=pace, timeout=timeout),
        delivery=Delivery(alerts_to or alerts_file(db)),
        on_round=lambda s: say(f"dateline watch: {s.line()}" + "".join(f"\n  failing {f}" for f in s.failing)),
        on_reject=reject,
    )
    try:
        watcher.run(rounds or None, stop)
    except KeyboardInterrupt:
        say("dateline watch: interrupted; what was stored stays, and the next run goes on from there")
    except DatelineError as exc:
        say(f"dateline: {exc}")
        raise typer.Exit(2) from None
    finally:
        watcher.close()


@alert_app.command("add")
def alert_add(
    db: str = DbOpt,
    name: str | None = typer.Option(None, "--name", help="A name to show (default: the filter)."),
    type: str | None = typer.Option(None, "--type", help="PLOVER event type: ASSAULT, PROTEST, ..."),
    country: str | None = typer.Option(None, "--country", help="ISO 3166 alpha-2 code of the event's country."),
    admin1: str | None = typer.Option(None, "--admin1", help="Province or state (part of its name)."),
    min_fatalities: int | None = typer.Option(None, "--min-fatalities", help="At least this many killed."),
    actor: str | None = typer.Option(None, "--actor", help="Part of an actor's (or speaker's) name."),
    keyword: str | None = typer.Option(None, "--keyword", help="A word in the sentence or title."),
    contradiction: bool = typer.Option(False, "--contradiction", help="Match contradictions instead of events."),
    webhook: str | None = typer.Option(None, "--webhook", help="URL each hit is POSTed to as JSON."),
) -> None:
    """Save a filter; events and contradictions stored from now on that match it are alerts.

    Example: dateline alert add --type ASSAULT --country SY --admin1 Idlib --min-fatalities 5
    """
    if webhook and not webhook.startswith(("http://", "https://")):
        raise typer.BadParameter(f"{webhook!r} is not an http(s) URL", param_hint="--webhook")
    rule = AlertRule(type, country, admin1, min_fatalities, actor, keyword, contradiction)
    with store_or_exit(db) as store:
        alert_id = add_alert(store, name, rule, webhook)
    say(f"alert {alert_id} saved: {rule.describe()}; hits go to {alerts_file(db)}")


@alert_app.command("list")
def alert_list(db: str = DbOpt, format: RowFormat = FmtOpt) -> None:
    """The saved alerts."""
    with store_or_exit(db, read_only=True) as store, store.held():
        rows = [
            {"alert_id": a.alert_id, "name": a.name, "filter": a.rule.describe(), "webhook": a.webhook}
            for a in alerts(store.catalog())
        ]
    print_rows(rows, format, title="alerts")


@alert_app.command("remove")
def alert_remove(alert_id: int = typer.Argument(..., help="The alert's number."), db: str = DbOpt) -> None:
    """Delete a saved alert."""
    with store_or_exit(db) as store:
        if not remove_alert(store, alert_id):
            say(f"dateline: no alert {alert_id} in {db}")
            raise typer.Exit(2)
    say(f"alert {alert_id} removed")


@alert_app.command("hits")
def alert_hits_cmd(db: str = DbOpt, format: RowFormat = FmtOpt, limit: int = typer.Option(50, "--limit")) -> None:
    """The latest alert hits."""
    with store_or_exit(db, read_only=True) as store, store.held():
        rows = [
            {k: r[k] for k in ("hit_at", "alert_id", "name", "kind", "article_id")}
            | {"what": r["payload"].get("sentence") or r["payload"].get("content_a")}
            for r in alert_hits(store.catalog(), limit)
        ]
    print_rows(rows, format, title="alert hits")
