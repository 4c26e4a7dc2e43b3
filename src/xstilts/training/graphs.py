"""What the loop calls as the model: eager, `torch.compile`d, or replayed as CUDA graphs.

An XLM-R Large step at batch 4–32 launches ~1,640 kernels; on an H200 the GPU was busy ~22 ms
of an ~80 ms eager step (issue [8]): small batches are bound by the host, not the GPU. CUDA
graphs replay a captured step's kernels in one launch, but only for the shapes they captured,
so `cuda_graphs` goes with length buckets (collate.LENGTH_BUCKETS): one compiled graph per
(head, batch size, bucket length), a few dozen at most for the multi-task run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch

from xstilts.training.config import TrainConfig

# Compiled graphs dynamo keeps per function before falling back to eager (its default is 8):
# 9 heads × ~8 buckets × a full and a last partial batch must all stay compiled.
GRAPH_LIMIT = 256


def build_forward(model: torch.nn.Module, config: TrainConfig) -> Callable[..., Any]:
    """The callable the loop trains through: `model` itself unless compile or cuda_graphs."""
    if config.cuda_graphs:
        return GraphedForward(model)
    if config.compile:
        return torch.compile(model, dynamic=True)
    return model


class GraphedForward:
    """`torch.compile(mode="reduce-overhead", dynamic=False)`: static shapes, CUDA graphs.

    Each call marks a new step for cudagraph trees, so the previous micro-batch's outputs
    (already backpropagated and read) may be overwritten by this replay. The recompile limit is
    raised only around the call: dynamo's settings are process-wide, and other models in the
    process keep theirs. On CPU this is inductor with static shapes and no graphs.
    """

    def __init__(self, model: torch.nn.Module) -> None:
        self.model = model
        self.compiled = torch.compile(model, mode="reduce-overhead", dynamic=False)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        import torch._dynamo.config as dynamo_config

        # Only the limits this torch has (older releases named them cache_size_limit).
        limits = {
            name: value
            for name, value in (
                ("recompile_limit", GRAPH_LIMIT),
                ("accumulated_recompile_limit", 4 * GRAPH_LIMIT),
            )
            if hasattr(dynamo_config, name)
        }
        torch.compiler.cudagraph_mark_step_begin()
        with dynamo_config.patch(limits):
            return self.compiled(*args, **kwargs)
