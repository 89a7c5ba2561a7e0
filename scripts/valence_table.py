"""Work out the learned valence (``onrecord.stance.valence``) of a general vocabulary ahead, and write the table the
stance reader reads instead of running the encoder on each word (``onrecord/stance/weights/valence.v1.table.json``).

The vocabulary is the lower-case words of four letters or more in the installed spaCy English model's strings (about
44,000), less VADER's own lexicon. Run it again whenever the valence weights change (``scripts/fit_valence.py``): the
table records the SHA-1 of the weights file it was made with, and a table made with other weights is not read.

    python scripts/valence_table.py
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from onrecord import nlp
from onrecord.stance.valence import DEFAULT_PATH, TABLE_PATH, THRESHOLD, WORD, LearnedValence, weights_digest


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=TABLE_PATH)
    args = ap.parse_args()

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # type: ignore[import-untyped]

    lexicon = SentimentIntensityAnalyzer().lexicon
    model = nlp.load()
    words = sorted({s for s in model.vocab.strings if WORD.fullmatch(s) and s not in lexicon})
    scores = LearnedValence(table=None).scores(words)
    clear = {w: round(v, 6) for w, v in scores.items() if abs(v) >= THRESHOLD}
    table = {
        "weights": DEFAULT_PATH.name,
        "weights_sha1": weights_digest(DEFAULT_PATH),
        "vocabulary": f"{model.meta['name']}-{model.meta['version']} strings matching {WORD.pattern}, less VADER's",
        "clear": clear,
        "plain": " ".join(w for w in words if w not in clear),
    }
    args.out.write_text(json.dumps(table, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(words)} words, {len(clear)} of clear valence -> {args.out}")


if __name__ == "__main__":
    main()
