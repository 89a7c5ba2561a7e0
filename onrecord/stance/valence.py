"""A learned valence lexicon: how good or bad a word is, for the words VADER's lexicon does not list.

rules.v2 reads judgements ("a cruel cut", "disappointed by the decision") with the VADER lexicon, which lacks many
words news uses to judge: "endangering", "harmful", "detrimental", "overreach", "misguided". ``valence.v1`` is a
ridge regression from a word's all-MiniLM-L6-v2 embedding (the encoder onrecord ships; nothing is downloaded) to its
valence in -1..1, fitted by ``scripts/fit_valence.py`` on VADER's own words and on frequent plain news words (valence
0). Held out (five folds), a word it gives a valence of at least :data:`THRESHOLD` has the sign VADER gives it 98%
of the time, and 2% of plain words get one (the figures are in the weights file, ``held_out``).

:meth:`LearnedValence.extend` adds the words of some texts that VADER lacks, and that the model gives a clear valence,
to a VADER lexicon (on VADER's -4..4 scale), so every reading that scores with that lexicon sees them. Without torch
(the base install) it adds only the words of the table below.

A word costs the encoder a pass of its own (about 0.4 ms; an article brings a hundred words VADER lacks), so the
valence of a general vocabulary (spaCy's English model's own 44,000 lower-case words) is worked out ahead and shipped
with the weights (``valence.v1.table.json``, ``scripts/valence_table.py``); only the words it lacks (mostly names) go
through the encoder. The table records the weights it was made with, and is not read beside others.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

DEFAULT_PATH = Path(__file__).parent / "weights" / "valence.v1.json"
# The learned valence of a general vocabulary worked out ahead (``scripts/valence_table.py``), with the weights it was
# worked out with; only the words it lacks go through the encoder
TABLE_PATH = Path(__file__).parent / "weights" / "valence.v1.table.json"
# The least valence (-1..1) a learned word needs to enter the lexicon
THRESHOLD = 0.3
# VADER's lexicon runs from -4 to 4
VADER_SCALE = 4.0
WORD = re.compile(r"[a-z]{4,}")


def weights_digest(path: Path = DEFAULT_PATH) -> str:
    """What a table of learned valences records it was made with: the SHA-1 of the weights file."""
    return hashlib.sha1(path.read_bytes()).hexdigest()


class LearnedValence:
    def __init__(self, path: Path = DEFAULT_PATH, table: Path | None = TABLE_PATH) -> None:
        self.path = path
        self.table_path = table
        self._model: dict[str, Any] | None = None
        self._table: tuple[dict[str, float], frozenset[str]] | None = None
        self._seen: dict[str, float] = {}
        self._no_encoder = False  # the base install has no torch: tried once, not for every article

    def _load(self) -> dict[str, Any]:
        if self._model is None:
            self._model = json.loads(self.path.read_text(encoding="utf-8"))
        return self._model

    def table(self) -> tuple[dict[str, float], frozenset[str]]:
        """The table worked out ahead: its words of clear valence with their valence, and its other words (plain);
        empty when there is none, or when it was made with other weights than this lexicon's."""
        if self._table is None:
            self._table = {}, frozenset()
            if self.table_path is not None and self.table_path.is_file():
                data = json.loads(self.table_path.read_text(encoding="utf-8"))
                if data.get("weights_sha1") == weights_digest(self.path):
                    self._table = ({w: float(v) for w, v in data["clear"].items()},
                                   frozenset(data["plain"].split()))
        return self._table

    def scores(self, words: list[str]) -> dict[str, float]:
        """Each word's learned valence (-1..1); empty without the encoder."""
        todo = [w for w in dict.fromkeys(words) if w not in self._seen]
        if todo and self._no_encoder:
            return {}
        if todo:
            try:
                from ..encoder import embed

                vectors = embed(todo, max_len=8, batch=256)
            except Exception:  # the base install has no torch: no learned words
                self._no_encoder = True
                return {}
            model = self._load()
            weights, bias = model["weights"], float(model["bias"])
            for w, v in zip(todo, vectors, strict=True):
                self._seen[w] = bias + sum(a * b for a, b in zip(weights, v, strict=True))
        return {w: self._seen[w] for w in words if w in self._seen}

    def extend(self, lexicon: dict[str, float], texts: Iterable[str]) -> dict[str, float]:
        """Add to ``lexicon`` the words of ``texts`` it lacks whose learned valence is clear; returns what it added."""
        todo = sorted({w for t in texts for w in WORD.findall(t.lower()) if w not in lexicon})
        negated = {w: -NEGATED * lexicon[base] for w in todo for base in [_negated_base(w, lexicon)] if base}
        lexicon.update(negated)  # ("unjustified": not what "justified" is)
        todo = [w for w in todo if w not in negated]
        clear, plain = self.table()
        scored = {w: clear[w] for w in todo if w in clear}
        scored |= self.scores([w for w in todo if w not in clear and w not in plain])
        added = {w: round(v * VADER_SCALE, 3) for w, v in scored.items() if abs(v) >= THRESHOLD}
        lexicon.update(added)
        return negated | added


# The prefix that makes a word the opposite of the word after it ("unjustified", "unwise"; not "dis-", "in-", whose
# words are as often no opposites: "display", "disease", "invaluable"), and how much of the base word's valence the
# opposite keeps (turned)
NEGATING_PREFIXES = ("un",)
NOT_OPPOSITES = {"unlike"}  # (a preposition)
NEGATED = 0.8
# The least valence (VADER's scale) a base word needs for its opposite to take the turn
NEGATED_BASE = 1.0


def _negated_base(word: str, lexicon: dict[str, float]) -> str | None:
    """The word of clear good valence in ``lexicon`` that ``word`` is the opposite of by a prefix ("justified" for
    "unjustified"), or None."""
    if word in NOT_OPPOSITES:
        return None
    for prefix in NEGATING_PREFIXES:
        base = word[len(prefix):]
        if word.startswith(prefix) and len(base) >= 4 and lexicon.get(base, 0.0) >= NEGATED_BASE:
            return base
    return None
