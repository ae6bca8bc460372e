"""The service: ``create_app(db)`` builds the FastAPI app over one store.

JSON under ``/api`` (described by OpenAPI at ``/openapi.json``, readable at ``/docs``) and web
pages for people at ``/``. Errors come back as JSON ``{"error": ..., "detail": ...}`` from the API
and as a page from the web routes. Writes need the API key (``DATELINE_API_KEY``); reads are open
from the machine itself, and need the key from elsewhere when one is set.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import os
import secrets
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from contextvars import ContextVar
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware

from ..errors import DatelineError, StoreError, StoreUnavailable
from ..store import Store, is_postgres
from ..store.queries import Catalog
from ..store.readers import SharedReader

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
KEY_ENV = "DATELINE_API_KEY"


# The store a request reads through, opened at its first question and closed when it is answered
# (see Service.catalog); a dict so that the route's thread can fill what the middleware closes.
_request: ContextVar[dict | None] = ContextVar("dateline_request_store", default=None)


class Service:
    """What the routes share: the store (read-write when it can be), the catalog, a write lock.

    A DuckDB file is read through one read-only connection per process, kept between requests (a
    warm cache) and closed while a writer asks for the file with its marker (store/readers.py);
    then each request opens the file read-only for itself and closes it when answered, and a write
    opens it read-write for one batch. So other processes (``dateline ingest``, ``dateline watch``,
    the CLI's queries, more server workers) read and write it too (docs/service.md). An in-memory
    or PostgreSQL store stays open."""

    def __init__(self, db: str, api_key: str | None):
        self.db = db
        self.api_key = api_key or None
        self.brief = db not in ("", ":memory:") and not is_postgres(db)
        try:
            self.store = Store(db, hold=not self.brief)
            self.writable = not self.brief or os.access(db, os.W_OK)
        except StoreError as exc:
            if db == ":memory:" or not Path(db).exists():
                raise
            # the file is not writable, or other processes hold it read-only: serve it read-only
            # (a process writing to it locks it entirely; DuckDB then refuses both ways)
            log.warning("%s; serving read-only", exc)
            self.store = Store(db, read_only=True, hold=not self.brief)
            self.writable = False
        self._catalog = None if self.brief else Catalog(self.store.con)
        self.reader = SharedReader(db) if self.brief else None
        self.write_lock = threading.Lock()
        self._pipeline = None
        self._pipeline_lock = threading.Lock()
        self._analyze_lock = threading.Lock()

    @property
    def catalog(self) -> Catalog:
        """The catalog this request reads through: over the store held open, over the process's
        shared read-only connection, or (while a writer wants the file) over the DuckDB file opened
        read-only for this request; ``request_store`` lets go of either when the request ends."""
        if self._catalog is not None:
            return self._catalog
        held = _request.get()
        if held is None:  # outside a request (a test, a script): one read-only store for it
            held = {}
            _request.set(held)
        if "catalog" not in held and "exits" in held and self.reader is not None:
            shared = held["exits"].enter_context(self.reader.catalog())
            if shared is not None:
                held["catalog"] = shared
                held["generation"] = self.reader.opens  # the answer holds while this opening lasts
        if "catalog" not in held:
            store = held["store"] = Store(self.db, read_only=True, hold=False)
            held["catalog"] = store.catalog()  # opens the file (waits while a writer holds it)
        return held["catalog"]

    @contextmanager
    def request_store(self) -> Iterator[None]:
        """The span of one request: the file a route opened through ``catalog`` is closed at its end."""
        with ExitStack() as exits:
            held: dict = {"exits": exits}
            token = _request.set(held)
            try:
                yield
            finally:
                _request.reset(token)
                if "store" in held:
                    held["store"].close()

    def pipeline(self):
        """The spaCy pipeline, loaded at the first analysis (seconds), then kept."""
        with self._pipeline_lock:
            if self._pipeline is None:
                from ..pipeline import Pipeline

                self._pipeline = Pipeline()
            return self._pipeline

    def analyze(self, article):
        """One report; analyses run one at a time (a spaCy pipeline is not made for threads)."""
        pipeline = self.pipeline()
        with self._analyze_lock:
            return pipeline.analyze(article)

    def check_key(self, given: str | None) -> None:
        if not self.api_key:
            raise HTTPException(403, f"writes are disabled: start the server with {KEY_ENV} set")
        if not given or not secrets.compare_digest(given.encode(), self.api_key.encode()):
            raise HTTPException(401, "a valid API key is required (header X-API-Key)")


class AnswerCache:
    """Answers (status, headers, body) by request, for one generation of the shared connection at a
    time; bounded in bytes, least recently used out first."""

    def __init__(self, max_bytes: int = 32 << 20, largest: int = 2 << 20):
        self.max_bytes, self.largest = max_bytes, largest
        self._lock = threading.Lock()
        self._generation: int | None = None
        self._items: OrderedDict[tuple, tuple[int, dict[str, str], bytes]] = OrderedDict()
        self._bytes = 0

    def get(self, generation: int, key: tuple) -> tuple[int, dict[str, str], bytes] | None:
        with self._lock:
            if generation != self._generation:
                return None
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, generation: int, key: tuple, answer: tuple[int, dict[str, str], bytes]) -> None:
        if len(answer[2]) > self.largest:
            return
        with self._lock:
            if generation != self._generation:  # the store may have changed: forget the old answers
                self._items.clear()
                self._bytes, self._generation = 0, generation
            old = self._items.pop(key, None)
            self._bytes += len(answer[2]) - (len(old[2]) if old else 0)
            self._items[key] = answer
            while self._bytes > self.max_bytes and self._items:
                _, dropped = self._items.popitem(last=False)
                self._bytes -= len(dropped[2])


def _local(host: str | None) -> bool:
    if host in (None, "testclient", "localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def create_app(db: str, api_key: str | None = None) -> FastAPI:
    """The app over the store at ``db``; ``api_key`` defaults to ``$DATELINE_API_KEY``."""
    from . import routes_api, routes_live, routes_web

    service = Service(db, api_key if api_key is not None else os.environ.get(KEY_ENV))
    # FastAPI's /docs loads Swagger UI from a CDN; the service must work offline, so /docs is a
    # page of our own rendered from the same OpenAPI description (routes_web.api_docs).
    app = FastAPI(
        title="dateline",
        version="1.0",
        docs_url=None,
        redoc_url=None,
        description="Conflict news as structured, source-attributed records: articles with their "
        "reports, events, actors, quotes, places and contradictions. Every record carries "
        "the article id and the sentence behind it. Lists take `limit` and `offset`. "
        f"Writes need the API key in the `X-API-Key` header (server started with {KEY_ENV}).",
    )
    app.state.service = service
    app.state.templates = _templates()
    # Leaflet and its clusters come from their XStatic packages (pip-installed, nothing from a CDN,
    # no npm): their files are served as the packages ship them (docs/service.md).
    import xstatic.pkg.leaflet
    import xstatic.pkg.leaflet_markercluster

    app.mount("/static/leaflet", StaticFiles(directory=xstatic.pkg.leaflet.BASE_DIR), name="leaflet")
    app.mount(
        "/static/markercluster",
        StaticFiles(directory=xstatic.pkg.leaflet_markercluster.BASE_DIR),
        name="markercluster",
    )
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    # pages and map data are text: compressed they travel 5-10 times smaller
    app.add_middleware(GZipMiddleware, minimum_size=2000)
    app.include_router(routes_api.router)
    app.include_router(routes_web.router)
    app.include_router(routes_live.router)

    answers = AnswerCache()
    making: dict[tuple, asyncio.Event] = {}  # answers being made, by request (one event loop per worker)

    @app.middleware("http")
    async def cached(request: Request, call_next):
        # An answer read through the shared read-only connection stays true while that connection is
        # open (no writer can have the file meanwhile): the same GET is answered from memory until
        # a writer asks for the file (store/readers.py). Everything else is made afresh.
        if service.reader is None or request.method != "GET" or request.url.path.startswith("/static"):
            return await call_next(request)
        key = (
            request.url.path,
            request.url.query,
            "gzip" in request.headers.get("accept-encoding", ""),
            "text/html" in request.headers.get("accept", ""),
        )
        now = service.reader.generation()
        hit = answers.get(now, key) if now is not None else None
        if hit is None and key in making:
            # the same answer is being made for another client: wait for it rather than make it twice
            # (after a write many clients ask for the same pages at once)
            await making[key].wait()
            now = service.reader.generation()
            hit = answers.get(now, key) if now is not None else None
        if hit is not None:
            return Response(content=hit[2], status_code=hit[0], headers={**hit[1], "x-dateline-cache": "hit"})
        done = None
        if key not in making and not service.reader.wanted():
            done = making[key] = asyncio.Event()
        try:
            response = await call_next(request)
            held = _request.get() or {}
            made = held.get("generation")
            if response.status_code != 200 or made is None or made != service.reader.generation():
                return response
            body = b"".join([chunk async for chunk in response.body_iterator])  # type: ignore[attr-defined]
            answers.put(made, key, (200, dict(response.headers), body))
            return Response(content=body, status_code=200, headers=dict(response.headers))
        finally:
            if done is not None and making.get(key) is done:
                del making[key]
                done.set()

    @app.middleware("http")
    async def per_request_store(request: Request, call_next):
        # the route runs in a worker thread with a copy of this context: it fills the dict, this closes
        with service.request_store():
            return await call_next(request)

    @app.middleware("http")
    async def remote_reads(request: Request, call_next):
        # reads are open on the machine itself; from elsewhere they need the key when one is set
        if service.api_key and not _local(request.client.host if request.client else None):
            given = request.headers.get("x-api-key")
            if not given or not secrets.compare_digest(given.encode(), service.api_key.encode()):
                return _error(request, 401, "a valid API key is required from other hosts (header X-API-Key)")
        return await call_next(request)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return _error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        problems = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors())
        return _error(request, 422, f"invalid request: {problems}", exc.errors())

    @app.exception_handler(DatelineError)
    async def dateline_error(request: Request, exc: DatelineError):
        # a store that is down for a while is the server's trouble, worth retrying: 503, not 400
        return _error(request, 503 if isinstance(exc, StoreUnavailable) else 400, str(exc))

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception):
        log.exception("error serving %s", request.url.path)
        return _error(request, 500, f"internal error ({type(exc).__name__})")

    # An in-memory or PostgreSQL store stays open for the app's life: test clients run the lifespan
    # per request, and the process's end closes it.
    return app


def app_from_env() -> FastAPI:
    """The app a worker process of ``dateline serve --workers N`` builds (uvicorn's factory): the
    store named by ``$DATELINE_SERVE_DB``. The map's place labels are loaded in the background."""
    from . import basemap

    threading.Thread(target=basemap.labels, args=(0, 0, 0, 0, 5), daemon=True).start()
    return create_app(os.environ["DATELINE_SERVE_DB"])


def _templates() -> Jinja2Templates:
    from . import figures
    from .highlight import anchor

    templates = Jinja2Templates(directory=str(HERE / "templates"))  # autoescape is on for .html
    env = templates.env
    env.filters["urlpart"] = lambda value: quote(str(value), safe="")
    env.globals.update(colour=figures.basemap.colour, event_href=figures.event_href, anchor=anchor)
    return templates


def _error(request: Request, status: int, message: str, detail=None):
    if request.url.path.startswith("/api") or "text/html" not in request.headers.get("accept", ""):
        body = {"error": message, "status": status}
        if detail is not None:
            body["detail"] = _plain(detail)
        return JSONResponse(body, status_code=status)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html", {"status": status, "message": message}, status_code=status)


def _plain(value):
    """Validation details may hold exceptions or bytes; keep only JSON values."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def pages_address(host: str = "127.0.0.1", port: int = 8000) -> str:
    """The address of the pages a ``dateline serve`` with these options shows."""
    return f"http://{host}:{port}/"


def serve_hint(db: str, host: str = "127.0.0.1", port: int = 8000) -> str:
    """The line ``dateline demo`` ends with: how to look at the store in a browser."""
    return f"See it in a browser: dateline serve --db {db}   then open {pages_address(host, port)}"


__all__ = ["app_from_env", "create_app", "pages_address", "serve_hint"]
