"""Property-based tests of the web API from its own OpenAPI schema (Schemathesis, in process).

Schemathesis reads ``/openapi.json`` from the app and generates requests for every operation in it, valid and
invalid (bounded: MAX_EXAMPLES examples a test, one test per operation, mode and token: some 29 tests, about 700
requests in CI). The schema itself must list every JSON route of the app, the review writes with their token.
Every response must be free of server errors and conform to the schema: a declared status, a declared content
type, and for JSON a body that matches its declared schema (the one error shape for every error). Path
parameters are mostly random strings, so the fuzzer also gets real ids of the example store's issue, people,
articles, parties and quotes to reach the 200 pages and the writes that land.

The cases come from ``operation.as_strategy()`` under Hypothesis' own ``@given``: Schemathesis'
``@schema.parametrize()`` over a fixture (``schemathesis.pytest.from_fixture``) fails on pytest 9 (it sets
``Function._nodeid``, which pytest 9 no longer has), and a schema loaded at import time would need the
example store built during test collection.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.routing import APIRoute
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from onrecord import pipeline
from onrecord.serve import create_app
from onrecord.store import SQLiteStore, open_store

from .conftest import STORES

EXAMPLES = Path(__file__).resolve().parents[1] / "onrecord" / "examples"
ISSUE = "a ban on second homes in national parks"
# 25 a test in CI (about 700 requests, under a minute); ONRECORD_FUZZ_EXAMPLES=200 for a deeper run by hand
MAX_EXAMPLES = int(os.environ.get("ONRECORD_FUZZ_EXAMPLES", "25"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
          negative_data_rejection]
TOKEN = "fuzz-token"


def example_store(url: str) -> SQLiteStore:
    s = open_store(url)
    reg = pipeline.load_register_into(s, EXAMPLES / "register.json")
    pipeline.ingest(s, [EXAMPLES / "articles"], register=reg)
    pipeline.add_issue(s, ISSUE)
    return s


@pytest.fixture(scope="module", params=STORES)
def store(request: pytest.FixtureRequest, module_store_url_for: Callable[[str], str]) -> Iterator[SQLiteStore]:
    """The examples in each kind of store, read through the whole API."""
    s = example_store(module_store_url_for(request.param))
    yield s
    s.close()


@pytest.fixture(scope="module")
def api_schema(store: SQLiteStore) -> Any:
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(store, token=TOKEN))


@pytest.fixture(scope="module")
def real_ids(store: SQLiteStore) -> dict[str, list[str]]:
    """Real ids of the example store, with each suffix, for the path parameters."""
    people = [p.id for p in store.all_people()][:4]
    articles = [a.id for a in store.articles()]
    issue = store.get_issue(ISSUE).id
    quotes = [q.id for q in store.quotes()][:4]
    return {
        "issue_id": [issue + ext for ext in ("", ".json", ".csv")],
        "person_id": [pid + ext for pid in people for ext in ("", ".json", ".csv")],
        "article_id": [aid + ext for aid in articles for ext in ("", ".json")],
        "name": ["Conservative", "Labour.json", "conservative.csv"],
        # the review API's records (no suffix)
        "api:person_id": people,
        "api:quote_id": quotes,
    }


def fuzz(strategies: list[Any], headers: dict[str, str] | None = None) -> None:
    """Run up to MAX_EXAMPLES generated cases (the same ones each run) and validate every response."""

    @given(case=st.one_of(strategies))
    @settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
              derandomize=True, database=None)
    def run(case: Any) -> None:
        case.call_and_validate(checks=CHECKS, headers=headers)

    run()


PATHS = ["/search", "/search.json", "/search.csv", "/issues/{issue_id}", "/people/{person_id}",
         "/articles/{article_id}", "/parties/{name}", "/watch", "/watch.json"]
PAGES = [("GET", path) for path in PATHS]
WRITES = [("POST", "/api/quotes/{quote_id}/speaker"), ("POST", "/api/people/merge"),
          ("POST", "/api/people/{person_id}/split"), ("POST", "/api/quotes/{quote_id}/stance")]
API_READS = [("GET", "/api/audit")]
OPERATIONS = PAGES + WRITES + API_READS
# The routes rightly left out of the schema: they answer HTML, not JSON (the redirect to /search, the review
# forms of the pages, which post forms and redirect back).
HTML_ONLY = ("/", "/review/")


def _routes(routes: Iterable[Any]) -> Iterator[tuple[str, str, bool]]:
    """(method, path, in the schema) of every route of the app, those of included routers too."""
    for route in routes:
        included = getattr(route, "original_router", None)  # FastAPI >= 0.16x keeps an included router whole
        if included is not None:
            yield from _routes(included.routes)
        elif isinstance(route, APIRoute):
            for method in sorted(route.methods):
                yield method, route.path, route.include_in_schema


def test_the_schema_lists_every_json_route(api_schema: Any, store: SQLiteStore) -> None:
    in_schema = {(op.ok().method.upper(), op.ok().path) for op in api_schema.get_all_operations()}
    assert in_schema == set(OPERATIONS), "a new operation: add it to OPERATIONS (and so to the fuzzing below)"
    routes = list(_routes(create_app(store, token=TOKEN).routes))
    assert {(m, p) for m, p, shown in routes if shown} == in_schema
    hidden = sorted(p for _, p, shown in routes if not shown)
    assert hidden and all(p == "/" or p.startswith(HTML_ONLY[1]) for p in hidden), hidden


def test_the_writes_declare_the_token(store: SQLiteStore) -> None:
    spec = create_app(store, token=TOKEN).openapi()
    assert spec["components"]["securitySchemes"]["HTTPBearer"] == {**spec["components"]["securitySchemes"][
        "HTTPBearer"], "type": "http", "scheme": "bearer"}
    for method, path in WRITES:
        op = spec["paths"][path][method.lower()]
        assert op["security"] == [{"HTTPBearer": []}], path
        assert "WWW-Authenticate" in op["responses"]["401"]["headers"], path
    for method, path in PAGES + API_READS:
        assert "security" not in spec["paths"][path][method.lower()], f"{path}: reads need no token"


def _strategies(operation: Any, mode: GenerationMode, ids: dict[str, list[str]], prefix: str = "") -> list[Any]:
    """Generated cases, and (generated strings are almost never real ids) cases with each real id."""
    out = [operation.as_strategy(generation_mode=mode)]
    for param in operation.path_parameters:
        out += [operation.as_strategy(generation_mode=mode, path_parameters={param.name: value})
                for value in ids[prefix + param.name]]
    return out


def _has_query(path: str) -> bool:
    return path.startswith("/search") or path.startswith("/people/")


# Negative cases need a parameter that can be invalid: a page number, a stance, a date (a path parameter is any
# string), so only the pages with query parameters get them.
CASES = [pytest.param(path, GenerationMode.POSITIVE, id=f"{path}-valid") for path in PATHS] + [
    pytest.param(path, GenerationMode.NEGATIVE, id=f"{path}-invalid") for path in PATHS if _has_query(path)]


@pytest.mark.parametrize(("path", "mode"), CASES)
def test_api_conforms_to_its_schema(api_schema: Any, real_ids: dict[str, list[str]], path: str,
                                    mode: GenerationMode) -> None:
    fuzz(_strategies(api_schema[path]["GET"], mode, real_ids))


@pytest.fixture(scope="module", params=STORES)
def write_schema(request: pytest.FixtureRequest,
                 module_store_url_for: Callable[[str], str]) -> Iterator[tuple[Any, dict[str, list[str]]]]:
    """The review API over a store of its own (the corrections change what they are applied to), of each kind."""
    s = example_store(module_store_url_for(request.param))
    ids = {"api:person_id": [p.id for p in s.all_people()][:4], "api:quote_id": [q.id for q in s.quotes()][:4]}
    yield schemathesis.openapi.from_asgi("/openapi.json", create_app(s, token=TOKEN)), ids
    s.close()


TOKENS = {"token": {"Authorization": f"Bearer {TOKEN}"}, "no-token": {}, "wrong-token": {"Authorization": "Bearer x"}}
API_CASES = [pytest.param(m, p, mode, "no-token", id=f"{m} {p}-{mode.value}") for m, p in API_READS
             for mode in GenerationMode] + [
    pytest.param(m, p, mode, tok, id=f"{m} {p}-{mode.value}-{tok}") for m, p in WRITES for mode in GenerationMode
    for tok in ("token", "no-token")]


@pytest.mark.parametrize(("method", "path", "mode", "token"), API_CASES)
def test_every_other_operation_conforms_to_its_schema(write_schema: tuple[Any, dict[str, list[str]]], method: str,
                                                      path: str, mode: GenerationMode, token: str) -> None:
    """The rest of the API (the review corrections and their audit log), with and without the write token."""
    schema, ids = write_schema
    fuzz(_strategies(schema[path][method], mode, ids, prefix="api:"), TOKENS[token])
