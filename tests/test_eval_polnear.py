"""PolNeAR loader and scorer on a tiny hand-written brat fixture (no corpus needed)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from onrecord.errors import OnrecordError
from onrecord.eval.polnear import PolnearDoc, is_speech_cue, load_split, main, normalise, quote_kind, score_polnear
from onrecord.models import Mention, Quote, Span

ART1 = (
    "Roads to be fixed\n"
    'Mayor Jo Bell said: "We will fix the roads." She added that the work starts in May.\n'
    "Residents fear that the cost will rise.\n"
)
ART2 = (
    "Library stays open\n"
    '"The library stays," the council said, "and so do the staff."\n'
    "According to a survey, most readers are happy.\n"
)


def _find(text: str, sub: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(sub, i + 1)
    return i, i + len(sub)


def _t(tid: str, label: str, text: str, *pieces: tuple[int, int]) -> str:
    offs = ";".join(f"{s} {e}" for s, e in pieces)
    return f"{tid}\t{label} {offs}\t" + " ".join(text[s:e] for s, e in pieces)


def _ann1(text: str) -> str:
    src, cue = _find(text, "Mayor Jo Bell"), _find(text, "said")
    content = _find(text, '"We will fix the roads."')
    she, added, ind = _find(text, "She"), _find(text, "added"), _find(text, "that the work starts in May")
    res, fear, cost = _find(text, "Residents"), _find(text, "fear"), _find(text, "that the cost will rise")
    return "\n".join([
        _t("T1", "Source", text, src), _t("T2", "Cue", text, cue), _t("T3", "Content", text, content),
        _t("T4", "Attribution", text, cue), "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        _t("T5", "Source", text, she), _t("T6", "Cue", text, added), _t("T7", "Content", text, ind),
        _t("T8", "Attribution", text, added), "E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5",
        _t("T9", "Source", text, res), _t("T10", "Cue", text, fear), _t("T11", "Content", text, cost),
        _t("T12", "Attribution", text, fear), "E3\tAttribution:T12 Content:T11 Cue:T10 Source:T9",
        _t("T13", "Discard", text, _find(text, "Roads to be fixed")),
        "#1\tAnnotatorNotes T13\ta headline",
    ]) + "\n"


def _ann2(text: str) -> str:
    c1, c2 = _find(text, '"The library stays,"'), _find(text, '"and so do the staff."')
    src, cue = _find(text, "the council"), _find(text, "said")
    acc, survey, happy = _find(text, "According to"), _find(text, "a survey"), _find(text, "most readers are happy")
    return "\n".join([
        _t("T1", "Content", text, c1, c2), _t("T2", "Source", text, src), _t("T3", "Cue", text, cue),
        _t("T4", "Attribution", text, cue), "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2",
        _t("T5", "Cue", text, acc), _t("T6", "Source", text, survey), _t("T7", "Content", text, happy),
        _t("T8", "Attribution", text, acc), "E2\tAttribution:T8 Content:T7 Cue:T5 Source:T6",
    ]) + "\n"


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    for split in ("dev",):
        (tmp_path / split / "text").mkdir(parents=True)
        (tmp_path / split / "attributions").mkdir(parents=True)
    d = tmp_path / "dev"
    (d / "text" / "demo_2020-01-01_roads.txt").write_text(ART1, "utf-8")
    (d / "text" / "demo_2020-01-02_library.txt").write_text(ART2, "utf-8")
    (d / "attributions" / "demo_2020-01-01_roads_b111.ann").write_text(_ann1(ART1), "utf-8")
    # second annotators with higher ids (string order: "9f00" < "a000"): not read
    (d / "attributions" / "demo_2020-01-01_roads_c222.ann").write_text("E1\tAttribution:T1\n", "utf-8")
    (d / "attributions" / "demo_2020-01-02_library_9f00.ann").write_text(_ann2(ART2), "utf-8")
    (d / "attributions" / "demo_2020-01-02_library_a000.ann").write_text("", "utf-8")
    return tmp_path


def test_loader_spans_kinds_and_annotator(corpus: Path) -> None:
    docs = load_split(corpus, "dev")
    assert [d.id for d in docs] == ["demo_2020-01-01_roads", "demo_2020-01-02_library"]
    roads, lib = docs
    assert (roads.annotator, lib.annotator) == ("b111", "9f00")  # lowest id; the others are empty or broken
    assert roads.text == ART1
    direct, indirect, fear = roads.attributions
    assert direct.content_hull == _find(ART1, '"We will fix the roads."')
    assert direct.content_text == '"We will fix the roads."'
    assert (direct.kind, direct.cue_text, direct.source_text, direct.speech_cue) == ("direct", "said", "Mayor Jo Bell",
                                                                                     True)
    assert (indirect.kind, indirect.cue_text, indirect.speech_cue) == ("indirect", "added", True)
    assert (fear.kind, fear.cue_text, fear.speech_cue) == ("indirect", "fear", False)
    assert len(roads.attributions) == 3  # the Discard span and the note are not attributions

    split, survey = lib.attributions
    assert split.content == (_find(ART2, '"The library stays,"'), _find(ART2, '"and so do the staff."'))
    assert split.content_hull == (split.content[0][0], split.content[1][1])
    assert split.content_text == '"The library stays," ... "and so do the staff."'
    assert split.kind == "direct" and split.source_text == "the council"
    assert (survey.kind, survey.cue_text, survey.source_text, survey.speech_cue) == (
        "indirect", "According to", "a survey", True)
    assert survey.source == (_find(ART2, "a survey"),)


def test_loader_limit_and_mixed(tmp_path: Path) -> None:
    (tmp_path / "train" / "text").mkdir(parents=True)
    (tmp_path / "train" / "attributions").mkdir(parents=True)
    text = 'Title\nThe chief said the plan was "a total mess" and must go.\n'
    for name in ("a_1", "b_1", "c_1", "d_1"):
        (tmp_path / "train" / "text" / f"{name}.txt").write_text(text, "utf-8")
        content = _find(text, 'the plan was "a total mess" and must go')
        ann = "\n".join([_t("T1", "Cue", text, _find(text, "said")), _t("T2", "Content", text, content),
                         _t("T3", "Attribution", text, _find(text, "said")),
                         "E1\tAttribution-no-source:T3 Content:T2 Cue:T1"])
        (tmp_path / "train" / "attributions" / f"{name}_0a0a.ann").write_text(ann, "utf-8")
    docs = load_split(tmp_path, "train", limit=2)
    assert [d.id for d in docs] == ["a_1", "c_1"]  # spread over the split, not the first two
    att = docs[0].attributions[0]
    assert att.kind == "mixed" and att.source is None and att.source_text is None


def test_a_missing_split_is_an_error_naming_the_folder(tmp_path: Path) -> None:
    with pytest.raises(OnrecordError) as err:
        load_split(tmp_path, "train")
    assert err.value.code == "E101" and str(tmp_path / "train" / "attributions") in str(err.value)


def test_kind_and_speech_cue_helpers() -> None:
    text = "He said ''We are ready.'' and she said it was \u201cfine\u201d by her."
    direct = _find(text, "We are ready.")  # the marks just outside the span count
    assert quote_kind(text, [direct]) == "direct"
    assert quote_kind(text, [_find(text, "it was \u201cfine\u201d by her")]) == "mixed"
    assert quote_kind(text, [_find(text, "it was")]) == "indirect"
    assert quote_kind(text, [direct, _find(text, "it was")]) == "mixed"
    assert normalise(text, direct[0] - 2, direct[1] + 2, content=True) == (direct[0], direct[1] - 1)
    assert [is_speech_cue(c) for c in ("has said", "according to", "In a statement", "fears", "shows", None)] == [
        True, True, True, False, False, False]


def _perfect(doc: PolnearDoc) -> list[Quote]:
    out = []
    for a in doc.attributions:
        s, e = a.content_hull
        q = Quote("x", Span(doc.text[s:e], s, e), a.kind)  # type: ignore[arg-type]
        if a.cue_hull:
            cs, ce = a.cue_hull
            q.cue = Span(doc.text[cs:ce], cs, ce)
        if a.source_hull:
            ss, se = a.source_hull
            q.mention = Mention(Span(doc.text[ss:se], ss, se), "name")
        out.append(q)
    return out


def test_perfect_and_empty_predictors(corpus: Path) -> None:
    docs = load_split(corpus, "dev")
    by_text = {d.text: _perfect(d) for d in docs}
    res = score_polnear(docs, lambda t: by_text[t])
    for key in ("content_exact", "content_jaccard", "cue_exact", "cue_jaccard", "source_exact", "source_jaccard"):
        assert res[key]["f1"] == 1.0, key
    assert res["recall_by_gold_kind"]["direct"] == {"gold": 2, "exact": 1.0, "jaccard": 1.0}
    assert res["mention_overlaps_gold_source"]["fraction"] == 1.0
    assert res["gold_attributions"] == 5 and res["gold_speech_cue"] == 4

    empty = score_polnear(docs, lambda t: [])
    assert empty["content_jaccard"]["recall"] == 0.0 and empty["content_exact"]["recall"] == 0.0
    assert empty["predicted"] == 0 and empty["content_jaccard"]["precision"] == 0.0


def test_speech_only_restricts_recall_gold(corpus: Path) -> None:
    docs = load_split(corpus, "dev")
    # predict only the "fear" attribution (not speech) and the direct quote
    preds: dict[str, list[Quote]] = {d.text: [] for d in docs}
    roads = docs[0]
    preds[roads.text] = [q for q in _perfect(roads) if q.kind == "direct" or "cost" in q.span.text]
    full = score_polnear(docs, lambda t: preds[t])
    speech = score_polnear(docs, lambda t: preds[t], speech_only=True)
    assert full["content_exact"]["recall"] == pytest.approx(2 / 5, abs=1e-4)
    assert speech["content_exact"]["recall"] == pytest.approx(1 / 4, abs=1e-4)
    assert full["content_exact"]["precision"] == speech["content_exact"]["precision"] == 1.0


def _const(quotes: list[Quote]) -> Callable[[str], list[Quote]]:
    return lambda text: quotes


def test_normalisation_and_shifted_span(corpus: Path) -> None:
    docs = load_split(corpus, "dev")
    roads = docs[0]
    direct = roads.attributions[0]
    s, e = direct.content_hull
    # onrecord leaves the quote marks and the final stop outside: still an exact match
    inner = Quote("x", Span("We will fix the roads", s + 1, e - 2), "direct")
    assert normalise(roads.text, s, e, content=True) == normalise(roads.text, s + 1, e - 2, content=True)
    assert normalise("x That's it.", 2, 12, content=True) == (2, 11)  # a demonstrative stays
    assert normalise("x that it is.", 2, 13, content=True) == (7, 12)
    # indirect without "that" also matches exactly
    ind = roads.attributions[1]
    no_that = Quote("x", Span("", ind.content_hull[0] + 5, ind.content_hull[1]), "indirect")
    # shifted by 6 characters: Jaccard >= 0.5 but not exact
    shifted = Quote("x", Span("", s + 6, e + 6), "direct")
    for q, exact in ((inner, 1.0), (no_that, 1.0), (shifted, 0.0)):
        res = score_polnear([roads], _const([q]))
        assert res["content_jaccard"]["precision"] == 1.0
        assert res["content_exact"]["precision"] == exact
    res = score_polnear([roads], lambda t: [shifted])
    assert res["content_jaccard"]["recall"] == pytest.approx(1 / 3, abs=1e-4)
    assert res["recall_by_gold_kind"]["direct"]["exact"] == 0.0
    assert res["precision_by_predicted_kind"]["direct"] == {"predicted": 1, "exact": 0.0, "jaccard": 1.0}


def test_cue_and_source_on_matched_pairs(corpus: Path) -> None:
    docs = load_split(corpus, "dev")
    roads = docs[0]
    q = _perfect(roads)[0]
    cs, ce = roads.attributions[0].cue_hull or (0, 0)
    q.cue = Span("", cs + 1, ce)  # one character short: Jaccard, not exact
    q.mention = Mention(Span("Jo Bell", *_find(ART1, "Jo Bell")), "continuation")  # inside "Mayor Jo Bell"
    res = score_polnear([roads], lambda t: [q])
    assert res["cue_exact"]["tp_pred"] == 0 and res["cue_jaccard"]["tp_pred"] == 1
    assert res["source_jaccard"]["tp_pred"] == 1 and res["source_exact"]["tp_pred"] == 0
    assert res["continuation"]["predicted"] == 1 and res["continuation"]["source_jaccard"] == 1
    assert res["mention_overlaps_gold_source"]["overlapping"] == 1


def test_main_needs_the_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--split", "dev", "--root", str(tmp_path)]) == 2
    assert "no PolNeAR dev split" in capsys.readouterr().err


@pytest.mark.parametrize("attributions,finds_fear", [("speech", False), ("all", True)])
def test_onrecord_eval_polnear_on_the_fixture(corpus: Path, attributions: str, finds_fear: bool) -> None:
    import json

    from click.testing import CliRunner

    from onrecord.cli import main as cli

    result = CliRunner().invoke(cli, ["--no-progress", "eval", "polnear", "--root", str(corpus), "--split", "dev",
                                      "--extractor", "hybrid.v1", "--attributions", attributions, "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["extractor"] == "hybrid.v1" and out["attributions"] == attributions
    assert out["all"]["articles"] == 2 and out["all"]["gold_attributions"] == 5
    # the direct quote of the mayor and the council's split quote are found whatever the mode
    assert out["all"]["recall_by_gold_kind"]["direct"]["jaccard"] == 1.0
    # "Residents fear that the cost will rise" is a belief: reported only with attributions=all
    assert (out["all"]["recall_by_gold_kind"]["indirect"]["jaccard"] == 1.0) is finds_fear
