"""Fit the learned valence lexicon (``onrecord/stance/weights/valence.v1.json``) and print how well it holds out.

VADER's lexicon lacks many words news uses to judge ("endangering", "harmful", "detrimental", "overreach"). This
fits a ridge regression from a word's all-MiniLM-L6-v2 embedding (the encoder onrecord ships) to its valence:
VADER's own words with their valence (scaled to -1..1), and the most frequent words of a news corpus that VADER
does not list, with valence 0 (so that plain words stay plain). Five-fold cross-validation prints, for each
threshold, the share of held-out VADER words given a valence and how often its sign is right, and the share of
held-out plain words given one. The corpus is read for word counts only; no text is kept.

    python scripts/fit_valence.py ../shared/data/polnear/train ../shared/data/stance/fnc1/train_bodies.csv
"""

from __future__ import annotations

import argparse
import collections
import json
import re
from pathlib import Path

import numpy as np

from onrecord.encoder import embed
from onrecord.stance.valence import DEFAULT_PATH, THRESHOLD

WORD = re.compile(r"[a-z]{3,}")


def corpus_words(paths: list[Path], limit: int, exclude: set[str]) -> list[str]:
    counts: collections.Counter[str] = collections.Counter()
    for root in paths:
        files = [root] if root.is_file() else [p for p in root.rglob("*") if p.is_file()]
        for f in files:
            counts.update(WORD.findall(f.read_text(encoding="utf-8", errors="ignore").lower()))
    return [w for w, n in counts.most_common() if n >= 5 and w not in exclude][:limit]


def ridge(x: np.ndarray, y: np.ndarray, lam: float) -> np.ndarray:
    a = np.c_[x, np.ones(len(x))]
    return np.linalg.solve(a.T @ a + lam * np.eye(a.shape[1]), a.T @ y)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="+", type=Path, help="folders or files of news text, for the plain words")
    ap.add_argument("--plain", type=int, default=10000, help="how many frequent plain words to fit as 0")
    ap.add_argument("--lam", type=float, default=10.0, help="ridge penalty")
    ap.add_argument("--out", type=Path, default=DEFAULT_PATH)
    args = ap.parse_args()

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # type: ignore[import-untyped]

    lexicon = SentimentIntensityAnalyzer().lexicon
    known = [w for w in lexicon if re.fullmatch(r"[a-z]{3,}", w)]
    plain = corpus_words(args.corpus, args.plain, set(lexicon))
    words = known + plain
    x = np.array(embed(words, max_len=8, batch=256))
    y = np.r_[np.array([lexicon[w] for w in known]) / 4.0, np.zeros(len(plain))]
    is_known = np.r_[np.ones(len(known)), np.zeros(len(plain))].astype(bool)

    order = np.random.default_rng(0).permutation(len(y))
    held = np.zeros(len(y))
    for fold in range(5):
        test = order[fold::5]
        w = ridge(x[np.setdiff1d(order, test)], y[np.setdiff1d(order, test)], args.lam)
        held[test] = np.c_[x[test], np.ones(len(test))] @ w
    print(f"{len(known)} VADER words, {len(plain)} plain words; 5-fold, ridge {args.lam}; r = "
          f"{np.corrcoef(held[is_known], y[is_known])[0, 1]:.3f} on VADER words")
    figures = {}
    for th in (0.2, 0.25, 0.3, 0.35):
        given = np.abs(held) >= th
        right = float((np.sign(held[given & is_known]) == np.sign(y[given & is_known])).mean())
        figures[str(th)] = {"vader_given": round(float(given[is_known].mean()), 3), "vader_sign_right": round(right, 3),
                            "plain_given": round(float(given[~is_known].mean()), 3)}
        print(f"  threshold {th}: VADER words given a valence {given[is_known].mean():.3f}, sign right {right:.3f}; "
              f"plain words given one {given[~is_known].mean():.3f}")
    w = ridge(x, y, args.lam)
    args.out.write_text(json.dumps({
        "model": "valence.v1", "encoder": "all-MiniLM-L6-v2", "threshold": THRESHOLD, "ridge": args.lam,
        "held_out": figures, "bias": round(float(w[-1]), 6), "weights": [round(float(v), 6) for v in w[:-1]],
    }) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
