"""The accuracy gate on PolNeAR dev: quote and speaker-mention quality on real news nobody here wrote.

Runs the extractor named in tests/floors.json (``polnear_dev``) on all 84 dev articles (about two
minutes on 2 cores) and fails when a score drops below its floor. The corpus is read from
../shared/data/polnear (or $ONRECORD_POLNEAR); without it the test is skipped with the reason.
Same numbers as ``python -m onrecord.eval.polnear --split dev --extractor … --attributions …``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from onrecord.eval.polnear import OnrecordPredictor, default_root, load_split, score_polnear

FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text("utf-8"))["polnear_dev"]


@pytest.fixture(scope="module")
def scores() -> dict[str, dict[str, Any]]:
    root = default_root()
    if not (root / "dev" / "attributions").is_dir():
        pytest.skip(f"PolNeAR not found at {root} (set ONRECORD_POLNEAR to the folder with dev/)")
    docs = load_split(root, "dev")
    predictor = OnrecordPredictor(extractor=FLOORS["extractor"], attributions=FLOORS["attributions"])
    predictor.warm([d.text for d in docs], progress=False)
    assert not predictor.failures, predictor.failures[:3]
    return {"all": score_polnear(docs, predictor), "speech": score_polnear(docs, predictor, speech_only=True)}


def _metrics(s: dict[str, dict[str, Any]]) -> dict[str, float]:
    return {
        "content_jaccard_f1": s["all"]["content_jaccard"]["f1"],
        "content_exact_f1": s["all"]["content_exact"]["f1"],
        "speech_cue_recall_jaccard": s["all"]["recall_speech_cue"]["jaccard"],
        "mention_overlaps_source": s["all"]["mention_overlaps_gold_source"]["fraction"],
        "source_jaccard_f1": s["all"]["source_jaccard"]["f1"],
        "cue_jaccard_f1": s["all"]["cue_jaccard"]["f1"],
    }


@pytest.mark.parametrize("metric", sorted(FLOORS["floors"]))
def test_polnear_dev_holds_its_floor(scores: dict[str, dict[str, Any]], metric: str) -> None:
    got = _metrics(scores)[metric]
    assert got >= FLOORS["floors"][metric], f"PolNeAR dev {metric} {got:.4f} < floor {FLOORS['floors'][metric]}"


def test_the_gate_covers_the_whole_split(scores: dict[str, dict[str, Any]]) -> None:
    assert scores["all"]["articles"] == 84
    assert scores["all"]["gold_attributions"] > 2000
    assert scores["speech"]["gold_in_scope"] < scores["all"]["gold_in_scope"]
