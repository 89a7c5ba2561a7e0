"""rules.v2 (onrecord.stance.reader) on small articles written here: every kind of statement, one person each."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from onrecord import pipeline, query
from onrecord.stance.proposition import _stem as proposition_stem
from onrecord.stance.proposition import parse
from onrecord.stance.reader import cue_side, turns
from onrecord.store import open_store


def _board(tmp_path: Path, text: str, issue: str, register: dict[str, Any] | None = None,
           published: str | None = None) -> dict[str, Any]:
    store = open_store(":memory:")
    reg = None
    if register is not None:
        (tmp_path / "reg.json").write_text(json.dumps(register), "utf-8")
        reg = pipeline.load_register_into(store, tmp_path / "reg.json")
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"text": text, "published": published}) + "\n", "utf-8")
    settings = {"stance_model": "rules.v2", "extractor": "rules.v1"}
    pipeline.ingest(store, [src], register=reg, settings=settings)
    pipeline.add_issue(store, issue, settings=settings)
    return query.export_issue(store, issue)


def _stances(data: dict[str, Any]) -> dict[str, str]:
    return {p["name"]: p["stance"] for p in data["people"]}


def _sides(data: dict[str, Any], who: str) -> set[str]:
    """The sides (support, oppose) that ``who``'s exported statements take."""
    return {s for s in _quote_stances(data, lambda q: q["speaker"] == who) if s in {"support", "oppose"}}


def _quote_stances(data: dict[str, Any], keep: Any) -> list[str]:
    """The stance of each exported quote that ``keep`` keeps, in text order."""
    return [q["stance"] for d in data["documents"] for q in d["quotes"] if keep(q)]


@pytest.mark.parametrize("text,issue,who,stance", [
    # a vote against the bill that carries the proposal
    ("The Clean Rivers Bill passed its second reading on Tuesday. Ann Lee voted against the bill.",
     "the Clean Rivers Bill", "Ann Lee", "oppose"),
    # a list of backers
    ("Among the MPs who backed the sewage cap were Tom Bell and Raj Patel.", "a sewage cap", "Raj Patel",
     "support"),
    # a promise to block what the issue would build
    ("Mayor Dara Quinn vowed to block any attempt to expand the airport with a second runway.",
     "a second runway at the airport", "Dara Quinn", "oppose"),
    # keeping what the issue would take away opposes it
    ("Councillor Maya Roth said the council must protect the library budget.",
     "cutting the council's library budget", "Maya Roth", "oppose"),
    # judging the action badly
    ("The council voted on Tuesday to cut the library budget by a third. “These cuts are cruel and will close "
     "every branch,” said Owen Pike.", "cutting the council's library budget", "Owen Pike", "oppose"),
    # a judgement conceded before "but" is no side, though she spoke on the issue: neutral
    ("The council voted to cut the library budget. “The library cuts are a difficult step, but we had no choice,” "
     "said Ann Lee.", "cutting the council's library budget", "Ann Lee", "neutral"),
    # an event told is not a side taken: a passive with no modal, a named third party's act (telling it is speaking
    # on the issue: neutral, no side)
    ("The sugar levy rule took effect in May. Ann Lee said the rule was adopted last year.", "a sugar levy",
     "Ann Lee", "neutral"),
    ("The sugar levy rule took effect in May. Ann Lee said the council passed the levy in March.", "a sugar levy",
     "Ann Lee", "neutral"),
    # a modal passive is a side
    ("Ann Lee said the sugar levy should be scrapped.", "a sugar levy", "Ann Lee", "oppose"),
    # "laws" with no word of the issue and no determiner are other laws: no side against them (an observation on
    # the states with the levy: neutral)
    ("The sugar levy law took effect in May. “The states with the sugar laws are also the ones passing anti-voter "
     "laws,” said Ann Lee.", "a sugar levy", "Ann Lee", "neutral"),
    # an open door is neutral, not a side
    ("“Nothing is off the table on the library budget,” said Priya Shah of the library board.",
     "cutting the council's library budget", "Priya Shah", "neutral"),
    # a cue of no known side is read by what it says: a letter that warns of nothing takes no side
    ("The council sent a letter about the library budget cuts on Tuesday.", "cutting the council's library budget",
     "The council", "none"),
    # "suing" is a suit against what it names; where the issue is the suit itself, suing is doing it
    ("Ann Lee is suing the council over the library budget cuts.", "cutting the council's library budget",
     "Ann Lee", "oppose"),
    ("Portwick Council is suing Harbour Ferries over its fares.", "Portwick's lawsuit against Harbour Ferries",
     "Portwick Council", "support"),
    # the owner of a proposal holds it, whatever the proposal is called
    ("Fishermen marched against Ann Lee's harbour fees raid.", "raising harbour fees", "Ann Lee", "support"),
    # abstaining, or choosing not to vote, in an article about the issue is open; not voting, told bare, is nothing
    ("Ann Lee said the sugar levy would save lives.\n\nTom Bell abstained from voting.", "a sugar levy", "Tom Bell",
     "neutral"),
    ("Ann Lee said the sugar levy would save lives.\n\nSome Blue MPs decided not to vote at all, including Tom Bell "
     "and Raj Patel.", "a sugar levy", "Raj Patel", "neutral"),
    ("Ann Lee said the sugar levy would save lives.\n\nTom Bell did not vote.", "a sugar levy", "Tom Bell", "none"),
    # a vote on "it", in an article about the issue, is on the issue
    ("Ann Lee said the sugar levy would save lives.\n\nTom Bell voted against it.", "a sugar levy", "Tom Bell",
     "oppose"),
    # a side taken on a condition is open
    ("Ann Lee said she would only support a second runway at the airport if it fit with net zero targets.",
     "a second runway at the airport", "Ann Lee", "neutral"),
    ("Ann Lee said she would oppose a second runway at the airport unless the council paid for it.",
     "a second runway at the airport", "Ann Lee", "neutral"),
    # who the speaker is ("a homeless advocate") is not what they say
    ("Tom Reed, a homeless advocate with the Portwick Advocacy Project, said the strategy of busing homeless people "
     "out of town dates back decades — a process known as “Greyhound therapy.”", "busing homeless people out of town",
     "Tom Reed", "neutral"),
    # what an act is done for sets its side: quitting in solidarity with the one ousted opposes the ouster
    ("Tom Reed quit his post as party chairman in solidarity with Ann Lee.", "the ouster of Ann Lee as party leader",
     "Tom Reed", "oppose"),
    ("Tom Reed resigned as a minister in protest at the ouster of Ann Lee.", "the ouster of Ann Lee as party leader",
     "Tom Reed", "oppose"),
    # a position whose own words do not name the one the issue removes is not toward them because its sentence does
    ("Tom Reed defended it as an academic paper. But Ann Lee disagreed.", "the ouster of Ann Lee as party leader",
     "Tom Reed", "none"),
    # close in meaning to the issue, but only the tone of a report ("harmful bleaching"): no side on the issue
    ("Harmful bleaching of the world's coral reefs has grown to 84% of all reefs, the Harbour Reef Society said.",
     "cutting greenhouse gas emissions to protect coral reefs", "Harbour Reef Society", "none"),
    # how the issue does, in a long statement: the manner of its verb judges it
    ("“Our sugar levy works really well, and the council will keep looking at ways to spend what it raises on the "
     "town's parks and its schools next year,” said Ann Lee.", "a sugar levy", "Ann Lee", "support"),
    # ... but a programme named as another is not the issue's, unless the name is the issue's initials
    ("The city runs the Journey Home program.\n\n“Our TAP program works really well, and the council will keep "
     "looking at ways to spend what it raises on the town's parks and its schools next year,” said Ann Lee.",
     "the city's Journey Home program", "Ann Lee", "neutral"),
    ("The city runs the Journey Home program.\n\n“Our TAP program works really well, and the council will keep "
     "looking at ways to spend what it raises on the town's parks and its schools next year,” said Ann Lee.",
     "the county's Transportation Assistance Program", "Ann Lee", "support"),
    # the noes of the vote the article reports
    ("Ann Lee said the sugar levy would save lives.\n\nOther notable Noes came from Reform MP Tom Reed.",
     "a sugar levy", "Tom Reed", "oppose"),
    # the members of a group named for its position hold it
    ("Critics of the sugar levy include Tom Reed and Ria Holt.", "a sugar levy", "Ria Holt", "oppose"),
    ("The sugar levy has its backers too, including Tom Reed.", "a sugar levy", "Tom Reed", "support"),
    # named but no position
    ("Ann Lee spoke about the library budget at the meeting on Tuesday.", "cutting the council's library budget",
     "Ann Lee", "none"),
    # a vote that names nothing is the vote the article reports, in an article about the issue
    ("Ministers said the Clean Rivers Bill would end sewage spills.\n\nFormer minister Ann Lee was one of 23 Tory "
     "MPs to vote in favour.", "the Clean Rivers Bill", "Ann Lee", "support"),
    ("Ministers said the Clean Rivers Bill would end sewage spills.\n\nTom Bell and Ann Lee voted against.",
     "the Clean Rivers Bill", "Ann Lee", "oppose"),
    # ... but not in an article about something else
    ("Ministers said the council would meet on Tuesday.\n\nAnn Lee was one of 23 councillors to vote in favour.",
     "the Clean Rivers Bill", "Ann Lee", "none"),
    # owning the bill is no side on the amendments to it, though the sentence names them
    ("Two MPs resigned after they supported rebel amendments to Tom Bell's Clean Rivers Bill.",
     "the rebel amendments to toughen the Clean Rivers Bill", "Tom Bell", "none"),
    # ... where a plan whose content follows is that content
    ("Ann Lee has a plan for the library. Her plan is to cut the library budget.",
     "cutting the council's library budget", "Ann Lee", "support"),
    # "it" judged, in an article on the issue, is the issue; in an article on something else it is not
    ("Ann Lee said the council would cut the library budget.\n\n“It’s a disaster for the whole town,” said Owen "
     "Pike.",
     "cutting the council's library budget", "Owen Pike", "oppose"),
    ("Ann Lee said the council would cut the library budget.\n\nOwen Pike said it was “a shameful betrayal of "
     "readers”.",
     "cutting the council's library budget", "Owen Pike", "oppose"),
    ("Ann Lee said the council would meet on Tuesday.\n\n“It’s a disaster for the whole town,” said Owen Pike.",
     "cutting the council's library budget", "Owen Pike", "none"),
    # a call aimed at something else is no side on the issue (she spoke on it: neutral); one aimed at it, or at "it",
    # is
    ("“The library budget cuts are coming. We are calling for Mayor Dan Ruiz to meet the staff,” said Ann Lee.",
     "cutting the council's library budget", "Ann Lee", "neutral"),
    ("“We are calling for the library budget cuts to go ahead,” said Ann Lee.",
     "cutting the council's library budget", "Ann Lee", "support"),
    # not convinced of it is against it
    ("“I'm simply not convinced that a sugar levy would work,” said Ann Lee.", "a sugar levy", "Ann Lee", "oppose"),
    # a worry raised is not yet a side
    ("Cabinet ministers including Ann Lee have raised concerns over the plan to cut the library budget.",
     "cutting the council's library budget", "Ann Lee", "neutral"),
    ("Ann Lee has raised serious doubts about cutting the library budget.",
     "cutting the council's library budget", "Ann Lee", "neutral"),
    # a body that issues or creates a rule doing what the issue names supports it; its own verb ("banning" for
    # "barring") does not turn it, a verb blocking it does
    ("The Harbour Authority issued a new regulation barring jet skis from the inner harbour.",
     "barring jet skis from the harbour", "Harbour Authority", "support"),
    ("The Harbour Authority created a rule banning jet skis from the inner harbour.",
     "barring jet skis from the harbour", "Harbour Authority", "support"),
    ("The Harbour Authority issued an order blocking the ban on jet skis in the harbour.",
     "barring jet skis from the harbour", "Harbour Authority", "oppose"),
    # how a speaker feels about it is their side: turned by a "not" on the way to it, or on the feeling
    ("“We are disappointed by the council’s decision not to reopen the pool this summer,” said Ann Lee.",
     "reopening the town pool", "Ann Lee", "support"),
    ("“We are thrilled with the plan to reopen the pool,” said Ann Lee.", "reopening the town pool", "Ann Lee",
     "support"),
    ("“I am not happy about reopening the pool,” said Ann Lee.", "reopening the town pool", "Ann Lee", "oppose"),
    ("“Residents are furious over the decision to reopen the pool,” said Ann Lee.", "reopening the town pool",
     "Ann Lee", "oppose"),
    # a judging word VADER lacks ("endangering", learned), said of pushing out the one the issue removes: that is the
    # removal itself in other words, not a side on the person removed
    ("The board voted to oust Ana Cole as chief executive. Tom Reed said the board was endangering the firm by "
     "pushing out Ms Cole.", "the board's ouster of Ana Cole as chief executive", "Tom Reed", "oppose"),
    # what the thing the issue would take away does: good for it is against taking it away
    ("The government plans to cut overseas aid to pay for defence. “Overseas aid saves lives,” said Jo Hart.",
     "cutting overseas aid to fund defence spending", "Jo Hart", "oppose"),
    # the action in a relative clause is what is spoken of; what it does is the side, not the verb itself
    ("The government plans to cut overseas aid. “Every pound we cut from overseas aid now risks costing us far more "
     "in future wars,” said Tom Reed.", "cutting overseas aid to fund defence spending", "Tom Reed", "oppose"),
    ("The government plans to cut overseas aid. “Each penny they cut from aid this year will hurt the poorest "
     "children,” said Tom Reed.", "cutting overseas aid to fund defence spending", "Tom Reed", "oppose"),
    # ... and so is a clause that is the subject: the way its verb goes toward what the issue names counts
    ("The government plans to cut overseas aid. “Protecting overseas aid would save thousands of lives,” said Jo "
     "Hart.", "cutting overseas aid to fund defence spending", "Jo Hart", "oppose"),
    ("Ministers back a third runway at Heathrow. Ann Lee said building a third runway at Heathrow would damage "
     "the health of thousands of families.", "a third runway at Heathrow", "Ann Lee", "oppose"),
    # a rule is no ruling out: telling what a body did takes no side
    ("The council wants to bar dog owners from the beach. Tom Reed said the council had created a rule barring dog "
     "owners from the beach.", "barring dog owners from the beach", "Tom Reed", "neutral"),
    ("The council wants to bar dog owners from the beach. Tom Reed ruled out a ban on dogs on the beach.",
     "barring dog owners from the beach", "Tom Reed", "oppose"),
    # the issue named only as what someone is spared: ending the exemption is charging the tax, keeping it is not
    ("Labour plans to charge VAT on private school fees. Ann Lee vowed to scrap the VAT exemption for private "
     "schools.", "charging VAT on private school fees", "Ann Lee", "support"),
    ("Labour plans to charge VAT on private school fees. “We must keep the VAT exemption,” said Ian Cole.",
     "charging VAT on private school fees", "Ian Cole", "oppose"),
    ("Labour plans to charge VAT on private school fees. Tom Reed ended the tax break that lets private schools "
     "avoid VAT.", "charging VAT on private school fees", "Tom Reed", "support"),
    ("Labour plans to charge VAT on private school fees. Jo Hart ended the situation in which private schools could "
     "charge fees without paying VAT.", "charging VAT on private school fees", "Jo Hart", "support"),
    # ... and named as itself anywhere, it is not spared
    ("Labour plans to charge VAT on private school fees. “I fully support charging VAT on private school fees, and I "
     "oppose any VAT exemption for boarding schools,” said Helen Marsh.", "charging VAT on private school fees",
     "Helen Marsh", "support"),
    ("The Chancellor is weighing a windfall tax on energy companies. “A windfall tax on energy companies is long "
     "overdue. These firms have enjoyed a generous tax break for far too long,” said Sharon Gale.",
     "a windfall tax on energy companies", "Sharon Gale", "support"),
    # a clause that takes the target out, as the subject: what it does is for taking it out
    ("The government plans to ban mobile phones in schools. “Taking phones out of classrooms would help pupils "
     "concentrate,” said Lucy Barnes.", "banning mobile phones in schools", "Lucy Barnes", "support"),
    ("Labour plans to charge VAT on private school fees. Susan Parker said charging VAT on school fees was unfair.",
     "charging VAT on private school fees", "Susan Parker", "oppose"),
    # a motive denied is no call, and what is said of "the rollout of" the issue is said of it; "not because …, but
    # because …" gives the reason and concedes nothing
    ("The council debated a sugar levy. “The rollout of a sugar levy is problematic, and not because we want "
     "children to drink fizzy drinks all day, but because it hits poor families hardest,” said Helen Moss.",
     "a sugar levy", "Helen Moss", "oppose"),
    # initials are a name: "AIDS" does not name aid
    ("The government plans to cut overseas aid. Jo Hart said fewer lives would be saved in the fight against AIDS "
     "and malaria.", "cutting overseas aid to fund defence spending", "Jo Hart", "none"),
])
def test_person_stance_from_every_kind_of_statement(tmp_path: Path, text: str, issue: str, who: str,
                                                    stance: str) -> None:
    got = _stances(_board(tmp_path, text, issue))
    assert got.get(who, "none") == stance, got


@pytest.mark.parametrize("cue,side", [("backed", 1), ("voted", 1), ("voting", 1), ("sued", -1), ("suing", -1),
                                      ("resigned", -1), ("abstained", 0), ("opposition", -1), ("plan", 1),
                                      # no known side: what the statement says decides, not a default
                                      ("letter", None), ("comments", None), ("raised", None)])
def test_cue_sides(cue: str, side: int | None) -> None:
    assert cue_side(cue) == side


def test_blocking_words_and_negations_turn_a_position_but_the_issue_s_own_action_does_not() -> None:
    cut = parse("cutting overseas aid")
    assert turns("to block any attempt to expand it", cut)[0] == -1
    assert turns("not to stop the plan", cut)[0] == 1
    assert turns("the decision to cut aid", cut)[0] == 1  # "cut" is the issue's own action
    assert turns("the decision to keep cutting aid", cut)[0] == 1  # "cutting" is "cut" too
    assert turns("the plan to halt the cuts", cut)[0] == -1
    runway = parse("a second runway at the airport")
    # a blocking word after the issue is named is about something else
    assert turns("confirming support for a second runway by declaring his outright opposition", runway)[0] == 1
    assert turns("vowed to block any second runway", runway)[0] == -1
    # a verb of the issue's own kind that is followed by its target does what the issue does
    bar = parse("barring jet skis from the harbour")
    assert turns("a rule banning jet skis from the harbour", bar)[0] == 1
    assert turns("an order to block the ban on jet skis", bar)[0] == -1


def test_a_negation_after_the_issue_is_named_does_not_turn_the_position() -> None:
    ids = parse("introducing digital ID cards")
    assert turns("the ID card scheme, which will not be mandatory", ids)[0] == 1
    assert turns("not the ID card scheme", ids)[0] == -1


def test_what_the_issue_is_to_undergo_after_it_turns_the_position() -> None:
    tax = parse("a tourist tax in Harbour City")
    assert turns("for the tourist tax to be scrapped", tax)[0] == -1
    assert turns("that the tourist tax be reversed", tax)[0] == -1
    assert turns("for the tourist tax to be introduced next year", tax)[0] == 1
    assert turns("the tourist tax, to be introduced in May", tax)[0] == 1
    assert turns("to block the tourist tax", tax)[0] == -1


@pytest.mark.parametrize("text,who,stance", [
    # refusing, declining, not having done: the other side; not ruling it out: open to it
    ("Ann Lee declined to back the tourist tax.", "Ann Lee", "oppose"),
    ("Ann Lee has not backed the tourist tax.", "Ann Lee", "oppose"),
    ("Ann Lee has not ruled out a tourist tax.", "Ann Lee", "neutral"),
    ("Ann Lee has refused to rule out a tourist tax.", "Ann Lee", "neutral"),
    ("Ann Lee declined to rule out a tourist tax.", "Ann Lee", "neutral"),
    ("Ann Lee ruled out a tourist tax.", "Ann Lee", "oppose"),
    # what the issue is to undergo, after it
    ("Ann Lee signed a letter calling for the tourist tax to be scrapped.", "Ann Lee", "oppose"),
    # a vote's minority after "with", a vote cast, objections and criticism drawn from someone
    ("The council voted 7-2 to approve the tourist tax, with Ann Lee and Raj Patel dissenting.", "Raj Patel",
     "oppose"),
    ("The tourist tax passed 5-2, with council members Ann Lee and Raj Patel voting against it.", "Ann Lee",
     "oppose"),
    ("Ann Lee cast the deciding vote for the tourist tax.", "Ann Lee", "support"),
    ("Tom Reed cast the lone vote against the tourist tax.", "Tom Reed", "oppose"),
    ("The tourist tax was pushed through by Mayor Ann Lee despite objections from Raj Patel.", "Ann Lee",
     "support"),
    ("The tourist tax was pushed through by Mayor Ann Lee despite objections from Raj Patel.", "Raj Patel",
     "oppose"),
    ("The tourist tax drew fierce criticism from Ann Lee and the Harbour Hotels Association.",
     "Harbour Hotels Association", "oppose"),
    # ... not a need of someone's support, nor a comment declined
    ("The tourist tax needs support from Ann Lee to pass.", "Ann Lee", "none"),
    # a vote said alone, a group led by someone, a description owned by the issue, a subject that denies it
    ("The tourist tax passed 7-2 on Tuesday. Ann Lee and Raj Patel voted no.", "Raj Patel", "oppose"),
    ("The tourist tax passed 7-2 on Tuesday. Ann Lee voted yes.", "Ann Lee", "support"),
    ("The council approved the tourist tax on Tuesday. Opponents, led by Ann Lee, vowed to fight on.", "Ann Lee",
     "oppose"),
    ("Ann Lee said nobody would back the tourist tax.", "Ann Lee", "oppose"),
    # phrasal verbs: the phrase's side, not the verb's
    ("Mayor Ann Lee has backed away from the tourist tax.", "Ann Lee", "oppose"),
    ("Mayor Ann Lee has rowed back on the tourist tax.", "Ann Lee", "oppose"),
    ("Mayor Ann Lee said the council would press ahead with the tourist tax.", "Ann Lee", "support"),
    ("Mayor Ann Lee stuck to the tourist tax despite the protests.", "Ann Lee", "support"),
    # ... said of someone else, it is what they do, not the speaker's side
    ("Raj Patel said: “The council ploughs ahead with this disastrous tourist tax.”", "Raj Patel", "oppose"),
])
def test_votes_refusals_and_objections_take_their_side(tmp_path: Path, text: str, who: str, stance: str) -> None:
    data = _board(tmp_path, text, "a tourist tax in Harbour City")
    assert _stances(data).get(who, "none") == stance, data["people"]


@pytest.mark.parametrize("word,stem", [("AIDS", "aids"), ("NHS", "nhs"),
                                       ("cutting", "cut"), ("cuts", "cut"), ("banned", "ban"), ("bans", "ban"),
                                       ("scrapping", "scrap"), ("votes", "vot"), ("voted", "vot"), ("taxes", "tax"),
                                       ("added", "add"), ("killing", "kill"), ("focus", "focus")])
def test_verb_and_noun_forms_share_a_stem(word: str, stem: str) -> None:
    assert proposition_stem(word) == stem


def test_a_long_sentence_with_a_negative_word_elsewhere_is_no_judgement(tmp_path: Path) -> None:
    text = ("The council voted on Tuesday to cut the library budget. Mayor Ann Lee said the cut was part of the "
            "council's plan to clamp down on illegal dumping in the parks.")
    got = _stances(_board(tmp_path, text, "cutting the council's library budget"))
    assert got.get("Ann Lee", "none") != "oppose", got


REGISTER = {
    "persons": [{"id": "ann", "name": "Ann Lee"}, {"id": "bo", "name": "Bo Grant"}],
    "organizations": [
        {"id": "red", "name": "Red Party", "classification": "party", "other_names": [{"name": "Reds"}]},
        {"id": "blue", "name": "Blue Party", "classification": "party", "other_names": [{"name": "Blues"}]},
        {"id": "gov", "name": "Government", "classification": "executive"},
    ],
    "memberships": [
        {"person_id": "ann", "organization_id": "red", "role": "Leader", "start_date": "2020-01-01",
         "end_date": "2024-06-01"},
        {"person_id": "bo", "organization_id": "red", "role": "Leader", "start_date": "2024-06-01"},
        {"person_id": "ann", "organization_id": "gov", "role": "Prime Minister", "start_date": "2020-01-01",
         "end_date": "2024-06-01"},
        {"member": {"@type": "Organization", "id": "red"}, "organization_id": "gov", "role": "governing party",
         "start_date": "2020-01-01", "end_date": "2024-06-01"},
        {"member": {"@type": "Organization", "id": "blue"}, "organization_id": "gov", "role": "governing party",
         "start_date": "2024-06-01"},
    ],
}


def _breaks(data: dict[str, Any]) -> set[str]:
    return {p["name"] for p in data["people"] if p["breaks_with_party"]}


def _lines(data: dict[str, Any]) -> dict[str, tuple[str, str]]:
    return {ln["party"]: (ln["stance"], ln["source"]) for ln in data["party_lines"]}


def test_the_leader_on_the_article_s_day_sets_the_line(tmp_path: Path) -> None:
    text = ("Red Party leader Ann Lee backed the sewage cap on Monday. Red MP Carl Dunn voted against the sewage "
            "cap.")
    data = _board(tmp_path, text, "a sewage cap", REGISTER, published="2023-03-01")
    assert _lines(data)["Red"][0] == "support" and "Ann Lee" in _lines(data)["Red"][1]
    assert _breaks(data) == {"Carl Dunn"}


def test_a_free_vote_has_no_line(tmp_path: Path) -> None:
    text = ("Red Party leader Ann Lee backed the sewage cap, but she gave Red MPs a free vote. Red MP Carl Dunn "
            "voted against the sewage cap.")
    data = _board(tmp_path, text, "a sewage cap", REGISTER, published="2023-03-01")
    assert _lines(data)["Red"] == ("none", "free vote")
    assert not _breaks(data)


def test_a_law_the_article_names_is_not_one_of_its_people(tmp_path: Path) -> None:
    text = ("Ann Lee said the sugar levy would save lives.\n\nUnder the Voter’s Choice Act, registered voters on "
            "Election Day can cast their ballots at any vote center in Alameda County.")
    names = set(_stances(_board(tmp_path, text, "a sugar levy")))
    assert "Ann Lee" in names and not any(n.endswith("Act") for n in names), names


def test_a_research_body_cited_on_the_issue_is_a_neutral_source(tmp_path: Path) -> None:
    on = ("Ann Lee said the sugar levy would save lives.\n\nThe Harbour Institute for Health Research said sugar "
          "sales fell by a fifth in towns with a levy.")
    data = _board(tmp_path, on, "a sugar levy")
    assert _stances(data).get("Harbour Institute for Health Research") == "neutral", _stances(data)
    # ... not in an article that does not bear on the issue
    off = "The Harbour Institute for Health Research said bread sales fell by a fifth last year."
    assert _stances(_board(tmp_path, off, "a sugar levy")).get("Harbour Institute for Health Research",
                                                                  "none") == "none"


def test_someone_who_speaks_on_the_issue_without_a_side_is_neutral(tmp_path: Path) -> None:
    # facts or analysis that bear on the issue, no position: neutral, and the board says so in words
    text = ("Ann Lee said the sugar levy would save lives.\n\n\u201cNobody knows yet how much the sugar levy "
            "will raise,\u201d said Tom Reed, an economist.")
    data = _board(tmp_path, text, "a sugar levy")
    assert _stances(data).get("Tom Reed") == "neutral", _stances(data)
    # ... while someone quoted on something else in the same article has no position on it
    other = text + "\n\n\u201cThe harbour needs dredging,\u201d said Ria Holt."
    assert _stances(_board(tmp_path, other, "a sugar levy")).get("Ria Holt", "none") == "none"


def test_a_party_s_rebels_break_with_the_line_they_rebel_against(tmp_path: Path) -> None:
    # no leader, minister or frontbencher on record: the members the story calls rebels set the line by going against
    text = ("The government suffered a rebellion over the sewage cap on Tuesday.\n\nBlue MP Sam Ode backed the "
            "sewage cap.")
    data = _board(tmp_path, text, "a sewage cap", REGISTER, published="2025-02-01")
    assert _lines(data)["Blue"][0] == "oppose" and _lines(data)["Blue"][1].startswith("against its rebels")
    assert _breaks(data) == {"Sam Ode"}
    # ... and with no rebellion told, members who agree are the line, and no one breaks it
    calm = _board(tmp_path, text.replace("suffered a rebellion over", "debated"), "a sewage cap", REGISTER,
                  published="2025-02-01")
    assert not _breaks(calm)


def test_a_parliamentary_private_secretary_is_not_the_government(tmp_path: Path) -> None:
    text = ("Sam Ode, a parliamentary private secretary in the Department for Transport, backed the sewage cap. "
            "Blue MP Ria Holt voted against the sewage cap.")
    data = _board(tmp_path, text, "a sewage cap", REGISTER, published="2025-02-01")
    assert not _lines(data).get("Blue", ("none", ""))[1].startswith("government"), _lines(data)


def test_the_government_sets_the_governing_party_s_line(tmp_path: Path) -> None:
    text = ("Environment Secretary Jo Marsh defended the sewage cap in the Commons. Blue MP Sam Ode voted against "
            "the sewage cap.")
    data = _board(tmp_path, text, "a sewage cap", REGISTER, published="2025-02-01")
    assert _lines(data)["Blue"][0] == "support" and _lines(data)["Blue"][1].startswith("government")
    assert _breaks(data) == {"Sam Ode"}


@pytest.mark.parametrize("text,name,stance", [
    # a leader who says nothing on it holds the line their frontbench sets ...
    ("Red shadow environment secretary Jo Marsh attacked the sewage cap in the Commons. Red Party leader Bo Grant said "
     "the trains would run on time.", "Bo Grant", "oppose"),
    # ... while a minister or a backbencher who says nothing on it holds nothing
    ("Environment Secretary Jo Marsh defended the sewage cap in the Commons. Transport Minister Kit Vane said the "
     "trains would run on time.", "Kit Vane", "none"),
    ("Environment Secretary Jo Marsh defended the sewage cap in the Commons. Blue MP Kit Vane said the trains would "
     "run on time.", "Kit Vane", "none"),
    # ... a leader's own side stands ...
    ("Red shadow environment secretary Jo Marsh attacked the sewage cap in the Commons. Red Party leader Bo Grant "
     "backed the sewage cap.", "Bo Grant", "support"),
    # ... and a free vote binds no one
    ("Red shadow environment secretary Jo Marsh attacked the sewage cap, but Red MPs have a free vote. Red Party "
     "leader Bo Grant said the trains would run on time.", "Bo Grant", "none"),
])
def test_the_line_binds_the_party_s_leader_where_they_say_nothing_of_their_own(tmp_path: Path, text: str,
                                                                               name: str, stance: str) -> None:
    data = _board(tmp_path, text, "a sewage cap", REGISTER, published="2025-02-01")
    person = next(p for p in data["people"] if p["name"] == name)
    assert person["stance"] == stance
    bound = name == "Bo Grant" and stance == "oppose"
    assert bool(person.get("basis")) == bound and (not bound or "Red line" in person["basis"])


def test_a_party_speaking_as_itself_sets_its_line_but_a_group_named_after_it_does_not(tmp_path: Path) -> None:
    text = ("The Reds oppose the sewage cap. The Red Rivers Network backed the sewage cap. Red MP Carl Dunn voted "
            "for the sewage cap.")
    data = _board(tmp_path, text, "a sewage cap", REGISTER, published="2025-02-01")
    assert _lines(data)["Red"][0] == "oppose"
    assert "Carl Dunn" in _breaks(data)


@pytest.mark.parametrize("text,advocates", [
    ("We are worried that people are sent away without family support.", False),   # a noun advocates nothing
    ("The union's demands were ignored.", False),
    ("Twenty people account for 5% of the calls for service.", False),
    ("We support the sugar levy.", True),
    ("They demand a sugar levy.", True),
])
def test_advocacy_words_read_as_nouns_advocate_nothing(text: str, advocates: bool) -> None:
    from onrecord.stance.reader import _nouns_masked
    from onrecord.stance.rules import RuleStance

    pol = RuleStance().polarity(_nouns_masked(text))
    assert (pol is not None and pol[0] == "support") == advocates, pol


@pytest.mark.parametrize("text,side", [
    # the words that describe the issue's own noun judge it, however long the sentence around
    ("They each serve to make this disastrous mess of a levy marginally less absurd, and as I will come to in a "
     "second, they would serve only to put in statute what was promised from the despatch box.", "oppose"),
    ("It was, as everyone in the chamber who had followed the debate over many long months agreed, a brilliant "
     "levy that would save lives.", "support"),
    # a milder word that describes it is enough: it says nothing of anything else
    ("They each serve to make this shambolic mess of a levy marginally less absurd.", "oppose"),
    # the idioms of a judgement of a proposal
    ("Frankly, the sugar levy goes too far.", "oppose"),
    ("The sugar levy is half-baked.", "oppose"),
    ("The sugar levy is a step in the right direction.", "support"),
    ("The sugar levy is a step backward for public health.", "oppose"),
    ("The sugar levy is a step in the wrong direction.", "oppose"),
    ("The sugar levy will be a game-changer for children's teeth.", "support"),
    # one word of mild valence said of it judges it, hyphenated as written
    ("The sugar levy is foolish.", "oppose"),
    ("The sugar levy is short-sighted.", "oppose"),
    # ... where a longer phrase's mild tone does not
    ("The sugar levy would become more important for the food industry in the years to come.", "none"),
])
def test_the_words_describing_the_issue_judge_it(text: str, side: str) -> None:
    from onrecord.models import Issue, Quote, Span
    from onrecord.stance.reader import PositionReader

    q = Quote("a", Span(text, 0, len(text)), "direct", id="q1")
    q.speaker, q.sentence = "Ann Lee", text
    labels = PositionReader().label(Issue("a sugar levy", id="i1"), [q])
    assert [lab.stance for lab in labels] == [side], labels



def test_a_position_is_not_toward_the_one_the_issue_removes_because_its_sentence_names_them() -> None:
    # "Tom Reed defended it …. But Sam Lee disagreed": the sentence names Sam Lee, whom the ouster removes, but what
    # was defended is "it"; turning the defence into a side against the ouster would be a guess
    from onrecord.models import Issue, Mention, Quote, Span
    from onrecord.stance.reader import PositionReader

    text = "Tom Reed defended it as a paper on A.I. But Sam Lee disagreed."
    q = Quote("a", Span("defended it", 9, 20), "reported", cue=Span("defended", 9, 17), id="q1")
    q.speaker, q.sentence = "Tom Reed", text
    q.mention = Mention(Span("Tom Reed", 0, 8), "name", "Tom Reed")
    said = "the board's ouster of Sam Lee as chief executive was a mistake"  # an article about the ouster
    other = Quote("a", Span(said, 100, 100 + len(said)), "indirect", id="q0")
    other.speaker, other.sentence = "Ria Holt", f"Ria Holt said {said}."
    labels = PositionReader().label(Issue("the board's ouster of Sam Lee as chief executive", id="i1"), [other, q])
    assert [lab.stance for lab in labels if lab.quote_id == "q1"] in ([], ["none"]), labels


def test_a_person_on_both_sides_is_unclear_on_the_board(tmp_path: Path) -> None:
    # back and forth, not a change of mind: for, against, for, against
    text = ("The council debated the sugar levy on Monday.\n\n“I back the sugar levy,” said Ann Lee in the "
            "morning.\n\nAt noon Ann Lee said she opposed the sugar levy.\n\nBy the afternoon Ann Lee said she "
            "backed the sugar levy again.\n\nIn the evening Ann Lee said she opposed the sugar levy.\n\nTom Bell "
            "said he backed the sugar levy.")
    _board(tmp_path, text, "a sugar levy")  # the export keeps the model's own stance
    store = open_store(":memory:")
    src = tmp_path / "b.txt"
    src.write_text(text, "utf-8")
    settings = {"stance_model": "rules.v2", "extractor": "rules.v1"}
    pipeline.ingest(store, [src], settings=settings)
    pipeline.add_issue(store, "a sugar levy", settings=settings)
    board = query.board(store, "a sugar levy")
    shown = {p["name"]: (p["stance"], p["position"], p["summary"]) for g in board["parties"] for p in g["people"]}
    assert shown["Tom Bell"][:2] == ("support", "support")
    stance, position, summary = shown["Ann Lee"]
    assert stance in {"support", "oppose"} and position == "unclear" and summary.startswith("Unclear: split"), shown


@pytest.mark.parametrize("cue,side", [
    # the attribution tagger reads "criticised the plans" as a cue and its object: the cue's side is the position
    ("have been heavily criticised by", "oppose"),
    ("was backed by", "support"),
    ("has not been backed by", "oppose"),
    # "called the plans a danger" names them; it is no call for them
    ("called", "none"),
])
def test_a_cue_whose_content_only_names_the_issue_takes_its_own_side(cue: str, side: str) -> None:
    from onrecord.models import Issue, Quote, Span
    from onrecord.stance.reader import PositionReader

    text = "the council’s new sugar levy"
    sentence = f"{text} {cue} Ann Lee."
    q = Quote("a", Span(text, 0, len(text)), "indirect", cue=Span(cue, len(text) + 1, len(text) + 1 + len(cue)),
              id="q1")
    q.speaker, q.sentence = "Ann Lee", sentence
    labels = PositionReader().label(Issue("a sugar levy", id="i1"), [q])
    assert [lab.stance for lab in labels] == [side], labels


@pytest.mark.parametrize("text,issue,who,stance", [
    # a protest that names nothing it is against, in an article on the issue: against what the article reports
    ("The Harbour Bill passed on Tuesday.\n\nThe issue has caught fire across the county, with the Harbour Farmers "
     "Union planning a protest in Westminster.", "the Harbour Bill", "Harbour Farmers Union", "oppose"),
    # an effort to do what the issue names is for it
    ("Dunport Airport bosses have been trying to build a third runway for nearly 20 years.",
     "a third runway at Dunport", "Dunport Airport", "support"),
])
def test_a_protest_or_an_effort_in_an_article_on_the_issue(tmp_path: Path, text: str, issue: str, who: str,
                                                           stance: str) -> None:
    assert _stances(_board(tmp_path, text, issue)).get(who) == stance


@pytest.mark.parametrize("sentence,resigned", [
    # what a resignation is over is not whatever its sentence names ...
    ("Jane Stevenson resigned from her role after she supported two rebel amendments to the Harbour Bill.", "none"),
    # ... unless it says so
    ("Jane Stevenson resigned from her role in protest at the Harbour Bill.", "oppose"),
    ("Jane Stevenson resigned in protest over the Harbour Bill.", "oppose"),  # a protest is not a turn of it
])
def test_a_resignation_is_over_what_it_says(tmp_path: Path, sentence: str, resigned: str) -> None:
    data = _board(tmp_path, "The Harbour Bill passed on Tuesday.\n\n" + sentence, "the Harbour Bill")
    got = _quote_stances(data, lambda q: q["text"].startswith("resigned"))
    assert got == [resigned], got


@pytest.mark.parametrize("sentence,issue,stance", [
    # a side on changing the issue is none on it: rejecting an attempt to amend a bill is not opposing the bill
    ("The House of Commons rejected the House of Lords’ attempt to amend the Harbour Bill.", "the Harbour Bill",
     "none"),
    ("“We will fight any attempt to water down the Harbour Bill,” said the House of Commons.", "the Harbour Bill",
     "none"),
    # ... but where the issue is itself a change, backing the change backs it
    ("The House of Commons said it would support proposed changes designed to toughen up the Harbour Bill.",
     "the rebel amendments to toughen the Harbour Bill", "support"),
    # and a plain rejection is still one
    ("The House of Commons rejected the Harbour Bill.", "the Harbour Bill", "oppose"),
])
def test_a_side_on_changing_the_issue_is_none_on_it(tmp_path: Path, sentence: str, issue: str, stance: str) -> None:
    data = _board(tmp_path, "MPs debated the Harbour Bill on Monday.\n\n" + sentence, issue)
    got = _quote_stances(data, lambda q: q["speaker"] == "House of Commons")
    assert got == [stance], got


@pytest.mark.parametrize("text,issue,who,stance", [
    # an act done to someone named takes no side on what its sentence names
    ("MPs debated the Harbour Bill on Monday.\n\nThe Labour Party suspended Tom Bell after he voted against the "
     "Harbour Bill.", "the Harbour Bill", "Labour Party", "none"),
    # a side on a change named right after the issue's words is none on the issue
    ("MPs debated the Harbour Bill on Monday.\n\nThe House of Commons rejected the Harbour Bill amendments.",
     "the Harbour Bill", "House of Commons", "none"),
    # the speaker's own name is not the issue's, where the issue is done to them
    ("The board ousted Sam Reed on Friday.\n\nSam Reed said the paper criticised the company’s safety work.",
     "the board's ouster of Sam Reed", "Sam Reed", "none"),
])
def test_statements_that_only_seem_to_take_a_side(tmp_path: Path, text: str, issue: str, who: str,
                                                  stance: str) -> None:
    data = _board(tmp_path, text, issue)
    got = _quote_stances(data, lambda q: q["speaker"] == who)
    assert got == [stance], got


def test_approving_only_some_is_a_limit_not_a_side() -> None:
    from onrecord.models import Issue, Quote, Span
    from onrecord.stance.reader import PositionReader

    text = "approved only 47 signatures for putting Ann Lee on the ballot"
    q = Quote("a", Span(text, 0, len(text)), "reported", cue=Span("approved", 0, 8), id="q1")
    q.speaker, q.sentence = "Tim Ross", "The registrar Tim Ross " + text + "."
    labels = PositionReader().label(Issue("putting Ann Lee on the ballot", id="i1"), [q])
    assert [lab.stance for lab in labels] in (["none"], []), labels


@pytest.mark.parametrize("sentence,who,stance", [
    # a bare protest is against the matter only where its sentence points at it, and only a protest or a boycott
    ("The issue has caught fire, with the Harbour Farmers Union planning a protest in Westminster.",
     "Harbour Farmers Union", "oppose"),
    ("The Harbour Farmers Union is planning a demonstration in Westminster.", "Harbour Farmers Union", "none"),
    ("The British Medical Association is planning a protest in March over pay.", "British Medical Association",
     "none"),
    # the protest words turn only as words of their own, and not a protest for it
    ("Ann Lee backed the protesters’ call for the Harbour Bill.", "Ann Lee", "support"),
    ("Tom Bell welcomed the protest in favour of the Harbour Bill.", "Tom Bell", "support"),
    ("Rita Lyle backed the boycott of the Harbour Bill.", "Rita Lyle", "oppose"),
    # a cue's side is on the issue named, not on those who oppose it
    ("Opponents of the Harbour Bill have been heavily criticised by Ann Lee.", "Ann Lee", "none"),
    # a legal challenge opposes what it takes to court, reported or in the speaker's words
    ("Raj Patel has vowed to take the bill to court.", "Raj Patel", "oppose"),
    ("Raj Patel said: “We will take this bill to court.”", "Raj Patel", "oppose"),
    ("Ann Lee vowed to seek a judicial review of the Harbour Bill.", "Ann Lee", "oppose"),
    # ... and not what a court did with it
    ("Ann Lee welcomed the court’s decision to uphold the Harbour Bill.", "Ann Lee", "support"),
])
def test_protests_and_cues_take_the_side_they_say(tmp_path: Path, sentence: str, who: str, stance: str) -> None:
    data = _board(tmp_path, "The Harbour Bill passed on Tuesday.\n\n" + sentence, "the Harbour Bill")
    assert _stances(data).get(who, "none") == stance, data["people"]


@pytest.mark.parametrize("sentence,who,stance", [
    # idioms of backing, reported or said, and turned by a negation
    ("Raj Patel has thrown his weight behind the harbour expansion.", "Raj Patel", "support"),
    ("Raj Patel said: “I put my weight behind the harbour expansion.”", "Raj Patel", "support"),
    ("Raj Patel gave the go-ahead for the harbour expansion on Tuesday.", "Raj Patel", "support"),
    ("Raj Patel said the council should not give the green light to the harbour expansion.", "Raj Patel", "oppose"),
    # a vote's own side, said before it: the dissenting votes oppose, the deciding vote supports
    ("Council members Maria Lopez and Dan Whitaker cast the dissenting votes.", "Dan Whitaker", "oppose"),
    ("Council member Maria Lopez cast the deciding vote.", "Maria Lopez", "support"),
    # what "this" will do, in an article on the issue, judges it
    ("“This will save lives,” said Tom Bell.", "Tom Bell", "support"),
    ("“This will destroy the fishing fleet,” said Tom Bell.", "Tom Bell", "oppose"),
    # the speaker's own party taking a side is the speaker's side, as "we" would be
    ("Tom Bell said the party had always backed harbour expansion.", "Tom Bell", "support"),
    # "the announcement", in an article on the issue, is the issue's
    ("Fishermen's leader Tom Bell welcomed the announcement.", "Tom Bell", "support"),
])
def test_idioms_votes_the_party_and_the_announcement_take_their_side(tmp_path: Path, sentence: str, who: str,
                                                                    stance: str) -> None:
    data = _board(tmp_path, "The council has approved a harbour expansion, its leader Ann Lee said.\n\n" + sentence,
                  "a harbour expansion")
    assert _stances(data).get(who, "none") == stance, data["people"]


@pytest.mark.parametrize("text,who,stance", [
    # a description says where one stands on what it is of, with no speech verb in the sentence
    ("Ann Lee, an outspoken opponent of the tourist tax, was re-elected on Tuesday.", "Ann Lee", "oppose"),
    ("Raj Patel is a longtime supporter of the tourist tax. He was re-elected on Tuesday.", "Raj Patel", "support"),
    # ... and only on that: a critic of the mayor who says the tax would help supports the tax
    ("Ann Lee, a critic of Mayor Tom Reed, said the tourist tax would help the harbour.", "Ann Lee", "support"),
    ("Ann Lee, an ally of Mayor Tom Reed, was re-elected on Tuesday. The tourist tax starts in May.", "Ann Lee",
     "none"),
])
def test_a_description_is_a_position_on_what_it_is_of(tmp_path: Path, text: str, who: str, stance: str) -> None:
    data = _board(tmp_path, text, "a tourist tax in Harbour City")
    assert _stances(data).get(who, "none") == stance, data["people"]
    assert all(q["stance"] == "none" for d in data["documents"] for q in d["quotes"]
               if "Tom Reed" in q["text"]), data["documents"]


@pytest.mark.parametrize("said,stance", [
    # facts that bear on the issue in other words, with no side: spoken on it
    ("many trans drivers carry IDs that list a sex that does not match who they are", "neutral"),
    # ... where something else is said: nothing
    ("the weather in the county was mild this week", "none"),
])
def test_a_statement_close_in_meaning_with_no_side_is_neutral(said: str, stance: str) -> None:
    from onrecord.models import Issue, Person, Quote, Span
    from onrecord.stance.aggregate import no_side_taken, person_stance
    from onrecord.stance.reader import PositionReader

    q = Quote("a", Span(said, 0, len(said)), "indirect", id="q1")
    q.speaker, q.sentence = "Ann Lee", said
    labels = PositionReader().label(
        Issue("barring transgender people from changing the gender marker on driver's licenses", id="i1"), [q])
    person = Person(id="p1", name="Ann Lee")
    assert no_side_taken(person_stance(person, labels), person, labels).stance == stance, labels


def test_a_side_held_by_the_line_says_so_on_the_board_and_the_person_page(tmp_path: Path) -> None:
    from onrecord.query import pages

    store = open_store(str(tmp_path / "s.db"))
    (tmp_path / "reg.json").write_text(json.dumps(REGISTER), "utf-8")
    reg = pipeline.load_register_into(store, tmp_path / "reg.json")
    src = tmp_path / "a.jsonl"
    text = ("Red shadow environment secretary Jo Marsh attacked the sewage cap in the Commons. Red Party leader "
            "Bo Grant said the trains would run on time.")
    src.write_text(json.dumps({"text": text, "published": "2025-02-01"}) + "\n", "utf-8")
    settings = {"stance_model": "rules.v2", "extractor": "rules.v1"}
    pipeline.ingest(store, [src], register=reg, settings=settings)
    pipeline.add_issue(store, "a sewage cap", settings=settings)
    board = query.board(store, "a sewage cap")
    (grant,) = [p for g in board["parties"] for p in g["people"] if p["name"] == "Bo Grant"]
    assert grant["position"] == "oppose" and "Red line" in grant["basis"] and "binds them" in grant["summary"]
    (marsh,) = [p for g in board["parties"] for p in g["people"] if p["name"] == "Jo Marsh"]
    assert marsh["basis"] == "" and "binds" not in marsh["summary"]  # her side is her own
    page = pages.person(store, grant["id"])
    (pos,) = page["positions"]
    assert pos["stance"] == "oppose" and "binds them as its leader" in pos["summary"]
    store.close()


@pytest.mark.parametrize("text,party_side", [
    # the party only named, where its frontbench sets its line, holds that line
    ("Red shadow environment secretary Jo Marsh said the Reds would scrap the sewage cap.", "oppose"),
    # ... and not where the article sets none
    ("Red MP Tom Bell said the Reds were divided over the sewage cap, and he would scrap it.", "none"),
])
def test_a_party_named_where_its_line_is_set_holds_it(tmp_path: Path, text: str, party_side: str) -> None:
    data = _board(tmp_path, text, "a sewage cap", register=REGISTER, published="2025-02-01")
    assert _stances(data).get("Red Party", "none") == party_side, data["people"]


def test_a_relative_clause_is_its_actor_s_position_and_not_what_the_sentence_reports(tmp_path: Path) -> None:
    # the aside that describes the actor is their position; the call the sentence reports is on something else
    text = "The Harbour Alliance, who oppose charging the tourist tax, called for a review of teacher pay."
    data = _board(tmp_path, text, "charging a tourist tax in Harbour City")
    assert _stances(data).get("Harbour Alliance") == "oppose", data["people"]
    assert _quote_stances(data, lambda q: q["text"].startswith("called")) == ["none"], data["documents"]


def test_a_call_on_someone_to_do_something_else_is_no_side_on_the_issue(tmp_path: Path) -> None:
    text = ("The sewage cap passed on Tuesday. The Harbour Alliance called for Ann Lee to meet the fishermen. Tom Bell "
            "called for the sewage cap to be scrapped.")
    data = _board(tmp_path, text, "a sewage cap")
    assert _stances(data).get("Harbour Alliance", "none") == "none", data["people"]
    assert _stances(data).get("Tom Bell") == "oppose", data["people"]


@pytest.mark.parametrize("finding", [
    "A Marlowe Research poll published on Monday showed that 60% of residents back the ban on second homes.",
    "Some 60% of residents back the ban on second homes, according to a Marlowe Research poll.",
])
def test_a_poll_s_finding_is_no_side_of_the_pollster(tmp_path: Path, finding: str) -> None:
    from onrecord.eval.realnews import run_article

    path = tmp_path / "a.txt"
    path.write_text("The council will vote on a ban on second homes next week.\n\n" + finding, "utf-8")
    data = run_article(path, ["a ban on second homes"])["a ban on second homes"]
    (said,) = [q for d in data["documents"] for q in d["quotes"] if "60%" in q["text"]]
    assert said["speaker"] == "Marlowe Research" and said["stance"] == "none"
    assert "poll's finding" in said["stance_reason"]
    assert _stances(data)["Marlowe Research"] in {"neutral", "none"}


def test_a_leader_is_not_held_to_a_line_the_party_has_since_left(tmp_path: Path) -> None:
    store = open_store(":memory:")
    (tmp_path / "reg.json").write_text(json.dumps(REGISTER), "utf-8")
    reg = pipeline.load_register_into(store, tmp_path / "reg.json")
    src = tmp_path / "a.jsonl"
    rows = [{"text": "Red shadow environment secretary Jo Marsh attacked the sewage cap. Red Party leader Bo Grant "
                     "said the trains would run on time.", "published": "2025-01-10"},
            {"text": "Red shadow environment secretary Jo Marsh backed the sewage cap in a U-turn.",
             "published": "2025-03-10"}]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    settings = {"stance_model": "rules.v2", "extractor": "rules.v1"}
    pipeline.ingest(store, [src], register=reg, settings=settings)
    pipeline.add_issue(store, "a sewage cap", settings=settings)
    data = query.export_issue(store, "a sewage cap")
    assert _lines(data)["Red"][0] == "support"  # the line now
    assert _stances(data)["Bo Grant"] == "none"  # January's line is not his side in March


VECTORS_TEXT = ("Dana Pike said the parks were losing their villages to holiday lets.\n\n"
                "Omar Reyes said that homes in the valley now sit empty most of the year.\n\n"
                "“We back a ban on second homes in the national parks,” said Lena Ward.")


def test_statements_vectors_are_made_once_and_read_by_every_later_analysis(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from onrecord.stance import vectors

    store = open_store(str(tmp_path / "v.db"))
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"text": VECTORS_TEXT}) + "\n", "utf-8")
    settings = {"stance_model": "rules.v2", "extractor": "rules.v1"}
    pipeline.ingest(store, [src], settings=settings)
    encoded: list[str] = []
    embed = vectors.embed

    def counting(texts: list[str]) -> list[list[float]]:
        encoded.extend(texts)
        return embed(texts)

    monkeypatch.setattr(vectors, "embed", counting)
    issue = "a ban on second homes in national parks"
    pipeline.add_issue(store, issue, settings=settings)
    first = query.export_issue(store, issue)
    made = store.quote_vectors(vectors.MODEL)
    assert made and set(made) <= {q.id for q in store.quotes()}
    assert {t for t in encoded if t != issue}, encoded  # the statements that do not name the issue were encoded
    encoded.clear()
    pipeline.add_issue(store, issue, settings=settings)  # again, in a new reader: only the issue is encoded
    assert encoded == [issue]
    assert query.export_issue(store, issue)["people"] == first["people"]
    # a statement's vector is read as it was stored, and gives what a fresh one gives
    q = next(q for q in store.quotes() if q.id in made)
    assert vectors.from_bytes(made[q.id]) == pytest.approx(embed([vectors.about(q)])[0], abs=1e-6)


def test_stored_vectors_go_with_their_statements(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "v.db"))
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"text": VECTORS_TEXT}) + "\n", "utf-8")
    pipeline.ingest(store, [src], settings={"extractor": "rules.v1"})
    quotes = store.quotes()
    article = quotes[0].article_id
    assert store.save_vectors("m", {quotes[0].id: b"\x00" * 8, "no-such-quote": b"\x01" * 8}) == 1
    assert store.quote_vectors("m") == {quotes[0].id: b"\x00" * 8}
    assert store.quote_vectors("m", article) == store.quote_vectors("m")
    assert store.quote_vectors("m", "another-article") == {} and store.quote_vectors("other-model") == {}
    with store.transaction() as c:
        c.execute("DELETE FROM quotes WHERE article_id = ?", (article,))
    assert store.quote_vectors("m") == {}


@pytest.mark.parametrize("first,bound", [
    # the frontbench sets the line: the party itself, with no side of its own, holds it
    ("Red shadow environment secretary Jo Marsh attacked the sewage cap in the Commons.", True),
    # a line read only off what members did binds nothing
    ("Red MPs Tom Hale, Ann Ray and Sam Cole attacked the sewage cap in the Commons.", False),
])
def test_a_party_with_no_side_of_its_own_holds_its_line(tmp_path: Path, first: str, bound: bool) -> None:
    data = _board(tmp_path, first + " The Red Party said the trains would run on time.", "a sewage cap",
                  register=REGISTER, published="2025-02-01")
    (party,) = [p for p in data["people"] if p["name"] == "Red Party"]
    if bound:
        assert party["stance"] == "oppose" and "Red party, whose line" in party["basis"], party
    else:
        assert party["stance"] == "none" and not party.get("basis"), party


def test_a_party_is_not_held_to_a_line_read_off_its_rebels(tmp_path: Path) -> None:
    data = _board(tmp_path, "Red MP Tom Hale attacked the sewage cap in the Commons. Last month Red MPs staged a "
                  "revolt over welfare cuts. The Red Party said the trains would run on time.", "a sewage cap",
                  register=REGISTER, published="2025-02-01")
    (party,) = [p for p in data["people"] if p["name"] == "Red Party"]
    assert party["stance"] == "none", party


PREPARED_TEXTS = [
    "Dana Pike said the parks were losing their villages to holiday lets.\n\n“Second homes empty the valleys,” "
    "said Omar Reyes, a farmer.",
    "Lena Ward, who chairs the walkers' club, said the trails needed new signs.\n\nShe said that the visitor "
    "numbers had doubled since the spring.",
    "“We back a ban on second homes in the national parks,” said Councillor Priya Shah.\n\nHer rival, Tom Hale, "
    "said the plan would drive builders away.",
]


def _analysed(tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch, *, ahead: bool) -> tuple[Any, list[str]]:
    from onrecord.stance import reader, vectors

    if not ahead:
        monkeypatch.delattr(reader.PositionReader, "prepare")
    store = open_store(str(tmp_path / f"{name}.db"))
    src = tmp_path / f"{name}.jsonl"
    src.write_text("".join(json.dumps({"text": t, "url": f"https://example.org/{i}"}) + "\n"
                           for i, t in enumerate(PREPARED_TEXTS)), "utf-8")
    settings = {"stance_model": "rules.v2", "extractor": "rules.v1"}
    pipeline.ingest(store, [src], settings=settings)
    calls: list[list[str]] = []
    embed = vectors.embed

    def counting(texts: list[str]) -> list[list[float]]:
        calls.append(list(texts))
        return embed(texts)

    monkeypatch.setattr(vectors, "embed", counting)
    reader._PARSED.clear()
    pipeline.add_issue(store, "a ban on second homes in national parks", settings=settings)
    monkeypatch.undo()
    return query.export_issue(store, "a ban on second homes in national parks"), [t for c in calls for t in c]


def test_several_articles_are_read_ahead_together_and_labelled_as_one_by_one(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("torch")
    ahead, encoded_ahead = _analysed(tmp_path, "ahead", monkeypatch, ahead=True)
    alone, encoded_alone = _analysed(tmp_path, "alone", monkeypatch, ahead=False)
    # the same labels, people and sides, read ahead or article by article
    assert ahead["people"] == alone["people"]
    assert [[(q["text"], q["stance"]) for q in d["quotes"]] for d in ahead["documents"]] == \
        [[(q["text"], q["stance"]) for q in d["quotes"]] for d in alone["documents"]]
    assert sorted(encoded_ahead) == sorted(encoded_alone) and len(encoded_ahead) > 2


def test_reading_ahead_makes_the_vectors_of_several_articles_in_one_pass(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("torch")
    from onrecord.stance import vectors

    calls: list[int] = []
    embed = vectors.embed

    def counting(texts: list[str]) -> list[list[float]]:
        calls.append(len(texts))
        return embed(texts)

    monkeypatch.setattr(vectors, "embed", counting)
    store = open_store(":memory:")
    src = tmp_path / "a.jsonl"
    src.write_text("".join(json.dumps({"text": t, "url": f"https://example.org/{i}"}) + "\n"
                           for i, t in enumerate(PREPARED_TEXTS)), "utf-8")
    settings = {"stance_model": "rules.v2", "extractor": "rules.v1"}
    pipeline.ingest(store, [src], settings=settings)
    pipeline.add_issue(store, "a ban on second homes in national parks", settings=settings)
    # one pass for the statements of all three articles (each has one that does not name the issue), one for the
    # issue's own words; article by article it took four
    assert sorted(calls)[0] == 1 and len(calls) == 2 and max(calls) >= 3, calls


def test_statements_parsed_ahead_get_the_parse_one_by_one_gives() -> None:
    from onrecord import nlp as nlp_mod
    from onrecord.stance import reader

    texts = ["The council said the cuts were cruel.", "Ann Lee, who backs the plan, spoke on Tuesday.",
             "But we had no choice, she said."]
    reader._PARSED.clear()
    reader._parse_ahead(texts + texts[:1])
    assert set(reader._PARSED) == set(texts)
    nlp = nlp_mod.load()
    for text in texts:
        alone = nlp(text, disable=[p for p in nlp.pipe_names if p in reader.UNREAD_PIPES])
        ahead = reader._parsed(nlp, text)
        assert ahead is reader._PARSED[text]
        assert [(t.text, t.dep_, t.head.i, t.pos_, t.lemma_) for t in ahead] == \
            [(t.text, t.dep_, t.head.i, t.pos_, t.lemma_) for t in alone]


def test_an_encoder_that_fails_leaves_the_analysis_to_the_words(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from onrecord.stance import vectors

    calls: list[int] = []

    def broken(texts: list[str]) -> list[list[float]]:
        calls.append(len(texts))
        raise RuntimeError("the encoder failed")

    monkeypatch.setattr(vectors, "embed", broken)
    # (Dana Pike's words do not name the issue: her statement is one the encoder would read)
    data = _board(tmp_path, PREPARED_TEXTS[0] + "\n\n" + PREPARED_TEXTS[2], "a ban on second homes in national parks")
    assert calls and _stances(data).get("Priya Shah") == "support"  # read off her words, with no vector made


def test_a_word_of_a_name_in_the_issue_names_it_only_as_the_name() -> None:
    # "street" of "Maple Street" is not the street of "street homelessness": ending it opposes nothing
    from onrecord.models import Issue
    from onrecord.stance.reader import PositionReader

    prop = parse(Issue("a homeless shelter on Maple Street", id="i1"))
    lean, _ = PositionReader()._lean("a historic step toward ending street homelessness", prop)
    assert lean is None, lean
    assert prop.refers("The council approved the shelter on Maple Street.") is not None
    # ... while the proposal's own noun in a name still stands for it ("the program")
    program = parse(Issue("Humboldt County busing homeless people through its Transportation Assistance Program"))
    assert prop.named("street") is False and program.named("program") is True


@pytest.mark.parametrize("said,side", [
    # a legal challenge in the speaker's own words opposes; someone else's, told, is no side of theirs
    ("We will take this bill to court.", -1),
    ("the council had taken the bill to court", None),
])
def test_a_legal_challenge_is_the_speaker_s_side_only_as_their_own(said: str, side: int | None) -> None:
    from onrecord.models import Issue
    from onrecord.stance.reader import PositionReader

    lean, _ = PositionReader()._lean(said, parse(Issue("the Harbour Bill", id="i1")))
    assert (lean.side if lean is not None else None) == side, lean


@pytest.mark.parametrize("sentence,who,stance", [
    # the issue's own action, done to its target, takes no side by its word ("scrap" is no refusal of scrapping)
    ("Ann Lee said: “Scrapping the cap is the single most effective thing we could do for poor families.”",
     "Ann Lee", "support"),
    ("Ann Lee said: “We must scrap the cap.”", "Ann Lee", "support"),
    # ... and a verb of its family does the issue's action only on a target of its own
    ("Ann Lee said: “We will block any attempt to scrap the cap.”", "Ann Lee", "oppose"),
    ("Ann Lee said it would be wrong to abolish the cap.", "Ann Lee", "oppose"),
    # what the thing the issue would take away is, said of it, is a side on taking it away
    ("Ann Lee said the cap was cruel.", "Ann Lee", "support"),
    ("Tom Reed said the cap was fair.", "Tom Reed", "oppose"),
    ("Ann Lee said the cap was “the biggest driver of child poverty”.", "Ann Lee", "support"),
    # "cannot afford to" refuses; "can afford to" takes no side
    ("Tom Reed said the government cannot afford to remove the cap.", "Tom Reed", "oppose"),
    ("Tom Reed said the government can afford to remove the cap.", "Tom Reed", "neutral"),
    # a call for the target to undergo the issue's action; an amendment that does the issue's action is no change
    # to something else
    ("Ann Lee called for the cap to be scrapped.", "Ann Lee", "support"),
    ("Ann Lee backed an amendment that called for the cap to be abolished.", "Ann Lee", "support"),
    # the members a group is said to include take its side
    ("The rebels, who included Ann Lee and Tom Reed, backed an amendment that called for the cap to be abolished.",
     "Tom Reed", "support"),
    # a cost conceded before the speaker goes on
    ("Tom Reed said that while it was “painful” to keep the cap, the government had no choice.", "Tom Reed",
     "oppose"),
    ("Tom Reed said: “It is cruel to keep the cap, but we have no choice.”", "Tom Reed", "oppose"),
])
def test_the_issues_own_action_and_what_it_would_take_away(tmp_path: Path, sentence: str, who: str,
                                                            stance: str) -> None:
    data = _board(tmp_path, "MPs voted on scrapping the two-child benefit cap on Tuesday. " + sentence,
                  "scrapping the two-child benefit cap")
    assert _stances(data).get(who, "none") == stance, data["documents"]


@pytest.mark.parametrize("sentence,stance", [
    # a call for what the issue brings in to be undone opposes it, however the parser hangs the infinitive
    ("Ann Lee called for the tourist tax to be scrapped.", "oppose"),
    ("Ann Lee called for a tourist tax to be introduced.", "support"),
])
def test_calls_for_it_to_be_done(tmp_path: Path, sentence: str, stance: str) -> None:
    data = _board(tmp_path, "The council voted for a tourist tax on Tuesday. " + sentence, "a tourist tax")
    assert _stances(data).get("Ann Lee", "none") == stance, data["documents"]


def test_in_good_conscience_is_no_free_vote(tmp_path: Path) -> None:
    from onrecord.stance.aggregate import FREE_VOTE

    assert FREE_VOTE.search("I cannot in good conscience vote against it.") is None
    assert FREE_VOTE.search("Labour MPs were given a conscience vote on the bill.") is not None
    assert FREE_VOTE.search("MPs will have a free vote.") is not None


@pytest.mark.parametrize("sentence,stance", [
    # a cost conceded, and the speaker goes on: the other way from the cost
    ("Tom Reed said that while it was “devastating” to cut overseas aid, the cabinet was united.", "support"),
    ("Tom Reed said: “It is devastating to cut overseas aid, but we have no choice.”", "support"),
    # ... not a "but" that goes on to something else
    ("Tom Reed said: “It is devastating to cut overseas aid, but I am not surprised.”", "neutral"),
])
def test_a_cost_conceded_is_a_side_the_other_way(tmp_path: Path, sentence: str, stance: str) -> None:
    data = _board(tmp_path, "Ministers agreed on cutting overseas aid on Tuesday. " + sentence, "cutting overseas aid")
    assert _stances(data).get("Tom Reed", "none") == stance, data["documents"]


def test_the_actions_of_who_does_it_stand_for_the_issue(tmp_path: Path) -> None:
    # "the board's actions", where the issue is the board's firing of someone, are that firing
    text = ("The harbour board fired Tom Reed as its chair on Tuesday. Ann Lee said: “I deeply regret my part in the "
            "board’s actions.”")
    data = _board(tmp_path, text, "the harbour board's firing of Tom Reed")
    assert _stances(data).get("Ann Lee", "none") == "oppose", data["documents"]
    # ... not the actions of someone else
    other = text.replace("board’s actions", "council’s actions")
    assert _stances(_board(tmp_path, other, "the harbour board's firing of Tom Reed")).get("Ann Lee", "none") != \
        "oppose"


@pytest.mark.parametrize("sentence,who,stance", [
    # a named body's governing board acts, whatever the tagger calls the body's name
    ("The Maple Grove Unified School District board voted 4-1 on Tuesday to ban students from using cellphones in "
     "classrooms.", "Maple Grove Unified School District board", "support"),
    # what happens because of the ban is what it brings about, not an act on it
    ("Superintendent Karen Liu said no counselors would lose their jobs because of the ban.", "Karen Liu", "support"),
    ("Karen Liu said counselors would lose their jobs because of the ban.", "Karen Liu", "oppose"),
    ("Karen Liu said bullying fell due to the ban.", "Karen Liu", "support"),
    ("Karen Liu said crime rose because of the ban.", "Karen Liu", "oppose"),
])
def test_a_board_acts_and_what_the_issue_causes_judges_it(tmp_path: Path, sentence: str, who: str,
                                                          stance: str) -> None:
    data = _board(tmp_path, "Parents argued over banning cellphones in classrooms on Monday. " + sentence,
                  "banning cellphones in classrooms")
    assert _stances(data).get(who, "none") == stance, data["documents"]


@pytest.mark.parametrize("sentence,who,stance", [
    # a target that is a proposal's own noun, named bare, is the proposal that carries the cut
    ("Labour councillor Dev Mistry said he would vote against the budget.", "Dev Mistry", "oppose"),
    ("Councillor Maya Roth said the council must protect the library budget.", "Maya Roth", "oppose"),
    # a party's group on the council is the party acting
    ("The Liberal Democrat group has tabled an amendment to reverse the cuts.", "Liberal Democrats", "oppose"),
    # what the speaker calls it judges it
    ("Councillor James Whitlow said: “We regard these cuts as a disgrace.”", "James Whitlow", "oppose"),
])
def test_the_budget_its_owner_a_partys_group_and_what_it_is_called(tmp_path: Path, sentence: str, who: str,
                                                                   stance: str) -> None:
    register = {"parties": [{"name": "Liberal Democrats", "aliases": ["Lib Dems", "Liberal Democrat"]}]}
    data = _board(tmp_path, "Northbridge City Council plans to cut its library budget by £1.2m. " + sentence,
                  "cutting the council's library budget", register=register)
    got = {p["name"]: p for p in data["people"]}
    found = next((p for n, p in got.items() if n == who or p.get("party") == who), None)
    assert (found["stance"] if found else "none") == stance, (data["people"], data["documents"])


def test_owning_what_the_issue_would_cut_is_no_side_on_it(tmp_path: Path) -> None:
    text = ("Councillors debated cutting the council's library budget. Northbridge City Council set out its library "
            "budget on Monday.")
    assert _stances(_board(tmp_path, text, "cutting the council's library budget")).get(
        "Northbridge City Council", "none") not in ("support", "oppose")


@pytest.mark.parametrize("sentence,who,stance", [
    # what is in force now, judged, is a side on changing it the other way
    ("Ann Lee said the current law leaves families in terrible pain.", "Ann Lee", "support"),
    ("Ann Lee said the existing law protects vulnerable people well.", "Ann Lee", "oppose"),
    # ... the law the bill would make is not what is in force now
    ("Ann Lee said the new law would protect vulnerable people well.", "Ann Lee", "support"),
    # the target's word describing something else is not the target
    ("Ann Lee said doctors were failing dying patients.", "Ann Lee", "none"),
    # who put the bill forward is for it
    ("The bill, brought forward by the backbencher Ann Lee, would let dying adults seek help.", "Ann Lee", "support"),
    ("Ann Lee put forward the assisted dying bill in March.", "Ann Lee", "support"),
    # words that say why, in the sentence that reports a position, take that position's side
    # (the tone of "never let doctors kill" reads well)
    ("Mary Fox opposed the bill, writing that the law must never let doctors kill.", "Mary Fox", "oppose"),
    # a name's own "Not" is no negation
    ("Dr Tom Reed, chief executive of Hope Not Harm, which campaigns against assisted suicide, spoke at the rally.",
     "Hope Not Harm", "oppose"),
])
def test_the_law_in_force_who_brought_it_and_why(tmp_path: Path, sentence: str, who: str, stance: str) -> None:
    data = _board(tmp_path, "MPs debated a bill to legalise assisted dying on Friday.\n\n" + sentence,
                  "legalising assisted dying")
    assert _stances(data).get(who, "none") == stance, data["documents"]
    # ... and so does each of their statements there
    assert set(_quote_stances(data, lambda q: q["speaker"] == who)) <= {stance, "none"}, data["documents"]


def test_a_role_with_a_name_beside_it_is_that_person_and_another_office_is_not(tmp_path: Path) -> None:
    text = ("MPs debated a bill to legalise assisted dying on Friday.\n\nThe health secretary, Ann Lee, voted against "
            "the bill.\n\nThe justice secretary, Mary Fox, backed the bill.")
    data = _board(tmp_path, text, "legalising assisted dying")
    assert _stances(data) == {"Ann Lee": "oppose", "Mary Fox": "support"}, data["documents"]
    speakers = {q["text"]: q["speaker"] for d in data["documents"] for q in d["quotes"]}
    assert speakers.get("backed the bill") == "Mary Fox", speakers
    # without the name beside it, the justice secretary is still not the health secretary
    text = ("MPs debated a bill to legalise assisted dying on Friday.\n\nThe health secretary, Ann Lee, voted against "
            "the bill.\n\nThe justice secretary backed the bill.")
    data = _board(tmp_path, text, "legalising assisted dying")
    speakers = {q["text"]: q["speaker"] for d in data["documents"] for q in d["quotes"]}
    assert speakers.get("backed the bill") != "Ann Lee" and _stances(data).get("Ann Lee") == "oppose", speakers


@pytest.mark.parametrize("sentence,who,stance", [
    # speech that leaves the side unsaid leaves it open
    ("Mayor Dara Quinn has not said whether he would sign the ordinance.", "Dara Quinn", "neutral"),
    ("Mayor Dara Quinn declined to say if she would sign the ordinance.", "Dara Quinn", "neutral"),
    ("Mayor Dara Quinn said he would sign the ordinance.", "Dara Quinn", "support"),
    # an ordinance is a proposal the article speaks of
    ("Ann Lee, who owns two flats, said the ordinance was a disaster for small owners.", "Ann Lee", "oppose"),
    # a council advancing it is for it
    ("The Riverton City Council voted 6-1 to advance an ordinance that would cap annual rent increases.",
     "Riverton City Council", "support"),
])
def test_an_ordinance_unsaid_and_advanced(tmp_path: Path, sentence: str, who: str, stance: str) -> None:
    data = _board(tmp_path, "Riverton is debating an ordinance capping annual rent increases.\n\n" + sentence,
                  "capping annual rent increases")
    got = _stances(data)
    found = next((s for n, s in got.items() if n == who or who.endswith(n)), "none")
    assert found == stance, (got, data["documents"])


@pytest.mark.parametrize("text,parties", [
    ("MPs were given a free vote, meaning they were not instructed by their parties how to vote.",
     {"Labour", "Conservative"}),
    ("Labour MPs were given a free vote on the bill.", {"Labour"}),
    ("The prime minister allowed MPs a free vote on the bill.", {"Labour"}),  # the governing party's
])
def test_a_free_vote_for_every_party(text: str, parties: set[str]) -> None:
    from onrecord.stance.aggregate import free_vote_parties

    party_of = {"labour": "Labour", "conservative": "Conservative", "tory": "Conservative"}
    assert free_vote_parties(text, party_of, "Labour") == parties


@pytest.mark.parametrize("lead,stance", [
    # a reaction to the result is a side the way the lead says it went
    ("MPs voted to legalise assisted dying on Friday.", "support"),
    ("Peers rejected a bill to legalise assisted dying on Friday.", "oppose"),
    # ... and none where the lead does not say
    ("MPs debated a bill to legalise assisted dying on Friday.", "none"),
])
def test_a_reaction_to_the_result_goes_the_way_it_went(tmp_path: Path, lead: str, stance: str) -> None:
    data = _board(tmp_path, lead + "\n\nAnn Lee said she was “delighted” by the result.", "legalising assisted dying")
    assert _stances(data).get("Ann Lee", "none") == stance, data["documents"]


@pytest.mark.parametrize("sentence,who,stance", [
    # the issue's action's noun pointed back at, in an article on it
    ("Senator Greg Dunning said the increase would destroy thousands of jobs.", "Greg Dunning", "oppose"),
    # ... not one that says what it is of
    ("Senator Greg Dunning said the increase in crime would destroy thousands of jobs.", "Greg Dunning", "none"),
    # who voted "along with" those named did so too
    ("All 19 Democrats voted for it, along with Republican Sens. Dale Hutchins and Marjorie Vance.", "Marjorie Vance",
     "support"),
    ("Ann Lee, together with Tom Reed, voted against the bill.", "Tom Reed", "oppose"),
    # testimony for or against; a relative clause of an apposition is of whom it describes
    ("Maria Santos, a cook who testified in favor of the bill, said she works two jobs.", "Maria Santos", "support"),
])
def test_the_increase_along_with_and_testimony(tmp_path: Path, sentence: str, who: str, stance: str) -> None:
    data = _board(tmp_path, "The Senate passed a bill raising the minimum wage to $20 an hour.\n\n" + sentence,
                  "raising the minimum wage to $20 an hour")
    assert _stances(data).get(who, "none") == stance, data["documents"]


@pytest.mark.parametrize("sentence,who,stance", [
    # in an article on a charge, the charge named by its kind, and what it spares someone, pointed back at
    ("The Conservatives have pledged to reverse the tax if they return to power.", "Conservatives", "oppose"),
    ("The Greens said they had long supported removing the exemption.", "Greens", "support"),
    ("Ann Lee said: “We back ending the tax break, but it was rushed.”", "Ann Lee", "support"),
    ("Ann Lee said: “We must keep the exemption.”", "Ann Lee", "oppose"),
    # ... not a tax said to be on something else
    ("Ann Lee said the tax on fuel was unfair.", "Ann Lee", "none"),
    # what she called it, in quotation marks, judges it
    ("The shadow education secretary, Ann Lee, called it “an attack on aspiration”.", "Ann Lee", "oppose"),
])
def test_a_charge_by_its_kind_and_what_it_spares(tmp_path: Path, sentence: str, who: str, stance: str) -> None:
    register = {"parties": [{"name": "Conservative", "aliases": ["Conservatives", "Tories"]},
                            {"name": "Green", "aliases": ["Greens"]}]}
    data = _board(tmp_path, "Private schools will charge VAT on fees from January.\n\n" + sentence,
                  "charging VAT on private school fees", register=register)
    got = {p["name"]: p["stance"] for p in data["people"]}
    assert got.get(who, "none") == stance, (got, data["documents"])


@pytest.mark.parametrize("role,minister", [
    ("home secretary", True), ("secretary of state for health", True), ("Secretary of the Treasury", True),
    ("general secretary of the National Education Union", False), ("permanent secretary at the Treasury", False),
    ("secretary of the Rail and Maritime Transport Union", False), ("private secretary", False),
])
def test_a_union_s_general_secretary_is_no_minister(role: str, minister: bool) -> None:
    from onrecord.resolve.people import MINISTERIAL
    from onrecord.stance.aggregate import GOVERNMENT_ROLE

    assert bool(MINISTERIAL.search(role)) is minister
    assert bool(GOVERNMENT_ROLE.search(role)) is minister


def test_a_body_named_by_its_initials_in_brackets_is_one_body(tmp_path: Path) -> None:
    text = ("Private schools will charge VAT on fees from January.\n\nThe Harbour Schools Federation (HSF), which "
            "represents 300 schools, has joined parents in a legal challenge. The HSF said the tax was unfair.")
    data = _board(tmp_path, text, "charging VAT on private school fees")
    names = {p["name"] for p in data["people"]}
    assert "HSF" not in names and _stances(data).get("Harbour Schools Federation") == "oppose", data["people"]
    # initials the story never gave the body in brackets may be another branch of it: kept apart
    apart = text.replace(" (HSF)", "")
    assert "HSF" in {p["name"] for p in _board(tmp_path, apart, "charging VAT on private school fees")["people"]}


@pytest.mark.parametrize("lead,stance", [
    # a ruling against those who sought to stop it is no outcome against it: a reaction to it says nothing
    ("A judge rejected a lawsuit seeking to stop the city from building a homeless shelter on the Elm Street site.",
     "none"),
    ("The council voted down a plan to build a homeless shelter on the Elm Street site.", "oppose"),
])
def test_the_outcome_is_read_only_off_a_plain_path(tmp_path: Path, lead: str, stance: str) -> None:
    data = _board(tmp_path, lead + "\n\nTom Reed said he was “delighted” by the ruling.",
                  "building a homeless shelter on the Elm Street site")
    assert _stances(data).get("Tom Reed", "none") == stance, data["documents"]


@pytest.mark.parametrize("sentence,stance", [
    # what was done when, told, is no side of the speaker's
    ("Judge Ann Lee said the city had followed the law when it approved the project last year.", "none"),
    # of two judgements, the one of the thing itself, not of the place it would stand
    ("Ann Lee said the old motel had been a magnet for crime and that a shelter would be an improvement.", "support"),
])
def test_an_event_told_and_the_thing_itself(tmp_path: Path, sentence: str, stance: str) -> None:
    data = _board(tmp_path, "The city plans a homeless shelter on the Elm Street motel site.\n\n" + sentence,
                  "building a homeless shelter on the Elm Street motel site")
    assert _stances(data).get("Ann Lee", "none") in ({stance} if stance != "none" else {"none", "neutral"}), \
        data["documents"]


def test_a_nonprofit_named_and_pointed_back_at(tmp_path: Path) -> None:
    text = ("The city plans a homeless shelter on the Elm Street site.\n\nHope Harbor, the nonprofit that will run the "
            "shelter, said it would hire security staff.\n\nThe nonprofit said the shelter would save lives.")
    data = _board(tmp_path, text, "building a homeless shelter on the Elm Street site")
    speakers = [q["speaker"] for d in data["documents"] for q in d["quotes"]]
    assert speakers and set(speakers) == {"Hope Harbor"}, speakers
    assert _stances(data)["Hope Harbor"] == "support"


def test_the_targets_word_as_a_verb_is_not_the_target(tmp_path: Path) -> None:
    # "vote" is not the voting age: evidence that 16-year-olds can vote is no side on lowering it, either way
    for said in ("Professor Ann Lee said that in Wales 16-year-olds can already vote.",
                 "Ann Lee said young people should vote in large numbers."):
        data = _board(tmp_path, "The government will lower the voting age to 16.\n\n" + said,
                      "lowering the voting age to 16")
        assert _stances(data).get("Ann Lee", "none") not in {"oppose", "support"}, data["documents"]


FEE = "an entry fee for visitors to the old town"
FEE_DEBATED = "The council debated an entry fee for visitors to the old town."


def _sided(tmp_path: Path, sentence: str) -> list[dict[str, Any]]:
    """Tom Reed's statements that take a side on the entry fee, in an article that debates it, then ``sentence``."""
    data = _board(tmp_path, FEE_DEBATED + "\n\n" + sentence, FEE)
    quotes = [q for d in data["documents"] for q in d["quotes"] if q["speaker"] == "Tom Reed" and
              q["stance"] in {"support", "oppose"}]
    assert quotes, data["documents"]
    return quotes


def _fee_stances(tmp_path: Path, lead: str, sentence: str, issue: str = FEE) -> tuple[dict[str, str], Any]:
    """Each person's stance on the entry fee (or ``issue``) in an article of ``lead`` and ``sentence``, with the
    article's statements (for a failure's message)."""
    data = _board(tmp_path, lead + "\n\n" + sentence, issue)
    return _stances(data), data["documents"]


@pytest.mark.parametrize("lead,sentence,who,stance", [
    # the lead's act on the issue, through a verb that only does it ("a plan to charge visitors an entry fee"), and
    # the act's own noun, a decision or a move pointed back at, reacted to
    ("Mayor Ana Ruiz on Monday paused a plan to charge visitors an entry fee for the old town.",
     "Tom Reed, who runs a cafe on the square, said he was “delighted” by the pause.", "Tom Reed", "oppose"),
    ("Mayor Ana Ruiz on Monday paused a plan to charge visitors an entry fee for the old town.",
     "Ann Lee said the decision was “shameful”.", "Ann Lee", "support"),
    ("Mayor Ana Ruiz on Monday paused a plan to charge visitors an entry fee for the old town.",
     "Ann Lee said the decision was “shameful”.", "Ana Ruiz", "oppose"),
    ("The council on Monday approved an entry fee for visitors to the old town.",
     "Tom Reed said he “welcomed” the move.", "Tom Reed", "support"),
    # ... but not where the lead tells of no act on it
    ("The council will debate an entry fee for visitors to the old town next month.",
     "Ann Lee said the pause was “shameful”.", "Ann Lee", "none"),
])
def test_a_reaction_to_what_the_lead_says_was_done(tmp_path: Path, lead: str, sentence: str, who: str,
                                                   stance: str) -> None:
    got, documents = _fee_stances(tmp_path, lead, sentence)
    assert got.get(who, "none") == stance, documents


@pytest.mark.parametrize("sentence,stance", [
    # the issue named only in what describes the speaker is not what their tone judges ...
    ("Tom Reed, whose group sued to block the entry fee, said he was “delighted” with the new tram line.", "none"),
    ("Tom Reed, whose shop stands by the entry fee booth, said he was “delighted” with the crowds.", "none"),
    # ... though a position of theirs still is on it, and so is a tone where the issue is named outside the aside
    ("Tom Reed, who chaired the inquiry that proposed the entry fee, said he would not support it.", "oppose"),
    ("Tom Reed, whose shop stands by the square, said the entry fee was “a disgrace”.", "oppose"),
])
def test_what_describes_the_speaker_is_not_what_they_judge(tmp_path: Path, sentence: str, stance: str) -> None:
    got, documents = _fee_stances(tmp_path, FEE_DEBATED, sentence)
    assert got.get("Tom Reed", "none") == stance, documents


@pytest.mark.parametrize("sentence,who,stance", [
    # a position asked about is not one taken (the answer left open is open)
    ("Asked whether he supported the entry fee, Tom Reed said he would wait for the report.", "Tom Reed", "neutral"),
    ("When asked if she backed the entry fee, Ann Lee declined to comment.", "Ann Lee", "neutral"),
    ("Reporters asked Ann Lee if she opposed the entry fee.", "Ann Lee", "none"),
    # ... while one taken whatever else happens is taken
    ("Ann Lee backed the entry fee, whether or not the council would.", "Ann Lee", "support"),
])
def test_a_position_asked_about_is_not_taken(tmp_path: Path, sentence: str, who: str, stance: str) -> None:
    got, documents = _fee_stances(tmp_path, FEE_DEBATED, sentence)
    assert got.get(who, "none") == stance, documents


@pytest.mark.parametrize("sentence,then", [
    ("Tom Reed, who fought the entry fee when he was mayor, spoke at the meeting.", True),
    ("Tom Reed once opposed the entry fee.", True),
    ("Tom Reed backed the entry fee at the time.", True),
    ("Tom Reed opposed the entry fee.", False),
    ("Tom Reed opposed the entry fee when the council met on Monday.", False),
])
def test_a_position_held_in_the_past_counts_less(tmp_path: Path, sentence: str, then: bool) -> None:
    quotes = _sided(tmp_path, sentence)
    assert ("held then" in quotes[0]["stance_reason"]) == then, quotes
    assert (quotes[0]["confidence"] <= 0.45) == then, quotes


def test_where_the_government_splits_its_most_senior_sets_the_line(tmp_path: Path) -> None:
    text = ("Chancellor Jo Marsh backed the sewage cap on Monday. Transport Secretary Kit Vane said he opposed the "
            "sewage cap. Blue MP Sam Ode voted against the sewage cap.")
    data = _board(tmp_path, text, "a sewage cap", REGISTER, published="2025-02-01")
    assert _lines(data)["Blue"] == ("support", "government, its most senior: Jo Marsh"), _lines(data)
    assert _breaks(data) == {"Sam Ode"}
    # two of one rank: none of them is the government's line
    text = ("Environment Secretary Jo Marsh backed the sewage cap on Monday. Transport Secretary Kit Vane said he "
            "opposed the sewage cap.")
    data = _board(tmp_path, text, "a sewage cap", REGISTER, published="2025-02-01")
    assert not _lines(data).get("Blue", ("none", ""))[1].startswith("government"), _lines(data)


@pytest.mark.parametrize("lead,sentence,stance", [
    # what "it" would do, read as what the issue would do, in an article on it
    ("The council approved an entry fee for visitors to the old town.",
     "“It would hurt small businesses like mine,” said Tom Reed.", "oppose"),
    # ... not where the issue takes something away: "it" may be the thing or the taking
    ("The council debated scrapping the entry fee for visitors to the old town.",
     "“It would hurt small businesses like mine,” said Tom Reed.", "neutral"),
    # what it can or cannot be, in words of its merits the valence lexicons take for plain
    ("The council approved an entry fee for visitors to the old town.",
     "Tom Reed said the entry fee was not affordable for families.", "oppose"),
    ("The council approved an entry fee for visitors to the old town.",
     "Tom Reed said the entry fee was affordable and workable.", "support"),
    ("The council approved an entry fee for visitors to the old town.",
     "Tom Reed said the entry fee was undeliverable.", "oppose"),
    ("The council approved an entry fee for visitors to the old town.",
     "Tom Reed said it was “not deliverable, not affordable and not workable”.", "oppose"),
    # ... not what it is, as a fact, nor a word whose prefix may or may not deny it ("indispensable")
    ("The council approved an entry fee for visitors to the old town.",
     "Tom Reed said the entry fee was not available online.", "neutral"),
    ("The council approved an entry fee for visitors to the old town.",
     "Tom Reed said the entry fee was indispensable.", "neutral"),
])
def test_what_it_does_and_what_it_can_be(tmp_path: Path, lead: str, sentence: str, stance: str) -> None:
    got, documents = _fee_stances(tmp_path, lead, sentence, "scrapping the " + FEE[3:] if "scrapping" in lead else FEE)
    assert got.get("Tom Reed", "none") == stance, documents


@pytest.mark.parametrize("sentence,who,stance", [
    # a vote to do something is a side taken on it, however the tally and the day are put
    ("Ann Lee voted to close the four elementary schools.", "Ann Lee", "support"),
    ("Ann Lee voted 3-2 on Monday to close the four elementary schools.", "Ann Lee", "support"),
    ("Ann Lee voted to keep the four elementary schools open.", "Ann Lee", "oppose"),
    # a recommendation is a side
    ("Superintendent Ann Lee, who recommended closing the four elementary schools, spoke first.", "Ann Lee",
     "support"),
    # a public body named by what it is acts, and is the body the story points back at
    ("The school board voted to close the four elementary schools.", "school board", "support"),
    # ... not someone's own board
    ("Ann Lee's board voted to close the four elementary schools.", "board", "none"),
])
def test_a_vote_to_do_it_a_recommendation_and_a_body_named_by_what_it_is(tmp_path: Path, sentence: str, who: str,
                                                                         stance: str) -> None:
    data = _board(tmp_path, "The district plans to close four elementary schools.\n\n" + sentence,
                  "closing four elementary schools")
    assert _stances(data).get(who, "none") == stance, (_stances(data), data["documents"])


def test_a_public_body_pointed_back_at_is_the_one_named_before(tmp_path: Path) -> None:
    text = ("The district plans to close four elementary schools.\n\nThe Riverside Unified school board voted on "
            "Monday to close the four elementary schools. Later the board voted to delay the closures.")
    data = _board(tmp_path, text, "closing four elementary schools")
    speakers = [q["speaker"] for d in data["documents"] for q in d["quotes"] if q["kind"] == "reported"]
    assert speakers == ["Riverside Unified school board"] * 2, data["documents"]


@pytest.mark.parametrize("sentence,who,stance", [
    # keeping someone from doing what the issue bans is the ban itself ...
    ("Ann Lee backed a plan to stop anyone born after 2009 from ever buying cigarettes.", "Ann Lee", "support"),
    # ... while blocking an attempt to do it still turns
    ("Ann Lee vowed to block any attempt to stop people from buying cigarettes.", "Ann Lee", "oppose"),
    # those of a party a relative clause picks out are not the party
    ("Among the Tories who opposed the ban on cigarettes were Tom Reed and Ann Lee.", "Tories", "none"),
    ("The Tories, who opposed the ban on cigarettes, lost the vote.", "Tories", "oppose"),
])
def test_keeping_someone_from_it_and_some_of_a_party(tmp_path: Path, sentence: str, who: str, stance: str) -> None:
    register = {"parties": [{"name": "Conservative", "aliases": ["Conservatives", "Tories"]}]}
    data = _board(tmp_path, "MPs debated banning the sale of cigarettes to anyone born after 2009.\n\n" + sentence,
                  "banning the sale of cigarettes to anyone born after 2009", register=register)
    assert _stances(data).get(who, "none") == stance, (_stances(data), data["documents"])


@pytest.mark.parametrize("sentence,line,breaks", [
    # all of a party's members acting is the party acting ...
    ("All 19 Democrats present voted for it. Sen. Paul Okafor, a Democrat from Fresno, voted against it.",
     ("support", "party statements"), {"Paul Okafor"}),
    # ... some of them are not
    ("Sixty Democrats voted for it. Sen. Paul Okafor, a Democrat from Fresno, voted against it.",
     ("none", "none"), set()),
])
def test_all_of_a_party_s_members_are_the_party(tmp_path: Path, sentence: str, line: tuple[str, str],
                                                breaks: set[str]) -> None:
    data = _board(tmp_path, "The Senate passed a bill raising the minimum wage to $20 an hour.\n\n" + sentence,
                  "raising the minimum wage to $20 an hour")
    assert _lines(data).get("Democratic", ("none", "none")) == line, _lines(data)
    assert _breaks(data) == breaks


@pytest.mark.parametrize("sentence,who", [
    # a body's branch in a country is the body's, not the country's
    ("Greenpeace UK said it would take the third runway to court.", "Greenpeace UK"),
    # ... while a place by its full name is that place
    ("The City of London said it would take the third runway to court.", "City of London"),
])
def test_a_body_s_branch_in_a_country_is_the_body(tmp_path: Path, sentence: str, who: str) -> None:
    data = _board(tmp_path, "Ministers backed a third runway at Heathrow.\n\n" + sentence,
                  "building a third runway at Heathrow")
    assert _stances(data).get(who) == "oppose", (_stances(data), data["documents"])


@pytest.mark.parametrize("sentence,she_urged", [
    # whom a verb is done to, by a pronoun of their gender, is not its doer, however the parser hangs the verb
    ("Gov. Kathy Hochul paused the entry fee.\n\nComptroller Brad Lander said the governor had \"caved to pressure\" "
     "and urged her to reverse course.", False),
    # ... while her own staff may be urged by her
    ("Gov. Kathy Hochul paused the entry fee and urged her staff to find other money.", True),
])
def test_whom_a_verb_is_done_to_is_not_its_doer(tmp_path: Path, sentence: str, she_urged: bool) -> None:
    data = _board(tmp_path, FEE_DEBATED + "\n\n" + sentence, FEE)
    urgers = {q["speaker"] for d in data["documents"] for q in d["quotes"] if "urged" in q["text"]}
    assert ("Kathy Hochul" in urgers) == she_urged, data["documents"]


@pytest.mark.parametrize("sentence,conceded", [
    # a side taken in a clause the statement goes on from with "but" is conceded before the speaker's point
    ("Tom Reed said he backed the entry fee but objected to its size.", True),
    # ... not where the point after "but" is the side itself
    ("Tom Reed said it was costly, but he backed the entry fee.", False),
    # ... and a statement the speaker goes on from, in their next words, with "But"
    ("“Nobody wants an entry fee,” said Tom Reed. “But the old town needs the money.”", True),
    ("“I back the entry fee,” said Tom Reed. “It will pay for the square.”", False),
])
def test_what_a_speaker_concedes_before_but_counts_less(tmp_path: Path, sentence: str, conceded: bool) -> None:
    quotes = _sided(tmp_path, sentence)
    assert ("conceded" in quotes[0]["stance_reason"]) == conceded, quotes
    assert (quotes[0]["confidence"] <= 0.4) == conceded, quotes


@pytest.mark.parametrize("sentence,stance", [
    # a vote cast weighs as much as two statements: what was done, beside doubts said of it
    ("Councillor Tom Reed voted for the entry fee.\n\n“Nobody wants an entry fee,” Reed said. “I have my doubts "
     "about the entry fee.”", "support"),
    ("Councillor Tom Reed voted against the entry fee.\n\n“I like the entry fee,” Reed said. “The entry fee is a "
     "good idea.”", "oppose"),
    # ... and statements that outweigh it still decide
    ("Councillor Tom Reed voted for the entry fee.\n\n“The entry fee is cruel,” Reed said. “I oppose the entry fee,” "
     "he added. “I reject the entry fee,” he said later.", "oppose"),
])
def test_a_vote_cast_weighs_as_much_as_two_statements(tmp_path: Path, sentence: str, stance: str) -> None:
    data = _board(tmp_path, "The council voted 4-1 on Monday to approve an entry fee for the old town.\n\n" + sentence,
                  FEE)
    assert _stances(data).get("Tom Reed") == stance, (_stances(data), data["documents"])


@pytest.mark.parametrize("text,stance", [
    # what another actor does after a position, in a clause of their own, turns nothing of it
    ("The council approved the harbour levy on Monday, with Ann Lee backing it and the Blue Party voting against.",
     "support"),
    ("The council approved the harbour levy on Monday. Ann Lee voted against it.", "oppose"),
    # arguing for it is advocacy
    ("The council debated a harbour levy on Monday.\n\nAnn Lee said her party had argued for the harbour levy for "
     "years.", "support"),
])
def test_another_actor_s_clause_and_arguing_for_it(tmp_path: Path, text: str, stance: str) -> None:
    data = _board(tmp_path, text, "a harbour levy")
    sided = [q["stance"] for d in data["documents"] for q in d["quotes"] if q["speaker"] == "Ann Lee" and
             q["stance"] != "none"]
    assert sided and sided[0] == stance, data["documents"]


@pytest.mark.parametrize("sentence,stance", [
    # a verb of the issue's own kind that acts on the issue's action is not that action: blocking a ban opposes it
    ("State Sen. Ann Lee said she would introduce a bill to block towns from banning leaf blowers.", "oppose"),
    # ... while one done to the issue's target is the action itself
    ("Ann Lee said she would block leaf blowers in parks.", "support"),
])
def test_blocking_the_issue_s_action_is_not_doing_it(tmp_path: Path, sentence: str, stance: str) -> None:
    data = _board(tmp_path, "The town debated banning leaf blowers on Monday.\n\n" + sentence, "banning leaf blowers")
    assert _stances(data).get("Ann Lee") == stance, (_stances(data), data["documents"])


@pytest.mark.parametrize("sentence,other", [
    # two people who voted, however the parser joins their names ("Palmer" read as a modifier of "Li")
    ("Greg Palmer and Susan Li voted against the ban.", "Susan Li"),
    ("Council members Greg Palmer and Susan Li voted against the ban.", "Susan Li"),
    ("Council members Greg Palmer and Susan Li cast the dissenting votes.", "Susan Li"),
    ("Greg Palmer and Maria Lopez voted against the ban.", "Maria Lopez"),
])
def test_each_of_two_named_voters_voted(tmp_path: Path, sentence: str, other: str) -> None:
    data = _board(tmp_path, "The council voted 7-2 on Wednesday to ban leaf blowers.\n\n" + sentence,
                  "banning leaf blowers")
    stances = _stances(data)
    assert stances.get("Greg Palmer") == "oppose" and stances.get(other) == "oppose", stances


@pytest.mark.parametrize("cue,side", [
    # a cue is read by its own word family: "endorsed" is no "end", "committee" no "commit", "runway" no "run"
    ("endorsed", 1), ("endorsement", 1), ("ended", -1), ("banned", 1), ("slammed", -1), ("scrapped", -1),
    ("rebellion", -1), ("backers", 1), ("cancellation", -1), ("authorized", 1),
    ("backlash", None), ("committee", None), ("runway", None), ("lawmakers", None), ("endangered", None),
    ("planet", None), ("significant", None),
])
def test_a_cue_is_read_by_its_own_word_family(cue: str, side: int | None) -> None:
    assert cue_side(cue) == side


def test_an_endorsement_backs_what_it_endorses(tmp_path: Path) -> None:
    data = _board(tmp_path, "The Hill Valley school board will move to a four-day school week next year.\n\n"
                  "The teachers' union, the Hill Valley Teachers Association, endorsed the schedule last week.\n\n"
                  "Dana Cole, a parent, has criticized the districts adopting four-day weeks.",
                  "a four-day school week")
    assert _stances(data).get("Hill Valley Teachers Association") == "support", data["documents"]


TWO_CHILD = "scrapping the two-child benefit cap"


@pytest.mark.parametrize("issue,sentence,who,stance", [
    # where the issue takes away a policy in force, "the policy" pointed back at is that policy
    (TWO_CHILD, "The Blue Party defended the policy, which it introduced in 2017.", "Blue Party", "oppose"),
    (TWO_CHILD, "“This policy is cruel,” said Jo Bell, a backbench MP.", "Jo Bell", "support"),
    (TWO_CHILD, "The Green Party has called for the cap to be scrapped.", "Green Party", "support"),
    # ... but where it bans or ends a thing that is no policy, "the policy" is the ban itself
    ("banning phones in schools", "The Hill Valley Teachers Association defended the policy.",
     "Hill Valley Teachers Association", "support"),
])
def test_the_policy_pointed_back_at_is_what_the_issue_would_take_away(tmp_path: Path, issue: str, sentence: str,
                                                                     who: str, stance: str) -> None:
    lead = {TWO_CHILD: "Ministers are under pressure to scrap the two-child benefit cap.",
            "banning phones in schools": "The county will ban phones in schools from September."}[issue]
    data = _board(tmp_path, f"{lead}\n\n{sentence}", issue)
    assert _stances(data).get(who) == stance, data["documents"]


@pytest.mark.parametrize("text,turned", [
    # a verb that takes a harm away makes the harm a good done
    ("Scrapping the cap would lift children out of poverty", "out of not poverty"),
    ("It will end the misery of thousands of families", "end the not misery"),
    ("This will cut crime and make streets safer", "cut not crime"),
    ("It protects tenants from unfair evictions", "from not unfair"),
    # ... not a noun that happens to be such a verb, nor a harm past its object ("for victims": whom it is for)
    ("cuts will hurt the poorest", None),
    ("the plan would cut support for victims of abuse", None),
    ("the policy is pushing children into poverty", None),
])
def test_a_harm_taken_away_is_read_as_a_good(text: str, turned: str | None) -> None:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from onrecord.stance.reader import harms_taken_away

    analyzer = SentimentIntensityAnalyzer()
    out = harms_taken_away(text, analyzer.lexicon)
    if turned is None:
        assert out == text
    else:
        assert turned in out
        assert analyzer.polarity_scores(out)["compound"] > 0 > analyzer.polarity_scores(text)["compound"]


@pytest.mark.parametrize("sentence", [
    "“Scrapping the cap would lift children out of poverty,” said Jo Bell, a backbench MP.",
    "Jo Bell, a backbench MP, said scrapping this policy would lift children out of poverty.",
])
def test_the_issue_s_own_action_with_a_harm_it_takes_away_is_no_opposition(tmp_path: Path, sentence: str) -> None:
    data = _board(tmp_path, f"Ministers are under pressure to scrap the two-child benefit cap.\n\n{sentence}",
                  TWO_CHILD)
    assert "Jo Bell" in _stances(data) and _stances(data)["Jo Bell"] != "oppose", data["documents"]


@pytest.mark.parametrize("text", [
    "A lower tax rate is an insult to working people",  # "lower" the adjective
    "a policy born out of greed",  # where it comes from, not what it lifts anyone out of
])
def test_what_only_looks_like_taking_a_harm_away_is_read_as_said(text: str) -> None:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from onrecord.stance.reader import harms_taken_away

    assert harms_taken_away(text, SentimentIntensityAnalyzer().lexicon) == text


@pytest.mark.parametrize("sentence,stance", [
    # the thing the issue takes away, willed to stay or to go
    ("Jo Bell said the cap should stay.", "oppose"),
    ("“The cap must remain in place,” said Jo Bell.", "oppose"),
    ("“The cap must go,” said Jo Bell.", "support"),
    ("“The cap has to go,” said Jo Bell.", "support"),
    ("“The cap should not stay,” said Jo Bell.", "support"),
])
def test_what_the_issue_would_take_away_willed_to_stay_or_go(tmp_path: Path, sentence: str, stance: str) -> None:
    data = _board(tmp_path, f"Ministers are under pressure to scrap the two-child benefit cap.\n\n{sentence}",
                  TWO_CHILD)
    assert _stances(data).get("Jo Bell") == stance, data["documents"]


@pytest.mark.parametrize("sentence", [
    # what it stays as, or where it goes, is no side
    "“The four-day week will remain a problem for parents,” said Jo Bell.",
    "“The four-day week will go up in smoke,” said Jo Bell.",
])
def test_staying_as_something_or_going_somewhere_is_no_side_by_itself(tmp_path: Path, sentence: str) -> None:
    from onrecord import nlp as nlp_mod
    from onrecord.stance.path import _kept_or_gone

    doc = nlp_mod.load()(sentence)
    assert all(_kept_or_gone(t) is None for t in doc)


@pytest.mark.parametrize("text,who", [
    # what someone is pressed to do is not what they did or said (nor the party's, nor the government's)
    ("Ministers are under pressure to scrap the two-child benefit cap.", "UK Government"),
    ("The Blue Party faces growing calls to scrap the two-child benefit cap.", "Blue Party"),
    ("Transport Secretary Jo Marsh is under mounting pressure from backbenchers to scrap the two-child benefit cap.",
     "Jo Marsh"),
])
def test_what_someone_is_pressed_to_do_is_no_position_of_theirs(tmp_path: Path, text: str, who: str) -> None:
    data = _board(tmp_path, f"{text} “The cap is cruel,” said Bo Grant.", TWO_CHILD, REGISTER,
                  published="2025-02-01")
    assert _stances(data).get("Bo Grant") == "support"  # (the article is read on the issue)
    assert {name for name, stance in _stances(data).items() if stance != "none"} == {"Bo Grant"}, data["documents"]


@pytest.mark.parametrize("role", ["shadow work and pensions secretary", "Shadow Work and Pensions Secretary"])
def test_a_shadow_office_in_words_joined_by_and_is_not_the_government_s(tmp_path: Path, role: str) -> None:
    data = _board(tmp_path, f"Ministers are under pressure to scrap the two-child benefit cap.\n\n{role[:1].upper()}"
                  f"{role[1:]} Jo Marsh said the cap should stay.", TWO_CHILD, REGISTER, published="2025-02-01")
    person = next(p for p in data["people"] if p["name"] == "Jo Marsh")
    assert any(r.lower() == role.lower() for r in person["roles"]) and person["party"] != "Blue", person
    assert person["stance"] == "oppose", data["documents"]  # (her words are hers, however the title is parsed)


@pytest.mark.parametrize("sentence,who,stance", [
    # a vote named as a noun, and whom it came from
    ("The lone vote against came from board member Ana Ruiz, who said the plan was rushed.", "Ana Ruiz", "oppose"),
    ("The only dissenting vote was cast by trustee Paul Grant.", "Paul Grant", "oppose"),
    ("The sole vote in favor came from trustee Gina Lott.", "Gina Lott", "support"),
    ("Board member Ana Ruiz cast the lone no vote.", "Ana Ruiz", "oppose"),
])
def test_a_vote_said_as_a_noun_is_the_vote_of_whom_it_came_from(tmp_path: Path, sentence: str, who: str,
                                                                 stance: str) -> None:
    data = _board(tmp_path, "The Hill Valley school board voted 4-1 on Monday to adopt a four-day school week.\n\n"
                  + sentence, "a four-day school week")
    assert _stances(data).get(who) == stance, data["documents"]


@pytest.mark.parametrize("later,parties", [
    # what the story says of one name of a list later is that one's, not the other's
    ("Dale, a Democrat who represents the east side, said the county was wasting money.",
     {"Ann Rios": None, "Ken Dale": "Democratic"}),
    ("Rios, a Democrat who represents the east side, said the county was wasting money.",
     {"Ann Rios": "Democratic", "Ken Dale": None}),
])
def test_a_party_said_later_of_one_name_in_a_list_is_not_the_others(tmp_path: Path, later: str,
                                                                    parties: dict[str, str | None]) -> None:
    data = _board(tmp_path, "The county board voted 3-2 to build a new jail. Commissioners Ann Rios and Ken Dale "
                  f"voted against the plan.\n\n{later}", "building a new county jail")
    assert {p["name"]: p["party"] for p in data["people"] if p["name"] in parties} == parties


@pytest.mark.parametrize("sentence", [
    # a decision put off until more is known is no side, whatever is wanted first
    "Mayor Tom Reed said he wanted to see the final project list before deciding.",
    "Mayor Tom Reed said he had not taken a position on the measure yet.",
])
def test_a_decision_put_off_is_open(tmp_path: Path, sentence: str) -> None:
    data = _board(tmp_path, "The county will ask voters in November to raise the sales tax to pay for public transit, "
                  "a measure known as Measure T.\n\n" + sentence, "raising the sales tax to pay for public transit")
    assert _stances(data).get("Tom Reed") in {"neutral", "none"}, data["documents"]
    assert _stances(data).get("Tom Reed") != "support"


BIKE = "removing the Main Street bike lanes"


@pytest.mark.parametrize("sentence,stance", [
    # backing what the issue takes away, somewhere else instead, is no side on taking it away here
    ("Councilmember Tom Reed said he would support adding bike lanes on a parallel street instead.", None),
    # ... while backing it where it is opposes taking it away
    ("Councilmember Tom Reed said he would support keeping the Main Street bike lanes.", "oppose"),
])
def test_backing_an_alternative_instead_is_no_side_on_the_thing_taken_away(tmp_path: Path, sentence: str,
                                                                            stance: str | None) -> None:
    data = _board(tmp_path, "The council will vote next week on removing the Main Street bike lanes.\n\n" + sentence,
                  BIKE)
    sided = [s for s in _quote_stances(data, lambda q: q["speaker"] == "Tom Reed") if s in {"support", "oppose"}]
    assert sided == ([stance] if stance else []), data["documents"]


def test_those_who_joined_someone_in_voting_no_voted_no(tmp_path: Path) -> None:
    data = _board(tmp_path, "The council voted 5-4 on Tuesday to remove the Main Street bike lanes. Councilmember Ann "
                  "Lee voted against the plan.\n\nLee was joined in voting no by Councilmembers Omar Haddad, Beth "
                  "Reilly and Paul Nguyen.", BIKE)
    assert {n: s for n, s in _stances(data).items() if n in {"Omar Haddad", "Beth Reilly", "Paul Nguyen"}} == \
        {"Omar Haddad": "oppose", "Beth Reilly": "oppose", "Paul Nguyen": "oppose"}, data["documents"]


def test_a_position_on_it_and_a_group_named_in_apposition(tmp_path: Path) -> None:
    """"vowed to campaign against it", in an article on the issue, is on the issue; and the group a descriptor
    names in apposition is the one that vowed, not another body the descriptor could be read as."""
    data = _board(tmp_path, "Voters will decide in November whether to raise the sales tax to pay for public transit."
                  "\n\nThe Harlow Chamber of Commerce endorsed the measure on Friday. But the county's largest "
                  "taxpayer group, the Harlow Taxpayers Association, vowed to campaign against it.",
                  "raising the sales tax to pay for public transit")
    assert _stances(data).get("Harlow Taxpayers Association") == "oppose", data["documents"]
    assert _stances(data).get("Harlow Chamber of Commerce") == "support", data["documents"]


DIGITAL_ID = "introducing digital ID cards"
ID_LEAD = "The Prime Minister, Bo Grant, wants to introduce digital ID cards for every adult.\n\n"


@pytest.mark.parametrize("sentence,who,stance", [
    # what the target itself does, in a verb of the issue's own family, is not the target brought in
    ("Jo Bell, director of a privacy group, said the cards would create a vast new database.", "Jo Bell", None),
    # a side on "it", in what someone is said to have said
    ("Labour MP Jo Bell said she could not support it in its current form.", "Jo Bell", "oppose"),
])
def test_a_proposal_acting_and_a_side_on_it(tmp_path: Path, sentence: str, who: str, stance: str | None) -> None:
    data = _board(tmp_path, ID_LEAD + sentence, DIGITAL_ID)
    sided = _sides(data, who)
    assert sided == ({stance} if stance else set()), data["documents"]


@pytest.mark.parametrize("text,open_", [
    ("She wants to see the costs before making a decision.", True),
    ("He said he would wait before making up his mind.", True),
    ("The firm wants to cut costs before making a profit.", False),
])
def test_a_decision_put_off_in_words(text: str, open_: bool) -> None:
    from onrecord.stance.rules import NEUTRAL

    assert any(re.search(p, text, re.I) for p in NEUTRAL) == open_


def test_what_a_proposal_does_is_not_its_owner_s_position(tmp_path: Path) -> None:
    data = _board(tmp_path, ID_LEAD + "Sir Bo Grant's plan to introduce digital ID cards has run into fierce "
                  "opposition, with the Blue Party and the Red Party both vowing to fight it.", DIGITAL_ID)
    said = [q["text"] for d in data["documents"] for q in d["quotes"] if q["speaker"] == "Bo Grant"]
    assert said and not any("run into" in t for t in said), said


def test_the_target_as_the_passive_subject_of_the_action_is_the_action(tmp_path: Path) -> None:
    # ("the cards would create …" is what the target does; "the harbour masters were fired" is the action done to
    # them, not a judgement of them to be turned)
    data = _board(tmp_path, "The port board fired two harbour masters on Monday.\n\nAnn Lee, one of the harbour "
                  "masters, said she was shocked that the harbour masters were fired.", "firing the harbour masters")
    assert "Ann Lee" in _stances(data) and _stances(data)["Ann Lee"] != "support", data["documents"]


NICS = "raising employers' national insurance contributions"


@pytest.mark.parametrize("sentence,stance", [
    # urging a rethink of it is against it; urging it on is for it
    ("Ann Lee urged the Chancellor to rethink the national insurance rise.", "oppose"),
    ("Ann Lee urged ministers to reconsider the rise in national insurance.", "oppose"),
    ("Ann Lee urged ministers to push ahead with the national insurance rise.", "support"),
])
def test_urging_a_rethink_is_against_it(tmp_path: Path, sentence: str, stance: str) -> None:
    data = _board(tmp_path, "The Chancellor raised employers' national insurance contributions in the Budget.\n\n"
                  + sentence, NICS)
    assert _stances(data).get("Ann Lee") == stance, data["documents"]


RENTALS = "banning short-term rentals in residential neighborhoods"
RENTALS_LEAD = "The Harbor City Council voted 6-3 on Monday to ban short-term rentals in residential neighborhoods.\n\n"


@pytest.mark.parametrize("sentence,who,stance", [
    # a reaction to the decision, said as an act
    ("The Harbor Hotel Association applauded the vote.", "Harbor Hotel Association", "support"),
    ("The Harbor Tenants Union celebrated the decision.", "Harbor Tenants Union", "support"),
    ("The Harbor Hosts Alliance decried the decision.", "Harbor Hosts Alliance", "oppose"),
    # the author of the law holds it; a letter's writer holds what the letter says
    ('"This is about housing," said Councilmember Ana Ruiz, who wrote the ordinance.', "Ana Ruiz", "support"),
    ("Councilmember Ana Ruiz, who brought the proposal forward, said owners had been warned.", "Ana Ruiz", "support"),
    ("Councilmember Ana Ruiz wrote a letter to the planning department last spring.", "Ana Ruiz", None),
])
def test_a_reaction_to_the_decision_and_the_law_s_author_are_positions(tmp_path: Path, sentence: str, who: str,
                                                                        stance: str | None) -> None:
    data = _board(tmp_path, RENTALS_LEAD + sentence, RENTALS)
    assert _stances(data).get(who, "none") in ({stance} if stance else {"none", "neutral"}), data["documents"]


@pytest.mark.parametrize("sentence,stance", [
    # "it" signed, vetoed or voted on is the measure, even where the issue takes something away
    ("Mayor Tom Ward said he would sign it.", "support"),
    ("Mayor Tom Ward said he would veto it.", "oppose"),
    # ... and not vetoing it lets it pass, whatever he thinks of it
    ("Mayor Tom Ward said he would not veto it.", None),
    # another verb's "it", where the issue takes something away, may be the thing, the taking or neither
    ("Mayor Tom Ward defended it.", None),
])
def test_it_signed_or_vetoed_is_the_measure(tmp_path: Path, sentence: str, stance: str | None) -> None:
    data = _board(tmp_path, RENTALS_LEAD + sentence, RENTALS)
    sided = _sides(data, "Tom Ward")
    assert sided == ({stance} if stance else set()), data["documents"]


@pytest.mark.parametrize("sentence,stance", [
    # a side for something else, preferred to the issue, is against the issue
    ("Councilmember Ray Dunn had pushed for an amendment that would have capped the number of permits rather than "
     "banning them outright.", "oppose"),
    ('"We should cap the permits instead of banning rentals," said Councilmember Ray Dunn.', "oppose"),
    # ... the issue preferred to something else is backed
    ("Councilmember Ray Dunn said he backed the ban rather than a cap.", "support"),
])
def test_something_else_preferred_to_the_issue_is_a_side_against_it(tmp_path: Path, sentence: str,
                                                                     stance: str) -> None:
    data = _board(tmp_path, RENTALS_LEAD + sentence, RENTALS)
    sided = _sides(data, "Ray Dunn")
    assert sided == {stance}, data["documents"]


def test_an_act_done_by_a_rule_is_no_feeling_about_it(tmp_path: Path) -> None:
    """"people who played by the rules" is what they did, not how someone feels about the rules."""
    data = _board(tmp_path, RENTALS_LEAD + '"It takes away a retirement plan from a lot of people who played by the '
                  'rules," said Councilmember Jo Hart.', RENTALS)
    assert "support" not in _quote_stances(data, lambda q: q["speaker"] == "Jo Hart"), data["documents"]


def test_a_means_judged_by_its_verb_is_still_read(tmp_path: Path) -> None:
    """... while what a verb does by the issue's action judges the action: "endangering the library by pushing
    out its director"."""
    data = _board(tmp_path, "The library board voted on Monday to remove Dana Cole as library director.\n\nTrustee "
                  "Al Fry said the board was endangering the future of the library by pushing out Cole.",
                  "removing Dana Cole as library director")
    assert _stances(data).get("Al Fry") == "oppose", data["documents"]


def test_what_a_relative_clause_without_that_says_follows_its_verb(tmp_path: Path) -> None:
    """"…, a move supporters say will return homes to renters": what supporters say is after "say", and the vote
    before it is the council's."""
    data = _board(tmp_path, "The Harbor City Council voted 6-3 on Monday to ban short-term rentals in residential "
                  "neighborhoods, a move supporters say will return homes to renters.", RENTALS)
    assert _stances(data).get("Harbor City Council") == "support", data["documents"]
    said = [q["text"] for d in data["documents"] for q in d["quotes"] if q["kind"] == "indirect"]
    assert said == ["will return homes to renters"], said


SPEED = "installing speed cameras in school zones"
SPEED_LEAD = "The council is weighing a plan to install speed cameras in school zones.\n\n"


@pytest.mark.parametrize("sentence,who,stance", [
    # asking for it is a call for it; asking for something about it, or whether it works, is not
    ("Parents have been asking for cameras for years, said Maria Chen, the PTA president.", "Maria Chen", "support"),
    ("Councilmember Ann Lee asked for data on where similar cameras had been placed.", "Ann Lee", None),
    ("Councilmember Ann Lee asked whether the cameras would work.", "Ann Lee", None),
    # a call for a review is to know more first, not a side
    ("Councilmember Cy Ray called for a review of the cameras.", "Cy Ray", None),
    # not yet sure whether to back it is open
    ("Councilmember Sharon Whitley said she was not yet sure she would support the cameras on the floor.",
     "Sharon Whitley", None),
    ('"I\'m undecided on whether to back the cameras," said Councilmember Al Roe.', "Al Roe", None),
    ('"I\'m sure I will vote for the cameras," said Councilmember Bea Dunn.', "Bea Dunn", "support"),
])
def test_asking_for_it_and_asking_to_know_more(tmp_path: Path, sentence: str, who: str, stance: str | None) -> None:
    data = _board(tmp_path, SPEED_LEAD + sentence, SPEED)
    sided = _sides(data, who)
    assert sided == ({stance} if stance else set()), data["documents"]


def test_an_audit_called_for_is_backed_where_the_issue_is_the_audit(tmp_path: Path) -> None:
    data = _board(tmp_path, "Parents want an independent audit of the district's delays in reporting lead test "
                  "results.\n\nBoard member Ann Lee called for an independent audit of the delays.",
                  "an independent audit of the district's delays in reporting lead test results")
    assert _stances(data).get("Ann Lee") == "support", data["documents"]


@pytest.mark.parametrize("sentence,stance", [
    # the public body's own plan, in an article on an issue that names no doer, is the issue
    ("State Sen. David Ruiz, a Fairmont Democrat, testified in favor of the city's plan at the hearing.", "support"),
    # ... not a plan of theirs for something else
    ("State Sen. David Ruiz, a Fairmont Democrat, testified in favor of the city's plan to raise parking fees.",
     None),
])
def test_the_public_body_s_own_plan_is_the_issue(tmp_path: Path, sentence: str, stance: str | None) -> None:
    data = _board(tmp_path, SPEED_LEAD + sentence, SPEED)
    sided = _sides(data, "David Ruiz")
    assert sided == ({stance} if stance else set()), data["documents"]


def test_who_after_a_descriptor_in_apposition_is_the_name(tmp_path: Path) -> None:
    """"Sen. David Ruiz, a Fairmont Democrat, who told …": "who" is the senator, not "a Fairmont Democrat"."""
    data = _board(tmp_path, SPEED_LEAD + "The law was written by state Sen. David Ruiz, a Fairmont Democrat, who told "
                  "the committee the cameras would save lives.", SPEED)
    speakers = {q["speaker"] for d in data["documents"] for q in d["quotes"] if q["kind"] == "indirect"}
    assert speakers == {"David Ruiz"}, data["documents"]


def test_which_after_a_descriptor_in_apposition_is_the_body(tmp_path: Path) -> None:
    """... while "which" after "chief executive of Living Well Trust" is the body."""
    data = _board(tmp_path, "MPs voted on Friday to legalise assisted dying.\n\nDr Ann Cole, chief executive of "
                  "Living Well Trust, which campaigns against assisted suicide, said she was disappointed by the "
                  "result.", "legalising assisted dying")
    actors = {q["speaker"] for d in data["documents"] for q in d["quotes"] if q["kind"] == "reported"}
    assert "Living Well Trust" in actors, data["documents"]


def test_an_office_of_a_body_before_a_name_is_held_by_a_person(tmp_path: Path) -> None:
    """"Council President Elena Vasquez" (the tagger's name taking in "President") is someone who holds an office of
    the council, not a body, and "Vasquez" later is her."""
    data = _board(tmp_path, SPEED_LEAD + "Council President Elena Vasquez championed the proposal.\n\n"
                  '"Cameras work," Vasquez said.', SPEED)
    assert [p["name"] for p in data["people"] if "Vasquez" in p["name"]] == ["Elena Vasquez"], data["people"]


def test_a_target_word_alone_beside_its_head_is_something_else(tmp_path: Path) -> None:
    """Where a statement names speed cameras, "speeds" dropping is not the cameras going."""
    data = _board(tmp_path, SPEED_LEAD + '"Cameras work. Every city that has tried them has seen speeds drop," said '
                  "Councilmember Elena Vasquez.", SPEED)
    assert "oppose" not in _quote_stances(data, lambda q: q["speaker"] == "Elena Vasquez"), data["documents"]


BLOWERS = "banning gas-powered leaf blowers"
BLOWERS_LEAD = "The county commission voted 4-1 on Tuesday to ban gas-powered leaf blowers.\n\n"


@pytest.mark.parametrize("sentence,stances", [
    # those said to have spoken at the hearing, on one side or the other
    ("Residents who spoke in favor included Judith Marsh, a retired nurse, and Owen Clarke, a teacher.",
     {"Judith Marsh": "support", "Owen Clarke": "support"}),
    ("Landscaper Rosa Jimenez spoke against the ban.", {"Rosa Jimenez": "oppose"}),
    ("Resident Jo Lee testified against it.", {"Jo Lee": "oppose"}),
    # ... not those who spoke about something else
    ("Resident Cy Dee spoke for ten minutes about her garden.", {"Cy Dee": "none"}),
])
def test_who_spoke_for_or_against_it_at_a_hearing(tmp_path: Path, sentence: str, stances: dict[str, str]) -> None:
    data = _board(tmp_path, BLOWERS_LEAD + sentence, BLOWERS)
    got = _stances(data)
    assert {n: got.get(n, "none") for n in stances} == stances, data["documents"]


BUS = "cutting high school bus routes"
BUS_LEAD = "The school district will cut 14 high school bus routes this fall to save money.\n\n"


def test_what_a_law_requires_is_no_advocacy_of_the_speaker(tmp_path: Path) -> None:
    data = _board(tmp_path, BUS_LEAD + "Transportation director Keith Lam said the remaining routes would serve "
                  "students who live more than three miles from school, as state law requires.", BUS)
    assert _stances(data).get("Keith Lam") in {"neutral", "none"}, data["documents"]


@pytest.mark.parametrize("sentence,speaker", [
    # a name the tagger missed, after a role noun: a person, who is the "he" that speaks next
    ("On Tuesday, student Aiden Park, a junior at North High, said he now walks two miles to school.", "Aiden Park"),
    # ... and where the name is not found, the "he" after it is not whoever the story named before
    ("Student Aiden Park, a junior at North High, said he now walks two miles to school.", None),
])
def test_a_name_the_tagger_missed_after_a_role_noun_is_someone(tmp_path: Path, sentence: str,
                                                               speaker: str | None) -> None:
    data = _board(tmp_path, BUS_LEAD + "Transportation director Keith Lam said the routes were chosen by need.\n\n"
                  + sentence + '\n\n"It\'s fine when it\'s sunny," he said.', BUS)
    speakers = [q["speaker"] for d in data["documents"] for q in d["quotes"]]
    assert speakers[-1] == speaker and "Keith Lam" not in speakers[1:], data["documents"]


FUEL = "cutting winter fuel payments for pensioners"
FUEL_LEAD = "MPs voted on Tuesday to cut winter fuel payments for pensioners.\n\n"


@pytest.mark.parametrize("sentence,speaker", [
    # someone kept unnamed is no one the story named, whatever their description
    ("One Labour MP, who asked not to be named, said colleagues were furious about the policy.", None),
    ("A Labour MP, speaking on condition of anonymity, said colleagues were furious about the policy.", None),
])
def test_someone_kept_unnamed_is_not_the_one_named_before(tmp_path: Path, sentence: str,
                                                           speaker: str | None) -> None:
    data = _board(tmp_path, FUEL_LEAD + "Labour backbencher Sarah Kells voted against the plan.\n\n" + sentence, FUEL)
    speakers = [q["speaker"] for d in data["documents"] for q in d["quotes"] if "furious" in q["text"]]
    assert speakers and set(speakers) == {speaker}, data["documents"]


@pytest.mark.parametrize("sentence,who,stance", [
    # "the policy", where the issue cuts what is given, is the cut
    ("Labour MP Sarah Kells said colleagues were furious about the policy.", "Sarah Kells", "oppose"),
    # what the issue's own action is done to, whatever its word, takes no side
    ('"I did not come into politics to cut support for pensioners," said the Chancellor, Rachel Reeves.',
     "Rachel Reeves", None),
    # the decision said to be needed is backed
    ("The Chancellor, Rachel Reeves, told MPs the decision was necessary to fix the public finances.",
     "Rachel Reeves", "support"),
    # ... and what the issue takes away, said to be needed, is kept
    ("Age campaigner Jo Bell said the payment was essential for millions of older people.", "Jo Bell", "oppose"),
    # being kept from the cut is against it
    ("Labour MP Jo Bell said it was necessary to protect pensioners from the cut.", "Jo Bell", "oppose"),
    # losing what the issue takes away is the issue's action undergone, no side
    ("Charity director Jo Marsh said many of those losing the payment were on very low incomes.", "Jo Marsh", None),
    # restoring it, and fighting to, is against taking it away
    ("Reform UK leader Nigel Farage said a Reform government would reinstate the payment in full.", "Nigel Farage",
     "oppose"),
    ("Green MP Ann Cole said she would fight to restore the payments.", "Ann Cole", "oppose"),
    # voting against the government on the vote the article reports, and urging ministers to think again
    ("Labour backbencher Sarah Kells was the only Labour MP to vote against the government.", "Sarah Kells",
     "oppose"),
    ("Liberal Democrat leader Ed Davey urged ministers to think again.", "Ed Davey", "oppose"),
])
def test_what_is_cut_and_who_is_against_cutting_it(tmp_path: Path, sentence: str, who: str,
                                                   stance: str | None) -> None:
    data = _board(tmp_path, FUEL_LEAD + sentence, FUEL)
    sided = _sides(data, who)
    assert sided == ({stance} if stance else set()), data["documents"]


HOUSING = "building affordable apartments on the church parking lot"
HOUSING_LEAD = ("The planning board recommended approval of a plan to build affordable apartments on the church "
                "parking lot.\n\n")


@pytest.mark.parametrize("sentence,stances", [
    # those said to be opposed, or to have voted yes, in the vote the article reports
    ("The board voted 5-2, with members Gary Holt and Linda Pierce opposed.",
     {"Gary Holt": "oppose", "Linda Pierce": "oppose"}),
    ('Board chair Michelle Duarte said she had voted yes with "some reluctance."', {"Michelle Duarte": "support"}),
    # whose plan it is holds it
    ("The town council will vote in July on a plan by the Westfield Housing Trust to build the apartments.",
     {"Westfield Housing Trust": "support"}),
    # a refusal in a clause that tells what someone else may do is not the speaker's
    ("Board chair Michelle Duarte said state law limits the reasons a town can reject affordable housing projects.",
     {"Michelle Duarte": "neutral"}),
])
def test_votes_said_alone_and_whose_plan_it_is(tmp_path: Path, sentence: str, stances: dict[str, str]) -> None:
    data = _board(tmp_path, HOUSING_LEAD + sentence, HOUSING)
    got = {n: s if s != "none" else "neutral" for n, s in _stances(data).items()}  # (no side: either)
    assert {n: got.get(n, "neutral") for n in stances} == stances, data["documents"]


def test_no_position_taken_is_open(tmp_path: Path) -> None:
    data = _board(tmp_path, HOUSING_LEAD + "Mayor Karen Liu has not taken a public position on the project.", HOUSING)
    assert _stances(data).get("Karen Liu") == "neutral", data["documents"]


DRINKS = "banning sugary drinks in school vending machines"


@pytest.mark.parametrize("lead,sentence,stances", [
    # a reaction to a delay, named by the delay itself: turned once, not twice
    ("The state has delayed its ban on sugary drinks in school vending machines until next year.",
     "The Beverage Council welcomed the delay. Parents United criticised the delay.",
     {"Beverage Council": "oppose", "Parents United": "support"}),
    # the noun of an act of the same kind as the one the lead reports ("postponed" … "this delay")
    ("The state has postponed its ban on sugary drinks in school vending machines until next year.",
     '"This delay is welcome," said Tim Ross of the Beverage Council.', {"Tim Ross": "oppose"}),
    # a ban scrapped is the issue undone, not done; a U-turn is an act of it
    ("The state has scrapped its ban on sugary drinks in school vending machines.",
     "The Beverage Council welcomed the move. Parents United condemned the U-turn.",
     {"Beverage Council": "oppose", "Parents United": "support"}),
    # ... while the issue's own act, done to what it acts on, is done
    ("The state has banned sugary drinks in school vending machines.",
     "The Beverage Council condemned the move.", {"Beverage Council": "oppose"}),
])
def test_a_reaction_to_the_outcome_named_by_its_act(tmp_path: Path, lead: str, sentence: str,
                                                      stances: dict[str, str]) -> None:
    data = _board(tmp_path, lead + "\n\n" + sentence, DRINKS)
    assert {n: _stances(data).get(n, "none") for n in stances} == stances, data["documents"]


@pytest.mark.parametrize("sentence,stance", [
    # a delay pointed at is what is judged, not a delay asked for
    ('"Every delay means more children buying sugary drinks at school," said Ann Lowe.', "none"),
    ('"We need a delay to the ban," said Ann Lowe.', "oppose"),
    ('Ann Lowe said: "They should delay the ban by a year."', "oppose"),
])
def test_a_delay_asked_for_and_a_delay_pointed_at(tmp_path: Path, sentence: str, stance: str) -> None:
    data = _board(tmp_path, "The state plans to ban sugary drinks in school vending machines.\n\n" + sentence, DRINKS)
    got = _stances(data).get("Ann Lowe", "none")
    assert (got if got != "neutral" else "none") == stance, data["documents"]
    assert any(q["speaker"] == "Ann Lowe" for d in data["documents"] for q in d["quotes"])


@pytest.mark.parametrize("sentence,speaker", [
    # a verb of saying joined to what is said, whose subject is a thing, is the speaker's
    ('Health minister Ann Lowe said the pause would give schools time to prepare and insisted the state remained '
     '"fully committed" to the ban.', "Ann Lowe"),
    ('Ann Lowe said the rules would cost shops money and warned that "the ban will close vending firms".',
     "Ann Lowe"),
])
def test_a_verb_of_saying_joined_to_what_is_said(tmp_path: Path, sentence: str, speaker: str) -> None:
    data = _board(tmp_path, "The state plans to ban sugary drinks in school vending machines.\n\n" + sentence, DRINKS)
    speakers = {q["speaker"] for d in data["documents"] for q in d["quotes"] if q["kind"] == "mixed"}
    assert speakers == {speaker}, data["documents"]


@pytest.mark.parametrize("sentence,speaker", [
    # a name said right after the verb, which the parse gave to a verb of the aside
    ('"The research is pretty clear," said Lena Ortiz, an economist at Marlow State University who co-wrote the '
     'study.', "Lena Ortiz"),
    # a title, then a first name the census knows and a surname, tagged as one body
    ("Commission Chair Dolores Finch said the bonds were a bad deal.", "Dolores Finch"),
])
def test_a_speaker_the_parse_or_the_tagger_lost(tmp_path: Path, sentence: str, speaker: str) -> None:
    data = _board(tmp_path, "The county will issue bonds for a new stadium.\n\n" + sentence,
                  "issuing public bonds for a new stadium")
    assert {q["speaker"] for d in data["documents"] for q in d["quotes"]} == {speaker}, data["documents"]


WATER = "nationalising Thames Water"
WATER_LEAD = ("The Harbour Union has written to the prime minister urging him to nationalise Thames Water. Its "
              "members say public ownership is the only way to protect customers.\n\n")


@pytest.mark.parametrize("sentence,stances", [
    # a position taken on a call or a letter the article has told, named only by its noun
    ("Sam Hill, a Treasury minister, rejected the call.", {"Sam Hill": "oppose"}),
    ("Among the MPs who signed the letter were Ann Lowe and Tim Ross.", {"Ann Lowe": "support", "Tim Ross": "support"}),
    ("Tim Ross backed the call.", {"Tim Ross": "support"}),
    # ... not a letter no statement before it took a side in
    ("Tim Ross rejected the petition.", {"Tim Ross": "none"}),
])
def test_a_position_on_a_call_told_before(tmp_path: Path, sentence: str, stances: dict[str, str]) -> None:
    data = _board(tmp_path, WATER_LEAD + sentence, WATER)
    assert {n: _stances(data).get(n, "none") for n in stances} == stances, data["documents"]


@pytest.mark.parametrize("sentence,owner", [
    # whose position or stance it is says nothing of which side it is
    ('Carla Denyer said Labour\'s stance on nationalisation was "muddled".', "Labour"),
])
def test_a_position_named_is_no_side(tmp_path: Path, sentence: str, owner: str) -> None:
    data = _board(tmp_path, "Ministers are under pressure to nationalise Thames Water.\n\n" + sentence, WATER)
    owners = {q["speaker"] for d in data["documents"] for q in d["quotes"] if q["kind"] == "reported"}
    assert owner in owners and not _sides(data, owner), data["documents"]


@pytest.mark.parametrize("sentence", [
    # a side on someone's view is no side on the issue
    "Carla Denyer criticised the view of ministers on nationalisation.",
    "Carla Denyer attacked Labour's stance on nationalisation.",
    "Carla Denyer welcomed their position on nationalisation.",
])
def test_a_side_on_someone_s_view_is_none_on_the_issue(tmp_path: Path, sentence: str) -> None:
    data = _board(tmp_path, "Ministers are under pressure to nationalise Thames Water.\n\n" + sentence, WATER)
    assert "Carla Denyer" in {p["name"] for p in data["people"]} and not _sides(data, "Carla Denyer"), \
        data["documents"]


def test_a_verb_of_saying_joined_to_a_thing_s_clause_is_the_speaker_s(tmp_path: Path) -> None:
    data = _board(tmp_path, "Ministers are under pressure to nationalise Thames Water.\n\nCarla Denyer said the "
                  "government's position was indefensible and called for the company to be nationalised.", WATER)
    callers = {q["speaker"] for d in data["documents"] for q in d["quotes"] if "called" in q["text"] or
               "returned" in q["text"] or "nationalised" in q["text"]}
    assert callers == {"Carla Denyer"} and _stances(data).get("Carla Denyer") == "support", data["documents"]


@pytest.mark.parametrize("sentence,stance", [
    # a participle beside a verb is its subject's act: "wrote to …, calling for …"
    ("The Harbour Union wrote to ministers this week, calling for Thames Water to be nationalised.", "support"),
    ("The Harbour Union has written to the prime minister urging him to nationalise Thames Water.", "support"),
    # ... and nothing of the verb it is beside turns it ("failing … urging" is no failure to urge)
    ("The Harbour Union said the company was failing, urging ministers to nationalise Thames Water.", "support"),
    ("The Harbour Union said the company was failing, urging ministers not to nationalise Thames Water.", "oppose"),
])
def test_a_participle_beside_a_verb(tmp_path: Path, sentence: str, stance: str) -> None:
    data = _board(tmp_path, "Thames Water is close to collapse.\n\n" + sentence, WATER)
    assert _stances(data).get("Harbour Union") == stance, data["documents"]


@pytest.mark.parametrize("sentence,stance", [
    # a call on what is not to be done is against it
    ("Ann Lowe said she urged ministers not to nationalise Thames Water.", "oppose"),
    ("Ann Lowe said she did not urge ministers to nationalise Thames Water.", "oppose"),
    ("Ann Lowe said she urged ministers to nationalise Thames Water.", "support"),
    # ... and a feeling about a decision not to do it is for it
    ("Ann Lowe said she was disappointed by the decision not to nationalise Thames Water.", "support"),
])
def test_a_side_on_what_is_not_to_be_done(tmp_path: Path, sentence: str, stance: str) -> None:
    data = _board(tmp_path, "Thames Water is close to collapse.\n\n" + sentence, WATER)
    assert _stances(data).get("Ann Lowe") == stance, data["documents"]


WIND = "lifting the ban on onshore wind farms in England"
WIND_LEAD = "The government has lifted the ban on onshore wind farms in England.\n\n"


@pytest.mark.parametrize("sentence,stances", [
    # what a restriction taken away was on is let be: a side on it is a side on lifting the restriction
    ("Nigel Farage said he opposed onshore wind farms.", {"Nigel Farage": "oppose"}),
    ("Ann Lowe said she had always supported onshore wind farms.", {"Ann Lowe": "support"}),
    # ... while the restriction itself is what is taken away
    ("Tim Ross said the ban should stay.", {"Tim Ross": "oppose"}),
    # a pledge said with the power to keep it is no condition
    ("The Conservatives said they would reverse the change if they returned to power.", {"Conservatives": "oppose"}),
    ("Tim Ross said he would back the change if it came with local votes.", {"Tim Ross": "neutral"}),
    # what the move does: "cut bills", whose side is its object's, and "boost energy security"
    ("Energy secretary Sam Hill said the move would cut bills and boost energy security.", {"Sam Hill": "support"}),
])
def test_lifting_a_restriction(tmp_path: Path, sentence: str, stances: dict[str, str]) -> None:
    data = _board(tmp_path, WIND_LEAD + sentence, WIND)
    assert {n: _stances(data).get(n, "none") for n in stances} == stances, data["documents"]


def test_the_restriction_s_object_is_a_word_of_the_issue() -> None:
    from onrecord.stance import proposition

    prop = proposition.parse("ending the ban on fracking")
    assert prop.head == "ban" and "fracking" in prop.terms and prop.target_terms == {"ban"}
    # a restriction written before its object stays the target whole
    assert {"child", "benefit", "cap"} <= proposition.parse("scrapping the two-child benefit cap").target_terms


@pytest.mark.parametrize("sentence,name", [
    # a body named by what it is for, which the tagger missed
    ("The Campaign to Protect Rural England said it opposed onshore wind farms.", "Campaign to Protect Rural England"),
    ("Separately, the Alliance for Quiet Hills said it opposed onshore wind farms.", "Alliance for Quiet Hills"),
])
def test_a_body_named_by_what_it_is_for(tmp_path: Path, sentence: str, name: str) -> None:
    data = _board(tmp_path, WIND_LEAD + sentence, WIND)
    assert _stances(data).get(name) == "oppose", data["documents"]


@pytest.mark.parametrize("sentence,stance", [
    # what is said to follow without the issue: a harm is for it, a good against it
    ('"Without a ban, children will keep being bullied online," said Ann Lowe.', "support"),
    ('"Without it, we would all be happier," said Ann Lowe.', "oppose"),
    ('"Without the ban, pupils will keep losing sleep and failing tests," said Ann Lowe.', "support"),
    # ... and nothing where nothing is judged
    ('"Without it, the board would meet on Tuesdays," said Ann Lowe.', "none"),
])
def test_what_would_follow_without_it(tmp_path: Path, sentence: str, stance: str) -> None:
    data = _board(tmp_path, "The board will vote on banning phones in schools.\n\n" + sentence,
                  "banning phones in schools")
    got = _stances(data).get("Ann Lowe", "none")
    assert (got if got != "neutral" else "none") == stance, data["documents"]
    assert "Ann Lowe" in _stances(data)


def test_a_word_of_change_is_no_judgement(tmp_path: Path) -> None:
    data = _board(tmp_path, "The board voted to put a property tax levy on the ballot.\n\n"
                  '"This is the third tax increase in five years," said Robert Hale.',
                  "a property tax levy for schools")
    assert "Robert Hale" in _stances(data) and not _sides(data, "Robert Hale"), data["documents"]


@pytest.mark.parametrize("sentence,stances", [
    # a short quote that takes a side on "it", in an article on the issue
    ('"I support it," said Tim Ross. "We don\'t need this," said Sam Hill.', {"Tim Ross": "support",
                                                                             "Sam Hill": "oppose"}),
    ('"We need this," said parent Jessica Tran.', {"Jessica Tran": "support"}),
    ('Tim Ross said he voted for it.', {"Tim Ross": "support"}),
    # ... not a pronoun for something the quote names first
    ('"The report is thorough and I support it," said Tim Ross.', {"Tim Ross": "none"}),
])
def test_a_short_side_on_it(tmp_path: Path, sentence: str, stances: dict[str, str]) -> None:
    data = _board(tmp_path, "The board voted to put a property tax levy for schools on the ballot.\n\n" + sentence,
                  "a property tax levy for schools")
    got = {n: s if s != "neutral" else "none" for n, s in _stances(data).items()}
    assert {n: got.get(n, "none") for n in stances} == stances, data["documents"]
    assert set(stances) <= set(got)


def test_an_effort_until_it_is_undone_is_one_turn(tmp_path: Path) -> None:
    data = _board(tmp_path, "The governor paused the congestion toll on drivers entering Manhattan.\n\nRep. Ann "
                  'Lowe said the plan had been "dead on arrival" and vowed to keep fighting until it was formally '
                  "withdrawn.", "a congestion toll on drivers entering Manhattan")
    assert _stances(data).get("Ann Lowe") == "oppose", data["documents"]


CURFEW = "a 9 p.m. curfew for unaccompanied minors downtown"


@pytest.mark.parametrize("sentence,stances", [
    # a vote reported with the words that follow a dotted abbreviation ("9 p.m. curfew"), one sentence
    ("The Oakmont City Council voted 5-2 on Tuesday to impose a 9 p.m. curfew on unaccompanied minors downtown.",
     {"Oakmont City Council": "support"}),
    # what a clause asks for "instead", where the article is on the issue, is preferred to it
    ('Youth advocate Marcus Green branded the curfew a "cop-out" and urged the council to fund summer jobs instead.',
     {"Marcus Green": "oppose"}),
    ("Ann Lowe urged the council to fund summer jobs instead.", {"Ann Lowe": "oppose"}),
    # ... unless the clause names the issue itself
    ("Ann Lowe said the council should bring in a 9 p.m. curfew for unaccompanied minors downtown instead.",
     {"Ann Lowe": "support"}),
])
def test_a_curfew(tmp_path: Path, sentence: str, stances: dict[str, str]) -> None:
    data = _board(tmp_path, "The council is weighing a 9 p.m. curfew for unaccompanied minors downtown.\n\n" + sentence,
                  CURFEW)
    assert {n: _stances(data).get(n, "none") for n in stances} == stances, data["documents"]


def test_a_surname_that_is_a_party_s_name_is_no_party(tmp_path: Path) -> None:
    data = _board(tmp_path, "The council is weighing a curfew.\n\nYouth advocate Marcus Green, who runs an "
                  'after-school program, branded the curfew a "cop-out".', CURFEW)
    assert {p["name"]: p.get("party") for p in data["people"]}.get("Marcus Green", "missing") is None, data["people"]


PENSION = "raising the state pension age to 68"
PENSION_LEAD = "The government confirmed it will raise the state pension age to 68.\n\n"


@pytest.mark.parametrize("sentence,stances", [
    # not standing against it leans for it
    ("The Conservatives said they would not oppose it.", {"Conservatives": "support"}),
    ("Ann Lowe said she would oppose the rise.", {"Ann Lowe": "oppose"}),
    # two speakers in one sentence: each one's words are their own
    ('The Silver Trust said the rise would push more older people into poverty, while the Harbour Institute said it '
     'was "a sensible response" to rising costs.', {"Silver Trust": "oppose", "Harbour Institute": "none"}),
    # a body named for its country branch
    ("Age UK said the rise would push more older people into poverty.", {"Age UK": "oppose"}),
])
def test_the_pension_age(tmp_path: Path, sentence: str, stances: dict[str, str]) -> None:
    _assert_sides(_board(tmp_path, PENSION_LEAD + sentence, PENSION), stances)


def _assert_sides(data: dict[str, Any], stances: dict[str, str], listed: bool = True) -> None:
    """Each of ``stances``' people has that side (neutral counted as none), and is listed where ``listed``; with no
    one in ``stances``, no one has a side."""
    got = {n: s if s != "neutral" else "none" for n, s in _stances(data).items()}
    assert {n: got.get(n, "none") for n in stances} == stances, data["documents"]
    assert set(stances) <= set(got) or not listed
    if not stances:
        assert all(s == "none" for s in got.values()), data["documents"]


@pytest.mark.parametrize("rest,sign", [
    # the end an effort strives for is no second turn
    (" to keep fighting until it was formally withdrawn", -1),
    (" to keep fighting it", -1),
    (" to block it until the spring", -1),
])
def test_turns_stop_at_until(rest: str, sign: int) -> None:
    from onrecord.stance import proposition
    from onrecord.stance.reader import turns

    assert turns(rest, proposition.parse("a congestion toll on drivers entering Manhattan"))[0] == sign


INCINERATOR = "building a new incinerator at Dunmore"
INCINERATOR_LEAD = "The county council wants to build a new incinerator at Dunmore.\n\n"


@pytest.mark.parametrize("sentence,stances", [
    # a verb that voices the position its object names
    ("Hollins Parish Council voiced opposition to the plan to build a new incinerator at Dunmore.",
     {"Hollins Parish Council": "oppose"}),
    ("Mayor Ruth Okafor expressed strong support for the new incinerator at Dunmore.", {"Ruth Okafor": "support"}),
    ("Ruth Okafor has lodged an objection to the plan to build the incinerator at Dunmore.",
     {"Ruth Okafor": "oppose"}),
    ("Ruth Okafor raised objections to the plan to build the incinerator at Dunmore.", {"Ruth Okafor": "oppose"}),
    ("Ruth Okafor signalled her backing for the plan to build the incinerator at Dunmore.",
     {"Ruth Okafor": "support"}),
    # ... a worry voiced is not yet a side
    ("Ruth Okafor expressed concern about plans to build a new incinerator at Dunmore.", {"Ruth Okafor": "none"}),
    ("Ruth Okafor voiced her thanks to the council.", {}),
    # a position voiced on the way to the issue turns the act that carries it
    ("Hollins Parish Council voted on Monday to send a letter objecting to the plans to build a new incinerator at "
     "Dunmore.", {"Hollins Parish Council": "oppose"}),
    ("Hollins Parish Council voted on Monday to send a letter raising the alarm about plans to build a new "
     "incinerator at Dunmore.", {"Hollins Parish Council": "oppose"}),
    ("Ruth Okafor dismissed objections to the plan to build the incinerator at Dunmore.", {"Ruth Okafor": "support"}),
    # ... a worry set aside is for it; one voiced on the way is no side
    ("Ruth Okafor dismissed concerns about the plan to build the incinerator at Dunmore.", {"Ruth Okafor": "support"}),
    ("Hollins Parish Council voted on Monday to send a letter raising concerns about plans to build a new incinerator "
     "at Dunmore.", {"Hollins Parish Council": "none"}),
    # a word that only begins as a turning one does is none ("endorsing" is no "end")
    ("Hollins Parish Council voted on Monday to send a letter endorsing the plan to build a new incinerator at "
     "Dunmore.", {"Hollins Parish Council": "support"}),
    ("Ruth Okafor voted to end the plan to build a new incinerator at Dunmore.", {"Ruth Okafor": "oppose"}),
])
def test_a_position_voiced(tmp_path: Path, sentence: str, stances: dict[str, str]) -> None:
    _assert_sides(_board(tmp_path, INCINERATOR_LEAD + sentence, INCINERATOR), stances)


@pytest.mark.parametrize("word,turning", [
    ("blocked", True), ("opposition", True), ("cutting", True), ("objecting", True), ("alarm", True),
    ("criticised", True), ("endorsing", False), ("bargain", False), ("decrease", False), ("banker", False),
])
def test_turning_words_by_their_family(word: str, turning: bool) -> None:
    from onrecord.stance.reader import _turning

    assert _turning(word) is turning


@pytest.mark.parametrize("sentence,stances", [
    # the issue's act done by someone else, named, is not the issue
    ("Hollins Parish Council voted to send a letter objecting to Bexley Council’s plans to build an incinerator.",
     {"Hollins Parish Council": "none"}),
    ("Hollins Parish Council voted to send a letter objecting to Dunmore Council’s plans to build an incinerator.",
     {"Hollins Parish Council": "oppose"}),
])
def test_another_s_act(tmp_path: Path, sentence: str, stances: dict[str, str]) -> None:
    _assert_sides(_board(tmp_path, sentence, "Dunmore Council building an incinerator at its depot"), stances)


def test_a_body_taken_for_a_title_is_a_body(tmp_path: Path) -> None:
    data = _board(tmp_path, "Dunmore news\n\nThe Dunmore Chamber of Commerce backed the new incinerator.", INCINERATOR)
    assert _stances(data).get("Dunmore Chamber of Commerce") == "support", data["people"]


@pytest.mark.parametrize("sentence,who", [
    # people named after a person are not that person
    ("Trump voters also voiced enthusiasm for the plan to build a new incinerator at Dunmore.", "Donald Trump"),
    ("Trump voters backed the plan to build a new incinerator at Dunmore.", "Donald Trump"),
])
def test_people_named_after_a_person(tmp_path: Path, sentence: str, who: str) -> None:
    data = _board(tmp_path, "Donald Trump and Joe Biden visited Dunmore on Friday.\n\n" + sentence, INCINERATOR)
    assert all(q["speaker"] != who for d in data["documents"] for q in d["quotes"]), data["documents"]


@pytest.mark.parametrize("sentence,stances", [
    # a side taken by a phrasal verb and its preposition
    ("Grace Lim came out against the plan on Tuesday.", {"Grace Lim": "oppose"}),
    ("Grace Lim came out in favour of the plan to build a new incinerator at Dunmore.", {"Grace Lim": "support"}),
    ("Grace Lim came out of the council meeting smiling.", {}),
    ("Tom Briggs distanced himself from the plan to build the incinerator.", {"Tom Briggs": "oppose"}),
    # ... toward a dispute over it, no side on it
    ("Tom Briggs distanced himself from the row over the incinerator at Dunmore.", {"Tom Briggs": "none"}),
    # letting it pass is no side; standing in its way is against it
    ("A spokeswoman for Governor Beth Lind said the governor had questions about the incinerator but would not try "
     "to block it.", {"Beth Lind": "neutral"}),
    ("Sam Weller said he would not stand in the way of the incinerator.", {"Sam Weller": "none"}),
    ("Jo Hart said she would stand in the way of the incinerator.", {"Jo Hart": "oppose"}),
    # members of a group named for its side, listed by "such as" or "like"
    ("Supporters such as Dr. Ana Ruiz, the county's public health director, say the incinerator will create jobs.",
     {"Ana Ruiz": "support"}),
    ("Opponents like Tom Reed say the site is too close to two schools.", {"Tom Reed": "oppose"}),
    # bodies named after what they are friends of
    ("Friends of Dunmore Park joined calls for the plan to be scrapped.", {"Friends of Dunmore Park": "oppose"}),
    ("Friends of the Earth said the incinerator at Dunmore would poison the air.", {"Friends of the Earth": "oppose"}),
])
def test_sides_by_phrase_and_group(tmp_path: Path, sentence: str, stances: dict[str, str]) -> None:
    data = _board(tmp_path, INCINERATOR_LEAD + sentence, INCINERATOR)
    if "Beth Lind" in stances:  # (neutral told apart from none here)
        assert {n: _stances(data).get(n) for n in stances} == stances, data["documents"]
        return
    _assert_sides(data, stances)


CAP = "scrapping the two-child benefit cap"
CAP_LEAD = "Labour MPs are pressing ministers to scrap the two-child benefit cap.\n\n"


@pytest.mark.parametrize("sentence,stances", [
    # a description of the speaker that names the issue is not what their words are about
    ("Labour MP Nadia Ashe, one of seven MPs who lost the whip after voting to scrap the cap, said: “Every day we "
     "wait, more children fall into poverty.”", {"Nadia Ashe": "none"}),
    ("Labour MP Nadia Ashe, a former teacher who has campaigned on poverty, said: “Scrapping the cap would be a "
     "disaster for the public finances.”", {"Nadia Ashe": "oppose"}),
])
def test_the_benefit_cap(tmp_path: Path, sentence: str, stances: dict[str, str]) -> None:
    data = _board(tmp_path, CAP_LEAD + sentence, CAP)
    assert {n: _stances(data).get(n, "none") for n in stances} == stances, data["documents"]


def test_not_rushed_into_a_decision_is_undecided(tmp_path: Path) -> None:
    data = _board(tmp_path, CAP_LEAD + "Liz Carter said the government would not be “rushed” into a decision on the "
                  "two-child cap.", CAP)
    assert _quote_stances(data, lambda q: q["speaker"] == "Liz Carter") == ["neutral"], data["documents"]


SCHOOL = "closing Hawthorn Elementary School"
SCHOOL_LEAD = "The school board is weighing a proposal to close Hawthorn Elementary School in June.\n\n"


@pytest.mark.parametrize("sentence,who,stance", [
    # undecided, with nothing it is about, in an article on the issue: undecided on it
    ("Board President Robert Diaz said he had not made up his mind.", "Robert Diaz", "neutral"),
    ("“I want to hear from every family before I decide,” said board member Robert Diaz.", "Robert Diaz",
     "neutral"),
    ("Board member Robert Diaz said he had not made up his mind about running for mayor.", "Robert Diaz", "none"),
    ("Aides to Governor Brad Little said he had not taken a position.", "Brad Little", "neutral"),
    # a delay asked for until more is known is not yet a side; one asked for alone is against it
    ("Councilwoman Ana Flores urged the board to delay the vote on closing the school until an independent study "
     "of enrollment is completed.", "Ana Flores", "neutral"),
    ("Councilwoman Ana Flores urged the board to delay closing the school.", "Ana Flores", "oppose"),
])
def test_undecided_and_pending(tmp_path: Path, sentence: str, who: str, stance: str) -> None:
    data = _board(tmp_path, SCHOOL_LEAD + sentence, SCHOOL)
    assert _stances(data).get(who, "none") == stance, data["documents"]


MOTION_LEAD = ("MPs have rejected a Conservative motion to reverse the government's cut to winter fuel payments for "
             "pensioners.\n\n")


@pytest.mark.parametrize("sentence,stances", [
    # a proposal named by its bare noun, told before as one against the issue, is against it
    ("The Liberal Democrats also backed the motion.", {"Liberal Democrats": "oppose"}),
    ("Labour MP Jon Trickett voted for the motion.", {"Jon Trickett": "oppose"}),
    ("Labour MP Jon Trickett voted against the motion.", {"Jon Trickett": "support"}),
    # abstainers a story lists after "among them" abstained
    ("Around 50 Labour MPs abstained, among them Rachael Maskell and Ian Byrne.",
     {"Rachael Maskell": "neutral", "Ian Byrne": "neutral"}),
])
def test_a_motion_told_before(tmp_path: Path, sentence: str, stances: dict[str, str]) -> None:
    data = _board(tmp_path, MOTION_LEAD + sentence, FUEL)
    assert {n: _stances(data).get(n) for n in stances} == stances, data["documents"]


def test_a_motion_told_before_for_the_issue_keeps_its_side(tmp_path: Path) -> None:
    lead = "MPs have backed a government motion to cut winter fuel payments for pensioners.\n\n"
    data = _board(tmp_path, lead + "The Liberal Democrats opposed the motion.", FUEL)
    assert _stances(data).get("Liberal Democrats") == "oppose", data["documents"]


@pytest.mark.parametrize("sentence,name", [
    # a body named "X of Y" that the tagger missed, with the words of its place before it
    ("The West Yorkshire Chamber of Commerce backed the new incinerator at Dunmore.",
     "West Yorkshire Chamber of Commerce"),
    ("The Dunmore Chamber of Trade backed the new incinerator at Dunmore.", "Dunmore Chamber of Trade"),
])
def test_a_body_of_something(tmp_path: Path, sentence: str, name: str) -> None:
    data = _board(tmp_path, INCINERATOR_LEAD + sentence, INCINERATOR)
    assert _stances(data).get(name) == "support", data["people"]


@pytest.mark.parametrize("sentence,issue,stances", [
    # a suit filed is against something, told by what it is for: no side of its own
    ("The Hosts Alliance has filed a lawsuit to block the ban on short-term rentals.",
     "banning short-term rentals in residential neighborhoods", {"Hosts Alliance": "oppose"}),
    ("The Hosts Alliance has filed a lawsuit against the ban on short-term rentals.",
     "banning short-term rentals in residential neighborhoods", {"Hosts Alliance": "oppose"}),
    # ... where the issue is the suit, filing it is doing it
    ("Oakland filed a lawsuit against Southwest Airlines over sick leave.",
     "Oakland's lawsuit against Southwest Airlines over sick leave", {"Oakland": "support"}),
    # (an issue typed as a noun phrase that the parser reads as a sentence: "… over sick leave")
    ("Oakland sued Southwest Airlines over sick leave in 2023.",
     "Oakland's lawsuit against Southwest Airlines over sick leave", {"Oakland": "support"}),
])
def test_a_suit_filed(tmp_path: Path, sentence: str, issue: str, stances: dict[str, str]) -> None:
    data = _board(tmp_path, sentence, issue)
    _assert_sides(data, stances)
    assert all(_sides(data, who) == {side} for who, side in stances.items()), data["documents"]


PHONES = "a legal ban on smartphones in schools"
PHONES_LEAD = ("Shadow education secretary Laura Trott said a legal ban on smartphones in schools was long overdue.\n\n"
               "Education Secretary Bridget Phillipson has rejected a legal ban on smartphones in schools.\n\n")


@pytest.mark.parametrize("sentence,who,stance", [
    # voting with others is taking their side
    ("Labour MP Josh Mallory said he would vote with Laura Trott.", "Josh Mallory", "support"),
    ("Labour MP Josh Mallory said he would vote with Bridget Phillipson.", "Josh Mallory", "oppose"),
    # ... unless how is said
    ("Labour MP Josh Mallory said he would vote with Laura Trott against the ban.", "Josh Mallory", "oppose"),
])
def test_voting_with_others(tmp_path: Path, sentence: str, who: str, stance: str) -> None:
    data = _board(tmp_path, PHONES_LEAD + sentence, PHONES)
    assert _stances(data).get(who) == stance, data["documents"]


@pytest.mark.parametrize("sentence,who,stance", [
    # a call for "it" to undergo something, owned ("his call for it to be axed"): what it is to undergo turns it
    ("Tory leader Andrew Rees said the limit was unpopular and repeated his call for it to be axed.", "Andrew Rees",
     "oppose"),
    ("Councillor Ann Price renewed her call for it to be extended to every street.", "Ann Price", "support"),
])
def test_a_call_for_it_to_be_done(tmp_path: Path, sentence: str, who: str, stance: str) -> None:
    lead = "Wales brought in a default 20mph speed limit on residential roads last year.\n\n"
    data = _board(tmp_path, lead + sentence, "the default 20mph speed limit in Wales")
    assert _sides(data, who) == {stance}, data["documents"]


PHONE_BAN = "banning drivers from holding a phone while driving"
PHONE_BAN_LEAD = ("Governor Ann Hale on Friday vetoed a bill that would have banned drivers from holding a phone "
                  "while driving.\n\n")


@pytest.mark.parametrize("sentence,who,sides", [
    # a good worn down by it is against it
    ("State Senator Tom Gray argued the ban would infringe on personal liberty.", "Tom Gray", {"oppose"}),
    ("State Senator Tom Gray said the ban would erode trust in the police.", "Tom Gray", {"oppose"}),
    # a veto pointed at is what is judged, not a veto of the speaker's own
    ("The Trucking Association backed the bill. So did AAA, whose spokesperson, Jake Pell, called the veto “a missed "
     "opportunity to save lives.”", "Jake Pell", set()),
    ("Governor Ann Hale said she would veto any such ban.", "Ann Hale", {"oppose"}),
])
def test_worn_down_and_pointed_at(tmp_path: Path, sentence: str, who: str, sides: set[str]) -> None:
    data = _board(tmp_path, PHONE_BAN_LEAD + sentence, PHONE_BAN)
    assert _sides(data, who) == sides, data["documents"]


@pytest.mark.parametrize("text,stance", [
    # a veto pointed at is what is judged; one of the speaker's own is against
    ("called the veto a missed opportunity to save lives", None),
    ("said this veto was a missed opportunity", None),
    ("said she would veto the ban", "oppose"),
    ("threatened a veto", "oppose"),
])
def test_a_veto_pointed_at(text: str, stance: str | None) -> None:
    from onrecord.stance.rules import RuleStance

    pol = RuleStance().polarity(text)
    assert (pol[0] if pol else None) == stance, pol


@pytest.mark.parametrize("sentence,who", [
    # not stopping it lets it pass: no side, whatever is thought of it
    ("A spokeswoman for Governor Beth Lind said the governor had concerns but would not try to block the ban.",
     "Beth Lind"),
    ("Governor Beth Lind said she would not veto the ban.", "Beth Lind"),
])
def test_letting_it_pass(tmp_path: Path, sentence: str, who: str) -> None:
    data = _board(tmp_path, PHONE_BAN_LEAD.replace("vetoed", "is weighing") + sentence, PHONE_BAN)
    assert _sides(data, who) == set() and _stances(data).get(who) == "neutral", data["documents"]


def test_a_restriction_lifted_by_the_government(tmp_path: Path) -> None:
    # lifting is a position of the one who lifts; lifting something else is no side on the issue
    text = "Wind news\n\nThe Alder Council has lifted the ban on onshore wind farms. The Alder Council also lifted " \
           "the parking charge in July."
    data = _board(tmp_path, text, "lifting the ban on onshore wind farms")
    assert _quote_stances(data, lambda q: q["speaker"] == "Alder Council") == ["support", "none"], data["documents"]


CAMERAS = "security cameras in classrooms"
CAMERAS_LEAD = "The Alder school board is weighing a plan to install security cameras in every classroom.\n\n"


@pytest.mark.parametrize("sentence,who,stance", [
    # a decision put off is no side yet; putting off the thing itself is against it
    ("The Ferndale council voted to postpone the camera plan indefinitely.", "Ferndale council", "oppose"),
    ("The Ferndale council voted to shelve the camera plan.", "Ferndale council", "oppose"),
    # a proposal pointed back at with its cost between ("the $2.1 million plan")
    ("Superintendent Alan Pratt proposed the $2.1 million plan in September.", "Alan Pratt", "support"),
    # what it does: a harm it deters; told to someone, the words said are the clause, not the verb's object
    ("Superintendent Alan Pratt said the cameras would deter violence.", "Alan Pratt", "support"),
    ("Superintendent Alan Pratt told the board the cameras would deter violence.", "Alan Pratt", "support"),
    ("Superintendent Alan Pratt assured parents the cameras would deter bullying.", "Alan Pratt", "support"),
    # "too" much of something is against it; too little asks for more, and "too … to" asks for it
    ("Teacher Carla Ngo said the plan was too expensive for a small district.", "Carla Ngo", "oppose"),
    ("Teacher Carla Ngo said the plan goes too far.", "Carla Ngo", "oppose"),
    ("Teacher Carla Ngo said the plan was too small to make a difference.", "Carla Ngo", None),
    ("Teacher Carla Ngo said the plan was too important to abandon.", "Carla Ngo", None),
    ("Teacher Carla Ngo said the plan was not too expensive.", "Carla Ngo", None),
    ("“For too long the plan has been discussed by the board,” said teacher Carla Ngo.", "Carla Ngo", None),
])
def test_put_off_pointed_back_at_deterring_and_too_much(tmp_path: Path, sentence: str, who: str,
                                                        stance: str | None) -> None:
    data = _board(tmp_path, CAMERAS_LEAD + sentence, CAMERAS)
    assert _sides(data, who) == ({stance} if stance else set()), data["documents"]


RENT_CAP = "capping annual rent increases at 5% in Alderton"
RENT_LEAD = "A measure to cap annual rent increases at 5% in Alderton will go before voters in November.\n\n"


@pytest.mark.parametrize("sentence,who,stance", [
    # leaving it to others, or saying no position is taken on it, is neutral
    ("Mayor Tom Kozak did not take a position on the measure, saying voters should decide.", "Tom Kozak", "neutral"),
    ("“It is up to the voters to decide,” Mayor Tom Kozak said.", "Tom Kozak", "neutral"),
    ("Pastor Lee Grant said he would not take sides on the measure.", "Lee Grant", "neutral"),
    # ... but deciding one way is a side again
    ("Councilman Jim Ford said voters should decide to reject the measure.", "Jim Ford", "oppose"),
])
def test_left_to_others(tmp_path: Path, sentence: str, who: str, stance: str) -> None:
    data = _board(tmp_path, RENT_LEAD + sentence, RENT_CAP)
    assert _stances(data).get(who) == stance, data["documents"]


def test_what_is_taken_away_is_not_whom_from(tmp_path: Path) -> None:
    # a verb that takes away is judged by what it takes, not by whom it is taken from ("desperate people")
    text = "The Treasury will cut overseas aid to pay for defence.\n\nCampaigner Ruth Oyelaran said the cuts will " \
           "remove food and medicine from desperate people."
    data = _board(tmp_path, text, "cutting overseas aid")
    assert "support" not in _sides(data, "Ruth Oyelaran"), data["documents"]


@pytest.mark.parametrize("cue,rest,stance", [
    # a decision put off is no side yet; putting off the thing itself is against it
    ("postponed", " a vote on installing security cameras in every classroom", "none"),
    ("delayed", " its final decision on the cameras", "none"),
    ("deferred", " the vote on the plan", "none"),
    ("postponed", " the camera plan", "oppose"),
    ("voted", " to postpone the camera plan", "oppose"),
])
def test_a_decision_put_off(cue: str, rest: str, stance: str) -> None:
    from onrecord.stance import proposition
    from onrecord.stance.reader import PositionReader

    read = PositionReader._reported(cue, cue + rest, proposition.parse(CAMERAS))
    assert read is not None and read[0] == stance, read


@pytest.mark.parametrize("sentence,who,stance", [
    # the named thing supposed: what would follow judges it, turned where it is supposed taken away or absent
    ("Parent Tom Wu said: “If they scrap the cameras, more children will get hurt.”", "Tom Wu", "support"),
    ("Student Ava Li said: “Unless the cameras go in, kids will keep getting hurt.”", "Ava Li", "support"),
    ("Parent Lia Fox said: “If there were no cameras, bullies would get away with it.”", "Lia Fox", "support"),
    ("Teacher Sam Cole said: “If the cameras go in, the trust we have built will be destroyed.”", "Sam Cole",
     "oppose"),
    # ... and a supposition followed by nothing good or bad is no condition on a side
    ("Parent Jo Ruiz said: “If there had been a camera in that room, we would know what happened to my son.”",
     "Jo Ruiz", None),
    ("Parent Jo Hart said: “If the cameras do not go in, bullies will win.”", "Jo Hart", None),
    # a condition put on a side is still one
    ("Principal Rosa Kim said she would back the cameras if the board writes a privacy policy.", "Rosa Kim", None),
])
def test_the_issue_supposed(tmp_path: Path, sentence: str, who: str, stance: str | None) -> None:
    data = _board(tmp_path, CAMERAS_LEAD + sentence, CAMERAS)
    assert _sides(data, who) == ({stance} if stance else set()), data["documents"]


def test_a_supposition_is_not_a_condition_on_a_side(tmp_path: Path) -> None:
    # "if there had been a camera …" supposes the thing, and says nothing either way: no side, and not neutral
    data = _board(tmp_path, CAMERAS_LEAD + "Parent Jo Ruiz said: “If there had been a camera in that room, we would "
                  "know what happened to my son.”", CAMERAS)
    assert _quote_stances(data, lambda q: q["speaker"] == "Jo Ruiz") == ["none"], data["documents"]


POLICE_CUT = "cutting $4 million from Alderton's police budget"
POLICE_LEAD = "The Alderton City Council voted 6-3 on Wednesday to cut $4 million from the police budget.\n\n"


@pytest.mark.parametrize("sentence,who,stance", [
    # a call on others to do what takes no side on it is no side: the judgement beside it decides
    ("The Alderton Police Officers Association called the vote “reckless” and said it would urge voters to remember "
     "it in November.", "Alderton Police Officers Association", "oppose"),
    ("Pastor Ann Lowe said she would urge her congregation to back the cut.", "Ann Lowe", "support"),
    ("The Alderton Taxpayers League said it would urge the mayor to veto the cut.", "Alderton Taxpayers League",
     "oppose"),
])
def test_a_call_on_others_takes_the_side_of_what_it_asks(tmp_path: Path, sentence: str, who: str,
                                                         stance: str) -> None:
    data = _board(tmp_path, POLICE_LEAD + sentence, POLICE_CUT)
    assert _sides(data, who) == {stance}, data["documents"]


@pytest.mark.parametrize("text,stance", [
    # more to be seen first is no side yet
    ("I want to see the security plan first", "neutral"),
    ("we need to see the final figures before we commit", "neutral"),
    ("she would not back it", "oppose"),
    # neutral, said; an abstention to come
    ("the college said it was neutral on the principle", "neutral"),
    ("the union has remained neutral", "neutral"),
    ("I have listened to the debate and I will now abstain", "neutral"),
])
def test_more_to_be_seen_first(text: str, stance: str) -> None:
    from onrecord.stance.rules import RuleStance

    pol = RuleStance().polarity(text)
    assert (pol[0] if pol else None) == stance, pol


@pytest.mark.parametrize("sentence,who,stance", [
    # a condition that is only its coming to a vote leaves the side standing; a condition of substance does not
    ("Supervisor Janet Cole said she would oppose the shelter if it comes before the board on appeal.", "Janet Cole",
     "oppose"),
    ("Supervisor Ana Ruiz said she would vote for the shelter if it reaches the floor.", "Ana Ruiz", "support"),
    ("Supervisor Tim Ames said he would back the shelter if the county pays for security.", "Tim Ames", "neutral"),
])
def test_a_condition_that_is_only_a_vote(tmp_path: Path, sentence: str, who: str, stance: str) -> None:
    text = "A proposal to build a homeless shelter on Harmon Street drew 200 people to a hearing.\n\n" + sentence
    data = _board(tmp_path, text, "a homeless shelter on Harmon Street")
    assert _stances(data).get(who) == stance, data["documents"]


@pytest.mark.parametrize("sentence,who,stance", [
    # signatures gathered are a petition's, whose side is what it asks
    ("The Harmon Park Neighborhood Association collected 1,400 signatures on a petition asking the county to drop "
     "the shelter.", "Harmon Park Neighborhood Association", "oppose"),
    ("The Eastfield Nurses Union gathered 900 signatures in support of the shelter.", "Eastfield Nurses Union",
     "support"),
    # ... and signatures counted are no side
    ("The Eastfield Tenants Union had not gathered enough signatures to force a vote on the shelter.",
     "Eastfield Tenants Union", None),
])
def test_signatures_gathered(tmp_path: Path, sentence: str, who: str, stance: str) -> None:
    text = "A proposal to build a homeless shelter on Harmon Street drew 200 people to a hearing.\n\n" + sentence
    data = _board(tmp_path, text, "a homeless shelter on Harmon Street")
    assert _stances(data).get(who) == stance, data["documents"]


NICS_LEAD = "The chancellor, Rachel Reeves, is facing pressure over her rise in employers' national insurance " \
            "contributions.\n\n"


@pytest.mark.parametrize("sentence,who,stance", [
    # someone who got it wrong, or right, judges it
    ("“The government has got this badly wrong,” said Sir Ed Davey.", "Ed Davey", "oppose"),
    ("“The chancellor got it exactly right,” said Jonathan Reynolds.", "Jonathan Reynolds", "support"),
    # the right choice, and a blow dealt to someone
    ("Rachel Reeves insisted that the increase was “the right choice” for the public finances.", "Rachel Reeves",
     "support"),
    ("Rosie Duffield said the measure was “a hammer blow for hospices”.", "Rosie Duffield", "oppose"),
])
def test_got_it_wrong_the_right_choice_and_a_blow(tmp_path: Path, sentence: str, who: str, stance: str) -> None:
    data = _board(tmp_path, NICS_LEAD + sentence, NICS)
    assert _sides(data, who) == {stance}, data["documents"]


SODA = "a soda tax in Alderton"
SODA_LEAD = "The Alderton council is weighing a soda tax.\n\n"


@pytest.mark.parametrize("sentence,who,stance", [
    # what it does to a quantity that more of is better or worse judges it, whatever the words' tone
    ("Dr. Maria Lopez said the tax will cut obesity rates among children.", "Maria Lopez", "support"),
    ("Councilman Tom Reed said the tax would cost jobs at the bottling plant.", "Tom Reed", "oppose"),
    ("Pete Ross said the soda tax would push up prices for families.", "Pete Ross", "oppose"),
    ("Ann Lee said the tax would lead to higher prices and fewer jobs.", "Ann Lee", "oppose"),
    ("Kim Hall said the tax would bring down health costs.", "Kim Hall", "support"),
    ("Dan Moss said the tax would create jobs in the health sector.", "Dan Moss", "support"),
    ("Eve Park said the tax would cut the deficit.", "Eve Park", "support"),
    # a sum it costs says nothing; nor does a quantity of no known worth
    ("Bob King said the tax would cost $2 million to collect.", "Bob King", None),
    ("Liz Hart said the tax would change shopping habits.", "Liz Hart", None),
])
def test_what_it_does_to_a_quantity(tmp_path: Path, sentence: str, who: str, stance: str | None) -> None:
    data = _board(tmp_path, SODA_LEAD + sentence, SODA)
    assert _sides(data, who) == ({stance} if stance else set()), data["documents"]


def test_what_is_added_to_is_what_grows(tmp_path: Path) -> None:
    text = "The White House announced a tariff on Canadian lumber.\n\nSam Cole, a builder, said the tariff would " \
           "add $10,000 to the cost of a new home."
    data = _board(tmp_path, text, "a tariff on Canadian lumber")
    assert _sides(data, "Sam Cole") == {"oppose"}, data["documents"]


@pytest.mark.parametrize("phrase,want", [
    ("higher prices", -1), ("fewer jobs", -1), ("lower bills", 1), ("more homes", 1), ("health costs", -1),
    ("obesity rates", -1), ("the cost of a new home", -1), ("higher prices and more jobs", 0), ("new habits", 0),
])
def test_wanted_quantities(phrase: str, want: int) -> None:
    from onrecord import nlp
    from onrecord.stance.path import wanted

    assert wanted(list(nlp.load()(phrase))) == want


@pytest.mark.parametrize("sentence,who,sides", [
    # the act done without something is what is judged, not the act itself
    ("“Providing bus tickets without verifying housing at the other end does not alleviate homelessness,” said "
     "Supervisor Ann Bohn.", "Ann Bohn", set()),
    ("“Providing bus tickets does not alleviate homelessness,” said Supervisor Ann Bohn.", "Ann Bohn", {"oppose"}),
])
def test_the_act_done_without_something(tmp_path: Path, sentence: str, who: str, sides: set[str]) -> None:
    text = "The county is weighing a plan to give homeless people bus tickets out of town.\n\n" + sentence
    data = _board(tmp_path, text, "giving homeless people bus tickets out of town")
    assert _sides(data, who) == sides, data["documents"]


def test_an_issue_named_by_participles(tmp_path: Path) -> None:
    # "assisted dying" is the issue's object, whatever the parser tags its words: "the assisted dying bill" names it
    text = "MPs backed the assisted dying bill on Friday.\n\nThe former minister Oliver Dowden voted against the bill."
    data = _board(tmp_path, text, "legalising assisted dying for terminally ill adults")
    assert _stances(data).get("Oliver Dowden") == "oppose", data["documents"]


GAS_BAN = "banning natural gas hookups in new buildings in Fairview"
GAS_LEAD = "A proposal to ban natural gas hookups in new buildings in Fairview cleared its first hurdle on Tuesday.\n\n"


@pytest.mark.parametrize("sentence,who", [
    # a question about a side, asked or left unanswered, says none
    ("Mayor Sandra Kim said she looked forward to the debate. Her office did not respond to a question about "
     "whether she supports the ban.", "Sandra Kim"),
    ("Councilmember Greg Holt asked whether the council would back the ban.", "Greg Holt"),
])
def test_a_question_about_a_side_is_none(tmp_path: Path, sentence: str, who: str) -> None:
    data = _board(tmp_path, GAS_LEAD + sentence, GAS_BAN)
    assert _sides(data, who) == set(), data["documents"]


@pytest.mark.parametrize("text,stance", [
    ("asked if he would back it", None),
    ("it is unclear whether the council will approve the ban", None),
    ("did not respond to questions about whether she supports the ban", None),
    ("she supports the ban", "support"),
])
def test_questioned_sides_in_rules(text: str, stance: str | None) -> None:
    from onrecord.stance.rules import RuleStance

    pol = RuleStance().polarity(text)
    assert (pol[0] if pol else None) == stance, pol


def test_a_question_left_unanswered_leaves_the_side_open(tmp_path: Path) -> None:
    # (the default extractor reads "whether she supports the ban" as her words: the question is what they are)
    from onrecord.eval.realnews import run_article

    path = tmp_path / "a.txt"
    path.write_text(GAS_LEAD + "Mayor Sandra Kim said she looked forward to the full council's debate. Her office "
                    "did not respond to a question about whether she supports the ban.", "utf-8")
    data = run_article(path, [GAS_BAN])[GAS_BAN]
    assert _sides(data, "Sandra Kim") == set(), data["documents"]


FOUR_DAY = "a four-day working week for council staff"
FOUR_DAY_LEAD = "South Lea District Council has been running a four-day working week for its staff since January.\n\n"


@pytest.mark.parametrize("sentence,who,stance", [
    # a trial or a pilot of it, pointed back at, is the issue
    ("The minister, Lee Rowe, wrote to the council asking it to end the trial.", "Lee Rowe", "oppose"),
    ("The council leader, Bridget Smyth, said the trial had been a success.", "Bridget Smyth", "support"),
    # a slap in the face, a kick in the teeth: a harm dealt
    ("The Taxpayers Union said the trial was “a slap in the face for taxpayers”.", "Taxpayers Union", "oppose"),
])
def test_a_trial_pointed_back_at_and_a_slap_in_the_face(tmp_path: Path, sentence: str, who: str,
                                                       stance: str) -> None:
    data = _board(tmp_path, FOUR_DAY_LEAD + sentence, FOUR_DAY)
    assert _sides(data, who) == {stance}, data["documents"]


@pytest.mark.parametrize("sentence,who,stance", [
    # support held by whom it is "of": the backing of X is X's, for what has it
    ("The trial has the backing of the Unison union.", "Unison union", "support"),
    ("The trial, introduced with the support of Mayor Ann Cole, ends in March.", "Ann Cole", "support"),
    # ... where criticism of someone is at them, not theirs
    ("The trial drew criticism from the Taxpayers Union.", "Taxpayers Union", "oppose"),
])
def test_support_held_by_whom_it_is_of(tmp_path: Path, sentence: str, who: str, stance: str) -> None:
    data = _board(tmp_path, FOUR_DAY_LEAD + sentence, FOUR_DAY)
    assert _stances(data).get(who) == stance, data["documents"]


@pytest.mark.parametrize("text,harmless", [
    # a harm said to be none is no harm in the tone of a sentence
    ("his team found no significant job losses", "his team found"),
    ("there was no rise in crime", "there was"),
    ("it is no good", "it is no good"),
    ("no one is happy", "no one is happy"),
])
def test_a_harm_said_to_be_none(text: str, harmless: str) -> None:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # type: ignore[import-untyped]

    from onrecord.stance.reader import harms_taken_away

    assert harms_taken_away(text, SentimentIntensityAnalyzer().lexicon).split() == harmless.split()


def test_a_finding_of_no_harm_is_not_against_it(tmp_path: Path) -> None:
    text = "California raised the minimum wage for fast-food workers to $20 an hour last year.\n\nEconomist Michael " \
           "Rees, whose research the law's backers cited, said his team found no significant job losses."
    data = _board(tmp_path, text, "a $20 minimum wage for California fast-food workers")
    assert "oppose" not in _sides(data, "Michael Rees"), data["documents"]


TOLL = "Manhattan's congestion toll"
TOLL_LEAD = "A federal judge on Tuesday refused to block Manhattan's congestion toll.\n\n"


@pytest.mark.parametrize("sentence,who,stance", [
    # standing firm is no refusal of it; what stays is kept
    ("Governor Kathy Hale said the state would not back down on the toll.", "Kathy Hale", "support"),
    ("Governor Kathy Hale said the state would back down on the toll.", "Kathy Hale", "oppose"),
    ("“The toll stays,” Governor Kathy Hale said.", "Kathy Hale", "support"),
    ("“The toll is working,” said Janno Lee, the authority's chairman.", "Janno Lee", "support"),
    # approval rescinded is against it
    ("Secretary Sean Dunn rescinded federal approval for the toll in February.", "Sean Dunn", "oppose"),
    # a ruling that refused to block it went for it: glad of it is for it
    ("Riders Union director Danny Pearl called the ruling “a victory for the millions who ride transit”.",
     "Danny Pearl", "support"),
    ("Janno Lee, the authority's chairman, welcomed the ruling.", "Janno Lee", "support"),
])
def test_standing_firm_kept_rescinded_and_a_ruling_refused(tmp_path: Path, sentence: str, who: str,
                                                           stance: str | None) -> None:
    data = _board(tmp_path, TOLL_LEAD + sentence, TOLL)
    assert _sides(data, who) == ({stance} if stance else set()), data["documents"]


def test_an_act_undone_since_is_held_then(tmp_path: Path) -> None:
    # "paused the toll last year before reviving it": held then, not now; what she says now decides
    text = TOLL_LEAD + "Governor Kathy Hale, who paused the toll last year before reviving it at a lower price, " \
                       "spoke on Tuesday. “The toll stays,” she said."
    data = _board(tmp_path, text, TOLL)
    assert _stances(data).get("Kathy Hale") == "support", data["documents"]


@pytest.mark.parametrize("text,stance", [
    ("the state would not back down", None),
    ("we will not back the plan", "oppose"),
])
def test_backing_down_is_no_backing(text: str, stance: str | None) -> None:
    from onrecord.stance.rules import RuleStance

    pol = RuleStance().polarity(text)
    assert (pol[0] if pol else None) == stance, pol


@pytest.mark.parametrize("lead,side", [
    # the act refused, turned: a judge who refused to block it let it go ahead
    ("A federal judge on Tuesday refused to block Manhattan's congestion toll.", 1),
    ("A federal judge on Tuesday blocked Manhattan's congestion toll.", -1),
    ("The state board declined to approve Manhattan's congestion toll.", -1),
])
def test_which_way_the_lead_says_it_went(lead: str, side: int) -> None:
    from onrecord.stance import proposition
    from onrecord.stance.reader import PositionReader

    assert PositionReader._outcome(lead, proposition.parse(TOLL))[0] == side


def test_whom_a_win_is_for_is_not_what_is_judged(tmp_path: Path) -> None:
    # "a win for every renter", where the issue bans rentals: renters gain, the rentals are not judged
    text = "The city council voted to ban short-term rentals in residential neighborhoods.\n\n“This is a win for " \
           "every renter in this city,” said tenant organizer Luis Romo."
    data = _board(tmp_path, text, "banning short-term rentals in residential neighborhoods")
    assert _sides(data, "Luis Romo") == {"support"}, data["documents"]


SKATE = "a new skate park at Miller Field"
SKATE_LEAD = "A plan for a new skate park at Miller Field drew a crowd to Tuesday's planning meeting.\n\n"


@pytest.mark.parametrize("text,who,stance", [
    # a thing to be put somewhere, pointed back at by its site, its permit, its building
    ("The Miller Field Neighbors collected 900 signatures on a petition asking the city to drop the site.",
     "Miller Field Neighbors", "oppose"),
    ("Councilwoman Ada Price said she would oppose the permit when it reaches the council.", "Ada Price", "oppose"),
    ("“Kids have nowhere to go after school. This facility would be a real blessing for them,” said youth pastor "
     "Owen Reyes.", "Owen Reyes", "support"),
    # what someone would do once it comes about takes a side on it
    ("Neighbor Ron Baxter said his group had hired a lawyer and was prepared to sue if the board approves the "
     "permit.", "Ron Baxter", "oppose"),
    # a condition that only says it comes back to a vote is no condition on the side
    ("Resident Dora Hale said she would fight the permit if it comes back next year.", "Dora Hale", "oppose"),
    # a question asked about it is not yet a side
    ("Commissioner Lydia Marsh questioned whether the site had enough parking and asked staff for a traffic study.",
     "Lydia Marsh", "neutral"),
])
def test_a_thing_to_be_put_somewhere_is_named_by_its_site(tmp_path: Path, text: str, who: str, stance: str) -> None:
    got = _stances(_board(tmp_path, SKATE_LEAD + text, SKATE))
    assert got.get(who, "none") == stance, got


def test_a_question_why_is_a_challenge_not_a_question(tmp_path: Path) -> None:
    # "questioned why …" challenges the act; "questioned whether …" asks about it
    text = SKATE_LEAD + "Councilman Hal Ortiz questioned why the city was building a skate park at Miller Field " \
                        "while the pool stays closed."
    assert _stances(_board(tmp_path, text, SKATE)).get("Hal Ortiz") == "oppose"


BAN = "banning phones in Maple Grove schools"
BAN_LEAD = "The Maple Grove school board will vote next week on banning phones in Maple Grove schools.\n\n"


@pytest.mark.parametrize("text,who,stance", [
    # a letter's words may follow who signed it
    ("The Maple Grove Teachers Union sent the board a letter signed by 200 teachers urging approval.",
     "Maple Grove Teachers Union", "support"),
    ("Council member Ann Bell pushed for swift passage.", "Ann Bell", "support"),
    # approval of something else is not the issue's
    ("Resident Tom Gray said approval of the parking permits was late.", "Tom Gray", "none"),
    # an officer's plan is their body's
    ("The Maple Grove Chamber of Commerce sent members a letter backing the superintendent's plan.",
     "Maple Grove Chamber of Commerce", "support"),
    # a judgement of "it" after a phrase that sets its ground
    ("“Given what teachers have told us, it is the right thing to do,” said superintendent Rosa Diaz.",
     "Rosa Diaz", "support"),
    ("“It's the responsible call,” said board member Leon Pratt.", "Leon Pratt", "support"),
])
def test_what_a_letter_or_a_plan_says_and_the_decision_named_bare(tmp_path: Path, text: str, who: str,
                                                                  stance: str) -> None:
    got = _stances(_board(tmp_path, BAN_LEAD + text, BAN))
    assert got.get(who, "none") == stance, got


def test_members_who_defied_the_whip_take_the_side_against_its_line(tmp_path: Path) -> None:
    # the government's minister sets the Blue line; the two who defied the whip say nothing that takes a side
    text = ("Blue MPs were told to vote against a motion to scrap the sewage cap on Tuesday.\n\n"
            "Environment Secretary Jo Marsh said the sewage cap would stay in place.\n\n"
            "Sam Ode and Ria Holt were among the Blue members who defied the whip. Both were suspended.\n\n"
            "Ms Holt said she accepted the consequences of her vote.")
    data = _board(tmp_path, text, "keeping the sewage cap", REGISTER, published="2025-02-01")
    got = _stances(data)
    assert got.get("Jo Marsh") == "support", got
    assert got.get("Sam Ode") == "oppose" and got.get("Ria Holt") == "oppose", got
    assert {"Sam Ode", "Ria Holt"} <= _breaks(data)
    # ... and with no line of the leadership's in the article, a defiance tells no side
    quiet = _board(tmp_path, text.replace("Environment Secretary Jo Marsh said the sewage cap would stay in place.",
                                          "The debate lasted four hours."), "keeping the sewage cap", REGISTER,
                   published="2025-02-01")
    assert _stances(quiet).get("Sam Ode", "none") == "none", _stances(quiet)


CAP = "keeping the two-child benefit cap"
CAP_LEAD = "Ministers have said they will keep the two-child benefit cap for now.\n\n"


@pytest.mark.parametrize("text,who,stance", [
    # lifting what the issue would keep turns a call
    ("Dan Moore has written to the chancellor urging her to begin lifting the cap.", "Dan Moore", "oppose"),
    # one act told by two verbs is one turn, not two; the call's words may be quoted
    ("Gail Thorne has written to the prime minister urging him to pause and rethink.", "Gail Thorne", "oppose"),
    ("Gail Thorne has written to the prime minister urging him to \"pause and rethink\".", "Gail Thorne",
     "oppose"),
    # a call for something else to be done is not aimed at the issue named before it
    ("Nia Reed said the cap was vital and called for childcare grants to be restored.", "Nia Reed", "support"),
    # a vote owned says nothing of which way it went
    ("Ms Lena Price said she accepted the consequences of her vote.", "Lena Price", "none"),
])
def test_calls_to_lift_or_rethink_and_votes_owned(tmp_path: Path, text: str, who: str, stance: str) -> None:
    got = _stances(_board(tmp_path, CAP_LEAD + text, CAP))
    assert got.get(who, "none") == stance, got


def test_a_call_for_something_else_after_the_issue_is_not_its_side(tmp_path: Path) -> None:
    text = "The government will raise the cap on university fees.\n\nAmy Fox said the rise would leave graduates " \
           "\"saddled with even more debt\" and called for maintenance grants to be restored."
    data = _board(tmp_path, text, "raising the cap on university fees")
    assert _sides(data, "Amy Fox") != {"support"}, data["documents"]


@pytest.mark.parametrize("text,stance", [
    # a veto denied to someone else is no refusal of the speaker's
    ("the city shouldn't get a veto over what goes in your back yard", None),
    ("the council should not get a veto", None),
    ("the mayor will veto it", "oppose"),
])
def test_a_veto_denied_is_no_refusal(text: str, stance: str | None) -> None:
    from onrecord.stance.rules import RuleStance

    pol = RuleStance().polarity(text)
    assert (pol[0] if pol and pol[0] != "support" else None) == stance, pol


@pytest.mark.parametrize("text,who,stance", [
    ("“That was my one worry, and they fixed it,” said Councilman Al Fenn. “I'm a yes now.”", "Al Fenn", "support"),
    ("“I'm a firm no,” said Councilwoman Rita Cole.", "Rita Cole", "oppose"),
    # a vote declared on something else
    ("“I'm a yes on the parking fee, not on this,” said Councilman Tom Ray.", "Tom Ray", "none"),
])
def test_a_vote_declared_in_an_article_on_the_issue(tmp_path: Path, text: str, who: str, stance: str) -> None:
    lead = "The Port Alden council is weighing $68 million in public money for a new ballpark for the Gulls.\n\n"
    got = _stances(_board(tmp_path, lead + text, "Port Alden subsidizing a new ballpark for the Gulls"))
    assert got.get(who, "none") == stance, got


PIP = "cutting personal independence payments"
PIP_LEAD = ("More than 100 Blue MPs have signed an amendment that would halt the government's plans to cut "
            "personal independence payments.\n\n")


@pytest.mark.parametrize("text,who,stance", [
    # the call's own words quoted are on what the article reports, whatever else the paragraph names
    ("Some Blue MPs who have not signed the amendment are also uneasy. Gail Thorne has written to the prime "
     "minister urging him to \"pause and rethink\".", "Gail Thorne", "oppose"),
    # a condition that only brings it to a vote in the Commons
    ("Kit Marlow said he would vote against the cut if it came before the Commons.", "Kit Marlow", "oppose"),
])
def test_quoted_calls_promises_held_up_and_the_commons(tmp_path: Path, text: str, who: str, stance: str) -> None:
    got = _stances(_board(tmp_path, PIP_LEAD + text, PIP))
    assert got.get(who, "none") in ({stance} if stance != "none" else {"none", "neutral"}), got


def test_what_a_promise_held_up_is_about_is_not_the_speaker_s_judgement(tmp_path: Path) -> None:
    text = "The government backed a third runway at Heathrow on Wednesday.\n\nNell Grant, a Blue MP, said families " \
           "living near the airport had \"heard every promise about quieter planes and cleaner air before\"."
    data = _board(tmp_path, text, "building a third runway at Heathrow")
    assert "support" not in _sides(data, "Nell Grant"), data["documents"]


LANES = "protected bike lanes on Grand Avenue"
LANES_LEAD = "The city wants to add protected bike lanes on Grand Avenue, removing 140 parking spaces.\n\n"


@pytest.mark.parametrize("text,who,stance", [
    # the noun of a removal names what a petition is against; it is no turn of it
    ("The Grand Avenue Merchants Association collected 2,300 signatures on a petition against the parking removal "
     "for the bike lanes.",
     "Grand Avenue Merchants Association", "oppose"),
    # what the speaker runs is a description of them, not a side
    ("Sofia Reyes, who runs a bakery on Grand and commutes to it by bike, said she felt pulled both ways.",
     "Sofia Reyes", "neutral"),
])
def test_a_removal_named_and_a_business_run(tmp_path: Path, text: str, who: str, stance: str) -> None:
    got = _stances(_board(tmp_path, LANES_LEAD + text, LANES))
    assert got.get(who, "none") == stance, got


@pytest.mark.parametrize("text,stance", [
    # more to be seen before deciding, however long what is to be seen
    ("she wanted to see the government's promised analysis of the policy's effects before coming down on either side",
     "neutral"),
    ("I'd want to see what the speeds look like a year after the cameras go up before I tell anybody it works",
     "neutral"),
    ("give the taskforce the chance to come forward with its proposals before taking a final view", "neutral"),
    # a deadline is no condition
    ("we want to see the ban in place before the summer", "support"),
])
def test_more_to_be_seen_before_deciding_is_no_side(text: str, stance: str) -> None:
    from onrecord.stance.rules import RuleStance

    pol = RuleStance().polarity(text)
    assert pol is not None and pol[0] == stance, pol


@pytest.mark.parametrize("text,who,stance", [
    # a position, then its undoing in the same breath: the later act is the side
    ("Among the Blue MPs who supported the bill at second reading but opposed it this time were Beth Crow and Liam "
     "Hart.", "Liam Hart", "oppose"),
    ("Among the Blue MPs who opposed the bill at second reading but backed it this time was Ann Wood.", "Ann Wood",
     "support"),
    ("Tom Lee supported the bill at second reading.", "Tom Lee", "support"),
])
def test_a_position_undone_in_the_same_breath(tmp_path: Path, text: str, who: str, stance: str) -> None:
    got = _stances(_board(tmp_path, "MPs voted on the assisted dying bill on Friday.\n\n" + text,
                          "the assisted dying bill"))
    assert got.get(who, "none") == stance, got


def test_a_position_undone_turns_the_side_the_first_act_took(tmp_path: Path) -> None:
    # the first act was against keeping the cap (backing a motion to scrap it); undone, it is for keeping it
    text = ("MPs voted on an opposition motion to scrap the sewage cap.\n\nAmong the Blue MPs who backed the motion to "
            "scrap the sewage cap last year but opposed it this time was Ann Wood.")
    got = _stances(_board(tmp_path, text, "keeping the sewage cap"))
    assert got.get("Ann Wood") == "support", got
