"""The training loop of every phase (MLM pretraining, intermediate, target), top to bottom.

Per optimizer step: draw `grad_accum` micro-batches from the seeded sampler, forward/backward
(with the CUDA OOM back-off), clip, AdamW step, schedule step; then log, evaluate on dev (early
stopping) and save resumable state. Everything random is seeded from the config (data order and
MLM masks from (seed, position), dropout from torch's RNG saved in each state), so a run killed at
any point and resumed ends bitwise equal to an uninterrupted one on the same CPU.

On CUDA (config: length_buckets, sdpa_backend, cuda_graphs): micro-batches are padded to a few
bucket lengths, attention never uses cuDNN's per-length plans, and forward+backward may be
replayed as CUDA graphs (graphs.py). Backend switches are scoped to the step, never set at import.

torch.distributed (torchrun, distributed.py): each rank takes its share of every batch's rows,
dropout seeds are offset by rank, the model is wrapped in DDP (gradients averaged, so the global
batch is one process's), and only rank 0 logs and writes.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch

from xstilts.modeling.model import XstiltsModel
from xstilts.training import state as run_state
from xstilts.training import step as step_lib
from xstilts.training.collate import TokenIds, collate, mask_tokens
from xstilts.training.config import TrainConfig
from xstilts.training.data import TaskData, feature_lengths, fetch_rows
from xstilts.training.device import Rank, attention_backends, pick_device
from xstilts.training.distributed import data_parallel
from xstilts.training.early_stopping import EarlyStopping
from xstilts.training.graphs import build_forward
from xstilts.training.optim import build_optimizer, linear_schedule
from xstilts.training.progress import Progress
from xstilts.training.sampler import BatchStream, MultiTaskSampler, plan_epoch

Evaluate = Callable[[XstiltsModel], float]
MetricsCallback = Callable[[int, dict[str, float]], None]
_MASK_STREAM = 2  # SeedSequence purpose tag (the sampler uses 0 and 1)


@dataclass
class TrainResult:
    steps: int
    total_steps: int
    train_loss: float  # mean over all optimizer steps
    best_score: float | None
    best_step: int | None
    stopped_early: bool
    micro_batch_size: int
    grad_accum: int
    examples: int
    evals: list[list[float]] = field(default_factory=list)
    resumed_from: int | None = None  # not part of metrics(): it differs for a resumed run

    def metrics(self) -> dict[str, Any]:
        out = asdict(self)
        out.pop("resumed_from")
        return out


def train(
    model: XstiltsModel,
    tasks: Sequence[TaskData],
    config: TrainConfig,
    run_dir: Path,
    tokens: TokenIds,
    *,
    mlm: TaskData | None = None,
    evaluate: Evaluate | None = None,
    metrics_callback: MetricsCallback | None = None,
    rank: Rank | None = None,
    forward: Callable[..., Any] | None = None,
) -> TrainResult:
    """Train `model` on `tasks` (+ MLM co-training on `mlm` when `config.mlm_ratio` > 0).

    Resumes from the newest complete state under `run_dir/state/`. With `evaluate`, the best dev
    score's weights are reloaded at the end. Returns the run's summary.
    """
    rank = rank or Rank.current()
    run_dir = Path(run_dir)
    if (mlm is not None) != (config.mlm_ratio > 0):
        raise ValueError("MLM co-training needs both an `mlm` corpus and mlm_ratio > 0")
    all_tasks = [*tasks, *([mlm] if mlm is not None else [])]
    for task in all_tasks:
        task.check_columns()
        if task.head.name not in model.heads:
            raise ValueError(f"task {task.name!r} needs head {task.head.name!r}; model has none")

    device = pick_device(config.device)
    model.to(device)
    model.train()
    if config.freeze_word_embeddings:  # before DDP, which registers what takes gradients
        model.freeze_word_embeddings()
    if forward is None:
        forward = build_forward(model, config) if rank.world == 1 else data_parallel(model)
    # GPU: a few padded lengths instead of one per batch (CPU default: each batch's own length).
    bucket_pad_id = tokens.pad_id if config.buckets_on(device.type) else None

    # Data: one endless length-grouped stream per task, interleaved by a seeded schedule.
    features = [task.features.with_format(None) for task in all_tasks]
    sampler = _build_sampler(tasks, mlm, config, rank)
    epoch_steps = sampler.steps_per_epoch / config.grad_accum
    total_steps = config.max_steps or math.ceil(config.epochs * epoch_steps)

    optimizer = build_optimizer(model, config.lr, config.weight_decay)
    scheduler = linear_schedule(optimizer, round(config.warmup_ratio * total_steps), total_steps)
    stopper = EarlyStopping(config.patience)
    backoff = step_lib.OomBackOff(config.batch_size, config.grad_accum)
    torch.manual_seed(config.seed + rank.rank)  # dropout; restored from the state on resume
    step, examples, loss_sum, window = 0, 0, 0.0, [0.0, 0]

    resumed = run_state.latest_state(run_dir)
    if resumed is not None:
        saved = run_state.load_state(resumed, model, optimizer, scheduler)
        _check_same_run(saved["run"], _run_identity(config, all_tasks), resumed)
        step, examples, loss_sum, window = (
            saved["step"],
            saved["examples"],
            saved["loss_sum"],
            saved["window"],
        )
        sampler.load_state_dict(saved["sampler"])
        stopper.load_state_dict(saved["early_stopping"])
        backoff.parts = saved["parts"]

    progress = Progress(total_steps, step, config.log_every, enabled=rank.is_main)
    if resumed is not None:
        progress.message(f"resumed from {resumed} (step {step}/{total_steps})")
    while step < total_steps and not stopper.should_stop:
        # 1. The step's micro-batches, collated on CPU; MLM masks seeded by position.
        micro_batches = []
        for _ in range(config.grad_accum):
            position = sampler.micro_batches_done
            task_index, rows = sampler.next()
            task = all_tasks[task_index]
            batch = collate(task.kind, fetch_rows(features[task_index], rows), tokens)
            if task.kind == "mlm":
                generator = _mask_generator(config.seed, rank.rank, position)
                batch = mask_tokens(batch, tokens, config.mlm_probability, generator)
            micro_batches.append(step_lib.MicroBatch(task.head.name, task.kind, batch))

        # 2. Forward/backward; on CUDA OOM retry the same data in smaller parts.
        while True:
            try:
                with attention_backends(device, config.sdpa_backend):
                    loss = step_lib.accumulate(
                        forward,
                        micro_batches,
                        backoff.parts,
                        device,
                        config.precision,
                        bucket_pad_id=bucket_pad_id,
                    )
                break
            except torch.cuda.OutOfMemoryError:
                if not backoff.can_back_off:
                    raise
                optimizer.zero_grad(set_to_none=True)
            backoff.back_off(step)

        # 3. Update.
        # foreach: one call over all gradients; the same norm and scaling as the per-tensor loop.
        grad_norm = torch.nn.utils.clip_grad_norm_(
            model.parameters(), config.max_grad_norm, foreach=True
        )
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad(set_to_none=True)
        step += 1
        step_examples = sum(m.size for m in micro_batches)
        examples += step_examples
        loss_sum += loss
        window = [window[0] + loss, window[1] + 1]

        # 4. Log.
        rate = progress.update(step, loss, step_examples)
        if step % config.log_every == 0 or step == total_steps:
            if metrics_callback is not None and rank.is_main:
                metrics_callback(
                    step,
                    {
                        "train_loss": window[0] / window[1],
                        "lr": scheduler.get_last_lr()[0],
                        "grad_norm": float(grad_norm),
                        "examples_per_second": rate,
                    },
                )
            window = [0.0, 0]

        # 5. Evaluate on dev (early stopping).
        if evaluate is not None and (
            (config.eval_every and step % config.eval_every == 0) or step == total_steps
        ):
            score = _evaluate(model, evaluate)
            if stopper.update(step, score) and rank.is_main:
                run_state.save_best(run_dir, model, step, score)
            progress.message(f"step {step}: dev score {score:.4f} (best {stopper.best_score:.4f})")
            if metrics_callback is not None and rank.is_main:
                metrics_callback(step, {"dev_score": score})

        # 6. Save resumable state.
        finished = step == total_steps or stopper.should_stop
        if rank.is_main and ((config.save_every and step % config.save_every == 0) or finished):
            run_state.save_state(
                run_dir,
                step,
                model,
                optimizer,
                scheduler,
                {
                    "step": step,
                    "examples": examples,
                    "loss_sum": loss_sum,
                    "window": window,
                    "sampler": sampler.state_dict(),
                    "early_stopping": stopper.state_dict(),
                    "parts": backoff.parts,
                    "run": _run_identity(config, all_tasks),
                },
            )
    progress.close()

    if stopper.best_step is not None and stopper.best_step != step:
        run_state.load_best(run_dir, model, stopper.best_step)
        progress.message(f"reloaded best weights of step {stopper.best_step}")
    return TrainResult(
        steps=step,
        total_steps=total_steps,
        train_loss=loss_sum / max(step, 1),
        best_score=stopper.best_score,
        best_step=stopper.best_step,
        stopped_early=stopper.should_stop,
        micro_batch_size=backoff.micro_batch_size,
        grad_accum=backoff.accumulation,
        examples=examples,
        evals=stopper.history,
        resumed_from=None if resumed is None else int(resumed.name.split("-")[-1]),
    )


# Knobs that change only what is shown or how often state is written, never the numbers.
_FREE_ON_RESUME = ("log_every", "save_every")


def _run_identity(config: TrainConfig, tasks: Sequence[TaskData]) -> dict[str, Any]:
    settings = {k: v for k, v in config.to_dict().items() if k not in _FREE_ON_RESUME}
    return {"config": settings, "tasks": [[t.name, t.head.name, len(t)] for t in tasks]}


def _check_same_run(saved: dict[str, Any], current: dict[str, Any], path: Path) -> None:
    """Resuming another run's state would silently mix two experiments: refuse, naming why."""
    current = json.loads(json.dumps(current))  # tuples → lists, as stored
    if saved == current:
        return
    changed = sorted(k for k in current["config"] if saved["config"].get(k) != current["config"][k])
    if saved["tasks"] != current["tasks"]:
        changed.append(f"tasks {saved['tasks']} → {current['tasks']}")
    raise ValueError(
        f"training state {path} belongs to a different run (changed: {changed}); "
        f"delete {path.parent} to start this run from scratch"
    )


def _build_sampler(
    tasks: Sequence[TaskData], mlm: TaskData | None, config: TrainConfig, rank: Rank
) -> MultiTaskSampler:
    weights, steps_per_epoch = plan_epoch(
        [len(t) for t in tasks],
        config.batch_size,
        config.sampling,
        config.temperature,
        config.size_cap,
        mlm_size=len(mlm) if mlm else None,
        mlm_ratio=config.mlm_ratio,
    )
    streams = [
        BatchStream(
            feature_lengths(task.features),
            config.batch_size,
            config.seed,
            task_index=i,
            rank=rank.rank,
            world=rank.world,
            grouped=config.length_grouped,
        )
        for i, task in enumerate([*tasks, *([mlm] if mlm else [])])
    ]
    return MultiTaskSampler(streams, weights, steps_per_epoch, config.seed)


def _evaluate(model: XstiltsModel, evaluate: Evaluate) -> float:
    model.eval()
    try:
        with torch.no_grad():
            return float(evaluate(model))
    finally:
        model.train()


def _mask_generator(seed: int, rank: int, position: int) -> torch.Generator:
    entropy = np.random.SeedSequence([seed, _MASK_STREAM, rank, position]).generate_state(1)[0]
    return torch.Generator().manual_seed(int(entropy))
