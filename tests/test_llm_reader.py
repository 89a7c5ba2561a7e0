"""llm-reader.v1 against a local stub of an OpenAI-compatible chat endpoint (127.0.0.1 only): one request per
article and issue, evidence checked against the article, actors joined to the people layer or added as reported
statements, answers cached, the budget kept, and eval people scoring it."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from onrecord import pipeline, query
from onrecord.errors import OnrecordError
from onrecord.eval import realnews as rn
from onrecord.stance.llm_reader import locate, same_name
from onrecord.store import open_store

ARTICLE = ("The council voted on Tuesday to cut the library budget by a third.\n\n"
           "“These cuts are cruel and will close every branch,” said Owen Pike, a Green councillor.\n\n"
           "Mayor Ann Lee backed the cuts at the meeting.\n\n"
           "The residents' group Friends of Elm Library has been handing out leaflets against the closures.")
ISSUE = "cutting the council's library budget"
ACTORS = [
    {"name": "Owen Pike", "kind": "person", "party": "Green", "stance": "oppose",
     "evidence": "These cuts are cruel"},
    {"name": "Ann Lee", "kind": "person", "party": None, "stance": "support",
     "evidence": "Mayor Ann Lee backed the cuts"},
    {"name": "Friends of Elm Library", "kind": "organisation", "party": None, "stance": "oppose",
     "evidence": "has been handing out leaflets against the closures"},
    {"name": "Zed Fake", "kind": "person", "party": None, "stance": "support",
     "evidence": "words that the article never says"},
    {"name": "Ida Vague", "kind": "person", "party": None, "stance": "unsure", "evidence": "voted on Tuesday"},
]


class Stub(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests: list[dict[str, Any]] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"


class Handler(BaseHTTPRequestHandler):
    server: Stub

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        return

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append(body)
        user = body["messages"][-1]["content"]
        actors = ACTORS if "library" in user else []
        content = "```json\n" + json.dumps({"actors": actors}) + "\n```"
        out = json.dumps({"choices": [{"index": 0, "message": {"role": "assistant", "content": content}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)


@pytest.fixture
def stub(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Stub]:
    server = Stub()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("ONRECORD_LLM_URL", server.url)
    monkeypatch.setenv("ONRECORD_LLM_MODEL", "stub-model")
    monkeypatch.setenv("ONRECORD_LLM_CACHE", str(tmp_path / "llm-cache.db"))
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


SETTINGS = {"stance_model": "llm-reader.v1", "extractor": "rules.v1"}


def _store(tmp_path: Path) -> Any:
    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    store = open_store(str(tmp_path / "t.db"))
    pipeline.ingest(store, [tmp_path / "a.txt"], settings=SETTINGS)
    return store


def test_the_reader_reads_each_article_once_and_joins_its_actors(stub: Stub, tmp_path: Path) -> None:
    store = _store(tmp_path)
    pipeline.add_issue(store, ISSUE, settings=SETTINGS)
    assert len(stub.requests) == 1
    assert "Article:\nThe council voted" in stub.requests[0]["messages"][-1]["content"]
    data = query.export_issue(store, ISSUE)
    people = {p["name"]: p for p in data["people"]}
    assert people["Owen Pike"]["stance"] == "oppose"
    assert people["Ann Lee"]["stance"] == "support"
    # an organisation the extractor never found: a reported statement with the article's own words and offsets
    friends = people["Friends of Elm Library"]
    assert friends["stance"] == "oppose" and friends["kind"] == "organisation"
    quotes = [q for d in data["documents"] for q in d["quotes"]]
    theirs = [q for q in quotes if q["speaker"] == "Friends of Elm Library"]
    assert len(theirs) == 1 and theirs[0]["kind"] == "reported"
    assert ARTICLE[theirs[0]["start"]:theirs[0]["end"]] == "has been handing out leaflets against the closures"
    assert theirs[0]["stance_model"] == "llm-reader.v1/stub-model"
    # evidence the article does not hold, and no position, leave an actor out
    assert "Zed Fake" not in people and "Ida Vague" not in people
    # a second run of the same issue is answered from the cache, and adds no statement twice
    pipeline.analyze(store, store.get_issue(ISSUE), settings=SETTINGS)
    assert len(stub.requests) == 1
    again = [q for d in query.export_issue(store, ISSUE)["documents"] for q in d["quotes"]]
    assert len(again) == len(quotes)


def test_the_budget_is_kept(stub: Stub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = _store(tmp_path)
    monkeypatch.setenv("ONRECORD_LLM_BUDGET", "0")
    with pytest.raises(OnrecordError) as err:
        pipeline.add_issue(store, ISSUE, settings=SETTINGS)
    assert err.value.code == "E401" and not stub.requests


def test_eval_people_scores_the_reader(stub: Stub, tmp_path: Path) -> None:
    folder = tmp_path / "gold"
    (folder / "articles").mkdir(parents=True)
    (folder / "articles" / "01-library.txt").write_text(ARTICLE, "utf-8")
    (folder / "person_stance.json").write_text(json.dumps({"articles": [{"file": "01-library.txt", "issue": ISSUE,
                                                                          "people": [
        {"name": "Owen Pike", "stance": "oppose", "party": "Green", "confidence": "high"},
        {"name": "Friends of Elm Library", "stance": "oppose", "party": None, "confidence": "high"},
        {"name": "Ann Lee", "stance": "support", "party": None, "confidence": "high"}]}]}), "utf-8")
    res = rn.evaluate_people(folder / "person_stance.json", settings={"stance_model": "llm-reader.v1"})
    assert res["stance_model"] == "llm-reader.v1"
    assert res["all"]["found"] == 1.0 and res["all"]["accuracy"] == 1.0
    assert "--model llm-reader.v1" in res["command"]


@pytest.mark.parametrize("evidence,found", [
    ("These cuts are cruel", "These cuts are cruel"),
    ("these  CUTS are cruel.", "These cuts are cruel"),
    # straight quote marks match curly ones; marks at the ends are left off
    ('"These cuts are cruel and will close every branch," said', "These cuts are cruel and will close every "
                                                                  "branch,” said"),
    ("residents' group", "residents' group"),
    ("words that are not there", None),
    ("", None),
])
def test_evidence_is_located_in_the_article(evidence: str, found: str | None) -> None:
    where = locate(evidence, ARTICLE)
    assert (ARTICLE[where[0]:where[1]] if where else None) == found


@pytest.mark.parametrize("a,b,same", [
    ("Ann Lee", "Mayor Ann Lee", True), ("Lee", "Ann Lee", True), ("Ann Lee", "Tom Lee", False),
    ("Ms Lee", "Ann Lee", True), ("Friends of Elm Library", "the Friends of Elm Library", True),
    ("Elm Library", "Friends of Elm Library", False),
])
def test_names_join_only_the_same_person(a: str, b: str, same: bool) -> None:
    assert same_name(a, b) is same
