"""`onrecord serve`: server-rendered pages over the same query functions the CLI uses.

Every page has a JSON twin (``.json`` suffix or ``Accept: application/json``) built
from the same dict, and list pages stream every filtered row as CSV (``.csv``).

Pages are read off the event loop, on READ_THREADS threads that each read on their own read-only
connection, one snapshot a page (:meth:`SQLiteStore.reading`); the review writes (the JSON API in
:mod:`.review`, the HTML forms in :mod:`.forms`) go through the store's one write connection. A rendered
page is remembered by URL and format until the store's data changes (:class:`PageCache`), and the next
GET of it is answered before routing (:class:`CachedPages`), except to a reviewer signed in to the forms.
"""

from __future__ import annotations

import asyncio
import csv
import gc
import io
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import OnrecordError
from ..query import pages
from ..store import SQLiteStore, open_store
from . import forms
from .accept import wants_json
from .review import REALM, Unauthorized, ensure_token
from .review import router as review_router

HERE = Path(__file__).parent
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
READ_THREADS = 4  # threads that read pages, each on its own read connection (more only queue on the GIL)
CACHE_ENTRIES = 2048  # rendered pages remembered until the data changes (least recently used dropped)
CACHE_BYTES = 64 * 1024 * 1024


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every response that has not set them (plain ASGI: no per-request task)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.raw = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in SECURITY_HEADERS.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                have = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in self.raw if k not in have]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HeadAsGet:
    """HEAD answered as the GET of the same URL without its body (RFC 9110 9.3.2): the same status and headers,
    content length included. Plain ASGI, outermost."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_head(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return  # a streamed body's chunks are dropped; the last message ends the response
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_head)


class CachedPages:
    """Answers a GET of a page remembered in the PageCache before routing (no parameter parsing, no thread).

    The key is what the route stores it under (path, query string, format); a request that carries the
    review cookie goes on to the route, which decides for itself.
    """

    def __init__(self, app: ASGIApp, cache: PageCache, store: SQLiteStore) -> None:
        self.app, self.cache, self.store = app, cache, store
        self.cookie = forms.COOKIE.encode("latin-1")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET":
            accept = cookie = b""
            for k, v in scope["headers"]:
                if k == b"accept" and not accept:  # the first one, as Request.headers.get gives it
                    accept = v
                elif k == b"cookie":
                    cookie += v
            key = page_key(scope["path"], scope["query_string"].decode("latin-1"), accept.decode("latin-1"))
            if key is not None and self.cookie not in cookie:
                hit = self.cache.get(self.store.heard_version(), key)
                if hit is not None:
                    body, media_type = hit
                    await send({"type": "http.response.start", "status": 200, "headers": [
                        (b"content-type", media_type.encode("latin-1")),
                        (b"content-length", str(len(body)).encode("latin-1"))]})
                    await send({"type": "http.response.body", "body": body})
                    return
        await self.app(scope, receive, send)


def page_key(path: str, query: str, accept: str) -> tuple[str, str, str] | None:
    """The PageCache key of a GET: (path, query string, "html" or "json"); None for what is not remembered
    (CSV downloads, anything but the pages)."""
    if not (path in ("/search", "/search.json") or path.startswith(("/issues/", "/people/", "/articles/",
                                                                       "/parties/"))):
        return None
    fmt = _split_ext(path)[1]
    if fmt == "csv":
        return None
    if fmt == "html" and wants_json(accept):
        fmt = "json"
    return path, query, fmt


class PageCache:
    """Rendered 200 pages (body and content type) by URL and format, for one data version of the store.

    Only for readers who are not signed in to review (their pages carry a form token). A write to the
    store makes a new version, and the pages of the old one are dropped: never stale.
    """

    def __init__(self, entries: int = CACHE_ENTRIES, max_bytes: int = CACHE_BYTES) -> None:
        self.entries, self.max_bytes = entries, max_bytes
        self.version: tuple[int, int] | None = None
        self.pages: OrderedDict[tuple[str, str, str], tuple[bytes, str]] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, version: tuple[int, int], key: tuple[str, str, str]) -> tuple[bytes, str] | None:
        with self.lock:
            if self.version != version or key not in self.pages:
                self.misses += 1
                return None
            self.hits += 1
            self.pages.move_to_end(key)
            return self.pages[key]



    def put(self, version: tuple[int, int], key: tuple[str, str, str], body: bytes, media_type: str) -> None:
        if len(body) > self.max_bytes // 16:
            return
        with self.lock:
            if self.version is None or self.version < version:
                self.version, self.pages, self.size = version, OrderedDict(), 0
            elif self.version != version:
                return
            old = self.pages.pop(key, None)
            if old is not None:
                self.size -= len(old[0])
            self.pages[key] = (body, media_type)
            self.size += len(body)
            while self.pages and (len(self.pages) > self.entries or self.size > self.max_bytes):
                _, (dropped, _) = self.pages.popitem(last=False)
                self.size -= len(dropped)


def _split_ext(name: str) -> tuple[str, str]:
    for ext in ("json", "csv"):
        if name.endswith("." + ext):
            return name[: -len(ext) - 1], ext
    return name, "html"


def _wants_json(request: Request, fmt: str) -> bool:
    return fmt == "json" or (fmt == "html" and wants_json(request.headers.get("accept", "")))


def site_path(path: str) -> str:
    """A (decoded) path as a link that stays on this site: percent-encoded (no backslash, tab or line break for
    a browser to read as a slash or drop, a ``%`` as ``%25``) and with one leading slash, so
    ``//other.example/x`` links to ``/other.example/x``, never to another host."""
    return "/" + quote(path, safe="/:@!$&'()*+,;=-._~").lstrip("/")


def here(request: Request) -> str:
    """The link to the page asked for (its twin, its pages are this plus a suffix or a query): the request's
    path, decoded as routed, made a link that stays on this site by :func:`site_path`."""
    return site_path(request.scope.get("root_path", "") + request.scope["path"])


def error_body(code: str, title: str, message: str, status: int, hint: str = "") -> dict[str, Any]:
    """The one error shape (:meth:`OnrecordError.to_json`), with the hint when there is one (never a file path)."""
    error = {"code": code, "title": title, "message": message, **({"hint": hint} if hint else {})}
    return {"ok": False, "error": error, "status": status}


# What the OpenAPI schema declares: every status a route answers with, in every content type it can have
# (HTML, its JSON twin, CSV), the one error shape and the top-level keys of each JSON twin.
_TEXT = {"schema": {"type": "string"}}
ERROR_SCHEMA: dict[str, Any] = {
    "type": "object", "required": ["ok", "error", "status"], "additionalProperties": False,
    "properties": {"ok": {"type": "boolean", "enum": [False]}, "status": {"type": "integer"},
                   "error": {"type": "object", "required": ["code", "title", "message"], "additionalProperties": False,
                             "properties": {k: {"type": "string"} for k in ("code", "title", "message", "hint")}}}}
_ERROR_TEXT = {400: "invalid parameter value", 404: "not found", 422: "parameter of the wrong type"}


def _page_schema(**props: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "required": ["ok", *props],
            "properties": {"ok": {"type": "boolean", "enum": [True]}, **props}}


_OBJ, _ARR, _STR = {"type": "object"}, {"type": "array"}, {"type": "string"}
_INT, _POS = {"type": "integer", "minimum": 0}, {"type": "integer", "minimum": 1}
_ROWS = {"type": "array", "items": {"type": "object", "required": ["id", "text", "segments"]}}
SEARCH_SCHEMA = _page_schema(query=_OBJ, total=_INT, page=_POS, per_page=_POS, pages=_POS, rows=_ROWS, facets=_OBJ,
                             facets_sample=_INT, issues=_ARR)
BOARD_SCHEMA = _page_schema(issue=_OBJ, parties=_ARR, counts=_OBJ)
PERSON_SCHEMA = _page_schema(id=_STR, name=_STR, quotes=_ARR, quotes_total=_INT, page=_POS, per_page=_POS,
                             pages=_POS, positions=_ARR)
ARTICLE_SCHEMA = _page_schema(id=_STR, segments=_ARR, quotes=_ARR)
PARTY_SCHEMA = _page_schema(party=_STR, issues=_ARR, members=_ARR)
WATCH_SCHEMA = _page_schema(sources=_ARR, counts=_OBJ, recent=_ARR)


# page=0 is a 400, an unknown issue filter a 404, page=abc a 422; the other pages are HTML, JSON or CSV by suffix
SEARCH_ERRORS = (400, 404, 422)
PERSON_ERRORS = (400, 404, 422)
PAGE_TYPES = ("text/html", "text/csv")


def responses(page: dict[str, Any] | None, *types: str, errors: tuple[int, ...] = (404, 422)) -> dict[int | str, Any]:
    """``responses=`` for a route: 200 as ``types`` (the JSON twin as ``page``), and each error status."""
    ok: dict[str, Any] = {t: _TEXT for t in types}
    if page is not None:
        ok["application/json"] = {"schema": page}
    out: dict[int | str, Any] = {200: {"description": "the page", "content": ok}}
    for status in errors:
        out[status] = {"description": _ERROR_TEXT[status],
                       "content": {"application/json": {"schema": ERROR_SCHEMA}, "text/html": _TEXT}}
    return out


PageParam = Annotated[int, Query(ge=1, description="Page number, from 1; a page past the last is empty.")]
# Empty is "any" (what the search form sends for a field left blank).
StanceParam = Annotated[str | None, Query(
    description=f"Only quotes with this stance on `issue` (which it needs): {', '.join(pages.STANCES)}; empty: any; "
    "anything else, or no issue, is E401.", json_schema_extra={"enum": ["", *pages.STANCES]})]
_DATE_PATTERN = "^([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)?$"
DateFrom = Annotated[str | None, Query(description="Articles published on or after this day (YYYY-MM-DD, YYYY-MM or "
                                       "YYYY; empty: no limit); not a date: E401.",
                                       json_schema_extra={"pattern": _DATE_PATTERN})]
DateTo = Annotated[str | None, Query(description="Articles published on or before this day (YYYY-MM-DD, YYYY-MM or "
                                     "YYYY; empty: no limit); not a date: E401.",
                                     json_schema_extra={"pattern": _DATE_PATTERN})]


def facet_base(request: Request, name: str) -> str:
    """The search link of a facet value, up to the value: this search's other filters (not its page, not
    ``name``), then ``name=``. Built once per facet, not once per value (a page shows up to 120 values)."""
    keep = [(k, v) for k, v in request.query_params.multi_items() if k not in ("page", name)]
    return "/search?" + urlencode([*keep, (name, "")])


def create_app(db: str | SQLiteStore, *, token: str | None = None) -> FastAPI:
    """The web app over the store at ``db`` (a storage URL or an open store).

    Pages are read off the event loop, on READ_THREADS threads that each read on their own read-only
    connection (the review writes go through the store's one write connection). Rendered pages are
    remembered per URL until the store's data changes (PageCache).
    """
    store = db if isinstance(db, SQLiteStore) else open_store(db)
    app = FastAPI(title="onrecord", version="1", docs_url=None, redoc_url=None)
    app.state.store = store
    app.state.token = ensure_token(store, token)  # writes (the review API) need it; reads do not
    app.state.readers = ThreadPoolExecutor(max_workers=READ_THREADS, thread_name_prefix="onrecord-read")
    app.state.page_cache = cache = PageCache()
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.autoescape = True
    templates.env.auto_reload = False  # the templates ship with the package: no stat() of each one per page
    templates.env.globals["facet_base"] = facet_base
    templates.env.globals["here"] = here
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.add_middleware(CachedPages, cache=cache, store=store)
    app.add_middleware(SecurityHeaders)  # outside CachedPages: on remembered pages too
    app.add_middleware(HeadAsGet)  # outermost: a HEAD is a GET (remembered pages too) without the body

    def render(request: Request, fmt: str, template: str, data: dict[str, Any]) -> Response:
        """The page as JSON or HTML (called on a reader thread)."""
        if _wants_json(request, fmt):
            return JSONResponse({"ok": True, **data})
        review = forms.session_of(request)
        context = {"data": data, "request": request, "issues": pages.issue_list(store), "review": review}
        if review is not None:
            context["people"] = pages.people_list(store)
        response = templates.TemplateResponse(request, template, context)
        if review is not None:
            response.headers["Cache-Control"] = "no-store"
        return response

    async def read_page(request: Request, fmt: str, produce: Callable[[], Response]) -> Response:
        """``produce()`` on a reader thread, in one snapshot of the store; remembered for this URL (CachedPages
        answers the next GET of it) unless the reader is signed in to review."""
        key = page_key(request.scope["path"], request.scope["query_string"].decode("latin-1"),
                       request.headers.get("accept", ""))
        cacheable = key is not None and forms.session_of(request) is None
        version = store.heard_version() if cacheable else None  # read before the page's snapshot

        def run() -> Response:
            with store.reading():
                return produce()

        response = await asyncio.get_running_loop().run_in_executor(app.state.readers, run)
        if key is not None and version is not None and response.status_code == 200 \
                and not isinstance(response, StreamingResponse):
            cache.put(version, key, bytes(response.body), response.headers.get("content-type", "text/html"))
        return response

    def fail(request: Request, status: int, code: str, title: str, message: str,
             headers: Mapping[str, str] | None = None, hint: str = "") -> Response:
        body = error_body(code, title, message, status, hint)
        # the security headers here too: a 500 is answered outside the middleware that adds them
        headers = {**SECURITY_HEADERS, **(headers or {})}
        if request.url.path.endswith(".json") or request.url.path.startswith("/api/") or \
                _wants_json(request, "html"):
            return JSONResponse(body, status_code=status, headers=headers)
        return templates.TemplateResponse(request, "error.html", {"data": body, "request": request, "issues": []},
                                          status_code=status, headers=headers)

    @app.exception_handler(OnrecordError)
    async def onrecord_error(request: Request, exc: OnrecordError) -> Response:
        headers = None
        if exc.status == 401:  # RFC 9110: a 401 names the scheme that would be accepted
            headers = {"WWW-Authenticate": exc.challenge if isinstance(exc, Unauthorized) else REALM}
        return fail(request, exc.status, exc.code, exc.to_json()["error"]["title"], exc.message, headers, exc.hint)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = {404: "E404", 405: "E405", 409: "E409", 401: "E401", 403: "E403"}.get(exc.status_code, "E400")
        return fail(request, exc.status_code, code, "request failed", str(exc.detail), exc.headers)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        return fail(request, 500, "E900", "internal error", "something went wrong; the server log has details")

    from fastapi.exceptions import RequestValidationError

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        fields = "; ".join(".".join(str(p) for p in e.get("loc", ())) + f" ({e.get('msg', 'invalid')})"
                           for e in exc.errors())
        return fail(request, 422, "E422", "invalid request", f"invalid parameters: {fields}")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def index() -> Response:
        return RedirectResponse("/search", status_code=302)

    def search_filters(q: str | None, speaker: str | None, party: str | None, outlet: str | None,
                       issue: str | None, stance: str | None, date_from: str | None,
                       date_to: str | None) -> dict[str, Any]:
        return {k: v for k, v in {"q": q, "speaker": speaker, "party": party, "outlet": outlet, "issue": issue,
                                  "stance": stance, "date_from": date_from, "date_to": date_to}.items() if v}

    async def search_view(request: Request, fmt: str, q: str | None, speaker: str | None, party: str | None,
                          outlet: str | None, issue: str | None, stance: str | None, date_from: str | None,
                          date_to: str | None, page: int) -> Response:
        filters = search_filters(q, speaker, party, outlet, issue, stance, date_from, date_to)
        if fmt == "csv":
            rows = await asyncio.get_running_loop().run_in_executor(
                app.state.readers, lambda: pages.iter_search(store, **filters))
            return csv_response("quotes.csv", rows)
        return await read_page(request, fmt, lambda: render(
            request, fmt, "search.html", pages.search(store, page=page, **filters)))

    @app.get("/search", summary="Search quotes", responses=responses(SEARCH_SCHEMA, "text/html", errors=SEARCH_ERRORS))
    async def search(request: Request, q: str | None = None, speaker: str | None = None, party: str | None = None,
                     outlet: str | None = None, issue: str | None = None, stance: StanceParam = None,
                     date_from: DateFrom = None, date_to: DateTo = None, page: PageParam = 1) -> Response:
        return await search_view(request, "html", q, speaker, party, outlet, issue, stance, date_from, date_to, page)

    @app.get("/search.json", summary="Search quotes (JSON)", responses=responses(SEARCH_SCHEMA, errors=SEARCH_ERRORS))
    async def search_json(request: Request, q: str | None = None, speaker: str | None = None,
                          party: str | None = None, outlet: str | None = None, issue: str | None = None,
                          stance: StanceParam = None, date_from: DateFrom = None, date_to: DateTo = None,
                          page: PageParam = 1) -> Response:
        return await search_view(request, "json", q, speaker, party, outlet, issue, stance, date_from, date_to, page)

    @app.get("/search.csv", summary="Every quote of a search (CSV, streamed)",
             responses=responses(None, "text/csv", errors=SEARCH_ERRORS))
    async def search_csv(request: Request, q: str | None = None, speaker: str | None = None,
                         party: str | None = None, outlet: str | None = None, issue: str | None = None,
                         stance: StanceParam = None, date_from: DateFrom = None,
                         date_to: DateTo = None) -> Response:
        return await search_view(request, "csv", q, speaker, party, outlet, issue, stance, date_from, date_to, 1)

    @app.get("/issues/{issue_id}", summary="Issue board", responses=responses(BOARD_SCHEMA, *PAGE_TYPES))
    async def issue_board(request: Request, issue_id: str) -> Response:
        iid, fmt = _split_ext(issue_id)

        def produce() -> Response:
            data = pages.issue_board(store, iid)
            if fmt == "csv":
                rows = [{"party": g["party"], "party_line": g["line"], "name": p["name"], "stance": p["stance"],
                         "position": p["position"], "summary": p["summary"], "confidence": p["confidence"],
                         "breaks_with_party": p["breaks_with_party"], "quote": (p["quote"] or {}).get("text")}
                        for g in data["parties"] for p in g["people"]]
                return csv_response("board.csv", iter(rows))
            return render(request, fmt, "board.html", data)

        return await read_page(request, fmt, produce)

    @app.get("/people/{person_id}", summary="Person (one page of their quotes, newest first)",
             responses=responses(PERSON_SCHEMA, *PAGE_TYPES, errors=PERSON_ERRORS))
    async def person(request: Request, person_id: str, page: PageParam = 1) -> Response:
        pid, fmt = _split_ext(person_id)
        if fmt == "csv":  # every quote
            rows = await asyncio.get_running_loop().run_in_executor(
                app.state.readers, lambda: pages.iter_person_quotes(store, pid))
            return csv_response(f"{pid}.csv", rows)
        return await read_page(request, fmt, lambda: render(request, fmt, "person.html",
                                                             pages.person(store, pid, page=page)))

    @app.get("/articles/{article_id}", summary="Article with its quotes",
             responses=responses(ARTICLE_SCHEMA, *PAGE_TYPES))
    async def article(request: Request, article_id: str) -> Response:
        aid, fmt = _split_ext(article_id)

        def produce() -> Response:
            data = pages.article(store, aid)
            if fmt == "csv":
                return csv_response(f"{aid}.csv", iter(data["quotes"]))
            return render(request, fmt, "article.html", data)

        return await read_page(request, fmt, produce)

    @app.get("/parties/{name}", summary="Party", responses=responses(PARTY_SCHEMA, *PAGE_TYPES))
    async def party(request: Request, name: str) -> Response:
        pname, fmt = _split_ext(name)

        def produce() -> Response:
            data = pages.party(store, pname)
            if fmt == "csv":
                rows = [{"name": m["name"], **{i["name"]: m["stances"][i["id"]]["stance"] for i in data["issues"]}}
                        for m in data["members"]]
                return csv_response(f"{pname}.csv", iter(rows))
            return render(request, fmt, "party.html", data)

        return await read_page(request, fmt, produce)

    @app.get("/watch", summary="What onrecord watch follows, and its queue",
             responses=responses(WATCH_SCHEMA, "text/html"))
    async def watch_page(request: Request) -> Response:
        return await read_page(request, "html", lambda: render(request, "html", "watch.html",
                                                                pages.watch_status(store)))

    @app.get("/watch.json", summary="What onrecord watch follows, and its queue (JSON)",
             responses=responses(WATCH_SCHEMA))
    async def watch_json(request: Request) -> Response:
        return await read_page(request, "json", lambda: render(request, "json", "watch.html",
                                                                pages.watch_status(store)))

    app.include_router(review_router)
    app.include_router(forms.router)
    return app


def settle_gc() -> None:
    """Called once the app is built, in the server process: what was made so far (modules, routes, templates:
    some 60,000 objects) is moved out of the collector's sight (:func:`gc.freeze`), so that a full collection
    no longer walks it, a 30-70 ms pause of every page in flight each time one runs; and the youngest
    generation is collected every 10,000 new objects instead of 700 (a page makes thousands)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def worker_count(workers: int) -> int:
    """The processes ``onrecord serve`` starts for the ``workers`` setting: 0 means one per CPU core, at most 4."""
    return workers or max(1, min(4, os.cpu_count() or 1))


WORKER_DB_ENV = "ONRECORD_SERVE_DB"  # how `onrecord serve --workers N` tells its worker processes the store


def worker_app() -> FastAPI:
    """The app of one worker process of ``onrecord serve --workers N`` (uvicorn imports it by name and calls
    it in each process). The parent sets the storage URL in ONRECORD_SERVE_DB and the write token in
    ONRECORD_TOKEN (made or read once, before the workers start, so that all of them share it). Each worker
    remembers pages and results for itself; a write through any of them (or any other process) is seen by
    all, by the store's data version."""
    db = os.environ.get(WORKER_DB_ENV)
    if not db:
        raise OnrecordError("E401", f"{WORKER_DB_ENV} is not set: start the workers with onrecord serve --workers N")
    app = create_app(open_store(db, create=False), token=os.environ.get("ONRECORD_TOKEN") or None)
    settle_gc()
    return app


def csv_response(filename: str, rows: Iterator[dict[str, Any]]) -> StreamingResponse:
    """Stream every row as CSV, the header from the first row."""

    def gen() -> Iterator[str]:
        buf = io.StringIO()
        writer: csv.DictWriter[str] | None = None
        for row in rows:
            flat = {k: v for k, v in row.items() if not isinstance(v, list | dict)}
            if writer is None:
                writer = csv.DictWriter(buf, fieldnames=list(flat), extrasaction="ignore")
                writer.writeheader()
            writer.writerow(flat)
            if buf.tell() > 65536:
                yield buf.getvalue()
                buf.seek(0)
                buf.truncate()
        yield buf.getvalue()

    return StreamingResponse(gen(), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": f'attachment; filename="{filename}"'})
