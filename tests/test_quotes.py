"""Quote finding and attribution on small hand-written texts, one case per shape in the brief."""

from __future__ import annotations

from typing import Any

import pytest

from onrecord.extract.quotes import find_quote_marks, paragraphs
from onrecord.resolve.document import canonical_name

# (name, text, [(quoted words, kind, speaker)])
CASES: list[tuple[str, str, list[tuple[str, str, str | None]]]] = [
    ("curly direct after colon",
     "Labour MP Jane Smith said: “We need a ban on fracking now.”",
     [("We need a ban on fracking now.", "direct", "Jane Smith")]),
    ("straight marks",
     'Labour MP Jane Smith said: "We need a ban on fracking now."',
     [("We need a ban on fracking now.", "direct", "Jane Smith")]),
    ("two-apostrophe marks",
     "''The plan is a disgrace,'' said Tom Baker, a Conservative MP.",
     [("The plan is a disgrace,", "direct", "Tom Baker")]),
    ("quote first, said X",
     "“The plan is a disgrace,” said Tom Baker, a Conservative MP.",
     [("The plan is a disgrace,", "direct", "Tom Baker")]),
    ("quote first, X said",
     "Tom Baker spoke in the debate.\n\n“The plan is a disgrace,” Baker said.",
     [("The plan is a disgrace,", "direct", "Tom Baker")]),
    ("quote first with pronoun",
     "Anna Green, the Labour mayor, spoke on Monday.\n\n“We will not give up,” she said.",
     [("We will not give up,", "direct", "Anna Green")]),
    ("split by attribution",
     "“This is wrong,” said Lord Ferris. “It must stop.”",
     [("This is wrong,", "direct", "Lord Ferris"), ("It must stop.", "direct", "Lord Ferris")]),
    ("wrong-handed opening mark, mixed",
     "Sir Paul Hart said the council ” had failed the town” and should resign.",
     [("had failed the town", "mixed", "Paul Hart")]),
    ("mixed quote inside reported speech",
     "Ms Ruth Okoro said the scheme was “a cruel tax on families”.",
     [("a cruel tax on families", "mixed", "Ruth Okoro")]),
    ("nested single marks stay inside",
     "Mark Dunn said: “My mother used to say ‘home is people’, and she was right.”",
     [("My mother used to say ‘home is people’, and she was right.", "direct", "Mark Dunn")]),
    ("indirect with venue",
     "Green MP Ella Moss told BBC Radio Leeds that the council should scrap the fees.",
     [("the council should scrap the fees", "indirect", "Ella Moss")]),
    ("indirect said in a document that",
     "Councillor Ruth Ames wrote in a letter that the depot should close. Her lawyers said in a petition that the "
     "vote was void.",
     [("the depot should close", "indirect", "Ruth Ames"), ("the vote was void", "indirect", None)]),
    ("a relative clause of the document is not what was said",
     "Councillor Ruth Ames said in a letter that she sent on Monday.",
     []),
    ("what a body found or someone estimates is what they say",
     "The Harbour Institute found that rents rose by a third. Economist Ann Lee estimates that the levy will raise "
     "two million pounds.",
     [("rents rose by a third", "indirect", "Harbour Institute"),
      ("the levy will raise two million pounds", "indirect", "Ann Lee")]),
    ("a job's head word is the job, not the body it is at: 'the lab' is not its director",
     "Ann Lee, director of the Harbour Lab, spoke first. The lab found that rents rose by a third.",
     []),
    ("'the lab' is the lab the story has named, by its kind word",
     "Ann Lee, director of the Harbour Valley Housing Lab, spoke first.\n\nThe lab found that rents rose by a third.",
     [("rents rose by a third", "indirect", "Harbour Valley Housing Lab")]),
    ("... and no body where none of that kind was named",
     "Rents rose again this year.\n\nThe lab found that rents rose by a third.",
     []),
    ("the clause of a verb, hung off a phrase of time by the parser",
     "The Williams Institute estimated ahead of the 2022 midterm election that more than 200,000 voters may find "
     "it difficult to vote because of the new rules.",
     [("more than 200,000 voters may find it difficult to vote because of the new rules", "indirect",
       "Williams Institute")]),
    ("whom a document is sent to is not who wrote it",
     "“We were dismayed to learn of the plan,” states a draft of the letter to Mayor Tom Bell that can be seen "
     "online.",
     [("We were dismayed to learn of the plan,", "direct", None)]),
    ("... and the one it is from is",
     "“We oppose the plan,” says a letter from the Harbour Trust.",
     [("We oppose the plan,", "direct", "Harbour Trust")]),
    ("the client of a lawyer is not the lawyer",
     "The lawyer representing Ann Lee said that the judge could limit his ruling.",
     [("the judge could limit his ruling", "indirect", None)]),
    ("a document that finds or alleges is a source, named or not",
     "An analysis released in August of respondents to the 2024 Harbour Tenant Survey found that renters moved "
     "less often.\n\nA federal lawsuit filed against the Diocese of Dunmore alleged that the school expelled a pupil.",
     [("renters moved less often", "indirect", None), ("the school expelled a pupil", "indirect", None)]),
    ("what was said follows 'said', where the parser hangs the sentence before it under it too",
     "Senator Ann Cole questioned why Trump is firing judges at a time when there are millions of cases, including "
     "those awaiting final judgment — cases the president said he wanted to see resolved quickly.",
     [("questioned why Trump is firing judges at a time when there are millions of cases, including those awaiting "
       "final judgment", "reported", "Ann Cole"), ("firing judges", "reported", "Trump"),
      ("he wanted to see resolved quickly", "indirect", None)]),
    ("a place that owns a programme is its government, by its full name",
     "Dane County’s Breathe program gives participants $1,000 monthly for three years.\n\nL.A. County’s Hope "
     "program gives them $500.\n\nDane County’s weather was mild.",
     [("Breathe program", "reported", "Dane County"), ("Hope program", "reported", "Los Angeles County")]),
    ("a document that shows or indicates states a finding; a person who shows something does not",
     "A study by the nonprofit Harbour Research Group shows police are sent most often to the Quality Inn.\n\n"
     "The data indicate that rents fell by a third.\n\nAnn Lee shows that she cares.",
     [("police are sent most often to the Quality Inn", "indirect", "Harbour Research Group"),
      ("rents fell by a third", "indirect", None)]),
    ("verbs of telling a story or a thought out loud cue a quote",
     "“Jaws dropped,” Jim Baker, a consultant for the state, recounted at a recent public meeting.\n\n"
     "“We will win,” Ann Lee boasted.",
     [("Jaws dropped,", "direct", "Jim Baker"), ("We will win,", "direct", "Ann Lee")]),
    ("a ruling is a statement; an effort is a reported position; a body's bosses speak for it",
     "The UNHCR has ruled that these measures are in violation of international law.\n\nDunport Airport bosses "
     "have been trying to build a third runway for nearly 20 years.",
     [("these measures are in violation of international law", "indirect", "UNHCR"),
      ("trying to build a third runway for nearly 20 years", "reported", "Dunport Airport")]),
    ("what a role is called for short, in brackets, is no one else",
     "Jane Stevenson, a parliamentary private secretary (PPS) in the Department for Business and Trade, resigned "
     "from her role.",
     [("resigned from her role", "reported", "Jane Stevenson")]),
    ("whom someone observes or reminds of a quote did not say it",
     "Tom Bell observed the “silent protest against the levy” from the public gallery.\n\nAnn Lee reminded Tom Bell "
     "of his promise: “I will never back a council tax rise.”",
     [("I will never back a council tax rise.", "direct", None)]),
    ("what someone was asked to do is not what they did",
     "Tom Bell was asked to back the sugar levy.",
     []),
    ("the clause before 'said' is what was said, where it is no one's attribution of its own",
     "The levy is unfair, Ann Lee said on Monday, it punishes the poor.",
     [("The levy is unfair", "indirect", "Ann Lee")]),
    ("an effort around a position is one act, reported once by its own cue",
     "Tom Bell has been trying to block the third runway for years.",
     [("block the third runway for years", "reported", "Tom Bell")]),
    ("a relative clause of a phrase of time is not what was said",
     "Mayor Ann Lee said during a meeting that lasted an hour.",
     []),
    ("indirect without that",
     "Professor Ian Lowe has said she would not support another review of the rules.",
     [("she would not support another review of the rules", "indirect", "Ian Lowe")]),
    ("according to",
     "“The figures are wrong,” according to Lord Ferris, a former minister.",
     [("The figures are wrong,", "direct", "Lord Ferris")]),
    ("attribution closing the previous paragraph",
     "Labour MP Jane Smith spoke after the vote. She said:\n\n“We need a ban on fracking now.”",
     [("We need a ban on fracking now.", "direct", "Jane Smith")]),
    ("reported call for",
     "Labour MP Jane Smith has called for a national inquiry into the collapse.",
     [("called for a national inquiry into the collapse", "reported", "Jane Smith")]),
    ("reported rejected calls",
     "Home Secretary Amy Clark rejected calls for a public inquiry into the affair.",
     [("rejected calls for a public inquiry into the affair", "reported", "Amy Clark")]),
    ("organisation by its head noun",
     "The Harbour Traders Association met on Monday. In a statement, the association said the levy would “empty "
     "the high street.”",
     [("empty the high street.", "mixed", "Harbour Traders Association")]),
    ("the senator is the Senate leader named before, not a senator named after",
     "Senate Majority Leader Paul Greer spoke on Monday. According to a spokesperson for Greer, the senator "
     "supports the goal but not the timing.\n\nSen. Rita Vance said she will vote no.",
     [("supports the goal but not the timing", "reported", "Paul Greer"),
      ("she will vote no", "indirect", "Rita Vance")]),
    ("quote first, honorific with a full stop",
     "“A pastor is out in the community,” Mr. Brown said.\n\n''People make claims,'' Mrs. Ada Ruiz said, "
     "a hint of frustration in her voice. ''It is hard to judge.''",
     [("A pastor is out in the community,", "direct", "Brown"), ("People make claims,", "direct", "Ada Ruiz"),
      ("It is hard to judge.", "direct", "Ada Ruiz")]),
    ("an initial is not a sentence end",
     "“We will win,” John F. Kerr said.",
     [("We will win,", "direct", "John F. Kerr")]),
    ("a double-barrelled name keeps its hyphen, and its surname alone refers back",
     "Rep. Alexandria Ocasio-Cortez, D-N.Y., spoke on Monday.\n\n“We will fight,” Ocasio-Cortez said.\n\n"
     "Labour MP Anna Smith-Jones said the plan was wrong. “It is cruel,” Smith-Jones added.",
     [("We will fight,", "direct", "Alexandria Ocasio-Cortez"), ("the plan was wrong", "indirect", "Anna Smith-Jones"),
      ("It is cruel,", "direct", "Anna Smith-Jones")]),
    ("'the Republican said' is the Republican in focus, not the party",
     "Sen. Ann Cole, D-Texas, spoke first. Sen. Bob Hill, R-Utah, disagreed.\n\n“It is a sham,” the Republican "
     "said.\n\n“We will fight,” the Texas Democrat said.",
     [("It is a sham,", "direct", "Bob Hill"), ("We will fight,", "direct", "Ann Cole")]),
    ("someone's office speaks for them",
     "Sen. Ann Cole, D-Texas, was absent.\n\nThe senator's office said she opposed the bill.\n\n"
     "The Home Office said the rules would change.",
     [("she opposed the bill", "indirect", "Ann Cole"), ("the rules would change", "indirect", "Home Office")]),
    ("a few of a party's members are not the party",
     "Rep. Laura Whitfield, R-Ariz., spoke on Friday.\n\nThree Republicans said the bill spends too much.",
     [("the bill spends too much", "indirect", None)]),
    ("'one of three Republicans who voted' is the one named",
     "Rep. Laura Whitfield, R-Ariz., was one of three Republicans who voted against the border bill.",
     [("voted against the border bill", "reported", "Laura Whitfield")]),
    ("a mixed quote closed by 'said X' is X's, whatever the verb inside the sentence has for a subject",
     "Any harbour plan must explain “how dredging fits our climate commitments,” said Tom Reed, the MP for Portwick.",
     [("how dredging fits our climate commitments,", "mixed", "Tom Reed")]),
    ("a vote is a reported position",
     "Sen. Tom Briggs, R-Redding, voted against the budget bill.",
     [("voted against the budget bill", "reported", "Tom Briggs")]),
]


@pytest.mark.parametrize("name,text,expected", CASES, ids=[c[0] for c in CASES])
def test_quote_cases(extract: Any, name: str, text: str, expected: list[tuple[str, str, str | None]]) -> None:
    quotes = extract(text)
    got = [(q.span.text, q.kind, q.speaker) for q in quotes if q.kind != "reported" or
           any(k == "reported" for _, k, _ in expected)]
    assert got == expected
    for q in quotes:
        assert text[q.span.start : q.span.end] == q.span.text
        if q.mention is not None:
            assert text[q.mention.span.start : q.mention.span.end] == q.mention.span.text


MULTI = (
    "Labour MP Dan Walsh told the Northern Echo that it was time to act.\n\n"
    "He said: “Families have waited long enough for answers.\n\n"
    "“The public call for justice must be heeded.\n\n"
    "“We need the inquiry now.”\n\n"
    "The backbencher said the minister had “strong opinions” on the matter.\n\n"
    "“Nobody is listening,” he added.\n\n"
    "“This goes on and on.”"
)


def test_multi_paragraph_quote_and_continuation(extract: Any) -> None:
    quotes = extract(MULTI)
    direct = [q for q in quotes if q.kind == "direct"]
    assert [q.span.text for q in direct] == [
        "Families have waited long enough for answers.",
        "The public call for justice must be heeded.",
        "We need the inquiry now.",
        "Nobody is listening,",
        "This goes on and on.",
    ]
    assert {q.speaker for q in quotes} == {"Dan Walsh"}
    indirect = [q for q in quotes if q.kind == "indirect"]
    assert indirect and indirect[0].venue == "Northern Echo"
    mixed = [q for q in quotes if q.kind == "mixed"]
    assert [q.span.text for q in mixed] == ["strong opinions"]
    assert mixed[0].mention is not None and mixed[0].mention.span.text == "The backbencher"


ORG_AND_SPOKESPERSON = (
    "Campaign group Fair Homes called on the government to act. It said: “Every family deserves a home.”\n"
    "The Prime Minister’s spokesperson said the PM “does not believe a ban is the answer”."
)


def test_organisation_pronoun_and_spokesperson(extract: Any) -> None:
    quotes = extract(ORG_AND_SPOKESPERSON)
    by_text = {q.span.text: q for q in quotes}
    assert by_text["Every family deserves a home."].speaker == "Fair Homes"
    spoken = by_text["does not believe a ban is the answer"]
    assert spoken.speaker == "Simon Kettering"  # the register's Prime Minister
    assert spoken.mention is not None and spoken.mention.mouth is not None
    assert "spokesperson" in spoken.mention.mouth


@pytest.mark.parametrize("text,said,speaker", [
    # an unnamed spokesperson speaks for the organisation written in front, by its full name where the story has one
    ("Dunmore sued Skyway Airlines over its leave rules.\n\nA Skyway spokesperson told the paper that the claim "
     "was unfounded.", "the claim was unfounded", "Skyway Airlines"),
    ("A Harlow Group spokesman said the firm would appeal the ruling.", "the firm would appeal the ruling",
     "Harlow Group"),
    # "the spokesperson" later is the same one
    ("A Skyway spokesperson declined to comment on Monday.\n\n“We follow every law,” the spokesperson said in a "
     "statement.", "We follow every law,", "Skyway"),
    # a named spokesperson is the person
    ("“We will appeal,” an Acme spokeswoman, Ada Quist, said.", "We will appeal,", "Ada Quist"),
])
def test_an_unnamed_spokesperson_speaks_for_their_organisation(extract: Any, text: str, said: str,
                                                                 speaker: str) -> None:
    quotes = {q.span.text: q.speaker for q in extract(text)}
    assert quotes.get(said) == speaker, quotes


@pytest.mark.parametrize("text,said,speaker", [
    # a job the story gave someone in a title is that person later, whatever the job word
    ("City Attorney Bea Parks filed the lawsuit on Monday.\n\nThe city attorney claims that the rules were broken.",
     "the rules were broken", "Bea Parks"),
    ("County Assessor Mia Lund raised the rates.\n\nThe county assessor said the rates were fair.",
     "the rates were fair", "Mia Lund"),
    # an indefinite one is somebody else
    ("City Attorney Bea Parks filed the lawsuit.\n\nAn attorney for the workers said the rules were broken.",
     "the rules were broken", None),
    # officials of a named body speak for it; officials of nothing named are nobody in particular
    ("On Sunday, Redfield Power officials said they would provide a shuttle.", "they would provide a shuttle",
     "Redfield Power"),
    ("County officials said the plan was sound.", "the plan was sound", None),
    # a one-word brand with a capital inside is an organisation
    ("On Thursday, GasCorp announced that it was shutting off gas to 29 homes.",
     "it was shutting off gas to 29 homes", "GasCorp"),
    # a place that speaks or acts is its government; "recommends that …" reports what it says
    ("Redfield County recommends that families get their children tested for lead.",
     "families get their children tested for lead", "Redfield County"),
    # the subject of a participle in a "with" clause, not the subject of the sentence it hangs from
    ("The minister faces a backlash, with Tom Bell, MP for Leeds East, announcing via social media that he will "
     "vote against the levy.", "he will vote against the levy", "Tom Bell"),
])
def test_a_title_given_before_and_a_body_s_officials_name_the_speaker(extract: Any, text: str, said: str,
                                                                      speaker: str | None) -> None:
    quotes = {q.span.text: q.speaker for q in extract(text)}
    assert said in quotes and quotes[said] == speaker, quotes


def test_introduced_before_named(extract: Any) -> None:
    text = ("A Green MP has called for a ban on night flights.\n\n"
            "Residents say the noise is unbearable.\n\n"
            "Sam Reed, the MP for Lowfield, told the Lowfield Post that the airport had broken its promises.")
    quotes = extract(text)
    reported = [q for q in quotes if q.kind == "reported"]
    assert reported and reported[0].speaker == "Sam Reed"
    assert reported[0].mention is not None and reported[0].mention.span.text == "A Green MP"


def test_role_resolves_to_person_with_that_role(extract: Any) -> None:
    text = ("Home Secretary Amy Clark visited the town on Monday. Local MP Bob Stone met her.\n\n"
            "Asked about the plans, the Home Secretary added: “We are listening.”")
    quotes = extract(text)
    assert [(q.span.text, q.speaker) for q in quotes] == [("We are listening.", "Amy Clark")]


def test_pronoun_gender_skips_other_person(extract: Any) -> None:
    text = ("Ms Laura Penn met Mr Victor Hale in Leeds. Mr Hale spoke first.\n\n"
            "She told LBC: “The talks went well.”")
    quotes = extract(text)
    assert quotes[0].speaker == "Laura Penn"


def test_unnamed_speaker_keeps_its_mention(extract: Any) -> None:
    (quote,) = extract("“The leadership has lost the room,” one senior figure said.")
    assert quote.speaker is None
    assert quote.mention is not None and quote.mention.kind == "unresolved"
    assert quote.mention.span.text == "one senior figure"


def test_a_party_source_speaks_for_the_party(extract: Any) -> None:
    (quote,) = extract("“The leadership has lost the room,” a senior Labour source said.")
    assert quote.speaker == "Labour"
    assert quote.mention is not None and quote.mention.mouth == "a senior Labour source"


def test_scare_quotes_without_speaker_are_dropped(extract: Any) -> None:
    assert extract("The so-called “reform” has been delayed again.") == []


@pytest.mark.parametrize("words,expected", [
    (["Sir", "Keir", "Starmer"], "Keir Starmer"),
    (["Lord", "Glasman"], "Lord Glasman"),
    (["Professor", "Alexis", "Jay"], "Alexis Jay"),
    (["Ms", "Phillips"], "Phillips"),
    (["Dame", "Margaret", "Collier"], "Margaret Collier"),
])
def test_canonical_names(words: list[str], expected: str) -> None:
    assert canonical_name(words) == expected


def test_marks_unbalanced_run_to_paragraph_end() -> None:
    text = "She said: “This never closes\n\nNext paragraph."
    raws = find_quote_marks(text, paragraphs(text))
    assert [(text[r.start : r.end], r.close) for r in raws] == [("This never closes", None)]


def test_paragraph_that_reopens_runs_on() -> None:
    text = "He said: “One.\n\n“Two.”"
    raws = find_quote_marks(text, paragraphs(text))
    assert [r.runs_on for r in raws] == [False, True]


def test_venue_inside_a_post_and_role_title_kept(extract: Any) -> None:
    text = ("In a post on X, the Green Party said it had always opposed the scheme.\n\n"
            "But the Chancellor, Rachel Reeves, said the plan was “fantasy economics”.")
    quotes = extract(text)
    venues = {q.speaker: q.venue for q in quotes}
    assert venues.get("Green Party") == "X"
    assert "Rachel Reeves" in venues


def test_person_that_ner_missed_after_a_role(extract: Any) -> None:
    text = "Labour backbencher Nadia Whittome said: “It is shameful that it has taken this long.”"
    art_quotes = extract(text)
    assert [q.speaker for q in art_quotes] == ["Nadia Whittome"]


def test_dotted_titles_stay_whole(nlp: Any, example_register: Any) -> None:
    """'Capt.' and 'Reps.' are one token each, as 'Sen.' is, and a title kept as the person's role."""
    from onrecord.extract.quotes import RuleExtractor
    from onrecord.models import Article

    text = "“We will fight,” said Army Capt. Christian Pardo.\n\nReps. Darrell Issa said he would endorse him."
    doc = nlp(text)
    assert {"Capt.", "Reps."} <= {t.text for t in doc}
    quotes, facts = RuleExtractor(example_register).extract(Article(text=text, source="t.txt"), doc)
    assert [q.speaker for q in quotes] == ["Christian Pardo", "Darrell Issa"]
    assert "Captain" in facts["Christian Pardo"].roles and "Representative" in facts["Darrell Issa"].roles


def test_according_to_a_job_the_story_gave_someone_is_them(tmp_path: Any) -> None:
    from onrecord import pipeline
    from onrecord.store import open_store

    (tmp_path / "a.txt").write_text("City Attorney Bea Parks filed the lawsuit on Monday.\n\nAccording to the city "
                                    "attorney, the airline did not restore those hours.", "utf-8")
    st = open_store(str(tmp_path / "t.db"))
    pipeline.ingest(st, [tmp_path / "a.txt"])
    said = {q.span.text: q.speaker for q in st.quotes()}
    assert said.get("the airline did not restore those hours") == "Bea Parks", said


@pytest.mark.parametrize("text,said,speaker", [
    # an amount's unit with the sentence's full stop ("£2m.") ends the sentence: the next one's speaker is not the
    # previous sentence's
    ("The council plans to cut its library budget by £2m. Councillor Amy Fox said the cuts would hit the poor.",
     "the cuts would hit the poor", "Amy Fox"),
    ("The port earned $5m. Harbour master Tom Reed said the fees were too low.", "the fees were too low", "Tom Reed"),
])
def test_an_amount_s_unit_with_a_full_stop_ends_the_sentence(extract: Any, text: str, said: str,
                                                             speaker: str) -> None:
    found = extract(text)
    quotes = {q.span.text: q.speaker for q in found if q.kind != "reported"}
    assert quotes == {said: speaker}, quotes
    # (what the first sentence's subject does is theirs: "The council plans to cut …")
    assert all(q.speaker != speaker for q in found if q.kind == "reported"), found


@pytest.mark.parametrize("inner_cue,inner_speaker,kept", [
    # a tagger's statement cued by the voiced noun, inside the position the parse gives its actor, is that position
    ("expressed support for", "Helen Marsh", False),
    ("support", "Helen Marsh", False),
    # ... kept where it is the actor's own, or its cue voices nothing
    ("expressed support for", "Kent Chamber of Commerce", True),
    ("incinerator", "Helen Marsh", True),
])
def test_a_statement_inside_a_voiced_position_is_its_actor_s(inner_cue: str, inner_speaker: str, kept: bool) -> None:
    from onrecord.extract.quotes import _without_others_inside_an_act
    from onrecord.models import Quote, Span

    text = "The Kent Chamber of Commerce expressed support for the new incinerator. Dr Helen Marsh was there."
    at = text.index("expressed")
    act = Quote("a", Span(text[at : text.index(".")], at, text.index(".")), "reported",
                cue=Span("expressed", at, at + len("expressed")), id="act")
    act.speaker, act.action = "Kent Chamber of Commerce", True
    start = text.index("the new")
    cue_at = text.index(inner_cue.split()[0], at)
    inner = Quote("a", Span(text[start : text.index(".")], start, text.index(".")), "indirect",
                  cue=Span(inner_cue, cue_at, cue_at + len(inner_cue)), id="inner")
    inner.speaker = inner_speaker
    got = _without_others_inside_an_act([act, inner])
    assert (inner in got) is kept and act in got


def test_a_quote_running_on_from_one_no_one_said_is_no_one_s(extract: Any) -> None:
    # the open quote after a paragraph that names a new person without a cue is not the speaker before's, nor is
    # the paragraph it runs on into
    text = ("Trustee Ray Lund voted for the move. \"I think we got this right,\" Lund said.\n\n"
            "Maya Cho, a junior at the high school, read a page from one of the books, then sat down.\n\n"
            "\"I found this book when I was 14. It helped me more than I can say.\n\n"
            "\"Putting it on a high shelf just means the next kid never finds it.\"\n")
    quotes = extract(text)
    said = {q.span.text: q.speaker for q in quotes if q.kind == "direct"}
    assert said["I think we got this right,"] == "Ray Lund", said
    running = [s for t, s in said.items() if t.startswith(("I found", "Putting"))]
    assert running and all(s != "Ray Lund" for s in running), said
