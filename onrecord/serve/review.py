"""The review API: corrections by people, over :mod:`onrecord.review`.

Every write needs the write token (``Authorization: Bearer TOKEN``; the ``token`` setting, or the one generated
and printed at first start) and the version of the record the client read (``expected_version``): a stale
edit is answered 409 (E409) and changes nothing. Reads need no token. Errors use the one JSON shape.
"""

from __future__ import annotations

import secrets
import sys
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field

from .. import review
from ..errors import OnrecordError
from ..store import SQLiteStore

TOKEN_META_KEY = "write_token"
REALM = 'Bearer realm="onrecord"'


class Unauthorized(OnrecordError):
    """E410 (401): the write token is missing or wrong; ``challenge`` is the WWW-Authenticate header sent."""

    def __init__(self, message: str, *, challenge: str = REALM, hint: str = "") -> None:
        super().__init__("E410", message, hint=hint)
        self.challenge = challenge


def ensure_token(store: SQLiteStore, configured: str | None = None) -> str:
    """The write token: the configured one, else the one kept in the store, else a new one (printed once)."""
    if configured:
        return configured
    kept = store.get_meta(TOKEN_META_KEY)
    if isinstance(kept, str) and kept:
        return kept
    token = secrets.token_urlsafe(32)
    store.set_meta(TOKEN_META_KEY, token)
    print(f"onrecord: write token for review edits (shown once; also kept in the database): {token}",
          file=sys.stderr, flush=True)
    return token


# ------------------------------------------------------------------ models

Who = Annotated[str, Field(min_length=1, max_length=200, description="Who makes the change (for the audit log).")]
Version = Annotated[int, Field(ge=1, description="The version of the record as the client read it.")]
Reason = Annotated[str, Field(max_length=2000, description="Why (kept in the audit log).")]


class SpeakerChange(BaseModel):
    model_config = ConfigDict(extra="forbid")
    person_id: str = Field(min_length=1, max_length=200, description="The person who said it.")
    expected_version: Version
    who: Who = "api"
    reason: Reason = ""


class MergePeople(BaseModel):
    model_config = ConfigDict(extra="forbid")
    keep: str = Field(min_length=1, max_length=200, description="The person kept.")
    merge: str = Field(min_length=1, max_length=200, description="The person merged into it and deleted.")
    expected_version: Version = Field(description="The kept person's version as the client read it.")
    expected_merge_version: int | None = Field(None, ge=1, description="The merged person's version, if checked.")
    who: Who = "api"
    reason: Reason = ""


class SplitAlias(BaseModel):
    model_config = ConfigDict(extra="forbid")
    alias: str = Field(min_length=1, max_length=200, description="The alias that names someone else.")
    expected_version: Version
    who: Who = "api"
    reason: Reason = ""


class StanceOverride(BaseModel):
    model_config = ConfigDict(extra="forbid")
    issue_id: str = Field(min_length=1, max_length=200, description="The issue (id or name).")
    stance: Literal["support", "oppose", "neutral", "none"]
    reason: str = Field(min_length=1, max_length=2000, pattern=r"\S", description="Why the label is wrong.")
    expected_version: Version
    who: Who = "api"


class AuditEntry(BaseModel):
    id: int
    who: str
    at: str
    action: Literal["speaker", "merge", "split", "stance"]
    target_type: Literal["quote", "person"]
    target_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str | None


class Changed(BaseModel):
    ok: Literal[True] = True
    change: AuditEntry


class AuditPage(BaseModel):
    ok: Literal[True] = True
    total: int
    page: int
    per_page: int
    pages: int
    rows: list[AuditEntry]


class ErrorDetail(BaseModel):
    code: str
    title: str
    message: str
    hint: str | None = None
    path: str | None = None


class ErrorBody(BaseModel):
    ok: Literal[False]
    error: ErrorDetail
    status: int


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    words = {401: "write token missing or wrong (E410)", 404: "no such record (E301)",
             409: "stale edit: the record changed since it was read (E409)", 400: "invalid correction (E411)",
             422: "invalid request (E422)"}
    out: dict[int | str, dict[str, Any]] = {s: {"model": ErrorBody, "description": words[s]} for s in statuses}
    if 401 in out:
        out[401]["headers"] = {"WWW-Authenticate": {
            "description": f'{REALM}, with error="invalid_token" when a token was given but is wrong',
            "schema": {"type": "string"}}}
    return out


WRITE_ERRORS = _errors(400, 401, 404, 409, 422)

# ------------------------------------------------------------------ dependencies

bearer = HTTPBearer(auto_error=False, description="The write token (setting `token`, or printed at first start).")


def get_store(request: Request) -> SQLiteStore:
    store: SQLiteStore = request.app.state.store
    return store


def require_token(request: Request,
                  creds: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)] = None) -> None:
    token: str | None = request.app.state.token
    given = creds.credentials if creds is not None else ""
    if not token or not given or not secrets.compare_digest(given.encode(), token.encode()):
        raise Unauthorized("writes need the header Authorization: Bearer TOKEN with the write token",
                           challenge=f'{REALM}, error="invalid_token"' if given else REALM,
                           hint="the token is the `token` setting, or the one printed when the server first started")


Store = Annotated[SQLiteStore, Depends(get_store)]

router = APIRouter(prefix="/api", tags=["review"])


@router.post("/quotes/{quote_id}/speaker", summary="Change a quote's speaker", response_model=Changed,
             responses=WRITE_ERRORS, dependencies=[Depends(require_token)])
def change_speaker(quote_id: str, body: SpeakerChange, store: Store) -> dict[str, Any]:
    entry = review.set_quote_speaker(store, quote_id, body.person_id, who=body.who,
                                     expected_version=body.expected_version, reason=body.reason)
    return {"ok": True, "change": entry}


@router.post("/people/merge", summary="Merge two people", response_model=Changed, responses=WRITE_ERRORS,
             dependencies=[Depends(require_token)])
def merge_people(body: MergePeople, store: Store) -> dict[str, Any]:
    entry = review.merge_people(store, body.keep, body.merge, who=body.who, expected_version=body.expected_version,
                                expected_merge_version=body.expected_merge_version, reason=body.reason)
    return {"ok": True, "change": entry}


@router.post("/people/{person_id}/split", summary="Split an alias off a person", response_model=Changed,
             responses=WRITE_ERRORS, dependencies=[Depends(require_token)])
def split_alias(person_id: str, body: SplitAlias, store: Store) -> dict[str, Any]:
    entry = review.split_alias(store, person_id, body.alias, who=body.who, expected_version=body.expected_version,
                               reason=body.reason)
    return {"ok": True, "change": entry}


@router.post("/quotes/{quote_id}/stance", summary="Override a quote's stance on an issue", response_model=Changed,
             responses=WRITE_ERRORS, dependencies=[Depends(require_token)])
def override_stance(quote_id: str, body: StanceOverride, store: Store) -> dict[str, Any]:
    entry = review.override_stance(store, quote_id, body.issue_id, body.stance, body.reason, who=body.who,
                                   expected_version=body.expected_version)
    return {"ok": True, "change": entry}


@router.get("/audit", summary="The audit log of corrections (newest first)", response_model=AuditPage,
            responses=_errors(400, 422))
def audit(store: Store, page: Annotated[int, Query(ge=1, description="Page number, from 1; a page past the last "
                                                   "is empty.")] = 1,
          per_page: Annotated[int, Query(ge=1, le=500)] = 50,
          target_type: Literal["quote", "person"] | None = None,
          target_id: Annotated[str | None, Query(max_length=200)] = None) -> dict[str, Any]:
    return {"ok": True, **review.audit_page(store, page=page, per_page=per_page, target_type=target_type,
                                            target_id=target_id)}
