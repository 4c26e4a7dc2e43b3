"""Sentence embeddings from a middle layer of an encoder checkpoint (XTREME_SPEC.md §4.1).

Defaults follow jiant's X-STILTs setup and XTREME's Tatoeba script for XLM-R Large: mean
pooling over every non-padding token (`<s>` and `</s>` included) of `hidden_states[14]`,
where `hidden_states[0]` is the embedding output. The paper's layer is not pinned down by
public code (XTREME's BUCC script silently used layer 20 and, later, CLS pooling), so layer
and pooling are parameters and both are logged.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import numpy as np
import torch

log = logging.getLogger(__name__)

Pooling = Literal["mean", "cls"]
POOLINGS: tuple[str, ...] = ("mean", "cls")
MAX_LENGTH = 512  # XTREME's max_seq_length for retrieval, specials included
BATCH_SIZE = 100  # XTREME's retrieval batch size (inference only)
REFERENCE_LAYER, REFERENCE_DEPTH = 14, 24  # hidden_states[14] of XLM-R Large's 24 layers


def default_layer(num_layers: int) -> int:
    """hidden_states index at the same relative depth as 14 of 24 (12 layers → 7).

    Rounds half up (not Python's round-half-to-even) so the mapping reads like arithmetic.
    """
    if num_layers < 1:
        raise ValueError(f"an encoder needs at least one layer, got {num_layers}")
    return int(np.floor(REFERENCE_LAYER * num_layers / REFERENCE_DEPTH + 0.5))


def resolve_layer(num_layers: int, layer: int | None = None) -> int:
    """`layer` if given (0 = embeddings … num_layers = last layer), else `default_layer`."""
    if layer is None:
        return default_layer(num_layers)
    if not 0 <= layer <= num_layers:
        raise ValueError(
            f"retrieval layer {layer} is out of range: this encoder has hidden states "
            f"0 (embeddings) to {num_layers}"
        )
    return layer


def pool(hidden: torch.Tensor, attention_mask: torch.Tensor, pooling: str) -> torch.Tensor:
    """(batch, length, dim) → (batch, dim).

    mean: average over positions with attention mask 1, so special tokens count and
    padding does not (XTREME's default; its skip-special-tokens option is off).
    cls: the first token's vector (`<s>`).
    """
    if pooling == "cls":
        return hidden[:, 0]
    if pooling == "mean":
        mask = attention_mask.to(hidden.dtype).unsqueeze(-1)
        return (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1.0)
    raise ValueError(f"unknown pooling {pooling!r} (allowed: {', '.join(POOLINGS)})")


def encoder_dir(model_dir: str | Path) -> Path:
    """The HF folder to load: `model_dir` itself, or its `encoder/` (an xstilts checkpoint)."""
    model_dir = Path(model_dir)
    for candidate in (model_dir / "encoder", model_dir):
        if (candidate / "config.json").is_file():
            return candidate
    raise FileNotFoundError(
        f"no HF encoder under {model_dir}: expected {model_dir}/config.json or "
        f"{model_dir}/encoder/config.json (an intermediate checkpoint or models/pretrained)"
    )


# Heads that an MLM or task checkpoint may carry next to the encoder; embeddings need none.
IGNORED_PREFIXES: tuple[str, ...] = ("lm_head.", "pooler.")


def load_encoder(model_dir: str | Path, device: str | torch.device = "cpu") -> tuple[Any, Any]:
    """(model in eval mode on `device`, tokenizer) from an HF folder or xstilts checkpoint.

    Strict (LESSONS.md: jiant's `strict=False` silently evaluated random weights): a missing
    encoder weight, or an unexpected one other than an MLM head or pooler, is an error.
    """
    from transformers import AutoConfig, AutoModel, AutoTokenizer

    folder = encoder_dir(model_dir)
    tokenizer = AutoTokenizer.from_pretrained(folder)
    config = AutoConfig.from_pretrained(folder)
    kwargs: dict[str, Any] = {}
    if config.model_type in ("xlm-roberta", "roberta", "bert"):
        kwargs["add_pooling_layer"] = False  # the pooler is never used for embeddings
    model, info = AutoModel.from_pretrained(folder, output_loading_info=True, **kwargs)
    unexpected = sorted(k for k in info["unexpected_keys"] if not k.startswith(IGNORED_PREFIXES))
    problems = {
        "missing": sorted(info["missing_keys"]),
        "unexpected": unexpected,
        "mismatched": sorted(str(k) for k in info["mismatched_keys"]),
    }
    if any(problems.values()):
        detail = "; ".join(f"{kind}: {keys[:5]}" for kind, keys in problems.items() if keys)
        raise RuntimeError(
            f"encoder weights in {folder} do not match its config ({detail}): refusing to "
            "embed with partly random weights"
        )
    model.to(device).eval()
    return model, tokenizer


def effective_max_length(model: Any, max_length: int) -> int:
    """`max_length`, capped by what the position embeddings allow.

    XLM-R/RoBERTa positions start after the padding index, so 514 embeddings hold 512 tokens.
    """
    config = model.config
    limit = getattr(config, "max_position_embeddings", max_length)
    if getattr(config, "model_type", "") in ("xlm-roberta", "roberta"):
        limit -= config.pad_token_id + 1
    if max_length > limit:
        log.warning("max_length %d exceeds the encoder's %d positions: using %d",
                    max_length, limit, limit)
    return min(max_length, limit)


def embed_sentences(
    model: Any,
    tokenizer: Any,
    sentences: Sequence[str],
    layers: Sequence[int],
    pooling: str = "mean",
    max_length: int = MAX_LENGTH,
    batch_size: int = BATCH_SIZE,
) -> dict[int, np.ndarray]:
    """Pooled float32 embeddings `(len(sentences), hidden)` for each requested hidden-state index.

    Sentences are truncated to `max_length` tokens including specials, batched longest first
    with padding to the longest of each batch only, and returned in input order. All layers
    come from one forward pass, which is what makes a layer sweep cheap.
    """
    if pooling not in POOLINGS:
        raise ValueError(f"unknown pooling {pooling!r} (allowed: {', '.join(POOLINGS)})")
    num_layers = model.config.num_hidden_layers
    for layer in layers:
        resolve_layer(num_layers, layer)
    max_length = effective_max_length(model, max_length)
    hidden = model.config.hidden_size
    out = {layer: np.zeros((len(sentences), hidden), dtype=np.float32) for layer in layers}
    if not sentences:
        return out
    ids: list[list[int]] = tokenizer(
        list(sentences), truncation=True, max_length=max_length, add_special_tokens=True
    )["input_ids"]
    # Longest first: similar lengths share a batch (little padding), and a too-large batch
    # fails at once rather than at the end.
    order = sorted(range(len(ids)), key=lambda i: -len(ids[i]))
    device = next(model.parameters()).device
    pad_id = tokenizer.pad_token_id
    with torch.inference_mode():
        for b0 in range(0, len(order), batch_size):
            rows = order[b0 : b0 + batch_size]
            longest = max(len(ids[i]) for i in rows)
            input_ids = torch.full((len(rows), longest), pad_id, dtype=torch.long)
            attention_mask = torch.zeros((len(rows), longest), dtype=torch.long)
            for r, i in enumerate(rows):
                input_ids[r, : len(ids[i])] = torch.tensor(ids[i])
                attention_mask[r, : len(ids[i])] = 1
            attention_mask = attention_mask.to(device)
            states = model(
                input_ids=input_ids.to(device),
                attention_mask=attention_mask,
                output_hidden_states=True,
            ).hidden_states
            for layer in layers:
                pooled = pool(states[layer].float(), attention_mask, pooling)
                out[layer][rows] = pooled.cpu().numpy()
    return out
