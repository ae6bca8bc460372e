"""Web pages for people: an article with its extractions in place, events on a map and a timeline,
an actor's statements and events, contradictions side by side, and one search across them."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from ..claims.disputes import SHOWN
from ..store.queries import Catalog, EventFilter
from . import basemap, figures
from .highlight import anchor, marks, render
from .locate import locate

router = APIRouter(include_in_schema=False)
MAP_LIMIT = 2000  # events drawn on one map; the page says when more matched
LIST_LIMIT = 100  # events listed below it (the most told first); the map shows all it draws


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
    _, recent = cat.articles(limit=12)
    _, contradictions = cat.contradictions(limit=5, recent=True)
    return _page(
        request,
        "index.html",
        counts=cat.counts(),
        span=cat.store_span(),
        articles=recent,
        main=cat.main_events([a["id"] for a in recent]),
        actors=cat.named_actors(limit=15),
        contradictions=contradictions,
        colours=basemap.COLOURS,
        cap=basemap.SYMBOL_CAP_PX,
    )


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str):
    cat = _cat(request)
    art = cat.article(article_id)
    if art is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    stored = cat.report(article_id)
    report = stored.to_dict() if stored else {"text": art["text"]}
    _, events = cat.events(EventFilter(article=article_id, include_negated=True), limit=1000)
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


def _filters(date_from, date_to, type, actor, country) -> dict[str, str]:
    return {
        "date_from": _date(date_from) or "",
        "date_to": _date(date_to) or "",
        "type": type or "",
        "actor": actor or "",
        "country": country or "",
    }


@router.get("/events", response_class=HTMLResponse)
def events_page(
    request: Request,
    date_from: str | None = Query(None, max_length=20),
    date_to: str | None = Query(None, max_length=20),
    type: str | None = Query(None, max_length=40),
    actor: str | None = Query(None, max_length=200),
    country: str | None = Query(None, max_length=3),
):
    """The real-world events, most told and latest first, on a map and a timeline; the page lists
    the first LIST_LIMIT, and the map (static/map.js) fetches the points of the same filter."""
    cat = _cat(request)
    f = _filters(date_from, date_to, type, actor, country)
    only = EventFilter(**{k: v or None for k, v in f.items()})
    if cat.linked():
        total, events = cat.linked_events(only, limit=LIST_LIMIT, order="sources")
    else:
        total, events = cat.events(only, limit=LIST_LIMIT)
    days = cat.event_days(only)
    query = urlencode({k: v for k, v in f.items() if v})
    return _page(
        request,
        "events.html",
        events=events,
        total=total,
        points_url="/map/points.json" + (f"?{query}" if query else ""),
        timeline=figures.histogram(days, f["date_from"], f["date_to"]),
        types=cat.event_types(),
        filters=f,
        query=query,
        limit=LIST_LIMIT,
        colours=basemap.COLOURS,
        cap=basemap.SYMBOL_CAP_PX,
        colour=basemap.colour,
        event_href=figures.event_href,
    )


@router.get("/map/points.json")
def map_points(
    request: Request,
    date_from: str | None = Query(None, max_length=20),
    date_to: str | None = Query(None, max_length=20),
    type: str | None = Query(None, max_length=40),
    actor: str | None = Query(None, max_length=200),
    country: str | None = Query(None, max_length=3),
    order: str = Query("sources", pattern="^(sources|recent)$"),
    limit: int = Query(MAP_LIMIT, ge=1, le=MAP_LIMIT),
):
    """The map's events under the page's filter: compact rows, no sentences (a click asks
    /api/events/{id} for the reports). Running totals are never among them."""
    f = _filters(date_from, date_to, type, actor, country)
    only = EventFilter(**{k: v or None for k, v in f.items()})
    total, points = _cat(request).event_points(only, limit=limit, order=order)
    rows = [
        [p["id"], p["lat"], p["lon"], p["type"], p["fatalities"], p["sources"], p["day"], p["last"], p["place"]]
        for p in points
    ]
    return JSONResponse({"total": total, "columns": POINT_COLUMNS, "points": rows})


POINT_COLUMNS = ["id", "lat", "lon", "type", "fatalities", "sources", "day", "last", "place"]


@router.get("/map/countries.geojson")
def map_countries():
    # the same bytes for the server's life: a browser keeps them for a day
    return Response(
        basemap.countries_geojson(),
        media_type="application/geo+json",
        headers={"Cache-Control": "public, max-age=86400"},
    )


@router.get("/map/labels.json")
def map_labels(
    west: float = Query(..., ge=-540, le=540),
    south: float = Query(..., ge=-90, le=90),
    east: float = Query(..., ge=-540, le=540),
    north: float = Query(..., ge=-90, le=90),
    zoom: int = Query(..., ge=0, le=20),
):
    return JSONResponse(
        basemap.labels(west, south, east, north, zoom), headers={"Cache-Control": "public, max-age=3600"}
    )


@router.get("/actors/{name:path}", response_class=HTMLResponse)
def actor_page(request: Request, name: str):
    cat = _cat(request)
    actor = cat.actor(name)
    if actor is None:
        raise HTTPException(404, f"no actor named {name!r}")
    locate(actor["events_as_source"] + actor["events_as_target"], cat, gazetteer=False)
    return _page(request, "actor.html", actor=actor, anchor=anchor, event_href=figures.event_href)


CONTRADICTIONS_SHOWN = 25  # pairs per page: each needs its claims from the article's report


@router.get("/contradictions", response_class=HTMLResponse)
def contradictions_page(
    request: Request,
    q: str | None = Query(None, max_length=200),
    offset: int = Query(0, ge=0, le=10_000_000),
    min_confidence: float = Query(SHOWN, ge=0.0, le=1.0),
):
    cat = _cat(request)
    total, rows = cat.contradictions(
        q or None, limit=CONTRADICTIONS_SHOWN, offset=offset, min_confidence=min_confidence
    )
    # a pair within one article: its claims as its report holds them (sentences, cues); a pair
    # across two articles carries its sentences itself
    claims = cat.contradiction_claims(sorted({r["article_id"] for r in rows if r["scope"] == "article"}))
    pairs = []
    for row in rows:
        full = claims.get((row["article_id"], row["contradiction_id"])) or {} if row["scope"] == "article" else {}
        pairs.append({"row": row, "a": _claim(full.get("a"), "a", row), "b": _claim(full.get("b"), "b", row)})
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
        page_size=CONTRADICTIONS_SHOWN,
    )


def _claim(claim: dict | None, side: str, row: dict) -> dict:
    """A claim for display: speaker, date, content and its sentence, from the report when it has them."""
    claim = claim or {}
    other = side == "b"
    return {
        "speaker": (claim.get("speaker") or {}).get("name") or row.get(f"speaker_{side}"),
        "content": (claim.get("content") or {}).get("text") or row.get(f"content_{side}"),
        "sentence": (claim.get("sentence") or {}).get("text") or row.get(f"sentence_{side}"),
        "article": claim.get("article") or row.get("article_b" if other else "article_id") or row["article_id"],
        "polarity": claim.get("polarity"),
        "cue": claim.get("cue"),
        "published": row.get("published_b" if other else "published", row.get("published")),
        "outlet": row.get(f"outlet_{side}"),
        "quote": claim.get("quote"),
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
            "events": cat.events(EventFilter(actor=q), limit=25),
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
