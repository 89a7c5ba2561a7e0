"""spaCy corpus reader for scripts/attribution.cfg.

The predicted doc is rebuilt from the words with the main pipeline's tags, and with each
token's dependency label and head direction in the LEMMA slot (see
:func:`onrecord.extract.tagger.feature_doc`); it has no sentence boundaries, since an
attribution's content may run over several sentences, and no entities. The reference holds
the attribution spans as entities."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import spacy
from spacy.tokens import DocBin, Span
from spacy.training import Example

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from onrecord.extract.tagger import feature_doc  # noqa: E402


@spacy.registry.readers("onrecord.preparsed.v1")
def preparsed(path: Path) -> Callable[[Any], Iterator[Example]]:
    def read(nlp: Any) -> Iterator[Example]:
        for ref in DocBin().from_disk(path).get_docs(nlp.vocab):
            pred = feature_doc(nlp.vocab, ref)
            ref2 = pred.copy()
            ref2.set_ents([Span(ref2, e.start, e.end, label=e.label_) for e in ref.ents], default="outside")
            yield Example(pred, ref2)

    return read
