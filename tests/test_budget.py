"""Work and time budgets (issue 18, item 2): pathological text fails with a coded limit, and the rest stays linear.

A file of thousands of quote marks, one endless sentence or paragraph, a text that is nearly all punctuation: each
is under the size limit, and each used to make ingest super-linear (5,000 marks took 14 s, 50,000 took 354 s). Now
each ends ``failed`` with E110 naming the limit it broke, the batch goes on, and the extractors' loops that read a
whole list for every token are near linear (checked here against the plain loops they replace).
"""

from __future__ import annotations

import functools
import json
import re
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onrecord import budget, pipeline
from onrecord.errors import CODES, OnrecordError
from onrecord.extract.intervals import Intervals
from onrecord.extract.quotes import RuleExtractor, paragraphs, sentence_ends, sentence_start
from onrecord.extract.tagger import _counts, _gap, _Near
from onrecord.models import Article, Quote, Span
from onrecord.settings import SETTINGS
from onrecord.store import open_store

DEFAULTS: dict[str, Any] = {s.name: s.default for s in SETTINGS}
GOOD = "Council row\n\nJane Smith, a Labour MP, said: “We need a ban on disposable vapes now.”\n"

# each text is under the 2 MB size limit and over one default work limit: (text, setting named in the message)
PATHOLOGICAL: list[Any] = [
    pytest.param('"' * 5_000, "max_quote_marks", id="quote-marks"),
    pytest.param("“‘" * 3_000 + "x" + "’”" * 3_000, "max_quote_marks", id="nested-quotes"),
    pytest.param("(" * 1_500 + "x" + ")" * 1_500, "max_token_chars", id="nested-brackets"),
    pytest.param("The council said it would act. " + "word " * 20_001, "max_paragraph_words", id="endless-paragraph"),
    pytest.param("Jane Smith said " + "and then " * 600 + "it ended", "max_sentence_tokens", id="endless-sentence"),
    pytest.param("( )\n" * 110_000, "max_article_tokens", id="all-punctuation"),
]


def counts(report: pipeline.IngestReport) -> dict[str, int]:
    return dict(report.as_dict()["counts"])


@pytest.mark.parametrize(("text", "setting"), PATHOLOGICAL)
def test_pathological_quote_marks_fail_with_budget_code(tmp_path: Path, text: str, setting: str) -> None:
    assert len(text.encode("utf-8")) < DEFAULTS["max_article_bytes"]
    (tmp_path / "a_bad.txt").write_text(text, "utf-8")
    (tmp_path / "b_good.txt").write_text(GOOD, "utf-8")
    store = open_store(":memory:")
    start = time.monotonic()
    report = pipeline.ingest(store, [tmp_path], settings=DEFAULTS)
    assert time.monotonic() - start < 60  # 5,000 marks took 14 s in the parse alone before the budget
    assert counts(report) == {"ok": 1, "empty": 0, "duplicate": 0, "failed": 1}  # the batch goes on
    (failure,) = report.failures
    assert failure["code"] == "E110" and failure["title"] == CODES["E110"]
    assert failure["source"] == str(tmp_path / "a_bad.txt")
    # the message names the limit: "…: 5,000 quote marks > limit 2,000 (max_quote_marks)"
    assert f"> limit {DEFAULTS[setting]:,} ({setting})" in failure["message"]
    assert f"ONRECORD_{setting.upper()}" in failure["hint"]
    assert [(r["status"], r["code"]) for r in store.ingest_log()] == [("failed", "E110"), ("ok", None)]
    assert [a.source for a in store.articles()] == [str(tmp_path / "b_good.txt")]


def test_the_message_counts_what_broke_the_limit() -> None:
    with pytest.raises(OnrecordError) as err:
        budget.check_text('"' * 412_000, budget.Limits(), "marks.txt")
    assert err.value.code == "E110"
    assert err.value.message == "marks.txt: 412,000 quote marks > limit 2,000 (max_quote_marks)"


@pytest.mark.parametrize(("limit", "state"), [(3, "failed"), (4, "ok"), (0, "ok")])
def test_a_limit_is_a_setting_and_zero_is_no_limit(tmp_path: Path, limit: int, state: str) -> None:
    (tmp_path / "a.txt").write_text(GOOD.replace("now.”", "now,” she said. “Today.”"), "utf-8")  # four marks
    store = open_store(":memory:")
    report = pipeline.ingest(store, [tmp_path], settings={**DEFAULTS, "max_quote_marks": limit})
    assert counts(report)[state] == 1
    if state == "failed":
        assert "4 quote marks > limit 3 (max_quote_marks)" in report.failures[0]["message"]


def test_real_articles_are_far_under_every_default() -> None:
    examples = Path(__file__).resolve().parents[1] / "onrecord" / "examples" / "articles"
    for path in sorted(examples.glob("*.txt")):
        text = path.read_text("utf-8")
        budget.check_text(text, budget.Limits(), str(path))
        # a tenth of every limit would still pass
        budget.check_text(text, budget.Limits(tokens=20_000, quote_marks=200, token_chars=100, paragraph_words=2_000,
                                              sentence_tokens=100, seconds=0))


def test_checks_before_the_parse_are_linear_and_cheap() -> None:
    limits = budget.Limits()
    for text in ('"' * 1_999_999, "a" * 1_999_999, "a " * 999_999, "a\n" * 999_999):
        start = time.monotonic()
        with pytest.raises(OnrecordError):
            budget.check_text(text, limits)
        assert time.monotonic() - start < 10


@pytest.mark.parametrize("suffix", [".txt", ".jsonl", ".html"])
def test_every_reader_applies_the_budget(tmp_path: Path, suffix: str) -> None:
    bad = "Jane Smith said: " + "“" * 2_500 + " and so on, said the council, in a long sentence."
    if suffix == ".jsonl":
        body = "\n".join(json.dumps({"text": t}) for t in (bad, GOOD))
        expected = {"ok": 1, "empty": 0, "duplicate": 0, "failed": 1}
    elif suffix == ".html":
        body = f"<html><body><article><h1>Row</h1><p>{bad}</p><p>{GOOD}</p></article></body></html>"
        expected = {"ok": 0, "empty": 0, "duplicate": 0, "failed": 1}
    else:
        body = bad
        expected = {"ok": 0, "empty": 0, "duplicate": 0, "failed": 1}
    (tmp_path / f"a{suffix}").write_text(body, "utf-8")
    report = pipeline.ingest(open_store(":memory:"), [tmp_path], settings=DEFAULTS)
    assert counts(report) == expected
    assert report.failures[0]["code"] == "E110" and "(max_quote_marks)" in report.failures[0]["message"]


def test_time_limit_fails_the_article_with_its_own_code(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, "utf-8")
    store = open_store(":memory:")
    report = pipeline.ingest(store, [tmp_path], settings={**DEFAULTS, "max_article_seconds": 1e-9})
    assert counts(report) == {"ok": 0, "empty": 0, "duplicate": 0, "failed": 1}
    (failure,) = report.failures
    assert failure["code"] == "E113" and "by the end of the parse" in failure["message"]
    assert "(max_article_seconds)" in failure["message"]
    assert store.ingest_log()[0]["code"] == "E113" and not store.articles()


def test_checkpoint_reads_the_running_clock() -> None:
    budget.checkpoint("no clock")  # outside an article: nothing to check
    with budget.timing(budget.Clock(0, spent=1e9)):
        budget.checkpoint("no limit")
    with budget.timing(budget.Clock(5.0, spent=6.0, source="x.txt")), pytest.raises(OnrecordError) as err:
        budget.checkpoint("the span tagger")
    assert err.value.code == "E113"
    assert re.fullmatch(r"x\.txt: 6\.\d s by the end of the span tagger > limit 5 s \(max_article_seconds\)",
                        err.value.message)
    budget.checkpoint("after the article")  # the clock is gone again


def test_an_extractor_stops_at_its_next_checkpoint(nlp: Any) -> None:
    text = "“We will win,” said Jane Smith. “We will not stop,” she said.\n"
    clock = budget.Clock(1.0, spent=2.0)
    with budget.timing(clock), pytest.raises(OnrecordError) as err:
        RuleExtractor().extract(Article(text=text, source="t"), nlp(text))
    assert err.value.code == "E113" and "the entities" in err.value.message


def test_endless_sentence_and_many_reports_extract_in_linear_time(nlp: Any) -> None:
    """A 2,000-word sentence took 75 s to extract (every noun phrase read its whole subtree, a subtree read its
    range at every level); 100 lines of "X said that ..." took 21 s (every content weighed against every cue)."""
    for text in ("word " * 1_000, "Jane Smith said that the plan was a good one for the town.\n" * 200):
        doc = nlp(text)
        start = time.monotonic()
        RuleExtractor().extract(Article(text=text, source="t"), doc)
        assert time.monotonic() - start < 10


# ------------------------------------------------------------- the linear loops answer as the plain ones did

PROPERTY = settings(max_examples=200, deadline=None, derandomize=True, database=None)
RANGES = st.lists(st.tuples(st.integers(-3, 300), st.integers(-3, 300)), max_size=30)


@PROPERTY
@given(RANGES, st.integers(-5, 305), st.integers(-5, 305))
def test_intervals_answer_as_the_plain_loops(ranges: list[tuple[int, int]], a: int, b: int) -> None:
    iv = Intervals(ranges, bucket=8)
    assert iv.overlaps(a, b) == any(s < b and a < e for s, e in ranges)
    assert iv.holds(a) == any(s <= a < e for s, e in ranges)
    near = iv.near(a, b)
    assert [r for r in ranges if a <= r[0] and r[1] <= b and r[0] <= r[1]] == [r for r in near if a <= r[0] and
                                                                               r[1] <= b and r[0] <= r[1]]


TEXTS = st.lists(st.sampled_from(["Mr. Brown said", " it.", " U.S. ", "“No!”", " he asked?", "\n", " word", " A.",
                                  ". ", "!\"", " ok"]), max_size=60).map("".join)


@PROPERTY
@given(TEXTS, st.data())
def test_sentence_start_reads_back_as_the_forward_scan_did(text: str, data: st.DataObject) -> None:
    at = data.draw(st.integers(0, len(text)))
    lo = data.draw(st.integers(0, at))
    plain = lo
    for m in sentence_ends(text, lo, at):
        plain = m.end()
    assert sentence_start(text, lo, at) == plain


@PROPERTY
@given(TEXTS, st.data())
def test_paragraph_and_context_lookups_answer_as_the_scans_did(text: str, data: st.DataObject) -> None:
    pos = data.draw(st.integers(0, len(text)))
    assert RuleExtractor._para_of(text, pos) == sum(1 for _ in re.finditer(r"\n\s*", text[:pos]))
    paras = paragraphs(text)
    q = Quote("a", Span(text[pos:pos], pos, pos), "direct")
    plain = next((text[s:e] for s, e in paras if s <= pos <= e), "")
    assert RuleExtractor._context(text, paras, q) == plain


@functools.cache
def _blank() -> Any:
    import spacy

    return spacy.blank("en")


@PROPERTY
@given(st.lists(st.integers(1, 4), min_size=1, max_size=40), st.data())
def test_near_spans_hold_every_span_within_the_gap(widths: list[int], data: st.DataObject) -> None:
    words = data.draw(st.lists(st.sampled_from(["a", ",", "b", "."]), min_size=sum(widths) * 2,
                               max_size=sum(widths) * 2))
    doc = _blank()(" ".join(words))
    cuts = [0]
    for w in widths:  # spans in order, none overlapping, with gaps between them
        cuts.append(min(len(doc), cuts[-1] + w))
    spans = [(s, e) for s, e in zip(cuts[::2], cuts[1::2], strict=False) if s < e]
    counts_ = _counts(doc, set())
    target = data.draw(st.sampled_from(spans)) if spans else (0, 1)
    max_gap = data.draw(st.integers(0, 6))
    offered = set(_Near(spans, counts_).around(target, max_gap))
    assert {k for k, sp in enumerate(spans) if _gap(counts_, target, sp) <= max_gap} <= offered
