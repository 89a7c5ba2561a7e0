"""Property-based fuzzing of the extractor and of ingest (.txt, .html, .jsonl) on arbitrary text (Hypothesis).

Texts are built from pieces that stress the readers and the extractors: every kind of quote mark (straight, curly,
low, guillemets, doubled apostrophes and backticks), brackets, names, speech verbs, abbreviations with full stops,
line breaks of every kind (LF, CRLF, CR, blank lines, form feeds, Unicode line separators), header and byline lines,
web addresses, markup, emoji, arbitrary characters, and long runs (thousands of quote marks, brackets or words, one
endless line) that cross the work limits; laid out as they come, hard-wrapped, or with CRLF line ends. For each:

* nothing raises out of the extractor or out of ``pipeline.ingest``: the only failures are coded ones (E1xx), each
  ending as a ``failed`` item while the batch goes on (a second, good article is always ingested beside it), and
  never E100 (an uncoded exception inside the pipeline);
* nothing takes more than the article's time budget (``max_article_seconds``): no E113, and each run takes less;
* the offsets of every quote, cue, content and mention slice the stored text to exactly the span's text.

In CI it tries ``ONRECORD_FUZZ_EXAMPLES`` examples per test (default 20, the same ones every run: derandomised, no
example database), under a minute in all with the model loaded; for a longer run (300 a test: about two minutes)::

    ONRECORD_FUZZ_EXAMPLES=300 pytest -q tests/test_fuzz_ingest.py --hypothesis-show-statistics
"""

from __future__ import annotations

import html
import json
import os
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from onrecord import budget, extract, pipeline
from onrecord.errors import CODES, OnrecordError
from onrecord.extract import load_builtin
from onrecord.models import Article, Quote
from onrecord.registry import extractors
from onrecord.settings import SETTINGS
from onrecord.store import SQLiteStore, open_store

DEFAULTS: dict[str, Any] = {s.name: s.default for s in SETTINGS}
LIMITS = budget.Limits.from_settings(DEFAULTS)
EXAMPLES = int(os.environ.get("ONRECORD_FUZZ_EXAMPLES", "20"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))
GOOD = "Council row\n\nJane Smith, a Labour MP, said: “We need a ban on disposable vapes now.”\n"

PIECES = [
    "Jane Smith", "Mr. Brown", "the minister", "Labour MP Dan Carden", " she", " he", " they", " said", " told the BBC",
    " warned", " according to", " that", " the plan", " was", " a disgrace", " We will win", " U.S.", " No.",
    ",", ".", ":", ";", "!", "?", "…", " ", "  ", "\t", "\n", "\n\n", "\r\n", "\r", "\x0c", "\u2028", "\u00a0",
    '"', "“", "”", "„", "«", "»", "‘", "’", "'", "''", "``", "(", ")", "[", "]", "—", " - ",
    "Headline: Vape row\n", "Date: 2024-03-05\n", "By Ann Lee | The Courier\n", "Picture: PA", "=====\n",
    "https://example.test/story?id=1&utm=x", "<b>", "</p>", "&amp;", "é", "ß", "😀", "\u200b", "\x00",
]
RUNS = st.builds(lambda piece, n: piece * n,
                 st.sampled_from(['"', "“", "”‘", "( ", "(", "word ", "a", "said ", "\n", "x\n", '"a" ']),
                 st.integers(1, 2_500))
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(st.characters(codec="utf-8"), max_size=12)),
                max_size=40).map("".join)


@st.composite
def texts(draw: st.DrawFn) -> str:
    """A text of pieces, with up to two long runs inside, in one of a few layouts."""
    text = draw(TEXT)
    for _ in range(draw(st.sampled_from([0, 1, 1, 2]))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(RUNS) + text[at:]
    layout = draw(st.sampled_from(["as is", "wrapped", "crlf"]))
    if layout == "wrapped":
        text = "\n\n".join("\n".join(textwrap.wrap(p, 60)) for p in text.split("\n\n"))
    elif layout == "crlf":
        text = text.replace("\n", "\r\n")
    return text


def assert_offsets_slice(text: str, quotes: list[Quote]) -> None:
    for q in quotes:
        for span in (q.span, q.cue, q.content, q.mention.span if q.mention else None):
            if span is not None:
                assert 0 <= span.start <= span.end <= len(text)
                assert text[span.start : span.end] == span.text, (q.kind, span)


@pytest.fixture(scope="module")
def extractor() -> Any:
    load_builtin()
    return extractors.get(DEFAULTS["extractor"])(attributions=DEFAULTS["attributions"])  # type: ignore[operator]


@FUZZ
@given(texts())
def test_extractor_never_raises_and_offsets_slice_the_text(nlp: Any, extractor: Any, text: str) -> None:
    start = time.monotonic()
    try:
        budget.check_text(text, LIMITS)
        (doc, _), = extract.parse_timed(nlp, [text])
        budget.check_doc(doc, LIMITS)
    except OnrecordError as exc:  # over a work limit: the pipeline records it and never extracts
        assert exc.code == "E110"
        event(f"over a work limit: {exc.message.rsplit('(', 1)[-1].rstrip(')')}")
        return
    with budget.timing(budget.Clock(LIMITS.seconds)):
        quotes, _ = extract.run(extractor, Article(text=text, source="fuzz"), doc)
    assert_offsets_slice(text, quotes)
    assert time.monotonic() - start < LIMITS.seconds
    event("extracted: quotes" if quotes else "extracted: none")


def ingest_and_check(store: SQLiteStore, folder: Path, items: int) -> None:
    """Ingest ``folder`` (the fuzzed file and a good article): nothing raises, every item ends in one state, the
    failures are coded (never E100, never the time limit), and every stored quote's offsets slice its article."""
    start = time.monotonic()
    report = pipeline.ingest(store, [folder], settings=DEFAULTS)
    assert time.monotonic() - start < LIMITS.seconds
    assert sum(report.counts.values()) == items
    assert report.counts["ok"] >= 1  # the good article
    for failure in report.failures:
        assert failure["code"] in CODES and failure["code"] not in {"E100", "E113"}, failure
        event(f"failed {failure['code']}")
    event(f"{report.counts['ok'] + report.counts['empty']} analysed")
    for article in store.articles():
        assert_offsets_slice(article.text, store.quotes(article.id))


@FUZZ
@given(texts())
def test_ingest_text_file(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    folder = tmp_path_factory.mktemp("txt")
    (folder / "a.txt").write_text(text, "utf-8")
    (folder / "b.txt").write_text(GOOD, "utf-8")
    ingest_and_check(open_store(":memory:"), folder, 2)


@FUZZ
@given(texts(), st.booleans())
def test_ingest_html_file(tmp_path_factory: pytest.TempPathFactory, text: str, raw: bool) -> None:
    folder = tmp_path_factory.mktemp("html")
    # the text escaped into paragraphs, or as it is: then its marks and brackets are markup too
    body = text if raw else "".join(f"<p>{html.escape(p)}</p>\n" for p in text.split("\n\n"))
    (folder / "a.html").write_text("<html><head><title>Fuzz</title></head><body><article><p>The council met on "
                                   f"Monday to set the budget for next year.</p>{body}</article></body></html>",
                                   "utf-8")
    (folder / "b.txt").write_text(GOOD, "utf-8")
    ingest_and_check(open_store(":memory:"), folder, 2)


@FUZZ
@given(texts(), texts())
def test_ingest_json_lines(tmp_path_factory: pytest.TempPathFactory, text: str, title: str) -> None:
    folder = tmp_path_factory.mktemp("jsonl")
    lines = [json.dumps({"text": text, "title": title}), json.dumps({"text": GOOD})]
    (folder / "a.jsonl").write_text("\n".join(lines), "utf-8")
    ingest_and_check(open_store(":memory:"), folder, 2)
