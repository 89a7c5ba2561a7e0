"""Learn two name lexicons from PolNeAR train: titles (words written capitalised right before a person's name that
are titles or job nouns: "Supervisor Dennis Ockley", "Superintendent Kyla Brown") and first names.

    python scripts/learn_names.py [--root ../shared/data/polnear] [--min-before 2] [--min-share 0.5]

Over PolNeAR's train texts only, parsed by the pipeline's spaCy model without onrecord's retyping of names: a
capitalised word w counts when it stands right before (or first inside) a PERSON entity and a whole name (two or
more capitalised words) follows it ("Bill Clinton" is no title). A title is also written in lower case as a noun
("the supervisor said"), a first name almost never is. A word is kept when it stood before a name at least
``--min-before`` times and its lower-case noun uses are at least ``--min-share`` of its capitalised uses before a
name. A first name is the first word of a two- or three-word PERSON name at least ``--min-first`` times (more often
than it is the last word of one) that is never written in lower case and is not a title. Writes
onrecord/extract/name_lexicon.json (the words and their counts; no corpus text).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", type=Path, default=ROOT.parent / "shared" / "data" / "polnear")
    ap.add_argument("--min-before", type=int, default=2)
    ap.add_argument("--min-share", type=float, default=0.5)
    ap.add_argument("--min-first", type=int, default=2)
    ap.add_argument("--out", type=Path, default=ROOT / "onrecord" / "extract" / "name_lexicon.json")
    a = ap.parse_args()

    from onrecord import nlp as nlp_mod

    nlp = nlp_mod.load()
    texts = [p.read_text("utf-8") for p in sorted((a.root / "train" / "text").glob("*.txt"))]
    before: Counter[str] = Counter()
    lower_noun: Counter[str] = Counter()
    lower_any: Counter[str] = Counter()
    first: Counter[str] = Counter()
    last: Counter[str] = Counter()
    # the tagger's own labels: the lexicons feed onrecord's retyping of names, so they are learned without it
    for doc in nlp.pipe(texts, batch_size=32, disable=["onrecord_names"]):
        for t in doc:
            if t.is_lower and t.is_alpha:
                lower_any[t.text] += 1
                if t.pos_ == "NOUN":
                    lower_noun[t.text] += 1
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            words = [t for t in ent if t.is_alpha]
            if 2 <= len(words) <= 3 and words[0].is_title and words[-1].is_title:
                first[words[0].text] += 1
                last[words[-1].text] += 1
            prev = doc[ent.start - 1] if ent.start > 0 else None
            for w in (ent[0], prev):
                if w is None or not w.is_title or not w.is_alpha or w.pos_ not in {"PROPN", "NOUN"}:
                    continue
                if w.is_sent_start and w.i == ent.start:
                    continue  # a sentence's first word is capitalised anyway
                run = 0  # the capitalised words after it: a title comes before a whole name ("Mayor Ann Lee")
                while w.i + 1 + run < len(doc) and doc[w.i + 1 + run].is_title and doc[w.i + 1 + run].is_alpha:
                    run += 1
                if run >= 2:
                    before[w.text.lower()] += 1
    titles = {w: {"before_name": n, "lower_noun": lower_noun[w]} for w, n in sorted(before.items())
              if n >= a.min_before and lower_noun[w] >= a.min_share * n}
    firsts = {w: n for w, n in sorted(first.items()) if n >= a.min_first and not lower_any[w.lower()]
              and w.lower() not in titles and len(w) > 1 and n > last[w]}
    a.out.write_text(json.dumps({"about": __doc__.split("\n\n")[0] + " Learned by scripts/learn_names.py on "
                                 "PolNeAR train.", "titles": titles, "first_names": firsts}, indent=1,
                                ensure_ascii=False) + "\n", "utf-8")
    print(f"{len(titles)} titles and {len(firsts)} first names written to {a.out}")


if __name__ == "__main__":
    main()
