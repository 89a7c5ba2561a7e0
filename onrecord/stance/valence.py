"""A learned valence lexicon: how good or bad a word is, for the words VADER's lexicon does not list.

rules.v2 reads judgements ("a cruel cut", "disappointed by the decision") with the VADER lexicon, which lacks many
words news uses to judge: "endangering", "harmful", "detrimental", "overreach", "misguided". ``valence.v1`` is a
ridge regression from a word's all-MiniLM-L6-v2 embedding (the encoder onrecord ships; nothing is downloaded) to its
valence in -1..1, fitted by ``scripts/fit_valence.py`` on VADER's own words and on frequent plain news words (valence
0). Held out (five folds), a word it gives a valence of at least :data:`THRESHOLD` has the sign VADER gives it 98%
of the time, and 2% of plain words get one (the figures are in the weights file, ``held_out``).

:meth:`LearnedValence.extend` adds the words of some texts that VADER lacks, and that the model gives a clear valence,
to a VADER lexicon (on VADER's -4..4 scale), so every reading that scores with that lexicon sees them. Without torch
(the base install) it adds nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

DEFAULT_PATH = Path(__file__).parent / "weights" / "valence.v1.json"
# The least valence (-1..1) a learned word needs to enter the lexicon
THRESHOLD = 0.3
# VADER's lexicon runs from -4 to 4
VADER_SCALE = 4.0
WORD = re.compile(r"[a-z]{4,}")


class LearnedValence:
    def __init__(self, path: Path = DEFAULT_PATH) -> None:
        self.path = path
        self._model: dict[str, Any] | None = None
        self._seen: dict[str, float] = {}
        self._no_encoder = False  # the base install has no torch: tried once, not for every article

    def _load(self) -> dict[str, Any]:
        if self._model is None:
            self._model = json.loads(self.path.read_text(encoding="utf-8"))
        return self._model

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
        words = {w for t in texts for w in WORD.findall(t.lower()) if w not in lexicon}
        added = {w: round(v * VADER_SCALE, 3) for w, v in self.scores(sorted(words)).items()
                 if abs(v) >= THRESHOLD}
        lexicon.update(added)
        return added
