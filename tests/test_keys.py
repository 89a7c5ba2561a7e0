"""A quote's rowid is its place in the page order (onrecord.store.keys): newest day first, then the article stored
latest, then reading order; undated articles last. The pages read that order off the database's indexes, on both
stores, and a store from before it is renumbered when it is opened."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from onrecord.models import Article, Issue, Person, PersonStance, Quote, Span, StanceLabel
from onrecord.query import pages
from onrecord.stance.aggregate import Sides, Timeline
from onrecord.store import SCHEMA_VERSION, PostgresStore, SQLiteStore, keys, open_store
from tests.conftest import STORES


@pytest.mark.parametrize(("published", "last", "expected"), [
    ("2024-03-05", False, date(2024, 3, 5)), ("2024-03-05T23:59:00+05:00", False, date(2024, 3, 5)),
    ("2024-03", False, date(2024, 3, 1)), ("2024-03", True, date(2024, 3, 31)), ("2024-02", True, date(2024, 2, 29)),
    ("2023-02", True, date(2023, 2, 28)), ("2024-12", True, date(2024, 12, 31)), ("2024", False, date(2024, 1, 1)),
    ("2024", True, date(2024, 12, 31)), ("2024-03-05", True, date(2024, 3, 5)),
    (None, False, None), ("", False, None), ("yesterday", False, None), ("2024-02-30", False, None),
    ("2024-13", True, None), ("9999-12", True, date(9999, 12, 31)), ("9999", True, date(9999, 12, 31)),
    # more of a date than the pattern reads is no date: not the year it starts with
    ("2024/03/05", False, None), ("20240305", False, None), ("2024-3-5", False, None), ("2024-03-5", False, None),
    ("2024-03-05 08:00", False, date(2024, 3, 5)),
])
def test_a_published_date_is_read_as_its_day(published: str | None, last: bool, expected: date | None) -> None:
    assert keys.day_of(published, last=last) == (expected.toordinal() if expected else 0)


def _article(aid: str, published: str | None, words: list[str]) -> tuple[Article, list[Quote]]:
    """An article with one quote per word, stored in the reverse of reading order (the store sorts them)."""
    text = " ".join(f"Ann said “{w} levy now.”" for w in words)
    quotes = []
    for i, w in enumerate(words):
        start = text.index(f"{w} levy")
        q = Quote(aid, Span(f"{w} levy now.", start, start + len(w) + 10), "direct", id=f"{aid}-{i}")
        q.speaker_id = "ann-lee"
        quotes.append(q)
    return Article(text=text, source=f"{aid}.txt", id=aid, published=published), quotes[::-1]


ANN = [Person("ann-lee", "Ann Lee", "person", [], "Green", [])]
# stored in this order; the page order is the comment's
STORED = [
    ("old", "2023-06-01", ["alpha", "beta"]),          # 5th, 6th
    ("undated", None, ["gamma"]),                       # last
    ("new", "2024-05-02T08:00:00Z", ["delta", "eps"]),  # 1st, 2nd
    ("mid-a", "2024-01-10", ["zeta"]),                  # 4th: stored before mid-b on the same day
    ("mid-b", "2024-01-10", ["eta"]),                   # 3rd
]
PAGE_ORDER = ["new-0", "new-1", "mid-b-0", "mid-a-0", "old-0", "old-1", "undated-0"]


def _stored(url: str) -> SQLiteStore:
    store = open_store(url)
    for aid, published, words in STORED:
        article, quotes = _article(aid, published, words)
        store.save_article(article, quotes, ANN, "test")
    return store


@pytest.mark.parametrize("kind", STORES)
def test_the_page_order_is_the_rowid_order_on_both_stores(kind: str, store_url_for: Callable[[str], str]) -> None:
    store = _stored(store_url_for(kind))
    try:
        assert [r["id"] for r in store.query("SELECT id FROM quotes ORDER BY rowid DESC")] == PAGE_ORDER
        assert [r["id"] for r in pages.search(store, per_page=50)["rows"]] == PAGE_ORDER
        assert [r["id"] for r in pages.search(store, q="levy", per_page=3, page=2)["rows"]] == PAGE_ORDER[3:6]
        assert [q["id"] for q in pages.person(store, "ann-lee", per_page=50)["quotes"]] == PAGE_ORDER
        assert [r["id"] for r in pages.iter_search(store, q="levy")] == PAGE_ORDER
        # dates are a range of rowids: a month, a year, a day, open on one side; undated articles in none
        for date_from, date_to, expected in (("2024-01", "2024-01", ["mid-b-0", "mid-a-0"]),
                                             ("2024", None, PAGE_ORDER[:4]), (None, "2023", ["old-0", "old-1"]),
                                             ("2024-05-02", "2024-05-02", ["new-0", "new-1"]),
                                             ("2024-05-03", None, [])):
            found = pages.search(store, date_from=date_from, date_to=date_to, per_page=50)
            assert [r["id"] for r in found["rows"]] == expected and found["total"] == len(expected)
            with_words = pages.search(store, q="levy", date_from=date_from, date_to=date_to, per_page=50)
            assert [r["id"] for r in with_words["rows"]] == expected
            assert [r["id"] for r in pages.iter_search(store, date_from=date_from, date_to=date_to)] == expected
    finally:
        store.close()


def test_an_article_longer_than_a_slot_keeps_its_reading_order(tmp_path: pytest.TempPathFactory,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "SLOT_SHIFT", 2)
    monkeypatch.setattr(keys, "PER_SLOT", 4)  # 11 quotes take 3 slots
    store = open_store(":memory:")
    try:
        words = [f"w{i:02d}" for i in range(11)]
        article, quotes = _article("long", "2024-01-01", words)
        store.save_article(article, quotes, ANN, "test")
        later, more = _article("later", "2024-01-01", ["omega"])
        store.save_article(later, more, ANN, "test")
        order = [r["id"] for r in store.query("SELECT id FROM quotes ORDER BY rowid DESC")]
        assert order == ["later-0"] + [f"long-{i}" for i in range(11)]
        rowids = [r["rowid"] for r in store.query("SELECT rowid FROM quotes WHERE id LIKE 'long-%' ORDER BY rowid")]
        assert sorted(rowids, key=keys.oldest_first) == rowids[::-1]  # timelines read it in reading order
    finally:
        store.close()


def _undo_keys(store: SQLiteStore) -> None:
    """Give the quotes rowids in another order, as schema 13 did, take away what 14 added, and mark the store 13."""
    pg = isinstance(store, PostgresStore)
    with store.transaction() as c:
        if pg:  # (the words' own table came with 15: back in the quotes' rows)
            c.execute("ALTER TABLE quotes ADD COLUMN terms TEXT")
            c.execute("ALTER TABLE quotes ADD COLUMN tsv tsvector GENERATED ALWAYS AS (array_to_tsvector("
                      "string_to_array(terms, ' '))) STORED")
            c.execute("UPDATE quotes SET terms = (SELECT terms FROM quote_words w WHERE w.rowid = quotes.rowid)")
            c.execute("DROP TABLE quote_words")
        c.execute("UPDATE quotes SET rowid = -rowid")
        rows = c.execute("SELECT rowid FROM quotes ORDER BY id").fetchall()
        c.executemany("UPDATE quotes SET rowid = ? WHERE rowid = ?", [(n, r[0]) for n, r in enumerate(rows, 1)])
        if not pg:
            c.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')")
        c.execute("DROP INDEX quotes_original")
        c.execute("ALTER TABLE person_stances DROP COLUMN sides")
        c.execute("ALTER TABLE person_stances DROP COLUMN timeline")
        c.execute("DROP INDEX stances_rowid")
        c.execute("ALTER TABLE stances DROP COLUMN quote_rowid")
        c.execute("UPDATE onrecord_schema SET version = 13" if pg else "PRAGMA user_version = 13")


# Ann's labels, oldest first (the page order reversed): opposes in 2023 and in January, supports since May
ANN_LABELS = {"old-0": "oppose", "old-1": "oppose", "mid-a-0": "oppose", "mid-b-0": "none", "new-0": "support",
              "new-1": "support"}


def _label_ann(store: SQLiteStore) -> Issue:
    """An issue with :data:`ANN_LABELS` stored on Ann's quotes, and her stance (support)."""
    issue = store.add_issue(Issue("a levy on ann's words"))
    store.save_stances(issue, [StanceLabel(q, issue.id, st, 0.9, "", "test") for q, st in ANN_LABELS.items()],
                       [PersonStance("ann-lee", "Ann Lee", "Green", "support", 0.8, ["new-0"])], [])
    return issue


@pytest.mark.parametrize("kind", STORES)
def test_a_store_of_schema_13_is_renumbered_when_opened(kind: str, store_url_for: Callable[[str], str]) -> None:
    url = store_url_for(kind)
    store = _stored(url)
    issue = _label_ann(store)
    kept = Sides(support=2, oppose=3, first="oppose", last="support", switched=True)
    assert store.query("SELECT sides FROM person_stances")[0]["sides"] == kept.to_json()
    assert store.query("SELECT COUNT(*) AS n FROM stances s JOIN quotes q ON q.id = s.quote_id"
                       " WHERE s.quote_rowid = q.rowid")[0]["n"] == len(ANN_LABELS)
    _undo_keys(store)
    assert store.schema_version() == 13
    assert [r["id"] for r in store.query("SELECT id FROM quotes ORDER BY rowid DESC")] != PAGE_ORDER
    store.close()
    store = open_store(url)
    try:
        assert store.schema_version() == SCHEMA_VERSION == 18
        assert [r["id"] for r in store.query("SELECT id FROM quotes ORDER BY rowid DESC")] == PAGE_ORDER
        assert [r["id"] for r in pages.search(store, q="gamma")["rows"]] == ["undated-0"]
        assert [r["id"] for r in pages.search(store, q="levy", per_page=50)["rows"]] == PAGE_ORDER
        if not isinstance(store, PostgresStore):
            store.conn.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('integrity-check')")
        # each label knows its quote's new rowid, and what her labels come to is worked out again on the way up,
        # and the board reads it
        assert {r["quote_rowid"] for r in store.query("SELECT quote_rowid FROM stances")} == {
            r["rowid"] for r in store.query("SELECT rowid FROM quotes WHERE id IN (SELECT quote_id FROM stances)")}
        assert store.query("SELECT sides FROM person_stances")[0]["sides"] == kept.to_json()
        [row] = [r for g in pages.issue_board(store, issue.id)["parties"] for r in g["people"]]
        assert row["position"] == "support" and row["summary"].startswith("Changed position: now supports it")
        # the next article stored takes the next slot of its day
        article, quotes = _article("mid-c", "2024-01-10", ["theta"])
        store.save_article(article, quotes, ANN, "test")
        assert [r["id"] for r in pages.search(store, date_from="2024-01-10", date_to="2024-01-10")["rows"]] == [
            "mid-c-0", "mid-b-0", "mid-a-0"]
    finally:
        store.close()


@pytest.mark.parametrize("kind", STORES)
def test_a_person_page_reads_the_timeline_kept_with_their_stance(kind: str,
                                                                 store_url_for: Callable[[str], str]) -> None:
    """Which of a person's labelled statements their page shows is kept with their stance when the labels are
    stored (oldest first; the changes of position); a store of schema 15 gets it on the way up, and a stance kept
    without one (or a person labelled with no stance kept) is put in order on the page, to the same result."""
    url = store_url_for(kind)
    store = _stored(url)
    issue = _label_ann(store)
    oldest_first = [("old-0", "oppose"), ("old-1", "oppose"), ("mid-a-0", "oppose"), ("new-0", "support"),
                    ("new-1", "support")]
    kept = Timeline(tuple(oldest_first), (("new-0", "support"),), 5, 1)

    def position() -> dict[str, Any]:
        pages.forget()
        [pos] = pages.person(store, "ann-lee")["positions"]
        return pos

    try:
        assert Timeline.from_json(store.query("SELECT timeline FROM person_stances")[0]["timeline"]) == kept
        pos = position()
        assert [(p["quote_id"], p["stance"]) for p in pos["timeline"]] == oldest_first
        assert [(p["quote_id"], p["stance"]) for p in pos["changes"]] == [("new-0", "support")]
        assert (pos["timeline_total"], pos["changes_total"]) == (5, 1)
        assert pos["summary"].startswith("Changed position: now supports it")
        assert pos["timeline"][-1]["date"].startswith("2024-05-02") and pos["timeline"][0]["confidence"] == 0.9
        with store.transaction() as c:  # kept without one: put in order here
            c.execute("UPDATE person_stances SET timeline = NULL")
        assert position() == pos
        with store.transaction() as c:  # labelled, with no stance kept
            c.execute("DELETE FROM person_stances")
        without = position()
        assert without["timeline"] == pos["timeline"] and without["changes"] == pos["changes"]
        assert without["stance"] == "none"
        store.save_stances(issue, [StanceLabel(q, issue.id, st, 0.9, "", "test") for q, st in ANN_LABELS.items()],
                           [PersonStance("ann-lee", "Ann Lee", "Green", "support", 0.8, ["new-0"])], [])
        with store.transaction() as c:  # back to schema 15
            c.execute("ALTER TABLE person_stances DROP COLUMN timeline")
            c.execute("UPDATE onrecord_schema SET version = 15" if isinstance(store, PostgresStore)
                      else "PRAGMA user_version = 15")
        store.close()
        store = open_store(url)
        assert store.schema_version() == SCHEMA_VERSION
        assert Timeline.from_json(store.query("SELECT timeline FROM person_stances")[0]["timeline"]) == kept
        assert position() == pos
    finally:
        pages.forget()
        store.close()


def _plans(store: SQLiteStore, run: Callable[[], object]) -> list[tuple[str, list[str]]]:
    """Every statement ``run`` makes on this thread's read connection, with its query plan's lines."""
    seen: list[str] = []
    with store.reading():
        conn = store.conn
        assert isinstance(conn, sqlite3.Connection)
        conn.set_trace_callback(seen.append)
        try:
            run()
        finally:
            conn.set_trace_callback(None)
        return [(sql, [r[3] for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()])
                for sql in seen if sql.lstrip().upper().startswith("SELECT")]


def test_pages_read_quotes_through_indexes_never_a_scan_of_the_table(tmp_path: pytest.TempPathFactory) -> None:
    """What a search, its filters and a person's page ask of SQLite goes through an index (FTS5's, the rowid's,
    the speaker's, the stances'): no statement scans the quotes table, bar a walk down the rowids that stops at its
    LIMIT (a page of a search with no filter). A search with no filter counts the quotes once per data version, off
    the smallest index."""
    store = _stored(str(tmp_path / "k.db"))  # type: ignore[operator]
    try:
        plans = _plans(store, lambda: [
            pages.search(store, q="levy"), pages.search(store, speaker="ann-lee", q="alpha"),
            pages.search(store, party="Green"), pages.search(store, date_from="2024", date_to="2024-02"),
            pages.search(store, outlet="x", q="levy"), pages.search(store, q="levy", date_from="2024"),
            pages.person(store, "ann-lee"), pages.search(store, page=2, per_page=2)])
        scans = [(sql, line) for sql, plan in plans for line in plan
                 if re.match(r"SCAN (q|quotes)\b", line) and "INDEX" not in line and " LIMIT " not in sql]
        assert len(plans) > 10 and not scans, scans
    finally:
        store.close()


def test_the_quotes_copies_repeat_are_read_only_where_copies_lie_in_the_dates(tmp_path: pytest.TempPathFactory) -> None:
    """The quotes that copies in the matching articles repeat are read (one statement over the dates' rowids) only
    when some copy lies in those dates (its bitmap says so at no cost); the matches are the same either way."""
    store = _stored(str(tmp_path / "v.db"))  # type: ignore[operator]
    try:
        later, quotes = _article("later", "2024-03", ["alpha"])
        store.save_article(later, quotes, ANN, "test")
        with store.transaction() as c:
            c.execute("UPDATE quotes SET copy_of = 'old-0' WHERE id = 'later-0'")

        def via_reads(date_from: str, date_to: str) -> tuple[int, list[str]]:
            pages.forget()
            found: list[str] = []
            plans = _plans(store, lambda: found.extend(
                r["id"] for r in pages.search(store, date_from=date_from, date_to=date_to, per_page=50)["rows"]))
            return sum("copy_of IS NOT NULL AND" in sql for sql, _ in plans), found

        assert via_reads("2024-02", "2024-02") == (0, [])  # no copy in February: nothing read for them
        assert via_reads("2024-03", "2024-03") == (1, ["old-0"])  # March's copy repeats old-0
    finally:
        pages.forget()
        store.close()


def test_threads_that_ask_for_the_same_missing_result_compute_it_once(tmp_path: pytest.TempPathFactory,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import threading
    import time

    store = _stored(str(tmp_path / "t.db"))  # type: ignore[operator]
    read: list[str] = []
    rowids = pages._rowids

    def slow(store_: SQLiteStore, sql: str, args: tuple[Any, ...] = ()) -> Any:
        read.append(sql)
        time.sleep(0.2)  # long enough for every thread to ask while the first computes
        return rowids(store_, sql, args)

    monkeypatch.setattr(pages, "_rowids", slow)
    pages.forget()
    start = threading.Barrier(4)
    totals: list[int] = []

    def ask() -> None:
        start.wait()
        totals.append(pages.search(store, q="levy", party="Green")["total"])

    try:
        threads = [threading.Thread(target=ask) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(totals) == 4 and len(set(totals)) == 1 and totals[0] >= 1
        # each bitmap read once (the words', the party's, the copies'), not once per thread
        assert len(read) == len(set(read)), read
    finally:
        pages.forget()
        store.close()


def test_remembered_bitmaps_and_matches_stay_under_their_budgets(tmp_path: pytest.TempPathFactory,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    store = _stored(":memory:")
    try:
        monkeypatch.setattr(pages, "BITMAP_BUDGET", 400)
        monkeypatch.setattr(pages, "RESULTS_BUDGET", 300)
        pages.forget()
        for word in ("alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "levy", "now"):
            # (with a party, a search's matches are a bitmap of its own, remembered with the search)
            assert pages.search(store, q=word, party="Green")["total"] >= 1
            assert pages._bitmaps.weight(store) <= 400 and pages._results.weight(store) <= 300
        assert pages._bitmaps.weight(store) > 0 and pages._results.weight(store) > 0
    finally:
        pages.forget()
        store.close()


def test_the_facets_table_follows_every_write(tmp_path: pytest.TempPathFactory) -> None:
    """Each quote's speaker and article beside its rowid (the facets' table) stay those of the quotes through an
    article stored again with fewer quotes, a quote moved to a new rowid, a speaker changed and a quote deleted; a
    store of schema 16 gets the table filled on the way up."""
    url = str(tmp_path / "f.db")  # type: ignore[operator]
    store = _stored(url)

    def same() -> None:
        quotes = {(r["rowid"], r["person_id"], r["article_id"]) for r in store.query(
            "SELECT rowid, person_id, article_id FROM quotes")}
        kept = {(r["rowid"], r["person_id"], r["article_id"]) for r in store.query(
            "SELECT rowid, person_id, article_id FROM quote_facets")}
        assert quotes <= kept, (quotes, kept)
        # a row of no quote (left by REPLACE) is never read: no quote's rowid
        assert all(r[0] not in {q[0] for q in quotes} for r in kept - quotes)

    try:
        same()
        article, quotes = _article("old", "2023-06-01", ["beta"])  # stored again, one quote fewer
        store.save_article(article, quotes, ANN, "test")
        same()
        with store.transaction() as c:
            c.execute("INSERT INTO people(id, name, kind) VALUES ('tom', 'Tom Reed', 'person')")
            c.execute("UPDATE quotes SET person_id = 'tom' WHERE id = 'new-0'")
            rowid = c.execute("SELECT rowid FROM quotes WHERE id = 'mid-a-0'").fetchone()[0]
            SQLiteStore._move_quote(c, rowid, rowid - 1)
            c.execute("DELETE FROM quotes WHERE id = 'undated-0'")
        same()
        assert store.query("SELECT person_id FROM quote_facets WHERE rowid = (SELECT rowid FROM quotes WHERE id ="
                           " 'new-0')")[0]["person_id"] == "tom"
        with store.transaction() as c:  # back to schema 16
            c.execute("DROP TABLE quote_facets")
            for t in ("quotes_facets_ai", "quotes_facets_ad", "quotes_facets_au"):
                c.execute(f"DROP TRIGGER {t}")
            c.execute("PRAGMA user_version = 16")
        store.close()
        store = open_store(url)
        assert store.schema_version() == SCHEMA_VERSION
        same()
        pages.forget()
        assert {f["value"] for f in pages.search(store, q="levy")["facets"]["speaker"]} == {"ann-lee", "tom"}
    finally:
        pages.forget()
        store.close()


def test_the_facets_rows_are_kept_per_version_up_to_their_size() -> None:
    """The facets' rows: the first kept is the first dropped past the size; a newer data version starts afresh,
    and rows read on an older one than that kept are not kept."""
    store = open_store(":memory:")
    size = [3]
    rows = pages._Rows(lambda: size[0])
    try:
        rows.put_many(store, (0, 1), {1: "a", 2: "b"})
        rows.put_many(store, (0, 1), {3: "c", 4: "d"})
        assert rows.get_many(store, (0, 1), [1, 2, 3, 4, 5]) == {2: "b", 3: "c", 4: "d"}
        assert rows.get_many(store, (0, 2), [2, 3]) == {}  # another version: nothing
        rows.put_many(store, (0, 2), {9: "z"})
        assert rows.get_many(store, (0, 2), [2, 3, 4, 9]) == {9: "z"}
        rows.put_many(store, (0, 1), {5: "e"})  # read on the older version
        assert rows.get_many(store, (0, 2), [5, 9]) == {9: "z"}
        size[0] = 1
        rows.put_many(store, (0, 2), {10: "y"})
        assert rows.get_many(store, (0, 2), [9, 10]) == {10: "y"}
        rows.clear()
        assert rows.get_many(store, (0, 2), [10]) == {}
    finally:
        store.close()


@pytest.mark.parametrize("kind", STORES)
def test_a_quote_repeated_in_a_later_articles_month_matches_that_month(kind: str,
                                                                        store_url_for: Callable[[str], str]) -> None:
    """A copy's article matches the dates by its day as the quote's own article does (a month alone is its first
    day), so the quote it repeats is found in that month."""
    store = _stored(store_url_for(kind))
    try:
        later, quotes = _article("later", "2024-03", ["alpha"])
        store.save_article(later, quotes, ANN, "test")
        with store.transaction() as c:
            c.execute("UPDATE quotes SET copy_of = 'old-0' WHERE id = 'later-0'")
        for date_from, date_to, expected in (("2024-03-01", "2024-03-31", ["old-0"]), ("2024-03", "2024-03", ["old-0"]),
                                             ("2024-02", "2024-02", []), ("2023-06", "2023-06", ["old-0", "old-1"])):
            found = [r["id"] for r in pages.search(store, date_from=date_from, date_to=date_to, per_page=50)["rows"]]
            assert found == expected, (date_from, date_to)
            assert [r["id"] for r in pages.iter_search(store, date_from=date_from, date_to=date_to)] == expected
    finally:
        store.close()


@pytest.mark.parametrize("kind", STORES)
def test_an_article_saved_again_with_more_quotes_keeps_them_together(kind: str,
                                                                      store_url_for: Callable[[str], str]) -> None:
    store = open_store(store_url_for(kind))
    try:
        first, quotes = _article("a", "2024-01-10", ["one", "two", "three"])
        store.save_article(first, quotes[:2], ANN, "test")  # "three" and "two" (stored in reverse)
        other, more = _article("b", "2024-01-10", ["bee"])
        store.save_article(other, more, ANN, "test")
        store.save_article(first, quotes[2:], ANN, "test")  # then "one", found by a later reading
        assert [r["id"] for r in pages.search(store, per_page=50)["rows"]] == ["a-0", "a-1", "a-2", "b-0"]
        assert [r["id"] for r in pages.search(store, q="two")["rows"]] == ["a-1"]  # the moved quote's words moved
        if not isinstance(store, PostgresStore):
            store.conn.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('integrity-check')")
    finally:
        store.close()


@pytest.mark.parametrize("kind", STORES)
def test_a_days_statements_are_read_in_the_order_of_their_articles_times(kind: str,
                                                                          store_url_for: Callable[[str], str]) -> None:
    """The morning's article stored before the evening's (the later slot is the evening's): the morning's statement
    comes first in the timeline and in what the statements come to (opposed in the morning, supports in the
    evening: a change of position), by the articles' times, not by the page order's newest-stored-first."""
    store = open_store(store_url_for(kind))
    try:
        for aid, when in (("morning", "2024-03-05T08:00:00Z"), ("evening", "2024-03-05T20:00:00Z")):
            article, quotes = _article(aid, when, ["levy"])
            store.save_article(article, quotes, ANN, "test")
        issue = store.add_issue(Issue("a levy on ann's words"))
        store.save_stances(issue, [StanceLabel("morning-0", issue.id, "oppose", 0.9, "", "test"),
                                   StanceLabel("evening-0", issue.id, "support", 0.9, "", "test")],
                           [PersonStance("ann-lee", "Ann Lee", "Green", "support", 0.8, ["evening-0"])], [])
        sides = Sides.from_json(store.query("SELECT sides FROM person_stances")[0]["sides"])
        assert (sides.first, sides.last, sides.switched) == ("oppose", "support", True)
        [position] = pages.person(store, "ann-lee")["positions"]
        assert [p["quote_id"] for p in position["timeline"]] == ["morning-0", "evening-0"]
        assert position["summary"].startswith("Changed position: now supports it")
    finally:
        store.close()


PEOPLE = [Person("ann-lee", "Ann Lee", "person", [], "Green", []),
          Person("bo-tan", "Bo Tan", "person", [], "Labour", []), Person("cy-ode", "Cy Ode", "person", [], None, [])]


def _said_by(aid: str, published: str, outlet: str, speakers: list[str | None]) -> tuple[Article, list[Quote]]:
    """An article of ``outlet`` with one quote per entry of ``speakers`` (None: a quote without a speaker)."""
    text = " ".join(f"She said “levy {i} now.”" for i in range(len(speakers)))
    quotes = []
    for i, who in enumerate(speakers):
        start = text.index(f"levy {i} now")
        q = Quote(aid, Span(f"levy {i} now.", start, start + len(f"levy {i} now.")), "direct", id=f"{aid}-{i}")
        q.speaker_id = who
        quotes.append(q)
    return Article(text=text, source=f"{aid}.txt", id=aid, published=published, outlet=outlet), quotes


# a busy day (many quotes of one block of rowids), a quiet one (a few), an old one
SAID = [("busy-1", "2024-05-02", "Herald", ["ann-lee", "bo-tan", None, "ann-lee", "cy-ode", "ann-lee"]),
        ("busy-2", "2024-05-02", "Echo", ["bo-tan", "bo-tan", "ann-lee", None]),
        ("quiet", "2024-04-20", "Herald", ["cy-ode", "ann-lee"]),
        ("old", "2023-01-05", "Echo", ["bo-tan"])]


@pytest.mark.parametrize("kind", STORES)
def test_facets_counted_off_blocks_of_rowids_and_one_by_one_agree(kind: str, store_url_for: Callable[[str], str],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The facets count the newest matches' speakers and articles off whole blocks of rowids where a block holds
    FACET_BLOCK_MIN matches or more (remembered until the data changes), the others one by one: both give the
    counts the quotes have, alone or mixed in one search, on both stores."""
    store = open_store(store_url_for(kind))
    try:
        for aid, published, outlet, speakers in SAID:
            article, quotes = _said_by(aid, published, outlet, speakers)
            store.save_article(article, quotes, PEOPLE, "test")
        expected = {"speaker": {"ann-lee": 5, "bo-tan": 4, "cy-ode": 2}, "party": {"Green": 5, "Labour": 4},
                    "outlet": {"Herald": 8, "Echo": 5}}

        def facets(minimum: int, **filters: Any) -> tuple[dict[str, dict[str, int]], int]:
            monkeypatch.setattr(pages, "FACET_BLOCK_MIN", minimum)
            pages.forget()
            found = pages.search(store, q="levy", **filters)["facets"]
            counted = {name: {f["value"]: f["count"] for f in values} for name, values in found.items()}
            return counted, pages._facet_blocks.weight(store)

        whole, held = facets(1)
        assert whole == expected and held > 0  # every quote off its block
        assert facets(10**9) == (expected, 0)  # every quote one by one
        mixed, held = facets(3)  # the busy day's block whole, the quiet and the old day's quotes one by one
        assert mixed == expected and held > 0
        # a filter's matches: fewer, from the same blocks
        assert facets(1, party="Labour")[0] == {"speaker": {"bo-tan": 4}, "party": {"Labour": 4},
                                                "outlet": {"Echo": 3, "Herald": 1}}
        assert facets(1, date_from="2024-05")[0]["outlet"] == {"Herald": 6, "Echo": 4}
        # a write: the blocks are read again, with the new quote
        article, quotes = _said_by("late", "2024-05-02", "Echo", ["cy-ode"])
        store.save_article(article, quotes, PEOPLE, "test")
        assert facets(1)[0]["speaker"] == {"ann-lee": 5, "bo-tan": 4, "cy-ode": 3}
    finally:
        pages.forget()
        store.close()


def test_the_facets_blocks_stay_under_their_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    store = open_store(":memory:")
    try:
        for aid, published, outlet, speakers in SAID:
            article, quotes = _said_by(aid, published, outlet, speakers)
            store.save_article(article, quotes, PEOPLE, "test")
        monkeypatch.setattr(pages, "FACET_BLOCK_MIN", 1)
        pages.forget()
        pages.search(store, q="levy")
        every = pages._facet_blocks.weight(store)
        monkeypatch.setattr(pages, "FACET_BLOCK_BUDGET", every - 1)  # not room for all three days' blocks
        pages.forget()
        found = pages.search(store, q="levy")["facets"]["speaker"]
        assert 0 < pages._facet_blocks.weight(store) <= every - 1
        assert {f["value"]: f["count"] for f in found} == {"ann-lee": 5, "bo-tan": 4, "cy-ode": 2}
    finally:
        pages.forget()
        store.close()


def test_a_search_in_dates_counts_each_day_once_per_data_version(tmp_path: pytest.TempPathFactory) -> None:
    """A search with no filter but dates counts its matches day by day, each day once per data version: a
    second window that shares days with the first counts only its own; copies are not counted; a write counts
    again."""
    store = open_store(str(tmp_path / "d.db"))  # type: ignore[operator]
    try:
        for aid, published, outlet, speakers in SAID:
            article, quotes = _said_by(aid, published, outlet, speakers)
            store.save_article(article, quotes, PEOPLE, "test")
        pages.forget()

        def counted(date_from: str, date_to: str) -> tuple[int, int]:
            """The search's total, and how many days it counted with a statement of their own."""
            total: list[int] = []
            plans = _plans(store, lambda: total.append(pages.search(store, date_from=date_from,
                                                                     date_to=date_to)["total"]))
            return total[0], sum(sql.startswith("SELECT COUNT(*)") and "rowid >= " in sql for sql, _ in plans)

        # the two days that hold quotes counted (the days between stepped over: they hold none)
        assert counted("2024-04", "2024-05-02") == (12, 2)
        assert counted("2024-04-20", "2024-12") == (12, 0)  # the same days, remembered
        assert counted("2023", "2024-04-20") == (3, 1)  # the old day is new; the quiet one remembered
        assert counted("2023-01-06", "2024-04-19") == (0, 0)  # days remembered to hold none
        with store.transaction() as c:
            c.execute("UPDATE quotes SET copy_of = 'busy-1-0' WHERE id = 'busy-2-3'")
        assert counted("2024-04-20", "2024-05-02") == (11, 2)  # a new version: counted again, without the copy
        assert counted("2023", "2023") == (1, 1)
    finally:
        pages.forget()
        store.close()
