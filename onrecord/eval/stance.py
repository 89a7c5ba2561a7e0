"""Score any registered stance model on public stance benchmarks (GWSD, VAST) and on the acceptance gold.

Usage::

    onrecord eval stance --dataset gwsd|vast|acceptance [--model NAME] [--split dev] [--format json] [--limit N]

The data lives outside the repository (default ``../shared/data/stance``, or ``$ONRECORD_STANCE_DATA``, or
``--data DIR``); its texts are news and reader comments under their publishers' copyright and are never copied
here. Only the train files are read, and only their *train* rows:

* **GWSD** (``gwsd/GWSD.tsv``): news sentences against one proposition, "climate change is a serious concern".
  Rows with ``in_held_out_test == True`` (the official test set) are dropped as each row is read, before
  anything else looks at them; so are the annotator-screening items (no posterior columns). The label is the
  arg-max of the posterior columns (``disagree``, ``agree``, ``neutral``, ties to the first), mapped
  agree -> support, disagree -> oppose, neutral -> neutral.
* **VAST** (``vast/vast_train.csv``): NYT reader comments (``post``) against a free-text topic (``new_topic``);
  label 1 = pro -> support, 0 = con -> oppose, 2 = neutral -> neutral. Type-4 rows ("synthetic neutral": a topic
  the comment does not address) are neutral too.

Splits (deterministic, by a stable hash, :func:`bucket`):

* GWSD ``dev``: the 20 % of train rows whose sentence (lower case, spaces normalised; so the few sentences that
  appear twice under two guids never straddle the split) falls in buckets 0-19; ``train`` the rest.
* VAST ``dev``: topic-disjoint, the rows whose normalised ``new_topic`` falls in buckets 0-17 (about 18 % of the
  rows); ``train`` is the rest *minus* every row whose comment also appears in dev, so no dev topic and no dev
  comment is ever trained on.

``calib`` (buckets 20-29 of GWSD, 18-27 of VAST, both inside ``train``) is the slice the training script holds out
for temperature scaling; ``fit`` is ``train`` minus ``calib``.

Scoring
-------
The benchmarks have three gold classes; onrecord has four (``none``: the quote takes no position). A ``none``
prediction counts as ``neutral`` for accuracy and F1 (the datasets' neutral is "takes no side"; VAST's synthetic
neutrals are literally "does not address the topic"), and is also counted apart (``abstained``). The confusion
matrix keeps ``none`` as its own column. Reported: accuracy, macro-F1 over the three classes, per-class
precision/recall/F1, the confusion matrix, and a reliability table (confidence in ten equal bins against the
accuracy in each, with the expected calibration error, ECE).
"""

from __future__ import annotations

import csv
import hashlib
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import OnrecordError
from ..models import STANCES, Issue, Quote, Span, Stance, StanceLabel

GWSD_PROPOSITION = "climate change is a serious concern"
GOLD_CLASSES: tuple[Stance, ...] = ("support", "oppose", "neutral")
DATASETS = ("gwsd", "vast", "acceptance")
SPLITS = ("dev", "train", "calib", "fit", "all")
GWSD_LABELS: dict[str, Stance] = {"agree": "support", "disagree": "oppose", "neutral": "neutral"}
VAST_LABELS: dict[str, Stance] = {"1": "support", "0": "oppose", "2": "neutral"}
GWSD_DEV = range(0, 20)
GWSD_CALIB = range(20, 30)
VAST_DEV = range(0, 18)
VAST_CALIB = range(18, 28)


@dataclass(frozen=True)
class StanceExample:
    """One benchmark item: a text, the proposition it is judged against, and the gold stance."""

    id: str
    text: str
    topic: str
    gold: Stance
    group: str  # what the split is grouped by (GWSD: the normalised sentence; VAST: the normalised topic)
    post: str = ""  # VAST: the comment's id (one comment has several topics)
    synthetic: bool = False  # VAST type 4: a topic the comment does not address


def default_root() -> Path:
    env = os.environ.get("ONRECORD_STANCE_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "shared" / "data" / "stance"


def bucket(key: str) -> int:
    """A stable bucket 0-99 for a split key (sha1, so the same on every machine and Python run)."""
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) % 100


def norm_topic(topic: str) -> str:
    return " ".join(topic.lower().split())


def _need(path: Path) -> Path:
    if not path.is_file():
        raise OnrecordError("E101", f"stance data not found: {path}", path=str(path),
                            hint="set ONRECORD_STANCE_DATA or --data to the folder with gwsd/ and vast/")
    return path


def load_gwsd(root: Path | None = None) -> list[StanceExample]:
    """GWSD train rows (held-out test rows and screening items are dropped as they are read)."""
    path = _need((root or default_root()) / "gwsd" / "GWSD.tsv")
    out: list[StanceExample] = []
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row.get("in_held_out_test", "").strip().lower() != "false":
                continue  # the official test set (or a malformed flag): never looked at
            probs = {k: row.get(k, "").strip() for k in ("disagree", "agree", "neutral")}
            if not all(probs.values()):
                continue  # annotator-screening item: no posterior
            values = {k: float(v) for k, v in probs.items()}
            top = max(values, key=lambda k: values[k])  # ties go to the first, as pandas' idxmax
            guid, text = row["guid"].strip(), row["sentence"]
            out.append(StanceExample(f"gwsd:{guid}", text, GWSD_PROPOSITION, GWSD_LABELS[top], norm_topic(text)))
    return out


def load_vast(root: Path | None = None) -> list[StanceExample]:
    """VAST train rows (``vast_train.csv`` only)."""
    path = _need((root or default_root()) / "vast" / "vast_train.csv")
    csv.field_size_limit(sys.maxsize)
    out: list[StanceExample] = []
    with path.open(newline="", encoding="utf-8") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            label = VAST_LABELS.get(row["label"].strip())
            if label is None:
                continue
            topic = row["new_topic"].strip()
            out.append(StanceExample(f"vast:{row.get('new_id', '').strip() or i}", row["post"], topic, label,
                                     norm_topic(topic), post=row.get("ori_id", "").strip(),
                                     synthetic=row.get("type_idx", "").strip() == "4"))
    return out


def split_gwsd(rows: Sequence[StanceExample], split: str) -> list[StanceExample]:
    if split == "all":
        return list(rows)
    if split == "dev":
        return [r for r in rows if bucket(r.group) in GWSD_DEV]
    return _train_part([r for r in rows if bucket(r.group) not in GWSD_DEV], split, GWSD_CALIB)


def split_vast(rows: Sequence[StanceExample], split: str) -> list[StanceExample]:
    if split == "all":
        return list(rows)
    dev = [r for r in rows if bucket(r.group) in VAST_DEV]
    if split == "dev":
        return dev
    dev_posts = {r.post for r in dev}
    train = [r for r in rows if bucket(r.group) not in VAST_DEV and r.post not in dev_posts]
    return _train_part(train, split, VAST_CALIB)


def _train_part(train: list[StanceExample], split: str, calib: range) -> list[StanceExample]:
    """``train`` whole, or its calibration slice (``calib`` buckets), or the rest that the model is fitted on."""
    if split == "train":
        return train
    if split == "calib":
        return [r for r in train if bucket(r.group) in calib]
    if split == "fit":
        return [r for r in train if bucket(r.group) not in calib]
    raise OnrecordError("E401", f"unknown split {split!r}; known: {', '.join(SPLITS)}")


def load_split(dataset: str, split: str = "dev", root: Path | None = None,
               limit: int | None = None) -> list[StanceExample]:
    """One split of one dataset; ``limit`` keeps an evenly spread, deterministic subsample of that many."""
    if dataset == "gwsd":
        rows = split_gwsd(load_gwsd(root), split)
    elif dataset == "vast":
        rows = split_vast(load_vast(root), split)
    else:
        raise OnrecordError("E401", f"unknown stance dataset {dataset!r}; known: gwsd, vast")
    return subsample(rows, limit)


def subsample(rows: Sequence[StanceExample], limit: int | None) -> list[StanceExample]:
    """``limit`` rows picked by the hash of their id (deterministic, spread over the whole split)."""
    if limit is None or limit >= len(rows):
        return list(rows)
    return sorted(rows, key=lambda r: hashlib.sha1(r.id.encode()).hexdigest())[: max(0, limit)]


# --- predicting -----------------------------------------------------------------------------------------------

def as_quote(ex: StanceExample) -> Quote:
    """A benchmark text as onrecord sees a quote: direct speech, its own sentence, no known speaker."""
    return Quote(article_id=ex.id, span=Span(ex.text, 0, len(ex.text)), kind="direct", sentence=ex.text)


def predict(model: Any, examples: Sequence[StanceExample], batch: int = 64,
            progress: Callable[[int, int], None] | None = None) -> list[StanceLabel]:
    """One label per example; each example is its own one-quote article (no context leaks between them).

    A model with ``label_many(items)`` (a list of ``(issue, quotes)``) is given ``batch`` articles at a time.
    """
    issues: dict[str, Issue] = {}
    items = [(issues.setdefault(ex.topic, Issue(ex.topic)), [as_quote(ex)]) for ex in examples]
    out: list[StanceLabel] = []
    many = getattr(model, "label_many", None)
    for i in range(0, len(items), batch if many else 1):
        chunk = items[i : i + (batch if many else 1)]
        results = many(chunk) if many else [model.label(issue, quotes) for issue, quotes in chunk]
        for (issue, quotes), labs in zip(chunk, results, strict=True):
            got = {lab.quote_id: lab for lab in labs}
            q = quotes[0]
            out.append(got.get(q.id) or StanceLabel(q.id, issue.id, "none", 0.0, "no label", getattr(model, "name",
                                                                                                        "?")))
        if progress:
            progress(min(i + len(chunk), len(items)), len(items))
    return out


# --- scoring --------------------------------------------------------------------------------------------------

@dataclass
class Bin:
    lo: float
    hi: float
    n: int = 0
    conf_sum: float = 0.0
    right: int = 0

    @property
    def confidence(self) -> float:
        return self.conf_sum / self.n if self.n else 0.0

    @property
    def accuracy(self) -> float:
        return self.right / self.n if self.n else 0.0


@dataclass
class StanceScore:
    model: str
    dataset: str
    split: str
    n: int = 0
    right: int = 0
    confusion: dict[str, Counter[str]] = field(default_factory=dict)  # gold -> predicted (with "none") -> count
    bins: list[Bin] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def accuracy(self) -> float:
        return self.right / self.n if self.n else 0.0

    def per_class(self) -> dict[str, dict[str, float | int]]:
        out: dict[str, dict[str, float | int]] = {}
        for c in GOLD_CLASSES:
            tp = self._collapsed(c, c)
            pred = sum(self._collapsed(g, c) for g in GOLD_CLASSES)
            gold = sum(self._collapsed(c, p) for p in GOLD_CLASSES)
            p = tp / pred if pred else 0.0
            r = tp / gold if gold else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            out[c] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "n": gold}
        return out

    def _collapsed(self, gold: str, pred: str) -> int:
        row = self.confusion.get(gold, Counter())
        return row[pred] + (row["none"] if pred == "neutral" else 0)

    @property
    def macro_f1(self) -> float:
        pc = self.per_class()
        return sum(float(pc[c]["f1"]) for c in GOLD_CLASSES) / len(GOLD_CLASSES)

    @property
    def abstained(self) -> int:
        return sum(row["none"] for row in self.confusion.values())

    @property
    def ece(self) -> float:
        return sum(b.n / self.n * abs(b.accuracy - b.confidence) for b in self.bins if b.n) if self.n else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "model": self.model, "dataset": self.dataset, "split": self.split, "n": self.n,
            "accuracy": round(self.accuracy, 4), "macro_f1": round(self.macro_f1, 4),
            "per_class": self.per_class(),
            "confusion": {g: {p: self.confusion.get(g, Counter())[p] for p in STANCES} for g in GOLD_CLASSES},
            "abstained": self.abstained,
            "predicted": dict(sum((Counter(row) for row in self.confusion.values()), Counter())),
            "reliability": [{"bin": f"{b.lo:.1f}-{b.hi:.1f}", "n": b.n, "confidence": round(b.confidence, 4),
                             "accuracy": round(b.accuracy, 4)} for b in self.bins],
            "ece": round(self.ece, 4), "seconds": round(self.seconds, 2),
        }


def collapse(stance: str) -> str:
    """A prediction as the three-class benchmarks read it: ``none`` (no position) is ``neutral``."""
    return "neutral" if stance == "none" else stance


def score_stance(examples: Sequence[StanceExample], labels: Sequence[StanceLabel], *, model: str = "",
                 dataset: str = "", split: str = "", n_bins: int = 10) -> StanceScore:
    """Accuracy, macro-F1, per-class P/R/F1, confusion and reliability of ``labels`` against ``examples``."""
    if len(examples) != len(labels):
        raise ValueError(f"{len(examples)} examples but {len(labels)} labels")
    sc = StanceScore(model, dataset, split, confusion={g: Counter() for g in GOLD_CLASSES},
                     bins=[Bin(i / n_bins, (i + 1) / n_bins) for i in range(n_bins)])
    for ex, lab in zip(examples, labels, strict=True):
        sc.n += 1
        ok = collapse(lab.stance) == ex.gold
        sc.right += ok
        sc.confusion[ex.gold][lab.stance] += 1
        conf = min(max(float(lab.confidence), 0.0), 1.0)
        b = sc.bins[min(int(conf * n_bins), n_bins - 1)]
        b.n += 1
        b.conf_sum += conf
        b.right += ok
    return sc


def format_score(sc: StanceScore) -> str:
    d = sc.as_dict()
    lines = [f"{sc.model} on {sc.dataset} {sc.split}: {sc.n} items in {sc.seconds:.1f}s",
             f"accuracy {d['accuracy']:.3f}   macro-F1 {d['macro_f1']:.3f}   abstained (none) {sc.abstained}"
             f"   ECE {d['ece']:.3f}",
             "", f"{'class':<9}{'P':>7}{'R':>7}{'F1':>7}{'n':>7}"]
    for c, m in d["per_class"].items():
        lines.append(f"{c:<9}{m['precision']:>7.3f}{m['recall']:>7.3f}{m['f1']:>7.3f}{m['n']:>7}")
    lines += ["", "confusion (rows gold, columns predicted)", f"{'':<9}" + "".join(f"{p:>9}" for p in STANCES)]
    for g in GOLD_CLASSES:
        lines.append(f"{g:<9}" + "".join(f"{d['confusion'][g][p]:>9}" for p in STANCES))
    lines += ["", "reliability (confidence bin: n, mean confidence, accuracy)"]
    for b in d["reliability"]:
        if b["n"]:
            lines.append(f"  {b['bin']}  n {b['n']:>5}  conf {b['confidence']:.3f}  acc {b['accuracy']:.3f}")
    return "\n".join(lines)


def reliability_svg(sc: StanceScore, size: int = 320) -> str:
    """A reliability diagram of ``sc`` as a standalone SVG: for each confidence bin with items, a bar as high as the
    accuracy in it, a dot at its mean confidence, and the diagonal a calibrated model would follow; the title gives
    the model, data, accuracy and ECE. All text is escaped."""
    from html import escape

    pad, top = 40, 50
    w = h = size - pad - 10
    x0, y0 = pad, top + h

    def x(v: float) -> float:
        return round(x0 + v * w, 1)

    def y(v: float) -> float:
        return round(y0 - v * h, 1)

    name = escape(f"{sc.model} on {sc.dataset} {sc.split}")
    figures = f"accuracy {sc.accuracy:.3f}, ECE {sc.ece:.3f}, n {sc.n}"
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {top + h + 30}" role="img" '
             f'aria-label="reliability of {name}" font-family="sans-serif" font-size="10">',
             f"<title>{name}: {figures}</title>", f'<text x="{x0}" y="12">{name}</text>',
             f'<text x="{x0}" y="25">{figures}</text>',
             f'<text x="{x0}" y="38" fill="#555" font-size="8">bars: accuracy per bin (n); dots: mean confidence; '
             "dashes: ideal</text>",
             f'<rect x="{x0}" y="{top}" width="{w}" height="{h}" fill="none" stroke="#999"/>',
             f'<line x1="{x(0)}" y1="{y(0)}" x2="{x(1)}" y2="{y(1)}" stroke="#999" stroke-dasharray="4 3"/>']
    for b in sc.bins:
        if not b.n:
            continue
        bw = x(b.hi) - x(b.lo) - 2
        parts.append(f'<rect class="bar" x="{x(b.lo) + 1}" y="{y(b.accuracy)}" width="{bw:.1f}" '
                     f'height="{round(b.accuracy * h, 1)}" fill="#4a78b5" data-accuracy="{b.accuracy:.4f}" '
                     f'data-n="{b.n}"/>')
        parts.append(f'<circle class="conf" cx="{x(b.confidence)}" cy="{y(b.confidence)}" r="2.5" fill="#d0552b"/>')
        parts.append(f'<text x="{x(b.lo) + 1}" y="{y(b.accuracy) - 2}" font-size="8">{b.n}</text>')
    for v in (0.0, 0.5, 1.0):
        parts.append(f'<text x="{x(v) - 6}" y="{y0 + 12}">{v:.1f}</text>')
        parts.append(f'<text x="{x0 - 22}" y="{y(v) + 3}">{v:.1f}</text>')
    parts.append(f'<text x="{x(0.5) - 25}" y="{y0 + 24}">confidence</text></svg>')
    return "\n".join(parts) + "\n"


def evaluate(model_name: str, dataset: str, split: str = "dev", *, root: Path | None = None,
             limit: int | None = None, progress: Callable[[int, int], None] | None = None) -> StanceScore:
    """Load a split, label it with the registered model ``model_name``, and score it."""
    model = make_model(model_name)
    examples = load_split(dataset, split, root, limit)
    t0 = time.perf_counter()
    labels = predict(model, examples, progress=progress)
    sc = score_stance(examples, labels, model=str(getattr(model, "name", model_name)), dataset=dataset, split=split)
    sc.seconds = time.perf_counter() - t0
    return sc


def make_model(name: str) -> Any:
    from ..registry import stance_models
    from ..stance import rules  # noqa: F401  (registers rules.v1; the others register in onrecord.registry)

    return stance_models.get(name)()  # type: ignore[operator]


# --- the acceptance gold, person level ------------------------------------------------------------------------

def acceptance_root() -> Path:
    env = os.environ.get("ONRECORD_ACCEPTANCE")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "shared" / "acceptance"


def evaluate_acceptance(model_name: str, folder: Path | None = None,
                        settings: dict[str, Any] | None = None) -> dict[str, Any]:
    """Run the whole pipeline on the acceptance articles with ``model_name`` and score it (person level)."""
    from .. import pipeline, query
    from ..store import open_store
    from . import load_gold, score

    d = folder or acceptance_root()
    gold = load_gold(_need(d / "gold.json"))
    run_settings = {**(settings or {}), "progress": False, "stance_model": model_name}
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "eval.db"))
        register = d / "register.json"
        reg = pipeline.load_register_into(store, register) if register.is_file() else None
        pipeline.ingest(store, [d / "articles"], register=reg, settings=run_settings)
        pipeline.add_issue(store, gold["issue"], settings=run_settings)
        data = query.export_issue(store, gold["issue"])
        store.close()
    rep = score(data, gold).as_dict()
    errors = [e for e in rep["errors"] if e.startswith("person ")]
    return {"model": model_name, "dataset": "acceptance", "person_stance": rep["person_stance"],
            "person_stance_accuracy": rep["person_stance_accuracy"],
            "quote_stance_accuracy": rep["quote_stance_accuracy"], "breaks_exact": rep["breaks_exact"],
            "person_errors": errors, "stance_errors": rep["stance_errors"],
            "seconds": round(time.perf_counter() - t0, 2)}


def format_acceptance(d: dict[str, Any]) -> str:
    lines = [f"{d['model']} on the acceptance gold: people {d['person_stance']} ({d['person_stance_accuracy']:.3f}),"
             f" quotes {d['quote_stance_accuracy']:.3f}, party breaks exact={d['breaks_exact']}"]
    lines += [f"  - {e}" for e in d["person_errors"]]
    return "\n".join(lines)


def label_counts(rows: Iterable[StanceExample]) -> dict[str, int]:
    """How many rows of each gold class."""
    return dict(Counter(r.gold for r in rows))
