"""Train onrecord's attribution tagger (source / cue / content spans) on PolNeAR train.

Usage::

    python scripts/train_attribution.py convert [--root ../shared/data/polnear] [--out build/attribution]
    python scripts/train_attribution.py train   [--out build/attribution] [--max-steps 6000]
    python scripts/train_attribution.py lexicon [--out build/attribution]
    python scripts/train_attribution.py install [--out build/attribution]

``convert`` reads PolNeAR *train* only (the dev split is for measuring, the test split is
held out and never read) and writes spaCy DocBin files: 92% of the train articles to learn
from and 8% (every 12th article) for spaCy's own early stopping. Each gold attribution's
source, cue and content pieces become SOURCE / CUE / CONTENT entities (PolNeAR is univocal:
no token has two roles). Nothing from the corpus is written inside the package.

``train`` runs ``spacy train`` with ``scripts/attribution.cfg``: a small hash-embedding CNN
and a transition-based span tagger, trained from scratch (no vectors, nothing downloaded).
The features include the part-of-speech tag and dependency label from the main spaCy
pipeline, so the converted docs carry them.

``lexicon`` counts, over the converted train docs, how often each verb lemma that takes a clausal
complement is annotated as a cue, and writes the lemmas seen at least 5 times and marked at least
half the time to ``onrecord/extract/cue_lexicon.json`` (lemmas and rates only).

``install`` copies the best model into ``onrecord/extract/attribution_model`` (a few MB),
where :mod:`onrecord.extract.tagger` loads it.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PKG_MODEL = ROOT / "onrecord" / "extract" / "attribution_model"


def convert(root: Path, out: Path) -> None:
    from spacy.tokens import DocBin
    from spacy.util import filter_spans
    from tqdm import tqdm

    sys.path.insert(0, str(ROOT))
    from onrecord import nlp as onr_nlp
    from onrecord.eval.polnear import load_split

    docs = load_split(root, "train")
    nlp = onr_nlp.load()
    train, early = DocBin(store_user_data=False), DocBin(store_user_data=False)
    n_ents = 0
    for i, (pd, doc) in enumerate(tqdm(zip(docs, nlp.pipe(d.text for d in docs), strict=True), total=len(docs))):
        spans = []
        for att in pd.attributions:
            roles = [("CONTENT", att.content), ("CUE", att.cue), ("SOURCE", att.source or ())]
            for label, pieces in roles:
                for s, e in pieces:
                    sp = doc.char_span(s, e, label=label, alignment_mode="expand")
                    if sp is None:
                        continue
                    a, b = sp.start, sp.end
                    while a < b and doc[a].is_space:
                        a += 1
                    while b > a and doc[b - 1].is_space:
                        b -= 1
                    if a < b:
                        spans.append(doc[a:b])
                        spans[-1].label_ = label
        kept = filter_spans(spans)
        n_ents += len(kept)
        doc.set_ents(kept, default="outside")
        (early if i % 12 == 0 else train).add(doc)
    out.mkdir(parents=True, exist_ok=True)
    train.to_disk(out / "train.spacy")
    early.to_disk(out / "early.spacy")
    print(f"{len(docs)} articles, {n_ents} spans -> {out}/train.spacy ({len(train)}), early.spacy ({len(early)})")


def train(out: Path, max_steps: int) -> None:
    cmd = [sys.executable, "-m", "spacy", "train", str(HERE / "attribution.cfg"), "--output", str(out / "model"),
           "--paths.train", str(out / "train.spacy"), "--paths.dev", str(out / "early.spacy"),
           "--training.max_steps", str(max_steps), "--code", str(HERE / "attribution_reader.py")]
    print(" ".join(cmd))
    subprocess.run(cmd, check=True)


def lexicon(out: Path, min_p: float = 0.5, min_hit: float = 0.3) -> None:
    """Two lexicons learned from train.spacy, written to onrecord/extract/cue_lexicon.json:

    * ``lemmas``: P(cue | verb lemma with a clausal complement), kept at >= ``min_p``;
    * ``objects``: for a verb with an object and no clause ("rejected the plan", "called for an inquiry"), how
      often PolNeAR marks the verb as a cue *and* the object as the content (Jaccard >= 0.5), kept at >=
      ``min_hit``.

    Lemmas seen fewer than 5 times are left out.
    """
    import json
    from collections import Counter

    import spacy
    from spacy.tokens import DocBin

    from onrecord.extract.tagged import verb_object  # the extractor reads verbs and objects the same way

    total: Counter[str] = Counter()
    as_cue: Counter[str] = Counter()
    obj_total: Counter[str] = Counter()
    obj_hit: Counter[str] = Counter()
    for doc in DocBin().from_disk(out / "train.spacy").get_docs(spacy.blank("en").vocab):
        cue = {i for e in doc.ents if e.label_ == "CUE" for i in range(e.start, e.end)}
        contents = [(e.start, e.end) for e in doc.ents if e.label_ == "CONTENT"]
        content = {i for a, b in contents for i in range(a, b)}
        for t in doc:
            if t.pos_ in {"VERB", "AUX"} and t.i not in content and any(c.dep_ == "ccomp" for c in t.children):
                total[t.lemma_.lower()] += 1
                as_cue[t.lemma_.lower()] += t.i in cue
            got = verb_object(t) if t.i not in content else None
            if got is None:
                continue
            key, obj = got
            obj_total[key] += 1
            if t.i in cue:
                a, b = obj.left_edge.i, obj.right_edge.i + 1
                obj_hit[key] += any(max(0, min(b, cb) - max(a, ca)) / (max(b, cb) - min(a, ca)) >= 0.5
                                    for ca, cb in contents)
    lex = {w: round(as_cue[w] / n, 3) for w, n in total.items() if n >= 5 and as_cue[w] / n >= min_p}
    objects = {w: round(obj_hit[w] / n, 3) for w, n in obj_total.items() if n >= 5 and obj_hit[w] / n >= min_hit}
    path = ROOT / "onrecord" / "extract" / "cue_lexicon.json"
    about = (f"lemmas: P(cue | verb lemma with a clausal complement) >= {min_p}; objects: P(verb is the cue and its "
             f"object the content | verb with an object, no clause) >= {min_hit}; PolNeAR train (92% split), "
             "lemmas seen >= 5 times")
    path.write_text(json.dumps({"about": about, "lemmas": dict(sorted(lex.items())),
                                "objects": dict(sorted(objects.items()))}, indent=0) + "\n", "utf-8")
    print(f"{len(lex)} cue lemmas, {len(objects)} object cues -> {path}")


def install(out: Path) -> None:
    best = out / "model" / "model-best"
    if PKG_MODEL.exists():
        shutil.rmtree(PKG_MODEL)
    shutil.copytree(best, PKG_MODEL)
    # The features are hashes: the model needs no word list. Keep only a blank English vocabulary's
    # strings and the labels, so that no words from the corpus travel with the package.
    import spacy
    import srsly

    keep = set(spacy.blank("en").vocab.strings) | {"CONTENT", "CUE", "SOURCE"}
    strings_path = PKG_MODEL / "vocab" / "strings.json"
    srsly.write_json(strings_path, sorted(s for s in srsly.read_json(strings_path) if s in keep))
    size = sum(p.stat().st_size for p in PKG_MODEL.rglob("*") if p.is_file())
    print(f"installed {best} -> {PKG_MODEL} ({size / 1e6:.1f} MB)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("step", choices=["convert", "train", "lexicon", "install"])
    ap.add_argument("--root", type=Path, default=ROOT.parent / "shared" / "data" / "polnear")
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "attribution")
    ap.add_argument("--max-steps", type=int, default=6000)
    ap.add_argument("--min-p", type=float, default=0.5, help="lexicon: the least P(cue) a clause verb needs")
    ap.add_argument("--min-hit", type=float, default=0.3,
                    help="lexicon: the least P(cue and content) of an object verb")
    a = ap.parse_args()
    if a.step == "convert":
        convert(a.root, a.out)
    elif a.step == "train":
        train(a.out, a.max_steps)
    elif a.step == "lexicon":
        lexicon(a.out, a.min_p, a.min_hit)
    else:
        install(a.out)


if __name__ == "__main__":
    main()
