"""Names typed by the whole document (onrecord.extract.names): boundaries, one type per name, evidence."""

from __future__ import annotations

from typing import Any

import pytest

from onrecord.models import Article


def _ents(nlp: Any, text: str) -> dict[str, str]:
    return {e.text: e.label_ for e in nlp(text).ents}


def _said_by(extract: Any, text: str, said: str) -> list[tuple[str | None, str]]:
    """(speaker, words) of each statement extracted from ``text`` whose words hold ``said``."""
    return [(q.speaker, q.span.text) for q in extract(text) if said in q.span.text]


def _all_said_by(extract: Any, text: str, said: str, speaker: str | None) -> None:
    """Some statement of ``text`` holds ``said``, and every one that does is given to ``speaker`` (None: no one)."""
    got = _said_by(extract, text, said)
    assert got and all(who == speaker for who, _ in got), got


@pytest.mark.parametrize("text,name", [
    # a title in front of a name is a role, not part of the name
    ("Councillor Nadia Brook said: “The depot must stay open.”", "Nadia Brook"),
    ("Supervisor Dennis Ockley defended the plan on Tuesday.", "Dennis Ockley"),
    ("Superintendent Carla Mendes said the schools would reopen.", "Carla Mendes"),
    # a surname later in the story is the same person, whatever the tagger made of one mention
    ("Lorna Vesk has run the bakery for twenty years.\n\n“We are tired of waiting,” Vesk said.", "Vesk"),
    # an appositive or an age describes a person
    ("Tamsin Orrell, a nurse at the clinic, said the cuts would hurt.", "Tamsin Orrell"),
    ("Ossian Trevelyan, 54, told the council he would sue.", "Ossian Trevelyan"),
    # a first name the census gives one gender, in a list with a person's name
    ("Several Labour backbenchers, including Andy McDonald and Nadia Whittome, also criticised the plan.",
     "Nadia Whittome"),
])
def test_people_are_people(nlp: Any, text: str, name: str) -> None:
    ents = _ents(nlp, text)
    assert ents.get(name) == "PERSON", ents
    assert not any(k.split()[0] in {"Councillor", "Supervisor", "Superintendent"} for k in ents), ents


@pytest.mark.parametrize("text,name", [
    # an organisation's name runs over "of" and the capitalised words before it
    ("The rules were written by the Office of Rural Water Safety last year.", "Office of Rural Water Safety"),
    ("A report by the Coalition for Fair Housing found that rents rose.", "Coalition for Fair Housing"),
    # an organisation's head word, and a descriptor in front of it
    ("Harbour Freight Airlines said it complies with the law.", "Harbour Freight Airlines"),
    # a joint name the tagger took half of
    ("Some 73% of voters in the Reuters/Ipsos poll said they were excited.", "Reuters/Ipsos"),
    ("A Bloomberg News/Morning Consult poll showed that Hale led in Georgia.", "Bloomberg News/Morning Consult"),
])
def test_organisations_are_whole(nlp: Any, text: str, name: str) -> None:
    ents = _ents(nlp, text)
    assert ents.get(name) == "ORG", ents


@pytest.mark.parametrize("text,name", [
    ("The Lib Dems said the plan was unfair.", "Lib Dems"),            # a party is never a person
    ("Campaign group Green Commons said it would fight the plan.", "Green Commons"),
    ("China said on Monday that it would respond.", "China"),          # a place that speaks stays a place
    ("Florida passed the law in May. Fairness Florida said it was cruel.", "Florida"),
])
def test_these_are_not_people(nlp: Any, text: str, name: str) -> None:
    assert _ents(nlp, text).get(name) != "PERSON"


@pytest.mark.parametrize("text,word", [
    # a plural noun capitalised only as its sentence's first word names no one
    ("The Harbour Bill passed on Tuesday.\n\nCampaigners led by Raj Patel have vowed to fight it.", "Campaigners"),
    ("Vacancies made the board's work harder, Ann Lee said.", "Vacancies"),
])
def test_a_plural_noun_first_in_its_sentence_is_no_name(nlp: Any, text: str, word: str) -> None:
    assert word not in _ents(nlp, text), _ents(nlp, text)


@pytest.mark.parametrize("first,gender", [("Rachel", "f"), ("Thomas", "m"), ("Lee", None), ("Zqxw", None)])
def test_a_first_name_gives_a_gender_only_when_the_name_lists_agree(first: str, gender: str | None) -> None:
    from onrecord.extract.lexicon import first_name_gender

    assert first_name_gender(first) == gender


def test_she_finds_the_woman_named_before_the_man(extract: Any) -> None:
    quotes = extract("Rachel Moss backed the depot plan on Monday. Tom Baker warned the plan would be damaging. "
                     "Laying out her support for the plan, she said it was badly needed.")
    said = [q for q in quotes if "badly needed" in q.span.text]
    assert said and said[0].speaker == "Rachel Moss", [(q.speaker, q.span.text) for q in quotes]


@pytest.mark.parametrize("text,said,speaker", [
    # a first name alone, after the full name: the one person introduced with it ("Sir Keir", a feature's "Maria")
    ("Prime Minister Sir Ivo Stanmore announced the plan.\n\nSir Ivo said the plan was “a huge opportunity”.",
     "a huge opportunity", "Ivo Stanmore"),
    ("Maria Delgado runs the shelter.\n\n“We are full every night,” Maria said.", "We are full every night,",
     "Maria Delgado"),
    # two people share it: neither of them
    ("Ann Lee and Ann Moss met on Monday. Ann said it went well.", "it went well", None),
])
def test_a_first_name_alone_is_the_one_person_introduced_with_it(extract: Any, text: str, said: str,
                                                                 speaker: str | None) -> None:
    quotes = {q.span.text: q.speaker for q in extract(text)}
    assert said in quotes, quotes
    if speaker is None:
        assert quotes[said] not in {"Ann Lee", "Ann Moss"}, quotes
    else:
        assert quotes[said] == speaker, quotes


@pytest.mark.parametrize("text,body,person", [
    ("The leaders of the Hill Reform Group Ann Lowe and Tom Bell spoke.", "Hill Reform Group Ann Lowe", "Ann Lowe"),
    ("The chairs of the Rural Caucus Helen Moss and Ian Reed spoke.", "Rural Caucus Helen Moss", "Helen Moss"),
])
def test_a_person_the_tagger_ran_onto_a_body_s_name_is_a_person(nlp: Any, text: str, body: str, person: str) -> None:
    from spacy.tokens import Span

    from onrecord.extract.names import retype

    doc = nlp(text)
    start = text.index(body)
    glued = doc.char_span(start, start + len(body))
    assert glued is not None
    doc.ents = [Span(doc, glued.start, glued.end, label="ORG")]  # as the tagger gives it
    ents = {e.text: e.label_ for e in retype(doc).ents}
    assert ents.get(person) == "PERSON" and ents.get(body[: -len(person)].strip().removeprefix("the ")) == "ORG", ents


@pytest.mark.parametrize("name", ["Friends of Victoria Park", "Marie Curie Cancer Care", "Labour MP Dan Carden"])
def test_a_body_s_name_that_holds_a_first_name_is_not_split(nlp: Any, name: str) -> None:

    from onrecord.extract.names import _person_after_body

    doc = nlp(f"{name} said the plan was wrong.")
    span = doc.char_span(0, len(name))
    assert span is not None
    assert not _person_after_body(doc, span.start, span.end)


@pytest.mark.parametrize("label", ["WORK_OF_ART", "PRODUCT"])
def test_a_first_and_last_name_the_tagger_took_for_a_title_is_a_person(nlp: Any, label: str) -> None:
    from spacy.tokens import Span

    from onrecord.resolve.document import DocEntities
    from onrecord.resolve.register import Register

    doc = nlp("Tonya Marsh, a former aide, failed to qualify. Marsh said she would appeal.")
    doc.ents = [Span(doc, 0, 2, label=label), Span(doc, 11, 12, label=label)]
    ents = DocEntities(doc, Register())
    assert ents.facts.get("Tonya Marsh") is not None and ents.facts["Tonya Marsh"].kind == "person", ents.facts
    # ... where two words that do not start with a first name stay what the tagger said
    doc = nlp("Blue Harbour, a new play, opened on Friday.")
    doc.ents = [Span(doc, 0, 2, label=label)]
    assert "Blue Harbour" not in DocEntities(doc, Register()).facts


def test_the_state_s_department_is_named_by_the_state_the_story_names(extract: Any) -> None:
    quotes = extract("Last year, Oregon Gov. Ann Reyes signed the bill. The state’s Department of Public Safety "
                     "issued a rule barring jet skis from the lakes.\n\nIn Idaho, which has no such law, the "
                     "state’s Department of Parks and Recreation issued a rule allowing them.")
    speakers = {q.speaker for q in quotes if q.kind == "reported" and "rule" in q.span.text}
    # two different bodies, each named whole by its own state; "the state's Department" joins neither to the other
    assert speakers == {"Oregon Department of Public Safety", "Idaho Department of Parks and Recreation"}, speakers


COUNSEL_STORY = ("Maria Ortiz wants a place on the Riverton ballot. The Dane County Board of Elections rejected "
                 "four of her signatures.\n\nOrtiz’s lawyers, from the firm Halvorsen Legal Partners, said in a "
                 "petition that the signatures were valid.\n\n“A misspelled street is no reason to silence a "
                 "voter,” the lawyers wrote in their brief.\n\nThe county attorneys countered that the law requires "
                 "a printed name.\n\nHer attorneys said the forms were hard to get. Ortiz’s lawyers also argued "
                 "that the deadline was too short.")


@pytest.mark.parametrize("said,speaker", [
    ("the signatures were valid", "Halvorsen Legal Partners"),  # "lawyers, from the firm X": the firm speaks
    ("A misspelled street", "Halvorsen Legal Partners"),  # "the lawyers wrote", a sentence on
    ("the law requires a printed name", "Dane County"),  # "the county attorneys": the county, not its board
    ("the forms were hard to get", "Halvorsen Legal Partners"),  # "her attorneys": Ortiz's counsel
    ("the deadline was too short", "Halvorsen Legal Partners"),  # "Ortiz's lawyers"
])
def test_a_group_speaks_for_the_body_it_is_from(extract: Any, said: str, speaker: str) -> None:
    quotes = [q for q in extract(COUNSEL_STORY) if said in q.span.text]
    assert [q.speaker for q in quotes] == [speaker]


@pytest.mark.parametrize("text,said", [
    ("The lawyers said the ruling was wrong.", "the ruling was wrong"),  # no counsel named before: no name
    ("Ana Reyes lost the vote. Her lawyers said the count was wrong.", "the count was wrong"),
])
def test_a_group_of_no_known_body_is_not_named(extract: Any, text: str, said: str) -> None:
    got = _said_by(extract, text, said)
    assert got and all(who is None for who, _ in got), got


@pytest.mark.parametrize("text,speaker", [
    ("The Tradewell group said the levy would hurt small shops.", "Tradewell group"),
    ("The NUT union said the plan would leave schools short of staff.", "NUT union"),
    # a party's group is the party's business, not a body of its own
    ("The Labour group said the plan would leave schools short of staff.", None),
])
def test_a_body_named_with_its_kind_speaks_by_both(extract: Any, text: str, speaker: str | None) -> None:
    quotes = [q for q in extract(text) if q.kind == "indirect"]
    assert quotes and quotes[0].speaker != "Labour group" and (speaker is None or quotes[0].speaker == speaker), \
        [(q.speaker, q.span.text) for q in quotes]


def test_the_constituency_s_mp_is_a_role_not_a_name(nlp: Any, example_register: Any) -> None:
    from spacy.tokens import Span

    from onrecord.resolve.document import DocEntities

    doc = nlp("Ann Cole attacked the plan. The Wexcombe MP claimed small farms would be sold off.")
    mp = next(t.i for t in doc if t.text == "MP")
    # the tagger's error the rule is for: the constituency and "MP" read as a person's name
    doc.ents = [e for e in doc.ents if e.end <= mp - 1] + [Span(doc, mp - 1, mp + 1, label="PERSON")]
    facts = DocEntities(doc, example_register).facts
    assert "Wexcombe MP" not in facts and "Ann Cole" in facts, list(facts)


@pytest.mark.parametrize("text,said,speaker", [
    # a kind word names a body only as "the county …", and only the one of that kind the story has in view
    ("The European Union agreed a trade deal with Canada.\n\nUnion leaders said the strike at the port would go "
     "ahead.", "the strike", None),
    ("Westford City beat Arsenal 2-0 on Saturday.\n\nCity officials said the car park would open in 2026.",
     "the car park", None),
    ("The Department for Education said schools would get more money.\n\nHealth department officials said waiting "
     "lists had fallen.", "waiting lists", None),
    # a body named after the group beats the kind word in front of it
    ("The Hartley Construction Company won the bridge contract.\n\nCompany executives at a rival firm, Brookfield "
     "Ltd, said the tender was unfair.", "the tender was unfair", "Brookfield Ltd"),
    # another client's "her attorneys" are not the counsel named for the first
    ("Jane Doe sued the hospital. Her lawyers, from Kaufman Legal Group, said the hospital ignored warnings.\n\nA "
     "second patient, Mary Roe, filed a claim with a different firm. Her attorneys said the case would go to trial.",
     "the case would go to trial", None),
    # a body of a kind with no name of its own is no named body
    ("In Leeds, the hospital trust cancelled 200 operations.\n\nIn Bradford, a different NHS trust said it had "
     "cancelled none.", "it had cancelled none", None),
])
def test_a_group_or_kind_names_no_body_it_cannot_be_sure_of(extract: Any, said: str, text: str,
                                                              speaker: str | None) -> None:
    _all_said_by(extract, text, said, speaker)


def test_a_surname_that_is_also_a_role_word_is_still_a_name(extract: Any) -> None:
    quotes = extract("Campaigner Amy Peer said the plan would fail.")
    assert [q.speaker for q in quotes] == ["Amy Peer"]


def test_an_organisation_the_tagger_cut_short_keeps_its_whole_name(nlp: Any) -> None:
    from spacy.tokens import Span

    from onrecord.resolve.document import DocEntities
    from onrecord.resolve.register import Register

    doc = nlp("Though data from the county is limited, the Harbour Guaranteed Housing Lab tracks 31 programs.")
    lab = next(t.i for t in doc if t.text == "Lab")
    # the tagger's error the rule is for: only the head word read as the name
    doc.ents = [Span(doc, lab, lab + 1, label="ORG")]
    facts = DocEntities(doc, Register()).facts
    assert "Harbour Guaranteed Housing Lab" in facts and "Lab" not in facts, list(facts)


def test_a_name_the_tagger_took_for_a_person_but_written_as_the_owner_of_a_body_is_that_body(nlp: Any) -> None:
    from onrecord.extract import tagged

    owner = "Brown"

    text = (f"Ann Boyd is director of {owner}’s Center for Housing Research.\n\n"
            f"Prices fell in the first year, according to {owner}’s research.")
    quotes, _ = tagged.HybridExtractor().extract(Article(text=text, source="t.txt"), nlp(text))
    assert [(q.speaker, q.span.text) for q in quotes] == [(f"{owner} Center for Housing Research",
                                                          "Prices fell in the first year")]
    # ... but not where the story names a person of that name
    text = f"John {owner} runs a shop. " + text
    quotes, _ = tagged.HybridExtractor().extract(Article(text=text, source="t.txt"), nlp(text))
    assert [q.speaker for q in quotes if q.span.text.startswith("Prices")] == [f"John {owner}"]


def test_someone_described_as_the_chair_of_a_committee_is_a_person(extract: Any) -> None:
    quotes = extract("Director Ann Vale, the chair of the district’s facilities committee, said the pipes were old."
                     "\n\n“This is not new to Dunmore,” she said.")
    assert [q.speaker for q in quotes] == ["Ann Vale", "Ann Vale"]
    # ... where a body named by its kind is a body
    quotes = extract("The advocacy group Harbour Watch said the pipes were old.")
    assert [q.speaker for q in quotes] == ["Harbour Watch"]


@pytest.mark.parametrize("text,said,speaker", [
    # a body the story named, named again by its initials where the tagger reads no name
    ("Members of the International Coral Reef Initiative met on Monday, the group said.\n\nThe reefs are dying, "
     "said the ICRI, a mix of governments and groups.", "The reefs are dying", "International Coral Reef Initiative"),
    # ... and initials that fit no body named stay unnamed
    ("The reefs are dying, said the ICRI, a mix of governments and groups.", "The reefs are dying", None),
])
def test_a_body_named_again_by_its_initials_is_the_same_body(extract: Any, text: str, said: str,
                                                            speaker: str | None) -> None:
    assert [q.speaker for q in extract(text) if q.span.text == said] == [speaker]


def test_someone_a_pronoun_has_named_keeps_that_gender(extract: Any) -> None:
    # "Kipp" gives no gender; "she" resolved to Kipp Kahlia says which, so the later "he" is the other one
    quotes = extract("When Kipp Kahlia wanted to lease a new car, she went to Arredondo, who helped her.\n\n"
                     "“People need help with normal things,” he said.")
    assert [q.speaker for q in quotes] == ["Arredondo"]


def test_a_speaker_after_the_quote_is_not_a_subject_the_parser_found_inside_it(extract: Any) -> None:
    # the parser gives "said" two subjects here: "ability", inside the quote, and "Marlow"
    quotes = extract("Ann Marlow, the director of learning at the district, spoke on Monday.\n\n“Whenever a child "
                     "presents inside a classroom, all of those things come with that child. And all of those things "
                     "are impacting their ability to engage, their ability to receive information and process it and "
                     "retain it,” Marlow said.")
    assert [q.speaker for q in quotes] == ["Ann Marlow"]


def test_the_seat_an_mp_is_for_is_not_part_of_their_name(extract: Any) -> None:
    quotes = extract("Other notable Noes came from Reform MP for Ashfield Lee Anderson and the Workers Party MP for "
                     "Rochdale George Galloway.")
    assert {q.speaker for q in quotes} == {"Lee Anderson", "George Galloway"}


@pytest.mark.parametrize("written,name", [("Commons.", "Commons"), ("Acme Inc.", "Acme Inc."), ("D.C.", "D.C.")])
def test_a_full_stop_left_on_a_name_is_not_part_of_it(written: str, name: str) -> None:
    from onrecord.resolve.document import _clean

    assert _clean(written) == name


@pytest.mark.parametrize("text,said,speaker", [
    # who someone works with or for is who speaks through them; a document's topic is not its author
    ("An attorney with the American Civil Liberties Union said the rule was unfair.", "the rule was unfair",
     "American Civil Liberties Union"),
    ("A study published by the Williams Institute found that rents rose by a third.", "rents rose by a third",
     "Williams Institute"),
    ("“We oppose the plan,” says a letter to Mayor Tom Bell.", "We oppose the plan,", None),
    ("The lawyer representing Ann Lee said that the judge could limit his ruling.",
     "the judge could limit his ruling", None),
])
def test_who_a_phrase_names_as_its_speaker(extract: Any, text: str, said: str, speaker: str | None) -> None:
    assert [q.speaker for q in extract(text) if q.span.text == said] == [speaker]


def test_a_gender_is_learned_only_from_the_subject_of_a_main_clause(extract: Any) -> None:
    quotes = extract("Taylor Brooks presented the budget on Monday.\n\nJordan Reyes praised her work.\n\n"
                     "“It was the best budget in years,” he said.")
    assert [q.speaker for q in quotes if q.kind == "direct"] == ["Jordan Reyes"]


def test_a_company_written_with_its_owner_s_name_does_not_take_the_owner_s_place(extract: Any) -> None:
    quotes = extract("Murdoch’s News Corp owns the paper.\n\nMurdoch said the paper would close next year.")
    assert [q.speaker for q in quotes if "close" in q.span.text] == ["Murdoch"]


POLL_STORY = ("Ann Hale leads Tom Reed 46% to 40% in a Marlowe/Kettering poll published on Tuesday.\n\n"
              "The new poll, which was taken over six days, showed that Hale had gained among older voters.\n\n"
              "A separate Greystone Research survey published on Wednesday showed that Reed led in rural areas.\n\n"
              "That survey also showed that most voters had not yet decided.\n\n"
              "A Harbour Gazette investigation published in March found that the county had lost the records.\n\n"
              "A report by the Fenwick Institute said that rents had risen by a third. The report also said that "
              "wages had stalled.")


@pytest.mark.parametrize("said,speaker", [
    ("Hale had gained among older voters", "Marlowe/Kettering"),  # "the new poll": the last poll named
    ("Reed led in rural areas", "Greystone Research"),  # a document speaks for its author
    ("most voters had not yet decided", "Greystone Research"),  # "that survey", a paragraph on
    ("the county had lost the records", "Harbour Gazette"),
    ("rents had risen by a third", "Fenwick Institute"),  # "a report by X"
    ("wages had stalled", "Fenwick Institute"),
])
def test_a_poll_or_report_speaks_for_its_author(extract: Any, said: str, speaker: str) -> None:
    quotes = [q for q in extract(POLL_STORY) if said in q.span.text]
    assert [q.speaker for q in quotes] == [speaker]


@pytest.mark.parametrize("text,said", [
    # a date in front of the author is not the author; a poll with no author named before stays unnamed
    ("A late July Kettering poll had Hale ahead.\n\nThe new survey showed that Reed had gained among women.",
     "Reed had gained among women"),
    ("The poll showed that Reed had gained among women.", "Reed had gained among women"),
    ("A Greystone Research poll had Hale ahead in May.\n\nThe new survey showed that Reed had gained among women.",
     "Reed had gained among women"),  # a survey is not the poll named before
])
def test_a_document_of_no_known_author_names_no_one(extract: Any, text: str, said: str) -> None:
    got = _said_by(extract, text, said)
    assert got and all(who is None for who, _ in got), got


@pytest.mark.parametrize("text,said", [
    ("Some 41% of voters in the poll - and 70% of Democrats - said they were worried about the ban.",
     "they were worried about the ban"),
    ("Half of the Greens on the council said that the bill went too far.", "the bill went too far"),
    ("Two-thirds of Republicans said that the bill went too far.", "the bill went too far"),
])
def test_a_share_of_a_group_is_not_the_group_or_its_party(extract: Any, text: str, said: str) -> None:
    got = _said_by(extract, text, said)
    assert got and all(who is None for who, _ in got), got


@pytest.mark.parametrize("text,speaker", [
    # a pronoun in a clause of its own is first the one its sentence has just named ...
    ("Roy Bell ran the club for years.\n\nThe game never lost its pull for Sam Okafor, even as he moved away for "
     "college. “I would not be here without the people,” he said.", "Sam Okafor"),
    # ... while the subject of the main clause still looks back to who the story is about
    ("Roy Bell ran the club for years.\n\nIn all his years of coaching Sam Okafor, he never saw him miss a game. "
     "“He was always there,” he said.", "Roy Bell"),
])
def test_a_pronoun_in_a_clause_of_its_own_takes_the_name_its_sentence_just_gave(extract: Any, text: str,
                                                                                speaker: str) -> None:
    assert [q.speaker for q in extract(text) if q.kind == "direct"] == [speaker]


@pytest.mark.parametrize("text,said", [
    # a place that acts is named whole, "of" and all, and the place's kind word does not cut it short
    ("The City of Port Ellis said on Monday that the roads would stay closed.", "the roads would stay closed"),
    ("The City of Port Ellis sued the airline in May.\n\nThe city attorneys said that the airline broke the law.",
     "the airline broke the law"),
])
def test_a_city_of_somewhere_is_named_whole(extract: Any, text: str, said: str) -> None:
    assert [q.speaker for q in extract(text) if said in q.span.text] == ["City of Port Ellis"]


@pytest.mark.parametrize("text,said,speaker", [
    # "according to" a document: its author, however the phrase is cut ...
    ("The chain was estimated to have spent $3 billion on advertising in 2023 alone, according to estimates from "
     "Halden Research.", "The chain was estimated", "Halden Research"),
    # ... never whom it is sent to
    ("The plan will cost more than expected, according to a letter to Mayor Tom Bell.",
     "The plan will cost", None),
    # (whom someone speaks or works for is who speaks through them)
    ("The product was safe, according to a spokeswoman speaking for Acme Corp.", "The product was safe", "Acme Corp"),
])
def test_according_to_a_document_names_its_author(nlp: Any, text: str, said: str, speaker: str | None) -> None:
    from onrecord.extract import tagged

    quotes, _ = tagged.HybridExtractor().extract(Article(text=text, source="t.txt"), nlp(text))
    assert [q.speaker for q in quotes if q.span.text.startswith(said)] == [speaker]


def test_a_source_cut_at_a_document_still_names_the_document_s_author(nlp: Any, example_register: Any) -> None:
    from onrecord.extract import tagged
    from onrecord.extract.tagger import TaggedAttribution
    from onrecord.resolve.document import DocEntities

    doc = nlp("Rents rose by a third in 2023, according to estimates from Halden Research.")
    at = {t.text: t.i for t in doc}
    cut = TaggedAttribution([(0, at["according"] - 1)], (at["according"], at["to"] + 1),
                            (at["estimates"], at["estimates"] + 1))  # the source cut at its head word
    r = tagged._speaker(doc, DocEntities(doc, example_register), cut)
    assert r is not None and r.key == "Halden Research"


@pytest.mark.parametrize("text,said,speaker", [
    # "…, he said, …" looks back to who the story is about, not to a name earlier in its own sentence
    ("Dan Ortiz spoke on Tuesday. Ben Shaw's offer was an insult, he said, and the union would strike.",
     "Ben Shaw's offer", "Dan Ortiz"),
    ("Acme Corp responded on Monday. The lawsuit filed by Beta Inc, it said, was baseless.", "The lawsuit",
     "Acme Corp"),
    # a document of no author named in between: "the study" is that one, not the one before
    ("A Harvard study found that the drug cut deaths. A second study, published in May, reached a different "
     "conclusion. The study found that the drug had no effect.", "the drug had no effect", None),
    # what an investigation looks into is not who ran it; a possessive is
    ("Federal regulators widened the Tesla investigation in May. The investigation found that the cars braked late.",
     "the cars braked late", None),
    ("The Trump investigation found that the documents were kept in a bathroom.", "the documents were kept", None),
    ("The FBI's investigation found that the files were missing.", "the files were missing", "FBI"),
])
def test_who_speaks_through_a_clause_or_a_document_is_not_guessed(text: str, said: str, speaker: str | None) -> None:
    import tempfile
    from pathlib import Path

    from onrecord.eval.realnews import run_article

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.txt"
        path.write_text(text, encoding="utf-8")
        export = run_article(path, [])[""]
    found = [q["speaker"] for d in export["documents"] for q in d["quotes"] if q["text"].startswith(said) or
             said in q["text"]]
    assert found == [speaker]


@pytest.mark.parametrize("text,said,speaker", [
    # a sentence closing a paragraph with a colon introduces the quote that opens the next: who puts out a statement
    # of their own, with no verb of saying ...
    ("The count ended on Friday.\n\nTom Bell, who chairs the caucus, released this statement after the result:\n\n"
     "“I want to thank the voters who backed me. It has been an honour to serve them.”", "I want to thank", "Tom Bell"),
    # ... not whoever received or passed on someone else's words
    ("Rachel Moore has rented the flat since 2019.\n\nMoore received an email from her landlord, Gary Fisher, last "
     "month:\n\n“The rent will rise by 30 per cent from January.”", "The rent will rise", None),
    ("Jo Butler is a councillor in Leeds.\n\nButler shared the abusive message she had been sent overnight:\n\n"
     "“You will regret standing for election.”", "You will regret", None),
    # a quote of no cue after a sentence someone said is left unnamed: a reply, a placard, a chant can follow it
    ("Kemi Badenoch asked Keir Starmer whether he would reverse the cut. “We will not reverse the cut.”",
     "We will not reverse", None),
])
def test_a_quote_of_no_cue_is_introduced_by_the_sentence_before_it(extract: Any, text: str, said: str,
                                                                   speaker: str | None) -> None:
    assert [q.speaker for q in extract(text) if q.span.text.startswith(said)] == [speaker]


def test_a_name_the_tagger_ran_onto_the_next_word_or_gave_a_common_noun_is_no_name(nlp: Any) -> None:
    # "the council on Monday" read as one organisation: no "council on", and a lower-case "council" is no name
    ents = _ents(nlp, "The plan was announced by the council on Monday.")
    assert not any(k.lower().startswith("council") for k in ents), ents


def test_a_name_the_tagger_types_both_ways_takes_its_clear_majority(nlp: Any) -> None:
    from spacy.tokens import Span

    from onrecord.extract.names import retype

    doc = nlp.make_doc("Zentro grew. Zentro hired. Zentro sold. Zentro lost. Zentro won.")
    for _name, proc in nlp.pipeline:
        if _name != "onrecord_names":
            doc = proc(doc)
    at = [t.i for t in doc if t.text == "Zentro"]
    doc.ents = [Span(doc, i, i + 1, label="PERSON" if k == 0 else "ORG") for k, i in enumerate(at)]
    assert {e.label_ for e in retype(doc).ents if e.text == "Zentro"} == {"ORG"}
    doc.ents = [Span(doc, i, i + 1, label="PERSON" if k < 2 else "ORG") for k, i in enumerate(at)]
    assert {e.label_ for e in retype(doc).ents if e.text == "Zentro"} == {"PERSON", "ORG"}  # 2 to 3: no majority


COMPANY_STORY = ("Hexmoor Systems makes payment terminals. Hexmoor Systems sells to banks in Kettering and Leeds, "
                 "and Hexmoor Systems has 3,000 staff. It works with the Tilbury Council.\n\n"
                 "Last year, the company said that a fifth of its revenue came from exports.\n\n"
                 "Sales fell by a tenth, according to the company.")


@pytest.mark.parametrize("text,said,speaker", [
    # "the company": the business the story has named most, when one stands out
    (COMPANY_STORY, "a fifth of its revenue", "Hexmoor Systems"),
    # two businesses named as often: no one
    ("Quell Foods and Baxby Dairies signed a deal. Quell Foods and Baxby Dairies will share a depot.\n\n"
     "The company said that prices would rise.", "prices would rise", None),
    # the business just named; not a public body named beside it, nor one named further back
    ("Quell Foods opened a shop in Leeds.\n\nThe company said that prices would rise.", "prices would rise",
     "Quell Foods"),
    ("The FDA approved a new weight-loss drug on Monday. The FDA said trials were sound. The drug is made by Novacor. "
     "The company said that it would be in pharmacies by May.", "in pharmacies by May", "Novacor"),
    ("Quell Foods opened a shop in Leeds.\n\nPrices rose in May. Rents rose in June.\n\nThe company said that "
     "prices would rise.", "prices would rise", None),
])
def test_the_company_is_the_business_the_story_is_about(extract: Any, text: str, said: str,
                                                        speaker: str | None) -> None:
    _all_said_by(extract, text, said, speaker)


def test_according_to_the_company_is_the_business_the_story_is_about(nlp: Any) -> None:
    from onrecord.resolve.document import DocEntities
    from onrecord.resolve.register import Register

    doc = nlp(COMPANY_STORY)
    company = [t.i for t in doc if t.lower_ == "company"][-1]
    ents = DocEntities(doc, Register())
    assert ents.at_token[company].key == "Hexmoor Systems"


@pytest.mark.parametrize("text,said,speaker", [
    # "the union", "the council": only a body the story could call so
    ("Orbit Labs makes chips in Leeds.\n\nThe union said the pay offer was an insult.", "the pay offer", None),
    ("The charity Shelter said rents were rising.\n\nThe union said the pay offer was an insult.", "the pay offer",
     None),
    ("The charity Shelter said rents were rising. The charity said the plan was unfair.", "the plan was unfair",
     "Shelter"),
    ("Marlow Council met on Monday. The council said the plan was unfair.", "the plan was unfair", "Marlow Council"),
    ("Tesla workers in Sweden have been on strike for a year. Tesla said it would not sign. The union said the strike "
     "would go on.", "the strike would go on", None),
])
def test_a_kind_of_body_names_only_a_body_of_that_kind(extract: Any, text: str, said: str,
                                                       speaker: str | None) -> None:
    _all_said_by(extract, text, said, speaker)


@pytest.mark.parametrize("text,aim", [
    ("Orbit Labs makes chips. Orbit Labs was founded in 2015. The board’s mission was to ensure that the company "
     "creates software that “serves everyone,” she said.", "creates"),
    ("Orbit Labs makes chips. Maya Holt urged that Orbit Labs reject the closure plan.", "reject"),
])
def test_an_aim_or_a_demand_is_not_the_act_of_its_subject(extract: Any, text: str, aim: str) -> None:
    quotes = extract(text)
    assert quotes and not any(q.cue is not None and q.cue.text == aim for q in quotes), \
        [(q.speaker, q.cue and q.cue.text, q.span.text) for q in quotes]


@pytest.mark.parametrize("text,verb,speaker", [
    # a passive verb's agent speaks, not its subject or a name inside it
    ("Zentro makes phones. Details of Zentro’s plan to cut jobs were first reported by the Financial Times.",
     "reported", "Financial Times"),
    ("Tom Hale, the chief executive, faced a revolt. He was accused by one of his own directors of setting the firm "
     "on a “reckless course”.", "accused", None),
    ("Zentro makes phones. Details of Zentro’s plan to cut jobs were reported last week.", "reported", None),
    # ... but a verb joined to a passive one is said by the passive's subject, not its agent
    ("Rishi Sunak was interviewed by the BBC on Sunday and said he would not resign.", "said", "Rishi Sunak"),
])
def test_a_passive_verb_is_said_by_its_agent(nlp: Any, text: str, verb: str, speaker: str | None) -> None:
    from onrecord.resolve.document import DocEntities
    from onrecord.resolve.register import Register

    doc = nlp(text)
    ents = DocEntities(doc, Register())
    said, _ = ents.speaker_of(next(t for t in doc if t.text == verb))
    assert (said.key if said is not None else None) == speaker, said


@pytest.mark.parametrize("text,said,speaker", [
    # "police", as the story names them: recorded in lower case, so never joined to another article's force
    ("Police said the driver had been drinking.", "the driver had been drinking", "police"),
    ("The police said the road was closed.", "the road was closed", "police"),
    ("Three police said the road was closed.", "the road was closed", None),
    ("The Metropolitan Police said two men had been arrested.", "two men had been arrested", "Metropolitan Police"),
])
def test_police_are_the_force_the_story_is_about(extract: Any, text: str, said: str, speaker: str | None) -> None:
    from onrecord.resolve.people import identifying

    quotes = [q for q in extract(text) if said in q.span.text]
    if speaker is None:
        assert all(q.speaker is None for q in quotes), [(q.speaker, q.span.text) for q in quotes]
        return
    assert [q.speaker for q in quotes] == [speaker]
    assert identifying(speaker, "organisation") == (speaker != "police")


def test_according_to_police_is_the_force_the_story_is_about(nlp: Any) -> None:
    from onrecord.resolve.document import DocEntities
    from onrecord.resolve.register import Register

    doc = nlp("The man was arrested two hours later, according to police.")
    police = next(t.i for t in doc if t.lower_ == "police")
    assert DocEntities(doc, Register()).at_token[police].key == "police"


def test_the_lawyer_representing_a_client_speaks_for_the_counsel_named_for_them(extract: Any) -> None:
    text = ("Jane Doe sued the hospital. Her lawyers, from Kaufman Legal Group, said the hospital ignored warnings. "
            "The lawyer representing Doe said that the judge could limit the ruling.\n\n"
            "Mary Roe sued the city. The lawyer representing Roe said the case would go to trial.")
    by = {q.span.text: q.speaker for q in extract(text)}
    assert by.get("the judge could limit the ruling") == "Kaufman Legal Group", by
    assert by.get("the case would go to trial") is None, by  # no counsel named for Roe


@pytest.mark.parametrize("text,said,speaker", [
    # an investigation named by a body that investigates is that body's; by anyone else, it is about them
    ("An FBI investigation found that the records were lost.", "the records were lost", "FBI"),
    ("A detailed Harbour Times investigation found that the flats were unsafe.", "the flats were unsafe",
     "Harbour Times"),
    ("The Tesla investigation found that the brakes had failed.", "the brakes had failed", None),
    ("The Post Office investigation found that the records were lost.", "the records were lost", None),
    # a share of a named poll's respondents: the poll's author reports them
    ("A Greystone Research survey published on Wednesday showed that Reed led in rural areas.\n\nSome 70% of "
     "Democrats in the Greystone Research survey said they were worried about prices.", "worried about prices",
     "Greystone Research"),
    ("A Greystone Research survey published on Wednesday showed that Reed led in rural areas.\n\nAbout 60% of "
     "voters in the survey said the economy mattered most.", "the economy mattered most", "Greystone Research"),
    # ... and of the poll the story has just named; a date in front of "the poll" names no other
    ("A Greystone Research survey published on Wednesday showed that Reed led in rural areas.\n\nBut Hale voters "
     "were keen too, with 64% saying their choice was about the economy.", "their choice was about the economy",
     "Greystone Research"),
    ("A Greystone Research survey published on Wednesday showed that Reed led in rural areas.\n\nThe August survey "
     "showed that most voters had not decided.", "most voters had not decided", "Greystone Research"),
])
def test_findings_speak_for_who_made_them(extract: Any, text: str, said: str, speaker: str | None) -> None:
    _all_said_by(extract, text, said, speaker)


@pytest.mark.parametrize("text,said,speaker", [
    # a body's people named by its kind, with no "the": the one body of that kind the story names
    ("Oakland Unified School District closed two schools.\n\nDistrict leaders on Wednesday said the pipes were old.",
     "the pipes were old", "Oakland Unified School District"),
    ("Oakland Unified School District closed two schools.\n\nSchools will be tested in stages, district leaders said.",
     "Schools will be tested", "Oakland Unified School District"),
    ("Oakland Unified School District closed two schools.\n\nDistrict leadership — including Superintendent Kyla "
     "Mendes and chief officer Tom Reyes — said the pipes were old.", "the pipes were old",
     "Oakland Unified School District"),
    # two bodies of that kind, or leaders from elsewhere: no one
    ("Oakland Unified School District closed two schools. Berkeley Unified School District closed one.\n\nDistrict "
     "leaders said the pipes were old.", "the pipes were old", None),
    ("Kent County Council cut its budget.\n\nCouncil leaders across England said the cuts were deep.",
     "the cuts were deep", None),
    ("Dallas Independent School District cut 200 jobs.\n\nSchool district leaders said state funding had not kept "
     "up.", "state funding", None),
])
def test_a_body_s_people_named_by_its_kind_speak_for_the_one_body_of_that_kind(extract: Any, text: str, said: str,
                                                                              speaker: str | None) -> None:
    _all_said_by(extract, text, said, speaker)


@pytest.mark.parametrize("text,said", [
    ("Ann Berry was accused of “ignoring the valley” after the vote.", "ignoring the valley"),
    ("Tom Hale was branded “a wrecker” by the end of the week.", "a wrecker"),
])
def test_words_said_of_the_subject_of_a_passive_verb_are_not_theirs(extract: Any, text: str, said: str) -> None:
    got = _said_by(extract, text, said)
    assert all(who is None for who, _ in got), got


@pytest.mark.parametrize("text,speaker", [
    # "the Currys": the people of that surname the story names in full, together
    ("Stephen Curry scored 30 points. His wife, Ayesha Curry, runs a foundation.\n\nThe Currys said the money would go "
     "to schools.", "Stephen and Ayesha Curry"),
    # one person of that name is no family: a business called so stays a business
    ("The retailer Currys cut 500 jobs. John Curry, a shop worker, was angry.\n\nThe Currys said the money would go "
     "to schools.", "Currys"),
])
def test_a_family_named_by_its_surname_is_the_people_of_that_name_together(extract: Any, text: str,
                                                                           speaker: str) -> None:
    quotes = [q for q in extract(text) if "the money would go" in q.span.text]
    assert [q.speaker for q in quotes] == [speaker]


@pytest.mark.parametrize("text,said", [
    # people who are no poll's respondents, after a poll: no pollster speaks for them
    ("A new Emerson College poll found support for the school bond at 52%. The board met on Tuesday night. A group of "
     "parents said the plan would close two elementary schools.", "the plan would close"),
    # two strangers of one name are no family, nor is a party
    ("Police arrested Robert Smith, 41, on Friday in the death of Emily Smith, a neighbour. “She was the light of our "
     "lives,” the Smiths said.", "She was the light"),
])
def test_no_one_is_named_for_words_only_near_a_poll_or_a_surname(extract: Any, text: str, said: str) -> None:
    got = _said_by(extract, text, said)
    assert all(who is None for who, _ in got), got


def test_a_dated_poll_with_an_author_of_its_own_is_not_the_last_one_named(nlp: Any) -> None:
    from onrecord.resolve.document import _anaphoric

    doc = nlp("A YouGov poll this week found 60% of Londoners back the charge. The 2019 poll, paid for by the "
              "Taxpayers' Alliance, found just 41% backed it. The August poll found that most backed it.")
    polls = [t for t in doc if t.lower_ == "poll"]
    assert [_anaphoric(t) for t in polls] == [False, False, True]


@pytest.mark.parametrize("text", [
    "Officials at the FBI/Homeland Security task force said the case was closed.",  # a name of its own
    "The Oakland Police Department/Chief Ruiz dispute went on.",  # a title
])
def test_a_slash_joins_no_name_the_tagger_gave_its_own_type(nlp: Any, text: str) -> None:
    ents = _ents(nlp, text)
    assert not any("/" in k for k in ents), ents


@pytest.mark.parametrize("text,speaker", [
    # who reports, publishes or reveals something, under a name that is no person's, is an outlet
    ("The layoffs were first reported by the Harbour Ledger.", "Harbour Ledger"),
    ("The city will close the pier, the Harbour Ledger reported.", "Harbour Ledger"),
    # ... and a person who reports is still a person
    ("Jane Smith reported that the pier would close.", "Jane Smith"),
])
def test_an_outlet_that_reports_is_the_source(nlp: Any, text: str, speaker: str) -> None:
    from onrecord import pipeline
    from onrecord.models import Article
    from onrecord.resolve.register import Register

    extractor, _ = pipeline.make_extractor(Register(), {})  # the default extractor (its taggers find the first)
    quotes, _facts = extractor.extract(Article(text=text, source="t.txt"), nlp(text))
    assert [q.speaker for q in quotes] == [speaker]


@pytest.mark.parametrize("text,law,person", [
    # a law by its title is no one, however the tagger reads its last words; a first name before a surname is
    ("The Harbour Dues (Charges and Levy) Bill passed by 40 votes to 12 on Tuesday.", "Bill", None),
    ("The Bill passed. Ann Lee said the Online Safety Act would help.", "Online Safety Act", "Ann Lee"),
    ("Senator Bill Cassidy backed the Affordable Care Act.", "Affordable Care Act", "Bill Cassidy"),
])
def test_a_law_by_its_title_is_no_one(nlp: Any, text: str, law: str, person: str | None) -> None:
    ents = _ents(nlp, text)
    assert ents.get(law, "LAW") == "LAW" and not any(n.endswith(("Bill", "Act")) and label == "PERSON"
                                                     for n, label in ents.items()), ents
    assert person is None or ents.get(person) == "PERSON", ents


@pytest.mark.parametrize("first", ["Councillor Okonkwo", "Councillor Jordan Vale", "Kit Marlow"])
def test_a_name_in_apposition_to_the_subject_is_who_her_points_back_at(nlp: Any, first: str) -> None:
    """"The Green Party's spokesperson, Megan Jones, said her party …": "her" is Megan Jones, the subject named in
    apposition, not someone named in an earlier sentence."""
    from onrecord.resolve.document import DocEntities
    from onrecord.resolve.register import Register

    doc = nlp(f"{first} proposed a harbour levy on Monday. The Green Party's transport spokesperson, Megan Jones, "
              "said her party had long argued for it.")
    her = next(t for t in doc if t.lower_ == "her")
    got = DocEntities(doc, Register()).at_token.get(her.i)
    assert got is not None and got.key == "Megan Jones", got


@pytest.mark.parametrize("text,said", [
    # a person's name the tagger missed whole: a first name, with a title before it or its surname said again
    ("Superintendent Gloria Reyes, who proposed the change in January, told the board the district had lost 31 "
     "teachers to neighboring districts over the past two years. “We cannot compete on salary,” Reyes said.",
     "lost 31 teachers"),
    ("Superintendent Gloria Reyes, who proposed the change in January, told the board the district had lost 31 "
     "teachers to neighboring districts over the past two years. “We cannot compete on salary,” Reyes said.",
     "We cannot compete"),
])
def test_a_name_the_tagger_missed_whole_is_known_by_its_first_name(extract: Any, text: str, said: str) -> None:
    _all_said_by(extract, text, said, "Gloria Reyes")


@pytest.mark.parametrize("text,said,speaker", [
    # a participle of saying that the parser hangs on the words said is its sayer's, not the one "it" there names
    ('Jo Hart told the BBC it was "the wrong scheme".\n\nIn a statement, First Bus said it "welcomed" the proposal, '
     'adding that faster journeys would bring more passengers.', "faster journeys", "First Bus"),
    ('Jo Hart spoke to the Guardian on Monday.\n\nIn a statement, the Carters Union said it "opposed" the plan, '
     'adding that drivers had not been consulted.', "drivers had not", "Carters Union"),
])
def test_adding_is_the_sayer_s(extract: Any, text: str, said: str, speaker: str) -> None:
    _all_said_by(extract, text, said, speaker)


@pytest.mark.parametrize("subject,speaker", [
    # people named after a person are not that person; those who speak for them are
    ("Biden donors said", None),
    ("Trump voters said", None),
    ("Trump aides said", "Donald Trump"),
])
def test_people_named_after_a_person_speak_for_themselves(extract: Any, subject: str, speaker: str | None) -> None:
    text = (f"Donald Trump and Joe Biden visited Dunmore on Friday.\n\n{subject} the plan to build an incinerator at "
            "Dunmore was a mistake.")
    _all_said_by(extract, text, "was a mistake", speaker)
