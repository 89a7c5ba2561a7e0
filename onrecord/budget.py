"""Work and time budgets of one article.

A file well under the size limit (``max_article_bytes``) can still be built to make the analysis slow: thousands of
quote marks in a row (spaCy's tokenizer splits a run of punctuation one mark at a time, rereading the rest of the
run each time: quadratic in the run), one endless sentence (a parse tree as deep as the sentence is long), one
endless paragraph, a text that is nearly all punctuation (a token for every other character). The extractors cost
about the same per token on any text; so every article gets

* **work limits**, checked on the text before the parse (:func:`check_text`: the words and punctuation marks the
  parse would read, quote marks, the longest run without white space, the longest line in words) and on the parse
  before the extractors read it (:func:`check_doc`: the longest sentence in tokens). Each is one linear pass, and
  each default is far above what a real news article has (a long one has some 10,000 words, about a hundred quote
  marks, sentences under a hundred tokens, and no run without a space longer than a long web address);
* a **time limit** (:class:`Clock`), checked between stages (after the parse, between the extractor's passes and
  the span tagger's batches, after the speakers are resolved): a backstop for whatever the work limits miss.

An article over a limit ends ``failed`` with E110 (a work limit) or E113 (the time limit), the message naming the
limit and the setting that raises it; the batch goes on. A limit of 0 is no limit.
"""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from .errors import OnrecordError
from .settings import default


@dataclass(frozen=True)
class Limits:
    """The budget of one article (0: no limit); :meth:`from_settings` reads it from the settings."""

    tokens: int = default("max_article_tokens")
    quote_marks: int = default("max_quote_marks")
    token_chars: int = default("max_token_chars")
    paragraph_words: int = default("max_paragraph_words")
    sentence_tokens: int = default("max_sentence_tokens")
    seconds: float = default("max_article_seconds")

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any] | None) -> Limits:
        s = settings or {}

        def count(name: str) -> int:
            return int(s.get(name, default(name)))

        return cls(count("max_article_tokens"), count("max_quote_marks"), count("max_token_chars"),
                   count("max_paragraph_words"), count("max_sentence_tokens"),
                   float(s.get("max_article_seconds", default("max_article_seconds"))))


def _over(source: str, found: str, limit: int, setting: str) -> OnrecordError:
    return OnrecordError("E110", f"{source}: {found} > limit {limit:,} ({setting})",
                         hint=f"raise ONRECORD_{setting.upper()} to read it (0: no limit)", path=source)


# about what the tokenizer makes of a text: words, and each punctuation mark on its own
TOKEN_RE = re.compile(r"\w+|[^\w\s]")


def _more_than(pattern: re.Pattern[str], text: str, limit: int) -> bool:
    """Whether ``pattern`` matches ``text`` more than ``limit`` times (counting no further)."""
    return next(itertools.islice(pattern.finditer(text), limit, None), None) is not None


def check_text(text: str, limits: Limits, source: str = "article") -> None:
    """Raise E110 when ``text`` has more quote marks, a longer run without white space, a longer paragraph (a line,
    in words) or more words and punctuation marks than ``limits`` allow (the first of these that it breaks). Linear
    in the text; counting stops at the limit."""
    from .extract.quotes import MARK_RE  # the extractors import this module

    if limits.quote_marks and _more_than(MARK_RE, text, limits.quote_marks):
        n = sum(1 for _ in MARK_RE.finditer(text))
        raise _over(source, f"{n:,} quote marks", limits.quote_marks, "max_quote_marks")
    if limits.token_chars:
        longest = max(map(len, text.split()), default=0)
        if longest > limits.token_chars:
            raise _over(source, f"a run of {longest:,} characters without a space", limits.token_chars,
                        "max_token_chars")
    if limits.paragraph_words:
        longest = max((len(line.split()) for line in text.split("\n")), default=0)
        if longest > limits.paragraph_words:
            raise _over(source, f"a paragraph of {longest:,} words", limits.paragraph_words, "max_paragraph_words")
    if limits.tokens and _more_than(TOKEN_RE, text, limits.tokens):
        n = sum(1 for _ in TOKEN_RE.finditer(text))
        raise _over(source, f"{n:,} words and punctuation marks", limits.tokens, "max_article_tokens")


def check_doc(doc: Any, limits: Limits, source: str = "article") -> None:
    """Raise E110 when a sentence of the parse ``doc`` has more tokens than ``limits`` allow."""
    if limits.sentence_tokens:
        longest = max((len(s) for s in doc.sents), default=0)
        if longest > limits.sentence_tokens:
            raise _over(source, f"a sentence of {longest:,} tokens", limits.sentence_tokens, "max_sentence_tokens")


class Clock:
    """The time one article has taken, ``spent`` seconds before it was made included (its share of a batch's
    parse); :meth:`check` raises E113 once that is over ``seconds`` (0: never)."""

    def __init__(self, seconds: float, spent: float = 0.0, source: str = "article") -> None:
        self.seconds = seconds
        self.source = source
        self.started = time.monotonic() - spent

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def check(self, stage: str) -> None:
        if self.seconds and self.elapsed > self.seconds:
            raise OnrecordError("E113", f"{self.source}: {self.elapsed:.1f} s by the end of {stage} > limit "
                                f"{self.seconds:g} s (max_article_seconds)",
                                hint="raise ONRECORD_MAX_ARTICLE_SECONDS to read it (0: no limit)", path=self.source)


_clock: ContextVar[Clock | None] = ContextVar("onrecord_article_clock", default=None)


@contextmanager
def timing(clock: Clock) -> Iterator[Clock]:
    """Make ``clock`` the one :func:`checkpoint` reads while the block runs."""
    token = _clock.set(clock)
    try:
        yield clock
    finally:
        _clock.reset(token)


def checkpoint(stage: str) -> None:
    """Check the article's clock (when one is running: see :func:`timing`) at the end of ``stage``. Extractors call
    this between their passes; it costs one clock read."""
    clock = _clock.get()
    if clock is not None:
        clock.check(stage)
