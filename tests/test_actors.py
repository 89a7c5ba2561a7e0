"""Everyone whose position an article reports gets a reported statement (onrecord.extract.actors)."""

from __future__ import annotations

from typing import Any

import pytest

from onrecord.eval.polnear import polnear_view
from onrecord.models import Quote


def _positions(quotes: list[Quote]) -> set[tuple[str | None, str]]:
    return {(q.speaker, q.span.text) for q in quotes if q.kind == "reported"}


@pytest.mark.parametrize("text,expected", [
    # every actor in a coordination, parties included
    ("Reform, the Tories and the Greens all oppose the scheme.",
     {("Reform UK", "oppose the scheme"), ("Conservative", "oppose the scheme"), ("Green Party", "oppose the scheme")}),
    # a list of the members of a group defined by its position
    ("Among the MPs who backed the amendment were Ann Lee, Tom Bell and Raj Patel.",
     {("Ann Lee", "backed the amendment"), ("Tom Bell", "backed the amendment"),
      ("Raj Patel", "backed the amendment")}),
    ("Those who voted against the ban included Lena Ward and Ray Cole.",
     {("Lena Ward", "voted against the ban"), ("Ray Cole", "voted against the ban")}),
    # "as did X and Y"
    ("Jane Moss voted against the bill, as did two independent MPs, Carl Hart and Dee Fry.",
     {("Jane Moss", "voted against the bill"), ("Carl Hart", "voted against the bill"),
      ("Dee Fry", "voted against the bill")}),
    # the agent of a passive
    ("The amendment was tabled by veteran MP Sir Walter Grange.", {("Walter Grange", "The amendment was tabled")}),
    # the owner of a proposal, a name with its possessive
    ("Priya Nair's plan to close the depot is unravelling.", {("Priya Nair", "plan to close the depot")}),
    ("Owen Hale's support for expanding the airport was no surprise.",
     {("Owen Hale", "support for expanding the airport")}),
    # a position with no object
    ("Gemma Lowry abstained.", {("Gemma Lowry", "abstained")}),
    # the members of a group named for its position
    ("The sugar levy has its backers too, including Tom Reed and the Harbour Traders Association.",
     {("Tom Reed", "its backers"), ("Harbour Traders Association", "its backers")}),
    # ... a name the tagger knows nothing of, and a body named with its kind ("the NUT union")
    ("The sugar levy has its backers too, including Jetwise, local firms and the NUT union.",
     {("Jetwise", "its backers"), ("NUT union", "its backers")}),
    ("Critics of the sugar levy include Tom Reed and the Tradewell group.",
     {("Tom Reed", "Critics of the sugar levy"), ("Tradewell group", "Critics of the sugar levy")}),
    ("Critics of the sugar levy include Tom Reed and Ria Holt.",
     {("Tom Reed", "Critics of the sugar levy"), ("Ria Holt", "Critics of the sugar levy")}),
    ("Among the opponents of the sugar levy were Tom Reed and Ria Holt.",
     {("Tom Reed", "the opponents of the sugar levy"), ("Ria Holt", "the opponents of the sugar levy")}),
    # a position said to come from people, however tangled their titles
    ("Other notable Noes came from Reform MP for Ashfield Tom Reed and Labour MP Ria Holt.",
     {("Tom Reed", "Noes"), ("Ria Holt", "Noes")}),
    ("Criticism came from Tom Reed.", {("Tom Reed", "Criticism")}),
    # choosing not to vote, each one listed
    ("Some Blue MPs decided not to vote at all, including Tom Reed and Ria Holt.",
     {("Tom Reed", "decided not to vote at all"), ("Ria Holt", "decided not to vote at all")}),
    # an organisation that acts
    ("Harbour Freight Airlines sued the city over the new levy.",
     {("Harbour Freight Airlines", "sued the city over the new levy")}),
    # an actor described by an appositive is one actor, by name; a group's appositive still lists its members
    ("Last year Governor Ann Hale, a Republican, signed a bill into law that bans the levy.",
     {("Ann Hale", "signed a bill into law that bans the levy")}),
    ("Harbour Freight, a Dutch haulage firm, sued the city over the new levy.",
     {("Harbour Freight", "sued the city over the new levy")}),
    ("The rebels, Tom Reed and Ann Hale, voted against the bill.",
     {("Tom Reed", "voted against the bill"), ("Ann Hale", "voted against the bill")}),
    # the people a plural role names after the body they lead ("the leaders of the X Group A and B")
    ("Among those who backed the amendment were the leaders of the New Radicals Miriam Foss and Danny Kell.",
     {("Miriam Foss", "backed the amendment"), ("Danny Kell", "backed the amendment")}),
    ("Among the names who backed the amendment were former minister Liz Tate, Robert Jenks and the leaders of the "
     "New Radicals Miriam Foss and Danny Kell.",
     {("Liz Tate", "backed the amendment"), ("Robert Jenks", "backed the amendment"),
      ("Miriam Foss", "backed the amendment"), ("Danny Kell", "backed the amendment")}),
    # one of a counted group defined by a vote, and each of several "among" such a group
    ("Former Health Secretary Ann Vale was one of 23 Conservative MPs to vote in favour of the levy.",
     {("Ann Vale", "vote in favour of the levy")}),
    ("Tom Reed and former Tory leader Sir Ian Dunmore were among the 35 Conservatives to vote against the levy.",
     {("Tom Reed", "vote against the levy"), ("Ian Dunmore", "vote against the levy")}),
    # a group's members listed after a dash, and the agent of a participle ("one submitted by X")
    ("More than 60 Tories backed the amendment, as did two independent MPs who were formerly in the party - Carl "
     "Hart and Dee Fry.", {("Carl Hart", "backed the amendment"), ("Dee Fry", "backed the amendment")}),
    ("Ann Lee backed two amendments, including one submitted by veteran Tory MP Sir Walter Grange.",
     {("Walter Grange", "one submitted")}),
    # the owner of a tax raid or of cuts, and plans confirmed
    ("Sir Keir Starmer is under pressure over his inheritance tax raid.", {("Keir Starmer", "tax raid")}),
    ("Ann Lee confirmed the plans at a summit in London.", {("Ann Lee", "confirmed the plans")}),
    # the members a counted group is said to include, and "A joined B in voting against it" (both did)
    ("Eleven Tory MPs including the sponsor of the Bill, Nora Quill, joined the Labour Party in voting against the "
     "levy.", {("Nora Quill", "voting against the levy"), ("Labour", "voting against the levy")}),
    ("Nine MPs, among them Tom Reed and Ann Vale, voted against the levy.",
     {("Tom Reed", "voted against the levy"), ("Ann Vale", "voted against the levy")}),
    ("Several backbenchers, including Carl Hart, backed the amendment.", {("Carl Hart", "backed the amendment")}),
    # a named actor described by what they stand for, whatever the sentence goes on to say
    ("Ann Lee, an outspoken opponent of the tourist tax, was re-elected on Tuesday.",
     {("Ann Lee", "an outspoken opponent of the tourist tax")}),
    ("Raj Patel is a longtime supporter of the levy.", {("Raj Patel", "a longtime supporter of the levy")}),
    ("Tom Reed, who has been a vocal critic of the plan, lost his seat.", {("Tom Reed", "a vocal critic of the plan")}),
    # "voted 5-2 to approve": the voters approve
    ("The Harbour Council voted 5-2 on Tuesday to approve the harbour wall.",
     {("Harbour Council", "approve the harbour wall")}),
    # the listed subject of a light verb: each casts the vote
    ("Council members Maria Lopez and Dan Whitaker cast the dissenting votes.",
     {("Maria Lopez", "dissenting votes"), ("Dan Whitaker", "dissenting votes")}),
    # idioms of backing: the verb, its object and what is backed
    ("Ann Lee has thrown her weight behind the harbour wall.",
     {("Ann Lee", "thrown her weight behind the harbour wall")}),
    ("Tom Bell gave the go-ahead for the harbour wall.", {("Tom Bell", "gave the go-ahead for the harbour wall")}),
    # a position verb the parser reads as an auxiliary before a gerund ("who oppose charging"), repaired
    ("Ann Lee, who opposes charging the tourist tax, was re-elected on Tuesday.",
     {("Ann Lee", "opposes charging the tourist tax")}),
    ("The Harbour Alliance, who oppose charging the tourist tax, called for a review of pay.",
     {("Harbour Alliance", "oppose charging the tourist tax"), ("Harbour Alliance", "called for a review of pay")}),
    ("The Harbour Alliance, which has opposed the tourist tax, called for a review of teacher pay.",
     {("Harbour Alliance", "opposed the tourist tax"), ("Harbour Alliance", "called for a review of teacher pay")}),
])
def test_reported_positions_of_every_actor(extract: Any, text: str, expected: set[tuple[str, str]]) -> None:
    got = _positions(extract(text))
    assert expected <= got, got


@pytest.mark.parametrize("text,not_expected", [
    # a plural role is not the one person the story named last
    ("Tory MP Walter Grange spoke first. Two independent MPs voted against the bill.", "Walter Grange"),
    # what a speaker says someone did is their quote, not a reported position of that someone
    ("Ann Lee said: “Tom Bell voted against the bill.”", "Tom Bell"),
    # the subject of a passive is what was acted on
    ("Ann Lee was rejected by the panel.", "Ann Lee"),
    # a counted group of a party's members is not the party acting
    ("Sixty Tories supported the amendment.", "Conservative"),
    # voting in a month, or a court ruling in someone's favour, is no side taken
    ("Ed Marsh voted in May.", "Ed Marsh"),
    ("Judge Ray Holt did not rule in Ann Lee's favour.", "Ray Holt"),
    # "they" after a group of people is those people, not the body named before them
    ("Two deputy chairs of the Redfield Party have resigned after they both supported the rebel amendments.",
     "Redfield Party"),
    # a law is what is acted on, not an actor
    ("The Clean Rivers Bill passed its third reading on Tuesday.", "Clean Rivers Bill"),
    # a noun inside the phrase is not the actor: "the sponsor of the Bill" is not the Bill
    ("Eleven Tory MPs including the sponsor of the Bill, Nora Quill, joined Labour in voting against the levy.",
     "Bill"),
    # a dash that does not open a list of names
    ("Two MPs from the north - a region hit hard by the closures - backed the plan after Ann Lee spoke.", "Ann Lee"),
    # a description with nothing it is of, or of a body named only by a common noun, is no position
    ("Ann Lee, a critic, was re-elected on Tuesday.", "Ann Lee"),
    ("The council, a longtime backer of the levy, met on Tuesday.", "council"),
])
def test_no_position_for_the_wrong_actor(extract: Any, text: str, not_expected: str) -> None:
    assert not any(s == not_expected for s, _ in _positions(extract(text))), _positions(extract(text))


@pytest.mark.parametrize("text,actor,party", [
    ("Last year Governor Ann Hale, a Republican, signed a bill into law that bans the levy.", "Ann Hale",
     "Republican"),
    ("Senator Tom Reed, a Democrat, voted against the bill.", "Tom Reed", "Democratic"),
])
def test_a_member_s_party_in_an_appositive_is_not_a_second_actor(extract: Any, text: str, actor: str,
                                                                  party: str) -> None:
    from onrecord.resolve.register import Register

    actors = {s for s, _ in _positions(extract(text, Register()))}  # the built-in register knows both parties
    assert actor in actors and party not in actors, actors


def test_each_actor_of_one_position_has_its_own_statement(extract: Any) -> None:
    quotes = [q for q in extract("Ann Lee and Tom Bell both voted against the bill.") if q.kind == "reported"]
    assert {q.speaker for q in quotes} == {"Ann Lee", "Tom Bell"}
    assert len({q.id for q in quotes}) == len(quotes)  # one span, two actors: two records
    for q in quotes:
        assert q.mention is not None and q.mention.span.text in {"Ann Lee", "Tom Bell"}
        assert q.cue is not None and q.cue.text == "voted"


def test_actions_are_positions_not_attributions(extract: Any) -> None:
    quotes = extract("Ann Lee sued the council over the levy. Tom Bell said the levy was unfair.")
    sued = [q for q in quotes if q.cue is not None and q.cue.text == "sued"]
    assert sued and all(q.action for q in sued)
    view = polnear_view(quotes)
    assert not any(q.action for q in view) and any("unfair" in q.span.text for q in view)


def test_what_two_people_said_together_is_each_one_s(extract: Any) -> None:
    quotes = extract("Ann Lee and Tom Bell both said they would support changes to toughen the bill.")
    said = [q for q in quotes if q.cue is not None and q.cue.text == "said"]
    assert {q.speaker for q in said} == {"Ann Lee", "Tom Bell"}
    assert len({q.id for q in said}) == 2 and len({q.span.text for q in said}) == 1
    assert sum(q.action for q in said) == 1  # the copy is left out of the PolNeAR view
    assert len([q for q in polnear_view(quotes) if q.cue is not None and q.cue.text == "said"]) == 1


def test_a_dash_before_a_name_is_not_part_of_it(extract: Any) -> None:
    speakers = {q.speaker for q in extract("Jane Moss voted against the bill, as did two independent MPs - Carl Hart "
                                           "and Dee Fry.")}
    assert {"Carl Hart", "Dee Fry"} <= speakers and not any(s and s.startswith("-") for s in speakers)


@pytest.mark.parametrize("text,speaker", [
    # an organisation's name is whole when its first word is a head noun joined to the rest
    ("The Board of Rural Nursing said that 92 of 152 nursing programmes are full.", "Board of Rural Nursing"),
    ("Nine states have done so, the Movement Equality Project said in a report.", "Movement Equality Project"),
    # a descriptor glued in front of a name is still taken off
    ("Campaign group Blue Labour said the plan was wrong.", "Blue Labour"),
    # a place acting as its government goes by the fullest form the story gives it
    ("Redfield County officials met on Tuesday. Redfield recommends that the city stop the program.",
     "Redfield County"),
    ("Officials in the City of Dunmore met. Dunmore has sued the airline over the new levy.", "City of Dunmore"),
    # both forms, one inside the other: the form the story uses most
    ("The City of Dunmore County office is shut. Dunmore County staff and Dunmore County judges met. Dunmore has "
     "sued the airline over the new levy.", "Dunmore County"),
])
def test_organisations_keep_their_whole_names(extract: Any, text: str, speaker: str) -> None:
    assert speaker in {q.speaker for q in extract(text)}, [(q.speaker, q.span.text) for q in extract(text)]



@pytest.mark.parametrize("text,person,body", [
    # someone named after the body's own name is a person of that body ...
    ("Among those who backed the amendment were the chairs of the Rural Caucus Helen Moss and Ian Reed.",
     "Helen Moss", None),
    # ... while a name after a descriptor that says what kind of body it is names the body
    ("Campaign group Blue Commons said the plan was wrong.", None, "Blue Commons"),
])
def test_a_name_after_a_body_s_name_is_a_person_and_after_its_kind_a_body(nlp: Any, text: str, person: str | None,
                                                                          body: str | None) -> None:
    from onrecord.extract.quotes import RuleExtractor
    from onrecord.models import Article
    from onrecord.resolve.register import Register

    _, facts = RuleExtractor(Register()).extract(Article(text=text, source="t.txt"), nlp(text))
    kinds = {f.name: f.kind for f in facts.values()}
    if person:
        assert kinds.get(person) == "person", kinds
    if body:
        assert kinds.get(body) == "organisation", kinds


@pytest.mark.parametrize("text,verb,gerund", [
    # a lexical verb tagged as an auxiliary of the gerund after it becomes the verb, the gerund its complement
    ("Critics, who oppose charging VAT, said it was unfair.", "oppose", "charging"),
    ("They oppose charging VAT on school fees.", "oppose", "charging"),
])
def test_a_verb_read_as_an_auxiliary_before_a_gerund_is_the_verb(nlp: Any, text: str, verb: str,
                                                                  gerund: str) -> None:
    doc = nlp(text)
    v = next(t for t in doc if t.text == verb)
    g = next(t for t in doc if t.text == gerund)
    assert v.pos_ == "VERB" and v.lemma_ == verb and g.head.i == v.i and g.dep_ == "xcomp", \
        [(t.text, t.pos_, t.dep_, t.head.i) for t in doc]
    assert any(c.dep_ == "nsubj" for c in v.children)


@pytest.mark.parametrize("text,verb,subject", [
    # a finite verb the parser hung on a noun after a comma, in a sentence rooted at a noun, is the main verb
    ("The Harbour Alliance, which has opposed the tourist tax, called for a review of teacher pay.", "called",
     "Alliance"),
    ("The Harbour Alliance, which opposes charging the tourist tax, called for a review of teacher pay.", "called",
     "Alliance"),
])
def test_a_main_verb_read_as_a_participle_of_a_fragment_is_the_root(nlp: Any, text: str, verb: str,
                                                                   subject: str) -> None:
    doc = nlp(text)
    v = next(t for t in doc if t.text == verb)
    s = next(t for t in doc if t.text == subject)
    assert v.dep_ == "ROOT" and s.head.i == v.i and s.dep_ == "nsubj", [(t.text, t.dep_, t.head.i) for t in doc]
    assert doc[-1].head.i == v.i  # (what followed the verb on the noun is the verb's)


@pytest.mark.parametrize("text,aux", [
    # a true auxiliary stays one
    ("They are charging VAT on school fees.", "are"),
    ("She has been charging fees.", "been"),
    ("They're charging VAT.", "'re"),
])
def test_an_auxiliary_before_a_gerund_stays_one(nlp: Any, text: str, aux: str) -> None:
    doc = nlp(text)
    a = next(t for t in doc if t.text == aux)
    assert a.dep_ == "aux" and a.head.text == "charging", [(t.text, t.pos_, t.dep_, t.head.i) for t in doc]
