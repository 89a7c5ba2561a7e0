"""Ingest on a Dask cluster (a real distributed.LocalCluster of worker processes): the same export from one
worker and from two, whatever articles each got; a rerun resumes; a failing article fails alone."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from onrecord import pipeline, query, scale
from onrecord.errors import OnrecordError
from onrecord.eval import dedup
from onrecord.ingest.fetch import HTTPStatusError
from onrecord.store import SQLiteStore, open_store

EXAMPLES = Path(__file__).resolve().parents[1] / "onrecord" / "examples"
ISSUE = "a ban on second homes in national parks"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for p in (EXAMPLES / "articles").glob("*.txt"):
        (folder / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    for name, text in dedup.STORIES.items():  # written here: two meetings, each written up twice
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / "copy-of-ferry-a.txt").write_text(dedup.boilerplate(dedup.STORIES["ferry-a"]), encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\xff\xfe not UTF-8 \xff")  # fails as it is read
    # fails on a worker, over its work limit (a sentence of 1,200 words), and the error comes back whole
    (folder / "endless.txt").write_text("Endless\n\n" + "word " * 1200 + "end.\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def clients() -> Iterator[dict[int, Any]]:
    made = {n: scale.client_for(processes=n) for n in (1, 2)}
    try:
        yield made
    finally:
        for c in made.values():
            cluster = c.cluster
            c.close()
            cluster.close()


def _run(tmp: Path, corpus: Path, client: Any, url: str | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
    store = open_store(url) if url else SQLiteStore(str(tmp / "o.db"))
    try:
        reg = pipeline.load_register_into(store, EXAMPLES / "register.json")
        pipeline.add_issue(store, ISSUE)
        report = scale.ingest(store, [corpus], client, register=reg, partition=2)
        return report.as_dict(), query.export_issue(store, ISSUE)
    finally:
        store.close()


def test_one_worker_and_two_give_the_same_export(tmp_path: Path, corpus: Path, clients: dict[int, Any]) -> None:
    assert [len(c.scheduler_info()["workers"]) for c in (clients[1], clients[2])] == [1, 2]
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    one_report, one = _run(tmp_path / "one", corpus, clients[1])
    two_report, two = _run(tmp_path / "two", corpus, clients[2])
    assert one_report["counts"] == two_report["counts"] == {"ok": 8, "empty": 0, "duplicate": 0, "failed": 2}
    assert sorted(f["code"] for f in one_report["failures"]) == ["E103", "E110"]
    assert any("max_sentence_tokens" in f["message"] for f in one_report["failures"])
    assert json.dumps(one, sort_keys=True) == json.dumps(two, sort_keys=True)
    assert {p["name"] for p in one["people"]} >= {"Tom Ashby", "Helen Okafor", "Sam Whitfield"}
    stories = {d["story_id"] for d in one["documents"]}
    assert len(stories) == len(one["documents"]) - 1  # the copy is in the wire story's


def test_two_workers_writing_into_postgresql_give_the_export_of_one_into_sqlite(
        tmp_path: Path, corpus: Path, clients: dict[int, Any], store_url_for: Callable[[str], str]) -> None:
    _, one = _run(tmp_path, corpus, clients[1])
    report, two = _run(tmp_path, corpus, clients[2], store_url_for("postgresql"))
    assert report["counts"] == {"ok": 8, "empty": 0, "duplicate": 0, "failed": 2}
    assert json.dumps(one, sort_keys=True) == json.dumps(two, sort_keys=True)


def test_a_rerun_resumes(tmp_path: Path, corpus: Path, clients: dict[int, Any]) -> None:
    store = SQLiteStore(str(tmp_path / "o.db"))
    try:
        first = scale.ingest(store, [corpus], clients[2], partition=3).as_dict()["counts"]
        again = scale.ingest(store, [corpus], clients[2], partition=3).as_dict()["counts"]
    finally:
        store.close()
    assert first["ok"] == 8 and again == {"ok": 0, "empty": 0, "duplicate": 8, "failed": 2}


def test_coded_errors_cross_processes_whole() -> None:
    import pickle

    err = pickle.loads(pickle.dumps(OnrecordError("E110", "x: too long", hint="raise it", path="x")))
    assert (err.code, err.message, err.hint, err.path, str(err)) == ("E110", "x: too long", "raise it", "x",
                                                                     "[E110] x: too long")
    status = pickle.loads(pickle.dumps(HTTPStatusError("https://a.example/", 503, "busy")))
    assert isinstance(status, HTTPStatusError) and status.http_status == 503 and status.code == "E124"


def test_runs_one_after_another_on_one_cluster(tmp_path: Path, clients: dict[int, Any]) -> None:
    """Each run's shared data has keys of its own: the end of one run (its data released) cancels nothing of the
    next, which sends equal data (the same register, no people known)."""
    for n in range(3):
        folder = tmp_path / f"in{n}"
        folder.mkdir()
        for i, text in enumerate(dedup.generated(4, seed=50 + n)):
            (folder / f"a{i}.txt").write_text(text, encoding="utf-8")
        store = SQLiteStore(":memory:")
        try:
            counts = scale.ingest(store, [folder], clients[1], partition=2).as_dict()["counts"]
        finally:
            store.close()
        assert counts == {"ok": 4, "empty": 0, "duplicate": 0, "failed": 0}, (n, counts)


def test_the_cli_runs_on_a_local_cluster(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from onrecord.cli import main

    db = str(tmp_path / "o.db")
    run = CliRunner().invoke(main, ["--db", db, "--no-progress", "ingest", "--processes", "1",
                                    str(EXAMPLES / "articles")])
    assert run.exit_code == 0, run.output
    assert run.output.startswith("ok 3, empty 0, duplicate 0, failed 0")
    both = CliRunner().invoke(main, ["--db", db, "ingest", "--processes", "2", "--dask", "tcp://127.0.0.1:1",
                                     str(EXAMPLES / "articles")])
    assert both.exit_code == 2 and "not both" in both.output


@pytest.fixture(scope="module")
def threads() -> Iterator[Any]:
    """A cluster of one in-process worker (two threads), where a test can change what the tasks do."""
    import distributed

    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                       dashboard_address="127.0.0.1:0")
    client = distributed.Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def test_an_article_that_loses_its_worker_fails_alone(tmp_path: Path, threads: Any,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in dedup.STORIES.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / "poison.txt").write_text(dedup.STORIES["ferry-a"].replace("Island", "Harbour"), encoding="utf-8")
    real = scale.analyse

    def crashing(articles: list[Any], settings: dict[str, Any], **kw: Any) -> Any:
        if set(settings) != {"max_sentence_tokens"}:  # only what a worker needs is sent: no token, no key
            raise AssertionError(f"settings sent to a worker: {sorted(settings)}")
        if any(a.source.endswith("poison.txt") for a in articles):
            raise RuntimeError("worker lost")  # as a crash or an out-of-memory kill fails the task
        return real(articles, settings, **kw)

    monkeypatch.setattr(scale, "analyse_partition", crashing)
    store = SQLiteStore(str(tmp_path / "o.db"))
    try:
        report = scale.ingest(store, [folder], threads, partition=5,
                              settings={"token": "secret", "llm_key": "sk-x", "max_sentence_tokens": 900}).as_dict()
    finally:
        store.close()
    assert report["counts"] == {"ok": 4, "empty": 0, "duplicate": 0, "failed": 1}
    assert report["failures"][0]["source"].endswith("poison.txt") and "worker lost" in report["failures"][0]["message"]


def test_a_worker_that_cannot_load_stops_the_run(tmp_path: Path, threads: Any) -> None:
    store = SQLiteStore(str(tmp_path / "o.db"))
    try:
        with pytest.raises(OnrecordError) as info:
            scale.ingest(store, [EXAMPLES / "articles"], threads, settings={"spacy_model": "xx_no_such_model"})
    finally:
        store.close()
    assert info.value.code == "E501"


def test_a_scheduler_that_is_not_there_or_has_no_workers() -> None:
    import distributed

    with pytest.raises(OnrecordError) as wrong:
        scale.client_for(address="http://127.0.0.1:8787")
    assert wrong.value.code == "E130"
    empty = distributed.LocalCluster(n_workers=0, processes=False, dashboard_address="127.0.0.1:0")
    try:
        with pytest.raises(OnrecordError) as idle:
            scale.client_for(address=empty.scheduler_address, wait=1.0)
        assert idle.value.code == "E130" and "no worker" in idle.value.message
    finally:
        empty.close()
