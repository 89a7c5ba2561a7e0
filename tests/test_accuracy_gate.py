"""The accuracy gate: the whole pipeline on gold-annotated articles, scored by `onrecord eval`'s code.

Runs on the built-in example (always) and on ../shared/acceptance (or $ONRECORD_ACCEPTANCE) when
present; fails when a score drops below its floor in tests/floors.json.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from onrecord.cli import main, run_on
from onrecord.eval import load_gold, score

from .conftest import EXAMPLES, acceptance_dir

FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text("utf-8"))


def _dataset(name: str) -> Path:
    if name == "examples":
        return EXAMPLES
    d = acceptance_dir()
    if not (d / "gold.json").is_file():
        pytest.skip(f"acceptance folder not found at {d} (set ONRECORD_ACCEPTANCE to the folder with gold.json)")
    return d


_RUNS: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}


def _run(name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    if name not in _RUNS:
        d = _dataset(name)
        gold = load_gold(d / "gold.json")
        pred = run_on(d / "articles", gold["issue"], d / "register.json", {"progress": False})
        _RUNS[name] = (pred, gold)
    return _RUNS[name]


@pytest.mark.parametrize("name", ["examples", "acceptance"])
def test_scores_hold_their_floors(name: str) -> None:
    pred, gold = _run(name)
    report = score(pred, gold).as_dict()
    floors = FLOORS[name]
    for metric in ("quote_f1", "speaker_accuracy", "person_stance_accuracy"):
        floor = max(floors[metric], floors["required"][metric])
        assert report[metric] >= floor, f"{name}: {metric} {report[metric]} < floor {floor}\n{report['errors']}"
    if floors["breaks_exact"]:
        assert report["breaks_exact"], (report["breaks_predicted"], report["breaks_gold"])


@pytest.mark.parametrize("name", ["examples", "acceptance"])
def test_offsets_point_into_the_article(name: str) -> None:
    pred, _ = _run(name)
    d = _dataset(name)
    for doc in pred["documents"]:
        text = (d / "articles" / Path(doc["source"]).name).read_text("utf-8")
        for quote in doc["quotes"]:
            assert text[quote["start"] : quote["end"]] == quote["text"]
            for key in ("mention", "cue"):
                if quote[key]:
                    assert text[quote[key]["start"] : quote[key]["end"]] == quote[key]["text"]


def test_eval_fails_on_a_wrong_answer(tmp_path: Path) -> None:
    pred, gold = _run("examples")
    wrong = copy.deepcopy(pred)
    for doc in wrong["documents"]:
        for quote in doc["quotes"]:
            quote["speaker"] = "Nobody At All"
        doc["quotes"] = doc["quotes"][: len(doc["quotes"]) // 2]
    for person in wrong["people"]:
        person["stance"] = "none"
        person["breaks_with_party"] = False
    bad = score(wrong, gold).as_dict()
    assert bad["speaker_accuracy"] == 0.0
    assert bad["quote_recall"] < 0.7
    assert not bad["breaks_exact"]
    path = tmp_path / "wrong.json"
    path.write_text(json.dumps(wrong), "utf-8")
    runner = CliRunner()
    args = ["eval", "--gold", str(EXAMPLES / "gold.json"), "--pred", str(path), "--min-quote-f1", "0.9",
            "--min-speaker", "0.9", "--min-person-stance", "0.8"]
    result = runner.invoke(main, args)
    assert result.exit_code == 1, result.output
    good = tmp_path / "good.json"
    good.write_text(json.dumps(pred), "utf-8")
    result = runner.invoke(main, [*args[:4], str(good), *args[5:]])
    assert result.exit_code == 0, result.output
