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


def test_without_the_encoder_it_adds_nothing_and_tries_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import onrecord.encoder

    calls = []

    def no_torch(texts: list[str], **_: object) -> list[list[float]]:
        calls.append(texts)
        raise ImportError("no torch")

    monkeypatch.setattr(onrecord.encoder, "embed", no_torch)
    learned, lexicon = LearnedValence(), {"harm": -2.5}
    assert learned.extend(lexicon, ["A detrimental plan."]) == {}
    assert learned.extend(lexicon, ["An endangering plan."]) == {}
    assert lexicon == {"harm": -2.5} and len(calls) == 1
