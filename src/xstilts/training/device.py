"""Device, mixed precision and rank: the only places the loop looks at the hardware."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

import torch


def pick_device(name: str) -> torch.device:
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if name == "cuda" and not torch.cuda.is_available():
        raise RuntimeError("device 'cuda' requested but torch sees no CUDA device")
    return torch.device(name)


def autocast(device: torch.device, precision: str) -> contextlib.AbstractContextManager:
    """bf16 autocast on CUDA for `auto` and `bf16` (native, no loss scaling; jiant used apex
    fp16). CPU always runs fp32: bf16 is slower there, and CPU runs are the bitwise-reproducible
    reference (demo, tests)."""
    if device.type != "cuda" or precision == "fp32":
        return contextlib.nullcontext()
    return torch.autocast(device_type="cuda", dtype=torch.bfloat16)


def sdpa_backends(device_type: str, choice: str) -> list[Any] | None:
    """The SDPA backends attention may use (config.sdpa_backend), or None for torch's choice.

    auto on CUDA: flash, memory-efficient and math, never cuDNN. cuDNN's backend, which torch
    picked for XLM-R's masked attention on an H200, builds an execution plan per new sequence
    length: with dynamic padding ~170 ms of CPU a step at XLM-R Large (issue [8]). On CPU auto
    leaves torch's choice, so CPU numbers are those of every earlier run.
    """
    from torch.nn.attention import SDPBackend

    if choice == "torch" or (choice == "auto" and device_type != "cuda"):
        return None
    named = {
        "flash": [SDPBackend.FLASH_ATTENTION],
        "efficient": [SDPBackend.EFFICIENT_ATTENTION],
        "math": [SDPBackend.MATH],
        "cudnn": [SDPBackend.CUDNN_ATTENTION],
        "auto": [SDPBackend.FLASH_ATTENTION, SDPBackend.EFFICIENT_ATTENTION, SDPBackend.MATH],
    }
    if choice not in named:
        raise ValueError(f"sdpa_backend must be one of {['torch', *named]}, got {choice!r}")
    return named[choice]


def attention_backends(device: torch.device, choice: str) -> contextlib.AbstractContextManager:
    """A scope in which SDPA uses only `sdpa_backends(device.type, choice)`.

    Scoped, not set at import: torch's backend switches are process-wide, and a library that
    flips them would change every other model in the process (and every rank's neighbours).
    """
    backends = sdpa_backends(device.type, choice)
    if backends is None:
        return contextlib.nullcontext()
    from torch.nn.attention import sdpa_kernel

    return sdpa_kernel(backends)


@dataclass(frozen=True)
class Rank:
    """This process's place in a torch.distributed job (0 of 1 when there is none)."""

    rank: int = 0
    world: int = 1

    @property
    def is_main(self) -> bool:
        return self.rank == 0

    @classmethod
    def current(cls) -> Rank:
        import torch.distributed as dist

        if dist.is_available() and dist.is_initialized():
            return cls(dist.get_rank(), dist.get_world_size())
        return cls()
