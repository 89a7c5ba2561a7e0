"""`onrecord serve`: server-rendered pages over the same query functions the CLI uses.

Every page has a JSON twin (``.json`` suffix or ``Accept: application/json``) built
from the same dict, and list pages stream every filtered row as CSV (``.csv``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import OnrecordError
from ..query import pages
from ..store import SQLiteStore, open_store
from .review import ensure_token
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


def _split_ext(name: str) -> tuple[str, str]:
    for ext in ("json", "csv"):
        if name.endswith("." + ext):
            return name[: -len(ext) - 1], ext
    return name, "html"


def _wants_json(request: Request, fmt: str) -> bool:
    return fmt == "json" or (fmt == "html" and "application/json" in request.headers.get("accept", "")
                             and "text/html" not in request.headers.get("accept", ""))


def error_body(code: str, title: str, message: str, status: int) -> dict[str, Any]:
    return {"ok": False, "error": {"code": code, "title": title, "message": message}, "status": status}


# What the OpenAPI schema declares: every status a route answers with, in every content type it can have
# (HTML, its JSON twin, CSV), the one error shape and the top-level keys of each JSON twin.
_TEXT = {"schema": {"type": "string"}}
ERROR_SCHEMA: dict[str, Any] = {
    "type": "object", "required": ["ok", "error", "status"], "additionalProperties": False,
    "properties": {"ok": {"type": "boolean", "enum": [False]}, "status": {"type": "integer"},
                   "error": {"type": "object", "required": ["code", "title", "message"], "additionalProperties": False,
                             "properties": {k: {"type": "string"} for k in ("code", "title", "message")}}}}
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
PERSON_SCHEMA = _page_schema(id=_STR, name=_STR, quotes=_ARR, positions=_ARR)
ARTICLE_SCHEMA = _page_schema(id=_STR, segments=_ARR, quotes=_ARR)
PARTY_SCHEMA = _page_schema(party=_STR, issues=_ARR, members=_ARR)


# page=0 is a 400, an unknown issue filter a 404, page=abc a 422; the other pages are HTML, JSON or CSV by suffix
SEARCH_ERRORS = (400, 404, 422)
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


def create_app(db: str | SQLiteStore, *, token: str | None = None) -> FastAPI:
    """The web app over the store at ``db`` (a storage URL or an open store)."""
    store = db if isinstance(db, SQLiteStore) else open_store(db)
    app = FastAPI(title="onrecord", version="1", docs_url=None, redoc_url=None)
    app.state.store = store
    app.state.token = ensure_token(store, token)  # writes (the review API) need it; reads do not
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.autoescape = True
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        return response

    def render(request: Request, fmt: str, template: str, data: dict[str, Any]) -> Response:
        if _wants_json(request, fmt):
            return JSONResponse({"ok": True, **data})
        issues = [{"id": i.id, "name": i.name} for i in store.issues()]
        return templates.TemplateResponse(request, template, {"data": data, "request": request, "issues": issues})

    def fail(request: Request, status: int, code: str, title: str, message: str) -> Response:
        body = error_body(code, title, message, status)
        if request.url.path.endswith(".json") or request.url.path.startswith("/api/") or \
                _wants_json(request, "html"):
            return JSONResponse(body, status_code=status, headers=SECURITY_HEADERS)
        # the headers here too: a 500 is answered outside the middleware that adds them
        return templates.TemplateResponse(request, "error.html", {"data": body, "request": request, "issues": []},
                                          status_code=status, headers=SECURITY_HEADERS)

    @app.exception_handler(OnrecordError)
    async def onrecord_error(request: Request, exc: OnrecordError) -> Response:
        return fail(request, exc.status, exc.code, exc.to_json()["error"]["title"], exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = {404: "E404", 405: "E405", 409: "E409", 401: "E401", 403: "E403"}.get(exc.status_code, "E400")
        return fail(request, exc.status_code, code, "request failed", str(exc.detail))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        return fail(request, 500, "E900", "internal error", "something went wrong; the server log has details")

    from fastapi.exceptions import RequestValidationError

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        fields = ", ".join(".".join(str(p) for p in e.get("loc", ())) for e in exc.errors())
        return fail(request, 422, "E422", "invalid request", f"invalid parameters: {fields}")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> Response:
        return RedirectResponse("/search", status_code=302)

    def search_filters(q: str | None, speaker: str | None, party: str | None, outlet: str | None,
                       issue: str | None, stance: str | None, date_from: str | None,
                       date_to: str | None) -> dict[str, Any]:
        return {k: v for k, v in {"q": q, "speaker": speaker, "party": party, "outlet": outlet, "issue": issue,
                                  "stance": stance, "date_from": date_from, "date_to": date_to}.items() if v}

    def search_view(request: Request, fmt: str, q: str | None, speaker: str | None, party: str | None,
                    outlet: str | None, issue: str | None, stance: str | None, date_from: str | None,
                    date_to: str | None, page: int) -> Response:
        filters = search_filters(q, speaker, party, outlet, issue, stance, date_from, date_to)
        if fmt == "csv":
            return csv_response("quotes.csv", pages.iter_search(store, **filters))
        data = pages.search(store, page=page, **filters)
        return render(request, fmt, "search.html", data)

    @app.get("/search", summary="Search quotes", responses=responses(SEARCH_SCHEMA, "text/html", errors=SEARCH_ERRORS))
    def search(request: Request, q: str | None = None, speaker: str | None = None, party: str | None = None,
               outlet: str | None = None, issue: str | None = None, stance: str | None = None,
               date_from: str | None = None, date_to: str | None = None, page: int = 1) -> Response:
        return search_view(request, "html", q, speaker, party, outlet, issue, stance, date_from, date_to, page)

    @app.get("/search.json", summary="Search quotes (JSON)", responses=responses(SEARCH_SCHEMA, errors=SEARCH_ERRORS))
    def search_json(request: Request, q: str | None = None, speaker: str | None = None, party: str | None = None,
                    outlet: str | None = None, issue: str | None = None, stance: str | None = None,
                    date_from: str | None = None, date_to: str | None = None, page: int = 1) -> Response:
        return search_view(request, "json", q, speaker, party, outlet, issue, stance, date_from, date_to, page)

    @app.get("/search.csv", summary="Every quote of a search (CSV, streamed)",
             responses=responses(None, "text/csv", errors=SEARCH_ERRORS))
    def search_csv(request: Request, q: str | None = None, speaker: str | None = None, party: str | None = None,
                   outlet: str | None = None, issue: str | None = None, stance: str | None = None,
                   date_from: str | None = None, date_to: str | None = None) -> Response:
        return search_view(request, "csv", q, speaker, party, outlet, issue, stance, date_from, date_to, 1)

    @app.get("/issues/{issue_id}", summary="Issue board", responses=responses(BOARD_SCHEMA, *PAGE_TYPES))
    def issue_board(request: Request, issue_id: str) -> Response:
        iid, fmt = _split_ext(issue_id)
        data = pages.issue_board(store, iid)
        if fmt == "csv":
            rows = ({"party": g["party"], "party_line": g["line"], "name": p["name"], "stance": p["stance"],
                     "breaks_with_party": p["breaks_with_party"], "quote": (p["quote"] or {}).get("text")}
                    for g in data["parties"] for p in g["people"])
            return csv_response("board.csv", rows)
        return render(request, fmt, "board.html", data)

    @app.get("/people/{person_id}", summary="Person", responses=responses(PERSON_SCHEMA, *PAGE_TYPES))
    def person(request: Request, person_id: str) -> Response:
        pid, fmt = _split_ext(person_id)
        data = pages.person(store, pid)
        if fmt == "csv":
            return csv_response(f"{pid}.csv", iter(data["quotes"]))
        return render(request, fmt, "person.html", data)

    @app.get("/articles/{article_id}", summary="Article with its quotes",
             responses=responses(ARTICLE_SCHEMA, *PAGE_TYPES))
    def article(request: Request, article_id: str) -> Response:
        aid, fmt = _split_ext(article_id)
        data = pages.article(store, aid)
        if fmt == "csv":
            return csv_response(f"{aid}.csv", iter(data["quotes"]))
        return render(request, fmt, "article.html", data)

    @app.get("/parties/{name}", summary="Party", responses=responses(PARTY_SCHEMA, *PAGE_TYPES))
    def party(request: Request, name: str) -> Response:
        pname, fmt = _split_ext(name)
        data = pages.party(store, pname)
        if fmt == "csv":
            rows = ({"name": m["name"], **{i["name"]: m["stances"][i["id"]]["stance"] for i in data["issues"]}}
                    for m in data["members"])
            return csv_response(f"{pname}.csv", rows)
        return render(request, fmt, "party.html", data)

    app.include_router(review_router)
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
