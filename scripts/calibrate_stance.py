"""Calibrate a ``minilm-stance.v1`` weight file on the calibration slices of train (never dev).

    .venv/bin/python scripts/calibrate_stance.py onrecord/stance/weights/minilm-stance.v1.safetensors

Two things are fitted on VAST ``calib`` + GWSD ``calib`` (:mod:`onrecord.eval.stance`) and written into the
file's metadata (the tensors are untouched):

* ``bias``: per-class offsets added to the scaled logits (support's is 0), picked on a grid to maximise VAST
  macro-F1 + GWSD accuracy (the two targets), which moves the boundary of the under-predicted class;
* ``temperature``: the one that minimises the negative log-likelihood with that bias, so a label's confidence is
  its calibrated probability.

``scripts/train_stance.py`` calls :func:`calibrate` after every epoch; this script redoes it for a file.

``--combined`` fits ``minilm-stance.v2`` instead (the same weights, read together with rules.v1), on the same
calibration slices, and writes ``onrecord/stance/weights/minilm-stance.v2.calibration.json``::

    .venv/bin/python scripts/calibrate_stance.py --combined onrecord/stance/weights/minilm-stance.v1.safetensors

* the policy: ``min_side_unnamed`` (how sure the model must be of a side for a quote that does not name the
  issue), picked on a grid to maximise VAST macro-F1 + GWSD accuracy, ties to the more cautious (higher) one;
* per decision path (:data:`onrecord.stance.trained.PATHS`), Platt coefficients that map the label's confidence
  to the rate at which that path's labels were right on the slices (each dataset weighing the same), so the
  combined output's confidence, not only the network's, is calibrated. Paths with fewer than 20 rows keep theirs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from onrecord import encoder as E  # noqa: E402
from onrecord.eval.stance import StanceExample, default_root, load_gwsd, load_vast, split_gwsd, split_vast  # noqa: E402
from onrecord.stance import trained as T  # noqa: E402


def macro_f1(pred: Sequence[int], gold: Sequence[int]) -> float:
    f1s = []
    for c in range(len(T.CLASSES)):
        tp = sum(p == c and g == c for p, g in zip(pred, gold, strict=True))
        np_, ng = list(pred).count(c), list(gold).count(c)
        pr, rc = (tp / np_ if np_ else 0.0), (tp / ng if ng else 0.0)
        f1s.append(2 * pr * rc / (pr + rc) if pr + rc else 0.0)
    return sum(f1s) / len(f1s)


def accuracy(pred: Sequence[int], gold: Sequence[int]) -> float:
    return sum(p == g for p, g in zip(pred, gold, strict=True)) / max(1, len(gold))


def fit_temperature(torch: Any, logits: Any, gold: Any, bias: Any) -> float:
    fn = torch.nn.functional

    def nll(t: float) -> float:
        return float(fn.cross_entropy(logits / t + bias, gold))

    best = min((0.25 + 0.05 * i for i in range(116)), key=nll)
    return round(min((t for t in (best - 0.05 + 0.005 * i for i in range(21)) if t > 0), key=nll), 4)


def calibrate(torch: Any, vast: tuple[Any, Any], gwsd: tuple[Any, Any]) -> tuple[float, list[float], dict[str, Any]]:
    """(temperature, bias, report) from calibration logits and gold class indices of both datasets."""
    zero = torch.zeros(len(T.CLASSES))
    all_logits, all_gold = torch.cat([vast[0], gwsd[0]]), torch.cat([vast[1], gwsd[1]])
    t0 = fit_temperature(torch, all_logits, all_gold, zero)

    def objective(b: Any) -> float:
        pv = (vast[0] / t0 + b).argmax(-1).tolist()
        pg = (gwsd[0] / t0 + b).argmax(-1).tolist()
        return macro_f1(pv, vast[1].tolist()) + accuracy(pg, gwsd[1].tolist())

    grid = [torch.tensor([0.0, o / 10, n / 10]) for o in range(-10, 11) for n in range(-10, 21)]
    best = max(grid, key=lambda b: (round(objective(b), 6), -float(b.abs().sum())))
    temp = fit_temperature(torch, all_logits, all_gold, best)
    bias = [round(float(x), 3) for x in best]
    b = torch.tensor(bias)

    def scores(lg: Any, gold: Any, bb: Any, t: float) -> dict[str, float]:
        pred = (lg / t + bb).argmax(-1).tolist()
        g = gold.tolist()
        return {"accuracy": round(accuracy(pred, g), 4), "macro_f1": round(macro_f1(pred, g), 4)}

    report = {"temperature": temp, "bias": bias,
              "vast_calib": scores(vast[0], vast[1], b, temp), "gwsd_calib": scores(gwsd[0], gwsd[1], b, temp),
              "vast_calib_no_bias": scores(vast[0], vast[1], zero, t0),
              "gwsd_calib_no_bias": scores(gwsd[0], gwsd[1], zero, t0)}
    return temp, bias, report


def calib_logits(torch: Any, base: dict[str, Any], adapter: dict[str, Any], tok: Any,
                 rows: Sequence[StanceExample], scale: float, batch: int = 64,
                 device: str = "cpu") -> tuple[Any, Any]:
    order = sorted(range(len(rows)), key=lambda i: len(rows[i].text))
    out = torch.zeros(len(rows), len(T.CLASSES))
    with torch.inference_mode():
        for s in range(0, len(order), batch):
            idx = order[s : s + batch]
            ids, types, mask = T.encode(tok, [(rows[i].topic, rows[i].text) for i in idx], device)
            out[idx] = T.forward(base, adapter, ids, types, mask, lora_scale=scale).float().cpu()
    return out, torch.tensor([T.CLASSES.index(r.gold) for r in rows])


def fit_platt(torch: Any, conf: Sequence[float], right: Sequence[bool], weight: Sequence[float]) -> list[float]:
    """(a, b) minimising the weighted log-loss of ``sigmoid(a * logit(conf) + b)`` against ``right``, with a small
    pull towards the identity (1, 0)."""
    c = torch.tensor(conf).clamp(1e-4, 1 - 1e-4)
    x, y, w = torch.log(c / (1 - c)), torch.tensor(right, dtype=torch.float32), torch.tensor(weight)
    ab = torch.tensor([1.0, 0.0], requires_grad=True)
    opt = torch.optim.LBFGS([ab], max_iter=200)

    def closure() -> Any:
        opt.zero_grad()
        loss = (torch.nn.functional.binary_cross_entropy_with_logits(ab[0] * x + ab[1], y, weight=w)
                + 1e-3 * ((ab[0] - 1) ** 2 + ab[1] ** 2))
        loss.backward()
        return loss

    opt.step(closure)
    return [round(float(v), 4) for v in ab.detach()]


def calibrate_combined(torch: Any, weights: Path, root: Path) -> dict[str, Any]:
    """Fit minilm-stance.v2's policy and per-path calibration on the calibration slices (see the docstring)."""
    from onrecord.eval.stance import as_quote, collapse, score_stance
    from onrecord.models import Issue, StanceLabel

    rows = {"vast": split_vast(load_vast(root), "calib"), "gwsd": split_gwsd(load_gwsd(root), "calib")}
    base = T.TrainedStance(weights)
    issues: dict[str, Issue] = {}
    items = {k: [(issues.setdefault(r.topic, Issue(r.topic)), as_quote(r)) for r in rs] for k, rs in rows.items()}
    rules = {k: [base.rule_labels(i, [q])[0] for i, q in its] for k, its in items.items()}
    probs = {k: T.loaded(weights).probs([(i.name, T.quote_text(q)) for i, q in its]) for k, its in items.items()}

    def run(ts: T.TrainedStance) -> dict[str, list[tuple[str, StanceLabel]]]:
        return {k: [ts.decide(lab, ts.model_for(i, q, lab, pr))
                    for (i, q), lab, pr in zip(items[k], rules[k], probs[k], strict=True)] for k in items}

    def objective(got: dict[str, list[tuple[str, StanceLabel]]]) -> float:
        sv = score_stance(rows["vast"], [lab for _, lab in got["vast"]])
        sg = score_stance(rows["gwsd"], [lab for _, lab in got["gwsd"]])
        return sv.macro_f1 + sg.accuracy

    grid = [mu / 100 for mu in range(60, 24, -5)]
    scored = [(round(objective(run(T.TrainedStance(weights, min_side_unnamed=mu))), 6), -n, mu)
              for n, mu in enumerate(grid)]
    _, _, mu = max(scored)
    ts = T.TrainedStance(weights, min_side_unnamed=mu)
    got = run(ts)
    paths: dict[str, list[float]] = {}
    counts: dict[str, dict[str, Any]] = {}
    for path in T.PATHS:
        sel = [(k, lab, ex) for k in got for (p, lab), ex in zip(got[k], rows[k], strict=True) if p == path]
        per = {k: sum(1 for kk, _, _ in sel if kk == k) for k in rows}
        right = [collapse(lab.stance) == ex.gold for _, lab, ex in sel]
        counts[path] = {"n": per, "right": round(sum(right) / len(right), 4) if right else None}
        if len(sel) >= 20:
            present = sum(1 for n in per.values() if n)  # each dataset with rows on this path weighs the same
            w = [len(sel) / (present * per[k]) for k, _, _ in sel]
            paths[path] = fit_platt(torch, [lab.confidence for _, lab, _ in sel], right, w)
    final = T.TrainedStance(weights, min_side_unnamed=mu, calibration=paths)
    after = {k: [final.combine(lab, final.model_for(i, q, lab, pr))
                 for (i, q), lab, pr in zip(items[k], rules[k], probs[k], strict=True)] for k in items}
    v1 = run(T.TrainedStance(weights))
    report: dict[str, Any] = {"objective": round(objective(got), 4), "objective_v1": round(objective(v1), 4)}
    for k in rows:
        a, b = score_stance(rows[k], after[k]), score_stance(rows[k], [lab for _, lab in v1[k]])
        report[f"{k}_calib"] = {"n": a.n, "accuracy": round(a.accuracy, 4), "macro_f1": round(a.macro_f1, 4),
                                "ece": round(a.ece, 4), "v1_accuracy": round(b.accuracy, 4),
                                "v1_macro_f1": round(b.macro_f1, 4), "v1_ece": round(b.ece, 4)}
    return {"model": "minilm-stance.v2", "weights": weights.name,
            "weights_sha256": hashlib.sha256(weights.read_bytes()).hexdigest(),
            "fitted_on": "VAST calib + GWSD calib slices of train (onrecord/eval/stance.py); never dev",
            "policy": {"min_side": T.MIN_SIDE, "min_side_unnamed": mu},
            "paths": paths, "path_counts": counts, "report": report}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("weights", type=Path)
    ap.add_argument("--data", type=Path, default=None)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--combined", action="store_true", help="fit minilm-stance.v2's policy and per-path "
                    "calibration; write them to --out (the weight file is not changed)")
    ap.add_argument("--out", type=Path, default=T.CALIBRATION)
    args = ap.parse_args(argv)
    torch = E.require_torch()
    torch.set_num_threads(args.threads)
    if args.combined:
        fitted = calibrate_combined(torch, args.weights, args.data or default_root())
        args.out.write_text(json.dumps(fitted, indent=1) + "\n", encoding="utf-8")
        print(json.dumps(fitted["policy"]), json.dumps(fitted["report"]))
        return 0
    from safetensors import safe_open
    from safetensors.torch import load_file, save_file

    with safe_open(str(args.weights), "pt") as fh:
        meta = dict(fh.metadata() or {})
    tensors = load_file(str(args.weights))
    adapter = {k: v.float() for k, v in tensors.items()}
    root = args.data or default_root()
    base, tok = E.load_base(), E.load_tokenizer(int(meta["max_len"]))
    scale = float(meta["lora_alpha"]) / float(meta["rank"])
    vast = calib_logits(torch, base, adapter, tok, split_vast(load_vast(root), "calib"), scale)
    gwsd = calib_logits(torch, base, adapter, tok, split_gwsd(load_gwsd(root), "calib"), scale)
    temp, bias, report = calibrate(torch, vast, gwsd)
    meta.update({"temperature": str(temp), "bias": ",".join(str(x) for x in bias), "calibration": json.dumps(report)})
    save_file(tensors, str(args.weights), metadata=meta)
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
