"""The accuracy gate on the probe articles (tests/probes), each run alone as ``onrecord eval people`` runs the
real-news sets: ``person_stance.json``, short articles the developers wrote on issues the dev sets do not have, with
their own reading of each person's side as gold; ``blind_*``, ``blind2_*`` and ``heldout_*``, realistic articles
written by helper sessions that had not seen the code, with their gold (the UK ones with a register of their own, and
party lines and breaks). The ``heldout_*`` sets are for measuring only: their errors are not read. It keeps the
readings of them from falling back; floors in tests/floors.json, one section per set (``max_wrong_side`` is a
ceiling)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from onrecord.eval import realnews as rn

PROBES = Path(__file__).parent / "probes"
SETS = {"probes": PROBES / "person_stance.json",
        **{f"probes_{name}": PROBES / name / "person_stance.json"
           for name in ("blind_us", "blind_uk", "blind2_us", "blind2_uk", "heldout_us", "heldout_uk")}}
FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text("utf-8"))


@pytest.fixture(scope="module", params=sorted(SETS))
def figures(request: Any) -> tuple[str, dict[str, float]]:
    got = rn.evaluate_people(SETS[request.param])["all"]
    return request.param, {**got, "breaks_f1": got["breaks"]["f1"]}


@pytest.mark.parametrize("measure", ["found", "accuracy", "side_recall", "breaks_f1"])
def test_probe_articles_stay_above_their_floors(figures: tuple[str, dict[str, float]], measure: str) -> None:
    name, got = figures
    floor = FLOORS[name].get(measure)
    if floor is None:
        pytest.skip(f"{name} has no floor for {measure}")
    assert got[measure] >= floor, (name, measure, got)


def test_probe_articles_give_no_more_wrong_sides(figures: tuple[str, dict[str, float]]) -> None:
    name, got = figures
    assert got["wrong_side"] <= FLOORS[name]["max_wrong_side"], (name, got)
