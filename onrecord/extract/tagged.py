"""Extractors that use the trained attribution tagger (:mod:`onrecord.extract.tagger`).

* ``hybrid.v1``: the rule extractor first (quote marks, speakers, venues, run-on quotes),
  then every attribution the tagger finds where the rules found nothing: indirect speech
  after verbs the rules do not know ("insisted", "argued", "acknowledged"), and, with the
  ``attributions`` setting at ``all``, beliefs, intentions and findings ("Republicans fear
  that …", "a poll shows …"), which PolNeAR annotates too. Read off the parse beside the
  tagger: verbs of the learned lexicons with a clause or an object, "according to",
  and parenthetical attributions ("The question, she said, is not settled").
* ``tagger.v1``: the tagger alone (for measuring it; speakers resolved the same way).

A tagged attribution's speaker is the tagger's source span, resolved by the rule
extractor's entity pass when it can (a name, a pronoun's antecedent, a role, an
organisation), else kept as written with the speaker unnamed.
"""

from __future__ import annotations

import functools
import json
import logging
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..budget import checkpoint
from ..errors import OnrecordError
from ..eval import overlap_ratio
from ..models import Article, EntityFacts, Quote, Span
from ..registry import extractors
from ..resolve import ArticlePeople
from ..resolve.document import Resolved, aimed_at, asked_to
from ..resolve.register import Register
from .intervals import Intervals
from .lexicon import DOCUMENT_NOUNS, SAYING_VERBS
from .quotes import RuleExtractor, _mention, complements
from .tagger import AttributionTagger, TaggedAttribution

MARKS = '"\u201c\u201d\u201e\u00ab\u00bb'
RAISING = frozenset({"seem", "appear"})  # "X seemed to …": PolNeAR's content is the whole clause, X included
QUESTION_CUE = re.compile(r"\b(?:ask|asks|asked|asking|question|questioned)\b", re.I)

# Cue words that make an attribution a statement (speech, writing, a report), not a belief.
_SPEECH_CUES = """
say says said saying tell tells told telling add adds added adding write writes wrote written writing tweet
tweets tweeted tweeting post posted ask asks asked asking note notes noted noting argue argues argued arguing
announce announces announced announcing claim claims claimed claiming warn warns warned warning statement
statements interview interviews insist insists insisted insisting explain explains explained explaining
declare declares declared declaring state states stated stating remark remarks remarked comment comments
commented respond responds responded response reply replies replied acknowledge acknowledged acknowledges
admit admits admitted suggest suggests suggested confirm confirms confirmed deny denies denied promise
promises promised predict predicts predicted report reports reported testify testified vow vowed vows urge
urged urges call called calls accuse accused accuses charge charged criticize criticized criticise criticised
describe described describes describing concede conceded point pointed stress stressed emphasize emphasized
emphasise emphasised recall recalls recalled maintain maintained contend contended assert asserted according speech
remarks disclose discloses disclosed reveal reveals revealed demand demands demanded advise advises advised cite
cites cited outline outlines outlined instruct instructs instructed remind reminds reminded wonder wonders wondered
recount recounts recounted allege alleges alleged express expresses expressed
"""
SPEECH_CUE_WORDS = frozenset(re.findall(r"\S+", _SPEECH_CUES))


@functools.cache
def tagger() -> AttributionTagger:
    """The shipped model, loaded once per process."""
    return AttributionTagger()


def is_speech(cue_text: str) -> bool:
    return any(w in SPEECH_CUE_WORDS or w in SAYING_VERBS for w in re.findall(r"[a-z]+", cue_text.lower()))


def _kind(text: str, s: int, e: int) -> str:
    core = text[s:e].strip(" .,;:!?-\u2014\n")
    n = sum(core.count(c) for c in MARKS) + core.count("''")
    if n == 0:
        return "indirect"
    if core[:1] in MARKS and core[-1:] in MARKS and n == 2:
        return "direct"
    return "mixed"


def _speaker(doc: Any, ents: ArticlePeople, att: TaggedAttribution) -> Resolved | None:
    if att.source is not None:
        s, e = att.source
        head = next((doc[i] for i in range(s, e) if not s <= doc[i].head.i < e), None)
        # (not whom a document is sent to or is about: "according to a letter to Mayor Tom Bell")
        found = [ents.at_token[i] for i in range(s, e) if i in ents.at_token and
                 not (head is not None and ents.aside(doc[i], head))]
        for kind in ("name", "organisation", "spokesperson", "pronoun", "role"):
            for r in found:
                if r.kind == kind:
                    return Resolved(r.key, r.kind, doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), r.mouth)
        if not found and head is not None and head.lemma_.lower() in DOCUMENT_NOUNS:
            # the tagger cut the source at its head ("according to estimates | from Bernstein Research"): whoever the
            # whole phrase names as the document's author, not whom it is sent to or about
            for x in head.subtree:
                author = ents.at_token.get(x.i)
                if author is not None and author.kind in {"name", "organisation"} and not ents.aside(x, head):
                    return Resolved(author.key, author.kind, doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text))
        if not found and head is not None and head.pos_ == "NOUN":
            # "according to the city attorney": a job the story gave someone, as an object too
            role = ents.role_np(head)
            if role is not None:
                return Resolved(role.key, "role", doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text))
    if att.cue is not None:
        for i in range(*att.cue):
            if doc[i].pos_ in {"VERB", "AUX"}:
                subject, _ = ents.speaker_of(doc[i])
                if subject is not None:
                    return subject
    if att.source is not None:
        s, e = att.source
        return Resolved("", "unresolved", doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text))
    return None


def according_to(doc: Any) -> list[TaggedAttribution]:
    """'X happened, according to Y' and 'According to Y, X happened': X is attributed to Y."""
    out = []
    for t in doc[:-1]:
        if t.lower_ != "according" or doc[t.i + 1].lower_ != "to":
            continue
        to = doc[t.i + 1]
        pobj = [c for c in to.children if c.dep_ == "pobj"]
        if not pobj:
            continue
        src_toks = list(pobj[0].subtree)
        src = (src_toks[0].i, src_toks[-1].i + 1)
        sent = t.sent
        end = sent.end
        while end > sent.start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        before = [x for x in doc[sent.start : t.i] if not (x.is_punct or x.is_space)]
        if not before:  # "According to Y, X."
            a = src[1]
            while a < end and (doc[a].is_punct or doc[a].is_space):
                a += 1
            content = (a, end)
        else:  # "X, according to Y." (and "X, according to Y, who …": the clause stops at the phrase)
            b = t.i
            while b > sent.start and (doc[b - 1].is_punct or doc[b - 1].is_space):
                b -= 1
            a = sent.start
            while a < b and doc[a].is_space:
                a += 1
            content = (a, b)
        if content[1] - content[0] >= 4:
            out.append(TaggedAttribution([content], (t.i, t.i + 2), src))
    return out


CUE_LEXICON = Path(__file__).resolve().parent / "cue_lexicon.json"


@functools.cache
def _lexicons() -> dict[str, dict[str, float]]:
    if not CUE_LEXICON.is_file():
        return {}
    found: dict[str, dict[str, float]] = json.loads(CUE_LEXICON.read_text("utf-8"))
    return found


def cue_lexicon() -> dict[str, float]:
    """Verb lemma -> how often PolNeAR train annotates it as a cue when it takes a clause (kept when >= 0.5)."""
    return _lexicons().get("lemmas", {})


def object_lexicon() -> dict[str, float]:
    """``verb_object`` key ("reject", "call+for") -> how often PolNeAR train marks the verb as the cue and its
    object as the content (kept when >= 0.3)."""
    return _lexicons().get("objects", {})


OBJECT_PREPS = frozenset({"for", "against", "on", "about", "to"})


def verb_object(t: Any) -> tuple[str, Any] | None:
    """(key, object head) for a verb with a direct object ("rejected the plan": "reject") or a prepositional
    one ("called for an inquiry": "call+for"), or a noun with a prepositional one ("support for the plan":
    "n:support+for"), and no clausal complement; else None."""
    if t.pos_ not in {"VERB", "NOUN"} or any(c.dep_ == "ccomp" for c in t.children):
        return None
    lemma = t.lemma_.lower() if t.pos_ == "VERB" else "n:" + t.lemma_.lower()
    if t.pos_ == "VERB":
        for c in t.children:
            if c.dep_ == "dobj":
                return lemma, c
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ in OBJECT_PREPS:
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                return f"{lemma}+{c.lower_}", objs[0]
            return None
    return None


def object_attributions(doc: Any) -> list[TaggedAttribution]:
    """A verb from the learned object lexicon ("rejected", "called for", "endorsed") with its object as the
    content and its subject as the source: the positions PolNeAR marks without a clause."""
    lex = object_lexicon()
    out = []
    for t in doc:
        got = verb_object(t)
        if got is None or got[0] not in lex:
            continue
        obj = got[1]
        a, b = obj.left_edge.i, obj.right_edge.i + 1
        while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space):
            b -= 1
        if b - a < 2:
            continue
        cue_end = obj.head.i + 1 if obj.head.i != t.i else t.i + 1  # "called for": the preposition too
        out.append(TaggedAttribution([(a, b)], (t.i, cue_end), _subject(t) or _owner(t), reported=True))
    return out


def _subject(verb: Any) -> tuple[int, int] | None:
    """The token range of the verb's subject (the source of what it reports), if it has one."""
    subj = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return (subj[0].left_edge.i, subj[0].right_edge.i + 1) if subj else None


def _owner(noun: Any) -> tuple[int, int] | None:
    """Whose a cue noun is: "Smith's support for …" (the possessor), "Smith made comments about …" (the subject
    of the verb that has the noun as its object)."""
    if noun.pos_ != "NOUN":
        return None
    poss = [c for c in noun.children if c.dep_ == "poss"]
    if poss:
        return poss[0].left_edge.i, poss[0].i + 1
    return _subject(noun.head) if noun.dep_ == "dobj" else None


def clause_attributions(doc: Any) -> list[TaggedAttribution]:
    """A cue verb from the learned lexicon with a clausal complement: the clause, attributed to the subject."""
    lex = cue_lexicon()
    out = []
    for t in doc:
        if t.pos_ not in {"VERB", "AUX"} or t.lemma_.lower() not in lex:
            continue
        comps = complements(t)
        if not comps:
            continue
        sub = list(comps[0].subtree)
        a, b = sub[0].i, sub[-1].i + 1
        while a < b and (doc[a].is_punct or doc[a].is_space):
            a += 1
        while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space):
            b -= 1
        if b - a < 3 or a <= t.i < b:
            continue
        out.append(TaggedAttribution([(a, b)], (t.i, t.i + 1), _subject(t)))
    return out


def parenthetical_attributions(doc: Any) -> list[TaggedAttribution]:
    """A cue set off by commas inside the statement it reports ("The question, she said, is not so cut and
    dried"; "After all, she argued, Obama got …"), which the parser hangs off the statement's verb
    (``parataxis``): the whole statement, attribution included, as PolNeAR marks it. Not in sentences with
    quote marks (the rules handle '"A," she said, "B."')."""
    lex = cue_lexicon()
    out = []
    for t in doc:
        if t.dep_ != "parataxis" or t.pos_ != "VERB" or \
                (t.lemma_.lower() not in lex and t.lower_ not in SPEECH_CUE_WORDS):
            continue
        if any(x.text in MARKS or x.text in {"''", "``"} for x in t.sent):
            continue
        sub = list(t.head.subtree)
        a, b = sub[0].i, sub[-1].i + 1
        while a < b and (doc[a].is_punct or doc[a].is_space or doc[a].dep_ == "cc"):
            a += 1
        while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space):
            b -= 1
        if t.right_edge.i + 1 >= b:  # "X, Politico reported in 2014.": the statement without its attribution
            b = t.left_edge.i
            while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space):
                b -= 1
            if b - a < 4:
                continue
        elif not a < t.i < b - 1 or b - a < 6:
            continue
        out.append(TaggedAttribution([(a, b)], (t.i, t.i + 1), _subject(t)))
    return out


def mixed_clause(text: str, doc: Any, q: Quote) -> Span | None:
    """The clause a mixed quote sits in, as PolNeAR marks its content: 'said Cruz "has courage to fight"' ->
    'Cruz "has courage to fight"' when the parse makes the quoted words part of the cue verb's complement
    clause; None when it does not."""
    assert q.cue is not None
    cue = doc.char_span(q.cue.start, q.cue.end, alignment_mode="expand")
    first = doc.char_span(q.span.start, q.span.end, alignment_mode="expand")
    if cue is None or first is None or len(cue) == 0 or len(first) == 0:
        return None
    verb = cue.root
    for comp in verb.children:
        if comp.dep_ not in {"ccomp", "xcomp"}:
            continue
        a, b = comp.left_edge.i, comp.right_edge.i + 1
        if not a <= first[0].i < b:
            continue
        while a < b and (doc[a].is_punct or doc[a].is_space or doc[a].lower_ == "that") and doc[a].i < first[0].i:
            a += 1
        start = min(doc[a].idx, q.span.start)
        end = max(doc[b - 1].idx + len(doc[b - 1].text), q.span.end)
        if start >= q.span.start and end <= q.span.end:
            return None  # nothing more than the quoted words
        return Span(text[start:end], start, end)
    return None


def _token_ranges(doc: Any, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for s, e in spans:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            out.append((span.start, span.end))
    return out


def _stands(doc: Any, att: TaggedAttribution) -> bool:
    """Whether an attribution is a statement: its cue is a word of speech, and not a question someone was asked
    ("Asked whether …")."""
    if att.cue is None:
        return False
    cue = doc[att.cue[0] : att.cue[1]]
    if not is_speech(cue.text):
        return False
    return not QUESTION_CUE.search(cue.text)


def tagged_quotes(article: Article, doc: Any, ents: ArticlePeople, found: list[Quote], speech_only: bool,
                  para_of: Any, attribution_tagger: Any = None) -> list[Quote]:
    """Quotes for the tagger's attributions (``attribution_tagger``, default the CNN tagger) that overlap none of
    ``found`` (which the tagger is told, so that a slow one may leave those sentences unread)."""
    text = article.text
    taken = Intervals(((q.span.start, q.span.end) for q in found), bucket=256)
    found_by_span: dict[tuple[int, int], list[Quote]] = {}
    for q in found:
        found_by_span.setdefault((q.span.start, q.span.end), []).append(q)
    found_at = Intervals(found_by_span)
    out: list[Quote] = []
    paren = parenthetical_attributions(doc)
    paren_hulls = Intervals((p.hull for p in paren), bucket=16)
    # a parenthetical attribution replaces the tagger's reading of the same statement (often only its tail)
    atts = [a for a in (attribution_tagger or tagger()).attributions(doc, _token_ranges(doc, taken.ranges))
            if not any(s <= a.hull[0] and a.hull[1] <= e for s, e in paren_hulls.near(*a.hull))] + paren
    # (only an attribution that will stand as a statement keeps the parse's readings off its words: a belief the
    # tagger finds, "staffers verify that …", does not hide "According to the program’s website, …")
    tagged_hulls = Intervals((a.hull for a in atts if not speech_only or _stands(doc, a)), bucket=16)
    for extra in (according_to(doc), clause_attributions(doc), object_attributions(doc)):
        for ex in extra:
            if not tagged_hulls.overlaps(*ex.hull):
                atts.append(ex)
                tagged_hulls.add(*ex.hull)
    for att in atts:
        a, b = att.hull
        if att.cue is not None and 0 <= a - att.cue[1] <= 1 and doc[att.cue[0]].lemma_.lower() in RAISING:
            subj = _subject(doc[att.cue[0]])  # "she seemed to embody it": the whole clause is the content
            if subj is not None and subj[1] <= att.cue[0]:
                a = subj[0]
        start, end = doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)
        # the rules found it: keep their quote, note the whole content (the tagger's boundaries follow PolNeAR's
        # conventions: the clause around a mixed quote, the complement of a reported verb)
        inside = [q for span in found_at.near(start, end) for q in found_by_span[span]
                  if (start <= q.span.start and q.span.end <= end)
                  or (q.kind != "direct" and overlap_ratio((q.span.start, q.span.end), (start, end)) >= 0.5)]
        for q in inside:
            if q.content is None:
                q.content = Span(text[start:end], start, end)
        if inside or taken.overlaps(start, end):
            continue
        cue_span = None
        if att.cue is not None:
            cs, ce = att.cue
            cue_span = Span(text[doc[cs].idx : doc[ce - 1].idx + len(doc[ce - 1].text)], doc[cs].idx,
                            doc[ce - 1].idx + len(doc[ce - 1].text))
        if speech_only and not _stands(doc, att):
            continue  # statements need a speech cue; with attributions=all, a content with no cue counts too
        if att.cue is not None and asked_to(doc[att.cue[0]]):
            continue  # "Tom Bell was asked to back the levy": what he was asked, not what he did or said
        if att.reported and att.cue is not None and aimed_at(doc[att.cue[0]]):
            continue  # "to ensure that the company creates …": an aim, not what the company did
        resolved = _speaker(doc, ents, att)
        if resolved is None and speech_only:
            continue  # statements need a speaker; with attributions=all, "it is expected that …" counts too
        kind = _kind(text, start, end)
        s2, e2 = start, end
        if kind == "direct":  # the quoted words, without their marks, as the rules report them
            while s2 < e2 and (text[s2] in MARKS or text[s2].isspace()):
                s2 += 1
            while e2 > s2 and (text[e2 - 1] in MARKS or text[e2 - 1] in " ,.\n"):
                e2 -= 1
        elif kind == "indirect" and text.startswith("that ", s2):  # the complementiser is not said
            s2 += 5
        content = None
        if att.reported and cue_span is not None and cue_span.end <= s2:
            # as the rules report "called for a ban": the words from the cue on, the object as the content
            content = Span(text[s2:e2], s2, e2)
            kind, s2 = "reported", cue_span.start
        q = Quote(article.id, Span(text[s2:e2], s2, e2), kind, cue=cue_span, content=content)  # type: ignore[arg-type]
        if resolved is not None:
            q.speaker = resolved.key or None
            q.mention = _mention(text, resolved)
        q.paragraph = para_of(text, s2)
        out.append(q)
        taken.add(start, end)
    return out


class UnionTagger:
    """The CNN tagger's attributions, then the span tagger's (the spans it is sure of) that overlap none of them:
    the CNN tagger is the more precise, the span tagger finds more."""

    def __init__(self, first: Any, second: Any) -> None:
        self.first, self.second = first, second
        self.version = f"{first.version}+{second.version}"

    def attributions(self, doc: Any, skip: Sequence[tuple[int, int]] = ()) -> list[TaggedAttribution]:
        out = list(self.first.attributions(doc))
        checkpoint("the attribution tagger")
        hulls = [a.hull for a in out]
        first = Intervals(hulls, bucket=16)
        # the second reads only the sentences where neither the first nor ``skip`` found anything: most of its
        # cost is reading
        out += [b for b in self.second.attributions(doc, [*hulls, *skip]) if not first.overlaps(*b.hull)]
        out.sort(key=lambda a: a.hull)
        return out


class HybridExtractor(RuleExtractor):
    """Rules first; the trained tagger adds what they missed."""

    name = "hybrid.v1"

    def __init__(self, register: Register | None = None, attributions: str = "speech",
                 resolver: str = "rules.v1") -> None:
        super().__init__(register, attributions, resolver)
        self.speech_only = attributions != "all"

    def attribution_tagger(self) -> Any:
        return tagger()

    @property
    def version(self) -> str:
        return f"{self.name} ({self.attribution_tagger().version})"

    def _more(self, article: Article, doc: Any, ents: ArticlePeople, found: list[Quote]) -> list[Quote]:
        more = tagged_quotes(article, doc, ents, found, self.speech_only, self._para_of, self.attribution_tagger())
        for q in found:
            if q.kind == "mixed" and q.content is None and q.cue is not None:
                q.content = mixed_clause(article.text, doc, q)
        return more


class HybridV2Extractor(HybridExtractor):
    """``hybrid.v1`` with a second tagger beside the CNN one: all-MiniLM-L6-v2 with trained adapters
    (:mod:`onrecord.extract.span_tagger`), which adds the attributions the CNN tagger missed.

    Without torch or the MiniLM weights (an install without the ``stance`` extra) it is ``hybrid.v1``: it says so
    on the ``onrecord`` logger when built, and its quotes are recorded as ``hybrid.v1``'s."""

    name = "hybrid.v2"

    def __init__(self, register: Register | None = None, attributions: str = "speech",
                 resolver: str = "rules.v1") -> None:
        super().__init__(register, attributions, resolver)
        try:
            self._tagger: Any = _union()
        except (OnrecordError, ImportError) as exc:
            why = f"{exc.message} ({exc.hint})" if isinstance(exc, OnrecordError) else repr(exc)
            logging.getLogger("onrecord").warning("extractor hybrid.v2 falls back to hybrid.v1: %s", why)
            self.name = HybridExtractor.name
            self._tagger = tagger()

    def attribution_tagger(self) -> Any:
        return self._tagger


@functools.cache
def _union() -> UnionTagger:
    from .span_tagger import span_tagger

    return UnionTagger(tagger(), span_tagger())


class TaggerExtractor(HybridExtractor):
    """The tagger alone, for measuring it: no rule quotes."""

    name = "tagger.v1"

    def extract(self, article: Article, doc: Any) -> tuple[list[Quote], dict[str, EntityFacts]]:
        ents = self.read_people(doc, [])
        quotes = tagged_quotes(article, doc, ents, [], self.speech_only, self._para_of)
        return quotes, dict(ents.facts)


extractors.add("hybrid.v1", HybridExtractor)
extractors.add("hybrid.v2", HybridV2Extractor)
extractors.add("tagger.v1", TaggerExtractor)
