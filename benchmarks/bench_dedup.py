"""Near-duplicate stories: precision and recall per threshold on built pairs, and the cost per 10,000 articles.

Run from the repository root::

    python benchmarks/bench_dedup.py                 # the table, and the cost at 10,000 articles
    python benchmarks/bench_dedup.py --articles 2000 --json

The pairs (:mod:`onrecord.eval.dedup`, texts written here): each of four stories against its copies with a new
headline, the end cut, a local paragraph, the outlet's boilerplate, house style, paragraphs reordered, and all
of these at once (positives); two stories written separately on the same event, and stories on different events,
as they are and edited (negatives). "Same story" means an estimated Jaccard similarity of word 5-grams (MinHash,
128 permutations) at or over the threshold; the setting ``dedup_threshold`` is the one chosen here.

The cost: signing N generated articles (sentences of the stories drawn at random, new names) and putting each in
its story with the LSH index, as ingest does, timed and scaled to 10,000 articles; the index's memory is the
signatures it holds.
"""

from __future__ import annotations

import argparse
import json
import time

from onrecord.eval import dedup
from onrecord.resolve import stories
from onrecord.settings import default


def cost(n: int, threshold: float) -> dict[str, float]:
    texts = dedup.generated(n)
    started = time.perf_counter()
    sigs = [stories.signature(t) for t in texts]
    signed = time.perf_counter() - started
    index = stories.StoryIndex.build([], threshold)
    started = time.perf_counter()
    joined = sum(index.add(str(i), s) != str(i) for i, s in enumerate(sigs))
    indexed = time.perf_counter() - started
    scale = 10_000 / n
    return {"articles": n, "sign_s_per_10k": round(signed * scale, 2), "index_s_per_10k": round(indexed * scale, 2),
            "total_s_per_10k": round((signed + indexed) * scale, 2), "joined_a_story": joined,
            "signature_bytes": len(stories.to_bytes(sigs[0]))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=10_000, help="generated articles to time (default 10,000)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args()
    chosen = float(default("dedup_threshold"))
    rows = dedup.score([0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])
    spent = cost(args.articles, chosen)
    if args.json:
        print(json.dumps({"pairs": len(dedup.pairs()), "thresholds": rows, "chosen": chosen, "cost": spent}))
        return
    print(f"{len(dedup.pairs())} pairs ({sum(p.same for p in dedup.pairs())} the same story)")
    print("threshold  precision  recall  right  wrong  missed")
    for r in rows:
        mark = "  <- dedup_threshold" if abs(r["threshold"] - chosen) < 1e-9 else ""
        print(f"{r['threshold']:9.2f}  {r['precision']:9.3f}  {r['recall']:6.3f}  {r['true']:5d}  {r['false']:5d}"
              f"  {r['missed']:6d}{mark}")
    print(f"cost at {spent['articles']:,} articles, per 10,000: sign {spent['sign_s_per_10k']} s, index and match "
          f"{spent['index_s_per_10k']} s, total {spent['total_s_per_10k']} s; {spent['joined_a_story']} joined "
          f"another's story; {spent['signature_bytes']} bytes a signature")


if __name__ == "__main__":
    main()
