"""JSON endpoints under ``/api``: thin shells over ``Catalog`` (reads) and ``Store`` (writes)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Security
from fastapi.responses import JSONResponse
from fastapi.security import APIKeyHeader
from pydantic import BaseModel, Field

from ..claims.disputes import SHOWN
from ..errors import InputError
from ..sources import article_from_text, check_text
from ..store.queries import Catalog, EventFilter
from .locate import locate

router = APIRouter(prefix="/api")
key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="The server's DATELINE_API_KEY.")

MAX_LIMIT = 1000


# Query() objects are built per parameter: FastAPI keeps state on them, so one shared instance
# would make two parameters read the same field.
def Limit():
    return Query(50, ge=1, le=MAX_LIMIT, description=f"Most items to return (1–{MAX_LIMIT}).")


def Offset():
    return Query(0, ge=0, le=10_000_000, description="Items to skip, for paging.")


def MinConfidence():
    return Query(
        SHOWN,
        ge=0.0,
        le=1.0,
        description="Only pairs at this confidence or above (by default those a reader is shown).",
    )


def Scope():
    return Query(
        None,
        pattern="^(article|across)$",
        description="article: two claims of one report; across: two outlets' reports of one linked event.",
    )


def Text(what: str = "Text to find (case-insensitive)"):
    return Query(None, max_length=200, description=what)


def ISODate():
    return Query(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")


class Page(BaseModel):
    """One page of a list: ``items`` from ``offset``, ``total`` matching in all."""

    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]]


class ArticleIn(BaseModel):
    """An article to analyze: its text, and what is known about it."""

    text: str = Field(..., min_length=1, max_length=200_000, description="Plain text of the article.")
    id: str | None = Field(
        None,
        max_length=200,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]*$",
        description="Article id; the content hash when absent.",
    )
    title: str | None = Field(None, max_length=1000)
    published: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")
    source: str | None = Field(None, max_length=300, description="The outlet.")
    url: str | None = Field(None, max_length=2000)


class Stored(BaseModel):
    id: str
    stored: bool = Field(description="False when the same text was stored already.")
    report: dict[str, Any]


class Message(BaseModel):
    error: str
    status: int


ERRORS = {400: {"model": Message}, 404: {"model": Message}, 422: {"model": Message}}


def catalog(request: Request) -> Catalog:
    return request.app.state.service.catalog


def _page(total: int, items: list[dict], limit: int, offset: int) -> JSONResponse:
    # Rows are plain JSON values already: answering directly skips re-validating every item
    # against ``Page`` (a third of a list's time on a large store); the OpenAPI still says ``Page``.
    return RowsResponse({"total": total, "limit": limit, "offset": offset, "items": items})


class RowsResponse(JSONResponse):
    def render(self, content) -> bytes:
        # dates and decimals from DuckDB become strings rather than a 500
        return json.dumps(content, ensure_ascii=False, default=str, separators=(",", ":")).encode("utf-8")


@router.get("/", summary="What the store holds", responses=ERRORS)
def home(cat: Catalog = Depends(catalog)) -> dict[str, Any]:
    return {"counts": cat.counts(), "event_types": cat.event_types()}


@router.get("/articles", response_model=Page, summary="List articles, or search their text", responses=ERRORS)
def list_articles(
    q: str | None = Text(), limit: int = Limit(), offset: int = Offset(), cat: Catalog = Depends(catalog)
) -> JSONResponse:
    return _page(*cat.articles(q, limit, offset), limit, offset)


@router.get("/articles/{article_id:path}", summary="One article with its report", responses=ERRORS)
def get_article(article_id: str, cat: Catalog = Depends(catalog)) -> dict[str, Any]:
    art = cat.article(article_id)
    if art is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    report = cat.report(article_id)
    # the article's main event first (what its headline and lead tell), then the whole report
    main = next((e for e in report.events if e.id == report.main_event), None) if report else None
    return {**art, "main_event": main.to_dict() if main else None, "report": report.to_dict() if report else None}


@router.get(
    "/events",
    response_model=Page,
    responses=ERRORS,
    summary="Events, filtered; each real-world event once, with the reports that tell of it",
)
def list_events(
    type: str | None = Query(None, max_length=40, description="PLOVER type, e.g. ASSAULT"),
    actor: str | None = Query(None, max_length=200, description="Part of a source or target name"),
    country: str | None = Query(None, max_length=3, description="ISO 3166 code of the place"),
    lat: float | None = Query(None, ge=-90, le=90),
    lon: float | None = Query(None, ge=-180, le=180),
    radius_km: float | None = Query(None, gt=0, le=20_000, description="With lat and lon"),
    date_from: str | None = ISODate(),
    date_to: str | None = ISODate(),
    article: str | None = Query(None, max_length=200, description="Only events this article reports"),
    min_sources: int = Query(1, ge=1, le=1000, description="Only events told by at least N sources"),
    dedup: bool = Query(True, description="One item per real-world event (false: one per report)"),
    include_negated: bool = Query(False, description="With dedup=false: also events the text denies"),
    include_irrelevant: bool = Query(
        False, description="Also events of articles judged neither political, conflict nor crime news"
    ),
    limit: int = Limit(),
    offset: int = Offset(),
    cat: Catalog = Depends(catalog),
) -> JSONResponse:
    if radius_km is not None and (lat is None or lon is None):
        raise HTTPException(400, "radius_km needs lat and lon")
    only = EventFilter(
        type=type,
        actor=actor,
        country=country,
        lat=lat,
        lon=lon,
        radius_km=radius_km,
        date_from=date_from,
        date_to=date_to,
        article=article,
        min_sources=min_sources,
        include_negated=include_negated,
        include_irrelevant=include_irrelevant,
    )
    if dedup and cat.linked():
        total, items = cat.linked_events(only, limit, offset)
    else:
        total, items = cat.events(only, limit, offset)
    return _page(total, locate(items, cat), limit, offset)


@router.get("/events/{event_id}", summary="One deduplicated event with every report of it", responses=ERRORS)
def get_linked_event(event_id: str, cat: Catalog = Depends(catalog)) -> dict[str, Any]:
    ev = cat.linked_event(event_id)
    if ev is None:
        raise HTTPException(404, f"no event with id {event_id!r}")
    return locate([ev], cat)[0]


@router.get("/events/{article_id:path}/{event_id}", summary="One event as one article reports it", responses=ERRORS)
def get_event(article_id: str, event_id: str, cat: Catalog = Depends(catalog)) -> dict[str, Any]:
    ev = cat.event(article_id, event_id)
    if ev is None:
        raise HTTPException(404, f"no event {event_id!r} in article {article_id!r}")
    return locate([ev], cat)[0]


@router.get(
    "/actors",
    response_model=Page,
    responses=ERRORS,
    summary="People and groups: speakers, event participants, named entities",
)
def list_actors(
    q: str | None = Text(), limit: int = Limit(), offset: int = Offset(), cat: Catalog = Depends(catalog)
) -> JSONResponse:
    return _page(*cat.actors(q, limit, offset), limit, offset)


@router.get("/actors/{name:path}", summary="One actor with their statements and events", responses=ERRORS)
def get_actor(name: str, cat: Catalog = Depends(catalog)) -> dict[str, Any]:
    found = cat.actor(name)
    if found is None:
        raise HTTPException(404, f"no actor named {name!r}")
    return found


@router.get("/quotes", response_model=Page, summary="Quotes, by speaker or by text", responses=ERRORS)
def list_quotes(
    speaker: str | None = Text(),
    q: str | None = Text(),
    article: str | None = Query(None, max_length=200),
    limit: int = Limit(),
    offset: int = Offset(),
    cat: Catalog = Depends(catalog),
) -> JSONResponse:
    return _page(*cat.quotes(speaker, q, article, limit=limit, offset=offset), limit, offset)


@router.get("/places", response_model=Page, summary="Places mentioned, with coordinates and counts", responses=ERRORS)
def list_places(
    q: str | None = Text(),
    country: str | None = Query(None, max_length=3),
    limit: int = Limit(),
    offset: int = Offset(),
    cat: Catalog = Depends(catalog),
) -> JSONResponse:
    return _page(*cat.places(q, country, limit, offset), limit, offset)


@router.get("/contradictions", response_model=Page, summary="Claims that contradict each other", responses=ERRORS)
def list_contradictions(
    q: str | None = Text(),
    min_confidence: float = MinConfidence(),
    scope: str | None = Scope(),
    limit: int = Limit(),
    offset: int = Offset(),
    cat: Catalog = Depends(catalog),
) -> JSONResponse:
    return _page(*cat.contradictions(q, limit, offset, min_confidence=min_confidence, scope=scope), limit, offset)


def require_key(request: Request, key: str | None = Security(key_header)) -> None:
    """Writes need the key; checked before the body, so a stranger learns nothing about it."""
    request.app.state.service.check_key(key)


def _article(body: ArticleIn):
    ident = body.id or "sha256-" + hashlib.sha256(body.text.encode("utf-8")).hexdigest()[:16]
    try:
        check_text(body.text, ident)
    except InputError as exc:
        raise HTTPException(422, exc.reason) from exc
    meta = {k: v for k, v in (("source", body.source), ("url", body.url)) if v}
    return article_from_text(body.text, id=ident, published=body.published, title=body.title, **meta)


@router.post("/analyze", summary="Analyze a posted article without storing it", responses=ERRORS)
def analyze(body: ArticleIn, request: Request) -> dict[str, Any]:
    report = request.app.state.service.analyze(_article(body))
    return report.to_dict()


@router.post(
    "/articles",
    status_code=201,
    summary="Analyze an article and store it (needs the API key)",
    responses={**ERRORS, 401: {"model": Message}, 403: {"model": Message}, 503: {"model": Message}},
)
def store_article(body: ArticleIn, request: Request, _: None = Depends(require_key)) -> Stored:
    service = request.app.state.service
    if not service.writable:
        raise HTTPException(503, "the store is open read-only (another process is writing to it)")
    report = service.analyze(_article(body))
    with service.write_lock:
        new = service.store.add_reports([(report, "api")])
    return Stored(id=report.id, stored=bool(new), report=report.to_dict())
