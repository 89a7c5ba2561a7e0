"""One person across articles, parties and offices from the register and from the text."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from onrecord import pipeline, query
from onrecord.errors import OnrecordError
from onrecord.resolve.register import load_register
from onrecord.store import open_store

from .conftest import STORES

REGISTER = {
    "persons": [{"id": "ann-lee", "name": "Ann Lee", "honorific_prefix": "Dame"}],
    "organizations": [
        {"id": "lab", "name": "Labour Party", "classification": "party", "other_names": [{"name": "Labour"}]},
        {"id": "gov", "name": "Government", "classification": "executive",
         "other_names": [{"name": "Downing Street"}]},
    ],
    "memberships": [
        {"person_id": "ann-lee", "organization_id": "lab", "role": "Leader"},
        {"person_id": "ann-lee", "organization_id": "gov", "role": "Prime Minister"},
        {"member": {"@type": "Organization", "id": "lab"}, "organization_id": "gov", "role": "governing party"},
    ],
}

ARTICLE_A = ("Dame Ann Lee defended the plan on Monday.\n\n"
             "The Prime Minister said: “A national levy on sugar is not the answer.”\n\n"
             "Transport minister Raj Patel told LBC that the levy would hurt shops.")
ARTICLE_B = ("Lee faced questions in the Commons.\n\n"
             "“We will not introduce a levy,” the PM said.\n\n"
             "Mr Patel said: “I agree with her.”")


@pytest.fixture(scope="module", params=STORES)
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
          module_store_url_for: Callable[[str], str]) -> object:
    d = tmp_path_factory.mktemp("resolve")
    (d / "reg.json").write_text(json.dumps(REGISTER), "utf-8")
    arts = d / "articles"
    arts.mkdir()
    (arts / "a.txt").write_text(ARTICLE_A, "utf-8")
    (arts / "b.txt").write_text(ARTICLE_B, "utf-8")
    st = open_store(module_store_url_for(request.param))
    reg = pipeline.load_register_into(st, d / "reg.json")
    pipeline.ingest(st, [arts], register=reg)
    return st


def test_one_person_across_articles(store: object) -> None:
    people = {p["name"]: p for p in query.people(store)}  # type: ignore[arg-type]
    assert "Ann Lee" in people
    # two quotes (one in each article, joined through the register) and one reported position ("defended the plan")
    assert people["Ann Lee"]["quotes"] == 3
    assert not {"Lee", "Dame Ann Lee", "the PM"} & set(people)
    assert people["Ann Lee"]["party"] == "Labour"
    assert "Prime Minister" in people["Ann Lee"]["roles"]


def test_minister_takes_governing_party_and_role_from_text(store: object) -> None:
    people = {p["name"]: p for p in query.people(store)}  # type: ignore[arg-type]
    patel = people["Raj Patel"]
    assert patel["party"] == "Labour"
    assert any("minister" in r for r in patel["roles"])
    # "Mr Patel" in the other article is a surname alone: it may be someone else, so it stays apart
    assert patel["quotes"] == 1
    assert people["Patel"]["quotes"] == 1


def _ingest(tmp_path: Path, articles: list[str]) -> dict[str, dict[str, Any]]:
    d = tmp_path / "arts"
    d.mkdir()
    for k, text in enumerate(articles):
        (d / f"{k}.txt").write_text(text, "utf-8")
    st = open_store(str(tmp_path / "t.db"))
    pipeline.ingest(st, [d])
    return {p["id"]: p for p in query.people(st)}  # type: ignore[arg-type]


@pytest.mark.parametrize("first,second,together", [
    # the same full name in two stories: one person
    ("Councillor Nadia Brook said: “The depot must stay open.”",
     "Nadia Brook told the Courier that the depot plan was rushed.", True),
    # two people who share only a surname: never one record
    ("Nadia Brook said: “The depot must stay open.”", "Tom Brook said: “The depot should close.”", False),
    # a surname alone in the second story may be anyone called Brook
    ("Nadia Brook said: “The depot must stay open.”", "Ms Brook said: “I will keep fighting.”", False),
    # a surname alone in both stories: still two
    ("Mr Brook said: “The depot must stay open.”", "Ms Brook said: “The depot should close.”", False),
])
def test_a_surname_alone_never_joins_two_articles(tmp_path: Path, first: str, second: str, together: bool) -> None:
    people = _ingest(tmp_path, [first, second])
    brooks = [p for p in people.values() if p["name"].split()[-1] == "Brook"]
    assert sum(p["quotes"] for p in brooks) == 2
    assert (len(brooks) == 1) is together, [p["name"] for p in brooks]


def test_register_errors_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", "utf-8")
    with pytest.raises(OnrecordError) as exc:
        load_register(bad)
    assert exc.value.code == "E109" and str(bad) in exc.value.message
    with pytest.raises(OnrecordError) as exc:
        load_register(tmp_path / "missing.json")
    assert exc.value.code == "E101"


def test_register_offices_and_leaders(tmp_path: Path) -> None:
    path = tmp_path / "reg.json"
    path.write_text(json.dumps(REGISTER), "utf-8")
    reg = load_register(path)
    assert reg.leaders == {"Labour": "Ann Lee"}
    assert reg.offices["prime minister"] == "Ann Lee"
    assert reg.governing_party == "Labour"
    assert reg.party_for("Labour Party") == "Labour"
    entry = reg.by_alias("Dame Ann Lee")
    assert entry is not None and entry.name == "Ann Lee"


# A hand-written US state-politics story: parties from "(D-Fresno)" and ", R-Redding,", titles such as
# "Assemblywoman" dropped from names, and legislators' votes and sponsorships read as positions.
US_ARTICLE = (
    "Senate passes minimum wage bill\n\n"
    "SACRAMENTO — The state Senate on Thursday passed a bill to raise the state minimum wage to $20 an hour.\n\n"
    "“This is about dignity for working families,” said Sen. Maria Lopez (D-Fresno), who sponsored the bill.\n\n"
    "Sen. Tom Briggs, R-Redding, voted against the bill to raise the state minimum wage. “It will close small "
    "businesses across the north state,” he said.\n\n"
    "Assemblywoman Jane Park, a Democrat from San Jose, said she would not vote for the bill to raise the state "
    "minimum wage in its current form.\n\n"
    "Gov. Alan Reyes, a Democrat, has said he will sign the bill.\n"
)
US_ISSUE = "a bill to raise the state minimum wage"


def _story(tmp_path: Path, article: str, issue: str) -> Any:
    """A fresh store with one hand-written article ingested and ``issue`` named."""
    (tmp_path / "story.txt").write_text(article, "utf-8")
    st = open_store(str(tmp_path / "story.db"))
    pipeline.ingest(st, [tmp_path / "story.txt"])
    pipeline.add_issue(st, issue)
    return st


def test_us_designators_titles_and_votes(tmp_path: Path) -> None:
    st = _story(tmp_path, US_ARTICLE, US_ISSUE)
    people = {p["name"]: p for p in query.people(st, issue=US_ISSUE)}
    assert {n: people[n]["party"] for n in ("Maria Lopez", "Tom Briggs", "Jane Park", "Alan Reyes")} == {
        "Maria Lopez": "Democratic", "Tom Briggs": "Republican", "Jane Park": "Democratic",
        "Alan Reyes": "Democratic"}
    assert not any(n.startswith(("Assemblywoman", "Sen.", "Gov.")) for n in people)
    assert "Senator" in people["Maria Lopez"]["roles"] and "Assemblywoman" in people["Jane Park"]["roles"]
    assert "Governor" in people["Alan Reyes"]["roles"]  # the title, written out, is their role
    assert {n: people[n]["stance"] for n in ("Maria Lopez", "Tom Briggs", "Jane Park", "Alan Reyes")} == {
        "Maria Lopez": "support", "Tom Briggs": "oppose", "Jane Park": "oppose", "Alan Reyes": "support"}
    assert people["Jane Park"]["breaks_with_party"] and not people["Maria Lopez"]["breaks_with_party"]
    reported = {q["text"]: q["speaker"] for q in query.quotes(st, issue=US_ISSUE) if q["kind"] == "reported"}
    assert reported.get("sponsored the bill") == "Maria Lopez"
    assert any(t.startswith("voted against the bill") and s == "Tom Briggs" for t, s in reported.items())
    st.close()


# A hand-written ballot-measure story: campaign spokespeople speak for their side ("a spokesman for the No on 31
# campaign", "who chairs the Yes on 31 committee") though their quotes do not name the measure; "Mr." and "Dr."
# before a name do not end the sentence the attribution is in.
BALLOT_ARTICLE = (
    "Voters weigh flavored tobacco ban\n\n"
    "LOS ANGELES — Proposition 31 would uphold a state law banning the sale of most flavored tobacco products.\n\n"
    "Mr. Daniel Ortiz, a spokesman for the No on 31 campaign, said the ban \"will push sales to the black market.\"\n\n"
    "\"Flavors are how the industry hooks kids,\" said Dr. Helen Marsh, who chairs the Yes on 31 committee.\n\n"
    "Assemblyman Ray Tuck, a Republican from Fresno, said he had not decided how he would vote on Proposition 31.\n\n"
    "\"It will cost us customers,\" Mr. Tuck said of the ban.\n"
)


def test_ballot_campaign_sides(tmp_path: Path) -> None:
    st = _story(tmp_path, BALLOT_ARTICLE, "Proposition 31")
    people = {p["name"]: p["stance"] for p in query.people(st, issue="Proposition 31")}
    assert people == {"Daniel Ortiz": "oppose", "Helen Marsh": "support", "Ray Tuck": "neutral"}
    speakers = [q["speaker"] for q in query.quotes(st) if q["kind"] == "direct"]
    assert speakers == ["Helen Marsh", "Ray Tuck"]
    st.close()


# A hand-written Washington story: no register, so each party's line comes from its leader in the chamber as the
# article names them ("Speaker", "House Minority Leader"), and the members who take the other side break it.
HOUSE_ARTICLE = (
    "House Republicans split over border funding bill\n\n"
    "WASHINGTON — A $12 billion border security bill cleared a key committee on Tuesday, but the vote exposed a "
    "rift among House Republicans.\n\n"
    "Speaker Mike Dalton, R-Ohio, called the bill \"a serious answer to a serious crisis\" and urged members to pass "
    "it before the recess.\n\n"
    "Rep. Laura Whitfield (R-Ariz.) told reporters she would vote against the border security bill because it "
    "\"spends too much and fixes too little.\"\n\n"
    "\"We cannot keep writing blank checks,\" Whitfield said.\n\n"
    "Democrats were largely opposed. House Minority Leader Carla Ruiz, D-Calif., said in a statement that the "
    "measure was \"a cruel and costly gimmick.\"\n\n"
    "Rep. Sam Okafor, a Democrat from Georgia, broke with his party and said he supports the border security bill. "
    "\"My district wants action,\" Okafor told CNN.\n\n"
    "A spokesperson for Sen. Dana Price, R-Texas, said the senator had not decided how she would vote.\n"
)


def test_party_leaders_in_a_chamber_set_the_line(tmp_path: Path) -> None:
    issue = "the border security bill"
    st = _story(tmp_path, HOUSE_ARTICLE, issue)
    people = {p["name"]: p for p in query.people(st, issue=issue)}
    assert "Speaker" in people["Mike Dalton"]["roles"] and people["Mike Dalton"]["party"] == "Republican"
    got = {n: (people[n]["stance"], people[n]["breaks_with_party"]) for n in
           ("Mike Dalton", "Laura Whitfield", "Carla Ruiz", "Sam Okafor", "Dana Price")}
    assert got == {"Mike Dalton": ("support", False), "Laura Whitfield": ("oppose", True),
                   "Carla Ruiz": ("oppose", False), "Sam Okafor": ("support", True),
                   "Dana Price": ("neutral", False)}  # undecided on the vote, in an article about the bill
    st.close()


def test_an_appositive_role_leaves_out_its_relative_clause(tmp_path: Path) -> None:
    (tmp_path / "c.txt").write_text("Budget row\n\nJo Marsh, a senator who chairs the finance committee, said: "
                                    "“The numbers do not add up.”\n", "utf-8")
    st = open_store(str(tmp_path / "c.db"))
    pipeline.ingest(st, [tmp_path / "c.txt"])
    (marsh,) = [p for p in query.people(st) if p["name"] == "Jo Marsh"]
    assert marsh["roles"] == ["senator"]
    st.close()


PARTY_REGISTER = {
    "persons": [{"id": "ann-lee", "name": "Ann Lee"}],
    "organizations": [
        {"id": "lab", "name": "Labour Party", "classification": "party", "other_names": [{"name": "Labour"}]},
        {"id": "con", "name": "Conservative Party", "classification": "party",
         "other_names": [{"name": "Tory"}, {"name": "Tories"}, {"name": "Conservatives"}]},
        {"id": "ld", "name": "Liberal Democrats", "classification": "party", "other_names": [{"name": "Lib Dems"}]},
        {"id": "snp", "name": "Scottish National Party", "classification": "party", "other_names": [{"name": "SNP"}]},
        {"id": "gov", "name": "Government", "classification": "executive"},
    ],
    "memberships": [
        {"person_id": "ann-lee", "organization_id": "lab", "role": "Leader"},
        {"member": {"@type": "Organization", "id": "lab"}, "organization_id": "gov", "role": "governing party"},
    ],
}


@pytest.mark.parametrize("text,who,party", [
    # a party's possessive before the name or before its role
    ("There was also criticism from the SNP's Moira Bain, who said: “It will not work.”", "Moira Bain",
     "Scottish National"),
    ("Labour's shadow transport minister, Tom Reddy, said: “This is a shambles.”", "Tom Reddy", "Labour"),
    # "the party's" is the party named just before
    ("Most Lib Dems backed the bill. But the party's health spokeswoman Jo Finch said: “The bill is wrong.”",
     "Jo Finch", "Liberal Democrats"),
    # a group with its party, then "including" the names
    ("Nine Tory MPs including Sam Oakes voted against the bill. Oakes said: “It goes too far.”", "Sam Oakes",
     "Conservative"),
    # what a party did to its member
    ("Dan Pryor has been suspended by the Labour Party after the vote. Mr Pryor said: “I stand by it.”", "Dan Pryor",
     "Labour"),
    ("Kit Vale lost the Tory whip in March. Vale said: “I would do it again.”", "Kit Vale", "Conservative"),
    # a minister who resigned from the leader's cabinet
    ("Rosa Tighe resigned from Ann Lee's cabinet over the cuts. Tighe said: “I could not defend them.”",
     "Rosa Tighe", "Labour"),
    # a capitalised title with "and" inside it is one role: a shadow office gives no governing party
    ("Shadow Business and Trade Secretary Hal Moss said: “This is a broken promise.”", "Hal Moss", None),
    ("Shadow work and pensions secretary Hal Moss said: “This is a broken promise.”", "Hal Moss", None),
    # the descriptor before a list of names is each one's
    ("Labour councillors Ivy Marsh and Leo Grant voted against the levy.", "Leo Grant", "Labour"),
    # a list of names right after a sentence about a party's MPs: its members
    ("Labour MPs have warned about the levy. Ivy Marsh, Leo Grant and Ada Cole questioned the need for it.",
     "Leo Grant", "Labour"),
    # a group of a party's office holders ("two deputy chairs of the Labour Party"), then a list of names
    ("Two deputy chairs of the Labour Party have resigned.\n\nIvy Marsh and Leo Grant both said they would back "
     "the levy.", "Leo Grant", "Labour"),
    # a role word right before the name, however the parser hangs it
    ("Amendments were tabled, including one submitted by veteran Tory MP Sir Walter Grange, whose amendment "
     "sought to widen it.", "Walter Grange", "Conservative"),
    # an office held no longer ("ex-home secretary") gives no governing party
    ("Ex-home secretary Nora Quill said: “The plan is wrong.”", "Nora Quill", None),
    # one of a party's group named after "including" or "among them", wherever the parser hangs the name; the
    # sentence's own group before the one in the sentence ahead of it
    ("Eleven Tory MPs including the sponsor of the Bill, Nora Quill, voted against the levy.", "Nora Quill",
     "Conservative"),
    ("Eleven Tory MPs voted for it. Nine Labour MPs, among them Tom Reed and Ann Vale, voted against the levy.",
     "Ann Vale", "Labour"),
    # a bracket after a name is a seat, not a second person
    ("Ms Ivy Marsh (Bristol North) warned that the levy was a mistake.", "Ivy Marsh", None),
    # a party named beside someone who is not its member now
    ("Dale Ross, a major Labour donor, said: “The plan is wrong.”", "Dale Ross", None),
    ("Dale Ross, a Labour donor and green energy entrepreneur, said: “The plan is wrong.”", "Dale Ross", None),
    ("Former Labour leader Gus Pell said: “The plan is wrong.”", "Gus Pell", None),
])
def test_party_from_what_the_story_says(tmp_path: Path, text: str, who: str, party: str | None) -> None:
    st = _ingest_with_parties(tmp_path, text)
    people = {p["name"]: p for p in query.people(st)}  # type: ignore[arg-type]
    assert who in people, list(people)
    assert people[who]["party"] == party, people[who]


def test_the_first_name_a_knight_goes_by_joins_the_full_name_that_comes_later(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Anger as Tam hits out at the levy\n\nTam Okafor, the mayor, said: “It is "
                                    "wrong.”\n\nBut Sir Tam said he would fight on.", "utf-8")
    st = open_store(str(tmp_path / "t.db"))
    pipeline.ingest(st, [tmp_path / "a.txt"])
    assert [p["name"] for p in query.people(st)] == ["Tam Okafor"]  # type: ignore[arg-type]


def test_a_seat_in_brackets_is_no_person(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Ms Ivy Marsh (Bristol North) warned that the levy was a mistake.", "utf-8")
    st = open_store(str(tmp_path / "t.db"))
    pipeline.ingest(st, [tmp_path / "a.txt"])
    assert [p["name"] for p in query.people(st)] == ["Ivy Marsh"]  # type: ignore[arg-type]


def test_the_government_s_own_proposal_sets_its_line_even_in_others_words(tmp_path: Path) -> None:
    reg_path = tmp_path / "reg.json"
    reg_path.write_text(json.dumps(PARTY_REGISTER), "utf-8")
    st = open_store(str(tmp_path / "t.db"))
    reg = pipeline.load_register_into(st, reg_path)
    (tmp_path / "a.txt").write_text(
        "The Government risks losing support over its plan for a sugar levy, Labour MPs have warned. Ivy Marsh and "
        "Leo Grant questioned the need for a sugar levy.", "utf-8")
    pipeline.ingest(st, [tmp_path / "a.txt"], register=reg)
    pipeline.add_issue(st, "a sugar levy")
    data = query.export_issue(st, "a sugar levy")
    lines = {x["party"]: x["stance"] for x in data["party_lines"]}
    assert lines.get("Labour") == "support", data["party_lines"]
    people = {p["name"]: p for p in data["people"]}
    assert people["Leo Grant"]["party"] == "Labour" and people["Leo Grant"]["stance"] == "oppose"
    assert people["Leo Grant"]["breaks_with_party"]


def test_a_party_s_line_over_time_is_dated_by_its_articles(tmp_path: Path) -> None:
    from onrecord.query import pages

    (tmp_path / "reg.json").write_text(json.dumps(PARTY_REGISTER), "utf-8")
    st = open_store(str(tmp_path / "t.db"))
    reg = pipeline.load_register_into(st, tmp_path / "reg.json")
    src = tmp_path / "a.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in [
        {"text": "Ann Lee said: “We back a sugar levy.” Labour MP Tom Bell said: “I back a sugar levy too.”",
         "published": "2024-01-10", "url": "https://example.org/january"},
        {"text": "Ann Lee said: “We now oppose a sugar levy.” Labour MP Tom Bell said: “I still back a sugar levy.”",
         "published": "2024-06-10", "url": "https://example.org/june"},
    ]) + "\n", "utf-8")
    pipeline.ingest(st, [src], register=reg)
    pipeline.add_issue(st, "a sugar levy")
    data = pages.party(st, "Labour")
    (issue,) = data["issues"]
    history = [(h["day"], h["stance"], h["changed"]) for h in issue["history"]]
    assert history == [("2024-01-10", "support", False), ("2024-06-10", "oppose", True)]
    assert all(h["source"].startswith("leader") for h in issue["history"])
    # the member who kept backing it breaks the line in force in June, not January's
    bell = next(m for m in data["members"] if m["name"] == "Tom Bell")
    assert bell["stances"][issue["id"]]["breaks_with_party"]
    # the party page shows what its JSON twin says
    from fastapi.testclient import TestClient

    from onrecord.serve import create_app

    with TestClient(create_app(st)) as client:
        twin = client.get("/parties/Labour", headers={"Accept": "application/json"}).json()
        page = client.get("/parties/Labour", headers={"Accept": "text/html"}).text
    assert twin["issues"][0]["history"] == issue["history"]
    assert "2024-01-10" in page and "2024-06-10" in page and "changed" in page


def _ingest_with_parties(tmp_path: Path, text: str) -> Any:
    """A fresh store holding ``text`` read with the party register."""
    (tmp_path / "reg.json").write_text(json.dumps(PARTY_REGISTER), "utf-8")
    st = open_store(str(tmp_path / "t.db"))
    reg = pipeline.load_register_into(st, tmp_path / "reg.json")
    (tmp_path / "a.txt").write_text(text, "utf-8")
    pipeline.ingest(st, [tmp_path / "a.txt"], register=reg)
    return st


def test_their_after_a_party_s_name_is_the_people_just_named(tmp_path: Path) -> None:
    st = _ingest_with_parties(
        tmp_path, "The government's backing of plans to build a depot has split Labour.\n\nAnn Lee's public show of "
        "support for the depot has exposed a divide within Labour ranks, with Tom Bell among high-profile names "
        "voicing their opposition to the plan.")
    speakers = {q.speaker for q in st.quotes()}
    assert "Ann Lee" in speakers and not speakers & {"Labour", "Labour Party"}, speakers


def test_a_party_is_exported_under_the_name_the_article_gives_it(tmp_path: Path) -> None:
    st = _ingest_with_parties(
        tmp_path, "The Tories said they would vote against the sugar levy. The Lib Dems said they oppose the sugar "
        "levy too.\n\nTom Bell, a Labour MP, said he backs the sugar levy.")
    pipeline.add_issue(st, "a sugar levy")
    people = {p["name"]: p for p in query.export_issue(st, "a sugar levy")["people"]}
    assert {"Tories", "Lib Dems", "Tom Bell"} <= set(people), list(people)
    # the register's name stays among the aliases; a person keeps their own name
    assert "Conservative Party" in people["Tories"]["aliases"] and people["Tories"]["party"] == "Conservative"
    assert people["Lib Dems"]["stance"] == "oppose"


def test_an_actor_named_without_a_statement_is_listed_for_the_issue(tmp_path: Path) -> None:
    from onrecord import review

    for name, text in {
        "a.jsonl": "Ann Lee said she backs the sugar levy.\n\nThe levy was drawn up by Nora Pike and the Fairfield "
                   "Health Trust, who met Mr Finch on Monday.",
        "b.jsonl": "Carl Dunne opened a bakery in Redfield on Saturday.\n\nIt was busy, said Vera Moss.",
    }.items():
        (tmp_path / name).write_text(json.dumps({"text": text}) + "\n", "utf-8")
    st = open_store(str(tmp_path / "t.db"))
    pipeline.ingest(st, [tmp_path / "a.jsonl", tmp_path / "b.jsonl"])
    pipeline.add_issue(st, "a sugar levy")
    people = {p["name"]: p for p in query.export_issue(st, "a sugar levy")["people"]}
    # the speaker, and the people and body the story names in full, with no position of theirs
    assert people["Ann Lee"]["stance"] == "support" and not people["Ann Lee"].get("mentioned_only")
    for named in ("Nora Pike", "Fairfield Health Trust"):
        assert people[named]["stance"] == "none" and people[named]["mentioned_only"], people[named]
    # a bare surname is no one to list; an article off the issue adds no one (Vera Moss is listed as its speaker)
    assert "Finch" not in people and "Carl Dunne" not in people, list(people)
    # a merge keeps the merged person's articles
    pike = next(p for p in query.people(st) if p["name"] == "Nora Pike")
    review.merge_people(st, "ann-lee", pike["id"], who="ed", expected_version=1)
    assert {r["article_id"] for r in st.query("SELECT article_id FROM mentions WHERE person_id = 'ann-lee'")} == {
        a.id for a in st.articles() if "sugar" in a.text}


@pytest.mark.parametrize("text,day", [
    # a party's shadow office puts the article where that party was out of government: the latest such span
    ("Labour's shadow health minister, Tom Bell, said the levy was wrong.", "2024-07-04"),
    ("The shadow chancellor, Ann Lee, said the levy was wrong.", "2024-07-04"),
    # nothing in the text dates it
    ("Tom Bell said the levy was wrong.", None),
])
def test_an_undated_article_is_dated_by_a_party_out_of_government(tmp_path: Path, text: str,
                                                                   day: str | None) -> None:
    reg = {**PARTY_REGISTER, "memberships": [
        {"person_id": "ann-lee", "organization_id": "lab", "role": "Leader"},
        {"member": {"@type": "Organization", "id": "con"}, "organization_id": "gov", "role": "governing party",
         "start_date": "2010-05-11", "end_date": "2024-07-05"},
        {"member": {"@type": "Organization", "id": "lab"}, "organization_id": "gov", "role": "governing party",
         "start_date": "2024-07-05"},
    ]}
    (tmp_path / "reg.json").write_text(json.dumps(reg), "utf-8")
    register = load_register(tmp_path / "reg.json")
    assert register.day_from_text(text) == day
    if day:
        assert register.at(day).governing_party == "Conservative"


@pytest.mark.parametrize("text,day", [
    # everyone named held a dated role then: the middle of the span they share
    ("Rebels backed amendments to Tom Bell's housing bill.", "2023-01-01"),
    # named as a former holder: no date from them
    ("Former leader Tom Bell backed the amendments.", None),
    # a role with no end is the register as it stands now
    ("Ann Lee backed the amendments.", None),
    # roles that barely meet: some of them are named in other roles
    ("Tom Bell and Cara Voss backed the amendments.", None),
])
def test_an_undated_article_is_dated_by_the_office_holders_it_names(tmp_path: Path, text: str,
                                                                   day: str | None) -> None:
    reg = {**PARTY_REGISTER, "persons": [{"id": "ann-lee", "name": "Ann Lee"}, {"id": "tom-bell", "name": "Tom Bell"},
                                         {"id": "cara-voss", "name": "Cara Voss"}],
           "memberships": [
               {"person_id": "ann-lee", "organization_id": "lab", "role": "Leader", "start_date": "2020-01-01"},
               {"person_id": "tom-bell", "organization_id": "con", "role": "Leader", "start_date": "2022-01-01",
                "end_date": "2024-01-01"},
               {"person_id": "cara-voss", "organization_id": "con", "role": "Leader", "start_date": "2024-01-01"},
    ]}
    (tmp_path / "reg.json").write_text(json.dumps(reg), "utf-8")
    assert load_register(tmp_path / "reg.json").day_from_text(text) == day


def test_names_only_in_a_heading_or_a_photo_credit_are_not_listed(tmp_path: Path) -> None:
    text = ("Before The Vote, Harbour Council Was Split And Angry\n\n"
            "Ann Lee said she backs the sugar levy, which Nora Pike drew up.\n\n"
            "The levy was debated on Monday.Omar Shah/Getty Images\n\n"
            "“It is a fair levy,” Lee said.")
    (tmp_path / "a.jsonl").write_text(json.dumps({"text": text}) + "\n", "utf-8")
    st = open_store(str(tmp_path / "t.db"))
    pipeline.ingest(st, [tmp_path / "a.jsonl"])
    pipeline.add_issue(st, "a sugar levy")
    names = {p["name"] for p in query.export_issue(st, "a sugar levy")["people"]}
    assert {"Ann Lee", "Nora Pike"} <= names, names
    assert not any("Shah" in n or "Getty" in n or "Council" in n for n in names), names


def test_a_list_s_and_is_not_part_of_a_role(tmp_path: Path) -> None:
    st = _story(tmp_path, "Other notable Noes came from Reform MP for Ashfield Tom Reed and Labour MP Ria Holt.",
                "a sugar levy")
    people = {p["name"]: p for p in query.people(st)}
    assert people["Ria Holt"]["roles"] == ["MP"] and people["Ria Holt"]["party"] == "Labour", people["Ria Holt"]


def test_the_in_article_resolver_the_settings_name_is_the_one_the_extractor_asks(nlp: Any) -> None:
    from onrecord.models import Article
    from onrecord.registry import article_resolvers
    from onrecord.resolve.document import DocEntities
    from onrecord.resolve.register import Register

    class NoPronouns(DocEntities):  # a resolver that leaves every pronoun unresolved
        def _pronoun(self, t: Any) -> Any:
            return None

    article_resolvers.add("test.no-pronouns.v1", NoPronouns)
    text = "Ann Lee spoke on Monday.\n\n“We will win the seat,” she said."

    def speakers(resolver: str | None) -> list[str | None]:
        settings = {"extractor": "rules.v1", **({"resolver": resolver} if resolver else {})}
        extractor, _ = pipeline.make_extractor(Register(), settings)
        quotes, _facts = extractor.extract(Article(text=text, source="t.txt"), nlp(text))
        return [q.speaker for q in quotes]

    assert speakers(None) == ["Ann Lee"]  # the built-in rules.v1
    assert speakers("test.no-pronouns.v1") == [None]
    with pytest.raises(OnrecordError) as err:
        speakers("no-such-resolver")
    assert err.value.code == "E402"


def test_an_extractor_that_takes_no_resolver_still_loads() -> None:
    from onrecord.registry import extractors
    from onrecord.resolve.register import Register

    class Plain:  # a plugin written before the resolver setting
        name = "test.plain.v1"

        def __init__(self, register: Any, attributions: str = "speech") -> None:
            self.register, self.attributions = register, attributions

    extractors.add("test.plain.v1", Plain)
    extractor, made_by = pipeline.make_extractor(Register(), {"extractor": "test.plain.v1", "resolver": "rules.v1"})
    assert isinstance(extractor, Plain) and made_by == "test.plain.v1"


@pytest.mark.parametrize("text,name", [
    # a name the tagger took for no entity at all, after a role word that opens its sentence
    ("A plan for a new skate park at Miller Field drew a crowd on Tuesday.\n\n"
     "Neighbor Ron Baxter said his group has hired a lawyer and is prepared to sue if the commission approves the "
     "permit.\n\nResident Amy Holt said she would fight the permit if it comes back next year.\n\n"
     "Resident Joe Pike said the group would sue if the board approves the project.\n", "Amy Holt"),
    # a double-barrelled surname the tagger cut at its hyphen
    ("The council debated the stadium for three hours on Monday.\n\n"
     "Mayor Dwight Carver said the ballpark would revive the waterfront.\n\n"
     "Councilwoman Theresa Mbeki-Lund called the plan \"a handout to a billionaire\" and pointed to the city's $12 "
     "million backlog of sewer repairs.\n\n\"Every dollar we pledge to this stadium is a dollar we can't spend on a "
     "pothole,\" the councilwoman said.\n", "Theresa Mbeki-Lund"),
])
def test_names_the_tagger_missed_or_cut(tmp_path: Path, text: str, name: str) -> None:
    from onrecord.eval.realnews import run_article

    path = tmp_path / "a.txt"
    path.write_text(text, "utf-8")
    export = run_article(path, [])[""]
    speakers = {q["speaker"] for d in export["documents"] for q in d["quotes"]}
    assert name in speakers, speakers
    assert None not in speakers, speakers


@pytest.mark.parametrize("text,name,party", [
    # one of a party's group, told after the name
    ("Dame Ann Lee's government won the vote on Tuesday. Kit Walsh, who represents a mining seat, was one of five "
     "Labour MPs who voted against the bill.", "Kit Walsh", "Labour"),
    # the group told in the sentence before, where theirs says they sit for a seat
    ("Mr Sandhu is not the only Labour MP angered by the move. Gemma Lowe, who represents a neighbouring seat, "
     "said families had heard it all before.", "Gemma Lowe", "Labour"),
    # ... not where their sentence says nothing of a seat
    ("Several Labour MPs stayed away. Gemma Lowe, a charity director, said families had heard it all before.",
     "Gemma Lowe", None),
    # one more of a group named a few sentences before
    ("Several Labour MPs stayed away. Kit Walsh said he had chosen not to vote. \"We cannot do this,\" he wrote. "
     "\"Not like this.\"\n\nAnother, Gemma Lowe, said she had abstained.", "Gemma Lowe", "Labour"),
    # a party's benches, and a group's own spokesperson after the party is named
    ("The plan drew a backlash from some on Labour's backbenches. Kit Walsh, the MP for a northern town, said he "
     "would vote against it.", "Kit Walsh", "Labour"),
    ("The Blue Party backed the motion. Their housing spokesperson, Gemma Lowe, called the cap cruel.", "Gemma Lowe",
     "Blue"),
    # a group of a party the register does not know beside one it knows
    ("Other notable votes came from the Labour MP for Hull Tom Dale and the Mill Workers MP for Rochdale Kit Walsh, "
     "who represents a mill town.", "Kit Walsh", None),
    # ... nor where two parties' members are spoken of
    ("Labour MPs and Blue MPs clashed over the bill. Kit Walsh, who represents a mining seat, said it was "
     "rushed.", "Kit Walsh", None),
])
def test_a_member_s_party_from_the_group_the_article_places_them_in(tmp_path: Path, text: str, name: str,
                                                                    party: str | None) -> None:
    reg = {**REGISTER, "organizations": [*REGISTER["organizations"],
                                         {"id": "blue", "name": "Blue Party", "classification": "party",
                                          "other_names": [{"name": "Blue"}]}]}
    (tmp_path / "reg.json").write_text(json.dumps(reg), "utf-8")
    (tmp_path / "a.txt").write_text(text, "utf-8")
    st = open_store(str(tmp_path / "t.db"))
    register = pipeline.load_register_into(st, tmp_path / "reg.json")
    pipeline.ingest(st, [tmp_path / "a.txt"], register=register)
    people = {p["name"]: p for p in query.people(st)}  # type: ignore[arg-type]
    assert people[name]["party"] == party, people[name]
