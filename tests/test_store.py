"""The stores: URL forms, schema version and WAL, refusing newer schemas, full-text search over quotes (FTS5 on
SQLite, tsvector on PostgreSQL), and the PostgreSQL store's own behaviour on a real server."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from onrecord import pipeline, query
from onrecord.errors import OnrecordError
from onrecord.models import Article, Person, Quote, Span
from onrecord.settings import SETTINGS
from onrecord.store import SCHEMA_VERSION, PostgresStore, SQLiteStore, open_store, postgres
from onrecord.store.copy import count_rows

from .conftest import EXAMPLES, STORES

DEFAULTS: dict[str, Any] = {s.name: s.default for s in SETTINGS}

ARTICLE = (
    "Vape row at Westminster\n\n"
    "Jane Smith, a Labour MP, said: “We need a ban on disposable vapes now. They are poisoning our children.”\n\n"
    "Peter Hale, a Conservative MP, said: “Shopkeepers will simply ignore it.”\n"
)


def _tables(store: SQLiteStore) -> set[str]:
    return {r["name"] for r in store.query("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}


# ------------------------------------------------------------------ URL forms


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        pytest.param("x.db", "x.db", id="bare-relative-path"),
        pytest.param("data/x.db", "data/x.db", id="relative-path-in-new-folder"),
        pytest.param("sqlite:///rel.db", "rel.db", id="sqlite-relative"),
        pytest.param("sqlite:///sub/rel.db", "sub/rel.db", id="sqlite-relative-nested"),
    ],
)
def test_relative_urls_are_relative_to_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str,
                                           expected: str) -> None:
    monkeypatch.chdir(tmp_path)
    store = open_store(url)
    try:
        assert (tmp_path / expected).is_file()
        assert store.schema_version() == SCHEMA_VERSION
    finally:
        store.close()


def test_sqlite_absolute_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    target = tmp_path / "abs" / "path.db"
    assert target.is_absolute()
    store = open_store(f"sqlite:///{target}")  # four slashes: sqlite:////abs/path.db
    try:
        assert f"sqlite:///{target}".startswith("sqlite:////")
        assert target.is_file()
        assert list(elsewhere.iterdir()) == []
    finally:
        store.close()


@pytest.mark.parametrize("url", [":memory:", "sqlite://", "sqlite:///:memory:"])
def test_memory_urls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    monkeypatch.chdir(tmp_path)
    store = open_store(url)
    try:
        assert store.path == ":memory:"
        assert store.schema_version() == SCHEMA_VERSION
        assert list(tmp_path.iterdir()) == []
    finally:
        store.close()


@pytest.mark.parametrize("url", ["postgresql://onrecord:secret-word@127.0.0.1:1/onrecord",
                                 "postgres://onrecord:secret-word@127.0.0.1:1/onrecord",
                                 "postgresql+psycopg://onrecord:secret-word@127.0.0.1:1/onrecord"])
def test_a_postgresql_server_that_cannot_be_reached_is_e208_without_the_password(url: str) -> None:
    with pytest.raises(OnrecordError) as info:
        open_store(url)
    assert info.value.code == "E208"
    assert "127.0.0.1:1" in info.value.message and "secret-word" not in info.value.message
    assert info.value.hint


@pytest.mark.parametrize(("sql", "pg"), [
    ("SELECT * FROM t WHERE a = ? AND b LIKE ?", "SELECT * FROM t WHERE a = %s AND b LIKE %s"),
    ("SELECT '?' || ? FROM t", "SELECT '?' || %s FROM t"),  # a ? inside a literal is text
    ("SELECT 'it''s ?', \"odd?name\" FROM t WHERE x = ?", "SELECT 'it''s ?', \"odd?name\" FROM t WHERE x = %s"),
    ("SELECT 100 % 7, '5%' FROM t WHERE x = ?", "SELECT 100 %% 7, '5%%' FROM t WHERE x = %s"),
])
def test_the_stores_sql_goes_to_psycopg_with_its_placeholders(sql: str, pg: str) -> None:
    assert postgres.pg_sql(sql) == pg


def test_a_long_list_of_placeholders_goes_to_postgresql_as_one_array() -> None:
    many = ",".join("?" * postgres.AS_ARRAY)
    sql, args = postgres.as_arrays(f"SELECT x FROM t WHERE a = ? AND r IN ({many}) AND s NOT IN ({many}) AND b = ?",
                                   ["A", *range(postgres.AS_ARRAY), *range(100, 100 + postgres.AS_ARRAY), "B"])
    assert sql == "SELECT x FROM t WHERE a = ? AND r = ANY(?) AND s <> ALL(?) AND b = ?"
    assert args == ("A", list(range(postgres.AS_ARRAY)), list(range(100, 100 + postgres.AS_ARRAY)), "B")
    few = "SELECT x FROM t WHERE r IN (?,?) AND y = '?'"
    assert postgres.as_arrays(few, [1, 2]) == (few, (1, 2))  # a short list, and a ? in quoted text, as they were


@pytest.mark.parametrize("kind", STORES)
def test_long_lists_find_the_same_rows_on_both_stores(kind: str, store_url_for: Callable[[str], str]) -> None:
    store = open_store(store_url_for(kind))
    try:
        with store.transaction() as c:
            c.execute("INSERT INTO people(id, name, kind) VALUES ('ann', 'Ann Lee', 'person'), "
                      "('tom', 'Tom Reed', 'person'), ('raj', 'Raj Patel', 'person')")
        ids = ["ann", "raj", *(f"nobody-{k}" for k in range(40))]
        marks = ",".join("?" * len(ids))
        assert {r["id"] for r in store.query(f"SELECT id FROM people WHERE id IN ({marks})", ids)} == {"ann", "raj"}
        assert {r["id"] for r in store.query(f"SELECT id FROM people WHERE id NOT IN ({marks})", ids)} == {"tom"}
    finally:
        store.close()


@pytest.mark.parametrize("kind", STORES)
def test_an_articles_lead_is_its_title_and_first_words(kind: str, store_url_for: Callable[[str], str]) -> None:
    from onrecord.models import Article

    store = open_store(store_url_for(kind))
    try:
        article = Article(text="MPs voted on the bill.\n\n" + "More words. " * 200, source="a.txt", title="A vote")
        store.save_article(article, [], [], "rules.v1")
        lead = store.article_lead(article.id, size=30)
        assert lead == "A vote\n\nMPs voted on the bill.\n\nMore w"  # (the first 30 characters)
        assert store.article_lead("no-such-article") == ""
    finally:
        store.close()


@pytest.mark.parametrize(("words", "expected"), [
    ("poisoning", "'poisoning':*"), ("Disposable VAPES", "'disposable' & 'vapes':*"),
    ("ban) OR (x:*", "'ban' & 'or' & 'x':*"), ("it's", "'it' & 's':*"), ('"', ""), ("Café", "'cafe':*"),
    ("U.S. 3.5", "'u' & 's' & '3' & '5':*"), ("snake_case", "'snake' & 'case':*"),
])
def test_user_words_become_a_safe_tsquery(words: str, expected: str) -> None:
    assert postgres.tsquery(words) == expected


def test_unknown_scheme_is_e201() -> None:
    with pytest.raises(OnrecordError) as info:
        open_store("mysql://localhost/onrecord")
    assert info.value.code == "E201"


# ------------------------------------------------------------------ schema


def test_file_store_is_versioned_wal_with_the_schema(tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    store = open_store(str(db))
    try:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.migrate() == SCHEMA_VERSION  # migrating again is a no-op
        assert store.query("PRAGMA journal_mode")[0]["journal_mode"] == "wal"
        assert {"meta", "articles", "ingest_log", "people", "aliases", "affiliations", "quotes", "issues",
                "stances", "person_stances", "party_lines", "quotes_fts"} <= _tables(store)
    finally:
        store.close()
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "future.db"
    raw = sqlite3.connect(db)
    raw.execute("CREATE TABLE articles (id TEXT PRIMARY KEY, body TEXT)")
    raw.execute("INSERT INTO articles VALUES ('x', 'kept as it is')")
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.commit()
    raw.close()
    with pytest.raises(OnrecordError) as info:
        open_store(str(db))
    assert info.value.code == "E202"
    assert str(SCHEMA_VERSION + 1) in info.value.message
    raw = sqlite3.connect(db)
    try:  # the newer database is left untouched
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
        assert raw.execute("SELECT body FROM articles").fetchall() == [("kept as it is",)]
        assert raw.execute("SELECT name FROM sqlite_master WHERE name = 'quotes'").fetchall() == []
    finally:
        raw.close()


def test_meta_round_trips_json(tmp_path: Path) -> None:
    db = tmp_path / "meta.db"
    store = open_store(str(db))
    store.set_meta("register", {"leaders": {"Labour": "x"}, "n": [1, 2]})
    store.set_meta("register", {"leaders": {}, "n": [3]})
    store.close()
    store = open_store(str(db))
    try:
        assert store.get_meta("register") == {"leaders": {}, "n": [3]}
        assert store.get_meta("absent", "fallback") == "fallback"
    finally:
        store.close()


# ------------------------------------------------------------------ reading beside the writer


def test_pages_read_on_their_own_read_only_connection_per_thread(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "r.db"))
    try:
        writer = store.conn
        with store.reading():
            reader = store.conn
            assert reader is not writer
            with store.reading():  # re-entrant: the same connection and snapshot
                assert store.conn is reader
            with pytest.raises(sqlite3.OperationalError):
                reader.execute("INSERT INTO meta(key, value) VALUES ('x', '1')")
        assert store.conn is writer  # outside, the write connection
        store.set_meta("x", 1)  # which still writes
        seen: list[sqlite3.Connection] = []

        def read() -> None:
            with store.reading():
                seen.append(store.conn)
                assert store.get_meta("x") == 1

        t = threading.Thread(target=read)
        t.start()
        t.join()
        assert seen and seen[0] not in (reader, writer)
    finally:
        store.close()


def test_data_version_moves_with_every_commit_and_a_read_is_one_snapshot(tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    store = open_store(str(db))
    other = sqlite3.connect(db)
    try:
        v0 = store.data_version()
        assert store.data_version() == v0  # reading changes nothing
        store.set_meta("a", 1)  # a commit through the store's own write connection
        v1 = store.data_version()
        assert v1 > v0
        with store.reading() as version:
            assert version == v1
            assert store.get_meta("b") is None
            other.execute("INSERT INTO meta(key, value) VALUES ('b', '2')")  # another connection commits
            other.commit()
            assert store.get_meta("b") is None  # not in this snapshot
            assert store.data_version() > v1  # but the version has moved on
        with store.reading():
            assert store.get_meta("b") == 2
    finally:
        other.close()
        store.close()


@pytest.mark.parametrize("looker", ["new thread", "same thread", "another old thread"])
def test_data_version_seen_from_any_thread_after_a_commit_by_another_connection(tmp_path: Path, looker: str) -> None:
    """Each thread probes on its own connection; a commit that no thread has seen yet must move the version the
    next look reads, from whichever thread (one that looked before, or a new one), and move it once: every
    thread then reads the same new version."""
    from concurrent.futures import ThreadPoolExecutor

    db = tmp_path / "t.db"
    store = open_store(str(db))
    other = sqlite3.connect(db)
    pool = ThreadPoolExecutor(1)  # one thread that lives on, and has looked before the commit
    try:
        v0 = store.data_version()
        assert pool.submit(store.data_version).result() == v0
        other.execute("INSERT INTO meta(key, value) VALUES ('c', '3')")
        other.commit()

        def fresh() -> tuple[int, int]:
            got: list[tuple[int, int]] = []
            t = threading.Thread(target=lambda: got.append(store.data_version()))
            t.start()
            t.join()
            return got[0]

        first = {"same thread": store.data_version, "new thread": fresh,
                 "another old thread": lambda: pool.submit(store.data_version).result()}[looker]()
        assert first > v0
        # every other look, from old threads or new ones, reads that same version: the commit moved it once
        assert {store.data_version(), pool.submit(store.data_version).result(), fresh(), fresh()} == {first}
    finally:
        pool.shutdown()
        other.close()
        store.close()


def test_a_memory_store_reads_on_its_one_connection(tmp_path: Path) -> None:
    store = open_store(":memory:")
    try:
        v0 = store.data_version()
        with store.reading() as version:
            assert version == v0 and store.conn is store.conn
            assert store.get_meta("a") is None
        store.set_meta("a", 1)
        assert store.data_version() > v0
        with store.reading():
            assert store.get_meta("a") == 1
        assert store.snapshot() is store.conn
    finally:
        store.close()


# ------------------------------------------------------------------ full-text search


@pytest.fixture(scope="module", params=STORES)
def searchable(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
               module_store_url_for: Callable[[str], str]) -> Any:
    folder = tmp_path_factory.mktemp("fts")
    (folder / "vapes.txt").write_text(ARTICLE, "utf-8")
    store = open_store(module_store_url_for(request.param))
    report = pipeline.ingest(store, [folder], settings=DEFAULTS)
    assert report.counts["ok"] == 1
    yield SimpleNamespace(store=store, quotes=store.quotes())
    store.close()


def _texts(rows: list[dict[str, Any]]) -> list[str]:
    return [r["text"] for r in rows]


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        pytest.param("poisoning", "poisoning our children", id="word"),
        pytest.param("POISONING", "poisoning our children", id="case-insensitive"),
        pytest.param("poison", "poisoning our children", id="prefix"),
        pytest.param("disposable vapes", "poisoning our children", id="two-words"),
        pytest.param("shopkeepers", "simply ignore it", id="other-quote"),
        pytest.param("ignore shop", "simply ignore it", id="prefix-on-last-word"),
    ],
)
def test_fts_finds_a_quote(searchable: Any, search: str, expected: str) -> None:
    rows = query.quotes(searchable.store, text=search)
    assert len(rows) == 1
    assert expected in rows[0]["text"]


@pytest.mark.parametrize("search", ["broccoli", "poisoning broccoli", "vapes shopkeepers"])
def test_fts_finds_nothing_for_absent_words(searchable: Any, search: str) -> None:
    assert len(searchable.quotes) >= 2
    assert query.quotes(searchable.store, text=search) == []


@pytest.mark.parametrize(
    "search",
    ['"', '"unterminated', "(", ")", "ban)", "*", "ban*", "NEAR", "NEAR(ban vapes)", "ban AND", "OR ban",
     "NOT", "-ban", "^ban", "text:ban", "{text}: ban", "ban + vapes", "'", "café", "   "],
)
def test_fts_syntax_in_user_query_does_not_raise(searchable: Any, search: str) -> None:
    rows = query.quotes(searchable.store, text=search)
    assert isinstance(rows, list)
    assert all(r["id"] in {q.id for q in searchable.quotes} for r in rows)


def test_fts_words_inside_syntax_still_match(searchable: Any) -> None:
    assert _texts(query.quotes(searchable.store, text='"poisoning" (children*)')) == _texts(
        query.quotes(searchable.store, text="poisoning children"))
    assert len(query.quotes(searchable.store, text="poisoning children")) == 1


def test_fts_index_is_consistent(searchable: Any) -> None:
    if isinstance(searchable.store, PostgresStore):  # each quote has its words (a generated column holds them)
        assert searchable.store.query("SELECT COUNT(*) AS n FROM quotes q JOIN quote_words w ON w.rowid = q.rowid"
                                      " WHERE w.tsv IS NOT NULL")[0]["n"] == len(searchable.quotes)
        return
    searchable.store.conn.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('integrity-check')")
    n = searchable.store.query("SELECT COUNT(*) AS n FROM quotes_fts")[0]["n"]
    assert n == len(searchable.quotes)


# ------------------------------------------------------------------ PostgreSQL


@pytest.fixture
def pg_url(store_url_for: Callable[[str], str]) -> str:
    return store_url_for("postgresql")


def test_a_postgresql_store_has_the_schema_at_this_version(pg_url: str) -> None:
    store = open_store(pg_url)
    try:
        assert isinstance(store, PostgresStore) and store.created
        assert store.schema_version() == SCHEMA_VERSION
        assert store.migrate() == SCHEMA_VERSION  # migrating again is a no-op
        names = {r["table_name"] for r in store.query(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")}
        assert {"meta", "articles", "ingest_log", "people", "aliases", "affiliations", "quotes", "issues",
                "stances", "person_stances", "party_lines", "audit_log", "corrections", "mentions",
                "watch_queue", "article_signatures", "quote_vectors", "issue_readings"} <= names
    finally:
        store.close()
    again = open_store(pg_url)
    try:
        assert not again.created and again.schema_version() == SCHEMA_VERSION
    finally:
        again.close()


def test_a_newer_postgresql_schema_is_refused_and_left_alone(pg_url: str) -> None:
    store = open_store(pg_url)
    with store.transaction() as c:
        c.execute("UPDATE onrecord_schema SET version = ?", (SCHEMA_VERSION + 1,))
    store.close()
    with pytest.raises(OnrecordError) as info:
        open_store(pg_url)
    assert info.value.code == "E202" and str(SCHEMA_VERSION + 1) in info.value.message


def test_postgresql_meta_and_data_version_across_connections(pg_url: str) -> None:
    """A write by another connection (another process sharing the database) moves the data version, and
    a read in one snapshot does not see a commit made while it reads."""
    store, other = open_store(pg_url), open_store(pg_url)
    try:
        store.set_meta("register", {"leaders": {"Labour": "x"}, "n": [1, 2]})
        assert other.get_meta("register") == {"leaders": {"Labour": "x"}, "n": [1, 2]}
        before = store.data_version()
        with store.reading() as seen:
            assert seen == before
            other.set_meta("register", {"n": [3]})
            assert store.get_meta("register") == {"leaders": {"Labour": "x"}, "n": [1, 2]}  # the snapshot's
        assert store.data_version() != before
        assert store.get_meta("register") == {"n": [3]}
    finally:
        store.close()
        other.close()


def test_postgresql_writers_take_turns_so_a_checked_version_holds(pg_url: str) -> None:
    """Two stores on one database (two `serve` workers): the second write transaction waits for the first,
    so what it reads inside is what the first committed."""
    import threading
    import time

    store, other = open_store(pg_url), open_store(pg_url)
    try:
        store.set_meta("count", 0)
        inside = threading.Event()

        def first() -> None:
            with store.transaction() as c:
                inside.set()
                time.sleep(0.4)
                c.execute("UPDATE meta SET value = '1' WHERE key = 'count'")

        t = threading.Thread(target=first)
        t.start()
        inside.wait(5)
        with other.transaction() as c:  # waits for the first to commit, then reads its value
            seen = int(c.execute("SELECT value FROM meta WHERE key = 'count'").fetchone()[0])
            c.execute("UPDATE meta SET value = ? WHERE key = 'count'", (str(seen + 1),))
        t.join()
        assert store.get_meta("count") == 2
    finally:
        store.close()
        other.close()


def test_the_examples_give_the_same_export_on_sqlite_and_postgresql(
        store_url_for: Callable[[str], str]) -> None:
    exports = []
    for kind in STORES:
        store = open_store(store_url_for(kind))
        try:
            reg = pipeline.load_register_into(store, EXAMPLES / "register.json")
            report = pipeline.ingest(store, [EXAMPLES / "articles"], register=reg, settings=DEFAULTS)
            assert report.counts["ok"] == 3
            pipeline.add_issue(store, "a ban on second homes in national parks", settings=DEFAULTS)
            exports.append(query.export_issue(store, "a ban on second homes in national parks"))
        finally:
            store.close()
    sqlite_export, pg_export = exports
    assert sqlite_export["documents"] and sqlite_export["people"]
    assert pg_export == sqlite_export


def test_the_cli_works_on_a_postgresql_url_as_on_a_file(store_url_for: Callable[[str], str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The same commands on either store give the same board; the password never shows."""
    from click.testing import CliRunner

    from onrecord.cli import main

    monkeypatch.delenv("ONRECORD_DB", raising=False)
    issue = "a ban on second homes in national parks"
    boards = []
    for kind in STORES:
        db = store_url_for(kind)
        runner = CliRunner()

        def run(*args: str, db: str = db, runner: CliRunner = runner) -> str:
            r = runner.invoke(main, ["--db", db, "--no-progress", *args], catch_exceptions=False)
            assert r.exit_code == 0, r.output
            return r.stdout

        shown = json.loads(run("init", "--format", "json"))
        assert shown["schema_version"] == SCHEMA_VERSION
        if kind == "postgresql":
            assert ":***@" in shown["db"] and "onrecord:onrecord@" not in json.dumps(shown)
            assert ":***@" in run("settings") and "onrecord:onrecord@" not in run("settings")
        run("ingest", str(EXAMPLES / "articles"), "--register", str(EXAMPLES / "register.json"))
        run("issue", "add", issue)
        boards.append(json.loads(run("board", "--issue", issue, "--format", "json")))
        found = json.loads(run("quotes", "--search", "national park", "--format", "json"))
        assert found and all("national park" in r["text"].lower() for r in found)
    assert boards[0] == boards[1] and boards[0]["parties"]


# ------------------------------------------------------------------ migrate --to


def _reviewed_file_store(path: str) -> SQLiteStore:
    """The examples in a SQLite file, with an issue, a merge and a stance override (corrections and audit)."""
    from onrecord import review

    store = open_store(path)
    reg = pipeline.load_register_into(store, EXAMPLES / "register.json")
    pipeline.ingest(store, [EXAMPLES / "articles"], register=reg, settings=DEFAULTS)
    iss = pipeline.add_issue(store, "a ban on second homes in national parks", settings=DEFAULTS)
    people = {p.name: p for p in store.all_people()}
    keep, gone = people["Tom Ashby"], people["Daniel Okafor"]
    version = store.query("SELECT version FROM people WHERE id = ?", (keep.id,))[0]["version"]
    review.merge_people(store, keep.id, gone.id, who="ed", expected_version=version, reason="a test merge")
    q = next(q for q in store.quotes() if q.speaker_id == keep.id)
    qv = store.query("SELECT version FROM quotes WHERE id = ?", (q.id,))[0]["version"]
    review.override_stance(store, q.id, iss.id, "neutral", "read again", who="ed", expected_version=qv)
    return store


@pytest.mark.parametrize("kind", STORES)
def test_migrate_to_copies_everything_and_checks_the_counts(kind: str, tmp_path: Path,
                                                            store_url_for: Callable[[str], str]) -> None:
    from click.testing import CliRunner

    from onrecord import review
    from onrecord.cli import main

    source = _reviewed_file_store(str(tmp_path / "source.db"))
    target_url = store_url_for(kind)
    issue = "a ban on second homes in national parks"
    r = CliRunner().invoke(main, ["--db", source.url, "--no-progress", "migrate", "--to", target_url,
                                  "--format", "json"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    shown = json.loads(r.stdout)
    assert shown["ok"] and "onrecord:onrecord@" not in r.stdout
    target = open_store(target_url)
    try:
        for table, counts in shown["tables"].items():
            assert counts["source"] == counts["target"] == count_rows(source, table), table
        assert shown["tables"]["corrections"]["target"] == 2 and shown["tables"]["quotes"]["target"] > 0
        assert query.export_issue(target, issue) == query.export_issue(source, issue)
        iss = source.get_issue(issue)  # the reading its analysis kept, copied
        assert target.kept_reading(iss.id) == source.kept_reading(iss.id) is not None
        assert review.audit_log(target) == review.audit_log(source)
        assert target.corrections() == source.corrections()
        # the copy goes on where the source left off: the next correction gets the next id
        p = next(p for p in target.all_people() if p.name == "Tom Ashby")
        version = target.query("SELECT version FROM people WHERE id = ?", (p.id,))[0]["version"]
        review.split_alias(target, p.id, "Daniel Okafor", who="ed", expected_version=version, reason="undo")
        assert review.audit_log(target)[0]["id"] == max(a["id"] for a in review.audit_log(source)) + 1
        # a second copy into the same, now full, store is refused and changes nothing
        again = CliRunner().invoke(main, ["--db", source.url, "--no-progress", "migrate", "--to", target_url,
                                          "--format", "json"])
        assert again.exit_code != 0 and "E209" in again.output
        assert count_rows(target, "quotes") == shown["tables"]["quotes"]["target"]
    finally:
        target.close()
        source.close()



# ------------------------------------------------------------------ the same answers from both stores

SAMPLE = Article(text="Élise Durand said the café tax, 3.5% from 2024-05-01, was a U.S. idea.", source="a.txt",
                 id="a1", outlet="Ökö Post", published="2025-01-02")


def _sample_store(url: str) -> SQLiteStore:
    store = open_store(url)
    quote = Quote("a1", Span("the café tax, 3.5% from 2024-05-01, was a U.S. idea", 19, 70), "indirect", id="q1")
    quote.speaker_id = "elise-durand"
    people = [Person("elise-durand", "Élise Durand", "person", ["Émile"], "Ökö Party", [])]
    store.save_article(SAMPLE, [quote], people, "test")
    return store


@pytest.mark.parametrize("kind", STORES)
@pytest.mark.parametrize(("speaker", "party", "found"), [
    ("élise", None, True), ("ÉLISE DUR", None, True), ("émile", None, True), (None, "ÖKÖ party", True),
    ("elise", None, False), (None, "Oko Party", False),
])
def test_case_insensitive_filters_lower_every_letter_on_both_stores(
        kind: str, store_url_for: Callable[[str], str], speaker: str | None, party: str | None, found: bool) -> None:
    store = _sample_store(store_url_for(kind))
    try:
        rows = query.quotes(store, speaker=speaker, party=party)
        assert [r["id"] for r in rows] == (["q1"] if found else [])
    finally:
        store.close()


@pytest.mark.parametrize("kind", STORES)
@pytest.mark.parametrize(("words", "found"), [
    ("cafe", True), ("CAFÉ tax", True), ("u.s.", True), ("3.5", True), ("2024-05-01", True), ("05", True),
    ("idea", True), ("ide", True), ("id", True), ("tax idea", True), ("taxes", False), ("3.6", False),
])
def test_full_text_search_splits_words_alike_on_both_stores(kind: str, store_url_for: Callable[[str], str],
                                                             words: str, found: bool) -> None:
    store = _sample_store(store_url_for(kind))
    try:
        assert [r["id"] for r in query.quotes(store, text=words)] == (["q1"] if found else [])
    finally:
        store.close()


def test_a_quotes_words_for_search_are_split_as_fts5_splits_them() -> None:
    assert postgres.fts_terms("The Café’s U.S. tax_rate: 3.5% (²)") == ["the", "cafe", "s", "u", "s", "tax", "rate",
                                                                      "3", "5", "²"]


@pytest.mark.parametrize("kind", STORES)
def test_rows_keep_their_column_order_and_floats_stay_floats(kind: str, store_url_for: Callable[[str], str]) -> None:
    from onrecord import review
    from onrecord.query import pages

    store = _sample_store(store_url_for(kind))
    try:
        assert list(store.query("SELECT 1 AS c, 2 AS a, 3 AS b")[0]) == ["c", "a", "b"]
        iss = pipeline.add_issue(store, "a tax on cafés", settings=DEFAULTS)
        review.override_stance(store, "q1", iss.id, "oppose", "read again", who="ed", expected_version=1)
        pages.forget()
        rows = pages.search(store, issue=iss.id)["rows"]
        assert rows and rows[0]["confidence"] == 1.0 and isinstance(rows[0]["confidence"], float)
    finally:
        store.close()


def _heard_within(store: Any, want: tuple[int, int], seconds: float) -> float:
    """Seconds until ``store.heard_version()`` reads ``want`` (asked every millisecond); fails past ``seconds``."""
    import time

    t0 = time.perf_counter()
    while store.heard_version() != want:
        assert time.perf_counter() - t0 < seconds, f"heard {store.heard_version()}, not {want}"
        time.sleep(0.001)
    return time.perf_counter() - t0


def test_a_postgresql_server_hears_every_commit_without_asking(pg_url: str) -> None:
    """The page cache asks the version for every request: on PostgreSQL it is heard, not read (no statement once
    the watch knows it); another process's commit is heard within moments, this process's own at once, and a
    commit that sends no notice (an older onrecord's) by the next poll."""
    store, other = open_store(pg_url), open_store(pg_url)
    sent: list[str] = []
    real = postgres.PGConnection._execute

    def counted(self: Any, sql: str, args: Any) -> Any:
        sent.append(sql)
        return real(self, sql, args)

    try:
        assert store.heard_version() == store.data_version()
        postgres.PGConnection._execute = counted  # type: ignore[method-assign]
        _heard_within(store, store.data_version(), 2.0)  # the watch has read the counter itself
        sent.clear()
        for _ in range(50):
            store.heard_version()
        assert sent == []
        other.set_meta("a", 1)  # another process commits
        assert _heard_within(store, other.data_version(), 0.5) < 0.5
        store.set_meta("b", 2)  # this one does: heard at once
        assert store.heard_version() == store.data_version()
        with psycopg_admin(pg_url) as admin:  # a commit without a notice
            admin.execute("UPDATE onrecord_commits SET n = n + 1")
        assert _heard_within(store, store.data_version(), postgres.WATCH_POLL + 2.0) > 0
    finally:
        postgres.PGConnection._execute = real  # type: ignore[method-assign]
        store.close()
        other.close()


def test_a_commit_watch_whose_connection_is_dropped_listens_again(pg_url: str) -> None:
    store, other = open_store(pg_url), open_store(pg_url)
    try:
        import time

        _heard_within(store, store.data_version(), 2.0)
        watch = store._watch
        assert watch is not None
        t0 = time.perf_counter()
        while watch.pid is None and time.perf_counter() - t0 < 5:  # its connection opened
            time.sleep(0.01)
        dropped = watch.pid
        assert dropped is not None
        with psycopg_admin(pg_url) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (dropped,))
        other.set_meta("a", 1)  # heard on the watch's new connection (read there first), or read meanwhile
        _heard_within(store, other.data_version(), postgres.WATCH_POLL + 2.0)
        other.set_meta("a", 2)
        _heard_within(store, other.data_version(), 0.5)
        assert watch.pid not in (None, dropped)
    finally:
        store.close()
        other.close()
    assert not watch._thread.is_alive()  # closed with its store


def test_a_sqlite_store_hears_what_it_reads() -> None:
    store = open_store(":memory:")
    try:
        v0 = store.heard_version()
        store.set_meta("a", 1)
        assert store.heard_version() == store.data_version() != v0
    finally:
        store.close()


@contextmanager
def psycopg_admin(url: str) -> Iterator[Any]:
    """A connection to the test database (in the store's schema), outside any store."""
    import psycopg

    with psycopg.connect(postgres_url_of(url), autocommit=True,
                         options=f"-csearch_path={url.rsplit('search_path%3D', 1)[1]}") as c:
        yield c


# ------------------------------------------------------------------ PostgreSQL under trouble


def test_a_slow_commit_is_never_seen_under_its_new_version(pg_url: str) -> None:
    """The data version moves in the write transaction itself: while a commit is on its way, readers see the old
    version with the old data; after it, the new version with the new data (a counter moved before the commit
    let a reader remember the old data under the new version)."""
    import time

    store, other = open_store(pg_url), open_store(pg_url)
    try:
        store.set_meta("n", 1)
        before = other.data_version()
        slow = store.conn
        real_commit = slow.commit

        def commit() -> None:
            time.sleep(0.6)
            real_commit()

        slow.commit = commit  # type: ignore[method-assign]
        writer = threading.Thread(target=store.set_meta, args=("n", 2))
        writer.start()
        time.sleep(0.2)  # the write is in, its commit on its way
        with other.reading() as version:
            assert (version, other.get_meta("n")) == (before, 1)
        writer.join()
        with other.reading() as version:
            assert version != before and other.get_meta("n") == 2
    finally:
        store.close()
        other.close()


def test_a_connection_the_server_dropped_is_opened_again(pg_url: str) -> None:
    import psycopg

    store = open_store(pg_url)
    try:
        store.set_meta("n", 1)
        with psycopg.connect(postgres_url_of(pg_url), autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (store.conn.raw.info.backend_pid,))
        assert store.get_meta("n") == 1  # a read outside a transaction is sent again on a new connection
        store.set_meta("n", 2)
        assert store.get_meta("n") == 2
    finally:
        store.close()


def postgres_url_of(url: str) -> str:
    return url.split("?", 1)[0]


def test_a_read_only_postgresql_database_refuses_writes_with_e207(pg_url: str) -> None:
    open_store(pg_url).close()
    ro = open_store(f"{pg_url}%20-cdefault_transaction_read_only%3Don")
    try:
        assert ro.get_meta("absent", "fallback") == "fallback"  # reads work
        with pytest.raises(OnrecordError) as info:
            ro.set_meta("n", 1)
        assert info.value.code == "E207" and "onrecord:onrecord@" not in info.value.message
    finally:
        ro.close()


def test_processes_opening_a_new_postgresql_database_at_once_make_the_schema_once(pg_url: str) -> None:
    errors: list[BaseException] = []
    stores: list[SQLiteStore] = []

    def open_one() -> None:
        try:
            stores.append(open_store(pg_url))
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert errors == [] and len(stores) == 4
        assert {s.schema_version() for s in stores} == {SCHEMA_VERSION}
        assert sum(s.created for s in stores) >= 1
    finally:
        for s in stores:
            s.close()


def test_a_reading_command_on_an_empty_postgresql_database_is_e204(pg_url: str) -> None:
    with pytest.raises(OnrecordError) as info:
        open_store(pg_url, create=False)
    assert info.value.code == "E204"
    open_store(pg_url).close()  # a writing command makes the store; then reading works
    open_store(pg_url, create=False).close()


def test_nul_characters_are_stored_by_postgresql_as_replacement_characters(pg_url: str) -> None:
    store = open_store(pg_url)
    try:
        text = "Ann Lee said: \u201cNo\x00 way.\u201d"
        article = Article(text=text, source="nul.txt", id="n1")
        store.save_article(article, [Quote("n1", Span("No\x00 way.", 15, 23), "direct", id="qn")], [], "test")
        stored = store.articles()[0].text
        assert stored == text.replace("\x00", "\ufffd") and len(stored) == len(text)
        assert store.quotes()[0].span.text == "No\ufffd way."
    finally:
        store.close()


@pytest.mark.parametrize(("url", "shown"), [
    ("postgresql://me:s3cret@db.example.org/news", "postgresql://me:***@db.example.org/news"),
    ("postgresql://me:s#c?r@t@db.example.org:5433/news", "postgresql://me:***@db.example.org:5433/news"),
    ("postgresql://db.example.org/news?user=me&password=s3cret&sslmode=require",
     "postgresql://db.example.org/news?user=me&password=***&sslmode=require"),
    ("postgresq://me:s3cret@db.example.org/news", "postgresq://me:***@db.example.org/news"),
    ("postgresql://me:pa/ss@db.example.org/news", "postgresql://me:***@db.example.org/news"),
    ("postgresql://h/db?sslpassword=abc&user=me", "postgresql://h/db?sslpassword=***&user=me"),
    ("postgresql://h/db?pass%77ord=sec", "postgresql://h/db?pass%77ord=***"),
    ("postgresql://me:s3cret@h1:5432,h2:5433/news", "postgresql://me:***@h1:5432,h2:5433/news"),
    ("news.db", "news.db"), ("sqlite:///news.db", "sqlite:///news.db"),
    ("sqlite:///tmp/a@b.db", "sqlite:///tmp/a@b.db"), ("file:///c:/a@b.db", "file:///c:/a@b.db"),
    (r"C:\data\news.db", r"C:\data\news.db"), ("postgresql://h/db?application_name=a@b", "postgresql://h/db?application_name=a@b"),
])
def test_urls_are_shown_without_their_password(url: str, shown: str) -> None:
    assert postgres.redacted(url) == shown


def test_migrate_to_copies_one_snapshot_of_a_source_written_meanwhile(tmp_path: Path,
                                                                      store_url_for: Callable[[str], str]) -> None:
    from onrecord.store.copy import copy_store

    source = _reviewed_file_store(str(tmp_path / "live.db"))
    writer = open_store(source.url)  # another process writing into the source during the copy
    target = open_store(store_url_for("postgresql"))
    wrote: list[str] = []

    def write_once(table: str, _n: int) -> None:
        if table == "articles" and not wrote:
            late = Article(text="Ann Lee said: \u201cLate.\u201d", source="late.txt", id="late")
            writer.save_article(late, [Quote("late", Span("Late.", 15, 20), "direct", id="ql")], [], "test")
            wrote.append("late")

    try:
        before = count_rows(source, "quotes")
        report = copy_store(source, target, progress=write_once)
        assert wrote and report.ok
        assert report.counts["quotes"] == (before, before)  # the copy is of the source as it was when it began
        assert count_rows(source, "quotes") == before + 1
    finally:
        target.close()
        writer.close()
        source.close()


def test_the_copies_index_serves_a_store_with_statistics(tmp_path: Path) -> None:
    """'How many other outlets carry it' finds a quote's copies through their index even after ANALYZE, which
    once saw an index full of NULLs (every quote that is no copy) and had each page of search scan all articles."""
    store = open_store(str(tmp_path / "stats.db"))
    try:
        text = " ".join(f"“Word {k}.”" for k in range(300))
        quotes = [Quote("a1", Span(f"Word {k}.", 0, 0), "direct", id=f"q{k}") for k in range(300)]
        store.save_article(Article(text=text, source="a.txt", id="a1"), quotes, [], "test")
        with store.transaction() as c:
            c.execute("ANALYZE")
        plan = " ".join(r["detail"] for r in store.query("EXPLAIN QUERY PLAN SELECT id FROM quotes WHERE copy_of = ?",
                                                         ("q1",)))
        assert "quotes_copy_of" in plan, plan
    finally:
        store.close()



@pytest.mark.parametrize("kind", STORES)
@pytest.mark.parametrize("words", ["中" * 683, "x" * 3000, "Ω" * 1100, " ".join(["zq"] * 20000),
                                   " ".join(f"w{k}" for k in range(500))])
def test_very_long_or_very_many_search_words_are_answered_not_an_error(
        kind: str, store_url_for: Callable[[str], str], words: str) -> None:
    store = _sample_store(store_url_for(kind))
    try:
        assert query.quotes(store, text=words) == []
    finally:
        store.close()


@pytest.mark.parametrize("kind", STORES)
def test_a_quote_with_a_very_long_word_is_stored_and_found(kind: str, store_url_for: Callable[[str], str]) -> None:
    store = open_store(store_url_for(kind))
    try:
        long_word = "中" * 800  # 2,400 bytes: more than PostgreSQL keeps of one word
        text = f"Ann Lee said: “{long_word} tax.”"
        article = Article(text=text, source="long.txt", id="l1")
        store.save_article(article, [Quote("l1", Span(f"{long_word} tax.", 14, 14 + len(long_word) + 5), "direct",
                                           id="ql")], [], "test")
        assert [q.id for q in store.quotes("l1")] == ["ql"] and store.quotes()[0].span.text.startswith(long_word)
        assert [r["id"] for r in query.quotes(store, text="tax")] == ["ql"]
    finally:
        store.close()


def test_fold_lowers_as_python_does(pg_url: str) -> None:
    store = open_store(pg_url)
    try:
        for text in ("Élise", "ÖKÖ", "ΣΟΦΊΑ", "Straße", "İstanbul"):
            assert store.query("SELECT fold(?) AS f", (text,))[0]["f"] == text.lower(), text
    finally:
        store.close()


def test_a_postgresql_store_of_the_first_schema_upgrades_in_place(pg_url: str) -> None:
    """A store made at schema 12 (the first PostgreSQL schema: a sequence for the commit count, the quote's
    tsvector made by PostgreSQL's parser, no fold()) opens, upgrades and finds its quotes by their words."""
    import psycopg

    store = _sample_store(pg_url)
    store.close()
    with psycopg.connect(pg_url, autocommit=True) as raw:  # back to schema 12's shape
        raw.execute("DROP TABLE onrecord_commits")
        raw.execute("CREATE SEQUENCE onrecord_commits")
        raw.execute("DROP FUNCTION fold(text)")
        raw.execute("DROP INDEX quotes_original")
        raw.execute("DROP TABLE quote_words")
        raw.execute("ALTER TABLE stances DROP COLUMN quote_rowid")
        raw.execute("ALTER TABLE person_stances DROP COLUMN sides")
        raw.execute("ALTER TABLE quotes ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', text))"
                    " STORED")
        raw.execute("UPDATE onrecord_schema SET version = 12")
    store = open_store(pg_url)
    try:
        assert store.schema_version() == SCHEMA_VERSION
        assert [r["id"] for r in query.quotes(store, text="cafe")] == ["q1"]
        assert [r["id"] for r in query.quotes(store, speaker="élise")] == ["q1"]
        before = store.data_version()
        store.set_meta("n", 1)
        assert store.data_version() != before
    finally:
        store.close()
