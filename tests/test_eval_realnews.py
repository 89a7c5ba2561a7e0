"""The real-news scorers (onrecord eval people / eval scu) on hand-made exports and gold."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from onrecord.errors import OnrecordError
from onrecord.eval import realnews as rn


@pytest.mark.parametrize("pred,gold,ok", [
    ("Sadiq Khan", "Sadiq Khan", True),
    ("Khan", "Sadiq Khan", True),                    # a surname alone: the first name is not given on one side
    ("Sir Keir Starmer", "Keir Starmer", True),      # honorifics dropped
    ("Superintendent Ann Lee", "Ann Lee", True),     # a title before the name dropped
    ("Rep. Ann Cole", "Ann Cole", True),
    ("Sarah Khan", "Sadiq Khan", False),             # both give a first name and they differ
    ("Sadiq", "Sadiq Khan", False),                  # the surname must agree
    ("Oakland", "City of Oakland", True),
    ("ACLU", "ACLU (ACLU of Tennessee)", True),      # what the parenthesis holds is a way of writing it too
    ("ACLU of Tennessee", "ACLU (ACLU of Tennessee)", True),
    ("NFU", "National Farmers’ Union", False),
    ("Bloomberg News/Morning Consult", "Bloomberg News/Morning Consult", True),  # a joint name whole, or a part
    ("Morning Consult", "Bloomberg News/Morning Consult", True),
    ("Lawyers, Kaufman Legal Group", "Lawyers, Kaufman Legal Group", True),
    ("the NFU", "NFU", True),
    ("Jacob Rees-Mogg", "Jacob Rees-Mogg", True),
    ("Rees Mogg", "Jacob Rees-Mogg", False),          # one word against two
    ("Marina Muñoz", "Marina Munoz", True),          # accents ignored
    ("", "Ann Lee", False),
])
def test_names_match(pred: str, gold: str, ok: bool) -> None:
    assert rn.names_match(pred, gold) is ok


def test_find_person_prefers_the_exact_name() -> None:
    people = [{"name": "Khan", "stance": "none", "evidence": []},
              {"name": "Sadiq Khan", "stance": "oppose", "evidence": ["q1"]}]
    hit = rn.find_person(people, "Sadiq Khan")
    assert hit is not None and hit["stance"] == "oppose"
    assert rn.find_person(people, "Imran Khan") is not None  # "Khan" alone may be him
    assert rn.find_person(people, "Ann Lee") is None


def _entry(people: list[dict[str, Any]]) -> rn.GoldEntry:
    return rn.GoldEntry(Path("a.txt"), "a ban on X", people)


def test_people_figures_count_missing_people_as_wrong() -> None:
    gold = [
        {"name": "Ann Lee", "stance": "support", "party": "Labour", "breaks_with_party": True, "confidence": "high"},
        {"name": "Tom Bell", "stance": "oppose", "party": "Labour", "breaks_with_party": False,
         "confidence": "medium"},
        {"name": "Jo Moss", "stance": "none", "party": None, "confidence": "high"},
        {"name": "Ray Hart", "stance": "support", "party": None, "confidence": "high"},
    ]
    export = {"people": [
        {"name": "Ann Lee", "stance": "support", "party": "Labour", "breaks_with_party": True},
        {"name": "Bell", "stance": "support", "party": "Labour", "breaks_with_party": True},
        {"name": "Ray Hart", "stance": "neutral", "party": None},
    ]}
    rows = rn.score_entry(_entry(gold), export)
    f = rn.people_figures(rows)
    assert f["found"] == 0.75
    assert f["accuracy"] == 0.25            # Jo Moss is gold 'none' but not found: wrong
    assert f["side_recall"] == pytest.approx(1 / 3, abs=1e-3)
    assert f["wrong_side"] == 0.5           # Lee right, Bell the wrong side; Hart gave no side
    assert f["breaks"] == {"predicted": 2, "gold": 1, "right": 1, "precision": 0.5, "recall": 1.0,
                           "f1": pytest.approx(0.6667, abs=1e-4)}
    table = rn.confusion(rows)
    assert table["none"]["missing"] == 1 and table["oppose"]["support"] == 1 and table["support"]["neutral"] == 1
    assert rn.people_figures([r for r in rows if r["confidence"] == "high"])["people"] == 3


def test_reliability_bins_the_sides_given_by_their_confidence() -> None:
    rows = [{"gold": "support", "pred": "support", "pred_confidence": 0.8},
            {"gold": "support", "pred": "oppose", "pred_confidence": 0.75},
            {"gold": "oppose", "pred": "oppose", "pred_confidence": 0.4},
            {"gold": "none", "pred": "oppose", "pred_confidence": 0.9},      # no side in the gold: left out
            {"gold": "oppose", "pred": "none", "pred_confidence": 0.0}]      # no side given: left out
    table = {(b["from"], b["to"]): (b["n"], b["right_share"]) for b in rn.reliability(rows)}
    assert table[(0.7, 1.0)] == (2, 0.5) and table[(0.3, 0.5)] == (1, 1.0) and table[(0.0, 0.3)] == (0, None)


def test_parties_compare_by_the_register_s_names(tmp_path: Path) -> None:
    reg = tmp_path / "reg.json"
    reg.write_text(json.dumps({"persons": [], "organizations": [
        {"id": "snp", "name": "Scottish National Party", "classification": "party", "other_names": [{"name": "SNP"}]}],
        "memberships": []}), "utf-8")
    canon = rn.party_names(reg)
    assert canon("SNP") == canon("Scottish National Party") != canon("Labour")
    gold = [{"name": "Ann Lee", "stance": "oppose", "party": "SNP", "confidence": "high"}]
    export = {"people": [{"name": "Ann Lee", "stance": "oppose", "party": "Scottish National Party"}]}
    assert rn.people_figures(rn.score_entry(_entry(gold), export, canon))["party_right"] == 1.0
    assert rn.people_figures(rn.score_entry(_entry(gold), export))["party_right"] == 0.0


def test_load_people_gold_reads_the_manifest_date(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "person_stance.json").write_text(json.dumps({"articles": [
        {"file": "01-x.txt", "issue": "a ban on X", "people": []}],
        "extra_same_article_issues": [{"file": "01-x.txt", "issue": "a tax on Y", "people": []}]}), "utf-8")
    (tmp_path / "manifest.tsv").write_text("file\turl\toutlet\tdate\n01-x.txt\thttp://e.test/1\tThe Test\t2025-01-02\n",
                                           "utf-8")
    entries = rn.load_people_gold(tmp_path / "person_stance.json")
    assert [e.issue for e in entries] == ["a ban on X", "a tax on Y"]
    assert entries[0].meta == {"date": "2025-01-02", "url": "http://e.test/1", "outlet": "The Test"}


@pytest.mark.parametrize("content", ["not json", json.dumps({"articles": [{"file": "a.txt"}]}), json.dumps([])])
def test_a_bad_gold_file_is_e302(tmp_path: Path, content: str) -> None:
    path = tmp_path / "gold.json"
    path.write_text(content, "utf-8")
    with pytest.raises(OnrecordError) as err:
        rn.load_people_gold(path)
    assert err.value.code == "E302" and str(path) in err.value.message


def test_scu_statement_detection_and_names() -> None:
    record = {"id": "1", "quotes": [
        {"quote_text": "a", "quote_span": (100, 200), "source_type_norm": "named_person", "speaker_text": "Ann Lee"},
        {"quote_text": "b", "quote_span": (300, 340), "source_type_norm": "named_person", "speaker_text": "Tom Bell"},
        {"quote_text": "c", "quote_span": (500, 540), "source_type_norm": "named_organization",
         "speaker_text": "City of Oakland"},
        {"quote_text": "d", "quote_span": (700, 760), "source_type_norm": "document", "speaker_text": "Lawsuit"},
        {"quote_text": "e", "quote_span": None, "source_type_norm": "named_person", "speaker_text": "Jo Moss"},
    ]}
    export = {"documents": [{"quotes": [
        {"start": 120, "end": 180, "speaker": "Lee", "kind": "direct"},        # inside: detected, name right
        {"start": 330, "end": 400, "speaker": "Ann Lee", "kind": "indirect"},  # 10 of 40 chars: not detected
        {"start": 505, "end": 535, "speaker": None, "kind": "indirect"},       # detected, no name
        {"start": 690, "end": 800, "speaker": "Bo Fry", "kind": "reported"},   # a document: name not scored
    ]}]}
    rows = rn.score_scu_article(record, export)
    assert [r["detected"] for r in rows] == [True, False, True, True, False]
    assert [r["name"] for r in rows] == ["right", None, "none", None, None]
    f = rn.scu_figures(rows)
    assert f["detection"] == 0.6 and f["named_detected"] == 2
    assert (f["name_accuracy"], f["wrong_name"], f["no_name"]) == (0.5, 0.0, 0.5)


def test_false_merges_flags_two_people_in_one_record() -> None:
    people = [
        {"id": "a", "name": "Ann Lee", "aliases": ["Lee", "Ms Lee"]},
        {"id": "b", "name": "Tom Bell", "aliases": ["Bell", "Sarah Bell"]},      # two first names: merged
        {"id": "c", "name": "Jo Moss", "aliases": ["Joanne Moss"]},              # not gold, but two first names
    ]
    found = rn.false_merges(people, ["Ann Lee", "Tom Bell", "Sarah Bell"])
    assert [(f["id"], f["gold"]) for f in found] == [("b", ["Sarah Bell", "Tom Bell"]), ("c", [])]
