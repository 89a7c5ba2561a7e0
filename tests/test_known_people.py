"""The built-in list of well-known people: a full name on the article's day gives a party the article did not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onrecord import pipeline, query
from onrecord.resolve import known
from onrecord.store import open_store


@pytest.mark.parametrize("name,day,party", [
    ("Rachel Reeves", "2025-01-29", "Labour"),
    ("Iain Duncan Smith", None, "Conservative"),
    # a change of party: the one held on the day, the latest without a day
    ("Lee Anderson", "2024-01-16", "Conservative"),
    ("Lee Anderson", "2024-03-01", "Independent"),
    ("Lee Anderson", "2024-04-20", "Reform UK"),
    ("Lee Anderson", None, "Reform UK"),
    # a surname alone, or someone the list does not know, gets nothing
    ("Reeves", "2025-01-29", None),
    ("Ann Lee", "2025-01-29", None),
])
def test_party_on_the_day(name: str, day: str | None, party: str | None) -> None:
    assert known.party_on(name, day) == party


def test_every_row_is_well_formed() -> None:
    rows = json.loads((Path(known.__file__).parent / "known_uk.json").read_text("utf-8"))["people"]
    parties = {"Labour", "Conservative", "Liberal Democrats", "SNP", "Green", "Reform UK", "Plaid Cymru", "Independent"}
    assert rows and all(r["party"] in parties for r in rows)
    for r in rows:  # a dated row runs forward
        assert r.get("since") is None or r.get("until") is None or r["since"] < r["until"], r


def _parties(tmp_path: Path, text: str, published: str, **settings: str) -> dict[str, str | None]:
    store = open_store(":memory:")
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"text": text, "published": published}) + "\n", "utf-8")
    pipeline.ingest(store, [src], settings={"extractor": "rules.v1", **settings})
    return {p["name"]: p["party"] for p in query.people(store)}


def test_an_article_s_people_get_the_party_they_held_that_day(tmp_path: Path) -> None:
    text = "Lee Anderson said the plan was a disgrace. Rachel Reeves said it would go ahead."
    got = _parties(tmp_path, text, "2024-01-16")
    assert got["Lee Anderson"] == "Conservative" and got["Rachel Reeves"] == "Labour", got
    assert _parties(tmp_path, text, "2024-04-20")["Lee Anderson"] == "Reform UK"
    # what the article says comes first
    said = _parties(tmp_path, "Reform UK's Lee Anderson said the plan was a disgrace.", "2024-01-16")
    assert said["Lee Anderson"] == "Reform UK", said
    # and the lists can be switched off
    assert _parties(tmp_path, text, "2024-01-16", known_people="")["Lee Anderson"] is None
