"""One story, many copies: near-duplicate articles (syndicated, lightly edited) are one story, and a quote
they repeat is counted once; written on pairs built here (onrecord.eval.dedup), never on real articles."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from onrecord import pipeline, query
from onrecord.eval import dedup
from onrecord.resolve import stories
from onrecord.serve.app import create_app
from onrecord.settings import default
from onrecord.store import SQLiteStore, open_store

from .conftest import STORES

WIRE = dedup.STORIES["ferry-a"]
# a new headline, a local paragraph, the end cut and the outlet's boilerplate: four edits at once (with house style
# as well, dedup.heavy, a copy falls to about 0.3 and may be missed: see test_the_threshold_on_the_built_pairs)
COPY = dedup.boilerplate(dedup.cut_end(dedup.add_local(dedup.new_headline(WIRE))))
LIGHT = dedup.boilerplate(WIRE)
OTHER = dedup.STORIES["ferry-b"]  # the same meeting, written separately, one quote in common


def test_shingles_and_quote_keys() -> None:
    assert stories.shingles("One, two three. Four five six!") == [b"one two three four five",
                                                                   b"two three four five six"]
    assert stories.shingles("Too short") == [b"too short"] and stories.shingles("...") == []
    assert stories.quote_key("p1", "We cannot  hold them, any longer!") == stories.quote_key("p1", "we cannot hold "
                                                                                             "them any longer")
    assert stories.quote_key("p1", "Yes.") != stories.quote_key("p2", "Yes.")


def test_signature_round_trip() -> None:
    sig = stories.signature(WIRE)
    again = stories.from_bytes(stories.to_bytes(sig))
    assert again.jaccard(sig) == 1.0


@pytest.mark.parametrize("copy", [LIGHT, COPY, dedup.cut_end(WIRE), dedup.reorder(WIRE), dedup.house_style(WIRE)])
def test_edited_copies_join_the_wire_story_and_other_stories_do_not(copy: str) -> None:
    index = stories.StoryIndex.build([], default("dedup_threshold"))
    assert index.add("wire", stories.signature(WIRE)) == "wire"
    assert index.add("other", stories.signature(OTHER)) == "other"  # same event, its own words
    assert index.add("library", stories.signature(dedup.STORIES["library-a"])) == "library"
    assert index.add("copy", stories.signature(copy)) == "wire"


def test_the_threshold_on_the_built_pairs() -> None:
    [row] = dedup.score([default("dedup_threshold")])
    assert row["precision"] == 1.0 and row["recall"] >= 0.9, row


@pytest.fixture(params=STORES)
def store(request: pytest.FixtureRequest, tmp_path: Path, store_url_for: Callable[[str], str]) -> Iterator[SQLiteStore]:
    records = [{"text": WIRE, "url": "https://wire.example.org/ferry", "outlet": "Regional News Wire",
                "title": "Island ferry fares to rise", "published": "2025-03-01"},
               {"text": COPY, "url": "https://islandtimes.example.org/ferry", "outlet": "Island Times",
                "title": "Latest: ferry fares", "published": "2025-03-01"},
               {"text": LIGHT, "url": "https://gazette.example.org/ferry", "outlet": "Valley Gazette",
                "published": "2025-03-02"},
               {"text": OTHER, "url": "https://courier.example.org/ferry", "outlet": "Coast Courier",
                "published": "2025-03-01"},
               # the wire's own update, at another URL: a copy in the same outlet, which is no other outlet
               {"text": dedup.reorder(WIRE), "url": "https://wire.example.org/ferry-updated",
                "outlet": "Regional News Wire", "published": "2025-03-02"}]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", "utf-8")
    s = open_store(store_url_for(request.param))
    report = pipeline.ingest(s, [path])
    assert report.counts["ok"] == 5, report.as_dict()
    yield s
    s.close()


def _story_of(store: SQLiteStore) -> dict[str, str]:
    return {r["url"]: r["story_id"] for r in store.query("SELECT url, story_id FROM articles")}


def test_ingest_groups_copies_and_counts_their_quotes_once(store: SQLiteStore) -> None:
    story = _story_of(store)
    wire = story["https://wire.example.org/ferry"]
    assert story["https://islandtimes.example.org/ferry"] == story["https://gazette.example.org/ferry"] == wire
    assert story["https://courier.example.org/ferry"] != wire
    every = query.quotes(store, copies=True)
    once = query.quotes(store)
    okafor = [r for r in once if r["speaker"] == "Helen Okafor" and r["text"].startswith("We have held fares")]
    assert len(okafor) == 1 and okafor[0]["also_in"] == 2  # carried by the Island Times and the Valley Gazette
    assert okafor[0]["copy_of"] is None
    copies = [r for r in every if r["copy_of"] == okafor[0]["id"]]
    assert sorted(r["outlet"] for r in copies) == ["Island Times", "Regional News Wire", "Valley Gazette"]
    # the quote the separate story shares is that story's own quote, not a copy
    dunmore = [r for r in once if r["speaker"] == "Rob Dunmore" and "tax on living" in r["text"]]
    assert len(dunmore) == 2 and {r["outlet"] for r in dunmore} == {"Regional News Wire", "Coast Courier"}
    people = {p["name"]: p for p in query.people(store)}
    assert people["Helen Okafor"]["quotes"] == len([r for r in once if r["speaker"] == "Helen Okafor"])


def test_export_keeps_every_copy_with_its_story(store: SQLiteStore) -> None:
    out = query.export_issue(store)
    by_url = {d["url"]: d for d in out["documents"]}
    wire = by_url["https://wire.example.org/ferry"]
    copy = by_url["https://islandtimes.example.org/ferry"]
    assert copy["story_id"] == wire["story_id"] == wire["id"] and copy["quotes"]
    wire_ids = {q["id"] for q in wire["quotes"]}
    assert any(q["copy_of"] in wire_ids for q in copy["quotes"])
    from onrecord.export import render

    flat = list(csv.DictReader(io.StringIO(render(out, "csv"))))
    assert len(flat) == sum(len(d["quotes"]) for d in out["documents"])  # every copy's quotes
    assert {r["story_id"] for r in flat if r["source"] == copy["source"]} == {wire["id"]}


def test_people_stance_counts_a_copied_quote_once(store: SQLiteStore) -> None:
    pipeline.add_issue(store, "raising island ferry fares")
    copied = {r["id"] for r in store.query("SELECT id FROM quotes WHERE copy_of IS NOT NULL")}
    assert copied
    for r in store.query("SELECT evidence FROM person_stances"):
        assert not copied & set(json.loads(r["evidence"] or "[]")), r
    board = query.board(store, "raising island ferry fares")
    shown = [p["quote"] for g in board["parties"] for p in g["people"] if p["quote"]]
    assert shown and not copied & {q["id"] for q in shown}
    assert any(q["also_in"] for q in shown)  # the wire's quotes are carried by the copies
    with TestClient(create_app(store), raise_server_exceptions=False) as client:
        page = client.get(f"/issues/{board['issue']['id']}", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "other outlet" in page.text


def test_search_and_article_pages_show_the_story_once(store: SQLiteStore) -> None:
    with TestClient(create_app(store), raise_server_exceptions=False) as client:
        rows = client.get("/search.json", params={"q": "held fares"}).json()["rows"]
        assert len(rows) == 1 and rows[0]["also_in"] == 2
        # an outlet that carried a copy finds the quote; the CSV finds the same
        carried = client.get("/search.json", params={"q": "held fares", "outlet": "Island Times"}).json()
        assert [r["id"] for r in carried["rows"]] == [rows[0]["id"]]
        carried_csv = list(csv.DictReader(io.StringIO(
            client.get("/search.csv", params={"q": "held fares", "outlet": "Island Times"}).text)))
        assert [r["id"] for r in carried_csv] == [rows[0]["id"]]
        assert client.get("/search.json", params={"q": "held fares", "outlet": "Coast Courier"}).json()["rows"] == []
        page = client.get("/search", params={"q": "held fares"}, headers={"Accept": "text/html"}).text
        assert "also in 2 other outlets" in page
        wire = client.get(f"/articles/{rows[0]['article_id']}.json").json()
        assert {c["outlet"] for c in wire["copies"]} == {"Island Times", "Valley Gazette", "Regional News Wire"}
        html = client.get(f"/articles/{rows[0]['article_id']}", headers={"Accept": "text/html"}).text
        assert 'id="copies"' in html and "Island Times" in html
        csv_rows = list(csv.DictReader(io.StringIO(client.get("/search.csv", params={"q": "held fares"}).text)))
        assert [(r["speaker"], r["also_in"]) for r in csv_rows] == [("Helen Okafor", "2")]


def test_articles_stored_before_stories_are_signed_and_joined(store: SQLiteStore) -> None:
    with store.transaction() as c:  # as a database from before stories were kept
        c.execute("DELETE FROM article_signatures")
        c.execute("UPDATE articles SET story_id = id")
        c.execute("UPDATE quotes SET copy_of = NULL")
    pipeline.story_index_of(store, {})
    story = _story_of(store)
    assert story["https://islandtimes.example.org/ferry"] == story["https://wire.example.org/ferry"]
    assert store.query("SELECT COUNT(*) AS n FROM quotes WHERE copy_of IS NOT NULL")[0]["n"] > 0
    assert len(store.story_signatures()) == 5
