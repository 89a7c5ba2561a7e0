"""A trained attribution tagger: source, cue and content spans, learned from PolNeAR train.

The model (``attribution_model/``, a few MB, trained by ``scripts/train_attribution.py``) is a
small hash-embedding CNN with a transition-based span tagger. Its features are the words and
the main pipeline's analysis: each token's tag, and its dependency label with the direction of
its head, carried in the LEMMA slot of a feature doc (:func:`feature_doc`). The feature doc has
no sentence boundaries, so a content span may run over several sentences.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from ..errors import OnrecordError
from ..nlp import ends_line


def _dep_feature(tok: Any) -> str:
    dep = str(tok.dep_)
    if tok.head.i == tok.i:
        return dep + "^"
    return dep + ("<" if tok.head.i < tok.i else ">")


def feature_doc(vocab: Any, doc: Doc) -> Doc:
    """The tagger's input: ``doc``'s words and tags; dependency label and head direction as lemma."""
    return Doc(vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc],
               tags=[t.tag_ or "_" for t in doc], lemmas=[_dep_feature(t) for t in doc])


MODEL_DIR = Path(__file__).resolve().parent / "attribution_model"
MODEL_VERSION = "attribution-tagger.v1"
MAX_CUE_GAP = 40  # tokens between a content piece and its cue, sources and punctuation not counted
MAX_SOURCE_GAP = 12


@dataclass
class TaggedAttribution:
    """One attribution the tagger found, in token offsets of the main doc (end exclusive)."""

    contents: list[tuple[int, int]]
    cue: tuple[int, int] | None = None
    source: tuple[int, int] | None = None
    reported: bool = False  # a position taken on something named ("rejected the plan"): reported from the cue

    @property
    def hull(self) -> tuple[int, int]:
        return self.contents[0][0], self.contents[-1][1]


def available(path: Path = MODEL_DIR) -> bool:
    return (path / "meta.json").is_file()


class AttributionTagger:
    """Loads the trained model once; :meth:`attributions` tags a parsed doc."""

    version = MODEL_VERSION

    def __init__(self, path: Path = MODEL_DIR) -> None:
        import spacy

        if not available(path):
            raise OnrecordError("E501", f"the attribution model is missing at {path}",
                                hint="reinstall onrecord, or train it: python scripts/train_attribution.py")
        self.nlp = spacy.load(path)

    def spans(self, doc: Doc) -> list[tuple[str, int, int]]:
        fdoc = feature_doc(self.nlp.vocab, doc)
        for _, proc in self.nlp.pipeline:
            fdoc = proc(fdoc)
        return [(e.label_, e.start, e.end) for e in fdoc.ents]

    def attributions(self, doc: Doc, skip: Sequence[tuple[int, int]] = ()) -> list[TaggedAttribution]:
        """The doc's attributions. ``skip`` (token ranges already accounted for, which a slower tagger may leave
        unread) is ignored: this tagger is cheap, and reads the whole doc."""
        return assemble(doc, self.spans(doc))


def _paragraph_ids(doc: Doc) -> list[int]:
    ids, p = [], 0
    for t in doc:
        ids.append(p)
        if ends_line(t):
            p += 1
    return ids


def _counts(doc: Doc, skip: set[int]) -> list[int]:
    """``out[i]``: the tokens in ``doc[:i]`` that a gap counts (not punctuation, spaces or ``skip``)."""
    import numpy
    from spacy.attrs import IS_PUNCT, IS_SPACE

    flags = numpy.asarray(doc.to_array([IS_PUNCT, IS_SPACE]), dtype=numpy.int64).reshape(len(doc), 2)
    keep = (flags.sum(axis=1) == 0).astype(numpy.int64)  # one array read, not a property per token
    for i in skip:
        if 0 <= i < len(keep):
            keep[i] = 0
    return [0, *numpy.cumsum(keep).tolist()]


def _gap(counts: list[int], a: tuple[int, int], b: tuple[int, int]) -> int:
    """Tokens strictly between two spans, not counting punctuation, spaces and what ``counts`` skips."""
    lo, hi = (a[1], b[0]) if a[1] <= b[0] else (b[1], a[0])
    return counts[hi] - counts[lo] if hi > lo else 0


class _Near:
    """Which of some spans can lie within a gap of a target, found by bisection (each content would otherwise be
    weighed against every cue of its paragraph: quadratic in a long one). Spans that are not in order, or overlap,
    are all offered."""

    def __init__(self, spans: list[tuple[int, int]], counts: list[int]) -> None:
        self.n = len(spans)
        self.ordered = all(s < e for s, e in spans) and all(spans[k - 1][1] <= spans[k][0]
                                                             for k in range(1, len(spans)))
        self.counts = counts
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]
        self.at_start = [counts[s] for s in self.starts]
        self.at_end = [counts[e] for e in self.ends]

    def around(self, target: tuple[int, int], max_gap: int) -> range:
        """Indices, in order, of the spans that may be within ``max_gap`` of ``target`` (a superset of them)."""
        if not self.ordered or target[0] >= target[1]:
            return range(self.n)
        c = self.counts
        after = bisect.bisect_left(self.starts, target[1])  # spans from here on start after the target
        last = bisect.bisect_right(self.at_start, c[target[1]] + max_gap, lo=after)
        before = bisect.bisect_right(self.ends, target[0])  # spans before this end before the target
        first = bisect.bisect_left(self.at_end, c[target[0]] - max_gap, hi=before)
        return range(first, last)


def assemble(doc: Doc, spans: list[tuple[str, int, int]]) -> list[TaggedAttribution]:
    """Group tagged pieces into attributions.

    Each content piece goes to the nearest cue in its paragraph (ties: the cue in the
    sentence where the piece starts, then the one before it); the pieces of one cue make one
    attribution ('"A," she said, "B."' is one content in two pieces); a cue's source is the
    nearest source span in its sentence or paragraph.
    """
    para = _paragraph_ids(doc)
    contents = [(s, e) for lab, s, e in spans if lab == "CONTENT"]
    cues = [(s, e) for lab, s, e in spans if lab == "CUE"]
    sources = [(s, e) for lab, s, e in spans if lab == "SOURCE"]
    in_source = {i for s, e in sources for i in range(s, e)}
    if doc.has_annotation("SENT_START"):
        sent_start = [0] * len(doc)
        for sent in doc.sents:
            sent_start[sent.start : sent.end] = [sent.start] * len(sent)
    else:
        sent_start = para
    counted, counted_all = _counts(doc, in_source), _counts(doc, set())
    near_cues, near_sources = _Near(cues, counted), _Near(sources, counted_all)

    by_cue: dict[tuple[int, int] | None, list[tuple[int, int]]] = {}
    for c in contents:
        best: tuple[int, int, int, int] | None = None
        best_cue: tuple[int, int] | None = None
        for k in near_cues.around(c, MAX_CUE_GAP):
            q = cues[k]
            if para[q[0]] != para[c[0]] and para[q[0]] != para[c[1] - 1]:
                continue
            g = _gap(counted, c, q)
            if g > MAX_CUE_GAP:
                continue
            key = (g, 0 if sent_start[q[0]] == sent_start[c[0]] else 1, 0 if q[1] <= c[0] else 1, abs(q[0] - c[0]))
            if best is None or key < best:
                best, best_cue = key, q
        by_cue.setdefault(best_cue, []).append(c)
    out: list[TaggedAttribution] = []
    for cue, pieces in by_cue.items():
        if cue is None:
            out += [TaggedAttribution([p]) for p in pieces]
            continue
        src: tuple[int, int] | None = None
        best_s: tuple[int, int] | None = None
        for k in near_sources.around(cue, MAX_SOURCE_GAP):
            s = sources[k]
            if para[s[0]] != para[cue[0]]:
                continue
            g = _gap(counted_all, s, cue)
            if g > MAX_SOURCE_GAP or any(p[0] <= s[0] < p[1] for p in pieces):
                continue
            skey = (0 if sent_start[s[0]] == sent_start[cue[0]] else 1, g)
            if best_s is None or skey < best_s:
                best_s, src = skey, s
        out.append(TaggedAttribution(sorted(pieces), cue, src))
    out.sort(key=lambda a: a.hull)
    return out
