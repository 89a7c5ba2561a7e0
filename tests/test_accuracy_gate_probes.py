"""The accuracy gate on the probe articles (tests/probes): short articles the developers wrote on issues the dev sets
do not have, with their own reading of each person's side as gold, each run alone as ``onrecord eval people`` runs
the real-news sets. It keeps the reader's readings of them from falling back; floors in tests/floors.json, section
``probes`` (``max_wrong_side`` is a ceiling)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onrecord.eval import realnews as rn

GOLD = Path(__file__).parent / "probes" / "person_stance.json"
FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text("utf-8"))["probes"]


@pytest.fixture(scope="module")
def figures() -> dict[str, float]:
    return dict(rn.evaluate_people(GOLD)["all"])


@pytest.mark.parametrize("measure", ["found", "accuracy", "side_recall"])
def test_probe_articles_stay_above_their_floors(figures: dict[str, float], measure: str) -> None:
    assert figures[measure] >= FLOORS[measure], (measure, figures)


def test_probe_articles_give_no_more_wrong_sides(figures: dict[str, float]) -> None:
    assert figures["wrong_side"] <= FLOORS["max_wrong_side"], figures
