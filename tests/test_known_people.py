"""The built-in list of well-known people: a full name on the article's day gives a party the article did not."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from onrecord import pipeline, query
from onrecord.resolve import known
from onrecord.store import SQLiteStore, open_store


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


def _ingest(tmp_path: Path, text: str, published: str | None, register: dict[str, Any] | None = None,
            **settings: str) -> SQLiteStore:
    """A store holding ``text`` alone, published on ``published``, read with ``register`` (a Popolo dict) if any."""
    store = open_store(":memory:")
    reg = None
    if register is not None:
        (tmp_path / "reg.json").write_text(json.dumps(register), "utf-8")
        reg = pipeline.load_register_into(store, tmp_path / "reg.json")
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"text": text, "published": published}) + "\n", "utf-8")
    pipeline.ingest(store, [src], register=reg, settings={"extractor": "rules.v1", **settings})
    return store


def _parties(tmp_path: Path, text: str, published: str, **settings: str) -> dict[str, str | None]:
    return {p["name"]: p["party"] for p in query.people(_ingest(tmp_path, text, published, **settings))}


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


@pytest.mark.parametrize("office,day,holder", [
    ("chancellor", "2023-06-01", "Jeremy Hunt"),
    ("chancellor", "2025-01-29", "Rachel Reeves"),
    ("home secretary", "2023-06-01", "Suella Braverman"),
    ("home secretary", "2024-01-16", "James Cleverly"),
    # the first day out is another's
    ("transport secretary", "2024-11-29", "Heidi Alexander"),
    ("shadow chancellor", "2025-01-29", "Mel Stride"),
])
def test_the_holder_of_an_office_on_the_day(office: str, day: str, holder: str) -> None:
    assert known.offices_on(day)[office].name == holder


def test_every_office_row_is_well_formed_and_one_holder_a_day() -> None:
    rows = known.offices("uk")
    assert rows and all(r.office == r.office.lower() and r.since for r in rows)
    for r in rows:
        assert r.until is None or r.since is not None and r.since < r.until, r
        # no two holders of one office on the same day
        assert not [o for o in rows if o.office == r.office and o != r and o.held_on(r.since)], r


def _speakers(tmp_path: Path, text: str, published: str | None) -> dict[str, str | None]:
    return {q.span.text: q.speaker for q in _ingest(tmp_path, text, published).quotes()}


def test_the_office_s_holder_on_the_day_speaks_where_the_article_names_no_one(tmp_path: Path) -> None:
    text = "The runway was approved on Tuesday. The chancellor said the runway would create jobs."
    assert _speakers(tmp_path, text, "2025-01-29")["the runway would create jobs"] == "Rachel Reeves"
    assert _speakers(tmp_path, text, "2023-06-01")["the runway would create jobs"] == "Jeremy Hunt"
    # not on a day the article does not give
    assert _speakers(tmp_path, text, None)["the runway would create jobs"] is None
    # the holder the article names comes first
    named = "Chancellor Ann Lee approved the runway. The chancellor said the runway would create jobs."
    assert _speakers(tmp_path, named, "2025-01-29")["the runway would create jobs"] == "Ann Lee"


def test_the_office_is_not_its_shadow(tmp_path: Path) -> None:
    # "the chancellor" is not the shadow chancellor the article names later
    text = ("The runway was approved on Tuesday. The chancellor said the runway would create jobs.\n\n"
            "Shadow chancellor Tom Bell said the plan was late.")
    assert _speakers(tmp_path, text, None)["the runway would create jobs"] is None


def test_a_minister_named_without_their_office_sets_the_government_s_line(tmp_path: Path) -> None:
    # Rachel Reeves held the office of chancellor on the day: her side is the government's, and a Labour MP on the
    # other side breaks with it
    register = {"persons": [{"id": "keir-starmer", "name": "Keir Starmer"}],
                "organizations": [{"id": "labour", "name": "Labour Party", "classification": "party"},
                                  {"id": "gov", "name": "UK Government", "classification": "executive"}],
                "memberships": [{"person_id": "keir-starmer", "organization_id": "labour", "role": "Leader",
                                 "start_date": "2020-04-04"},
                                {"member": {"@type": "Organization", "id": "labour"}, "organization_id": "gov",
                                 "role": "governing party", "start_date": "2024-07-05"}]}
    text = ("Rachel Reeves said the third runway was vital for growth.\n\n"
            "Labour MP Tom Bell said the third runway would be a disaster.")
    store = _ingest(tmp_path, text, "2025-01-29", register, stance_model="rules.v2")
    pipeline.add_issue(store, "a third runway at Heathrow", settings={"extractor": "rules.v1",
                                                                       "stance_model": "rules.v2"})
    data = query.export_issue(store, "a third runway at Heathrow")
    lines = {line["party"]: (line["stance"], line["source"]) for line in data["party_lines"]}
    assert lines.get("Labour") == ("support", "government: Rachel Reeves"), lines
    assert [p["name"] for p in data["people"] if p["breaks_with_party"]] == ["Tom Bell"], data["people"]
