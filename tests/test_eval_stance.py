"""Stance benchmark loaders, splits and scorer on small hand-written files in the GWSD/VAST formats; the CLI.

The tests at the end read the real train files (../shared/data/stance or $ONRECORD_STANCE_DATA): they skip
when the folder is absent, and fail under CI=true, where ../shared is always beside the checkout.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from onrecord.cli import main
from onrecord.eval.stance import (
    GWSD_PROPOSITION,
    StanceExample,
    bucket,
    default_root,
    evaluate,
    format_score,
    load_gwsd,
    load_split,
    load_vast,
    reliability_svg,
    score_stance,
    split_gwsd,
    split_vast,
    subsample,
)
from onrecord.models import StanceLabel

from .conftest import EXAMPLES

GWSD_COLS = ["", "round", "batch", "sent_id", "sentence", *[f"worker_{i}" for i in range(8)], "disagree", "agree",
             "neutral", "guid", "in_held_out_test"]
VAST_COLS = ["author", "post", "ori_topic", "ori_id", "new_topic", "label", "type_idx", "new_id", "arc_id", "text",
             "pos_text", "text_s", "topic", "topic_str", "seen?", "contains_topic?"]
HELD_OUT = "THIS HELD-OUT SENTENCE MUST NEVER BE LOADED"


def _topics(lo: int, hi: int, n: int) -> list[str]:
    """The first ``n`` made-up topic names whose split bucket is in [lo, hi)."""
    out = [t for t in (f"made-up topic {i}" for i in range(400)) if lo <= bucket(t) < hi]
    return out[:n]


def write_gwsd(folder: Path) -> Path:
    rows = []
    probs = {"support": ("0.1", "0.8", "0.1"), "oppose": ("0.7", "0.1", "0.2"), "neutral": ("0.2", "0.2", "0.6")}
    for i in range(40):
        label = ("support", "oppose", "neutral")[i % 3]
        d, a, n = probs[label]
        rows.append([str(i), "1", str(i // 10), f"id{i}", f"Sentence number {i} about the warming climate.",
                     *["neutral"] * 8, d, a, n, f"guid-{i}", "False"])
    rows.append(["40", "1", "4", "id40", "A tie between agree and disagree.", *["neutral"] * 8, "0.4", "0.4",
                 "0.2", "guid-40", "False"])
    rows.append(["41", "1", "4", "id41", HELD_OUT, *["agrees"] * 8, "0.0", "1.0", "0.0", "guid-41", "True"])
    rows.append(["42", "1", "4", "s1", "A screening item with no posterior.", *["agrees"] * 8, "", "", "",
                 "guid-42", "False"])
    path = folder / "gwsd" / "GWSD.tsv"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter="\t")
        w.writerow(GWSD_COLS)
        w.writerows(rows)
    return path


def write_vast(folder: Path) -> Path:
    dev, calib, train = _topics(0, 18, 3), _topics(18, 28, 2), _topics(28, 100, 6)
    rows = []
    n = 0

    def add(post_id: str, post: str, topic: str, label: str, type_idx: str = "1") -> None:
        nonlocal n
        n += 1
        rows.append(["someone", post, topic, post_id, topic, label, type_idx, str(n), "arc1", post, "", "", topic,
                     topic, "1", "1"])

    for i, topic in enumerate(dev + calib + train):
        add(f"p{i}", f"Comment {i}: I am all for {topic}, it is long overdue.", topic, "1")
        add(f"q{i}", f"Comment {i}b: {topic} is a terrible idea.", topic, "0")
        add(f"r{i}", f"Comment {i}c: the weather, again.", topic, "2", "4")
    # one comment paired with a dev topic and a train topic: its train row must not be trained on
    add("shared", "A comment with two topics, for and against.", dev[0], "1")
    add("shared", "A comment with two topics, for and against.", train[0], "0")
    path = folder / "vast" / "vast_train.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(VAST_COLS)
        w.writerows(rows)
    return path


@pytest.fixture
def data(tmp_path: Path) -> Path:
    write_gwsd(tmp_path)
    write_vast(tmp_path)
    return tmp_path


def test_bucket_is_a_stable_sha1_bucket() -> None:
    assert bucket("climate") == int("9d7ccb90", 16) % 100  # sha1("climate") starts 9d7ccb90
    assert all(0 <= bucket(f"k{i}") < 100 for i in range(200))


def test_gwsd_loader_drops_held_out_and_screening_rows(data: Path) -> None:
    rows = load_gwsd(data)
    assert len(rows) == 41
    assert all(HELD_OUT not in r.text for r in rows)
    assert {r.topic for r in rows} == {GWSD_PROPOSITION}
    by_id = {r.id: r for r in rows}
    assert by_id["gwsd:guid-0"].gold == "support"
    assert by_id["gwsd:guid-1"].gold == "oppose"
    assert by_id["gwsd:guid-2"].gold == "neutral"
    assert by_id["gwsd:guid-40"].gold == "oppose"  # a tie goes to the first column (disagree), as idxmax
    assert "gwsd:guid-42" not in by_id


def test_vast_loader_maps_labels_and_topics(data: Path) -> None:
    rows = load_vast(data)
    assert len(rows) == 35
    first = rows[0]
    assert first.gold == "support" and first.topic in first.text and first.group == first.topic.lower()
    assert rows[1].gold == "oppose" and rows[2].gold == "neutral" and rows[2].synthetic
    assert not rows[0].synthetic


def test_splits_are_disjoint_deterministic_and_cover_train(data: Path) -> None:
    g = load_gwsd(data)
    dev, train = split_gwsd(g, "dev"), split_gwsd(g, "train")
    assert dev and train and len(dev) + len(train) == len(g)
    assert not {r.id for r in dev} & {r.id for r in train}
    assert [r.id for r in dev] == [r.id for r in split_gwsd(load_gwsd(data), "dev")]
    assert all(bucket(r.group) < 20 for r in dev)
    calib, fit = split_gwsd(g, "calib"), split_gwsd(g, "fit")
    assert {r.id for r in calib} | {r.id for r in fit} == {r.id for r in train}
    assert not {r.id for r in calib} & {r.id for r in fit}

    v = load_vast(data)
    vdev, vtrain = split_vast(v, "dev"), split_vast(v, "train")
    assert {r.topic for r in vdev} == set(_topics(0, 18, 3))
    assert not {r.group for r in vdev} & {r.group for r in vtrain}  # topic-disjoint
    assert not {r.post for r in vdev} & {r.post for r in vtrain}  # and no dev comment is trained on
    assert len(vdev) == 10 and len(vtrain) == 24  # 35 rows: the shared comment's train row is left out
    assert {r.topic for r in split_vast(v, "calib")} == set(_topics(18, 28, 2))
    assert len(split_vast(v, "fit")) == 18
    assert load_split("vast", "dev", data, limit=4) == subsample(vdev, 4)
    assert len(subsample(vdev, 4)) == 4 and subsample(vdev, 4) == subsample(list(reversed(vdev)), 4)


def _ex(gold: str, i: int) -> StanceExample:
    return StanceExample(f"x{i}", f"text {i}", "topic", gold, "topic")  # type: ignore[arg-type]


def _lab(stance: str, conf: float, i: int) -> StanceLabel:
    return StanceLabel(f"q{i}", "issue", stance, conf, "why", "test")  # type: ignore[arg-type]


def test_scorer_on_a_hand_computed_example() -> None:
    gold = ["support", "support", "oppose", "neutral", "neutral", "oppose"]
    pred = [("support", 0.9), ("oppose", 0.8), ("oppose", 0.7), ("none", 0.95), ("support", 0.6), ("oppose", 0.55)]
    sc = score_stance([_ex(g, i) for i, g in enumerate(gold)], [_lab(s, c, i) for i, (s, c) in enumerate(pred)],
                      model="m", dataset="d", split="dev")
    d = sc.as_dict()
    assert d["n"] == 6 and d["accuracy"] == pytest.approx(4 / 6, abs=1e-4)
    pc = d["per_class"]
    assert pc["support"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "n": 2}
    assert pc["oppose"] == {"precision": 0.6667, "recall": 1.0, "f1": 0.8, "n": 2}
    assert pc["neutral"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "n": 2}
    assert d["macro_f1"] == pytest.approx((0.5 + 0.8 + 2 / 3) / 3, abs=1e-4)
    assert d["confusion"]["neutral"] == {"support": 1, "oppose": 0, "neutral": 0, "none": 1}
    assert d["confusion"]["support"] == {"support": 1, "oppose": 1, "neutral": 0, "none": 0}
    assert d["abstained"] == 1
    rel = {b["bin"]: b for b in d["reliability"]}
    assert rel["0.9-1.0"] == {"bin": "0.9-1.0", "n": 2, "confidence": 0.925, "accuracy": 1.0}
    assert rel["0.8-0.9"]["accuracy"] == 0.0 and rel["0.5-0.6"]["n"] == 1 and rel["0.0-0.1"]["n"] == 0
    assert d["ece"] == pytest.approx(2.3 / 6, abs=1e-4)
    text = format_score(sc)
    assert "macro-F1 0.656" in text and "0.9-1.0  n     2  conf 0.925  acc 1.000" in text


def test_reliability_diagram_draws_each_bin_and_escapes_its_title(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    gold = ["support", "support", "oppose", "neutral", "neutral", "oppose"]
    pred = [("support", 0.9), ("oppose", 0.8), ("oppose", 0.7), ("none", 0.95), ("support", 0.6), ("oppose", 0.55)]
    sc = score_stance([_ex(g, i) for i, g in enumerate(gold)], [_lab(s, c, i) for i, (s, c) in enumerate(pred)],
                      model="<m&n>", dataset="d", split="dev")
    svg = ET.fromstring(reliability_svg(sc))  # well-formed XML, so the model name was escaped
    ns = "{http://www.w3.org/2000/svg}"
    bars = [r for r in svg.iter(f"{ns}rect") if r.get("class") == "bar"]
    assert [(float(b.get("data-accuracy", "")), int(b.get("data-n", ""))) for b in bars] == [
        (1.0, 1), (0.0, 1), (1.0, 1), (0.0, 1), (1.0, 2)]  # bins 0.5 to 0.9; the 0.6 and 0.8 ones are wrong
    heights = [float(b.get("height", "")) for b in bars]
    assert heights[1] == heights[3] == 0.0 and heights[0] == heights[2] == heights[4] > 0
    assert len([c for c in svg.iter(f"{ns}circle")]) == len(bars)
    assert "<m&n> on d dev" in (svg.find(f"{ns}title").text or "")  # type: ignore[union-attr]


def test_cli_writes_the_reliability_diagram(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "rel.svg"
    res = CliRunner().invoke(main, ["eval", "stance", "--dataset", "gwsd", "--data", str(data), "--model",
                                    "rules.v1", "--plot", str(out)])
    assert res.exit_code == 0, res.output
    assert out.read_text("utf-8").startswith("<svg") and "rules.v1 on gwsd dev" in out.read_text("utf-8")
    res = CliRunner().invoke(main, ["eval", "stance", "--dataset", "acceptance", "--plot", str(tmp_path / "x.svg")])
    assert res.exit_code == 2 and "--plot" in res.output and not (tmp_path / "x.svg").exists()


def test_scorer_refuses_mismatched_lengths() -> None:
    with pytest.raises(ValueError):
        score_stance([_ex("support", 0)], [])


def test_evaluate_rules_on_the_fixture(data: Path) -> None:
    sc = evaluate("rules.v1", "vast", "dev", root=data)
    assert sc.n == 10 and sc.model == "rules.v1"
    assert sum(sum(row.values()) for row in sc.confusion.values()) == 10


def test_cli_eval_stance_json(data: Path) -> None:
    res = CliRunner().invoke(main, ["eval", "stance", "--dataset", "gwsd", "--data", str(data), "--model",
                                    "rules.v1", "--format", "json"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.output)
    assert d["model"] == "rules.v1" and d["dataset"] == "gwsd" and d["split"] == "dev"
    assert d["n"] == len(split_gwsd(load_gwsd(data), "dev"))
    res = CliRunner().invoke(main, ["eval", "stance", "--dataset", "vast", "--data", str(data), "--model",
                                    "rules.v1", "--min-macro-f1", "0.99"])
    assert res.exit_code == 1 and "below the required scores" in res.output
    assert "reliability" in res.output


def test_cli_eval_stance_unknown_model_and_missing_data(data: Path, tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["eval", "stance", "--dataset", "gwsd", "--data", str(data), "--model", "nope"])
    assert res.exit_code == 2 and "E402" in res.output
    res = CliRunner().invoke(main, ["eval", "stance", "--dataset", "gwsd", "--data", str(tmp_path / "none")])
    assert res.exit_code == 2 and "E101" in res.output


def test_cli_old_eval_invocation_still_works(tmp_path: Path) -> None:
    pred = tmp_path / "pred.json"
    pred.write_text(json.dumps({"documents": [], "people": []}), "utf-8")
    gold = str(EXAMPLES / "gold.json")
    res = CliRunner().invoke(main, ["eval", "--gold", gold, "--pred", str(pred)])
    assert res.exit_code == 0, res.output
    assert res.output.startswith("quotes     P")
    res = CliRunner().invoke(main, ["eval", "--gold", gold, "--pred", str(pred), "--format", "json",
                                    "--min-quote-f1", "0.5"])
    assert res.exit_code == 1 and '"quote_f1": 0.0' in res.output
    res = CliRunner().invoke(main, ["eval"])
    assert res.exit_code == 2 and "E302" in res.output
    res = CliRunner().invoke(main, ["eval", "--help"])
    assert res.exit_code == 0 and "stance" in res.output and "--gold" in res.output


# --- the real train files ------------------------------------------------------------------------------------

def real_data() -> Path:
    root = default_root()
    if not (root / "gwsd" / "GWSD.tsv").is_file() or not (root / "vast" / "vast_train.csv").is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"stance data not found at {root}; CI has ../shared/data/stance beside the checkout")
        pytest.skip(f"stance data not found at {root} (set ONRECORD_STANCE_DATA to the folder with gwsd/, vast/)")
    return root


def test_real_train_files_load_as_documented() -> None:
    root = real_data()
    g = load_gwsd(root)
    assert len(g) == 1850
    assert {k: sum(r.gold == k for r in g) for k in ("support", "oppose", "neutral")} == \
        {"support": 701, "oppose": 361, "neutral": 788}
    v = load_vast(root)
    assert len(v) == 13477
    assert {k: sum(r.gold == k for r in v) for k in ("support", "oppose", "neutral")} == \
        {"support": 5327, "oppose": 5595, "neutral": 2555}
    gdev, gtrain = split_gwsd(g, "dev"), split_gwsd(g, "train")
    assert len(gdev) == 341 and not {r.text for r in gdev} & {r.text for r in gtrain}
    vdev, vtrain = split_vast(v, "dev"), split_vast(v, "train")
    assert len(vdev) == 2792 and len(vtrain) == 5740
    assert not {r.group for r in vdev} & {r.group for r in vtrain}
    assert not {r.post for r in vdev} & {r.post for r in vtrain}
