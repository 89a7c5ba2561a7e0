"""The accuracy gate on PolNeAR dev: quote and speaker-mention quality on real news nobody here wrote.

Runs each extractor named in tests/floors.json (``polnear_dev``: hybrid.v1; ``polnear_dev_v2``: the default
hybrid.v2, which adds the MiniLM span tagger) on all 84 dev articles (about a minute each on 2 cores) and fails
when a score drops below its floor. The corpus is read from
../shared/data/polnear (or $ONRECORD_POLNEAR); without it the test is skipped with the reason.
Same numbers as ``python -m onrecord.eval.polnear --split dev --extractor … --attributions …``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from onrecord.eval.polnear import OnrecordPredictor, default_root, load_split, score_polnear

ALL_FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text("utf-8"))
SECTIONS = ("polnear_dev", "polnear_dev_v2")
GATES = [(section, metric) for section in SECTIONS for metric in sorted(ALL_FLOORS[section]["floors"])]
_SCORES: dict[str, dict[str, dict[str, Any]]] = {}


def scores_for(section: str) -> dict[str, dict[str, Any]]:
    """The section's extractor run once over PolNeAR dev (cached for the module's tests)."""
    if section in _SCORES:
        return _SCORES[section]
    root = default_root()
    if not (root / "dev" / "attributions").is_dir():
        pytest.skip(f"PolNeAR not found at {root} (set ONRECORD_POLNEAR to the folder with dev/)")
    floors = ALL_FLOORS[section]
    docs = load_split(root, "dev")
    predictor = OnrecordPredictor(extractor=floors["extractor"], attributions=floors["attributions"])
    predictor.warm([d.text for d in docs], progress=False)
    assert not predictor.failures, predictor.failures[:3]
    _SCORES[section] = {"all": score_polnear(docs, predictor),
                        "speech": score_polnear(docs, predictor, speech_only=True)}
    return _SCORES[section]


def _metrics(s: dict[str, dict[str, Any]]) -> dict[str, float]:
    return {
        "content_jaccard_f1": s["all"]["content_jaccard"]["f1"],
        "content_exact_f1": s["all"]["content_exact"]["f1"],
        "speech_cue_recall_jaccard": s["all"]["recall_speech_cue"]["jaccard"],
        "mention_overlaps_source": s["all"]["mention_overlaps_gold_source"]["fraction"],
        "source_jaccard_f1": s["all"]["source_jaccard"]["f1"],
        "cue_jaccard_f1": s["all"]["cue_jaccard"]["f1"],
    }


@pytest.mark.parametrize("section,metric", GATES)
def test_polnear_dev_holds_its_floor(section: str, metric: str) -> None:
    got = _metrics(scores_for(section))[metric]
    floor = ALL_FLOORS[section]["floors"][metric]
    extractor = ALL_FLOORS[section]["extractor"]
    assert got >= floor, f"PolNeAR dev {metric} with {extractor}: {got:.4f} < floor {floor}"


def test_the_gate_covers_the_whole_split() -> None:
    scores = scores_for("polnear_dev")
    assert scores["all"]["articles"] == 84
    assert scores["all"]["gold_attributions"] > 2000
    assert scores["speech"]["gold_in_scope"] < scores["all"]["gold_in_scope"]
