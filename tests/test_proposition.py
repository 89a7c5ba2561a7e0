"""The issue as a proposition (onrecord.stance.proposition) and the parse's reading of a sentence (stance.path)."""

from __future__ import annotations

from typing import Any

import pytest

from onrecord.stance import path, proposition


@pytest.mark.parametrize("phrase,action,removes,head,alias", [
    ("charging VAT on private school fees", "charge", False, "vat", None),
    ("cutting the council's library budget", "cut", True, "budget", None),
    ("banning phones in schools", "ban", True, "phone", None),
    ("a third runway at Heathrow", None, False, "runway", None),
    ("the Clean Rivers Bill (river sewage cap)", None, False, "bill", "river sewage cap"),
    ("the council's closure of two branch libraries", "close", True, "library", None),
    ("introducing a tourist tax in Edinburgh", "introduce", False, "tax", None),
    # the verb of a noun's clause is the action, and the noun who does it ("shelters barring people …")
    ("city shelters barring people with trespass orders", "bar", True, None, None),
    # what people are barred from is what the issue takes away; who is barred is who it is about
    ("barring transgender people from changing their passports", "bar", True, "passport", None),
    ("barring dog owners from the beach", "bar", True, "beach", None),
    # "removing X from Y" takes X away, not Y
    ("removing Ann Cole from the harbour board", "remove", True, "cole", None),
    # a named law is a bill, however the parser hangs its words
    ("the Safety of Housing Bill (housing safety plan)", None, False, "bill", "housing safety plan"),
])
def test_the_phrase_is_read_as_a_proposal_with_a_direction(phrase: str, action: str | None, removes: bool,
                                                           head: str, alias: str | None) -> None:
    p = proposition.parse(phrase)
    assert p.action == action
    assert p.removes is removes
    assert p.head == head
    if alias:
        assert alias in p.aliases


@pytest.mark.parametrize("phrase,agent", [
    # the subject of the action, or the owner of the proposal noun, does it
    ("Harbour City busing rough sleepers out of town", "Harbour City"),
    ("the Marsh administration's sacking of two port inspectors", "Marsh administration"),
    ("Kestrel's lawsuit against Northline Rail over night fares", "Kestrel"),
    ("city shelters barring people with trespass orders", "city shelters"),
    # the owner of what the action is done to, or of a noun beyond the proposal, does not
    ("cutting the council's library budget", ""),
    ("an independent audit of Kestrel Unified's delays in reporting test results", ""),
    ("charging VAT on private school fees", ""),
    ("a third runway at Heathrow", ""),
])
def test_who_the_phrase_says_does_it(phrase: str, agent: str) -> None:
    assert proposition.parse(phrase).agent == agent


@pytest.mark.parametrize("phrase,text,on_issue,expected", [
    # the action in another word form
    ("cutting the council's library budget", "The cuts to the library budget are cruel.", False, "action"),
    # a word of the same family next to the target
    ("cutting overseas aid to fund defence", "She attacked the decision to slash aid.", False, "action"),
    # only the target of an action that removes it
    ("cutting overseas aid to fund defence", "We must protect overseas aid.", False, "target"),
    # an alias in the phrase's parenthesis
    ("the Clean Rivers Bill (river sewage cap)", "He backed a river sewage cap.", False, "action"),
    # in an article about the issue, "the plan" stands for it; elsewhere it does not
    ("a third runway at Heathrow", "Khan said the plan was a disaster.", True, "action"),
    ("a third runway at Heathrow", "Khan said the plan was a disaster.", False, None),
    # "plans" as a verb is no proposal
    ("a third runway at Heathrow", "She plans to visit the airport on Monday.", True, None),
    # something else altogether
    ("introducing digital ID cards", "The weather in Leeds was cold.", True, None),
    # what the action would bring in, named in other words (a two-letter acronym, a plural)
    ("introducing digital ID cards", "Digital IDs would make services more responsive.", False, "action"),
    # ... where for an action that does not bring a thing in, words of its target are not the action
    ("helping flood victims in Leeds rebuild", "Flood damage in Leeds was severe.", False, None),
    # a verb of the action's family with only "people" is not the action done to the issue's people
    ("barring transgender people from changing their passports", "It is stopping some people from voting.", True,
     None),
    # naming only who would be barred is not naming what they would be barred from
    ("barring dog owners from the beach", "Dog owners are the most responsible people in town.", True, None),
    ("barring dog owners from the beach", "Dogs on the beach are a danger to children.", True, "action"),
    # the thing a proposal would act on is not the proposal: the bill is not the amendments to it
    ("the rebel amendments to toughen the Clean Rivers Bill", "Tom Bell's Clean Rivers Bill", True, None),
    ("the rebel amendments to toughen the Clean Rivers Bill", "She backed the rebel amendments.", False, "action"),
    # who would do it, named alone, is not what they would do
    ("city shelters barring people with trespass orders", "City shelters can really help.", False, None),
    ("city shelters barring people with trespass orders", "Shelters barred dozens of people with trespass orders.",
     False, "action"),
    ("Redfield County busing homeless people out of town", "Redfield County has a new mayor.", True, None),
    # a named law's own noun, in an article about it
    ("the Safety of Housing Bill", "This shambolic mess of a Bill will fail.", True, "action"),
])
def test_how_a_text_refers_to_the_issue(phrase: str, text: str, on_issue: bool, expected: str | None) -> None:
    got = proposition.parse(phrase).refers(text, on_issue)
    assert (got[0] if got else None) == expected


def _score(text: str) -> float:
    from onrecord.stance.reader import PositionReader

    return PositionReader()._judgement(text)


@pytest.mark.parametrize("sentence,word,side", [
    ("Khan vowed to block any attempt to expand the airport.", "expand", -1),
    ("The minister will back the bill next week.", "bill", 1),
    ("She refused to back the bill.", "bill", -1),
    ("They voted against the plan.", "plan", -1),
    ("Labour would ban new second homes.", "ban", 1),
    ("We would never ban second homes.", "ban", -1),
    ("The ban is cruel and unworkable.", "ban", -1),
    ("This disastrous tax will ruin farms.", "tax", -1),
    ("Critics called the scheme a cynical ploy.", "scheme", -1),
    ("The scheme will be a huge help to families.", "scheme", 1),
    ("The council will consider the plan.", "plan", 0),
    # support that failed: "a broken promise on the levy"
    ("It is a broken promise about the levy.", "levy", -1),
    ("It is a firm promise about the levy.", "levy", 1),
    # what the named thing would do, as its subject: a verb's own valence, a diminisher against a bad object, a
    # causative with what it brings about
    ("A third runway would undermine our climate commitments.", "runway", -1),
    ("The ban will help the poorest families.", "ban", 1),
    ("The ban will not help anyone.", "ban", -1),
    ("The levy would cut violent crime.", "levy", 1),
    ("The levy would cut costs for shops.", "levy", 1),  # less of a cost (path.BADS), whatever the words' tone
    ("The levy would lead to fewer jobs.", "levy", -1),
    ("The scheme creates a dangerous environment for families.", "scheme", -1),
    ("The scheme could make public services more responsive.", "scheme", 1),
    # phrasal verbs take the side of the whole phrase
    ("We will press ahead with the levy.", "levy", 1),
    ("We will stick to the plan.", "plan", 1),
    ("We should row back on the levy.", "levy", -1),
    ("We have backed away from the levy.", "levy", -1),
    # what it is described as judges it
    ("Whitlow described the plans as a disgrace.", "plans", -1),
    ("Whitlow described the plans as a huge help to families.", "plans", 1),
    # what happens because of it is what it brings about
    ("No counselors would lose their jobs because of the program.", "program", 1),
    ("Bullying fell due to the ban.", "ban", 1),
    ("Crime rose because of the ban.", "ban", -1),
])
def test_the_path_from_the_issue_to_the_root_gives_the_side(nlp: Any, sentence: str, word: str, side: int) -> None:
    doc = nlp(sentence)
    mention = next(t for t in doc if t.lower_ == word)
    got = path.lean(mention, _score)
    assert got is not None and got.side == side, got


@pytest.mark.parametrize("sentence,word", [
    ("The plan was published on Tuesday.", "plan"),  # a fact about it, no side
    ("Ann Lee spoke about the bill at the meeting.", "bill"),
    ("The levy would change the timetable for shops.", "levy"),  # changing what is neither good nor bad
    ("For too long, the levy has been looking at costs and not at people.", "levy"),  # "too" said of no one's degree
    ("The plan includes a new hospital.", "plan"),
])
def test_no_side_where_the_sentence_takes_none(nlp: Any, sentence: str, word: str) -> None:
    doc = nlp(sentence)
    assert path.lean(next(t for t in doc if t.lower_ == word), _score) is None


def test_a_user_s_reading_replaces_the_parse_s() -> None:
    from onrecord.models import Issue

    issue = Issue("cutting overseas aid to fund defence spending")
    assert proposition.parse(issue).target_terms >= {"overseas", "aid"}
    issue.reading = {"action": "slash", "target": "the development budget"}
    p = proposition.parse(issue)
    assert p.action == "slash" and p.removes
    assert p.target == "the development budget" and p.head == "budget"
    assert {"development", "budget"} <= p.terms and "overseas" not in p.terms
    issue.reading = {"direction": "adds"}
    assert proposition.parse(issue).action == "cut" and not proposition.parse(issue).removes
    # the cached parse of the phrase itself is left as it was
    assert proposition.parse("cutting overseas aid to fund defence spending").removes
    assert proposition.describe(proposition.parse(issue))["direction"] == "adds"
    # who does it, named by hand, or no one
    issue = Issue("Kestrel's lawsuit against Northline Rail")
    assert proposition.parse(issue).agent_names() == {"kestrel"}
    issue.reading = {"agent": "the City of Kestrel Bay"}
    assert proposition.parse(issue).agent_names() == {"city", "kestrel", "bay"}
    assert proposition.describe(proposition.parse(issue))["agent"] == "the City of Kestrel Bay"
    issue.reading = {"agent": "-"}
    assert proposition.parse(issue).agent == "" and not proposition.parse(issue).agent_names()


@pytest.mark.parametrize("phrase,text,expected", [
    # the issue's act owned by someone else, named, is not the issue; by its own doer, or by no one, it is
    ("Dunmore Council building an incinerator at its depot", "they objected to Bexley Council’s plans to build an "
     "incinerator", None),
    ("Dunmore Council building an incinerator at its depot", "they objected to Dunmore’s plans to build an "
     "incinerator", "action"),
    ("Dunmore Council building an incinerator at its depot", "they objected to the plans to build an incinerator",
     "action"),
    # (a doer named only by its kind names no one in particular)
    ("the City Council building an incinerator", "they objected to Bexley’s plans to build an incinerator", "action"),
])
def test_another_s_act_is_not_the_issue(phrase: str, text: str, expected: str | None) -> None:
    ref = proposition.parse(phrase).refers(text)
    assert (ref[0] if ref else None) == expected


@pytest.mark.parametrize("phrase,action,agent", [
    # a noun phrase the parser reads as a sentence ("… over sick leave" taken for a verb) is still a noun phrase
    ("Oakland's lawsuit against Southwest Airlines over sick leave", "sue", "Oakland"),
    ("Oakland's lawsuit against Southwest Airlines over workers' paid sick leave", "sue", "Oakland"),
])
def test_a_noun_phrase_read_as_a_sentence(phrase: str, action: str, agent: str) -> None:
    prop = proposition.parse(phrase)
    assert (prop.action, prop.agent) == (action, agent)


@pytest.mark.parametrize("text,expected", [
    # the issue's action done, by its object, to something the issue does not name is not the issue
    ("They cut the parking charge in July.", None),
    ("They cut the library budget in July.", "action"),
    # ... a pronoun, a noun use or an object with no determiner is not told apart
    ("She said the council would cut it.", "action"),
    ("Tom Reed said the cuts would hurt.", "action"),
])
def test_the_action_done_to_something_else(text: str, expected: str | None) -> None:
    ref = proposition.parse("cutting the council library budget").refers(text, on_issue=True)
    assert (ref[0] if ref else None) == expected


@pytest.mark.parametrize("phrase,has,lacks", [
    # a participle the parser takes for the action's object is what the issue names
    ("legalising assisted dying for terminally ill adults", {"assisted", "dying"}, set()),
    # ... not one that only says what kind of thing the issue is about
    ("a national inquiry into grooming gangs", {"inquiry", "gang"}, {"grooming"}),
])
def test_participles_in_a_noun_s_place(phrase: str, has: set[str], lacks: set[str]) -> None:
    from onrecord.stance.proposition import describe, parse

    terms = set(describe(parse(phrase))["terms"])
    assert has <= terms and not lacks & terms, terms


@pytest.mark.parametrize("phrase,sited", [
    ("a 120-bed homeless shelter on Harmon Street", True),
    ("an off-leash dog park at Riverside Green", True),
    ("building a new stadium for the Riverton Hawks", True),
    # an arrangement, or an act on something at a place, is not a thing put there
    ("banning phones in Maple Grove schools", False),
    ("a 5% cap on rents in Lakewood", False),
    ("Manhattan's congestion toll", False),
])
def test_a_thing_to_be_put_at_a_place(phrase: str, sited: bool) -> None:
    prop = proposition.parse(phrase)
    assert prop.sited() is sited
    # its site stands for it only in an article on it, and only where it is such a thing
    assert (prop.refers("They asked the county to drop the site.", True) is not None) is sited
    assert prop.refers("They asked the county to drop the site.", False) is None


@pytest.mark.parametrize("text,expected", [
    ("The union sent a letter urging approval.", "action"),
    ("Ann Bell pushed for swift passage.", "action"),
    ("Approval of the parking permits was late.", None),
    ("The approval process takes months.", None),
])
def test_the_decision_for_it_named_bare(text: str, expected: str | None) -> None:
    got = proposition.parse("banning phones in Maple Grove schools").refers(text, True)
    assert (got[0] if got else None) == expected


@pytest.mark.parametrize("phrase,text,expected", [
    # a word that says what kind the head is, without the head, names something else
    ("adding speed cameras in Tamsen County school zones", "If the goal is safety, build speed humps.", None),
    ("adding speed cameras in Tamsen County school zones", "Add the speed cameras now.", "action"),
    ("adding speed cameras in Tamsen County school zones", "Build more cameras near schools.", "action"),
])
def test_a_word_of_kind_alone_does_not_name_the_target(phrase: str, text: str, expected: str | None) -> None:
    got = proposition.parse(phrase).refers(text, True)
    assert (got[0] if got else None) == expected, got
    assert "speed" in proposition.parse(phrase).kind_words()


@pytest.mark.parametrize("text,expected", [
    # the act named by another noun of the same meaning, in an article on the issue
    ("Board Chair Ann Hale proposed the relocation.", "action"),
    # another act's noun
    ("Board Chair Ann Hale proposed the renovation.", None),
    ("Board Chair Ann Hale proposed the removal.", None),
])
def test_the_act_named_by_a_noun_of_the_same_meaning(text: str, expected: str | None) -> None:
    pytest.importorskip("torch")
    got = proposition.parse("moving challenged books out of the library's teen section").refers(text, True)
    assert (got[0] if got else None) == expected, got


def test_moving_what_exists_is_not_putting_a_thing_somewhere() -> None:
    # books moved to another shelf are no new thing at a place: "the building" is not the issue there
    prop = proposition.parse("moving challenged books out of the library's teen section")
    assert not prop.sited()
    assert prop.refers("She has been told she does not belong in that part of the building.", True) is None
