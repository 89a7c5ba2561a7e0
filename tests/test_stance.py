"""Stance rules on hand-written quotes: relevance, cues, negation, conditions, context, aggregation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onrecord import pipeline, query
from onrecord.models import Issue, Mention, Person, PersonStance, Quote, Span, StanceLabel
from onrecord.stance.aggregate import party_lines, person_stance
from onrecord.stance.rules import IssueTerms, RuleStance, own_sentence
from onrecord.store import open_store

INQUIRY = Issue("a national inquiry into the flood defences")
BAN = Issue("a ban on second homes in national parks")
PROP = Issue("Proposition 31")
WAGE = Issue("a bill to raise the state minimum wage")
ACT = Issue("the Secure Borders Act")


def q(text: str, kind: str = "direct", speaker: str = "A Person", start: int = 0, cue: str | None = None,
      sentence: str = "") -> Quote:
    quote = Quote("art", Span(text, start, start + len(text)), kind, speaker=speaker)  # type: ignore[arg-type]
    if cue:
        quote.cue = Span(cue, max(0, start - len(cue) - 1), start - 1)
    quote.sentence = sentence or text
    return quote


@pytest.mark.parametrize("issue,text,kind,expected", [
    (INQUIRY, "We need a national inquiry with full powers.", "direct", "support"),
    (INQUIRY, "called for a national inquiry into the flood defences", "reported", "support"),
    (INQUIRY, "rejected calls for a national probe into the matter", "reported", "oppose"),
    (INQUIRY, "refusal to launch a national inquiry", "reported", "oppose"),
    (INQUIRY, "now is not the time for another inquiry", "indirect", "oppose"),
    (INQUIRY, "she would not support another probe because of the delays", "indirect", "oppose"),
    (INQUIRY, "Nothing is off the table. If residents ask for an inquiry, I will listen to them.", "direct",
     "neutral"),
    (INQUIRY, "The five local inquiries will go ahead as planned.", "direct", "none"),
    (INQUIRY, "The weather was terrible this week.", "direct", "none"),
    (INQUIRY, "The national inquiry into the flood defences came up at every meeting.", "direct", "none"),
    (BAN, "Ban second homes in every national park.", "direct", "support"),
    (BAN, "Labour would ban new second homes in our parks.", "direct", "support"),
    (BAN, "A blanket ban would wreck the rural economy.", "direct", "oppose"),
    (BAN, "A ban is not the right answer for villages.", "direct", "oppose"),
    (BAN, "A ban was the only way to keep families in the valleys.", "direct", "support"),
    (BAN, "A ban on second homes is not an attack on anyone.", "direct", "support"),
    # how US political news reports positions on ballot measures and bills
    (PROP, "I voted for Proposition 31 because the growers asked me to.", "direct", "support"),
    (PROP, "Vote no on Prop. 31.", "direct", "oppose"),
    (PROP, "I will not vote for Proposition 31.", "direct", "oppose"),
    (PROP, "We say yes on Proposition 31 in every county.", "direct", "support"),
    (PROP, "I voted for Proposition 13 in my day.", "direct", "none"),  # another measure
    (PROP, "Vote no on 31 in November.", "direct", "oppose"),  # the campaign's name carries the measure's number
    (PROP, "We are proud to stand with Yes on 31.", "direct", "support"),
    (PROP, "Vote no on 13 in November.", "direct", "none"),
    (WAGE, "authored the bill to raise the state minimum wage", "reported", "support"),
    (ACT, "This bill is a disaster for the asylum system.", "direct", "oppose"),  # a named Act is a bill
    (ACT, "Congress must act on the asylum backlog.", "direct", "none"),  # 'act' the verb is not the Act
    (ACT, "hailed the Secure Borders Act as a promise kept", "reported", "support"),
    (ACT, "declined to say whether he would vote for the bill", "indirect", "neutral"),
    (ACT, "refused to say if she would back the Secure Borders Act", "indirect", "neutral"),
    (WAGE, "sponsored a rival bill", "reported", "none"),  # not the issue's bill
    (WAGE, "she co-sponsored the bill to raise the state minimum wage", "reported", "support"),
    (WAGE, "The governor signed the bill to raise the state minimum wage on Friday.", "direct", "support"),
    (WAGE, "I am in favor of the bill to raise the state minimum wage.", "direct", "support"),
    (WAGE, "Senate Republicans voted down the bill to raise the state minimum wage.", "direct", "oppose"),
    (WAGE, "The governor refused to sign the bill to raise the state minimum wage.", "direct", "oppose"),
    (WAGE, "Labor groups fought for the bill to raise the state minimum wage for three years.", "direct", "support"),
    # negated, the same cues are refusals; a noun is not the verb; a numbered measure is not a verb
    (PROP, "I won't vote for Proposition 31.", "direct", "oppose"),
    (PROP, "I'm not voting for Proposition 31, and I never voted for its cousin.", "direct", "oppose"),
    (PROP, "I am not in favor of Proposition 31.", "direct", "oppose"),
    (WAGE, "He will not sign the bill to raise the state minimum wage.", "direct", "oppose"),
    (PROP, "The sponsors of Proposition 31 held a rally.", "direct", "none"),
    (PROP, "Proposition 31 passed easily.", "direct", "none"),
    (WAGE, "The chamber of commerce blasted the bill to raise the state minimum wage.", "direct", "oppose"),
    (WAGE, "She denounced the bill to raise the state minimum wage as a job killer.", "direct", "oppose"),
    (WAGE, "He has not yet decided how he will vote on the bill to raise the state minimum wage.", "direct",
     "neutral"),
])
def test_quote_stance(issue: Issue, text: str, kind: str, expected: str) -> None:
    labels = RuleStance().label(issue, [q(text, kind)])
    assert labels[0].stance == expected, labels[0].reason
    assert labels[0].reason and labels[0].model == "rules.v1"


def test_context_carries_stance_to_quotes_that_do_not_name_the_issue() -> None:
    first = q("it is time for another inquiry", "indirect", "Dan Walsh", start=0)
    second = q("The victims have waited long enough.", "direct", "Dan Walsh", start=100)
    other = q("The trains are late again.", "direct", "Someone Else", start=200)
    labels = {lab.quote_id: lab for lab in RuleStance().label(INQUIRY, [first, second, other])}
    assert labels[first.id].stance == "support"
    assert labels[second.id].stance == "support"
    assert labels[second.id].confidence < labels[first.id].confidence
    assert labels[other.id].stance == "none"


def test_mixed_quote_uses_its_sentence() -> None:
    sentence = "He said further investigation should “draw out the failings” in the town."
    mixed = q("draw out the failings", "mixed", "Andy B", sentence=sentence)
    assert RuleStance().label(INQUIRY, [mixed])[0].stance == "support"


@pytest.mark.parametrize(("paragraph", "quoted", "sentence"), [
    ('Rep. Tom Hale said he was "not convinced." Senator Ruiz backs the bill.', "not convinced.",
     'Rep. Tom Hale said he was "not convinced."'),
    ('Rep. Tom Hale doubts it. Senator Ruiz said it "will pass." Both spoke late.', "will pass.",
     'Senator Ruiz said it "will pass."'),
    ("She said it was “wrong. Plainly wrong” and left. Then came the vote.", "wrong. Plainly wrong",
     "She said it was “wrong. Plainly wrong” and left."),
    ("Mr. Brown said the plan was “a mess” on Monday", "a mess", "Mr. Brown said the plan was “a mess” on Monday"),
])
def test_a_mixed_quote_is_read_with_its_own_sentence_of_the_paragraph(paragraph: str, quoted: str,
                                                                      sentence: str) -> None:
    assert own_sentence(q(quoted, "mixed", "Tom Hale", sentence=paragraph)) == sentence


def test_a_mixed_quote_takes_no_side_from_the_next_sentence_of_its_paragraph() -> None:
    paragraph = ("Rep. Tom Hale said he was “not convinced.” Senator Ann Ruiz supports the minimum wage bill and "
                 "said it “will pass.”")
    hale = q("not convinced.", "mixed", "Tom Hale", sentence=paragraph)
    ruiz = q("will pass.", "mixed", "Ann Ruiz", start=90, sentence=paragraph)
    labels = {lab.quote_id: lab.stance for lab in RuleStance().label(WAGE, [hale, ruiz])}
    assert labels == {hale.id: "none", ruiz.id: "support"}


def test_a_mixed_quote_is_about_what_an_earlier_sentence_of_its_paragraph_names() -> None:
    paragraph = "The minimum wage bill passed the Senate on Monday. Hale called it “a disaster for small business.”"
    hale = q("a disaster for small business.", "mixed", "Tom Hale", sentence=paragraph)
    assert RuleStance().label(WAGE, [hale])[0].stance == "oppose"


def test_an_aside_about_someone_else_lends_a_mixed_quote_no_side() -> None:
    sentence = "Ann Lee, a critic of the governor, who signed the bill last year, said the city “cannot afford it”."
    mixed = q("cannot afford it", "mixed", "Ann Lee", sentence=sentence)
    assert RuleStance().label(WAGE, [mixed])[0].stance == "none"
    own = q("a bill we cannot afford", "mixed", "Ann Lee",
            sentence="Ann Lee, who chairs the panel, said it was “a bill we cannot afford” and would vote no.")
    assert RuleStance().label(WAGE, [own])[0].stance == "oppose"


def test_endorsement_takes_the_side_of_the_endorsed() -> None:
    a = q("called for a national inquiry into the flood defences", "reported", "Dan Walsh", start=0)
    b = q("integrity", "mixed", "Ann Musk", start=200, cue="praised",
          sentence="Ann Musk praised Walsh’s move for its “integrity” online.")
    labels = {lab.quote_id: lab.stance for lab in RuleStance().label(INQUIRY, [a, b])}
    assert labels[b.id] == "support"


def test_praising_an_opponent_of_the_issue_takes_their_side() -> None:
    a = q("rejected calls for a national inquiry into the flood defences", "reported", "Dan Walsh", start=0)
    b = q("integrity", "mixed", "Ann Musk", start=200, cue="praised",
          sentence="Ann Musk praised Walsh’s refusal for its “integrity” online.")
    labels = {lab.quote_id: lab.stance for lab in RuleStance().label(INQUIRY, [a, b])}
    assert labels == {a.id: "oppose", b.id: "oppose"}


def test_a_vote_for_something_else_is_not_a_vote_on_the_issue() -> None:
    named = q("A ban on second homes in national parks is overdue.", speaker="Ann Lee", start=0)
    other = q("I will vote for Labour at the next election.", speaker="Bob Kerr", start=100)
    labels = {lab.quote_id: lab.stance for lab in RuleStance().label(BAN, [named, other])}
    assert labels == {named.id: "support", other.id: "none"}


@pytest.mark.parametrize("issue,name,sentence,expected", [
    (PROP, "Ann Lee", "“Kids deserve better,” said Ann Lee, who chairs the Yes on 31 committee.", "support"),
    (PROP, "Ann Lee", "“It is a tax grab,” said Ann Lee (R-Bakersfield), a spokeswoman for No on Prop. 31.", "oppose"),
    (PROP, "Ann Lee", "“Stores will suffer,” said Ann Lee, a leading opponent of Proposition 31.", "oppose"),
    (WAGE, "Ann Lee", "“It is overdue,” said Ann Lee, a longtime supporter of the bill.", "support"),
    (WAGE, "Ann Lee", "“Workers cannot wait,” said Ann Lee (D-Fresno), the bill's author.", "support"),
    (PROP, "Ann Lee", "“It is reckless,” said Ann Lee, who leads the campaign against Proposition 31.", "oppose"),
    (WAGE, "Ann Lee", "“We are close,” said Ann Lee, a spokeswoman for the coalition supporting the bill.",
     "support"),
    (PROP, "Ann Lee", "“We are close,” said Ann Lee, who ran the campaign against Proposition 13.", "none"),
    (WAGE, "Ann Lee", "“Shops will close,” said Ann Lee, the bill’s most prominent critic.", "oppose"),
    # not what the speaker is: a campaign they debated, another measure, a critic of someone else, the quote's
    # own words, or a description that comes before the name
    (PROP, "Ann Lee", "“We will watch,” said Ann Lee, who debated the No on 31 campaign last week.", "none"),
    (PROP, "Ann Lee", "“We are ready,” said Ann Lee, a supporter of Proposition 13.", "none"),
    (WAGE, "Ann Lee", "“We are ready,” said Ann Lee, a critic of the governor, who signed the bill.", "none"),
    (PROP, "Ann Lee", "“We are ready,” said Ann Lee, a retired nurse.", "none"),
    (PROP, "Ann Lee", "A foe of the No on 31 campaign, Ann Lee said: “We are ready.”", "none"),
])
def test_the_side_a_speaker_is_introduced_with(issue: Issue, name: str, sentence: str, expected: str) -> None:
    words = sentence.split("“")[1].split("”")[0]
    quote = q(words, speaker=name, start=sentence.index(words), sentence=sentence)
    at = sentence.index(name)
    quote.mention = Mention(Span(name, at, at + len(name)), "name", name)
    label = RuleStance().label(issue, [quote])[0]
    assert label.stance == expected
    if expected != "none":
        assert "introduces the speaker" in label.reason


def test_issue_terms() -> None:
    t = IssueTerms.from_issue(INQUIRY)
    assert {"inquiry", "probe", "investigation"} <= t.heads
    assert t.mentions("a local inquiry") is None
    assert t.mentions("a full inquiry now") == "inquiry"
    assert t.designator is None


@pytest.mark.parametrize("text,named", [
    ("Proposition 31 passed easily.", "proposition"), ("Backers of Prop. 31 rallied.", "prop"),
    ("Prop 31-A was withdrawn.", None), ("Proposition 13 capped property taxes.", None),
    ("The proposition failed.", None),
])
def test_a_numbered_measure_is_not_its_namesakes(text: str, named: str | None) -> None:
    t = IssueTerms.from_issue(PROP)
    assert t.designator == "31" and "prop" in t.heads
    assert t.mentions(text) == named


def lab(qid: str, stance: str, conf: float = 0.8) -> StanceLabel:
    return StanceLabel(qid, "i", stance, conf, "r", "rules.v1")  # type: ignore[arg-type]


def test_person_stance_is_weighted_vote_and_none_without_position() -> None:
    p = Person("p", "P")
    assert person_stance(p, [lab("1", "support"), lab("2", "oppose", 0.4), lab("3", "none")]).stance == "support"
    assert person_stance(p, [lab("1", "none")]).stance == "none"


def test_a_position_carried_to_other_quotes_adds_no_weight() -> None:
    from onrecord.stance.rules import CARRIED

    p = Person("p", "P")
    echo = [StanceLabel(str(k), "i", "support", 0.45, f"does not name the issue; {CARRIED} support (…)", "rules.v2")
            for k in range(3)]
    got = person_stance(p, [lab("own", "support", 0.75), lab("vote", "oppose", 0.8), *echo])
    assert got.stance == "oppose", got
    assert person_stance(p, [lab("own", "support", 0.75), *echo]).stance == "support"


def test_naming_the_issue_without_a_position_is_none_and_does_not_make_anyone_undecided() -> None:
    """One call for the inquiry, then three bare mentions of it in other articles: the person supports it (the
    mentions are no position, not "open to it"), and only the call is their evidence."""
    from onrecord.stance.rules import carried, names_issue

    texts = ["We need a national inquiry into the flood defences, and we need it now.",
             "The national inquiry into the flood defences was raised at every meeting I held.",
             "People ask me about the national inquiry into the flood defences.",
             "A national inquiry into the flood defences came up on the doorstep again."]
    labels = [RuleStance().label(INQUIRY, [q(t, speaker="Jane Doe")])[0] for t in texts]  # one article each
    assert [lb.stance for lb in labels] == ["support", "none", "none", "none"]
    assert all(names_issue(lb) for lb in labels) and not any(carried(lb) for lb in labels)
    got = person_stance(Person("jane", "Jane Doe"), labels)
    assert got.stance == "support" and got.evidence == [labels[0].quote_id]
    assert not names_issue(RuleStance().label(INQUIRY, [q("The trains are late again.")])[0])


def test_party_line_and_breaks() -> None:
    people = {i: Person(i, n, "person", party="Labour") for i, n in
              [("l", "Leader"), ("a", "Rebel"), ("b", "Loyal"), ("c", "Waverer"), ("d", "Silent")]}
    stances = [PersonStance("l", "Leader", "Labour", "oppose", 1, []),
               PersonStance("a", "Rebel", "Labour", "support", 1, []),
               PersonStance("b", "Loyal", "Labour", "oppose", 1, []),
               PersonStance("c", "Waverer", "Labour", "neutral", 1, []),
               PersonStance("d", "Silent", "Labour", "none", 0, [])]
    (line,) = party_lines(stances, people, {"Labour": "Leader"})
    assert (line.stance, line.breakers) == ("oppose", ["a"])
    assert [s.breaks_with_party for s in stances] == [False, True, False, False, False]


@pytest.mark.parametrize("role,line", [
    ("Senate Majority Leader", "oppose"), ("House Minority Leader", "oppose"), ("Speaker", "oppose"),
    ("Leader of the Opposition", "oppose"), ("team leader", "none"), ("Representative", "none"),
    ("Deputy Majority Leader", "none"), ("Leader of the House", "none"),
])
def test_with_no_leader_on_record_a_leadership_role_sets_the_line(role: str, line: str) -> None:
    people = {"a": Person("a", "Ann Chief", "person", party="Republican", roles=[role]),
              "b": Person("b", "Bob Rank", "person", party="Republican", roles=["Representative"])}
    stances = [PersonStance("a", "Ann Chief", "Republican", "oppose", 1, []),
               PersonStance("b", "Bob Rank", "Republican", "support", 1, [])]
    (got,) = party_lines(stances, people, {})
    assert got.stance == line and got.breakers == (["b"] if line != "none" else [])


@pytest.mark.parametrize("sides,line,breakers", [
    (["support", "support", "oppose"], "support", ["m2"]),  # two of three: the line, and the third breaks it
    (["support", "support", "support", "oppose", "neutral"], "support", ["m3"]),
    (["support", "oppose"], "none", []),  # too few on record to call a line
    (["support", "support", "oppose", "oppose"], "none", []),  # no clear majority
    (["support", "none", "none", "neutral"], "none", []),
])
def test_without_a_leader_or_party_statement_the_line_is_the_clear_majority(sides: list[str], line: str,
                                                                             breakers: list[str]) -> None:
    people = {f"m{i}": Person(f"m{i}", f"Member {i}", "person", party="Democratic") for i in range(len(sides))}
    stances = [PersonStance(f"m{i}", f"Member {i}", "Democratic", s, 1, []) for i, s in enumerate(sides)]  # type: ignore[arg-type]
    (got,) = party_lines(stances, people, {})
    assert (got.stance, got.breakers) == (line, breakers)
    assert got.source.startswith("majority of members") == (line != "none")


def test_independents_share_no_line() -> None:
    # three independents, two of one side: not a party with a majority line, and no one breaks anything
    sides = ["support", "support", "oppose"]
    people = {f"m{i}": Person(f"m{i}", f"Member {i}", "person", party="Independent") for i in range(3)}
    stances = [PersonStance(f"m{i}", f"Member {i}", "Independent", s, 1, []) for i, s in enumerate(sides)]  # type: ignore[arg-type]
    assert party_lines(stances, people, {}) == []


SCRAP = Issue("scrapping the two-child benefit cap")


@pytest.mark.parametrize("text,expected", [
    ("his party would scrap the two-child benefit cap if it won power", "support"),
    ("We will scrap it on day one and end the cap.", "support"),
    ("The government will not scrap the cap.", "oppose"),
    ("they had long campaigned against the cap", "support"),
    ("We must keep the cap in place.", "oppose"),
    ("The cap is essential to fair welfare.", "oppose"),
])
def test_issue_with_an_action_reads_stance_through_it(text: str, expected: str) -> None:
    assert RuleStance().label(SCRAP, [q(text, "indirect")])[0].stance == expected


def test_the_plan_stands_for_the_issue_in_an_article_about_it() -> None:
    first = q("called for scrapping the two-child benefit cap", "reported", "A", start=0)
    second = q("fantasy economics", "mixed", "B", start=100,
               sentence="The Chancellor said the plan was “fantasy economics” and would cost billions.")
    labels = {lab.quote_id: lab.stance for lab in RuleStance().label(SCRAP, [first, second])}
    assert labels == {first.id: "support", second.id: "oppose"}


@pytest.mark.parametrize("stance,sides,expected", [
    ("support", ["support", "support", "none"], "Consistently supports it"),
    ("oppose", ["oppose"], "Opposes it"),
    ("support", ["oppose", "oppose", "support", "support", "support"],
     "Changed position: now supports it (earlier opposed)"),
    ("oppose", ["oppose", "support", "oppose"], "Mostly opposes it (2 of 3 statements)"),
    ("neutral", ["neutral"], "Open to it / undecided"),
    ("neutral", [], "Spoke on it without taking a side"),
    ("neutral", ["support", "neutral", "oppose", "neutral"], "Open to it / undecided (has spoken on both sides)"),
    ("none", [], "No recorded position"),
])
def test_plain_language_summary(stance: str, sides: list[str], expected: str) -> None:
    from onrecord.stance.aggregate import summarize

    assert summarize(stance, sides) == expected


@pytest.mark.parametrize("stance,confidence,sides,shown", [
    ("support", 0.8, ["support", "support"], "support"),
    ("oppose", 0.6, ["oppose", "support", "oppose"], "oppose"),  # mostly one side: that side
    ("support", 0.4, ["oppose", "support"], "support"),  # earlier opposed, now supports: a change, clear
    ("support", 0.4, ["support", "oppose"], "unclear"),  # one each, the later against: split
    ("oppose", 0.5, ["support", "oppose", "support", "oppose"], "unclear"),
    ("support", 0.25, ["support"], "unclear"),  # held too weakly to trust
    ("support", 0.6, ["oppose"], "unclear"),  # a side none of their statements takes
    ("neutral", 0.1, ["neutral"], "neutral"),  # only a side can be unclear
    ("none", 0.0, [], "none"),
])
def test_the_board_says_unclear_rather_than_guess(stance: str, confidence: float, sides: list[str],
                                                  shown: str) -> None:
    from onrecord.stance.aggregate import board_position

    got, why = board_position(stance, confidence, sides)
    assert got == shown
    assert bool(why) == (shown == "unclear")
    assert "0 of their" not in why  # a reason that reads as it is


def _changed_by_the_list(stance: str, sides: list[str]) -> bool:
    """Whether the side was changed once, read off the whole list: every statement on the other side comes
    before every one on this side (what the board and the summaries call a change of position)."""
    other = "oppose" if stance == "support" else "support"
    taken = [s for s in sides if s in ("support", "oppose")]
    return other in taken and stance in taken and max(i for i, s in enumerate(taken) if s == other) < \
        taken.index(stance)


def test_what_the_statements_come_to_is_kept_whole_in_a_few_numbers() -> None:
    """Sides (kept with a person's stance, so the board reads no statement) holds what the board and the
    summaries read off the whole list of labels (the counts, the first and last side, a change of side), on
    every list of up to 7 labels, and survives JSON."""
    import itertools

    from onrecord.stance.aggregate import Sides

    for n in range(8):
        for sides in itertools.product(("support", "oppose", "neutral", "none"), repeat=n):
            seen = Sides.of(sides)
            assert Sides.from_json(seen.to_json()) == seen
            taken = [s for s in sides if s in ("support", "oppose")]
            assert (seen.first, seen.last) == ((taken[0], taken[-1]) if taken else (None, None))
            assert [seen.count(x) for x in ("support", "oppose", "neutral")] == [sides.count(x) for x in
                                                                                ("support", "oppose", "neutral")]
            for stance in ("support", "oppose"):
                assert (seen.first != stance and seen.switched) == _changed_by_the_list(stance, list(sides)), sides


def test_a_line_binds_its_leader_but_no_one_else() -> None:
    from onrecord.stance.aggregate import BOUND, hold_the_line

    people = {"m": Person("m", "Kit Vane", "person", party="Blue", roles=["Transport Minister"]),
              "s": Person("s", "Jo Marsh", "person", party="Blue", roles=["Environment Secretary"]),
              "b": Person("b", "Sam Ode", "person", party="Blue", roles=["MP"]),
              "f": Person("f", "Ann Lee", "person", party="Red", roles=["shadow chancellor"]),
              "r": Person("r", "Bo Grant", "person", party="Red", roles=["Leader"]),
              "p": Person("p", "Cy Hale", "person", party="Blue", roles=["Prime Minister"])}
    stances = [PersonStance("m", "Kit Vane", "Blue", "none", 0, []),
               PersonStance("s", "Jo Marsh", "Blue", "support", 0.8, ["q1"]),
               PersonStance("b", "Sam Ode", "Blue", "none", 0, []),
               PersonStance("f", "Ann Lee", "Red", "oppose", 0.7, ["q2"]),
               PersonStance("r", "Bo Grant", "Red", "none", 0, []),
               PersonStance("p", "Cy Hale", "Blue", "neutral", 0.5, ["q3"])]
    lines = {ln.party: ln for ln in party_lines(stances, people, {"Red": "Bo Grant", "Blue": "Cy Hale"}, "Blue")}
    held = {s.person_id: hold_the_line(s, lines[s.party or ""]) for s in stances}
    assert (held["r"].stance, held["r"].confidence, held["r"].evidence) == ("oppose", BOUND, [])
    assert "Red line (frontbench: Ann Lee)" in held["r"].basis and "its leader" in held["r"].basis
    assert held["m"] == stances[0] and held["b"] == stances[2]  # ministers and backbenchers are bound by nothing
    assert held["s"] == stances[1] and held["p"] == stances[5]  # a position of their own stands, an open one too


@pytest.mark.parametrize("person,stance,agent,labelled,expected", [
    # the one the issue says does it, with no side of their own, supports it
    (Person("a", "Ann Marsh", "person"), "none", {"marsh"}, True, "support"),
    (Person("c", "City of Harbour Bay", "organisation"), "none", {"harbour", "bay"}, True, "support"),
    (Person("h", "Harbour Bay", "organisation"), "neutral", {"harbour", "bay"}, True, "support"),  # only spoke
    # ... not a body of another name that holds it, nor a person of another surname, nor someone never seen in an
    # article on the issue, nor anyone when the phrase names no one
    (Person("u", "Harbour Unified School District", "organisation"), "none", {"harbour"}, True, "none"),
    (Person("t", "Marsh Tom", "person"), "none", {"marsh"}, True, "none"),
    (Person("a", "Ann Marsh", "person"), "none", {"marsh"}, False, "none"),
    (Person("a", "Ann Marsh", "person"), "none", set(), True, "none"),
])
def test_the_one_the_issue_says_does_it_supports_it(person: Person, stance: str, agent: set[str], labelled: bool,
                                                     expected: str) -> None:
    from onrecord.stance.aggregate import DOES_IT, SPOKE, does_it

    conf = SPOKE if stance == "neutral" else 0.0
    before = PersonStance(person.id, person.name, None, stance, conf, [])  # type: ignore[arg-type]
    labels = [StanceLabel("q1", "i1", "none", 0.9, "says nothing on the issue", "test")] if labelled else []
    after = does_it(before, person, agent, labels)
    assert after.stance == expected
    if expected == "support":
        assert after.confidence == DOES_IT and "the issue names them as the one who does it" in after.basis
    else:
        assert after == before


def test_a_side_of_their_own_stands_against_what_the_issue_says_they_do() -> None:
    from onrecord.stance.aggregate import does_it

    person = Person("a", "Ann Marsh", "person")
    for stance, conf in (("oppose", 0.7), ("neutral", 0.6)):  # a side, an open position
        own = PersonStance("a", "Ann Marsh", None, stance, conf, ["q1"])  # type: ignore[arg-type]
        assert does_it(own, person, {"marsh"}, [StanceLabel("q1", "i1", stance, conf, "x", "t")]) == own  # type: ignore[arg-type]


def test_the_issue_s_agent_supports_it_on_the_board(tmp_path: Path) -> None:
    text = ("President Ann Marsh said on Friday that the port would reopen next week. Union leader Tom Bell said the "
            "sacking of the two port inspectors was a disgrace.")
    stances = {}
    for issue in ("the Marsh administration's sacking of two port inspectors", "sacking two port inspectors"):
        store = open_store(":memory:")
        (tmp_path / "a.jsonl").write_text(json.dumps({"text": text, "published": "2025-02-01"}) + "\n", "utf-8")
        settings = {"stance_model": "rules.v2", "extractor": "rules.v1"}
        pipeline.ingest(store, [tmp_path / "a.jsonl"], settings=settings)
        pipeline.add_issue(store, issue, settings=settings)
        stances[issue] = {p["name"]: (p["stance"], p.get("basis") or "") for p in
                          query.export_issue(store, issue)["people"]}
        store.close()
    marsh = stances["the Marsh administration's sacking of two port inspectors"]["Ann Marsh"]
    assert marsh[0] == "support" and "the one who does it" in marsh[1]
    assert stances["sacking two port inspectors"]["Ann Marsh"][0] == "none"  # the phrase names no one
    assert {s["Tom Bell"][0] for s in stances.values()} == {"oppose"}


def test_a_leader_is_not_bound_by_the_side_most_members_took() -> None:
    from onrecord.stance.aggregate import hold_the_line

    people = {f"m{i}": Person(f"m{i}", f"Member {i}", "person", party="Red") for i in range(4)}
    people["r"] = Person("r", "Bo Grant", "person", party="Red", roles=["Leader"])
    stances = [PersonStance(f"m{i}", f"Member {i}", "Red", "support", 0.8, [f"q{i}"]) for i in range(4)]
    stances.append(PersonStance("r", "Bo Grant", "Red", "none", 0, []))
    (line,) = party_lines(stances, people, {"Red": "Bo Grant"})
    assert line.stance == "support" and line.source.startswith("majority of members")
    assert hold_the_line(stances[-1], line) == stances[-1]
