"""Done criterion (d): the multi-task sampler is seeded, reshuffles per epoch, streams, and
follows the proportional / temperature / uniform weights (jiant's sampler did none of these)."""

from __future__ import annotations

import numpy as np
import pytest

from xstilts.training.sampler import (
    BatchStream,
    MultiTaskSampler,
    length_grouped_batches,
    plan_epoch,
    sampling_weights,
)

SIZES = [1000, 250, 50]


def make_sampler(seed: int, sizes=SIZES, steps=200, method="proportional", rank=0, world=1):
    rng = np.random.default_rng(123)
    streams = [
        BatchStream(rng.integers(5, 60, size=n), 8, seed, i, rank, world)
        for i, n in enumerate(sizes)
    ]
    return MultiTaskSampler(streams, sampling_weights(sizes, method), steps, seed)


def draw(sampler: MultiTaskSampler, n: int) -> list[tuple[int, tuple[int, ...]]]:
    out = []
    for _ in range(n):
        task, rows = sampler.next()
        out.append((task, tuple(rows.tolist())))
    return out


def test_equal_seeds_give_identical_sequences():
    assert draw(make_sampler(7), 300) == draw(make_sampler(7), 300)


def test_different_seeds_give_different_sequences():
    assert draw(make_sampler(7), 300) != draw(make_sampler(8), 300)


def test_each_epoch_draws_a_new_task_order():
    sampler = make_sampler(7)
    assert not np.array_equal(sampler.task_order(0), sampler.task_order(1))


def test_each_pass_over_a_task_is_reshuffled():
    stream = BatchStream(np.arange(64), 8, seed=3, task_index=0)
    first = [tuple(b) for b in stream.batches_of_pass(0)]
    second = [tuple(b) for b in stream.batches_of_pass(1)]
    assert first != second
    assert sorted(np.concatenate(first)) == sorted(np.concatenate(second)) == list(range(64))


@pytest.mark.parametrize(
    ("method", "temperature", "expected"),
    [
        ("proportional", 1.0, [1000 / 1300, 250 / 1300, 50 / 1300]),
        ("temperature", 2.0, np.sqrt(SIZES) / np.sqrt(SIZES).sum()),
        ("uniform", 1.0, [1 / 3, 1 / 3, 1 / 3]),
    ],
)
def test_task_frequencies_follow_the_sampling_weights(method, temperature, expected):
    weights = sampling_weights(SIZES, method, temperature)
    np.testing.assert_allclose(weights, expected)
    streams = [BatchStream(np.ones(n, dtype=int), 8, 0, i) for i, n in enumerate(SIZES)]
    order = MultiTaskSampler(streams, weights, 20_000, seed=0).task_order(0)
    frequencies = np.bincount(order, minlength=3) / len(order)
    np.testing.assert_allclose(frequencies, expected, atol=0.015)


def test_size_cap_limits_a_tasks_weight_and_epoch_share():
    weights, steps = plan_epoch(SIZES, 10, "proportional", 1.0, size_cap=100)
    np.testing.assert_allclose(weights, [100 / 250, 100 / 250, 50 / 250])
    assert steps == 10 + 10 + 5


def test_mlm_co_training_takes_its_ratio_of_micro_batches():
    weights, steps = plan_epoch(
        [100, 100], 10, "proportional", 1.0, None, mlm_size=500, mlm_ratio=0.2
    )
    np.testing.assert_allclose(weights, [0.4, 0.4, 0.2])
    assert steps == 25  # 20 task batches are 80% of the epoch


def test_length_grouping_keeps_similar_lengths_together_and_covers_every_row():
    lengths = np.random.default_rng(0).integers(5, 500, size=4000)
    batches = length_grouped_batches(lengths, 16, np.random.default_rng(1))
    assert sorted(np.concatenate(batches).tolist()) == list(range(4000))
    spread = np.mean([np.ptp(lengths[b]) for b in batches])
    random_spread = np.mean([np.ptp(lengths[b]) for b in np.array_split(np.arange(4000), 250)])
    assert spread < random_spread / 5


def test_ranks_read_disjoint_batches_of_the_same_pass():
    lengths = np.random.default_rng(0).integers(5, 50, size=96)
    ranks = [BatchStream(lengths, 8, 0, 0, rank=r, world=3).batches_of_pass(0) for r in range(3)]
    rows = np.concatenate([b for batches in ranks for b in batches])
    assert sorted(rows.tolist()) == list(range(96))


def test_restored_state_continues_the_same_sequence():
    reference = make_sampler(5)
    draw(reference, 137)
    state = reference.state_dict()
    resumed = make_sampler(5)
    resumed.load_state_dict(state)
    assert draw(resumed, 300) == draw(reference, 300)
