"""Data parallelism for one stage: torchrun starts the ranks, DDP averages their gradients.

`XSTILTS_NPROC_PER_NODE=N xstilts target ...` re-runs the same command under
`torchrun --standalone --nproc_per_node N` (so dvc.yaml's command stays as it is); each rank
joins the process group (NCCL on GPUs, one GPU per local rank; gloo on CPU). The global batch is
the one of a single process: the sampler gives each rank its share of every batch's rows
(sampler.py) and DDP averages the gradients, so the run matches one process within float
reduction order. Rank 0 alone writes state, checkpoints, predictions and MLflow runs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

NPROC_ENV = "XSTILTS_NPROC_PER_NODE"


def launched_rank() -> int:
    """This process's rank as torchrun set it (0 outside torchrun); no torch import."""
    return int(os.environ.get("RANK", "0"))


def wanted_processes() -> int:
    value = os.environ.get(NPROC_ENV, "1").strip() or "1"
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"{NPROC_ENV} must be a positive integer, got {value!r}")
    return int(value)


def relaunch_under_torchrun(argv: Sequence[str]) -> int | None:
    """Run `xstilts ARGV` as N torchrun ranks when XSTILTS_NPROC_PER_NODE=N > 1 and this
    process is not a rank already; its exit code, or None to go on in this process."""
    nproc = wanted_processes()
    if nproc == 1 or "RANK" in os.environ:
        return None
    torchrun = shutil.which("torchrun", path=os.path.dirname(sys.executable)) or "torchrun"
    command = [torchrun, "--standalone", f"--nproc_per_node={nproc}", "-m", "xstilts.cli",
               *argv]
    return subprocess.run(command, check=False).returncode


@contextmanager
def process_group() -> Iterator[None]:
    """Join torchrun's process group for the block (nothing outside torchrun)."""
    import torch
    import torch.distributed as dist

    if int(os.environ.get("WORLD_SIZE", "1")) <= 1 or dist.is_initialized():
        yield
        return
    if torch.cuda.is_available():
        torch.cuda.set_device(int(os.environ.get("LOCAL_RANK", "0")))
        dist.init_process_group("nccl")
    else:
        dist.init_process_group("gloo")
    try:
        yield
    finally:
        dist.destroy_process_group()


def barrier() -> None:
    """Wait for every rank (no-op in a single process)."""
    import torch.distributed as dist

    if dist.is_available() and dist.is_initialized():
        dist.barrier()


def data_parallel(model: Any) -> Any:
    """`model` wrapped in DDP when a process group is up, else `model` itself.

    A multi-head model trains one head per step: the other heads get no gradient that step,
    which DDP must be told (find_unused_parameters) or it waits for them forever.
    """
    import torch
    import torch.distributed as dist

    if not (dist.is_available() and dist.is_initialized()) or dist.get_world_size() == 1:
        return model
    device = next(model.parameters()).device
    ids = [device.index] if device.type == "cuda" else None
    return torch.nn.parallel.DistributedDataParallel(
        model, device_ids=ids, find_unused_parameters=len(model.heads) > 1)
