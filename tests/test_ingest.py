"""Ingest: every file ends ok, empty, duplicate or failed; bad input is reported and the batch goes on."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from onrecord import pipeline
from onrecord.extract import load_builtin
from onrecord.models import Article, content_id
from onrecord.registry import extractors
from onrecord.settings import SETTINGS
from onrecord.store import SQLiteStore, open_store

DEFAULTS: dict[str, Any] = {s.name: s.default for s in SETTINGS}

GOOD = (
    "Vape row at Westminster\n\n"
    "Jane Smith, a Labour MP, said: “We need a ban on disposable vapes now. They are poisoning our children.”\n\n"
    "Peter Hale, a Conservative MP, said: “A ban would only feed the black market.”\n"
)
NEW = (
    "Bus fares frozen\n\n"
    "Mark Bellamy, a Conservative MP, said: “Freezing fares is the right thing to do for commuters.”\n"
)
NO_QUOTES = "Council meets on Monday\n\nThe council will meet on Monday to set the budget for next year.\n"
UNBALANCED = (
    "Council row\n\n"
    "Jane Smith, a Labour MP, said: “We need a ban now. It cannot wait another year\n\n"
    "The council will meet on Monday.\n"
)
NO_BODY_HTML = (
    "<html><head><title>Nothing here</title></head><body>"
    '<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>'
    "<footer><p>Copyright 2024 The Courier</p></footer></body></html>"
)
ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Minister rejects calls for a vape ban | The Daily Courier</title>
<meta name="author" content="Alice Reporter">
<meta property="og:site_name" content="The Daily Courier">
<meta property="og:title" content="Minister rejects calls for a vape ban">
<meta property="article:published_time" content="2024-03-05T09:00:00Z">
</head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Minister rejects calls for a vape ban</h1>
<p>The health minister has rejected calls for a ban on disposable vapes, saying that existing rules on
sales to children are strong enough and only need better enforcement by councils.</p>
<p>Jane Smith, a Labour MP, said: “We need a ban now. Every week we wait, more children start vaping,
and the minister knows it.”</p>
<p>Peter Hale, a Conservative MP, told the Courier that he was still weighing the evidence and would not
commit either way before the committee reports in the summer.</p>
<p>Trading standards officers in several towns say they have seized thousands of illegal devices in the
past year, many of them sold in corner shops near schools.</p>
</article>
<footer><p>Copyright 2024 The Daily Courier. All rights reserved.</p></footer>
</body>
</html>
"""


def ingest(store: SQLiteStore, *paths: Path, settings: dict[str, Any] | None = None) -> pipeline.IngestReport:
    return pipeline.ingest(store, list(paths), settings=settings or DEFAULTS)


def counts(report: pipeline.IngestReport) -> dict[str, int]:
    return dict(report.as_dict()["counts"])


def snapshot(store: SQLiteStore) -> tuple[list[tuple[str, str]], list[tuple[str, str, int, int]]]:
    articles = [(a.id, a.text) for a in store.articles()]
    quotes = [(q.id, q.span.text, q.span.start, q.span.end) for q in store.quotes()]
    return articles, quotes


def test_each_quote_and_article_records_what_extracted_it(seeded: Any) -> None:
    load_builtin()
    made_by = extractors.get(DEFAULTS["extractor"])(attributions=DEFAULTS["attributions"]).version  # type: ignore[operator]
    assert made_by.startswith(f"{DEFAULTS['extractor']} (")  # the extractor, then its models' versions
    assert [r["model"] for r in seeded.store.query("SELECT DISTINCT model FROM quotes")] == [made_by]
    assert [r["extractor"] for r in seeded.store.query("SELECT DISTINCT extractor FROM articles")] == [made_by]


# ------------------------------------------------------------------ bad input: the batch goes on


@pytest.fixture
def seeded(tmp_path: Path) -> Any:
    """A file store holding one good article, and a batch folder holding that article and a new one."""
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "a_good.txt").write_text(GOOD, "utf-8")
    (batch / "z_new.txt").write_text(NEW, "utf-8")
    db = tmp_path / "onrecord.db"
    store = open_store(str(db))
    first = ingest(store, batch / "a_good.txt")
    assert counts(first) == {"ok": 1, "empty": 0, "duplicate": 0, "failed": 0}
    before = snapshot(store)
    assert before[1], "the good article should give quotes"
    yield SimpleNamespace(store=store, db=db, batch=batch, before=before)
    store.close()


def _ten_megabytes() -> bytes:
    line = "Jane Smith, a Labour MP, said: “We need a ban now.” The council will meet on Monday.\n"
    data = (line * (10_000_000 // len(line.encode("utf-8")) + 1)).encode("utf-8")
    assert len(data) >= 10_000_000
    return data


BAD_FILES: list[Any] = [
    pytest.param("m_empty.txt", lambda: b"", "E102", id="empty"),
    pytest.param("m_blank.txt", lambda: b"  \n\t\n", "E102", id="whitespace-only"),
    pytest.param("m_image.txt", lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "E104", id="binary-nul"),
    pytest.param("m_latin1.txt", lambda: "Le café, said Jane Smith: “non”.".encode("latin-1", "replace"), "E103",
                 id="latin-1"),
    pytest.param("m_huge.txt", _ten_megabytes, "E105", id="10MB"),
    pytest.param("m_nobody.html", lambda: NO_BODY_HTML.encode("utf-8"), "E106", id="html-without-body"),
    pytest.param("m_report.pdf", lambda: b"%PDF-1.4 a report", "E108", id="unsupported-suffix"),
    pytest.param("m_README", lambda: b"Jane Smith said: \xe2\x80\x9cYes.\xe2\x80\x9d", "E108", id="no-suffix"),
]


@pytest.mark.parametrize(("name", "make", "code"), BAD_FILES)
def test_bad_file_is_reported_and_batch_goes_on(seeded: Any, name: str, make: Callable[[], bytes],
                                                code: str) -> None:
    bad = seeded.batch / name
    bad.write_bytes(make())
    report = ingest(seeded.store, seeded.batch)
    # a_good.txt is already stored, the bad file fails, and z_new.txt (after it) is still read
    assert counts(report) == {"ok": 1, "empty": 0, "duplicate": 1, "failed": 1}
    (failure,) = report.as_dict()["failures"]
    assert failure["code"] == code
    assert failure["source"] == str(bad)
    assert failure["path"] == str(bad)
    assert str(bad) in failure["message"]
    log = {row["source"]: row for row in seeded.store.ingest_log()}
    assert log[str(bad)]["status"] == "failed" and log[str(bad)]["code"] == code
    # nothing stored before is lost, and it is still there after reopening the file
    seeded.store.close()
    seeded.store = open_store(str(seeded.db))
    articles, quotes = snapshot(seeded.store)
    assert set(seeded.before[0]) <= set(articles)
    assert set(seeded.before[1]) <= set(quotes)
    assert {a.source for a in seeded.store.articles()} == {str(seeded.batch / "a_good.txt"),
                                                            str(seeded.batch / "z_new.txt")}


def test_latin1_error_names_the_byte_and_gives_a_hint(seeded: Any) -> None:
    bad = seeded.batch / "cafe.txt"
    bad.write_bytes(b"caf\xe9 society")
    (failure,) = ingest(seeded.store, bad).as_dict()["failures"]
    assert failure["code"] == "E103"
    assert failure["message"].startswith(str(bad))
    assert "0xe9" in failure["message"] and "offset 3" in failure["message"]
    assert failure["hint"]


def test_too_large_uses_the_default_limit(seeded: Any) -> None:
    assert DEFAULTS["max_article_bytes"] == 2_000_000
    big = seeded.batch / "big.txt"
    big.write_bytes(b"a" * 2_000_001)
    (failure,) = ingest(seeded.store, big).as_dict()["failures"]
    assert failure["code"] == "E105" and str(big) in failure["message"]
    assert failure["hint"]


def test_max_article_bytes_is_the_exact_limit(tmp_path: Path) -> None:
    path = tmp_path / "new.txt"
    path.write_text(NEW, "utf-8")
    size = path.stat().st_size
    store = open_store(":memory:")
    below = ingest(store, path, settings={**DEFAULTS, "max_article_bytes": size - 1})
    assert [f["code"] for f in below.as_dict()["failures"]] == ["E105"]
    assert counts(ingest(store, path, settings={**DEFAULTS, "max_article_bytes": size}))["ok"] == 1


def test_unbalanced_quote_runs_to_paragraph_end(seeded: Any) -> None:
    path = seeded.batch / "unbalanced.txt"
    path.write_text(UNBALANCED, "utf-8")
    report = ingest(seeded.store, seeded.batch)
    assert counts(report) == {"ok": 2, "empty": 0, "duplicate": 1, "failed": 0}
    article = next(a for a in seeded.store.articles() if a.source == str(path))
    (quote,) = seeded.store.quotes(article.id)
    opening = UNBALANCED.index("“")
    paragraph_end = UNBALANCED.index("\n\n", opening)
    assert quote.kind == "direct"
    assert quote.span.text == "We need a ban now. It cannot wait another year"
    assert (quote.span.start, quote.span.end) == (opening + 1, paragraph_end)
    assert article.text[quote.span.start:quote.span.end] == quote.span.text
    assert quote.speaker == "Jane Smith"
    assert set(seeded.before[1]) <= set(snapshot(seeded.store)[1])


def test_article_without_quotes_is_empty(seeded: Any) -> None:
    path = seeded.batch / "council.txt"
    path.write_text(NO_QUOTES, "utf-8")
    report = ingest(seeded.store, seeded.batch)
    assert counts(report) == {"ok": 1, "empty": 1, "duplicate": 1, "failed": 0}
    article_id = content_id(NO_QUOTES)
    assert seeded.store.has_article(article_id)
    assert seeded.store.quotes(article_id) == []
    log = {row["source"]: row for row in seeded.store.ingest_log()}
    assert log[str(path)]["status"] == "empty" and log[str(path)]["article_id"] == article_id
    assert set(seeded.before[1]) <= set(snapshot(seeded.store)[1])


# ------------------------------------------------------------------ idempotence and ids


@pytest.fixture(scope="module")
def twice(tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("twice")
    (folder / "good.txt").write_text(GOOD, "utf-8")
    (folder / "new.txt").write_text(NEW, "utf-8")
    (folder / "council.txt").write_text(NO_QUOTES, "utf-8")
    store = open_store(":memory:")
    first = ingest(store, folder)
    after_first = snapshot(store)
    log_first = len(store.ingest_log())
    second = ingest(store, folder)
    yield SimpleNamespace(store=store, folder=folder, first=first, second=second, after_first=after_first,
                          log_first=log_first)
    store.close()


def test_ingesting_twice_changes_nothing(twice: Any) -> None:
    assert counts(twice.first) == {"ok": 2, "empty": 1, "duplicate": 0, "failed": 0}
    assert counts(twice.second) == {"ok": 0, "empty": 0, "duplicate": 3, "failed": 0}
    assert snapshot(twice.store) == twice.after_first
    assert len(twice.after_first[0]) == 3


def test_second_run_is_logged_as_duplicates(twice: Any) -> None:
    rows = twice.store.ingest_log()[twice.log_first:]
    assert len(rows) == 3
    assert {r["status"] for r in rows} == {"duplicate"}
    assert {r["article_id"] for r in rows} == {content_id(GOOD), content_id(NEW), content_id(NO_QUOTES)}


def test_same_content_at_two_paths_in_one_batch_is_one_article(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, "utf-8")
    (tmp_path / "b.txt").write_text(GOOD, "utf-8")
    store = open_store(":memory:")
    assert counts(ingest(store, tmp_path)) == {"ok": 1, "empty": 0, "duplicate": 1, "failed": 0}
    assert len(store.articles()) == 1


def test_article_id_is_stable_from_content(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    (one / "x.txt").write_text(GOOD, "utf-8")
    (two / "y.txt").write_text(GOOD, "utf-8")
    (two / "z.txt").write_text(GOOD + "\nOne more line.\n", "utf-8")
    first, second = open_store(":memory:"), open_store(":memory:")
    ingest(first, one)
    ingest(second, two)
    (a,) = first.articles()
    by_source = {x.source: x.id for x in second.articles()}
    assert a.id == content_id(GOOD) == Article(text=GOOD, source="elsewhere").id
    assert by_source[str(two / "y.txt")] == a.id
    assert by_source[str(two / "z.txt")] != a.id
    # quote ids follow from the article id and offsets, so they are stable too
    assert [q.id for q in first.quotes()] == [q.id for q in second.quotes(a.id)]


# ------------------------------------------------------------------ formats


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(GOOD.encode("utf-8"), id="lf"),
        pytest.param(GOOD.replace("\n", "\r\n").encode("utf-8"), id="crlf"),
        pytest.param(b"\xef\xbb\xbf" + GOOD.encode("utf-8"), id="bom"),
    ],
)
def test_text_file_is_stored_as_python_reads_it_and_offsets_index_it(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(raw)
    store = open_store(":memory:")
    assert counts(ingest(store, path))["ok"] == 1
    (article,) = store.articles()
    # the offsets a reader gets from open(path, encoding="utf-8-sig").read(): no byte-order mark, LF line ends
    assert article.text == path.read_text(encoding="utf-8-sig") == GOOD
    assert article.source == str(path)
    quotes = store.quotes(article.id)
    assert len(quotes) >= 2
    for q in quotes:
        assert article.text[q.span.start:q.span.end] == q.span.text
        if q.cue:
            assert article.text[q.cue.start:q.cue.end] == q.cue.text
        if q.mention:
            assert article.text[q.mention.span.start:q.mention.span.end] == q.mention.span.text
    assert any("poisoning our children" in q.span.text for q in quotes)


@pytest.fixture(scope="module")
def html_article(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = tmp_path_factory.mktemp("html") / "minister.html"
    path.write_text(ARTICLE_HTML, "utf-8")
    store = open_store(":memory:")
    report = ingest(store, path)
    (article,) = store.articles()
    return SimpleNamespace(store=store, path=path, report=report, article=article)


def test_html_metadata(html_article: Any) -> None:
    a = html_article.article
    assert counts(html_article.report)["ok"] == 1
    assert a.source == str(html_article.path)
    assert a.title == "Minister rejects calls for a vape ban"
    assert a.author == "Alice Reporter"
    assert a.outlet == "The Daily Courier"
    assert a.published is not None and a.published.startswith("2024-03-05")


def test_html_body_is_the_article_not_the_page_furniture(html_article: Any) -> None:
    text = html_article.article.text
    assert "rejected calls for a ban on disposable vapes" in text
    assert "corner shops near schools" in text
    assert "Sport" not in text and "All rights reserved" not in text
    quotes = html_article.store.quotes(html_article.article.id)
    direct = [q for q in quotes if q.kind == "direct"]
    assert direct and direct[0].span.text.startswith("We need a ban now.")
    for q in quotes:
        assert text[q.span.start:q.span.end] == q.span.text


def test_jsonl_bad_lines_are_reported_and_good_ones_read(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    good = {"text": GOOD, "url": "https://example.org/vapes", "title": "Vape row", "outlet": "The Courier",
            "published": "2024-03-01"}
    path.write_text("\n".join([json.dumps(good), "{not json at all", json.dumps({"title": "no text here"}), ""])
                    + "\n", "utf-8")
    store = open_store(":memory:")
    report = ingest(store, path)
    c = counts(report)
    assert c["ok"] + c["empty"] == 1 and c["failed"] == 2 and c["duplicate"] == 0
    failures = report.as_dict()["failures"]
    assert [f["code"] for f in failures] == ["E107", "E107"]
    assert [f["source"] for f in failures] == [f"{path}:2", f"{path}:3"]
    assert all(f["message"].startswith(f"{path}:") for f in failures)
    (article,) = store.articles()
    assert article.text == GOOD
    assert (article.source, article.url, article.title, article.outlet, article.published) == (
        "https://example.org/vapes", "https://example.org/vapes", "Vape row", "The Courier", "2024-03-01")
    statuses = [(r["source"], r["status"], r["code"]) for r in store.ingest_log()]
    assert (f"{path}:2", "failed", "E107") in statuses and (f"{path}:3", "failed", "E107") in statuses


def test_directory_is_walked_recursively_and_hidden_files_skipped(tmp_path: Path) -> None:
    (tmp_path / "nested" / "deeper").mkdir(parents=True)
    (tmp_path / ".cache").mkdir()
    (tmp_path / "top.txt").write_text(GOOD, "utf-8")
    (tmp_path / "nested" / "deeper" / "inner.txt").write_text(NEW, "utf-8")
    (tmp_path / ".hidden.txt").write_text(NO_QUOTES, "utf-8")
    (tmp_path / ".cache" / "cached.txt").write_text(NO_QUOTES + "cached\n", "utf-8")
    store = open_store(":memory:")
    assert counts(ingest(store, tmp_path)) == {"ok": 2, "empty": 0, "duplicate": 0, "failed": 0}
    assert {a.source for a in store.articles()} == {str(tmp_path / "top.txt"),
                                                    str(tmp_path / "nested" / "deeper" / "inner.txt")}


def test_missing_path_is_e101(tmp_path: Path) -> None:
    store = open_store(":memory:")
    report = ingest(store, tmp_path / "nowhere.txt")
    assert counts(report)["failed"] == 1
    assert report.as_dict()["failures"][0]["code"] == "E101"


def test_ingest_log_records_each_state(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, "utf-8")
    (tmp_path / "b.txt").write_text(GOOD, "utf-8")
    (tmp_path / "c.txt").write_text(NO_QUOTES, "utf-8")
    (tmp_path / "d.txt").write_bytes(b"")
    store = open_store(str(tmp_path / "log.db"))
    report = ingest(store, tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt", tmp_path / "d.txt")
    assert counts(report) == {"ok": 1, "empty": 1, "duplicate": 1, "failed": 1}
    log = {Path(r["source"]).name: r for r in store.ingest_log()}
    assert {name: r["status"] for name, r in log.items()} == {"a.txt": "ok", "b.txt": "duplicate",
                                                              "c.txt": "empty", "d.txt": "failed"}
    assert log["a.txt"]["article_id"] == log["b.txt"]["article_id"] == content_id(GOOD)
    assert log["c.txt"]["article_id"] == content_id(NO_QUOTES)
    assert log["d.txt"]["code"] == "E102" and log["d.txt"]["article_id"] is None
    assert all(r["at"] for r in log.values())
    store.close()
