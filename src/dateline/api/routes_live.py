"""Pages of the live watcher: each watched source's state and the latest items, and the alerts
with their latest hits. Read from the store (``store.live``), which the watcher writes."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ..store.live import alert_hits, alerts, feed_states, recent_items
from .routes_web import _cat, _page

router = APIRouter(include_in_schema=False)


@router.get("/live", response_class=HTMLResponse)
def live_page(request: Request):
    cat = _cat(request)
    return _page(request, "live.html", feeds=feed_states(cat), items=recent_items(cat, 100))


@router.get("/alerts", response_class=HTMLResponse)
def alerts_page(request: Request):
    cat = _cat(request)
    return _page(request, "alerts.html", alerts=alerts(cat), hits=alert_hits(cat, 200))
