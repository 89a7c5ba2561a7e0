"""Review forms in the HTML pages: sign in with the write token, then change a quote's speaker or override
its stance (article page), merge a person into another or split an alias off (person page). Plain HTML
forms, no script; they call the same functions as the JSON review API (:mod:`onrecord.review`).

Signing in (``POST /review/signin`` with the write token and a name for the audit log) sets one cookie
(``HttpOnly``, ``SameSite=Strict``, ``Secure`` over HTTPS) holding the name and the time, signed with the
write token (HMAC-SHA256): nothing is kept on the server, a session lasts SESSION_SECONDS, and changing the
token signs everyone out. Against cross-site requests, besides SameSite, every form carries a token derived
from the cookie (an HMAC of it under the write token) that the POST must send back, and a POST whose
``Origin`` is another site, or whose ``Sec-Fetch-Site`` says ``cross-site``, is refused.

A correction that works redirects (303) back to the page it was made on. One that does not is answered
with a page saying why, with the status of the API's error: a stale edit (someone changed the record since
the page was loaded) is a 409 that says so and links back to the page to reload.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, quote, urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from .. import review
from ..errors import CODES, OnrecordError
from ..query import pages
from ..store import SQLiteStore
from .review import REALM

COOKIE = "onrecord_review"
SESSION_SECONDS = 12 * 3600
MAX_FORM_BYTES = 16 * 1024
MAX_FIELDS = 20
FORM = "application/x-www-form-urlencoded"

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class Session:
    """A reviewer signed in with the write token: their name (for the audit log) and the forms' token."""

    who: str
    csrf: str


def _now() -> float:
    return time.time()


def _mac(token: str, *parts: str) -> str:
    return hmac.new(token.encode(), "|".join(parts).encode(), hashlib.sha256).hexdigest()


def _b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _unb64(text: str) -> str:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode()


def _cookie_value(token: str, who: str, issued: int) -> str:
    body = f"v1.{issued}.{_b64(who)}"
    return f"{body}.{_mac(token, 'session', body)}"


def session_of(request: Request) -> Session | None:
    """The signed-in reviewer, when the request carries a valid, unexpired session cookie."""
    value = request.cookies.get(COOKIE)
    token: str | None = request.app.state.token
    if not value or not token:
        return None
    body, _, mac = value.rpartition(".")
    parts = body.split(".")
    if len(parts) != 3 or parts[0] != "v1" or not hmac.compare_digest(mac, _mac(token, "session", body)):
        return None
    try:
        issued, who = int(parts[1]), _unb64(parts[2])
    except ValueError:
        return None
    now = _now()
    if not issued <= now + 60 or now > issued + SESSION_SECONDS:
        return None
    return Session(who, _mac(token, "csrf", value)[:32])


def _local_path(target: str | None, default: str = "/search") -> str:
    """``target`` when it is a path on this site (no scheme, no host), else ``default``: no open redirect."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or any(ord(c) < 32 for c in target):
        return default
    return target


def _cross_site(request: Request) -> bool:
    """Whether the browser says this POST comes from another site."""
    if request.headers.get("sec-fetch-site", "").lower() == "cross-site":
        return True
    origin = request.headers.get("origin")
    if origin is None:
        return False
    own = f"{request.url.scheme}://{request.url.netloc}"
    return origin.lower() != own.lower()


class FormProblem(Exception):
    def __init__(self, status: int, title: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.title, self.message, self.headers = status, title, message, headers


async def _fields(request: Request) -> dict[str, str]:
    """The posted form's fields (the first value of each), or a FormProblem."""
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != FORM:
        raise FormProblem(415, "not a form", "send the form as application/x-www-form-urlencoded")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            raise FormProblem(413, "form too large", f"a review form is at most {MAX_FORM_BYTES} bytes")
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=MAX_FIELDS)
    except (UnicodeDecodeError, ValueError) as exc:
        raise FormProblem(400, "invalid form", "the form could not be read") from exc
    out: dict[str, str] = {}
    for k, v in pairs:
        out.setdefault(k, v)
    return out


def _version(fields: dict[str, str], name: str = "expected_version") -> int:
    try:
        value = int(fields.get(name, ""))
    except ValueError:
        value = 0
    if value < 1:
        raise FormProblem(400, "invalid form", "the form lost the version of the record it edits: reload the page")
    return value


def _needed(fields: dict[str, str], name: str, what: str) -> str:
    value = fields.get(name, "").strip()
    if not value:
        raise FormProblem(400, "incomplete form", f"say {what}")
    if len(value) > 2000:
        raise FormProblem(400, "invalid form", f"{what}: at most 2000 characters")
    return value


async def _page(request: Request, template: str, status: int, context: dict[str, Any],
                headers: dict[str, str] | None = None) -> Response:
    store: SQLiteStore = request.app.state.store
    issues = await run_in_threadpool(pages.issue_list, store)
    response: Response = request.app.state.templates.TemplateResponse(
        request, template, {"request": request, "issues": issues, "review": session_of(request), **context},
        status_code=status, headers=headers)
    response.headers["Cache-Control"] = "no-store"
    return response


def _problem_page(request: Request, status: int, title: str, message: str, back: str, *, hint: str = "",
                  code: str = "", headers: dict[str, str] | None = None) -> Awaitable[Response]:
    return _page(request, "review_error.html", status, {"problem": {
        "status": status, "title": title, "message": message, "hint": hint, "code": code, "back": back}}, headers)


async def _correct(request: Request, back: str, act: Callable[[SQLiteStore, dict[str, str], Session], str],
                   ) -> Response:
    """Check the request (same site, signed in, the form's token), then ``act`` on a worker thread, which
    makes the correction and returns where to go next: a 303 there, or a page saying what went wrong."""
    store: SQLiteStore = request.app.state.store
    try:
        if _cross_site(request):
            raise FormProblem(403, "refused", "review forms are only accepted from this site's own pages")
        who = session_of(request)
        if who is None:
            raise FormProblem(401, "sign in first", "corrections need you to sign in with the write token first",
                              headers={"WWW-Authenticate": REALM})
        fields = await _fields(request)
        if not hmac.compare_digest(fields.get("csrf", ""), who.csrf):
            raise FormProblem(403, "refused", "the form's token does not match your session: reload the page "
                              "and try again")
        target = await run_in_threadpool(act, store, fields, who)
    except FormProblem as p:
        return await _problem_page(request, p.status, p.title, p.message, back, headers=p.headers)
    except OnrecordError as exc:
        if exc.code == "E409":
            return await _problem_page(
                request, 409, "Someone changed this first",
                f"Nothing was changed: the record was changed by someone else after you loaded the page "
                f"({exc.message}).", back, hint="Go back to the page, see what changed, and make your edit again "
                "if it is still needed.", code=exc.code)
        return await _problem_page(request, exc.status, CODES[exc.code], exc.message, back, hint=exc.hint,
                                   code=exc.code)
    return RedirectResponse(target, status_code=303)


def _quote_page(store: SQLiteStore, quote_id: str) -> str:
    with store.reading():
        rows = store.query("SELECT article_id FROM quotes WHERE id = ?", (quote_id,))
    return f"/articles/{quote(rows[0]['article_id'], safe='')}#q-{quote(quote_id, safe='')}" if rows else "/search"


def _person_page(person_id: str) -> str:
    return f"/people/{quote(person_id, safe='')}"


# ------------------------------------------------------------------ signing in and out


@router.get("/review/signin")
async def signin_page(request: Request, next: str | None = None) -> Response:
    return await _page(request, "signin.html", 200, {"next": _local_path(next), "failed": False})


@router.post("/review/signin")
async def signin(request: Request) -> Response:
    if _cross_site(request):
        return await _problem_page(request, 403, "refused", "sign in from this site's own page", "/review/signin")
    try:
        fields = await _fields(request)
    except FormProblem as p:
        return await _problem_page(request, p.status, p.title, p.message, "/review/signin")
    target = _local_path(fields.get("next"))
    token: str = request.app.state.token
    given = fields.get("token", "")
    who = fields.get("who", "").strip()[:200]
    if not given or not hmac.compare_digest(given.encode(), token.encode()):
        return await _page(request, "signin.html", 401, {"next": target, "failed": "That is not the write token.",
                                                         "who": who}, headers={"WWW-Authenticate": REALM})
    if not who:
        return await _page(request, "signin.html", 400, {"next": target, "who": who,
                                                         "failed": "Say who you are: the audit log keeps it."})
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(COOKIE, _cookie_value(token, who, int(_now())), max_age=SESSION_SECONDS, path="/",
                        httponly=True, samesite="strict", secure=request.url.scheme == "https")
    return response


@router.post("/review/signout")
async def signout(request: Request) -> Response:
    def act(store: SQLiteStore, fields: dict[str, str], who: Session) -> str:
        return _local_path(fields.get("next"))

    response = await _correct(request, "/search", act)
    if response.status_code == 303:
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict",
                               secure=request.url.scheme == "https")
    return response


# ------------------------------------------------------------------ the corrections


@router.post("/review/quotes/{quote_id}/speaker")
async def change_speaker(request: Request, quote_id: str) -> Response:
    def act(store: SQLiteStore, fields: dict[str, str], who: Session) -> str:
        review.set_quote_speaker(store, quote_id, _needed(fields, "person_id", "who said it"), who=who.who,
                                 expected_version=_version(fields), reason=fields.get("reason", "").strip())
        return _quote_page(store, quote_id)

    return await _correct(request, await run_in_threadpool(_quote_page, request.app.state.store, quote_id), act)


@router.post("/review/quotes/{quote_id}/stance")
async def override_stance(request: Request, quote_id: str) -> Response:
    def act(store: SQLiteStore, fields: dict[str, str], who: Session) -> str:
        review.override_stance(store, quote_id, _needed(fields, "issue_id", "the issue"),
                               _needed(fields, "stance", "the stance"), _needed(fields, "reason", "why"),
                               who=who.who, expected_version=_version(fields))
        return _quote_page(store, quote_id)

    return await _correct(request, await run_in_threadpool(_quote_page, request.app.state.store, quote_id), act)


@router.post("/review/people/{person_id}/merge")
async def merge_into(request: Request, person_id: str) -> Response:
    """Merge this person into another: the version checked is this person's, as the page showed it."""

    def act(store: SQLiteStore, fields: dict[str, str], who: Session) -> str:
        into = _needed(fields, "into", "whom to merge them into")
        expected = _version(fields)
        kept = store.query("SELECT version FROM people WHERE id = ?", (into,))
        review.merge_people(store, into, person_id, who=who.who, expected_version=kept[0]["version"] if kept else 1,
                            expected_merge_version=expected, reason=fields.get("reason", "").strip())
        return _person_page(into)

    return await _correct(request, _person_page(person_id), act)


@router.post("/review/people/{person_id}/split")
async def split_alias(request: Request, person_id: str) -> Response:
    def act(store: SQLiteStore, fields: dict[str, str], who: Session) -> str:
        review.split_alias(store, person_id, _needed(fields, "alias", "which alias"), who=who.who,
                           expected_version=_version(fields), reason=fields.get("reason", "").strip())
        return _person_page(person_id)

    return await _correct(request, _person_page(person_id), act)
