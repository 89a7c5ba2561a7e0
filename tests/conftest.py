"""Shared fixtures: the spaCy model once per session, a throwaway store, the acceptance folder."""

from __future__ import annotations

import os
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
