"""Web pages for people: an article with its extractions in place, events on a map and a timeline,
an actor's statements and events, contradictions side by side, and one search across them."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from ..claims.disputes import SHOWN
from ..records import Claim, Report
from ..store.queries import Catalog
from . import figures
from .highlight import anchor, marks, render
from .locate import locate

router = APIRouter(include_in_schema=False)
MAP_LIMIT = 2000  # events drawn on one map; the page says when more matched


def _cat(request: Request) -> Catalog:
    return request.app.state.service.catalog


# Defence in depth behind autoescaping: were a script ever to slip into a page, the browser would
# still run only the site's own script file; nothing is loaded from elsewhere, and no site frames
# the pages. (Inline style attributes stay allowed: the event swatches use them, with fixed colours.)
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def _page(request: Request, name: str, **context) -> HTMLResponse:
    page = request.app.state.templates.TemplateResponse(request, name, context)
    page.headers["Content-Security-Policy"] = POLICY
    page.headers["X-Content-Type-Options"] = "nosniff"
    return page


def _date(value: str | None) -> str | None:
    """A form date (YYYY-MM-DD) or None; anything else is ignored rather than failing the page."""
    try:
        return dt.date.fromisoformat(value).isoformat() if value else None
    except ValueError:
        return None


@router.get("/", response_class=HTMLResponse)
def index(request: Request):
    cat = _cat(request)
    _, recent = cat.articles(limit=20)
    _, actors = cat.actors(limit=15)
    return _page(request, "index.html", counts=cat.counts(), articles=recent, actors=actors)


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str):
    cat = _cat(request)
    art = cat.article(article_id)
    if art is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    stored = cat.report(article_id)
    report = stored.to_dict() if stored else {"text": art["text"]}
    _, events = cat.events(article=article_id, include_negated=True, limit=1000)
    locate(events, cat)
    where = {e["event_id"]: e for e in events}
    return _page(
        request,
        "article.html",
        article=art,
        report=report,
        body=render(art["text"] or "", marks(report)),
        anchor=anchor,
        located=where,
        event_href=figures.event_href,
    )


@router.get("/events", response_class=HTMLResponse)
def events_page(
    request: Request,
    date_from: str | None = Query(None, max_length=20),
    date_to: str | None = Query(None, max_length=20),
    type: str | None = Query(None, max_length=40),
    actor: str | None = Query(None, max_length=200),
    country: str | None = Query(None, max_length=3),
):
    cat = _cat(request)
    date_from, date_to = _date(date_from), _date(date_to)
    query = cat.linked_events if cat.linked() else cat.events
    total, events = query(
        type or None, actor or None, country or None, date_from=date_from, date_to=date_to, limit=MAP_LIMIT
    )
    locate(events, cat)
    bounds = cat.event_dates()
    return _page(
        request,
        "events.html",
        events=events,
        total=total,
        map=figures.map_figure(events),
        timeline=figures.timeline_figure(events),
        types=cat.event_types(),
        filters={
            "date_from": date_from or "",
            "date_to": date_to or "",
            "type": type or "",
            "actor": actor or "",
            "country": country or "",
        },
        first=bounds and bounds["first"],
        last=bounds and bounds["last"],
        limit=MAP_LIMIT,
        linked=cat.linked(),
        colour=figures.basemap.colour,
        event_href=figures.event_href,
    )


@router.get("/actors/{name:path}", response_class=HTMLResponse)
def actor_page(request: Request, name: str):
    cat = _cat(request)
    actor = cat.actor(name)
    if actor is None:
        raise HTTPException(404, f"no actor named {name!r}")
    locate(actor["events_as_source"] + actor["events_as_target"], cat, gazetteer=False)
    return _page(request, "actor.html", actor=actor, anchor=anchor, event_href=figures.event_href)


@router.get("/contradictions", response_class=HTMLResponse)
def contradictions_page(
    request: Request,
    q: str | None = Query(None, max_length=200),
    offset: int = Query(0, ge=0, le=10_000_000),
    min_confidence: float = Query(SHOWN, ge=0.0, le=1.0),
):
    cat = _cat(request)
    total, rows = cat.contradictions(q or None, limit=50, offset=offset, min_confidence=min_confidence)
    reports: dict[str, Report | None] = {}
    pairs = []
    for row in rows:
        full = None
        if row["scope"] == "article":  # the report holds the pair with its sentences
            aid = row["article_id"]
            if aid not in reports:
                reports[aid] = cat.report(aid)
            found = reports[aid]
            full = next((c for c in found.contradictions if c.id == row["contradiction_id"]), None) if found else None
        pairs.append({"row": row, "a": _claim(full and full.a, "a", row), "b": _claim(full and full.b, "b", row)})
    return _page(
        request,
        "contradictions.html",
        pairs=pairs,
        total=total,
        q=q or "",
        offset=offset,
        anchor=anchor,
        min_confidence=min_confidence,
        shown=SHOWN,
    )


def _claim(claim: Claim | None, side: str, row: dict) -> dict:
    """A claim for display: speaker, date, content and its sentence, from the report when it has them."""
    other = side == "b"
    return {
        "speaker": (claim and claim.speaker and claim.speaker.name) or row.get(f"speaker_{side}"),
        "content": (claim and claim.content.text) or row.get(f"content_{side}"),
        "sentence": claim.sentence.text if claim and claim.sentence else row.get(f"sentence_{side}"),
        "article": (claim and claim.article) or row.get("article_b" if other else "article_id") or row["article_id"],
        "polarity": claim.polarity if claim else None,
        "cue": claim.cue if claim else None,
        "published": row.get("published_b" if other else "published", row.get("published")),
        "outlet": row.get(f"outlet_{side}"),
        "quote": claim.quote if claim else None,
    }


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str | None = Query(None, max_length=200)):
    cat = _cat(request)
    found: dict = {}
    if q:
        found = {
            "articles": cat.articles(q, limit=25),
            "actors": cat.actors(q, limit=25),
            "quotes": cat.quotes(q=q, limit=25),
            "places": cat.places(q, limit=25),
            "events": cat.events(actor=q, limit=25),
            "contradictions": cat.contradictions(q, limit=10),
        }
    return _page(request, "search.html", q=q or "", found=found, anchor=anchor, event_href=figures.event_href)


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request):
    """The OpenAPI description as a page: every operation, its parameters and answers (no CDN)."""
    spec = request.app.openapi()
    ops = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            body = ((op.get("requestBody") or {}).get("content") or {}).get("application/json", {}).get("schema")
            ops.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary"),
                    "parameters": op.get("parameters") or [],
                    "body": _ref(body, spec),
                    "secured": bool(op.get("security")),
                    "responses": sorted(op.get("responses") or {}),
                }
            )
    return _page(request, "docs.html", spec=spec, ops=ops)


def _ref(schema: dict | None, spec: dict) -> dict | None:
    if schema and "$ref" in schema:
        return spec.get("components", {}).get("schemas", {}).get(schema["$ref"].rsplit("/", 1)[-1])
    return schema
