"""One story, many copies: a wire story reprinted by thirty outlets is one story, and its quotes count once.

Each article's text is reduced to a MinHash signature (datasketch) of its word 5-grams; a MinHash LSH index
finds the stored articles whose signatures agree enough, and an article whose estimated Jaccard similarity
with one of them reaches ``dedup_threshold`` joins that article's story (a story is named by its first
article). Exact copies never get this far: they have the same content id and end as duplicates.

Within a story, a quote of a later copy with the same speaker and the same words (case, spacing and
punctuation aside) as an earlier copy's is that quote's copy (``copy_of``): search, the board and people's
stances count it once, with the outlets that also carry it; the export keeps every copy with its story id.

The threshold is chosen on pairs built by ``benchmarks/bench_dedup.py`` (a wire story and its edited copies
against different stories on the same event), which prints precision and recall per threshold.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

NUM_PERM = 128
SEED = 1
SHINGLE = 5  # words
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_SPACE = re.compile(r"\s+")


def shingles(text: str, size: int = SHINGLE) -> list[bytes]:
    """The word ``size``-grams of a text, lower case, punctuation dropped (one gram for a shorter text)."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return [" ".join(words).encode()] if words else []
    return [" ".join(words[i:i + size]).encode() for i in range(len(words) - size + 1)]


def signature(text: str) -> Any:
    """The MinHash of a text's shingles."""
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, seed=SEED)
    m.update_batch(shingles(text))
    return m


def to_bytes(sig: Any) -> bytes:
    """A signature as stored: ``scheme:dtype:`` and the hash values' bytes."""
    values: bytes = sig.hashvalues.tobytes()
    return f"{sig.scheme}:{sig.hashvalues.dtype.str}:".encode("ascii") + values


def from_bytes(data: bytes) -> Any:
    import numpy as np
    from datasketch import LeanMinHash

    scheme, dtype, values = data.split(b":", 2)
    return LeanMinHash(seed=SEED, hashvalues=np.frombuffer(values, dtype=np.dtype(dtype.decode())),
                       scheme=scheme.decode())


def quote_key(person_id: str | None, text: str) -> tuple[str, str]:
    """What makes two quotes of one story the same quote: the speaker, and the words without case, spacing
    or punctuation."""
    return person_id or "", _SPACE.sub(" ", " ".join(_WORD.findall(text.lower())))


@dataclass(frozen=True)
class Placed:
    """Where an article goes: its story, its signature, and its quotes that repeat the story's (id -> id)."""

    story_id: str
    signature: Any
    copies: dict[str, str]


@dataclass
class StoryIndex:
    """The signatures of stored articles in an LSH index, and the story each belongs to."""

    threshold: float
    lsh: Any
    story_of: dict[str, str]
    sigs: dict[str, Any]

    @classmethod
    def build(cls, rows: Iterable[tuple[str, str, bytes]], threshold: float) -> StoryIndex:
        """From stored ``(article id, story id, signature)`` rows."""
        from datasketch import MinHashLSH

        index = cls(threshold, MinHashLSH(threshold=threshold, num_perm=NUM_PERM), {}, {})
        with index.lsh.insertion_session() as session:
            for aid, story, data in rows:
                sig = from_bytes(data)
                session.insert(aid, sig)
                index.story_of[aid], index.sigs[aid] = story, sig
        return index

    def match(self, sig: Any) -> tuple[str, float] | None:
        """The stored article most like ``sig`` (its id and estimated Jaccard), when at or over the threshold."""
        best: tuple[str, float] | None = None
        for aid in self.lsh.query(sig):
            score = float(self.sigs[aid].jaccard(sig))
            if score >= self.threshold and (best is None or (score, aid) > (best[1], best[0])):
                best = (aid, score)
        return best

    def story_for(self, article_id: str, sig: Any) -> str:
        """The story an article belongs to: an earlier copy's, or its own (nothing is indexed yet)."""
        found = self.match(sig)
        return self.story_of[found[0]] if found else article_id

    def add(self, article_id: str, sig: Any, story: str | None = None) -> str:
        """Index an article (once it is stored) in ``story`` (by default, the one :meth:`story_for` finds)."""
        story = story or self.story_for(article_id, sig)
        if article_id not in self.sigs:
            self.lsh.insert(article_id, sig)
        self.story_of[article_id], self.sigs[article_id] = story, sig
        return story
