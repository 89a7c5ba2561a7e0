"""Extract stage: quotes and who said them.

An extractor is any object with a ``name`` (versioned, stored with every quote) and
``extract(article, doc) -> (quotes, entity facts)``; register it in
:data:`onrecord.registry.extractors`. The built-in one is ``rules.v1``
(:class:`onrecord.extract.quotes.RuleExtractor`).
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterable, Iterator
from typing import Any, Protocol

from ..models import Article, EntityFacts, Quote
from .layout import as_read, reading_view, restore


class Extractor(Protocol):
    name: str
    known_roles: dict[str, list[str]]
    register: Any  # the register as it stood on the day of the article being read (set by the pipeline)

    def extract(self, article: Article, doc: Any) -> tuple[list[Quote], dict[str, EntityFacts]]:
        """The article's statements, and what it says of every entity it names (keyed as the statements' speakers
        are): the speakers among them, and the people and organisations it names with no statement of theirs."""
        ...


def load_builtin() -> None:
    """Import the built-in extractors so that they are registered."""
    from . import quotes, tagged  # noqa: F401


def parse(nlp: Any, texts: Iterable[str], batch_size: int = 32) -> Iterator[Any]:
    """Parse each text's reading view (:mod:`onrecord.extract.layout`): the docs the extractors read."""
    return iter(nlp.pipe((reading_view(t) for t in texts), batch_size=batch_size))


def parse_timed(nlp: Any, texts: Iterable[str], batch_size: int = 32) -> Iterator[tuple[Any, float]]:
    """:func:`parse`, each doc with its share of the seconds its batch took (the batch's time shared by length), so
    that an article's time limit counts its parse."""
    it = iter(texts)
    while batch := list(itertools.islice(it, batch_size)):
        start = time.perf_counter()
        views = [reading_view(t) for t in batch]
        docs = list(nlp.pipe(views, batch_size=batch_size))
        spent = time.perf_counter() - start
        total = sum(map(len, views)) or 1
        for view, doc in zip(views, docs, strict=True):
            yield doc, spent * len(view) / total


def run(extractor: Extractor, article: Article, doc: Any) -> tuple[list[Quote], dict[str, EntityFacts]]:
    """Extract from ``article`` through its reading view (``doc`` from :func:`parse`); every span of the quotes
    holds the stored text's characters at its offsets."""
    quotes, facts = extractor.extract(as_read(article), doc)
    restore(quotes, article.text)
    return quotes, facts
