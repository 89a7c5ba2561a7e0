"""Shared fixtures: the spaCy model once per session, a throwaway store, the acceptance folder."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from onrecord import nlp as nlp_mod
from onrecord.extract.quotes import RuleExtractor
from onrecord.models import Article, Quote
from onrecord.resolve.register import Register, load_register

from .webserver import site  # noqa: F401  (the local HTTP server fixture of the web tests)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "onrecord" / "examples"


# the PostgreSQL server the tests that claim PostgreSQL use (.ci/run starts one and sets this); each test gets a
# schema of its own in that database, dropped after it
POSTGRES_ENV = "ONRECORD_TEST_POSTGRES"
STORES = ("sqlite", "postgresql")


def postgres_url() -> str:
    """The test server's URL; without one these tests skip, except under ``CI=true``, where they fail."""
    url = os.environ.get(POSTGRES_ENV, "")
    if not url:
        reason = f"no PostgreSQL server for the tests: set {POSTGRES_ENV}=postgresql://user:password@host/db"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}; CI=true, so the PostgreSQL tests must run (.ci/run starts a server)")
        pytest.skip(reason)
    return url


class StoreMaker:
    """Makes the URLs of new, empty stores of either kind and removes them after: ``sqlite``, a file in
    ``folder``; ``postgresql``, a schema of its own on the test server (dropped with everything in it)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.schemas: list[str] = []

    def __call__(self, kind: str) -> str:
        if kind == "sqlite":
            return str(self.folder / f"store-{uuid.uuid4().hex[:8]}.db")
        import psycopg

        base = postgres_url()
        schema = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(base, autocommit=True) as c:
            c.execute(f"CREATE SCHEMA {schema}")
        self.schemas.append(schema)
        return f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"

    def drop(self) -> None:
        if self.schemas:
            import psycopg

            with psycopg.connect(postgres_url(), autocommit=True) as c:
                for schema in self.schemas:
                    c.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def store_url_for(tmp_path: Path) -> Iterator[Callable[[str], str]]:
    """``make(kind)``: the URL of a new, empty store of that kind, for one test."""
    maker = StoreMaker(tmp_path)
    yield maker
    maker.drop()


@pytest.fixture(scope="module")
def module_store_url_for(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], str]]:
    """``make(kind)``: the URL of a new, empty store of that kind, for the tests of one module."""
    maker = StoreMaker(tmp_path_factory.mktemp("stores"))
    yield maker
    maker.drop()


def acceptance_dir() -> Path:
    return Path(os.environ.get("ONRECORD_ACCEPTANCE", ROOT.parent / "shared" / "acceptance"))


@pytest.fixture(scope="session")
def nlp() -> Any:
    return nlp_mod.load()


@pytest.fixture(scope="session")
def example_register() -> Register:
    return load_register(EXAMPLES / "register.json")


@pytest.fixture(scope="session")
def extract(nlp: Any, example_register: Register) -> Any:
    """Run the extractor on a hand-written text; returns the quotes in text order."""

    def run(text: str, register: Register | None = None) -> list[Quote]:
        art = Article(text=text, source="test.txt")
        quotes, facts = RuleExtractor(register or example_register).extract(art, nlp(text))
        return quotes

    return run
