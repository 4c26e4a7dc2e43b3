"""Which batch comes next: length-grouped batches per task and a seeded multi-task schedule.

jiant's multi-task sampler was unseeded, repeated the first epoch's order in every later epoch and
kept all batches in memory. Here every order is a pure function of (seed, epoch or pass): nothing
but a few counters is state, so resuming means restoring those counters. Batches are index arrays;
rows are read from the dataset only when a batch is used.

Seeds are `numpy` SeedSequences keyed by purpose, so the schedule, each task's passes and the MLM
masks never share a stream. All ranks draw the same task order (every rank trains the same head
each step, as DDP needs) and the same batches; each rank takes every `world`-th row of each batch,
so the global batch (and the number of steps) is that of one process.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

_ORDER, _PASS = 0, 1
GROUP_BATCHES = 50  # batches per length-sorted group, as in HF's group_by_length


def sampling_weights(
    sizes: Sequence[int], method: str, temperature: float = 1.0, size_cap: int | None = None
) -> np.ndarray:
    """P(task) ∝ capped size (proportional), capped size^(1/T) (temperature), or 1 (uniform)."""
    capped = np.array([min(n, size_cap) if size_cap else n for n in sizes], dtype=np.float64)
    if method == "proportional":
        raw = capped
    elif method == "temperature":
        raw = capped ** (1.0 / temperature)
    elif method == "uniform":
        raw = np.ones_like(capped)
    else:
        raise ValueError(f"sampling must be proportional, temperature or uniform, got {method!r}")
    return raw / raw.sum()


def length_grouped_batches(
    lengths: np.ndarray, batch_size: int, rng: np.random.Generator, grouped: bool = True
) -> list[np.ndarray]:
    """One pass: a random permutation cut into batches; with `grouped`, rows inside each group of
    GROUP_BATCHES batches are sorted by length first (little padding, still random), and the
    batch order is shuffled so long batches do not come in runs."""
    order = rng.permutation(len(lengths))
    if not grouped:
        return [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
    group = batch_size * GROUP_BATCHES
    batches = []
    for start in range(0, len(order), group):
        chunk = order[start : start + group]
        chunk = chunk[np.argsort(-lengths[chunk], kind="stable")]
        batches.extend(chunk[i : i + batch_size] for i in range(0, len(chunk), batch_size))
    return [batches[i] for i in rng.permutation(len(batches))]


class BatchStream:
    """Endless batches of one task; pass p is a fresh permutation seeded by (seed, task, p)."""

    def __init__(
        self,
        lengths: np.ndarray,
        batch_size: int,
        seed: int,
        task_index: int,
        rank: int = 0,
        world: int = 1,
        grouped: bool = True,
    ) -> None:
        self.lengths = lengths
        self.batch_size = batch_size
        self.seed, self.task_index = seed, task_index
        self.rank, self.world = rank, world
        self.grouped = grouped
        self.pass_index, self.position = 0, 0
        self._cached: tuple[int, list[np.ndarray]] | None = None

    def batches_of_pass(self, pass_index: int) -> list[np.ndarray]:
        if self._cached is None or self._cached[0] != pass_index:
            rng = np.random.default_rng([self.seed, _PASS, self.task_index, pass_index])
            every = length_grouped_batches(self.lengths, self.batch_size, rng, self.grouped)
            if self.world == 1:
                self._cached = (pass_index, every)
            else:
                # A batch with fewer rows than ranks gives its last row to the ranks it cannot
                # feed: DDP needs every rank to take the step.
                self._cached = (pass_index, [b[self.rank :: self.world] if len(b) > self.rank
                                             else b[-1:] for b in every])
        return self._cached[1]

    def next(self) -> np.ndarray:
        batches = self.batches_of_pass(self.pass_index)
        if self.position >= len(batches):
            self.pass_index, self.position = self.pass_index + 1, 0
            batches = self.batches_of_pass(self.pass_index)
        batch = batches[self.position]
        self.position += 1
        return batch

    def state_dict(self) -> dict[str, int]:
        return {"pass": self.pass_index, "position": self.position}

    def load_state_dict(self, state: dict[str, int]) -> None:
        self.pass_index, self.position = int(state["pass"]), int(state["position"])


class MultiTaskSampler:
    """Yields (task index, row indices) micro-batches.

    Each epoch draws `steps_per_epoch` task indices i.i.d. from `weights` with a generator seeded
    by (seed, epoch): the same seed gives the same sequence, a new epoch a new one.
    """

    def __init__(
        self,
        streams: Sequence[BatchStream],
        weights: np.ndarray,
        steps_per_epoch: int,
        seed: int,
    ) -> None:
        if len(streams) != len(weights):
            raise ValueError(f"{len(streams)} streams but {len(weights)} weights")
        self.streams = list(streams)
        self.weights = np.asarray(weights, dtype=np.float64)
        self.steps_per_epoch = steps_per_epoch
        self.seed = seed
        self.epoch, self.position = 0, 0
        self._order: tuple[int, np.ndarray] | None = None

    def task_order(self, epoch: int) -> np.ndarray:
        if self._order is None or self._order[0] != epoch:
            rng = np.random.default_rng([self.seed, _ORDER, epoch])
            order = rng.choice(len(self.streams), size=self.steps_per_epoch, p=self.weights)
            self._order = (epoch, order)
        return self._order[1]

    @property
    def micro_batches_done(self) -> int:
        return self.epoch * self.steps_per_epoch + self.position

    def next(self) -> tuple[int, np.ndarray]:
        if self.position >= self.steps_per_epoch:
            self.epoch, self.position = self.epoch + 1, 0
        task = int(self.task_order(self.epoch)[self.position])
        self.position += 1
        return task, self.streams[task].next()

    def state_dict(self) -> dict[str, Any]:
        return {
            "epoch": self.epoch,
            "position": self.position,
            "streams": [s.state_dict() for s in self.streams],
        }

    def load_state_dict(self, state: dict[str, Any]) -> None:
        self.epoch, self.position = int(state["epoch"]), int(state["position"])
        for stream, sub in zip(self.streams, state["streams"], strict=True):
            stream.load_state_dict(sub)


def plan_epoch(
    sizes: Sequence[int],
    batch_size: int,
    sampling: str,
    temperature: float,
    size_cap: int | None,
    mlm_size: int | None = None,
    mlm_ratio: float = 0.0,
) -> tuple[np.ndarray, int]:
    """(weights, micro-batches per epoch) for the tasks, plus an MLM stream last; with
    several ranks each micro-batch is split between them, so the count is the same.

    An epoch is one pass over every task's (capped) data; MLM co-training batches come on top,
    as `mlm_ratio` of all micro-batches.
    """
    capped = [min(n, size_cap) if size_cap else n for n in sizes]
    steps = sum(math.ceil(n / batch_size) for n in capped)
    steps = max(1, steps)
    weights = sampling_weights(sizes, sampling, temperature, size_cap)
    if mlm_size is None or mlm_ratio == 0:
        return weights, steps
    weights = np.append(weights * (1 - mlm_ratio), mlm_ratio)
    return weights, math.ceil(steps / (1 - mlm_ratio))
