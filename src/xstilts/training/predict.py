"""Batched inference for the evaluation module: logits per feature, in dataset order.

Features are batched by length (sorted), padded per batch, and returned unpadded, so the caller
never sees padding. Which metric or answer decoding applies is the evaluation module's business.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

from xstilts.modeling.model import XstiltsModel
from xstilts.training.collate import TokenIds, collate
from xstilts.training.data import feature_lengths, fetch_rows
from xstilts.training.device import attention_backends, autocast

# classification [n, L] / multiple_choice [n, C] arrays; span {"start", "end"} ragged lists;
# tagging a ragged list of [len_i, L] arrays.
Logits = np.ndarray | list[np.ndarray] | dict[str, list[np.ndarray]]


@torch.no_grad()
def predict_logits(
    model: XstiltsModel,
    dataset: Any,
    head: str,
    batch_size: int = 64,
    *,
    pad_id: int | None = None,
    precision: str = "auto",
) -> Logits:
    """Logits of `head` for every feature of `dataset` (INTERFACES.md columns).

    classification → float32 [n, num_labels]; multiple_choice → [n, num_choices];
    span_extraction → {"start": [array(len_i)], "end": [array(len_i)]}, one per feature, over
    its own tokens; tagging → [array(len_i, num_labels)]. `pad_id` defaults to the encoder's.
    """
    kind = model.specs[head].kind
    if kind == "mlm":
        raise ValueError("predict_logits serves task heads; an mlm head has no predictions")
    pad = model.config.pad_token_id if pad_id is None else pad_id
    tokens = TokenIds(pad_id=pad, mask_id=pad, vocab_size=0, special_ids=())
    device = next(model.parameters()).device
    was_training = model.training
    model.eval()
    features = dataset.with_format(None)
    lengths = feature_lengths(dataset)
    order = np.argsort(-lengths, kind="stable")  # longest first: an OOM shows up at once
    outputs: list[np.ndarray | None] = [None] * len(lengths)
    try:
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            columns = fetch_rows(features, rows)
            batch = collate(kind, {"input_ids": columns["input_ids"]}, tokens)
            batch = {k: v.to(device) for k, v in batch.items()}
            # On CUDA no cuDNN attention: it plans anew for every batch length (device.py).
            with autocast(device, precision), attention_backends(device, "auto"):
                logits = model(head, **batch).logits
            logits = logits.float().cpu().numpy()
            for i, row in enumerate(rows):
                if kind in ("span_extraction", "tagging"):
                    outputs[row] = logits[i, : lengths[row]]
                else:
                    outputs[row] = logits[i]
    finally:
        model.train(was_training)
    if kind in ("classification", "multiple_choice"):
        width = model.specs[head].num_labels if kind == "classification" else 0
        return np.stack(outputs) if outputs else np.zeros((0, width), dtype=np.float32)
    if kind == "span_extraction":
        return {"start": [o[:, 0] for o in outputs], "end": [o[:, 1] for o in outputs]}
    return list(outputs)
