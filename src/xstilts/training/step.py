"""One optimizer step's forward/backward passes, and the CUDA out-of-memory back-off.

Each micro-batch's loss is its loss *sum* divided by the number of loss terms in the whole
micro-batch times the accumulation count. Splitting a micro-batch into parts (the back-off) thus
leaves the gradient unchanged: the effective batch stays what the config says.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

import torch

from xstilts.modeling.heads import HeadOutput
from xstilts.training.collate import loss_terms, pad_to_bucket, split_batch
from xstilts.training.device import autocast

log = logging.getLogger("xstilts.training")


@dataclass
class MicroBatch:
    head: str
    kind: str
    batch: dict[str, torch.Tensor]  # collated on CPU, moved per part

    @property
    def size(self) -> int:
        return int(self.batch["input_ids"].shape[0])


def forward_backward(
    forward: Callable[..., HeadOutput],
    head: str,
    batch: dict[str, torch.Tensor],
    denominator: int,
    device: torch.device,
    precision: str,
) -> torch.Tensor:
    """Backpropagate `loss_sum / denominator`; return that loss, detached."""
    with autocast(device, precision):
        out = forward(head, **batch)
    loss = out.loss_sum / denominator
    loss.backward()
    return loss.detach()


def accumulate(
    forward: Callable[..., HeadOutput],
    micro_batches: list[MicroBatch],
    parts: int,
    device: torch.device,
    precision: str,
    *,
    bucket_pad_id: int | None = None,
) -> float:
    """Gradients of the mean loss over `micro_batches`, each cut into `parts`; returns the loss.

    With `bucket_pad_id`, each part is padded with it up to its length bucket (after the split,
    which trims parts to their own longest row), so the device sees only bucket lengths.
    """
    total = torch.zeros((), device=device)
    for micro in micro_batches:
        terms = loss_terms(micro.kind, micro.batch)
        if terms == 0:  # e.g. a tagging batch with no labelled word: nothing to learn from
            continue
        for part in split_batch(micro.batch, parts):
            if bucket_pad_id is not None:
                part = pad_to_bucket(part, bucket_pad_id)
            part = {k: v.to(device, non_blocking=True) for k, v in part.items()}
            # Looked up at call time (not bound at import) so tests can inject an OOM here.
            total += forward_backward(
                forward, micro.head, part, terms * len(micro_batches), device, precision
            )
    return float(total)


@dataclass
class OomBackOff:
    """On CUDA OOM: halve the micro-batch, double accumulation. `parts` is resumable state."""

    batch_size: int
    grad_accum: int
    parts: int = 1

    @property
    def micro_batch_size(self) -> int:
        return -(-self.batch_size // self.parts)

    @property
    def accumulation(self) -> int:
        return self.grad_accum * self.parts

    @property
    def can_back_off(self) -> bool:
        return self.micro_batch_size > 1

    def back_off(self, step: int) -> None:
        """Halve the micro-batch. Call outside the `except` block, so the failed attempt's
        activations (held by the traceback) are freed before the cache is emptied."""
        self.parts *= 2
        if torch.cuda.is_available():
            torch.cuda.empty_cache()
        log.warning(
            "CUDA out of memory at step %d: micro-batch halved to %d, accumulation doubled to %d "
            "(effective batch unchanged: %d)",
            step,
            self.micro_batch_size,
            self.accumulation,
            self.batch_size * self.grad_accum,
        )
