"""Our training step, timed: `xstilts.training.loop.train` with its sampler, collation, AdamW,
clipping and schedule, exactly as the stages call it (only logging every step, for the clock).

Imports nothing beyond torch, transformers and xstilts.training (no datasets/dvc/mlflow), so it
runs on the GPU machine as it is; where `datasets` is installed the features are an Arrow
`datasets.Dataset`, as in the pipeline, else the loop's in-memory `ColumnFeatures`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import torch

from bench.timing import StepClock
from bench.workloads import Case, hf_config, train_flops

# Heads per kind, named like the registry's.
_HEADS = {
    "classification": "mnli",
    "multiple_choice": "hellaswag",
    "tagging": "udpos",
    "span_extraction": "squad",
}


class _Stop(Exception):
    """Raised from the metrics hook after the last timed step: the final state save is disk I/O
    (gigabytes at XLM-R Large), not part of a training step."""


class _ShapeRecorder:
    """Wraps what the loop calls as the model; keeps each micro-batch's padded shape and mask."""

    def __init__(self, forward: Any) -> None:
        self.forward = forward
        self.shapes: list[tuple[int, ...]] = []
        self.masks: list[torch.Tensor] = []

    def __call__(self, head: str, **batch: torch.Tensor) -> Any:
        self.shapes.append(tuple(batch["input_ids"].shape))
        self.masks.append(batch["attention_mask"])
        return self.forward(head, **batch)


def task_features(columns: dict[str, list]) -> tuple[Any, str]:
    """The pipeline's Arrow dataset when `datasets` is installed, else ColumnFeatures."""
    try:
        from datasets import Dataset
    except ImportError:
        from xstilts.training.data import ColumnFeatures

        return ColumnFeatures(columns), "ColumnFeatures (no datasets installed)"
    return Dataset.from_dict(columns), "datasets.Dataset (Arrow)"


def run_ours(
    case: Case,
    shape: dict[str, Any],
    columns: dict[str, list],
    device: str,
    precision: str,
    warmup: int,
    steps: int,
    **knobs: Any,
) -> dict[str, Any]:
    """Time `steps` optimizer steps after `warmup`; `knobs` are TrainConfig overrides."""
    from transformers import XLMRobertaModel

    from xstilts.modeling.heads import HeadSpec
    from xstilts.modeling.model import XstiltsModel
    from xstilts.training.collate import TokenIds
    from xstilts.training.config import TrainConfig
    from xstilts.training.data import TaskData
    from xstilts.training.graphs import build_forward
    from xstilts.training.loop import train

    config = hf_config(shape)
    torch.manual_seed(0)
    with torch.device(device):
        encoder = XLMRobertaModel(config, add_pooling_layer=False)
    head = HeadSpec(_HEADS[case.kind], case.kind, case.labels)
    model = XstiltsModel(encoder, [head])
    tokens = TokenIds(pad_id=1, mask_id=config.vocab_size - 1, vocab_size=config.vocab_size,
                      special_ids=(0, 1, 2, 3))
    feats, storage = task_features(columns)
    total = warmup + steps + 1
    train_config = TrainConfig(
        lr=1e-5, batch_size=case.batch, max_steps=total, eval_every=0, save_every=0,
        log_every=1, device=device, precision=precision, **knobs,
    )
    recorder = _ShapeRecorder(build_forward(model, train_config))
    clock = StepClock(device)

    def on_step(step: int, metrics: dict[str, float]) -> None:
        clock.stamp()  # the hook reads grad_norm: the step's GPU work is done
        if step == total:
            raise _Stop

    with tempfile.TemporaryDirectory() as tmp:
        try:
            train(model, [TaskData(case.name, head, feats)], train_config, Path(tmp) / "run",
                  tokens, metrics_callback=on_step, forward=recorder)
        except _Stop:
            pass
    timed = clock.summary(warmup, case.batch)
    # Micro-batches of the timed steps (one per step: grad_accum 1, no OOM back-off here).
    shapes = recorder.shapes[warmup + 1 : warmup + 1 + timed["steps_timed"]]
    masks = recorder.masks[warmup + 1 : warmup + 1 + timed["steps_timed"]]
    rows = [m.reshape(-1, m.shape[-1]) for m in masks]
    real = [int(t) for r in rows for t in r.sum(-1).tolist()]
    padded = sum(r.numel() for r in rows)
    out = {
        **timed,
        "features": storage,
        "knobs": knobs,
        "padded_lengths": sorted({s[-1] for s in shapes}),
        "mean_padded_length": round(padded / max(len(real), 1), 1),
        "padding_share": round(1 - sum(real) / max(padded, 1), 3),
        "model_flops_per_s": train_flops(shape, real) / timed["seconds"],
    }
    out.update(clock.memory())
    del model, encoder, recorder
    clock.release()
    return out
