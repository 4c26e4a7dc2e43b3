"""What may run side by side: the grid's stages in waves of disjoint DVC stages, each worker
bound to a GPU, each job one `dvc repro` that waits for DVC's lock and is requeued when
preempted. (The runs themselves: tests/integration/test_grid_workers.py.)"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from xstilts.scaleout.local import worker_slots
from xstilts.scaleout.submit import StageJob
from xstilts.scaleout.waves import plan_waves

STAGES = ["fetch@mnli", "pretrain", "prepare@mnli", "gold@pawsx", "intermediate@none",
          "intermediate@mnli", "target@none-pawsx", "target@mnli-pawsx", "retrieval@none",
          "retrieval@mnli", "score@none", "score@mnli", "texts", "report"]


def test_the_pipeline_runs_in_dependency_layers():
    waves = plan_waves(STAGES)
    assert [(w.name, w.parallel) for w in waves] == [
        ("fetch", True), ("pretrain+gold+texts", True), ("prepare", True),
        ("intermediate", True), ("target+retrieval", True), ("score", True)]
    assert waves[1].stages == ("pretrain", "gold@pawsx", "texts")
    assert waves[4].stages == ("target@none-pawsx", "target@mnli-pawsx", "retrieval@none",
                               "retrieval@mnli")


def test_a_stage_of_a_kind_no_wave_names_runs_first_in_one_serial_repro():
    waves = plan_waves(["custom@x", *STAGES])
    assert (waves[0].name, waves[0].stages, waves[0].parallel) == ("setup", ("custom@x",), False)
    assert waves[0].commands() == [[*waves[0].commands()[0][:3], "custom@x"]]


def test_the_report_is_left_to_the_closing_repro():
    planned = {stage for wave in plan_waves(STAGES) for stage in wave.stages}
    assert planned == set(STAGES) - {"report"}


def test_each_stage_of_a_parallel_wave_is_its_own_single_item_repro():
    commands = plan_waves(STAGES)[3].commands()
    assert [c[-2:] for c in commands] == [["--single-item", "intermediate@none"],
                                          ["--single-item", "intermediate@mnli"]]


def test_every_repro_waits_for_dvcs_repository_lock_instead_of_failing():
    for wave in plan_waves(STAGES):
        for command in wave.commands():
            assert command[1:3] == ["--wait-for-lock", "repro"]


def test_workers_are_spread_over_the_gpus_per_gpu_times_each():
    assert worker_slots(None, ["0", "1"], 2) == ["0", "1", "0", "1"]
    assert worker_slots(3, ["0", "1"], 2) == ["0", "1", "0"]


def test_without_gpus_workers_leave_cuda_visible_devices_alone():
    assert worker_slots(2, [], 1) == [None, None]


def test_zero_workers_per_gpu_is_refused():
    with pytest.raises(ValueError, match="--per-gpu"):
        worker_slots(None, ["0"], 0)


def test_a_preempted_job_is_requeued_with_the_same_stage(tmp_path: Path):
    job = StageJob(tmp_path, ["dvc", "repro", "--single-item", "target@none-pawsx"])
    again = pickle.loads(pickle.dumps(job.checkpoint()))  # submitit pickles the resubmission
    assert again.function.command == job.command and again.function.root == job.root
