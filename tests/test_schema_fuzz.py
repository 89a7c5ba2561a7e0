"""Property-based tests of the web API from its own OpenAPI schema (Schemathesis, in process).

Schemathesis reads ``/openapi.json`` from the app and generates requests for every operation, valid and
invalid (bounded: 25 examples an operation). Every response must be free of server errors and conform to
the schema: a declared status, a declared content type, and for JSON a body that matches its declared
schema (the one error shape for every error). Path parameters are mostly random strings, so the fuzzer
also gets real ids of the example store's issue, people, articles and parties to reach the 200 pages.

The cases come from ``operation.as_strategy()`` under Hypothesis' own ``@given``: Schemathesis'
``@schema.parametrize()`` over a fixture (``schemathesis.pytest.from_fixture``) fails on pytest 9 (it sets
``Function._nodeid``, which pytest 9 no longer has), and a schema loaded at import time would need the
example store built during test collection.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
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

EXAMPLES = Path(__file__).resolve().parents[1] / "onrecord" / "examples"
ISSUE = "a ban on second homes in national parks"
MAX_EXAMPLES = 25
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
          negative_data_rejection]
TOKEN = "fuzz-token"


def example_store(path: Path) -> SQLiteStore:
    s = open_store(str(path))
    reg = pipeline.load_register_into(s, EXAMPLES / "register.json")
    pipeline.ingest(s, [EXAMPLES / "articles"], register=reg)
    pipeline.add_issue(s, ISSUE)
    return s


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SQLiteStore]:
    s = example_store(tmp_path_factory.mktemp("fuzz") / "fuzz.db")
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
    return {
        "issue_id": [issue + ext for ext in ("", ".json", ".csv")],
        "person_id": [pid + ext for pid in people for ext in ("", ".json", ".csv")],
        "article_id": [aid + ext for aid in articles for ext in ("", ".json")],
        "name": ["Conservative", "Labour.json", "conservative.csv"],
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
         "/articles/{article_id}", "/parties/{name}"]


def test_the_schema_declares_every_page(api_schema: Any) -> None:
    paths = {op.ok().path for op in api_schema.get_all_operations()}
    assert set(PATHS) <= paths


# Negative cases need a parameter that can be invalid: the search's integer page. A path parameter is any string.
CASES = [pytest.param(path, GenerationMode.POSITIVE, id=f"{path}-valid") for path in PATHS] + [
    pytest.param(path, GenerationMode.NEGATIVE, id=f"{path}-invalid") for path in PATHS if path.startswith("/search")]


@pytest.mark.parametrize(("path", "mode"), CASES)
def test_api_conforms_to_its_schema(api_schema: Any, real_ids: dict[str, list[str]], path: str,
                                    mode: GenerationMode) -> None:
    operation = api_schema[path]["GET"]
    strategies = [operation.as_strategy(generation_mode=mode)]
    for param in operation.path_parameters:
        # generated strings are almost never real ids: also ask for the real ones
        strategies += [operation.as_strategy(generation_mode=mode, path_parameters={param.name: value})
                       for value in real_ids[param.name]]

    fuzz(strategies)


def test_every_other_operation_conforms_to_its_schema(tmp_path: Path) -> None:
    """The rest of the API (the review corrections and their audit log), with and without the write token.

    Its own store: the corrections change what they are applied to.
    """
    s = example_store(tmp_path / "writes.db")
    try:
        api: Any = schemathesis.openapi.from_asgi("/openapi.json", create_app(s, token=TOKEN))
        others = [op.ok() for op in api.get_all_operations() if op.ok().path not in PATHS]
        assert others, "the review API is in the schema"
        for operation in others:
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                for headers in ({"Authorization": f"Bearer {TOKEN}"}, {}):
                    fuzz([operation.as_strategy(generation_mode=mode)], headers)
    finally:
        s.close()
