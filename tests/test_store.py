"""The store: URL forms, schema version and WAL, refusing newer schemas, FTS5 search over quotes."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from onrecord import pipeline, query
from onrecord.errors import OnrecordError
from onrecord.settings import SETTINGS
from onrecord.store import SCHEMA_VERSION, SQLiteStore, open_store

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


@pytest.mark.parametrize("url", ["postgresql://user@localhost/onrecord", "postgres://localhost/onrecord",
                                 "postgresql+psycopg://localhost/onrecord"])
def test_postgresql_is_not_in_this_release(url: str) -> None:
    with pytest.raises(OnrecordError) as info:
        open_store(url)
    assert info.value.code == "E201"
    assert info.value.hint


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


@pytest.fixture(scope="module")
def searchable(tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("fts")
    (folder / "vapes.txt").write_text(ARTICLE, "utf-8")
    store = open_store(str(folder / "fts.db"))
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
    searchable.store.conn.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('integrity-check')")
    n = searchable.store.query("SELECT COUNT(*) AS n FROM quotes_fts")[0]["n"]
    assert n == len(searchable.quotes)
