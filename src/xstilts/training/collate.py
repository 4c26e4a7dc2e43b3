"""Rows → padded tensors, per batch (dynamic padding: jiant padded every dataset to a fixed length).

MLM masking happens here, with an explicit generator the loop seeds from (seed, rank, micro-batch
number), so a resumed run masks exactly as an uninterrupted one without saving any RNG.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import torch

from xstilts.modeling.heads import IGNORE_INDEX

# Padded lengths on the GPU (config.length_buckets): at most 50% padding added to a batch
# (33 → 48), about a dozen shapes up to 512 instead of one per length. Longer batches round
# up to a multiple of the last step (128).
LENGTH_BUCKETS: tuple[int, ...] = (16, 32, 48, 64, 96, 128, 192, 256, 384, 512)


@dataclass(frozen=True)
class TokenIds:
    """What collation needs from the tokenizer."""

    pad_id: int
    mask_id: int
    vocab_size: int
    special_ids: tuple[int, ...]

    @classmethod
    def from_tokenizer(cls, tokenizer: Any) -> TokenIds:
        return cls(
            pad_id=int(tokenizer.pad_token_id),
            mask_id=int(tokenizer.mask_token_id),
            vocab_size=len(tokenizer),
            special_ids=tuple(sorted({int(i) for i in tokenizer.all_special_ids})),
        )


def collate(kind: str, rows: dict[str, list], tokens: TokenIds) -> dict[str, torch.Tensor]:
    """Pad one batch of features (columns as lists) to its own longest row."""
    if kind == "multiple_choice":
        input_ids, attention_mask = _pad_choices(rows["input_ids"], tokens.pad_id)
    else:
        input_ids, attention_mask = _pad(rows["input_ids"], tokens.pad_id)
    batch = {"input_ids": input_ids, "attention_mask": attention_mask}
    if kind in ("classification", "multiple_choice") and "label" in rows:
        labels = torch.tensor(rows["label"], dtype=torch.long)
        # -1 marks an unlabelled feature (INTERFACES.md); it must not enter the loss.
        batch["labels"] = labels.masked_fill(labels < 0, IGNORE_INDEX)
    elif kind == "span_extraction" and "start_position" in rows:
        batch["start_positions"] = torch.tensor(rows["start_position"], dtype=torch.long)
        batch["end_positions"] = torch.tensor(rows["end_position"], dtype=torch.long)
    elif kind == "tagging" and "labels" in rows:
        batch["labels"], _ = _pad(rows["labels"], IGNORE_INDEX)
    return batch


def mask_tokens(
    batch: dict[str, torch.Tensor], tokens: TokenIds, probability: float, generator: torch.Generator
) -> dict[str, torch.Tensor]:
    """BERT masking: pick `probability` of the real tokens; 80% → <mask>, 10% random, 10% kept."""
    input_ids = batch["input_ids"].clone()
    labels = input_ids.clone()
    maskable = batch["attention_mask"].bool() & ~torch.isin(
        input_ids, torch.tensor(tokens.special_ids, dtype=input_ids.dtype)
    )
    chosen = (torch.rand(input_ids.shape, generator=generator) < probability) & maskable
    labels[~chosen] = IGNORE_INDEX
    draw = torch.rand(input_ids.shape, generator=generator)
    to_mask = chosen & (draw < 0.8)
    to_random = chosen & (draw >= 0.8) & (draw < 0.9)
    input_ids[to_mask] = tokens.mask_id
    random_ids = torch.randint(tokens.vocab_size, input_ids.shape, generator=generator)
    input_ids[to_random] = random_ids[to_random]
    return {**batch, "input_ids": input_ids, "labels": labels}


def loss_terms(kind: str, batch: dict[str, torch.Tensor]) -> int:
    """How many terms the batch's loss sums over: the denominator of its mean."""
    if kind in ("tagging", "mlm", "classification", "multiple_choice"):
        return int((batch["labels"] != IGNORE_INDEX).sum())
    return int(batch["input_ids"].shape[0])


def split_batch(batch: dict[str, torch.Tensor], parts: int) -> list[dict[str, torch.Tensor]]:
    """Cut a collated batch into `parts` smaller ones, each trimmed to its own longest row."""
    size = batch["input_ids"].shape[0]
    if parts <= 1:
        return [batch]
    chunks = []
    for idx in np.array_split(np.arange(size), min(parts, size)):
        part = {k: v[idx[0] : idx[-1] + 1] for k, v in batch.items()}
        length = int(part["attention_mask"].sum(-1).max())
        width = part["input_ids"].shape[-1]
        chunks.append(
            {
                k: v[..., :length] if v.dim() >= 2 and v.shape[-1] == width else v
                for k, v in part.items()
            }
        )
    return chunks


def bucket_length(length: int, buckets: tuple[int, ...] = LENGTH_BUCKETS) -> int:
    """The smallest bucket ≥ `length`; past the last, the next multiple of the last step."""
    for bucket in buckets:
        if length <= bucket:
            return bucket
    step = buckets[-1] - buckets[-2]
    return buckets[-1] + -(-(length - buckets[-1]) // step) * step


def pad_to_bucket(
    batch: dict[str, torch.Tensor], pad_id: int, buckets: tuple[int, ...] = LENGTH_BUCKETS
) -> dict[str, torch.Tensor]:
    """Pad a collated batch's token axis (the last) up to its bucket length.

    Exact for the loss: padding is masked in attention, never a span boundary, and labelled
    IGNORE_INDEX; position ids come from the non-pad tokens. Only float rounding may differ.
    """
    width = int(batch["input_ids"].shape[-1])
    extra = bucket_length(width, buckets) - width
    if extra == 0:
        return batch
    fill = {"input_ids": pad_id, "attention_mask": 0, "labels": IGNORE_INDEX}
    out = {}
    for key, value in batch.items():
        if value.dim() >= 2 and value.shape[-1] == width and key in fill:
            value = torch.nn.functional.pad(value, (0, extra), value=fill[key])
        elif value.dim() >= 2 and value.shape[-1] == width:
            raise ValueError(f"pad_to_bucket: no padding value for per-token column {key!r}")
        out[key] = value
    return out


def _pad(rows: list[list[int]], value: int) -> tuple[torch.Tensor, torch.Tensor]:
    width = max(len(r) for r in rows)
    out = torch.full((len(rows), width), value, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for i, row in enumerate(rows):
        out[i, : len(row)] = torch.tensor(row, dtype=torch.long)
        mask[i, : len(row)] = 1
    return out, mask


def _pad_choices(rows: list[list[list[int]]], pad_id: int) -> tuple[torch.Tensor, torch.Tensor]:
    choices = {len(r) for r in rows}
    if len(choices) != 1:
        raise ValueError(f"multiple-choice batch mixes choice counts {sorted(choices)}")
    flat, mask = _pad([choice for row in rows for choice in row], pad_id)
    shape = (len(rows), choices.pop(), flat.shape[-1])
    return flat.view(shape), mask.view(shape)
