"""Score the extractor against PolNeAR (political news attribution relations, brat standoff).

Usage::

    python -m onrecord.eval.polnear --split dev [--limit N] [--json] [--root DIR]

The corpus lives outside the repository (default ``../shared/data/polnear``, or
``$ONRECORD_POLNEAR``); its texts are copyrighted and are never copied here. Only
the train and dev splits are used; the test split is held out.

What PolNeAR annotates vs what onrecord reports
-----------------------------------------------
A PolNeAR attribution is any content attributed to a source: speech, but also
beliefs, knowledge, intentions, support and perceptions ("Republicans *fear*
that ...", "a poll *shows* ...", "he *likes* it"). onrecord reports what people
*said* (direct and mixed quotes, indirect speech after a speech or opinion verb)
and positions stated with a cue ("called for ...", kind ``reported``). So recall
against all of PolNeAR understates what onrecord is meant to find. Each
attribution therefore carries ``speech_cue`` (its cue contains a word of a broad
speech-verb list, :data:`SPEECH_WORDS`, or "according to"), and
``score_polnear(..., speech_only=True)`` restricts the gold used for *recall* to
those attributions. Precision is the same in both modes: a prediction that
matches any gold attribution (speech or not) is correct, since it did find an
attribution. ``main`` reports both; the speech-only recall is the one that
measures onrecord against its own remit.

How onrecord's quotes map to PolNeAR
------------------------------------
onrecord reports the quoted words (a mixed quote is its quoted fragment; '"A," she
said, "B."' is two quotes). PolNeAR's content is the whole attributed proposition
(the clause around a mixed quote; one content in two pieces). :func:`polnear_view`
maps one to the other before scoring: a quote's ``content`` span (set by the
tagger-based extractors when the tagger found the attribution) replaces its span,
direct quotes that share one cue are joined, a reported quote loses its cue
("called for a ban" is scored as "a ban"; "refused to rule it out" as "to rule it out",
PolNeAR keeping the "to"), and duplicates count once.

How spans are compared
----------------------
* Gold ``kind`` follows the corpus notes (FORMAT.md): direct when every content
  piece is wholly inside quote marks, indirect when there are none, mixed
  otherwise; except that two apostrophes (``''``) count as a double quote mark,
  since one publisher writes every quote that way (the notes' counts do not, and
  so file those quotes as indirect: train direct/mixed/indirect is 3,615 / 2,769
  / 13,448 here against 2,906 / 2,276 / 14,650 there). A second ``Content``
  role (``Content2``) adds its pieces to the content.
* A gold role (content, cue, source) may be discontinuous; it is kept as its
  pieces and compared through its hull (lowest start, highest end).
* Every span, gold and predicted, goes through one normalisation,
  :func:`normalise`: surrounding whitespace, double quote marks (``''`` too) and
  punctuation (``.,;:!?…``) are stripped from both ends, and for content a
  leading complementiser "that" (lower case, then a space) too: PolNeAR puts the
  quote marks and the "that" inside the content, onrecord's ``Quote.span``
  leaves them out. (Without the "that" rule, train content exact F1 drops by
  about 4 points; Jaccard scores barely move.)
* **exact**: normalised offsets are equal, one to one. **jaccard**: normalised spans overlap
  by at least half their union (:func:`onrecord.eval.overlap_ratio`), matched one
  to one, best first (:func:`onrecord.eval.match_spans`).
* Content is matched per article. Cue and source are judged on the content pairs
  matched at Jaccard >= 0.5: the cue is right when ``Quote.cue`` equals (exact)
  or overlaps by >= 0.5 Jaccard (jaccard) the gold cue; the source likewise with
  ``Quote.mention.span`` against the gold source. Cue/source precision is over
  predictions that have a cue/mention, recall over gold attributions that have one.
* Every predicted quote counts for precision, ``reported`` ones included (their
  precision is also given per predicted kind).
* A ``continuation`` mention (a quote that continues the previous speaker)
  points at an earlier attribution's mention; it is counted like any other
  mention and reported separately.
* PolNeAR has no coreference: a source "he" is the pronoun, and onrecord's
  mention is also the surface mention (not the resolved name), so they compare.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import OnrecordError
from ..models import Quote, Span
from ..settings import default as default_setting
from . import match_spans, overlap_ratio

Piece = tuple[int, int]

QMARKS = '"\u201c\u201d'  # the marks PolNeAR's own kind heuristic reads
DOUBLE_MARKS = '"\u201c\u201d\u201e\u00ab\u00bb'
EDGE_PUNCT = ".,;:!?\u2026"
KINDS = ("direct", "mixed", "indirect")
PRED_KINDS = ("direct", "mixed", "indirect", "reported")

_T_RE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t")
_E_RE = re.compile(r"^(E\d+)\t(.*)$")
_THAT_RE = re.compile(r"that\s")  # the complementiser, lower case: not "That's", not "thatcher"

# Broad speech-verb list (word forms; "according to" is checked as a phrase).
_SPEECH_WORDS = """
say says said saying tell tells told telling add adds added adding write writes wrote written writing
tweet tweets tweeted tweeting ask asks asked asking note notes noted noting argue argues argued arguing
announce announces announced announcing announcement claim claims claimed claiming warn warns warned warning
statement statements interview interviews interviewed interviewing insist insists insisted insisting
explain explains explained explaining declare declares declared declaring state states stated stating
remark remarks remarked remarking comment comments commented commenting respond responds responded
responding response reply replies replied replying
"""
SPEECH_WORDS = frozenset(_SPEECH_WORDS.split())


# ---------------------------------------------------------------------------------------------- loading
@dataclass(frozen=True)
class PolnearAttribution:
    content: tuple[Piece, ...]  # pieces, sorted
    content_hull: Piece
    content_text: str  # pieces joined with " ... "
    cue: tuple[Piece, ...]
    cue_text: str | None
    source: tuple[Piece, ...] | None
    source_text: str | None
    kind: str  # direct / mixed / indirect, derived from quote marks
    speech_cue: bool

    @property
    def cue_hull(self) -> Piece | None:
        return _hull(self.cue) if self.cue else None

    @property
    def source_hull(self) -> Piece | None:
        return _hull(self.source) if self.source else None


@dataclass(frozen=True)
class PolnearDoc:
    id: str  # <publisher>_<date>_<slug>
    split: str
    annotator: str
    text: str
    attributions: tuple[PolnearAttribution, ...]


def _hull(pieces: Sequence[Piece]) -> Piece:
    return min(s for s, _ in pieces), max(e for _, e in pieces)


def is_speech_cue(cue_text: str | None) -> bool:
    if not cue_text:
        return False
    low = cue_text.lower()
    if re.search(r"\baccording\s+to\b", low):
        return True
    return any(w in SPEECH_WORDS for w in re.findall(r"[a-z]+", low))


def _piece_kind(text: str, s: int, e: int) -> str:
    seg = text[s:e].strip()
    if s > 0 and text[s - 1] in QMARKS:  # a mark just outside the annotated span still counts
        seg = text[s - 1] + seg
    elif text[max(s - 2, 0) : s] == "''":
        seg = "''" + seg
    if e < len(text) and text[e] in QMARKS:
        seg = seg + text[e]
    elif text[e : e + 2] == "''":
        seg = seg + "''"
    seg = seg.replace("''", '"')  # two apostrophes are a double quote mark (one paper writes its quotes so)
    core = seg.strip(" .,;:!?-\u2014")
    n = sum(core.count(c) for c in QMARKS)
    if n == 0:
        return "indirect"
    if len(core) > 1 and core[0] in QMARKS and core[-1] in QMARKS and n == 2:
        return "direct"
    if core and core[0] in QMARKS and n == 1:  # a quote that runs past its paragraph, no closing mark
        return "direct"
    return "mixed"


def quote_kind(text: str, pieces: Sequence[Piece]) -> str:
    """direct: every piece wholly inside quote marks; indirect: no marks at all; mixed: the rest."""
    kinds = {_piece_kind(text, s, e) for s, e in pieces}
    return kinds.pop() if len(kinds) == 1 else "mixed"


def _parse_ann(path: Path) -> tuple[dict[str, tuple[str, list[Piece]]], list[list[tuple[str, str]]]]:
    spans: dict[str, tuple[str, list[Piece]]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in path.read_text("utf-8").split("\n"):
        m = _T_RE.match(line)
        if m:
            pieces = [(int(a), int(b)) for a, b in (p.split() for p in m.group(3).strip().split(";"))]
            spans[m.group(1)] = (m.group(2), pieces)
            continue
        m = _E_RE.match(line)
        if m:
            args = [a.split(":", 1) for a in m.group(2).split()]
            events.append([(a[0], a[1]) for a in args if len(a) == 2])
        # notes (#), relations and the continuation lines of multi-line span text are ignored
    return spans, events


def _doc_from_ann(doc_id: str, split: str, annotator: str, text: str, ann: Path) -> PolnearDoc:
    spans, events = _parse_ann(ann)
    atts: list[PolnearAttribution] = []
    for ev in events:
        if not ev:
            continue
        roles: dict[str, list[Piece]] = defaultdict(list)
        for role, tid in ev[1:]:  # ev[0] is the trigger (Attribution / Attribution-no-source)
            if tid in spans:
                roles[role.rstrip("0123456789")] += spans[tid][1]  # "Content2" is a second Content
        content = sorted(roles.get("Content", []))
        if not content:
            continue
        cue = tuple(sorted(roles.get("Cue", [])))
        src = tuple(sorted(roles.get("Source", [])))
        cue_text = " ... ".join(text[s:e] for s, e in cue) or None
        atts.append(PolnearAttribution(
            content=tuple(content), content_hull=_hull(content),
            content_text=" ... ".join(text[s:e] for s, e in content),
            cue=cue, cue_text=cue_text,
            source=src or None, source_text=" ... ".join(text[s:e] for s, e in src) or None,
            kind=quote_kind(text, content), speech_cue=is_speech_cue(cue_text),
        ))
    atts.sort(key=lambda a: a.content_hull)
    return PolnearDoc(doc_id, split, annotator, text, tuple(atts))


def load_split(root: Path, split: str, limit: int | None = None) -> list[PolnearDoc]:
    """Articles of one split, one annotation each (the lowest annotator id), in id order.

    ``limit`` keeps that many articles spread evenly over the sorted list, so that
    every publisher is represented (the ids start with the publisher's name).
    """
    root = Path(root)
    adir = root / split / "attributions"
    if not adir.is_dir():
        raise OnrecordError("E101", f"no PolNeAR {split} split under {root}: {adir} is not a folder", path=str(adir),
                            hint="set ONRECORD_POLNEAR (or --root) to the PolNeAR folder")
    by_article: dict[str, list[tuple[str, Path]]] = defaultdict(list)
    for p in sorted(adir.glob("*.ann")):
        base, annotator = p.stem.rsplit("_", 1)
        by_article[base].append((annotator, p))
    ids = sorted(by_article)
    if limit is not None and limit < len(ids):
        ids = [ids[i * len(ids) // limit] for i in range(max(limit, 0))]
    docs = []
    for base in ids:
        annotator, path = min(by_article[base])
        text = (root / split / "text" / f"{base}.txt").read_text("utf-8")
        docs.append(_doc_from_ann(base, split, annotator, text, path))
    return docs


# ---------------------------------------------------------------------------------------------- scoring
def normalise(text: str, start: int, end: int, content: bool = False) -> Piece:
    """The one span normalisation applied to gold and predicted spans alike (see the module docstring)."""
    s, e = start, end
    while True:
        before = (s, e)
        while s < e and (text[s].isspace() or text[s] in DOUBLE_MARKS or text[s] in EDGE_PUNCT):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in DOUBLE_MARKS or text[e - 1] in EDGE_PUNCT):
            e -= 1
        if text[s : s + 2] == "''" and e - s > 2:
            s += 2
        if text[e - 2 : e] == "''" and e - s > 2:
            e -= 2
        if content and _THAT_RE.match(text, s, e) and e - s > 5:
            s += 5
        if (s, e) == before:
            break
    if e <= s:  # nothing but marks and punctuation: keep the raw span
        return start, end
    return s, e


def _prf(tp_p: int, n_p: int, tp_r: int, n_g: int) -> dict[str, float | int]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_g if n_g else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "tp_pred": tp_p, "pred": n_p, "tp_gold": tp_r, "gold": n_g}


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def _exact_pairs(pred: list[Piece], gold: list[Piece]) -> list[tuple[int, int]]:
    free: dict[Piece, list[int]] = defaultdict(list)
    for j, g in enumerate(gold):
        free[g].append(j)
    out = []
    for i, p in enumerate(pred):
        if free.get(p):
            out.append((i, free[p].pop(0)))
    return out


# "called for X", "opposition to the plan": X; but "refused to rule it out" keeps its "to" (PolNeAR's content)
_LEAD_PREP = re.compile(r"\s*(?:(?:for|on|against|out|of|about)\s+"
                        r"|to\s+(?=(?:the|a|an|his|her|their|its|our|your|my|this|these|those)\b|[A-Z0-9$]))?")


def _reported_content(q: Quote) -> Span:
    """A reported quote ("called for a ban") includes its cue; PolNeAR's content is what was called for."""
    if q.kind != "reported" or q.cue is None or q.cue.start != q.span.start:
        return q.span
    rest = q.span.text[q.cue.end - q.span.start :]
    m = _LEAD_PREP.match(rest)
    skip = q.cue.end - q.span.start + (m.end() if m else 0)
    if skip >= len(q.span.text):
        return q.span
    return Span(q.span.text[skip:], q.span.start + skip, q.span.end)


def polnear_view(quotes: list[Quote]) -> list[Quote]:
    """onrecord's quotes as PolNeAR attributions (see "How onrecord's quotes map to PolNeAR").

    A quote's content is its ``content`` span when the extractor found one, else its own
    span (a reported quote's without its cue: "called for X" is X); quotes that share one
    cue (the two parts of '"A," she said, "B."') become one content spanning both; a
    content reported twice counts once. Reported actions (``Quote.action``: votes, lawsuits, "X's plan") are
    positions, not attributions, and are left out.
    """
    out: list[Quote] = []
    at_cue: dict[tuple[int, int], int] = {}  # cue -> index in out of the quote it attributes
    seen: set[tuple[int, int]] = set()
    for q in sorted(quotes, key=lambda q: q.span.start):
        if q.action:
            continue  # a reported action ("voted against the bill"): a position, not an attribution
        c = q.content or _reported_content(q)
        key = (q.cue.start, q.cue.end) if q.cue is not None else None
        k = at_cue.get(key) if key is not None else None
        if k is not None and q.content is None and out[k].kind == q.kind == "direct":
            out[k] = replace(out[k], span=replace(out[k].span, end=max(out[k].span.end, c.end)))
            continue
        if (c.start, c.end) in seen:
            continue
        seen.add((c.start, c.end))
        out.append(replace(q, span=c, content=None))
        if key is not None:
            at_cue[key] = len(out) - 1
    return out


def score_polnear(docs: Iterable[PolnearDoc], predict: Callable[[str], list[Quote]],
                  speech_only: bool = False) -> dict[str, Any]:
    """Span P/R/F1 of content, cue and source, exact and at Jaccard >= 0.5, with breakdowns.

    ``predict(text)`` returns onrecord quotes for an article text. With ``speech_only`` the
    gold counted for recall is only the attributions with a speech cue; precision is unchanged.
    """
    c: Counter[str] = Counter()
    for doc in docs:
        text = doc.text
        gold = list(doc.attributions)
        quotes = polnear_view(predict(text))
        c["articles"] += 1
        in_scope = [a.speech_cue or not speech_only for a in gold]
        g_spans = [normalise(text, *a.content_hull, content=True) for a in gold]
        p_spans = [normalise(text, q.span.start, q.span.end, content=True) for q in quotes]
        pairs_j = match_spans([{"start": s, "end": e} for s, e in p_spans],
                              [{"start": s, "end": e} for s, e in g_spans])
        pairs_x = _exact_pairs(p_spans, g_spans)
        for j, a in enumerate(gold):
            c["gold_all"] += 1
            c[f"gold_kind_all:{a.kind}"] += 1
            c["gold_speech"] += a.speech_cue
            if not in_scope[j]:
                continue
            c["gold"] += 1
            c[f"gold_kind:{a.kind}"] += 1
            c["gold_cue"] += bool(a.cue)
            c["gold_source"] += a.source is not None
        for q in quotes:
            c["pred"] += 1
            c[f"pred_kind:{q.kind}"] += 1
            c["pred_cue"] += q.cue is not None
            c["pred_source"] += q.mention is not None
            if q.mention is not None and q.mention.kind == "continuation":
                c["pred_continuation"] += 1
        for mode, pairs in (("exact", pairs_x), ("jaccard", pairs_j)):
            for i, j in pairs:
                a, q = gold[j], quotes[i]
                c[f"content_{mode}:tp_pred"] += 1
                c[f"content_{mode}:pred_kind:{q.kind}"] += 1
                if in_scope[j]:
                    c[f"content_{mode}:tp_gold"] += 1
                    c[f"content_{mode}:gold_kind:{a.kind}"] += 1
                    if a.speech_cue:
                        c[f"content_{mode}:speech"] += 1
        for i, j in pairs_j:
            a, q = gold[j], quotes[i]
            cont = q.mention is not None and q.mention.kind == "continuation"
            c["matched"] += 1
            c["matched_continuation"] += cont
            for role, g_hull, p_span in (
                ("cue", a.cue_hull, q.cue),
                ("source", a.source_hull, q.mention.span if q.mention is not None else None),
            ):
                if g_hull is None or p_span is None:
                    continue
                gs = normalise(text, *g_hull)
                ps = normalise(text, p_span.start, p_span.end)
                hits = {"exact": gs == ps, "jaccard": overlap_ratio(ps, gs) >= 0.5}
                for mode, hit in hits.items():
                    if not hit:
                        continue
                    c[f"{role}_{mode}:tp_pred"] += 1
                    c[f"{role}_{mode}:tp_gold"] += in_scope[j]
                    if role == "source" and cont:
                        c[f"source_{mode}:continuation"] += 1
                if role == "source":
                    c["matched_with_both_sources"] += 1
                    c["mention_overlaps_source"] += min(ps[1], gs[1]) > max(ps[0], gs[0])
                    if cont:
                        c["continuation_with_gold_source"] += 1
                        c["continuation_overlaps_source"] += min(ps[1], gs[1]) > max(ps[0], gs[0])
    return _summarise(c, speech_only)


def _summarise(c: Counter[str], speech_only: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "speech_only": speech_only,
        "articles": c["articles"],
        "gold_attributions": c["gold_all"],
        "gold_speech_cue": c["gold_speech"],
        "gold_in_scope": c["gold"],
        "predicted": c["pred"],
        "gold_kinds": {k: c[f"gold_kind_all:{k}"] for k in KINDS},
        "predicted_kinds": {k: c[f"pred_kind:{k}"] for k in PRED_KINDS},
    }
    for mode in ("exact", "jaccard"):
        out[f"content_{mode}"] = _prf(c[f"content_{mode}:tp_pred"], c["pred"], c[f"content_{mode}:tp_gold"],
                                      c["gold"])
        for role in ("cue", "source"):
            out[f"{role}_{mode}"] = _prf(c[f"{role}_{mode}:tp_pred"], c[f"pred_{role}"], c[f"{role}_{mode}:tp_gold"],
                                         c[f"gold_{role}"])
    out["recall_speech_cue"] = {
        "gold": c["gold_speech"],
        **{mode: _ratio(c[f"content_{mode}:speech"], c["gold_speech"]) for mode in ("exact", "jaccard")},
    }
    out["recall_by_gold_kind"] = {
        k: {"gold": c[f"gold_kind:{k}"],
            **{mode: _ratio(c[f"content_{mode}:gold_kind:{k}"], c[f"gold_kind:{k}"]) for mode in ("exact", "jaccard")}}
        for k in KINDS
    }
    out["precision_by_predicted_kind"] = {
        k: {"predicted": c[f"pred_kind:{k}"],
            **{mode: _ratio(c[f"content_{mode}:pred_kind:{k}"], c[f"pred_kind:{k}"]) for mode in ("exact", "jaccard")}}
        for k in PRED_KINDS
    }
    out["continuation"] = {
        "predicted": c["pred_continuation"],
        "content_matched": c["matched_continuation"],
        "with_gold_source": c["continuation_with_gold_source"],
        "source_exact": c["source_exact:continuation"],
        "source_jaccard": c["source_jaccard:continuation"],
        "mention_overlaps_source": c["continuation_overlaps_source"],
    }
    out["mention_overlaps_gold_source"] = {
        "matched_with_both": c["matched_with_both_sources"],
        "overlapping": c["mention_overlaps_source"],
        "fraction": _ratio(c["mention_overlaps_source"], c["matched_with_both_sources"]),
        "content_matched": c["matched"],
    }
    return out


# ---------------------------------------------------------------------------------------------- onrecord
def _progress(items: Iterable[Any], desc: str, total: int) -> Iterable[Any]:
    if not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    bar: Iterable[Any] = tqdm(items, desc=desc, total=total, unit="article")
    return bar


class OnrecordPredictor:
    """``predict(text) -> quotes`` with onrecord's spaCy pipeline and rule extractor; ``warm`` batches with nlp.pipe."""

    def __init__(self, model: str = "", batch_size: int = 16, extractor: str = "rules.v1",
                 attributions: str = "speech") -> None:
        from .. import extract
        from .. import nlp as nlp_mod
        from ..registry import extractors
        from ..resolve.register import Register

        extract.load_builtin()
        self.nlp = nlp_mod.load(model)
        self.model = nlp_mod.model_name(model)
        self.extractor: Any = extractors.get(extractor)(Register(), attributions=attributions)  # type: ignore[operator]
        self.batch_size = batch_size
        self.cache: dict[str, list[Quote]] = {}
        self.failures: list[str] = []

    def _extract(self, text: str, doc: Any) -> list[Quote]:
        from ..models import Article

        self.extractor.known_roles = {}  # every article on its own, whatever the order
        try:
            from .. import extract

            quotes: list[Quote] = extract.run(self.extractor, Article(text=text, source="polnear.txt"), doc)[0]
        except Exception as exc:  # one bad article scores as empty, and is reported
            self.failures.append(repr(exc))
            return []
        return quotes

    def warm(self, texts: Sequence[str], progress: bool = True) -> None:
        todo = [t for t in dict.fromkeys(texts) if t not in self.cache]
        from .. import extract

        docs: Iterator[Any] = extract.parse(self.nlp, todo, batch_size=self.batch_size)
        pairs: Iterable[Any] = zip(todo, docs, strict=True)
        for text, doc in _progress(pairs, "polnear", len(todo)) if progress else pairs:
            self.cache[text] = self._extract(text, doc)

    def __call__(self, text: str) -> list[Quote]:
        if text not in self.cache:
            from .. import extract

            self.cache[text] = self._extract(text, next(extract.parse(self.nlp, [text])))
        return self.cache[text]


def default_root() -> Path:
    env = os.environ.get("ONRECORD_POLNEAR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "shared" / "data" / "polnear"


def _pct(x: float) -> str:
    return f"{100 * x:5.1f}"


def format_table(res: dict[str, Any], speech: dict[str, Any]) -> str:
    """Both scorings side by side: P, R, F1 against all gold, and R, F1 against speech-cue gold."""
    lines = [
        f"articles {res['articles']}   gold attributions {res['gold_attributions']} "
        f"(speech cue {res['gold_speech_cue']}; direct/mixed/indirect "
        + "/".join(str(res["gold_kinds"][k]) for k in KINDS) + f")   predicted {res['predicted']} "
        "(direct/mixed/indirect/reported " + "/".join(str(res["predicted_kinds"][k]) for k in PRED_KINDS) + ")",
        "",
        f"{'':18}{'----- all gold -----':>22}  {'-- speech-cue gold --':>22}",
        f"{'role':18}{'P':>7}{'R':>7}{'F1':>8}  {'P':>7}{'R':>7}{'F1':>8}",
    ]
    for role in ("content", "cue", "source"):
        for mode in ("exact", "jaccard"):
            a, b = res[f"{role}_{mode}"], speech[f"{role}_{mode}"]
            name = f"{role} {'exact' if mode == 'exact' else 'J>=0.5'}"
            lines.append(f"{name:18}{_pct(a['precision']):>7}{_pct(a['recall']):>7}{_pct(a['f1']):>8}  "
                         f"{_pct(b['precision']):>7}{_pct(b['recall']):>7}{_pct(b['f1']):>8}"
                         f"   (tp {a['tp_gold']}/{a['gold']} gold, {a['tp_pred']}/{a['pred']} pred)")
    lines += ["", "content recall by gold kind     n    exact  J>=0.5"]
    for k in KINDS:
        r = res["recall_by_gold_kind"][k]
        lines.append(f"  {k:28}{r['gold']:>5}  {_pct(r['exact']):>6}  {_pct(r['jaccard']):>6}")
    r = res["recall_speech_cue"]
    lines.append(f"  {'speech-cue gold (any kind)':28}{r['gold']:>5}  {_pct(r['exact']):>6}  {_pct(r['jaccard']):>6}")
    lines += ["content precision by predicted kind", ]
    for k in PRED_KINDS:
        p = res["precision_by_predicted_kind"][k]
        lines.append(f"  {k:28}{p['predicted']:>5}  {_pct(p['exact']):>6}  {_pct(p['jaccard']):>6}")
    m, cont = res["mention_overlaps_gold_source"], res["continuation"]
    lines += [
        "",
        f"content-matched quotes (J>=0.5) {m['content_matched']}; with a mention and a gold source "
        f"{m['matched_with_both']}, of which the mention overlaps the source {m['overlapping']} "
        f"({_pct(m['fraction']).strip()}%)",
        f"continuation mentions: {cont['predicted']} predicted, {cont['content_matched']} content-matched, "
        f"{cont['with_gold_source']} with a gold source, source right {cont['source_exact']} exact / "
        f"{cont['source_jaccard']} J>=0.5 (overlapping {cont['mention_overlaps_source']})",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m onrecord.eval.polnear", description="Score onrecord against PolNeAR.")
    ap.add_argument("--split", default="dev", choices=("train", "dev"))
    ap.add_argument("--limit", type=int, default=None, help="score N articles spread over the split")
    ap.add_argument("--root", type=Path, default=None, help="PolNeAR folder (default ../shared/data/polnear)")
    ap.add_argument("--model", default="", help="spaCy model name (default: the first one installed)")
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--extractor", default=str(default_setting("extractor")),
                    help="registered extractor (default: the extractor setting; hybrid.v2, hybrid.v1, rules.v1)")
    ap.add_argument("--attributions", default="speech", choices=("speech", "all"),
                    help="what the extractor reports: statements only, or beliefs and findings too")
    ap.add_argument("--json", action="store_true", help="print JSON instead of the table")
    args = ap.parse_args(argv)
    root = args.root or default_root()
    if not (root / args.split / "attributions").is_dir():
        print(f"no PolNeAR {args.split} split under {root} (set --root or ONRECORD_POLNEAR)", file=sys.stderr)
        return 2
    command = "python -m onrecord.eval.polnear " + shlex.join(list(sys.argv[1:] if argv is None else argv))
    t0 = time.perf_counter()
    docs = load_split(root, args.split, args.limit)
    t_load = time.perf_counter() - t0
    predictor = OnrecordPredictor(args.model, args.batch_size, args.extractor, args.attributions)
    t1 = time.perf_counter()
    predictor.warm([d.text for d in docs])
    t_pred = time.perf_counter() - t1
    res = score_polnear(docs, predictor)
    speech = score_polnear(docs, predictor, speech_only=True)
    meta = {"command": command, "split": args.split, "limit": args.limit, "model": predictor.model,
            "extractor": predictor.extractor.name, "attributions": args.attributions, "seconds_load": round(t_load, 2),
            "seconds_predict": round(t_pred, 2), "failures": predictor.failures}
    if args.json:
        print(json.dumps({**meta, "all": res, "speech_only": speech}, indent=2))
        return 0
    print(f"PolNeAR {args.split}: onrecord {predictor.extractor.name} with {predictor.model}; "
          f"load {t_load:.1f}s, extract {t_pred:.1f}s ({t_pred / max(len(docs), 1):.2f}s/article)"
          + (f"; {len(predictor.failures)} articles failed" if predictor.failures else ""))
    print(format_table(res, speech))
    print(f"\nreproduce: {command}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
