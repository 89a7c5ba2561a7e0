"""The accuracy gate on real news nobody here wrote (../shared/data/realnews, or $ONRECORD_REALNEWS).

Three runs, each as `onrecord eval people` / `onrecord eval scu` make them (every article alone in a fresh store):
the UK and US person-level sets (people found, stance accuracy, side recall, wrong side, party-line breaks) and the
SCU sourcing gold (statement detection, speaker names right / wrong). Floors are in tests/floors.json, section
``realnews``; a ``max_`` floor is a ceiling (the wrong-side and wrong-name rates). One more check ingests every dev
article into one store: no person record may hold two different people. Skipped with the reason when the data is
absent.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from onrecord.eval import realnews as rn

FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text("utf-8"))["realnews"]
_RUNS: dict[str, dict[str, Any]] = {}


def _root() -> Path:
    root = rn.realnews_root()
    if not (root / "uk" / "person_stance.json").is_file() or not (root / "scu" / "load.py").is_file():
        pytest.skip(f"realnews not found at {root} (set ONRECORD_REALNEWS to the folder with uk/ and scu/)")
    return root


def _figures(name: str) -> dict[str, Any]:
    if name not in _RUNS:
        root = _root()
        if name == "scu":
            _RUNS[name] = rn.evaluate_scu(root / "scu")
        else:
            res = rn.evaluate_people(root / ("uk" if name == "uk" else "scu") / "person_stance.json")
            _RUNS[name] = {**res["all"], "breaks_f1": res["all"]["breaks"]["f1"]}
    return _RUNS[name]


GATES = [(name, metric) for name in ("uk", "scu_people", "scu") for metric in sorted(FLOORS[name])]


@pytest.mark.parametrize("name,metric", GATES)
def test_realnews_holds_its_floor(name: str, metric: str) -> None:
    figures = _figures(name)
    floor = FLOORS[name][metric]
    if metric.startswith("max_"):
        got = figures[metric[4:]]
        assert got <= floor, f"realnews {name} {metric[4:]}: {got:.4f} > ceiling {floor}"
    else:
        got = figures[metric]
        assert got >= floor, f"realnews {name} {metric}: {got:.4f} < floor {floor}"


def test_no_person_record_holds_two_people() -> None:
    res = rn.evaluate_merges(_root())
    assert res["people"] > 100
    assert not res["false_merges"], res["false_merges"]


def test_the_cli_reports_scu_as_json_and_gates_it() -> None:
    from click.testing import CliRunner

    from onrecord.cli import main

    root = _root()
    args = ["eval", "scu", "--root", str(root / "scu"), "--limit", "1", "--format", "json"]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["articles"] == 1 and 0 < data["detection"] <= 1 and "rows" not in data
    assert data["command"].startswith("onrecord eval scu")
    res = CliRunner().invoke(main, [*args, "--min-detection", "1.01"])
    assert res.exit_code == 1 and "below the required scores" in res.output
