"""Extract stage: quotes and who said them.

An extractor is any object with a ``name`` (versioned, stored with every quote) and
``extract(article, doc) -> (quotes, entity facts)``; register it in
:data:`onrecord.registry.extractors`. The built-in one is ``rules.v1``
(:class:`onrecord.extract.quotes.RuleExtractor`).
"""

from __future__ import annotations

from typing import Any, Protocol

from ..models import Article, EntityFacts, Quote


class Extractor(Protocol):
    name: str
    known_roles: dict[str, list[str]]

    def extract(self, article: Article, doc: Any) -> tuple[list[Quote], dict[str, EntityFacts]]: ...


def load_builtin() -> None:
    """Import the built-in extractors so that they are registered."""
    from . import quotes, tagged  # noqa: F401
