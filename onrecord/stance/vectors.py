"""Statement vectors: the sentence embedding of each statement's own sentence, made once and kept.

The default stance reader (:class:`onrecord.stance.reader.PositionReader`) compares each statement that does not
name the issue in words with the issue by meaning: the cosine of two all-MiniLM-L6-v2 sentence embeddings
(:func:`onrecord.encoder.embed`). A statement's vector does not depend on the issue, so the first analysis that
needs it makes it and stores it with the statement (``quote_vectors``, with :data:`MODEL`); every analysis after
that, for any issue, in any process, reads it instead of encoding the sentence again. That is most of the cost of
an analysis, and every ingest analyses every issue again over all stored statements.

(Made at ingest instead, on a thread beside the parse, they cost more than they saved: the encoder's thread waits
for the interpreter lock the parse and the extraction hold; measured with ``benchmarks/bench_pipeline.py``.)
"""

from __future__ import annotations

import re
import threading
from typing import Any

from ..models import Quote
from .rules import ASIDE, own_sentence, with_cue, without_asides

# what a stored vector was made with: the encoder, how it pools, the text it is of (change it when any changes)
MODEL = "all-MiniLM-L6-v2 mean-pooled, of the statement's own sentence (v2)"
_SPACE = re.compile(r"\s+")
_LOCK = threading.Lock()  # one caller of the encoder at a time: its tokenizer is shared


def about(q: Quote) -> str:
    """The words a statement is compared with the issue by: its own sentence (with what leads up to it, for a
    mixed quote), or its words and cue where it has no sentence."""
    own = own_sentence(q) if q.sentence else with_cue(q)
    text = own_sentence(q, True) if q.kind == "mixed" and q.sentence else own
    if q.kind == "reported":  # (not the asides that describe its actor: "X, who opposes the tax, called for …")
        aside = next((m.group(0) for m in ASIDE.finditer(text) if q.span.text and q.span.text in m.group(0)), None)
        if aside is not None and q.mention is not None:
            # ... and a position that is itself such an aside is what it says of its actor: "Dr Lee, of Care Not
            # Killing, which campaigns against assisted suicide, said …"
            text = q.mention.span.text + " " + aside.strip(" ,")
        else:
            text = without_asides(text, q.span.text)
    return _SPACE.sub(" ", text)


def embed(texts: list[str]) -> list[list[float]]:
    """:func:`onrecord.encoder.embed`, one caller at a time."""
    from ..encoder import embed as encode

    with _LOCK:
        return encode(texts)


def to_bytes(vector: list[float]) -> bytes:
    import numpy

    return numpy.asarray(vector, dtype="<f4").tobytes()


def from_bytes(data: bytes) -> list[float]:
    import numpy

    return numpy.frombuffer(data, dtype="<f4").astype(float).tolist()  # type: ignore[no-any-return]


def reads_vectors(model: Any) -> bool:
    """Whether a stance model reads statements' vectors (so that the analysis loads and keeps them)."""
    return bool(getattr(model, "reads_vectors", False))
