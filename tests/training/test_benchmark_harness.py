"""The training benchmark (bench/) compares like with like: both loops train the same features
of every case, the reference pads them to its fixed length and ours does not; results.json keeps
each device's section when the other is written. Speed itself is the benchmark's business."""

from __future__ import annotations

import pytest
from bench import gpu_hours, results, train_step
from bench.ours import run_ours
from bench.reference import run_reference
from bench.workloads import CASES, features

SHAPE = {"vocab_size": 300, "hidden_size": 32, "num_layers": 2, "num_heads": 2,
         "intermediate_size": 64}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_both_loops_train_the_same_features_of_each_case(case):
    columns = features(case, 48, SHAPE["vocab_size"], seed=1)
    ours = run_ours(case, SHAPE, columns, "cpu", "fp32", 1, 2)
    reference = run_reference(case, SHAPE, columns, "cpu", "fp32", 1, 2)
    assert ours["steps_timed"] == reference["steps_timed"] == 2
    assert reference["padded_lengths"] == [case.pad_to]
    assert max(ours["padded_lengths"]) <= case.pad_to
    assert ours["mean_padded_length"] < reference["mean_padded_length"]


def test_the_gpu_plan_runs_its_cases_and_variants(tmp_path, monkeypatch):
    """The plan `make bench-gpu` runs, driven here on the CPU with a tiny shape."""
    monkeypatch.setattr(train_step, "GPU_STEPS", {k: (1, 2) for k in train_step.GPU_STEPS})
    saved = []
    out = tmp_path / "results.json"

    def save(rows):
        saved.append(rows)
        train_step._save_gpu(out, rows)

    rows = train_step.gpu_plan(
        ["cls-b4"], SHAPE, "cpu", 48, train_step._Budget(120), None,
        (("cls-b4", "buckets only", {"length_buckets": "on"}),), save,
    )
    row = rows["cls-b4"]
    assert {"ms_per_step", "reference_ms_per_step", "reference_fp32_ms_per_step"} <= set(row)
    assert row["variants"]["buckets only"]["steps_timed"] == 2
    assert len(saved) == 2
    data = results.load(out)
    assert "| cls-b4 |" in results.markdown(data)
    assert "cls-b32" in gpu_hours.report(data)  # measured cases only: the rest is named missing


def test_a_device_section_is_written_without_touching_the_other(tmp_path):
    out = tmp_path / "results.json"
    results.update(out, "cpu", {"train_speedup_vs_reference": 2.5, "cases": []})
    results.update(out, "gpu", {"device": "some GPU", "cases": []})
    results.update(out, "cpu", {"cases": [1]})
    data = results.load(out)
    assert data["cpu"] == {"train_speedup_vs_reference": 2.5, "cases": [1]}
    assert data["gpu"]["device"] == "some GPU"


def test_gpu_hours_sum_the_grid_steps_at_the_measured_step_times():
    everything = {case: 40.0 for *_, case in gpu_hours.STAGES}
    total, missing = gpu_hours.gpu_hours(everything)
    steps = sum(runs * steps for _, runs, steps, _ in gpu_hours.STAGES)
    assert missing == []
    assert total == pytest.approx(steps * 40.0 / 3.6e6 + 13 * 0.6)
    assert gpu_hours.gpu_hours({})[1] == sorted(everything)
