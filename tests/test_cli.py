"""The ``onrecord`` command end to end on a temporary database, through click's CliRunner."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from click.testing import CliRunner, Result

from onrecord.cli import main

from .conftest import STORES

REGISTER = Path(__file__).resolve().parents[1] / "onrecord" / "examples" / "register.json"
ISSUE = "a ban on disposable vapes"

ARTICLE_A = (
    "Vape row at Westminster\n\n"
    "Jane Smith, a Labour MP, said: “We need a ban on disposable vapes now. They are poisoning our children.”\n\n"
    "The Prime Minister, Simon Kettering, told reporters: “I will not support a ban on disposable vapes. "
    "It would punish honest shopkeepers.”\n"
)
ARTICLE_B = (
    "Tory rebel speaks out\n\n"
    "Mark Bellamy, a Conservative MP, told the BBC: “I support a ban on disposable vapes and I will vote for it.”\n\n"
    "Residents in the town were worried about litter on the beach.\n"
)


@pytest.fixture(scope="module", params=STORES)
def cli(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
        module_store_url_for: Callable[[str], str]) -> Any:
    """A database with two articles ingested (with the example register) and one issue, of each kind."""
    root = tmp_path_factory.mktemp("cli")
    articles = root / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text(ARTICLE_A, "utf-8")
    (articles / "b.txt").write_text(ARTICLE_B, "utf-8")
    db = module_store_url_for(request.param)
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(root)  # no stray onrecord.toml
        for name in ("ONRECORD_DB", "ONRECORD_MAX_ARTICLE_BYTES", "ONRECORD_SPACY_MODEL", "ONRECORD_EXTRACTOR",
                     "ONRECORD_STANCE_MODEL", "ONRECORD_BATCH_SIZE", "ONRECORD_PROGRESS"):
            mp.delenv(name, raising=False)

        def run(*args: str) -> Result:
            return runner.invoke(main, ["--db", str(db), "--no-progress", *args], catch_exceptions=False)

        ingested = run("ingest", str(articles), "--register", str(REGISTER), "--format", "json")
        added = run("issue", "add", ISSUE, "--keyword", "vape ban", "--format", "json")
        yield SimpleNamespace(run=run, root=root, db=db, articles=articles, ingested=ingested, added=added)


def ok_json(result: Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_ingest(cli: Any) -> None:
    report = ok_json(cli.ingested)
    assert report["counts"] == {"ok": 2, "empty": 0, "duplicate": 0, "failed": 0}
    assert report["failures"] == []


def test_ingest_again_text_output_is_all_duplicates(cli: Any) -> None:
    result = cli.run("ingest", str(cli.articles))
    assert result.exit_code == 0
    assert result.stdout.strip() == "ok 0, empty 0, duplicate 2, failed 0"


def test_issue_add_and_list(cli: Any) -> None:
    added = ok_json(cli.added)
    assert added["name"] == ISSUE and added["id"]
    (listed,) = ok_json(cli.run("issue", "list", "--format", "json"))
    reading = listed.pop("reading")
    assert listed == {"id": added["id"], "name": ISSUE, "description": "", "keywords": ["vape ban"],
                      "examples_for": [], "examples_against": [], "corrected": []}
    assert reading["action"] == "ban" and reading["direction"] == "removes" and "vape ban" in reading["aliases"]
    text = cli.run("issue", "list")
    assert text.exit_code == 0 and ISSUE in text.stdout


def test_quotes_all(cli: Any) -> None:
    rows = ok_json(cli.run("quotes", "--format", "json"))
    speakers = {r["speaker"] for r in rows}
    assert {"Jane Smith", "Simon Kettering", "Mark Bellamy"} <= speakers
    for r in rows:
        assert {"id", "source", "start", "end", "text", "kind", "speaker", "party"} <= set(r)
        text = (cli.articles / Path(r["source"]).name).read_text("utf-8")
        assert text[r["start"]:r["end"]] == r["text"]


@pytest.mark.parametrize(
    ("args", "check"),
    [
        pytest.param(["--speaker", "Bellamy"], lambda r: r["speaker"] == "Mark Bellamy", id="speaker-surname"),
        pytest.param(["--speaker", "Mr Kettering"], lambda r: r["speaker"] == "Simon Kettering", id="speaker-alias"),
        pytest.param(["--party", "labour"], lambda r: r["party"] == "Labour", id="party-any-case"),
        pytest.param(["--party", "Conservative"], lambda r: r["party"] == "Conservative", id="party"),
        pytest.param(["--issue", ISSUE, "--stance", "support"], lambda r: r["stance"] == "support",
                     id="issue-support"),
        pytest.param(["--issue", ISSUE, "--stance", "oppose"], lambda r: r["stance"] == "oppose"
                     and r["speaker"] == "Simon Kettering", id="issue-oppose"),
        pytest.param(["--search", "poisoning"], lambda r: "poisoning our children" in r["text"], id="search"),
        pytest.param(["--search", "shopkeep"], lambda r: "honest shopkeepers" in r["text"], id="search-prefix"),
    ],
)
def test_quotes_filters(cli: Any, args: list[str], check: Any) -> None:
    everything = ok_json(cli.run("quotes", "--format", "json"))
    rows = ok_json(cli.run("quotes", *args, "--format", "json"))
    assert rows, f"no quotes for {args}"
    assert len(rows) < len(everything)
    assert all(check(r) for r in rows), rows


def test_quotes_issue_adds_stance(cli: Any) -> None:
    rows = ok_json(cli.run("quotes", "--issue", ISSUE, "--format", "json"))
    assert rows and all("stance" in r and "confidence" in r for r in rows)
    bellamy = [r for r in rows if r["speaker"] == "Mark Bellamy"]
    assert bellamy and bellamy[0]["stance"] == "support"


def test_quotes_search_for_absent_word_is_empty(cli: Any) -> None:
    assert ok_json(cli.run("quotes", "--search", "broccoli", "--format", "json")) == []
    text = cli.run("quotes", "--search", "broccoli")
    assert text.exit_code == 0 and text.stdout.strip() == "(no quotes)"


def test_people(cli: Any) -> None:
    people = {p["name"]: p for p in ok_json(cli.run("people", "--format", "json"))}
    assert people["Jane Smith"]["party"] == "Labour"
    assert people["Mark Bellamy"]["party"] == "Conservative"
    assert "Prime Minister" in people["Simon Kettering"]["roles"]
    assert "Mr Kettering" in people["Simon Kettering"]["aliases"]
    assert all(p["quotes"] >= 1 for name, p in people.items()
               if name in {"Jane Smith", "Mark Bellamy", "Simon Kettering"})
    assert all("stance" not in p for p in people.values())


def test_people_with_issue(cli: Any) -> None:
    people = {p["name"]: p for p in ok_json(cli.run("people", "--issue", ISSUE, "--format", "json"))}
    assert people["Jane Smith"]["stance"] == "support"
    assert people["Simon Kettering"]["stance"] == "oppose"
    assert people["Mark Bellamy"]["breaks_with_party"] is True


def test_board(cli: Any) -> None:
    board = ok_json(cli.run("board", "--format", "json"))  # no --issue: the latest issue
    assert board["issue"]["name"] == ISSUE and board["issue"]["id"]
    parties = {g["party"]: g for g in board["parties"]}
    assert {"Labour", "Conservative"} <= set(parties)
    for g in board["parties"]:
        assert {"party", "line", "line_source", "people", "breakers"} <= set(g)
        for p in g["people"]:
            assert p["stance"] in {"support", "oppose", "neutral", "none"}
            assert p["quote"] is None or {"id", "text", "source"} <= set(p["quote"])
    tories = parties["Conservative"]
    assert tories["line"] == "oppose"
    assert tories["breakers"] == ["Mark Bellamy"]
    stances = {p["name"]: p["stance"] for p in tories["people"]}
    assert stances["Mark Bellamy"] == "support" and stances["Simon Kettering"] == "oppose"
    bellamy = next(p for p in tories["people"] if p["name"] == "Mark Bellamy")
    assert "I support a ban" in bellamy["quote"]["text"]


def test_board_text(cli: Any) -> None:
    result = cli.run("board", "--issue", ISSUE)
    assert result.exit_code == 0
    assert f"Issue: {ISSUE}" in result.stdout
    assert "Mark Bellamy  ⚑ breaks with party line" in result.stdout


# ------------------------------------------------------------------ export

CONTRACT_QUOTE = {"start", "end", "text", "kind", "speaker", "mention", "cue", "venue", "stance", "confidence"}
CONTRACT_PERSON = {"name", "aliases", "party", "roles", "stance", "breaks_with_party"}


@pytest.fixture(scope="module")
def exported(cli: Any) -> dict[str, Any]:
    data: dict[str, Any] = ok_json(cli.run("export", "--issue", ISSUE, "--format", "json"))
    return data


def test_export_json_contract(cli: Any, exported: dict[str, Any]) -> None:
    assert {"documents", "people"} <= set(exported)
    assert {Path(d["source"]).name for d in exported["documents"]} == {"a.txt", "b.txt"}
    quotes = [q for d in exported["documents"] for q in d["quotes"]]
    assert len(quotes) >= 3
    for d in exported["documents"]:
        text = Path(d["source"]).read_text("utf-8")
        for q in d["quotes"]:
            assert set(q) >= CONTRACT_QUOTE
            assert q["kind"] in {"direct", "mixed", "indirect", "reported"}
            assert q["stance"] in {"support", "oppose", "neutral", "none"}
            assert 0.0 <= q["confidence"] <= 1.0
            assert text[q["start"]:q["end"]] == q["text"]
            for part in ("mention", "cue"):
                if q[part] is not None:
                    assert {"text", "start", "end"} <= set(q[part])
                    assert text[q[part]["start"]:q[part]["end"]] == q[part]["text"]
    assert any(q["mention"] and q["cue"] for q in quotes)
    assert any(q["venue"] == "BBC" for q in quotes)
    for p in exported["people"]:
        assert set(p) >= CONTRACT_PERSON
        assert isinstance(p["aliases"], list) and isinstance(p["roles"], list)
        assert isinstance(p["breaks_with_party"], bool)
    people = {p["name"]: p for p in exported["people"]}
    assert people["Mark Bellamy"]["breaks_with_party"] is True
    assert exported["issue"]["name"] == ISSUE


def test_export_json_to_file(cli: Any, exported: dict[str, Any]) -> None:
    out = cli.root / "export.json"
    result = cli.run("export", "--issue", ISSUE, "--format", "json", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text("utf-8")) == exported


def test_export_csv(cli: Any, exported: dict[str, Any]) -> None:
    result = cli.run("export", "--issue", ISSUE, "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    header = result.stdout.splitlines()[0].split(",")
    assert {"source", "start", "end", "text", "kind", "speaker", "mention", "cue", "venue", "stance"} <= set(header)
    quotes = [q for d in exported["documents"] for q in d["quotes"]]
    assert len(rows) == len(quotes)
    assert {r["text"] for r in rows} == {q["text"] for q in quotes}
    bellamy = next(r for r in rows if r["speaker"] == "Mark Bellamy")
    assert (bellamy["stance"], bellamy["venue"], bellamy["mention"]) == ("support", "BBC", "Mark Bellamy")


def test_export_jsonl(cli: Any, exported: dict[str, Any]) -> None:
    result = cli.run("export", "--issue", ISSUE, "--format", "jsonl")
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    quotes = [q for d in exported["documents"] for q in d["quotes"]]
    assert len(rows) == len(quotes)
    assert all({"source", "start", "end", "text", "speaker", "stance"} <= set(r) for r in rows)
    assert sorted((r["source"], r["start"]) for r in rows) == sorted(
        (d["source"], q["start"]) for d in exported["documents"] for q in d["quotes"])


def test_export_parquet(cli: Any, exported: dict[str, Any]) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = cli.root / "quotes.parquet"
    result = cli.run("export", "--issue", ISSUE, "--format", "parquet", "-o", str(out))
    assert result.exit_code == 0
    table = pq.read_table(out)
    quotes = [q for d in exported["documents"] for q in d["quotes"]]
    assert table.num_rows == len(quotes)
    assert {"source", "start", "end", "text", "speaker", "stance"} <= set(table.column_names)
    assert sorted(table.column("text").to_pylist()) == sorted(q["text"] for q in quotes)


def test_export_parquet_needs_output(cli: Any) -> None:
    result = cli.run("export", "--format", "parquet")
    assert result.exit_code == 2
    assert "E402" in result.stderr


# ------------------------------------------------------------------ errors


def test_board_unknown_issue_gives_json_error(cli: Any) -> None:
    result = cli.run("board", "--issue", "nope", "--format", "json")
    assert result.exit_code == 2
    assert result.stdout == ""
    err = json.loads(result.stderr)
    assert err["ok"] is False
    assert err["error"]["code"] == "E301"
    assert {"code", "title", "message"} <= set(err["error"])
    assert "nope" in err["error"]["message"]
    assert isinstance(err["status"], int)


def test_board_unknown_issue_text_error(cli: Any) -> None:
    result = cli.run("board", "--issue", "nope")
    assert result.exit_code == 2
    assert result.stderr.startswith("error [E301]")
    assert "hint:" in result.stderr


def test_ingest_only_bad_file_exits_4(cli: Any) -> None:
    bad = cli.root / "bad" / "empty.txt"
    bad.parent.mkdir()
    bad.write_bytes(b"")
    result = cli.run("ingest", str(bad))
    assert result.exit_code == 4  # every item failed
    assert "failed 1" in result.stdout
    assert "E102" in result.stderr and str(bad) in result.stderr


def test_ingest_bad_file_among_good_ones_exits_3(cli: Any) -> None:
    (cli.root / "mixed").mkdir()
    (cli.root / "mixed" / "a.txt").write_text(ARTICLE_A, "utf-8")
    (cli.root / "mixed" / "bad.txt").write_bytes(b"caf\xe9")
    result = cli.run("ingest", str(cli.root / "mixed"), "--format", "json")
    assert result.exit_code == 3, result.output  # some items failed, the others were stored
    report = json.loads(result.stdout)
    assert report["counts"] == {"ok": 0, "empty": 0, "duplicate": 1, "failed": 1}
    assert report["failures"][0]["code"] == "E103"


@pytest.mark.parametrize(("url", "code"), [("mysql://localhost/x", "E201"),
                                         ("postgresql://me:hidden-word@127.0.0.1:1/x", "E208")])
def test_bad_db_url_is_reported(cli: Any, url: str, code: str) -> None:
    result = CliRunner().invoke(main, ["--db", url, "issue", "list"])
    assert result.exit_code == 2
    assert code in result.stderr and "hidden-word" not in result.stderr


# ------------------------------------------------------------------ demo


def test_demo_prints_a_board(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ONRECORD_DB", raising=False)
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "demo.db"), "--no-progress", "demo"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("ingested: ok 3, empty 0, duplicate 0, failed 0")
    assert "Issue: " in out and "== Conservative" in out and "party line:" in out
    assert "Scored against the example's gold:" in out
    assert out.rstrip().endswith(f"Explore it in the browser: onrecord --db {tmp_path / 'demo.db'} serve")
    assert (tmp_path / "demo.db").is_file()


def test_issue_edit_keeps_the_id_and_analyses_again(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE_A, "utf-8")
    db = str(tmp_path / "edit.db")
    runner = CliRunner()

    def run(*args: str) -> Result:
        return runner.invoke(main, ["--db", db, "--no-progress", *args], catch_exceptions=False)

    assert run("ingest", str(tmp_path / "a.txt"), "--register", str(REGISTER)).exit_code == 0
    added = ok_json(run("issue", "add", "a ban on vapes", "--for", "Vapes should be banned", "--format", "json"))
    assert added["examples_for"] == ["Vapes should be banned"] and added["examples_against"] == []
    # re-adding without examples keeps them
    again = ok_json(run("issue", "add", "a ban on vapes", "--description", "UK-wide", "--format", "json"))
    assert again["examples_for"] == ["Vapes should be banned"] and again["description"] == "UK-wide"
    edited = ok_json(run("issue", "edit", added["id"], "--name", ISSUE, "--against", "A ban would punish shops",
                         "--format", "json"))
    assert edited["id"] == added["id"] and edited["name"] == ISSUE
    assert edited["examples_for"] == ["Vapes should be banned"]
    assert edited["examples_against"] == ["A ban would punish shops"]
    (listed,) = ok_json(run("issue", "list", "--format", "json"))
    assert listed == edited
    # the new phrase is what stance is read against: the board has it, with the same people
    board = ok_json(run("board", "--issue", ISSUE, "--format", "json"))
    assert board["issue"]["name"] == ISSUE
    stances = {p["name"]: p["stance"] for g in board["parties"] for p in g["people"]}
    assert stances.get("Jane Smith") == "support" and stances.get("Simon Kettering") == "oppose"
    missing = run("issue", "edit", "no such issue", "--name", "x", "--format", "json")
    assert missing.exit_code != 0 and json.loads(missing.stderr)["error"]["code"] == "E301"
    run("issue", "add", "a sugar tax")
    clash = run("issue", "edit", ISSUE, "--name", "A Sugar Tax", "--format", "json")
    assert clash.exit_code != 0 and json.loads(clash.stderr)["error"]["code"] == "E409"


@pytest.mark.parametrize("kind", STORES)
def test_an_issue_s_reading_is_kept_by_its_analysis_and_shown_without_the_parser(
        kind: str, store_url_for: Callable[[str], str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The reading an issue was analysed with is kept with it: its page and ``issue list`` show it without loading
    the parser (a web server need not hold spaCy); an issue changed since, or analysed before schema 18, is read
    again."""
    from onrecord import pipeline, query
    from onrecord.models import Issue
    from onrecord.stance import proposition
    from onrecord.store import open_store

    (tmp_path / "a.txt").write_text("Councillor Maya Roth said the council must protect the library budget.", "utf-8")
    url = store_url_for(kind)
    assert CliRunner().invoke(main, ["--db", url, "--no-progress", "ingest", str(tmp_path / "a.txt")]).exit_code == 0
    store = open_store(url)
    try:
        iss = pipeline.add_issue(store, "cutting the council's library budget")
        read = proposition.describe(proposition.parse(iss))
        assert store.kept_reading(iss.id) == read and read["action"] == "cut"
        parsed: list[object] = []
        real = proposition.parse
        monkeypatch.setattr(proposition, "parse", lambda issue: parsed.append(issue) or real(issue))
        assert query.board(store, iss.id)["issue"]["reading"] == read
        assert query.issue_row(store, iss)["reading"] == read and parsed == []  # the parser was not asked
        # changed, not yet analysed again: nothing kept, read now
        store.add_issue(Issue(iss.name, keywords=["library cuts"], id=iss.id))
        assert store.kept_reading(iss.id) is None
        assert query.issue_row(store, store.get_issue(iss.id))["reading"]["action"] == "cut" and len(parsed) == 1
        if kind == "sqlite":  # a store from before the reading was kept: the table comes, empty
            with store.transaction() as c:
                c.execute("DROP TABLE issue_readings")
                c.execute("PRAGMA user_version = 17")
            store.close()
            store = open_store(url)
            assert store.kept_reading(iss.id) is None
            assert query.issue_row(store, store.get_issue(iss.id))["reading"]["aliases"] == ["library cuts"]
    finally:
        store.close()


def test_an_issue_s_reading_is_shown_and_can_be_corrected(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Councillor Maya Roth said the council must protect the library budget. "
                                    "Council leader Tom Reed said the library would open at nine.", "utf-8")
    db = str(tmp_path / "reading.db")
    runner = CliRunner()

    def run(*args: str) -> Result:
        return runner.invoke(main, ["--db", db, "--no-progress", *args], catch_exceptions=False)

    assert run("ingest", str(tmp_path / "a.txt")).exit_code == 0
    issue = "cutting the council's library budget"
    added = ok_json(run("issue", "add", issue, "--format", "json"))
    assert added["reading"]["action"] == "cut" and added["reading"]["direction"] == "removes"
    assert added["corrected"] == []
    listed = run("issue", "list")
    assert "read as: cut (takes away)" in listed.stdout

    def roth() -> str:
        board = ok_json(run("board", "--issue", issue, "--format", "json"))
        return next(p["stance"] for g in board["parties"] for p in g["people"] if p["name"] == "Maya Roth")
    assert roth() == "oppose"  # protecting what the cut takes away
    # read the other way round, the same words back it: the correction is stored, shown and analysed again
    fixed = ok_json(run("issue", "edit", added["id"], "--direction", "adds", "--format", "json"))
    assert fixed["corrected"] == ["direction"] and fixed["reading"]["direction"] == "adds"
    assert "brings in*" in run("issue", "list").stdout
    assert roth() == "support"
    board = ok_json(run("board", "--issue", issue, "--format", "json"))
    assert board["issue"]["reading"]["direction"] == "adds" and board["issue"]["corrected"] == ["direction"]
    # an empty value puts back the parse's own reading
    back = ok_json(run("issue", "edit", added["id"], "--direction", "", "--target", "the library budget",
                       "--format", "json"))
    assert back["corrected"] == ["target"] and back["reading"]["direction"] == "removes"
    assert roth() == "oppose"
    # who does it, named by hand: with no side of his own he supports it; her own side stands
    assert back["reading"]["agent"] == ""
    named = ok_json(run("issue", "edit", added["id"], "--agent", "Tom Reed", "--format", "json"))
    assert named["reading"]["agent"] == "Tom Reed" and "agent" in named["corrected"]
    assert "by Tom Reed*" in run("issue", "list").stdout
    board = ok_json(run("board", "--issue", issue, "--format", "json"))
    people = {p["name"]: p for g in board["parties"] for p in g["people"]}
    assert people["Tom Reed"]["stance"] == "support" and roth() == "oppose"
    assert ok_json(run("issue", "edit", added["id"], "--agent", "-", "--format", "json"))["reading"]["agent"] == ""
    board = ok_json(run("board", "--issue", issue, "--format", "json"))
    assert {p["name"]: p["stance"] for g in board["parties"] for p in g["people"]}.get("Tom Reed", "none") == "none"
