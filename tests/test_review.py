"""Corrections by people: speaker changes, merges, splits, stance overrides.

The library (onrecord.review), the API (/api/..., token and versions) and the CLI (onrecord review). Every
correction is audited (who, when, before, after), a stale edit is refused (409) and changes nothing, the
corrections hold through re-ingest and re-analysis, and a version-1 database upgrades in place.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from onrecord import pipeline, query, review
from onrecord.cli import main
from onrecord.errors import OnrecordError
from onrecord.models import EntityFacts, Person
from onrecord.query import pages
from onrecord.resolve.people import PeopleResolver
from onrecord.resolve.register import Register
from onrecord.serve import create_app, forms
from onrecord.store import SQLiteStore, open_store
from onrecord.store import sqlite as sqlite_mod

from .conftest import STORES

ISSUE = "a cap on ferry fares"
TOKEN = "test-write-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

# Invented politicians; the extractor keeps "Tom Baker" and "Thomas Baker" apart (two people to merge).
ARTICLE_A = (
    "Ferry fares row in Portwick\n\n"
    "Tom Baker, a Green MP, said: “We need a cap on ferry fares now. Islanders are paying far too much.”\n\n"
    "Alice Munro, a Liberal MP, told reporters: “A cap on ferry fares would bankrupt the operators. I oppose it.”\n"
)
ARTICLE_B = (
    "Island MPs speak out\n\n"
    "Thomas Baker, the Green transport spokesman, said: “A cap on ferry fares gets my vote.”\n\n"
    "Harriet Vane said: “The ferries are late every winter.”\n"
)
ARTICLE_C = (
    "Ferry vote looms\n\n"
    "Thomas Baker told the Portwick Gazette: “A cap on ferry fares is long overdue.”\n"
)


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("review")
    first = root / "first"
    first.mkdir()
    (first / "a.txt").write_text(ARTICLE_A, "utf-8")
    (first / "b.txt").write_text(ARTICLE_B, "utf-8")
    later = root / "later"
    later.mkdir()
    (later / "c.txt").write_text(ARTICLE_C, "utf-8")
    return {"first": first, "later": later}


@pytest.fixture(params=STORES)
def store(request: pytest.FixtureRequest, store_url_for: Callable[[str], str],
          folders: dict[str, Path]) -> Iterator[SQLiteStore]:
    """The two articles ingested and the issue added, in each kind of store."""
    s = open_store(store_url_for(request.param))
    report = pipeline.ingest(s, [folders["first"]])
    assert report.counts["ok"] == 2
    pipeline.add_issue(s, ISSUE)
    yield s
    s.close()


def quote_of(store: SQLiteStore, speaker: str) -> dict[str, Any]:
    """The first quote (with its stance on ISSUE) whose mention names ``speaker``."""
    return next(q for q in query.quotes(store, issue=ISSUE) if q["mention_text"] == speaker)


def person(store: SQLiteStore, pid: str) -> dict[str, Any] | None:
    return next((p for p in query.people(store, issue=ISSUE) if p["id"] == pid), None)


def issue_id(store: SQLiteStore) -> str:
    return store.get_issue(ISSUE).id


def snapshot(store: SQLiteStore) -> dict[str, list[dict[str, Any]]]:
    """Every table a correction may touch, to show that a refused one changed nothing."""
    tables = {"people": "id", "aliases": "person_id, alias", "affiliations": "person_id, role", "quotes": "id",
              "stances": "quote_id, issue_id", "person_stances": "person_id, issue_id",
              "party_lines": "party, issue_id", "audit_log": "id", "corrections": "id"}
    return {t: store.query(f"SELECT * FROM {t} ORDER BY {order}") for t, order in tables.items()}


# ------------------------------------------------------------------ the starting point


def test_the_articles_give_two_bakers(store: SQLiteStore) -> None:
    ids = {p["id"] for p in query.people(store)}
    assert {"tom-baker", "thomas-baker", "alice-munro", "harriet-vane"} <= ids
    assert quote_of(store, "Thomas Baker")["stance"] == "none"  # the rules read "gets my vote" as a bare mention
    assert all(q["version"] == 1 for q in query.quotes(store))
    assert all(p["version"] == 1 for p in query.people(store))
    assert review.audit_log(store) == []


# ------------------------------------------------------------------ each correction, audited


def test_change_speaker(store: SQLiteStore) -> None:
    q = quote_of(store, "Harriet Vane")
    entry = review.set_quote_speaker(store, q["id"], "alice-munro", who="ed", expected_version=1,
                                     reason="wrong paragraph")
    assert entry["who"] == "ed" and entry["action"] == "speaker"
    assert (entry["target_type"], entry["target_id"]) == ("quote", q["id"])
    assert entry["before"] == {"id": q["id"], "person_id": "harriet-vane", "speaker": "Harriet Vane", "version": 1}
    assert entry["after"] == {"id": q["id"], "person_id": "alice-munro", "speaker": "Alice Munro", "version": 2}
    assert entry["reason"] == "wrong paragraph"
    assert entry["at"][:2] == "20" and "T" in entry["at"]
    after = quote_of(store, "Harriet Vane")
    assert (after["person_id"], after["speaker"], after["version"]) == ("alice-munro", "Alice Munro", 2)
    assert person(store, "harriet-vane")["quotes"] == 0  # type: ignore[index]
    assert person(store, "alice-munro")["quotes"] == 2  # type: ignore[index]
    assert review.audit_log(store) == [entry]
    # the page JSON shows the new version, so a client can make its next edit
    art = pages.article(store, after["article_id"])
    assert next(x for x in art["quotes"] if x["id"] == q["id"])["version"] == 2


def test_merge_people(store: SQLiteStore) -> None:
    thomas_quote = quote_of(store, "Thomas Baker")
    entry = review.merge_people(store, "tom-baker", "thomas-baker", who="ed", expected_version=1)
    assert entry["action"] == "merge" and entry["target_id"] == "tom-baker" and entry["who"] == "ed"
    assert entry["before"]["merge"]["name"] == "Thomas Baker"
    assert entry["before"]["keep"]["aliases"] == []
    assert entry["after"]["keep"]["aliases"] == ["Thomas Baker"]
    assert entry["after"]["moved_quotes"] == [thomas_quote["id"]]
    assert person(store, "thomas-baker") is None
    tom = person(store, "tom-baker")
    assert tom is not None
    assert tom["aliases"] == ["Thomas Baker"]
    assert set(tom["roles"]) == {"MP", "transport spokesman"}
    assert tom["quotes"] == 2 and tom["version"] == 2
    moved = quote_of(store, "Thomas Baker")
    assert (moved["person_id"], moved["version"]) == ("tom-baker", 2)
    assert store.query("SELECT * FROM person_stances WHERE person_id = 'thomas-baker'") == []
    assert pages.person(store, "tom-baker")["version"] == 2


def test_split_alias(store: SQLiteStore) -> None:
    review.merge_people(store, "tom-baker", "thomas-baker", who="ed", expected_version=1)
    q = quote_of(store, "Thomas Baker")
    entry = review.split_alias(store, "tom-baker", "thomas baker", who="kim", expected_version=2,
                               reason="two different people after all")
    assert entry["action"] == "split" and entry["who"] == "kim" and entry["target_id"] == "tom-baker"
    assert entry["before"]["person"]["aliases"] == ["Thomas Baker"]
    new = entry["after"]["new_person"]
    assert new["name"] == "Thomas Baker"
    assert new["id"] == "thomas-baker-2"  # the merged-away id is never handed out again
    assert entry["after"]["moved_quotes"] == [q["id"]]
    assert entry["after"]["person"]["aliases"] == []
    assert entry["after"]["person"]["version"] == 3
    assert quote_of(store, "Thomas Baker")["person_id"] == new["id"]
    assert person(store, "tom-baker")["quotes"] == 1  # type: ignore[index]
    assert [e["action"] for e in review.audit_log(store)] == ["split", "merge"]


def test_override_stance(store: SQLiteStore) -> None:
    q = quote_of(store, "Thomas Baker")
    # he spoke on the issue and the rules read no side: neutral
    assert person(store, "thomas-baker")["stance"] == "neutral"  # type: ignore[index]
    entry = review.override_stance(store, q["id"], ISSUE, "support", "voting for it is support", who="ed",
                                   expected_version=1)
    assert entry["action"] == "stance" and entry["target_type"] == "quote" and entry["reason"] == \
        "voting for it is support"
    assert entry["before"]["stance"] == "none" and entry["before"]["model"] == "rules.v2"
    assert entry["after"] == {"id": q["id"], "issue_id": issue_id(store), "version": 2, "stance": "support",
                              "confidence": 1.0, "reason": "voting for it is support", "model": "human"}
    after = quote_of(store, "Thomas Baker")
    assert (after["stance"], after["stance_model"], after["reason"], after["version"]) == \
        ("support", "human", "voting for it is support", 2)
    # the person's stance follows the corrected label at once
    assert person(store, "thomas-baker")["stance"] == "support"  # type: ignore[index]


def test_override_of_an_unlabelled_quote_adds_a_label(store: SQLiteStore) -> None:
    q = quote_of(store, "Harriet Vane")
    review.override_stance(store, q["id"], issue_id(store), "oppose", "she means the cap would not help",
                           who="ed", expected_version=1)
    assert quote_of(store, "Harriet Vane")["stance"] == "oppose"
    assert person(store, "harriet-vane")["stance"] == "oppose"  # type: ignore[index]


# ------------------------------------------------------------------ refused corrections change nothing


@pytest.mark.parametrize("action", ["speaker", "merge", "merge-other", "split", "stance"])
def test_stale_edit_is_409_and_changes_nothing(store: SQLiteStore, action: str) -> None:
    q = quote_of(store, "Harriet Vane")
    review.merge_people(store, "tom-baker", "thomas-baker", who="ed", expected_version=1)  # tom-baker is now v2
    review.set_quote_speaker(store, q["id"], "alice-munro", who="ed", expected_version=1)  # the quote is now v2
    before = snapshot(store)
    calls = {
        "speaker": lambda: review.set_quote_speaker(store, q["id"], "tom-baker", who="x", expected_version=1),
        "merge": lambda: review.merge_people(store, "tom-baker", "alice-munro", who="x", expected_version=1),
        "merge-other": lambda: review.merge_people(store, "alice-munro", "tom-baker", who="x", expected_version=1,
                                                   expected_merge_version=1),
        "split": lambda: review.split_alias(store, "tom-baker", "Thomas Baker", who="x", expected_version=1),
        "stance": lambda: review.override_stance(store, q["id"], ISSUE, "support", "r", who="x",
                                                 expected_version=1),
    }
    with pytest.raises(OnrecordError) as info:
        calls[action]()
    assert info.value.code == "E409" and info.value.status == 409
    assert "version 2" in info.value.message
    assert snapshot(store) == before


def test_a_correction_checks_and_writes_under_the_file_lock(store: SQLiteStore) -> None:
    """Two stores on one file (two `serve` workers): an edit made while another holds the write lock waits for
    it, then sees the version it moved and is refused (409), instead of overwriting it."""
    import threading

    q = quote_of(store, "Harriet Vane")
    version = q["version"]
    other = open_store(store.url)
    inside, done = threading.Event(), threading.Event()

    def first() -> None:
        with store.transaction() as c:
            inside.set()
            time.sleep(0.5)  # the other edit arrives meanwhile
            c.execute("UPDATE quotes SET version = version + 1, person_id = 'alice-munro' WHERE id = ?", (q["id"],))
        done.set()

    t = threading.Thread(target=first)
    t.start()
    try:
        assert inside.wait(10)
        with pytest.raises(OnrecordError) as err:
            review.set_quote_speaker(other, q["id"], "tom-baker", who="bob", expected_version=version)
        assert err.value.code == "E409"
        assert done.is_set()  # it waited for the first write to land
    finally:
        t.join()
        other.close()
    row = store.query("SELECT person_id, version FROM quotes WHERE id = ?", (q["id"],))[0]
    assert (row["person_id"], row["version"]) == ("alice-munro", version + 1)



@pytest.mark.parametrize(("call", "code"), [
    (lambda s: review.set_quote_speaker(s, "nope", "alice-munro", who="x", expected_version=1), "E301"),
    (lambda s: review.set_quote_speaker(s, quote_of(s, "Harriet Vane")["id"], "nobody", who="x",
                                        expected_version=1), "E301"),
    (lambda s: review.merge_people(s, "tom-baker", "tom-baker", who="x", expected_version=1), "E411"),
    (lambda s: review.merge_people(s, "tom-baker", "nobody", who="x", expected_version=1), "E301"),
    (lambda s: review.split_alias(s, "tom-baker", "Tommy", who="x", expected_version=1), "E301"),
    (lambda s: review.override_stance(s, quote_of(s, "Tom Baker")["id"], ISSUE, "support", "  ", who="x",
                                      expected_version=1), "E411"),
    (lambda s: review.override_stance(s, quote_of(s, "Tom Baker")["id"], ISSUE, "maybe", "r", who="x",
                                      expected_version=1), "E411"),
    (lambda s: review.override_stance(s, quote_of(s, "Tom Baker")["id"], "no such issue", "support", "r",
                                      who="x", expected_version=1), "E301"),
    (lambda s: review.set_quote_speaker(s, quote_of(s, "Tom Baker")["id"], "alice-munro", who=" ",
                                        expected_version=1), "E411"),
], ids=["no-quote", "no-person", "merge-self", "merge-nobody", "split-unknown-alias", "empty-reason", "bad-stance",
        "no-issue", "no-who"])
def test_invalid_corrections_are_refused(store: SQLiteStore, call: Any, code: str) -> None:
    before = snapshot(store)
    with pytest.raises(OnrecordError) as info:
        call(store)
    assert info.value.code == code
    assert snapshot(store) == before


# ------------------------------------------------------------------ corrections hold


def test_corrections_survive_reingest_and_reanalysis(store: SQLiteStore, folders: dict[str, Path]) -> None:
    harriet = quote_of(store, "Harriet Vane")
    thomas = quote_of(store, "Thomas Baker")
    review.set_quote_speaker(store, harriet["id"], "alice-munro", who="ed", expected_version=1)
    review.merge_people(store, "tom-baker", "thomas-baker", who="ed", expected_version=1)
    review.override_stance(store, thomas["id"], ISSUE, "support", "voting for it is support", who="ed",
                           expected_version=2)
    audit = review.audit_log(store)

    def holds() -> None:
        assert person(store, "thomas-baker") is None
        assert "Thomas Baker" in person(store, "tom-baker")["aliases"]  # type: ignore[index]
        h = next(q for q in query.quotes(store, issue=ISSUE) if q["id"] == harriet["id"])
        assert h["person_id"] == "alice-munro"
        t = next(q for q in query.quotes(store, issue=ISSUE) if q["id"] == thomas["id"])
        assert (t["person_id"], t["stance"], t["stance_model"], t["reason"]) == \
            ("tom-baker", "support", "human", "voting for it is support")
        assert person(store, "tom-baker")["stance"] == "support"  # type: ignore[index]

    holds()
    # a new article naming the merged person lands on the kept one
    report = pipeline.ingest(store, [folders["later"]])
    assert report.counts["ok"] == 1
    newest = next(q for q in query.quotes(store) if q["text"].startswith("A cap on ferry fares is long overdue"))
    assert newest["person_id"] == "tom-baker"
    holds()
    # the same articles again (all duplicates), then a fresh analysis of the issue
    assert pipeline.ingest(store, [folders["first"], folders["later"]]).counts["duplicate"] == 3
    pipeline.analyze(store, store.get_issue(ISSUE))
    holds()
    # nothing left to re-apply; the pipeline wrote nothing to the audit log
    assert pipeline.reapply_corrections(store) == 0
    assert review.audit_log(store) == audit


def test_a_merged_person_met_again_is_merged_again(store: SQLiteStore) -> None:
    thomas = quote_of(store, "Thomas Baker")
    review.merge_people(store, "tom-baker", "thomas-baker", who="ed", expected_version=1)
    with store.transaction() as c:  # as if an older resolver had recreated the person
        c.execute("INSERT INTO people(id, name, kind, party) VALUES ('thomas-baker', 'Thomas Baker', 'person', NULL)")
        c.execute("UPDATE quotes SET person_id = 'thomas-baker' WHERE id = ?", (thomas["id"],))
    assert pipeline.reapply_corrections(store) > 0
    assert person(store, "thomas-baker") is None
    assert quote_of(store, "Thomas Baker")["person_id"] == "tom-baker"
    assert pipeline.reapply_corrections(store) == 0  # idempotent


def test_a_split_alias_added_back_is_taken_off_again(store: SQLiteStore) -> None:
    review.merge_people(store, "tom-baker", "thomas-baker", who="ed", expected_version=1)
    entry = review.split_alias(store, "tom-baker", "Thomas Baker", who="ed", expected_version=2)
    new_id = entry["after"]["new_person"]["id"]
    with store.transaction() as c:
        c.execute("INSERT INTO aliases(person_id, alias) VALUES ('tom-baker', 'Thomas Baker')")
        c.execute("UPDATE quotes SET person_id = 'tom-baker' WHERE person_id = ?", (new_id,))
    assert pipeline.reapply_corrections(store) > 0
    assert person(store, "tom-baker")["aliases"] == []  # type: ignore[index]
    assert quote_of(store, "Thomas Baker")["person_id"] == new_id
    assert pipeline.reapply_corrections(store) == 0


def test_after_a_split_the_alias_names_the_new_person(store: SQLiteStore, folders: dict[str, Path]) -> None:
    review.merge_people(store, "tom-baker", "thomas-baker", who="ed", expected_version=1)
    new_id = review.split_alias(store, "tom-baker", "Thomas Baker", who="ed",
                                expected_version=2)["after"]["new_person"]["id"]
    pipeline.ingest(store, [folders["later"]])
    newest = next(q for q in query.quotes(store) if q["text"].startswith("A cap on ferry fares is long overdue"))
    assert newest["person_id"] == new_id
    assert person(store, "tom-baker")["aliases"] == []  # type: ignore[index]


def test_resolver_sends_a_merged_id_to_the_kept_person() -> None:
    tom = Person("tom-baker", "Tom Baker", aliases=["Thomas Baker"])
    resolver = PeopleResolver([tom], Register(), merged={"thomas-baker": "tom-baker"})
    # by alias
    assert resolver.resolve(EntityFacts("k", "Thomas Baker")).id == "tom-baker"
    # by the merged id, even where the alias match does not apply (another kind)
    assert resolver.resolve(EntityFacts("k", "Thomas Baker", kind="organisation")).id == "tom-baker"
    # a fuller name that is already an alias does not replace the kept person's name
    assert tom.name == "Tom Baker"
    # a new name never takes a merged-away id
    resolver2 = PeopleResolver([], Register(), merged={"jo-bloggs": "gone"})
    assert resolver2.resolve(EntityFacts("k", "Jo Bloggs")).id == "jo-bloggs-2"


# ------------------------------------------------------------------ schema 1 -> 2


def _version_1_db(path: Path) -> None:
    raw = sqlite3.connect(path)
    raw.executescript(sqlite_mod.MIGRATIONS[1])
    raw.execute("INSERT INTO articles(id, source, text, ingested_at) VALUES ('a1', 'a.txt', 'Tom said “hi”.', 'x')")
    raw.execute("INSERT INTO people(id, name, kind, party) VALUES ('tom', 'Tom', 'person', 'Green')")
    raw.execute("INSERT INTO people(id, name, kind, party) VALUES ('thomas', 'Thomas', 'person', NULL)")
    raw.execute("INSERT INTO aliases VALUES ('thomas', 'Tommy')")
    raw.execute("INSERT INTO quotes(id, article_id, start, \"end\", text, kind, person_id) "
                "VALUES ('q1', 'a1', 10, 12, 'hi', 'direct', 'thomas')")
    raw.execute("PRAGMA user_version = 1")
    raw.commit()
    raw.close()


def test_a_version_1_database_upgrades_in_place(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    _version_1_db(db)
    store = open_store(str(db))
    try:
        assert store.schema_version() == sqlite_mod.SCHEMA_VERSION == 18
        # the web columns (8), the watch's tables (9), stories (10: each old article its own story), the basis
        # of a person's side (11), statements' vectors (12), the copies' own index (13) and the quotes' rowids
        # in the page order (14: an undated article's first quote, the first slot of day 0) and the labels'
        # quotes' rowids (15) are there
        assert store.query("SELECT sql FROM sqlite_master WHERE name = 'quotes_copy_of'")[0]["sql"].endswith(
            "WHERE copy_of IS NOT NULL")
        assert store.article_at("https://news.example.org/a") is None and store.watch_counts() == {}
        assert store.query("SELECT basis FROM person_stances") == []
        assert store.quote_vectors("m") == {}
        assert store.query("SELECT reading FROM issue_readings") == []  # (18: the reading an analysis kept)
        assert store.query("SELECT id, story_id FROM articles") == [{"id": "a1", "story_id": "a1"}]
        assert store.query("SELECT id, name, party, version FROM people ORDER BY id") == [
            {"id": "thomas", "name": "Thomas", "party": None, "version": 1},
            {"id": "tom", "name": "Tom", "party": "Green", "version": 1}]
        assert store.query("SELECT id, text, person_id, version FROM quotes") == [
            {"id": "q1", "text": "hi", "person_id": "thomas", "version": 1}]
        assert store.query("SELECT rowid AS r FROM quotes") == [{"r": 511}]
        assert store.query("SELECT text FROM quotes_fts WHERE quotes_fts MATCH 'hi'") == [{"text": "hi"}]
        # and the upgraded database takes corrections
        entry = review.merge_people(store, "tom", "thomas", who="ed", expected_version=1)
        assert entry["after"]["keep"]["aliases"] == ["Thomas", "Tommy"]
        assert store.query("SELECT person_id FROM quotes") == [{"person_id": "tom"}]
    finally:
        store.close()


def test_a_failed_migration_leaves_the_database_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "old.db"
    _version_1_db(db)
    monkeypatch.setitem(sqlite_mod.MIGRATIONS, 2, sqlite_mod.MIGRATIONS[2] + "\nSELECT * FROM no_such_table;")
    with pytest.raises(sqlite3.OperationalError):
        SQLiteStore(str(db))
    raw = sqlite3.connect(db)
    try:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 1
        assert "version" not in {r[1] for r in raw.execute("PRAGMA table_info(quotes)")}
        assert raw.execute("SELECT name FROM sqlite_master WHERE name = 'audit_log'").fetchall() == []
        assert raw.execute("SELECT COUNT(*) FROM quotes").fetchone()[0] == 1
    finally:
        raw.close()
    monkeypatch.undo()
    store = open_store(str(db))  # a working onrecord then upgrades it
    assert store.schema_version() == sqlite_mod.SCHEMA_VERSION
    store.close()


# ------------------------------------------------------------------ the API


@pytest.fixture
def client(store: SQLiteStore) -> Iterator[TestClient]:
    with TestClient(create_app(store, token=TOKEN)) as c:
        yield c


def api_error(r: Any, status: int, code: str) -> None:
    assert r.status_code == status, r.text
    body = r.json()
    assert body["ok"] is False and body["status"] == status and body["error"]["code"] == code
    assert body["error"]["title"] and body["error"]["message"]


def test_token_is_generated_once_kept_and_printed_once(store: SQLiteStore, capsys: pytest.CaptureFixture[str]) -> None:
    app = create_app(store)
    token = app.state.token
    assert isinstance(token, str) and len(token) >= 32
    assert store.get_meta("write_token") == token
    assert token in capsys.readouterr().err
    again = create_app(store)
    assert again.state.token == token
    assert token not in capsys.readouterr().err
    # a configured token wins and is not stored
    assert create_app(store, token="configured").state.token == "configured"
    assert store.get_meta("write_token") == token
    with TestClient(app) as c:
        q = quote_of(store, "Harriet Vane")
        r = c.post(f"/api/quotes/{q['id']}/speaker", json={"person_id": "alice-munro", "expected_version": 1},
                   headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 200, r.text


WRITES = [
    ("speaker", lambda s: (f"/api/quotes/{quote_of(s, 'Harriet Vane')['id']}/speaker",
                           {"person_id": "alice-munro", "expected_version": 1})),
    ("merge", lambda s: ("/api/people/merge", {"keep": "tom-baker", "merge": "thomas-baker", "expected_version": 1})),
    ("split", lambda s: ("/api/people/alice-munro/split", {"alias": "Munro", "expected_version": 1})),
    ("stance", lambda s: (f"/api/quotes/{quote_of(s, 'Tom Baker')['id']}/stance",
                          {"issue_id": ISSUE, "stance": "oppose", "reason": "sarcasm", "expected_version": 1})),
]


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"},
                                     {"Authorization": TOKEN}], ids=["none", "wrong", "basic", "bare"])
@pytest.mark.parametrize(("name", "make"), WRITES, ids=[w[0] for w in WRITES])
def test_writes_need_the_token(client: TestClient, store: SQLiteStore, headers: dict[str, str], name: str,
                               make: Any) -> None:
    path, body = make(store)
    before = snapshot(store)
    r = client.post(path, json=body, headers=headers)
    api_error(r, 401, "E410")
    # RFC 9110/6750: a 401 says which scheme it wants; a bearer token that was given but is wrong is named so
    challenge = r.headers["www-authenticate"]
    assert challenge.startswith("Bearer ") and 'realm="onrecord"' in challenge
    assert ('error="invalid_token"' in challenge) == (name and headers.get("Authorization", "").startswith("Bearer"))
    # the token is checked before the body: a bad body without the token is still 401
    r = client.post(path, json={}, headers=headers)
    api_error(r, 401, "E410")
    assert r.headers["www-authenticate"].startswith("Bearer ")
    assert snapshot(store) == before


def test_reads_need_no_token(client: TestClient) -> None:
    r = client.get("/api/audit")
    assert r.status_code == 200
    assert r.json() == {"ok": True, "total": 0, "page": 1, "per_page": 50, "pages": 1, "rows": []}


def test_api_speaker_change_then_stale_409(client: TestClient, store: SQLiteStore) -> None:
    q = quote_of(store, "Harriet Vane")
    art = client.get(f"/articles/{q['article_id']}.json").json()
    version = next(x for x in art["quotes"] if x["id"] == q["id"])["version"]
    body = {"person_id": "alice-munro", "expected_version": version, "who": "ed", "reason": "misread"}
    r = client.post(f"/api/quotes/{q['id']}/speaker", json=body, headers=AUTH)
    assert r.status_code == 200, r.text
    change = r.json()["change"]
    assert r.json()["ok"] is True
    assert (change["who"], change["action"], change["reason"]) == ("ed", "speaker", "misread")
    assert change["before"]["person_id"] == "harriet-vane" and change["after"]["person_id"] == "alice-munro"
    assert change["after"]["version"] == version + 1
    # the same edit on the version read before is stale now
    before = snapshot(store)
    body2 = {**body, "person_id": "tom-baker"}
    api_error(client.post(f"/api/quotes/{q['id']}/speaker", json=body2, headers=AUTH), 409, "E409")
    assert snapshot(store) == before
    # the audit log shows the one change
    log = client.get("/api/audit").json()
    assert log["total"] == 1 and log["rows"][0] == change
    assert client.get(f"/api/audit?target_type=quote&target_id={q['id']}").json()["total"] == 1
    assert client.get("/api/audit?target_type=person").json()["total"] == 0


def test_api_merge_split_and_stance(client: TestClient, store: SQLiteStore) -> None:
    tom = client.get("/people/tom-baker.json").json()
    r = client.post("/api/people/merge", headers=AUTH, json={"keep": "tom-baker", "merge": "thomas-baker",
                                                             "expected_version": tom["version"],
                                                             "expected_merge_version": 1})
    assert r.status_code == 200, r.text
    assert r.json()["change"]["after"]["keep"]["aliases"] == ["Thomas Baker"]
    assert client.get("/people/thomas-baker.json").status_code == 404
    tom = client.get("/people/tom-baker.json").json()
    assert tom["version"] == 2 and len(tom["quotes"]) == 2
    # a second merge on the version read before the first is stale
    api_error(client.post("/api/people/merge", headers=AUTH, json={"keep": "tom-baker", "merge": "alice-munro",
                                                                   "expected_version": 1}), 409, "E409")
    r = client.post("/api/people/tom-baker/split", headers=AUTH,
                    json={"alias": "Thomas Baker", "expected_version": tom["version"]})
    assert r.status_code == 200, r.text
    new_id = r.json()["change"]["after"]["new_person"]["id"]
    assert client.get(f"/people/{new_id}.json").json()["name"] == "Thomas Baker"
    api_error(client.post("/api/people/tom-baker/split", headers=AUTH,
                          json={"alias": "Nobody", "expected_version": 3}), 404, "E301")
    quote = next(x for x in client.get(f"/people/{new_id}.json").json()["quotes"])
    r = client.post(f"/api/quotes/{quote['id']}/stance", headers=AUTH,
                    json={"issue_id": issue_id(store), "stance": "support", "reason": "a vote for it",
                          "expected_version": quote["version"]})
    assert r.status_code == 200, r.text
    assert r.json()["change"]["after"]["model"] == "human"
    board = client.get(f"/issues/{issue_id(store)}.json").json()
    stances = {p["id"]: p["stance"] for g in board["parties"] for p in g["people"]}
    assert stances[new_id] == "support"
    assert [e["action"] for e in client.get("/api/audit").json()["rows"]] == ["stance", "split", "merge"]
    page = client.get("/api/audit?per_page=2&page=2").json()
    assert page["total"] == 3 and page["pages"] == 2 and [e["action"] for e in page["rows"]] == ["merge"]


@pytest.mark.parametrize("body", [
    {"issue_id": ISSUE, "stance": "maybe", "reason": "r", "expected_version": 1},
    {"issue_id": ISSUE, "stance": "support", "reason": "", "expected_version": 1},
    {"issue_id": ISSUE, "stance": "support", "reason": "r"},
    {"issue_id": ISSUE, "stance": "support", "reason": "r", "expected_version": 0},
    {"issue_id": ISSUE, "stance": "support", "reason": "r", "expected_version": 1, "extra": 1},
], ids=["bad-stance", "empty-reason", "no-version", "version-0", "extra-field"])
def test_api_invalid_bodies_are_422(client: TestClient, store: SQLiteStore, body: dict[str, Any]) -> None:
    before = snapshot(store)
    api_error(client.post(f"/api/quotes/{quote_of(store, 'Tom Baker')['id']}/stance", json=body, headers=AUTH),
              422, "E422")
    assert snapshot(store) == before


def test_api_merge_into_self_is_400(client: TestClient) -> None:
    api_error(client.post("/api/people/merge", headers=AUTH,
                          json={"keep": "tom-baker", "merge": "tom-baker", "expected_version": 1}), 400, "E411")


def test_openapi_describes_the_review_routes(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path in ("/api/quotes/{quote_id}/speaker", "/api/people/merge", "/api/people/{person_id}/split",
                 "/api/quotes/{quote_id}/stance"):
        op = paths[path]["post"]
        assert op["security"] == [{"HTTPBearer": []}]
        assert {"200", "401", "404", "409", "422"} <= set(op["responses"])
        assert "requestBody" in op and op["requestBody"]["required"] is True
    schemas = spec["components"]["schemas"]
    assert schemas["StanceOverride"]["properties"]["stance"]["enum"] == ["support", "oppose", "neutral", "none"]
    assert "expected_version" in schemas["SpeakerChange"]["required"]
    assert "get" in paths["/api/audit"] and "security" not in paths["/api/audit"]["get"]
    assert spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    assert "WWW-Authenticate" in paths["/api/people/merge"]["post"]["responses"]["401"]["headers"]
    # the HTML review forms are not part of the API
    assert not [path for path in paths if path.startswith("/review/")]


# ------------------------------------------------------------------ the HTML review forms

WHO = "Ed Itor"


def sign_in(client: TestClient, token: str = TOKEN, who: str = WHO, next_page: str = "/search") -> Any:
    return client.post("/review/signin", data={"token": token, "who": who, "next": next_page},
                       follow_redirects=False)


def form_token(page: str) -> str:
    tokens = set(re.findall(r'name="csrf" value="([0-9a-f]+)"', page))
    assert len(tokens) == 1, tokens
    return tokens.pop()


def article_of(store: SQLiteStore, quote_id: str) -> str:
    return str(store.query("SELECT article_id FROM quotes WHERE id = ?", (quote_id,))[0]["article_id"])


def test_signing_in_sets_a_strict_http_only_cookie(client: TestClient) -> None:
    page = client.get("/review/signin?next=/people/tom-baker")
    assert page.status_code == 200 and 'type="password" name="token"' in page.text
    assert 'name="next" value="/people/tom-baker"' in page.text
    r = sign_in(client, next_page="/people/tom-baker")
    assert r.status_code == 303 and r.headers["location"] == "/people/tom-baker"
    cookie = r.headers["set-cookie"].lower()
    assert cookie.startswith("onrecord_review=") and "httponly" in cookie and "samesite=strict" in cookie
    assert "path=/" in cookie and TOKEN.lower() not in cookie
    assert "reviewing as Ed Itor" in client.get("/people/tom-baker").text
    # somewhere else than this site is never where signing in sends you
    for bad in ("//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"):
        assert sign_in(client, next_page=bad).headers["location"] == "/search", bad


def test_a_wrong_token_does_not_sign_in(client: TestClient) -> None:
    r = sign_in(client, token="wrong")
    assert r.status_code == 401 and "That is not the write token." in r.text
    assert r.headers["www-authenticate"].startswith("Bearer")
    assert "set-cookie" not in r.headers
    assert sign_in(client, who="  ").status_code == 400  # the audit log needs a name
    article = client.get("/search.json").json()["rows"][0]["article_id"]
    assert "speaker-form" not in client.get(f"/articles/{article}").text


def test_pages_show_the_forms_only_to_who_signed_in(client: TestClient, store: SQLiteStore) -> None:
    q = quote_of(store, "Harriet Vane")
    url = f"/articles/{article_of(store, q['id'])}"
    anonymous = client.get(url)
    assert "speaker-form" not in anonymous.text and 'id="signin"' in anonymous.text
    assert "no-store" not in anonymous.headers.get("cache-control", "")
    sign_in(client)
    page = client.get(url)
    assert page.headers["cache-control"] == "no-store"  # it carries the form token
    assert page.text.count('class="review speaker-form"') == len(client.get(url + ".json").json()["quotes"])
    assert f'action="/review/quotes/{q["id"]}/speaker"' in page.text
    assert f'action="/review/quotes/{q["id"]}/stance"' in page.text
    assert 'name="expected_version" value="1"' in page.text
    person = client.get("/people/tom-baker").text
    assert 'action="/review/people/tom-baker/merge"' in person and '<option value="thomas-baker">' in person
    # a page remembered for anonymous readers is never the one a reviewer gets, nor the reverse
    assert "speaker-form" not in TestClient(client.app).get(url).text


def test_change_speaker_through_the_form(client: TestClient, store: SQLiteStore) -> None:
    q = quote_of(store, "Harriet Vane")
    url = f"/articles/{article_of(store, q['id'])}"
    sign_in(client)
    csrf = form_token(client.get(url).text)
    form = {"csrf": csrf, "person_id": "alice-munro", "expected_version": "1", "reason": "misheard <b>"}
    r = client.post(f"/review/quotes/{q['id']}/speaker", data=form, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"{url}#q-{q['id']}"
    assert quote_of(store, "Harriet Vane")["person_id"] == "alice-munro"
    shown = client.get(url)  # what the page says now
    assert re.search(rf'id="q-{q["id"]}"[^>]*>[^<]*<span class="label"><a class="speaker" href="/people/alice-munro">'
                     r"Alice Munro</a>", shown.text)
    entry = review.audit_log(store)[0]
    assert (entry["who"], entry["action"], entry["reason"]) == (WHO, "speaker", "misheard <b>")
    assert entry["after"]["version"] == 2
    # the same form again was made on version 1: a readable 409 that changes nothing
    before = snapshot(store)
    r = client.post(f"/review/quotes/{q['id']}/speaker", data={**form, "person_id": "tom-baker"},
                    follow_redirects=False)
    assert r.status_code == 409 and r.headers["content-type"].startswith("text/html")
    assert "Someone changed this first" in r.text and "Nothing was changed" in r.text
    assert "version 2" in r.text and f'href="{url}#q-{q["id"]}"' in r.text
    assert snapshot(store) == before


def test_stance_override_through_the_form(client: TestClient, store: SQLiteStore) -> None:
    q = quote_of(store, "Tom Baker")
    url = f"/articles/{article_of(store, q['id'])}"
    sign_in(client)
    csrf = form_token(client.get(url).text)
    form = {"csrf": csrf, "issue_id": issue_id(store), "stance": "oppose", "reason": "", "expected_version": "1"}
    before = snapshot(store)
    r = client.post(f"/review/quotes/{q['id']}/stance", data=form, follow_redirects=False)
    assert r.status_code == 400 and "say why" in r.text  # the reason is required
    assert snapshot(store) == before
    r = client.post(f"/review/quotes/{q['id']}/stance", data={**form, "reason": "sarcasm"}, follow_redirects=False)
    assert r.status_code == 303
    label = quote_of(store, "Tom Baker")
    assert (label["stance"], label["reason"], label["stance_model"]) == ("oppose", "sarcasm", "human")
    assert f"{ISSUE}: oppose" in client.get(url).text


def test_merge_and_split_through_the_forms(client: TestClient, store: SQLiteStore) -> None:
    sign_in(client)
    page = client.get("/people/thomas-baker").text
    form = {"csrf": form_token(page), "into": "tom-baker", "expected_version": "1", "reason": "one man"}
    r = client.post("/review/people/thomas-baker/merge", data=form, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/people/tom-baker"
    assert client.get("/people/thomas-baker.json").status_code == 404
    tom = client.get("/people/tom-baker.json").json()
    assert tom["aliases"] == ["Thomas Baker"] and tom["quotes_total"] == 2
    page = client.get("/people/tom-baker").text
    assert '<option>Thomas Baker</option>' in page  # the alias can be split off again
    split = {"csrf": form_token(page), "alias": "Thomas Baker", "expected_version": str(tom["version"])}
    r = client.post("/review/people/tom-baker/split", data=split, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/people/tom-baker"
    assert client.get("/people/tom-baker.json").json()["aliases"] == []
    assert [e["action"] for e in review.audit_log(store)] == ["split", "merge"]
    assert {e["who"] for e in review.audit_log(store)} == {WHO}
    # a merge into someone who does not exist is a 404 page, and a stale split a 409
    before = snapshot(store)
    r = client.post("/review/people/tom-baker/merge", data={**form, "into": "nobody", "expected_version": "3"})
    assert r.status_code == 404 and "no person" in r.text
    assert client.post("/review/people/tom-baker/split", data=split).status_code == 409
    assert snapshot(store) == before


def test_forms_refuse_what_is_not_a_signed_in_same_site_post(client: TestClient, store: SQLiteStore,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    q = quote_of(store, "Harriet Vane")
    path = f"/review/quotes/{q['id']}/speaker"
    form = {"person_id": "alice-munro", "expected_version": "1"}
    before = snapshot(store)
    r = client.post(path, data=form)  # not signed in
    assert r.status_code == 401 and 'id="signin-link"' in r.text
    assert r.headers["www-authenticate"].startswith("Bearer")
    sign_in(client)
    csrf = form_token(client.get(f"/articles/{article_of(store, q['id'])}").text)
    assert client.post(path, data=form).status_code == 403  # no form token
    assert client.post(path, data={**form, "csrf": "0" * 32}).status_code == 403  # a wrong one
    for cross in ({"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"}):
        assert client.post(path, data={**form, "csrf": csrf}, headers=cross).status_code == 403
    assert client.post(path, json={**form, "csrf": csrf}).status_code == 415  # only a form
    assert client.post(path, data={**form, "csrf": csrf, "expected_version": "x"}).status_code == 400
    # a cookie signed with another token is no session; an expired one neither
    other = TestClient(create_app(store, token="another-token"))
    sign_in(other, token="another-token")
    forged = other.cookies["onrecord_review"]
    client.cookies.clear()
    client.cookies.set("onrecord_review", forged)
    assert client.post(path, data={**form, "csrf": csrf}, follow_redirects=False).status_code == 401
    assert snapshot(store) == before
    client.cookies.clear()
    sign_in(client)
    csrf = form_token(client.get(f"/articles/{article_of(store, q['id'])}").text)
    with monkeypatch.context() as later:
        later.setattr(forms, "_now", lambda: time.time() + forms.SESSION_SECONDS + 1)
        assert client.post(path, data={**form, "csrf": csrf}, follow_redirects=False).status_code == 401
    assert snapshot(store) == before
    # same origin, signed in, with the token: it goes through
    r = client.post(path, data={**form, "csrf": csrf}, headers={"Origin": str(client.base_url)},
                    follow_redirects=False)
    assert r.status_code == 303


def test_signing_out(client: TestClient, store: SQLiteStore) -> None:
    sign_in(client)
    page = client.get("/people/tom-baker").text
    assert client.post("/review/signout", data={"next": "/people/tom-baker"}).status_code == 403  # form token
    r = client.post("/review/signout", data={"csrf": form_token(page), "next": "/people/tom-baker"},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/people/tom-baker"
    assert "onrecord_review" not in client.cookies
    assert "merge-form" not in client.get("/people/tom-baker").text


# ------------------------------------------------------------------ the CLI


def test_cli_review(store: SQLiteStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ONRECORD_DB", raising=False)
    db = store.url
    thomas = quote_of(store, "Thomas Baker")
    runner = CliRunner()

    def run(*args: str) -> Any:
        return runner.invoke(main, ["--db", db, "--no-progress", "review", *args], catch_exceptions=False)

    r = run("merge", "tom-baker", "thomas-baker", "--who", "cli-ed", "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["who"] == "cli-ed"
    r = run("stance", thomas["id"], ISSUE, "support", "--reason", "a vote for it", "--expected-version", "2")
    assert r.exit_code == 0, r.output
    assert "now at version 3" in r.stdout
    r = run("speaker", thomas["id"], "alice-munro", "--expected-version", "2")  # stale
    assert r.exit_code == 2
    assert "E409" in r.stderr
    r = run("split", "tom-baker", "Thomas Baker")
    assert r.exit_code == 0, r.output
    r = run("audit", "--format", "json")
    rows = json.loads(r.stdout)
    assert [e["action"] for e in rows] == ["split", "stance", "merge"]
    assert rows[1]["who"] and rows[1]["who"] != "cli-ed"  # the OS user by default
    assert "cli-ed: merge person tom-baker" in run("audit").stdout
