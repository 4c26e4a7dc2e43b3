"""AdamW with weight decay on matrices only, and linear warmup then linear decay to zero."""

from __future__ import annotations

import torch
from torch import nn


def build_optimizer(model: nn.Module, lr: float, weight_decay: float) -> torch.optim.AdamW:
    """Biases and LayerNorm gains (every 1-D parameter) are not decayed, as in BERT/RoBERTa."""
    decay, no_decay = [], []
    for _, param in sorted(model.named_parameters()):
        if param.requires_grad:
            (decay if param.dim() >= 2 else no_decay).append(param)
    groups = [
        {"params": decay, "weight_decay": weight_decay},
        {"params": no_decay, "weight_decay": 0.0},
    ]
    # eps 1e-8 as in jiant/HF. torch's fused kernel on every device: on CUDA one launch instead
    # of ~400 per step for XLM-R Large; on CPU the same bits on every x86-64 processor. The
    # per-tensor and foreach implementations take torch.sqrt, whose CPU kernel is not correctly
    # rounded and gives other bits on an AVX2-only AMD EPYC (emulated: QEMU's EPYC-Rome) than
    # on an AVX-512 one even with ATen pinned to AVX2 (numerics.py); the fused kernel does not
    # (tests/foundation/test_cpu_numerics.py).
    return torch.optim.AdamW(groups, lr=lr, betas=(0.9, 0.999), eps=1e-8, fused=True)


def linear_schedule(
    optimizer: torch.optim.Optimizer, warmup_steps: int, total_steps: int
) -> torch.optim.lr_scheduler.LambdaLR:
    """lr × step/warmup during warmup, then × (total − step)/(total − warmup) down to 0."""

    def factor(step: int) -> float:
        if step < warmup_steps:
            return step / max(1, warmup_steps)
        return max(0.0, (total_steps - step) / max(1, total_steps - warmup_steps))

    return torch.optim.lr_scheduler.LambdaLR(optimizer, factor)
