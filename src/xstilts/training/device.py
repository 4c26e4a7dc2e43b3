"""Device, mixed precision and rank: the only places the loop looks at the hardware."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

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
