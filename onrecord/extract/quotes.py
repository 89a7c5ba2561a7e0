"""Find quotations in an article and attribute each to its speaker.

Kinds of quote (``Quote.kind``):

- ``direct``: a full statement inside quote marks (``He said: “…”``);
- ``mixed``: a few quoted words inside reported speech (``have “strong records”``);
- ``indirect``: reported speech after a speech verb (``told Sky News that …``);
- ``reported``: a position reported with a cue and no quote (``called for …``,
  ``rejected calls for …``, ``his refusal to …``).

Quote marks are read per paragraph; a paragraph that leaves its mark open runs on
into the next one when that paragraph opens with a mark (the British convention),
and a paragraph that opens a quote with no attribution continues the last speaker.
A quote nested inside a quote (single marks) stays part of the outer quote.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..budget import checkpoint
from ..models import Article, EntityFacts, Mention, Quote, Span
from ..registry import article_resolvers, extractors
from ..resolve import ArticlePeople
from ..resolve.document import SUBJECT_DEPS, Resolved, aimed_at, asked_about, some_of_them
from ..resolve.register import Register
from .actors import VOICED_NOUNS, VOICING_PREFIXES, actor_statements, object_genders
from .intervals import Intervals
from .lexicon import (
    DOCUMENT_NOUNS,
    DOTTED_ABBREVIATIONS,
    EFFORT_VERBS,
    INDIRECT_VERBS,
    REPORTED_NEEDS_PREP,
    REPORTED_NOUNS,
    REPORTED_VERBS,
    SAYING_VERBS,
    SPEECH_VERBS,
    STATEMENT_NOUNS,
    VENUE_MEDIA_WORDS,
    VENUE_NORMALISE,
)

CLOSE_MARKS = "”»"
# Plain-text archives write double quotes as two apostrophes ('') or two backticks (``).
MARK_RE = re.compile(r"''|``|[“„«”»\"]")
# prepositions that carry what a position is about ("called for", "rejected calls on"), not when or why
OBJECT_PREPS = {"for", "on", "to", "against", "into", "of", "about", "over", "out"}
_SENT_END_MARK = re.compile(r"[.!?](?=[\s”\"’]|$)")


def sentence_ends(text: str, start: int, end: int, lo: int | None = None) -> Iterator[re.Match[str]]:
    """Marks that end a sentence in ``text[start:end]``, in order: a full stop after an abbreviated title or an
    initial ("Mr. Brown said", "John F. Kennedy", "U.S.") does not, nor one of a dotted abbreviation before a word
    in lower case ("a 9 p.m. curfew"). The word before a full stop is read no
    further back than ``lo`` (default ``start``)."""
    lo = start if lo is None else lo
    for m in _SENT_END_MARK.finditer(text, start, end):
        if text[m.start()] == ".":
            w = re.search(r"(\w+)$", text[max(lo, m.start() - 12) : m.start()])
            if w and ((len(w.group(1)) == 1 and w.group(1).isupper()) or w.group(1).lower() in DOTTED_ABBREVIATIONS):
                continue
            if re.match(r"[ \t]+[a-z]", text[m.end() : m.end() + 3]) and re.search(r"\b\w\.\w$", text[
                    max(lo, m.start() - 4) : m.start()]):
                continue  # a dotted abbreviation before a word in lower case: "a 9 p.m. curfew", "e.g. the"
        yield m


# Verbs by which someone puts out a statement of their own: "released this statement:", "issued a statement:"
ISSUING = {"release", "issue", "publish", "post", "tweet"}


def sentence_start(text: str, lo: int, at: int) -> int:
    """Where the sentence holding offset ``at`` starts, looking no further back than ``lo``: just after the last
    sentence end in ``text[lo:at]``, else ``lo``. Read backwards from ``at`` in growing windows, so that the cost
    is the sentence's length, not the paragraph's."""
    width = 256
    while True:
        start = max(lo, at - width)
        last = None
        for last in sentence_ends(text, start, at, lo):  # noqa: B007  (the last one is wanted)
            pass
        if last is not None:
            return last.end()
        if start == lo:
            return lo
        width *= 4


def sentence_end(text: str, at: int, hi: int) -> int:
    """Just after the first sentence end in ``text[at:hi]``, else ``hi``."""
    m = next(sentence_ends(text, at, hi), None)
    return m.end() if m else hi


Token = Any


@dataclass
class RawQuote:
    start: int  # first quoted character (after the mark and spaces)
    end: int  # after the last quoted character
    mark: int  # offset of the opening mark
    close: int | None  # offset of the closing mark, None when the paragraph ends first
    paragraph: int
    close_len: int = 1
    runs_on: bool = False  # continues an unclosed quote from the previous paragraph

    @property
    def after(self) -> int:
        """Offset just after the closing mark (or the end of the quoted words when unclosed)."""
        return self.close + self.close_len if self.close is not None else self.end


@functools.lru_cache(maxsize=4)
def _line_breaks(text: str) -> list[int]:
    """Where each run of white space that starts with a line break starts, in order."""
    return [m.start() for m in re.finditer(r"\n\s*", text)]


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line; a line break ends a paragraph."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def find_quote_marks(text: str, paras: list[tuple[int, int]]) -> list[RawQuote]:
    """Pair double quote marks paragraph by paragraph.

    Any double mark opens when no quote is open (so a quote opened with the
    wrong-handed ” is still found) and closes when one is. Single marks are left
    alone: they are apostrophes or quotes nested inside a quote.
    """
    out: list[RawQuote] = []
    prev_unclosed = False
    for pi, (ps, pe) in enumerate(paras):
        open_at: int | None = None
        first = True
        unclosed_here = False
        marks = [(m.start(), len(m.group(0))) for m in MARK_RE.finditer(text, ps, pe)]
        open_len = 1
        for n, (i, length) in enumerate(marks):
            ch = text[i]
            if open_at is None:
                if ch in CLOSE_MARKS and n == len(marks) - 1:
                    continue  # a stray closing mark with nothing after it
                open_at, open_len = i, length
            else:
                s, e = _trim(text, open_at + open_len, i)
                if e > s:
                    out.append(RawQuote(s, e, open_at, i, pi, length,
                                        runs_on=first and prev_unclosed and open_at == ps))
                first = False
                open_at = None
        if open_at is not None:
            s, e = _trim(text, open_at + open_len, pe)
            if e > s:
                out.append(RawQuote(s, e, open_at, None, pi, runs_on=first and prev_unclosed and open_at == ps))
            unclosed_here = True
        prev_unclosed = unclosed_here
    return out


def _last_char_before(text: str, lo: int, at: int) -> str:
    """The last character of ``text[lo:at]`` that is not white space ('' when there is none), read backwards."""
    while at > lo and text[at - 1].isspace():
        at -= 1
    return text[at - 1] if at > lo else ""


def _is_direct(text: str, q: RawQuote, para_start: int) -> bool:
    before = _last_char_before(text, para_start, q.mark)
    body = text[q.start : q.end]
    first = body.lstrip("‘'(")[:1]
    starts_upper = first.isupper() or first.isdigit()
    if not before:
        return True
    if before in ":,;—–-" and starts_upper:
        return True
    if before in ".!?" and starts_upper:
        return True
    # '"We will win," she said' : a statement closed by punctuation before the mark
    return starts_upper and body.rstrip()[-1:] in ",.!?" and q.close is not None and \
        re.match(r"\s*[,]?\s*(said|says|added|told|insisted|argued|warned)\b", text[q.after : q.after + 30]) \
        is not None


def _mention(text: str, r: Resolved) -> Mention:
    return Mention(Span(text[r.start : r.end], r.start, r.end), r.kind, r.key, r.mouth)  # type: ignore[arg-type]


_TITLE_BEFORE = re.compile(r"(?:\b(?:on|in|to)|['’]s)\s*$")
_TITLE_SMALL = frozenset({"a", "an", "the", "of", "and", "in", "on", "at", "to", "for", "with", "&"})


def _is_title(text: str, r: RawQuote) -> bool:
    """Quoted words that name a programme, a show or a work ("on NBC's "Meet the Press"", "in "The Art of
    the Deal""): five words at most, every one capitalised but the small ones, right after "on", "in", "to"
    or a possessive."""
    words = re.findall(r"[\w’'&-]+", text[r.start : r.end])
    if not words or len(words) > 5 or not _TITLE_BEFORE.search(text, max(0, r.mark - 12), r.mark):
        return False
    return words[0][:1].isupper() and all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _TITLE_SMALL
                                          for w in words)


class RuleExtractor:
    """Rule-based quote extractor and speaker attributor on a spaCy parse."""

    name = "rules.v1"

    def __init__(self, register: Register | None = None, attributions: str = "speech",
                 resolver: str = "rules.v1") -> None:
        self.attributions = attributions  # "speech" or "all"; the rules report statements only
        self.register = register or Register()
        self.known_roles: dict[str, list[str]] = {}
        # who is who in the article: the people layer's in-article resolver the settings name
        self.resolver = resolver
        self._people: Any = article_resolvers.get(resolver)

    def read_people(self, doc: Any, quoted: list[tuple[int, int]]) -> ArticlePeople:
        """Who is who in the article ``doc`` parses, by the resolver this extractor was made with."""
        people: ArticlePeople = self._people(doc, self.register, self.known_roles, quoted)
        return people

    @property
    def version(self) -> str:
        """What its quotes are recorded as made by: the extractor's name, with the versions of any trained models
        it reads (so quotes from retrained weights are told apart from older ones)."""
        return self.name

    # --------------------------------------------------------------- public
    def extract(self, article: Article, doc: Any) -> tuple[list[Quote], dict[str, EntityFacts]]:
        text = article.text
        paras = paragraphs(text)
        raws = find_quote_marks(text, paras)
        quote_ranges = [(r.mark, r.after + (1 if r.close is None else 0)) for r in raws]
        ents = self.read_people(doc, quote_ranges)
        checkpoint("the entities")
        quotes: list[Quote] = []
        last: Quote | None = None
        orphan = False  # the quote before was left open at its paragraph's end with no one to say it
        for r in raws:
            checkpoint("the quote marks")
            # (a quote that runs on from one no one was found to say is no one's either, not the speaker before it)
            q = self._attribute_marked(article, doc, ents, r, paras, None if r.runs_on and orphan else last, quotes)
            orphan = (q is None or not q.speaker) and r.close is None
            if q is None:
                continue
            quotes.append(q)
            if q.speaker:
                last = q
        quotes += self._indirect(article, doc, ents, quote_ranges)
        checkpoint("the indirect quotes")
        quotes += self._reported(article, doc, ents, quote_ranges, quotes)
        checkpoint("the reported positions")
        quotes += self._more(article, doc, ents, quotes)
        checkpoint("the taggers")
        quotes += actor_statements(article, doc, ents, quote_ranges, quotes)
        checkpoint("the actors")
        quotes = _without_outer_efforts(quotes, doc)
        quotes = _without_others_inside_an_act(quotes)
        quotes.sort(key=lambda q: q.span.start)
        for q in quotes:
            q.sentence = self._context(text, paras, q)
        return quotes, dict(ents.facts)

    def _more(self, article: Article, doc: Any, ents: ArticlePeople, found: list[Quote]) -> list[Quote]:
        """A hook for extractors built on this one: quotes to add to ``found``."""
        return []

    # ----------------------------------------------------- marked quotes
    def _window(self, text: str, para: tuple[int, int], r: RawQuote, raws_end: int) -> tuple[int, int, int, int]:
        ps, pe = para
        pre_s = max(sentence_start(text, ps, r.mark), raws_end)
        post_s = r.after if r.close is not None else pe
        post_e = sentence_end(text, post_s, pe)
        mark = MARK_RE.search(text, post_s, post_e)
        nxt = mark.start() if mark else post_e
        return pre_s, r.mark, post_s, min(post_e, nxt)

    def _cue_in(self, doc: Any, s: int, e: int, last: bool) -> Token | None:
        span = doc.char_span(s, e, alignment_mode="contract") if e > s else None
        if span is None:
            return None
        verbs = [t for t in span if t.lemma_.lower() in SPEECH_VERBS and t.pos_ in {"VERB", "AUX"}]
        if not verbs:
            return None
        return verbs[-1] if last else verbs[0]

    def _governing_cue(self, doc: Any, r: RawQuote) -> Token | None:
        span = doc.char_span(r.start, r.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        inside = {t.i for t in span}
        t = span[0]
        for _ in range(12):
            if t.head.i == t.i:
                break
            t = t.head
            if t.i not in inside and t.lemma_.lower() in SPEECH_VERBS and t.pos_ in {"VERB", "AUX"}:
                return t
        return None

    def _attribute_marked(
        self, article: Article, doc: Any, ents: ArticlePeople, r: RawQuote, paras: list[tuple[int, int]],
        last: Quote | None, done: list[Quote],
    ) -> Quote | None:
        text = article.text
        para = paras[r.paragraph]
        prev_end = para[0]
        for q in reversed(done):  # the quotes found so far, in order: this paragraph's are the last ones
            if q.paragraph != r.paragraph:
                break
            prev_end = max(prev_end, q.span.end + 1)
        pre_s, pre_e, post_s, post_e = self._window(text, para, r, prev_end)
        direct = _is_direct(text, r, para[0] if r.mark >= para[0] else para[0])
        kind = "direct" if direct else "mixed"
        if not direct and _is_title(text, r):
            return None  # 'told CNN's "State of the Union"': a programme's name, not someone's words
        cue: Token | None = None
        if not direct:
            cue = self._governing_cue(doc, r)
        cue = cue or self._cue_in(doc, pre_s, pre_e, last=True) or self._cue_in(doc, post_s, post_e, last=False)
        resolved: Resolved | None = None
        subj: Token | None = None
        if cue is not None:
            resolved, subj = ents.speaker_of(cue)
        if not direct and cue is not None and resolved is None:
            # 'Any application must explain “how …,” said X': the words the quote sits in are X's, whoever the
            # verb inside them has for a subject
            after = self._cue_in(doc, post_s, post_e, last=False)
            found = ents.speaker_of(after) if after is not None else (None, None)
            if after is not None and found[0] is not None and not re.search(r"\w", text[r.end : after.idx]):
                cue, (resolved, subj) = after, found
        if cue is None and r.mark == para[0] and r.paragraph > 0:
            # "Mr X said:" closing the previous paragraph introduces this one
            prev_s, prev_e = paras[r.paragraph - 1]
            if text[prev_e - 1] == ":":
                intro_s = sentence_start(text, prev_s, prev_e - 1)
                cue = self._cue_in(doc, intro_s, prev_e, last=True)
                if cue is not None:
                    resolved, subj = ents.speaker_of(cue)
                else:
                    # "Good released this statement following the result:": who issues a statement of their own
                    # introduces it (not "Moore received an email from her landlord:", "shared the message she was
                    # sent:")
                    span = doc.char_span(intro_s, prev_e - 1, alignment_mode="contract")
                    root = span.root if span is not None and len(span) else None
                    if root is not None and root.lemma_.lower() in ISSUING and any(
                            c.dep_ == "dobj" and c.lemma_.lower() in STATEMENT_NOUNS and
                            not any(g.dep_ in {"relcl", "acl"} for g in c.children) for c in root.children):
                        resolved, subj = ents.speaker_of(root)
                        cue = root if resolved is not None else None
        if cue is None:
            # "…,” according to a spokesperson for the council.
            for ws, we in ((post_s, post_e), (pre_s, pre_e)):
                acc = re.search(r"\baccording to\b", text[ws:we], re.I)
                span = doc.char_span(ws + acc.start(), ws + acc.end(), alignment_mode="expand") if acc else None
                if span is None:
                    continue
                to = span[-1]
                objs = [c for c in to.children if c.dep_ == "pobj"]
                if objs:
                    cue = span[0]
                    resolved = ents.at_token.get(objs[0].i) or next(
                        (ents.at_token[x.i] for x in objs[0].subtree if x.i in ents.at_token), None)
                    subj = objs[0]
                    break
        if resolved is None and cue is None:
            dash = re.match(r"\s*[—–-]\s*([A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+)*)", text[post_s:post_e])
            if dash:
                span = doc.char_span(post_s + dash.start(1), post_s + dash.end(1), alignment_mode="expand")
                if span is not None:
                    for t in span:
                        if t.i in ents.at_token:
                            resolved = ents.at_token[t.i]
        quote = Quote(article.id, Span(text[r.start : r.end], r.start, r.end), kind, paragraph=r.paragraph)  # type: ignore[arg-type]
        if cue is not None:
            cue_end = cue.idx + len(cue.text)
            if cue.lower_ == "according" and cue.i + 1 < len(doc):
                cue_end = doc[cue.i + 1].idx + len(doc[cue.i + 1].text)
            quote.cue = Span(text[cue.idx : cue_end], cue.idx, cue_end)
            quote.venue = self._venue(cue)
        if resolved is not None:
            quote.speaker = resolved.key
            quote.mention = _mention(text, resolved)
            return quote
        opens_para = r.mark == para[0]
        if last is not None and cue is None and (
            r.runs_on or (opens_para and last.paragraph >= r.paragraph - 1) or last.paragraph == r.paragraph
        ):
            quote.speaker = last.speaker
            quote.cue = last.cue
            quote.venue = last.venue
            if last.mention is not None:
                quote.mention = Mention(last.mention.span, "continuation", last.speaker, last.mention.mouth)
            return quote
        if kind == "mixed" and subj is None:
            return None  # scare quotes: no cue, no speaker
        if subj is not None and subj.pos_ in {"NOUN", "PROPN"}:
            # "…,” a senior Labour source said: kept, the speaker unnamed but the mention recorded
            quote.mention = _mention(text, Resolved("", "unresolved", *ents.np_extent(subj)))
        return quote

    # ----------------------------------------------------------- indirect
    def _indirect(self, article: Article, doc: Any, ents: ArticlePeople, marked: list[tuple[int, int]]) -> list[Quote]:
        out: list[Quote] = []
        text = article.text
        quoted, said = Intervals(marked), Intervals()  # ``said``: the spans of ``out``
        for t in doc:
            if t.pos_ not in {"VERB", "AUX"} or (t.lemma_.lower() not in INDIRECT_VERBS and not _finding(t)):
                continue
            if quoted.holds(t.idx):
                continue
            comps = complements(t) or _said_in(t)
            if not comps:
                continue
            c = comps[0]
            sub = list(c.subtree)
            s_tok = sub[0]
            marks = [x for x in sub if x.dep_ == "mark" and x.lower_ == "that"][:1]
            if marks and not all(x.text[:1].isupper() or x.pos_ == "DET" for x in sub if x.i < marks[0].i):
                marks = []
            venue_toks: list[Token] = []
            if marks and marks[0].i > s_tok.i:
                # "told BBC Radio Leeds that …" parsed with the venue inside the clause
                venue_toks = [x for x in sub if x.i < marks[0].i]
                s_tok = marks[0]
            while s_tok.dep_ == "mark" or s_tok.is_punct or (s_tok.lower_ == "that" and s_tok.tag_ == "IN"):
                s_tok = doc[s_tok.i + 1]
            # a clause after its verb runs to the sentence end; one before it ("…, he said") is its own subtree
            end_tok = c.sent[-1] if c.i > t.i else sub[-1]
            if t.head.i > t.i and t.dep_ != "ROOT" and t.right_edge.i < end_tok.i:
                # "After Obama announced that X, troops …", "While saying that X, he …": the clause ends
                # where the sentence it hangs from goes on
                end_tok = t.right_edge
            other = _others_say(doc, s_tok.i, end_tok.i)
            if other is not None:
                end_tok = doc[other - 1]  # "X said the rise would hurt, while Y said it was fair": X's words end
            while (end_tok.is_punct or end_tok.is_space) and end_tok.i > s_tok.i:
                end_tok = doc[end_tok.i - 1]
            start, end = s_tok.idx, end_tok.idx + len(end_tok.text)
            if end - start < 12 or MARK_RE.search(text, start, end):
                continue
            if quoted.overlaps(start, end):
                continue
            if said.holds(t.idx):
                continue  # "He said voters believe …": only the outermost attribution counts
            resolved, subj = ents.speaker_of(t)
            if resolved is None and subj is not None and subj.pos_ in {"NOUN", "PROPN"} and \
                    (t.lemma_.lower() in SAYING_VERBS or subj.lemma_.lower() in DOCUMENT_NOUNS):
                # "Officials said …", "A senior source told the BBC …", "An analysis of the survey found …": kept,
                # with the speaker unnamed
                s0, e0 = ents.np_extent(subj)
                resolved = Resolved("", "unresolved", s0, e0)
            if resolved is None:
                continue
            venue = self._venue(t)
            if venue is None and venue_toks and all(x.pos_ == "PROPN" for x in venue_toks):
                venue = " ".join(x.text for x in venue_toks)
            out.append(self._unmarked(article, start, end, "indirect", t, resolved, venue))
            said.add(out[-1].span.start, out[-1].span.end)
        return out

    # ----------------------------------------------------------- reported
    def _reported(self, article: Article, doc: Any, ents: ArticlePeople, marked: list[tuple[int, int]],
                  found: list[Quote]) -> list[Quote]:
        text = article.text
        spans: list[tuple[int, int, Token, Resolved]] = []
        taken = Intervals([*marked, *((q.span.start, q.span.end) for q in found)])
        for t in doc:
            low = t.lemma_.lower()
            is_verb = low in REPORTED_VERBS and t.pos_ == "VERB"
            is_noun = t.lower_ in REPORTED_NOUNS and t.pos_ == "NOUN"
            if not (is_verb or is_noun) or taken.holds(t.idx):
                continue
            if is_verb and (aimed_at(t) or asked_about(t)):
                continue  # "to ensure that the company creates …": what someone aims at, not what the subject did;
                # "asked if she backed it": a question
            need = REPORTED_NEEDS_PREP.get(low if is_verb else t.lemma_.lower())
            kids = [c for c in t.children if c.dep_ in {"dobj", "prep", "xcomp", "dative", "prt", "acl", "ccomp",
                                                         "oprd", "pobj"} and c.i > t.i
                    and (c.dep_ != "prep" or c.lower_ in OBJECT_PREPS)]
            if need is not None and not any(c.lower_ in need or (c.dep_ == "xcomp" and "to" in need) for c in kids):
                continue  # ("to": an infinitive, "trying to build a third runway")
            if not kids:
                continue
            end_tok = max((x for c in kids for x in c.subtree), key=lambda x: x.i)
            while end_tok.is_punct or end_tok.is_space:
                end_tok = doc[end_tok.i - 1]
            start, end = t.idx, end_tok.idx + len(end_tok.text)
            if len(text[start:end].split()) < 3:
                continue
            if is_verb:
                resolved, _ = ents.speaker_of(t)
                if resolved is not None and resolved.kind == "pronoun" and \
                        text[resolved.start : resolved.end].lower() in {"they", "them"} and \
                        getattr(ents.facts.get(resolved.key), "kind", None) == "organisation":
                    resolved = None  # "two deputy chairs … after they both supported it": people, not a body
                if resolved is not None and resolved.kind == "organisation" and t.dep_ == "relcl" and \
                        some_of_them(t.head):
                    resolved = None  # "the Tories who opposed the bill": some of the party, not the party
                if resolved is not None and not any(c.dep_ in SUBJECT_DEPS for c in t.children) and \
                        getattr(ents.facts.get(resolved.key), "gender", None) in object_genders(t):
                    resolved = None  # "said the governor had caved and urged her to …": not the governor
            else:
                owners = [c for c in t.children if c.dep_ in {"poss", "compound", "amod"}]
                resolved = None
                for o in owners:
                    resolved = ents.at_token.get(o.i)
                    if resolved is not None and resolved.kind == "pronoun" and o.lower_ in {"their", "our"}:
                        resolved = None  # "names voicing their opposition": a group of people, not the body last named
                    if resolved is None and o.pos_ in {"PROPN", "ADJ"}:
                        party = self.register.party_for(o.text)
                        entry = self.register.by_alias(o.text)
                        name = entry.name if entry else party
                        if name:
                            f = ents.fact(name, "organisation")
                            f.party = f.party or party
                            f.aliases.add(o.text)
                            resolved = Resolved(name, "organisation", o.idx, o.idx + len(o.text))
                    if resolved:
                        break
            if resolved is None:
                continue
            spans.append((start, end, t, resolved))
        out = []
        hulls = Intervals((s, e) for s, e, _, _ in spans)
        for start, end, t, resolved in spans:
            if any(s <= start and end <= e and (s, e) != (start, end) for s, e in hulls.near(start, end)):
                continue  # "calls for X" inside "rejected calls for X"
            q = self._unmarked(article, start, end, "reported", t, resolved)
            q.action = t.lemma_.lower() in EFFORT_VERBS  # "trying to build a runway": an act, not words
            out.append(q)
        return out

    # ------------------------------------------------------------ helpers
    def _unmarked(self, article: Article, start: int, end: int, kind: str, cue: Token, resolved: Resolved,
                  venue: str | None = None) -> Quote:
        """An indirect or reported quote: no marks, a cue word and a resolved speaker."""
        text = article.text
        q = Quote(article.id, Span(text[start:end], start, end), kind,  # type: ignore[arg-type]
                  cue=Span(cue.text, cue.idx, cue.idx + len(cue.text)), venue=venue)
        q.speaker = resolved.key or None
        q.mention = _mention(text, resolved)
        q.paragraph = self._para_of(text, start)
        return q

    @staticmethod
    def _para_of(text: str, pos: int) -> int:
        """How many line breaks (a run of white space from a line break counts once) come before ``pos``."""
        return bisect.bisect_left(_line_breaks(text), pos)

    @staticmethod
    def _context(text: str, paras: list[tuple[int, int]], q: Quote) -> str:
        """The paragraph holding the quote's start (the first one, where two touch)."""
        k = bisect.bisect_left(paras, (q.span.start + 1,)) - 1  # the last paragraph starting at or before it
        for s, e in paras[max(0, k - 1) : k + 1]:
            if s <= q.span.start <= e:
                return text[s:e]
        return ""

    @staticmethod
    def _venue(cue: Token) -> str | None:
        """'told Sky News', 'told the Liverpool Echo newspaper', 'on his social media', 'told MPs'."""
        cands: list[Token] = []
        if cue.lemma_.lower() == "tell":
            cands += [c for c in cue.children if c.dep_ in {"dobj", "dative", "iobj", "npadvmod"}]
        for c in cue.children:
            if c.dep_ == "prep" and c.lower_ in {"on", "to", "in", "with"}:
                cands += [g for g in c.children if g.dep_ == "pobj"]
        head = cue.head if cue.dep_ in {"conj", "xcomp"} else None
        if head is not None and head.lemma_.lower() == "tell":
            cands += [c for c in head.children if c.dep_ in {"dobj", "dative"}]
        for c in list(cands):
            if c.lemma_.lower() in STATEMENT_NOUNS:
                # "in a post on X", "in an interview with the BBC": the venue is inside
                inner = [g for p in c.children if p.dep_ == "prep" and p.lower_ in {"on", "with", "to"}
                         for g in p.children if g.dep_ == "pobj"]
                cands.remove(c)
                cands[0:0] = inner
        for c in cands:
            skip = {y.i for x in c.subtree if x.dep_ in {"relcl", "acl"} or (x.dep_ == "prep" and x.lower_ != "of")
                    for y in x.subtree}
            words = [x for x in c.subtree if x.i not in skip and x.pos_ not in {"DET"} and x.dep_ != "poss"
                     and not x.is_punct]
            phrase = " ".join(x.text for x in words).strip()
            low = phrase.lower()
            if low in VENUE_NORMALISE:
                return VENUE_NORMALISE[low]
            if not any(w in VENUE_MEDIA_WORDS for w in low.split()) and not any(x.ent_type_ == "ORG" for x in words):
                continue
            phrase = re.sub(r"\s+(newspaper|programme|show)$", "", phrase)
            return phrase or None
        return None


extractors.add("rules.v1", RuleExtractor)


# Verbs of a state of mind rather than an act of saying ("Ann Lee wanted the levy scrapped, Tom Bell said …")
ATTITUDES = {"want", "hope", "feel", "fear", "think", "believe", "intend", "plan"}
# Verbs by which a document states what it found: "A study by X shows that …", "the data indicate that …"
FINDING_VERBS = {"show", "indicate", "suggest", "reveal", "demonstrate"}


def _others_say(doc: Any, first: int, last: int) -> int | None:
    """Where, between tokens ``first`` and ``last``, a clause opened by "while" or "whereas" after a comma gives
    someone else's words, with a verb of saying and its own subject ("…, while the Institute for Fiscal Studies said it
    was fair"): the index of that comma; None where none does."""
    for k in range(first + 1, last):
        if doc[k].lower_ in {"while", "whereas"} and doc[k - 1].text == "," and any(
                x.lemma_.lower() in INDIRECT_VERBS and any(c.dep_ == "nsubj" for c in x.children)
                for x in doc[k + 1 : last + 1]):
            return k - 1
    return None


def _finding(verb: Token) -> bool:
    """Whether ``verb`` is a document stating a finding: "A study by the Crime Research Group shows police are …"
    (what a person "shows" or "suggests" is not a statement)."""
    return verb.lemma_.lower() in FINDING_VERBS and any(
        c.dep_ in {"nsubj", "nsubjpass"} and c.lemma_.lower() in DOCUMENT_NOUNS for c in verb.children)


def _without_outer_efforts(quotes: list[Quote], doc: Any) -> list[Quote]:
    """``quotes`` without an effort that holds a position of its speaker's ("trying to block the runway" around
    "block the runway"): one act, reported once, by its own cue (an effort's cue read by its lemma in ``doc``)."""
    def effort(q: Quote) -> bool:
        cue = doc.char_span(q.cue.start, q.cue.end) if q.cue is not None else None
        return cue is not None and cue[0].lemma_.lower() in EFFORT_VERBS

    def holds(q: Quote) -> bool:
        return any(o is not q and o.kind == "reported" and o.speaker == q.speaker and
                   q.span.start <= o.span.start and o.span.end <= q.span.end for o in quotes)

    return [q for q in quotes if not (q.kind == "reported" and q.speaker and effort(q) and holds(q))]


def _without_others_inside_an_act(quotes: list[Quote]) -> list[Quote]:
    """``quotes`` without a statement whose cue holds the noun a verb of voicing voices, inside that position given
    by the parse to someone else ("The Kent Chamber of Commerce expressed support for the new incinerator": "the new
    incinerator", by its cue "expressed support for", is the Chamber's, whoever a tagger gave it to): one act,
    reported once."""
    def inside(q: Quote, act: Quote) -> bool:
        return act is not q and act.action and bool(act.speaker) and act.speaker != q.speaker and \
            act.cue is not None and act.cue.text.lower().startswith(VOICING_PREFIXES) and \
            q.cue is not None and any(w in VOICED_NOUNS for w in q.cue.text.lower().split()) and \
            act.span.start <= q.span.start and q.span.end <= act.span.end and act.cue.start <= q.cue.start
    return [q for q in quotes if q.action or not any(inside(q, a) for a in quotes)]


def complements(verb: Token) -> list[Token]:
    """A verb's clausal complement: the first it has; the one after it where the one before is someone's own
    attribution ("Durbin questioned why …, cases the president said he wanted …": what the president said follows
    "said"; "The levy is unfair, Ann Lee said, it punishes the poor" keeps the first)."""
    comps = [c for c in verb.children if c.dep_ == "ccomp"]
    after = [c for c in comps if c.i > verb.i]
    before = [c for c in comps if c.i < verb.i]
    if before and after and before[0].lemma_.lower() in SPEECH_VERBS - ATTITUDES and \
            any(x.dep_ in {"nsubj", "nsubjpass"} for x in before[0].children):
        return after[:1]
    if before and after and any(_reduced_relative(x) for x in verb.children if x.dep_ == "nsubj"):
        return after[:1]  # "The council voted to ban them, a move supporters say will return homes to renters"
    return comps[:1]


def _reduced_relative(subject: Token) -> bool:
    """Whether a speech verb's subject is a plural the parser fused with the noun before it, in a relative clause
    with no "that": "a move supporters say will …" ("a" does not go with "supporters"; what they say follows)."""
    return subject.tag_ in {"NNS", "NNPS"} and any(
        c.dep_ == "det" and c.lower_ in {"a", "an"} for c in subject.children) and any(
        c.dep_ == "compound" and c.tag_ == "NN" for c in subject.children)


def _said_in(verb: Token) -> list[Token]:
    """The clause of "said in a petition that …", "wrote in a letter that …", "estimated ahead of the election that
    …", which the parser hangs off the object of a preposition rather than the verb: a clause under the object of a
    preposition of the verb (or of an adverb of the verb: "ahead of"), opened by the conjunction "that" (tagged or
    attached so, whatever its arc) and with a subject of its own ("a letter that she sent" is a relative clause)."""
    preps = [p for p in verb.children if p.dep_ == "prep"]
    preps += [p for a in verb.children if a.dep_ == "advmod" for p in a.children if p.dep_ == "prep"]
    return [a for p in preps
            for o in p.children if o.dep_ == "pobj"
            for a in o.children if a.dep_ in {"acl", "relcl"} and a.i > o.i and
            any(m.lower_ == "that" and (m.tag_ == "IN" or m.dep_ == "mark") and m.i < a.i for m in a.children) and
            any(x.dep_ in {"nsubj", "nsubjpass", "expl"} and x.lower_ != "that" for x in a.children)]
