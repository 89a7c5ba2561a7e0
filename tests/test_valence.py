"""The learned valence lexicon (onrecord.stance.valence): words VADER lacks, read by the encoder we ship."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onrecord.stance.valence import DEFAULT_PATH, THRESHOLD, LearnedValence

pytest.importorskip("torch")


@pytest.fixture(scope="module")
def learned() -> LearnedValence:
    return LearnedValence()


@pytest.mark.parametrize("word,sign", [("endangering", -1), ("detrimental", -1), ("misguided", -1),
                                       ("overreach", -1), ("flourishing", 1), ("breakthrough", 1)])
def test_judging_words_vader_lacks_get_their_sign(learned: LearnedValence, word: str, sign: int) -> None:
    v = learned.scores([word])[word]
    assert abs(v) >= THRESHOLD and (v > 0) == (sign > 0), v


@pytest.mark.parametrize("word", ["table", "november", "company", "council", "ballot", "chairman", "license"])
def test_plain_words_get_no_valence(learned: LearnedValence, word: str) -> None:
    assert abs(learned.scores([word])[word]) < THRESHOLD


def test_extend_adds_only_clear_words_the_lexicon_lacks(learned: LearnedValence) -> None:
    lexicon = {"harm": -2.5}
    added = learned.extend(lexicon, ["A detrimental plan would harm the council's ballot."])
    assert "detrimental" in added and lexicon["detrimental"] < 0
    assert lexicon["harm"] == -2.5  # VADER's own words stand
    assert "council" not in lexicon and "ballot" not in lexicon


def test_the_weights_file_records_how_it_held_out() -> None:
    model = json.loads(Path(DEFAULT_PATH).read_text(encoding="utf-8"))
    assert len(model["weights"]) == 384
    held = model["held_out"][str(THRESHOLD)]
    assert held["vader_sign_right"] >= 0.95 and held["plain_given"] <= 0.05, held


def test_each_call_to_the_encoder_truncates_at_its_own_length() -> None:
    from onrecord.encoder import embed

    long_text = "The council met on Tuesday. " * 6 + "Then it voted to close the harbour for the whole of the summer."
    embed(["harbour"], max_len=8)  # a short limit first must not carry over to the next call
    full, cut = embed([long_text])[0], embed([long_text], max_len=8)[0]
    assert sum(a * b for a, b in zip(full, cut, strict=True)) < 0.99


def test_without_the_encoder_it_adds_only_the_table_s_words_and_tries_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import onrecord.encoder

    calls = []

    def no_torch(texts: list[str], **_: object) -> list[list[float]]:
        calls.append(texts)
        raise ImportError("no torch")

    monkeypatch.setattr(onrecord.encoder, "embed", no_torch)
    learned, lexicon = LearnedValence(table=None), {"harm": -2.5}
    assert learned.extend(lexicon, ["A detrimental plan."]) == {}
    assert learned.extend(lexicon, ["An endangering plan."]) == {}
    assert lexicon == {"harm": -2.5} and len(calls) == 1
    # with the table, its words are learned all the same; a word it lacks is not
    calls.clear()
    added = LearnedValence().extend(lexicon, ["A detrimental plan by Zorblat."])
    assert set(added) == {"detrimental"} and len(calls) == 1

def test_the_embeddings_come_back_in_the_order_given_whatever_their_lengths() -> None:
    from onrecord.encoder import embed

    texts = ["A much longer sentence about the council's plan to close the harbour for the summer.", "Short.",
             "A middling sentence on the harbour."]
    together = embed(texts, batch=2)
    for text, vector in zip(texts, together, strict=True):
        assert vector == pytest.approx(embed([text])[0], abs=1e-5)


def test_the_shipped_table_was_made_with_the_shipped_weights_and_gives_what_the_encoder_gives() -> None:
    from onrecord.stance.valence import TABLE_PATH, weights_digest

    data = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
    assert data["weights_sha1"] == weights_digest()  # refit the weights, then run scripts/valence_table.py
    clear, plain = LearnedValence().table()
    assert len(clear) > 500 and len(plain) > 30000
    fresh = LearnedValence(table=None)
    for word in ["detrimental", "misguided", "table", "council"]:
        assert word in clear or word in plain
        v = fresh.scores([word])[word]
        if word in clear:
            assert clear[word] == pytest.approx(v, abs=1e-4)
        else:
            assert abs(v) < THRESHOLD


def test_the_table_s_words_need_no_encoder_and_other_words_do(monkeypatch: pytest.MonkeyPatch) -> None:
    learned = LearnedValence()
    clear, _ = learned.table()
    asked: list[list[str]] = []
    scores = learned.scores

    def counting(words: list[str]) -> dict[str, float]:
        asked.append(list(words))
        return scores(words)

    monkeypatch.setattr(learned, "scores", counting)
    lexicon: dict[str, float] = {}
    added = learned.extend(lexicon, ["A detrimental plan for the council, said Zorblat Quennick."])
    assert "detrimental" in clear and added["detrimental"] == round(clear["detrimental"] * 4, 3)
    assert asked == [["quennick", "zorblat"]]  # names no vocabulary holds go through the encoder


def test_a_table_made_with_other_weights_is_not_read(tmp_path: Path) -> None:
    from onrecord.stance.valence import TABLE_PATH

    data = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
    data["weights_sha1"] = "0" * 40
    (tmp_path / "t.json").write_text(json.dumps(data), encoding="utf-8")
    assert LearnedValence(table=tmp_path / "t.json").table() == ({}, frozenset())
    assert LearnedValence(table=tmp_path / "missing.json").table() == ({}, frozenset())


@pytest.mark.parametrize("word,base,opposite", [
    # a word the lexicon lacks that is "un" and a word of clear good valence is its opposite
    ("unjustified", "justified", True), ("unwise", "wise", True), ("unhelpful", "helpful", True),
    # ... not a word whose base is plain or bad, nor a preposition
    ("unbiased", "biased", False), ("unlike", "like", False), ("unfold", "fold", False),
])
def test_a_word_made_the_opposite_of_a_good_word(learned: LearnedValence, word: str, base: str,
                                                  opposite: bool) -> None:
    lexicon = {"justified": 1.7, "wise": 2.1, "helpful": 1.8, "biased": -1.8, "like": 1.5}
    added = learned.extend(lexicon, [f"The council called the plan {word}."])
    if opposite:
        assert added[word] == pytest.approx(-0.8 * lexicon[base]) and lexicon[word] < 0
    else:
        assert word not in added or added[word] != pytest.approx(-0.8 * lexicon.get(base, 0.0))
