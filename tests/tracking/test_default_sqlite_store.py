"""With no MLFLOW_TRACKING_URI, runs go to sqlite:///<pipeline root>/mlflow.db: no server.

One small pipeline (two stages, the second failing) is run once for the module in the shared
sqlite root; each test checks one rule on it."""

import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from mlflow import MlflowClient

from xstilts.tracking import params_hash, stage_run

PARAMS = {"training": {"lr": 1e-5, "batch_size": 16}, "seed": 1}


@pytest.fixture(scope="module")
def pipeline(sqlite_pipeline_root, fake_pynvml):
    root = sqlite_pipeline_root
    with pytest.MonkeyPatch.context() as env:
        env.delenv("MLFLOW_TRACKING_URI", raising=False)
        env.delenv("XSTILTS_PIPELINE_RUN_ID", raising=False)
        env.setitem(sys.modules, "pynvml", fake_pynvml(gpu=False))  # a machine without GPU
        scores = root / "scores.json"
        scores.write_text('{"xnli": 71.0}\n')
        with stage_run("intermediate@xnli", PARAMS, root) as intermediate:
            for step, loss in enumerate([2.0, 1.5, 1.2]):
                intermediate.log_metrics({"train/loss": loss}, step=step)
            intermediate.log_metrics({"dev/accuracy": 0.71})
            intermediate.log_artifact(scores, artifact_path="scores")
        with pytest.raises(ValueError, match="diverged"):
            with stage_run("target@xnli-pawsx", {"seed": 1}, root) as target:
                raise ValueError("loss diverged")
    client = MlflowClient(f"sqlite:///{root / 'mlflow.db'}")
    return SimpleNamespace(
        root=root,
        client=client,
        journals=[intermediate.journal_path, target.journal_path],
        intermediate=client.get_run(intermediate.run_id),
        target=client.get_run(target.run_id),
    )


def test_with_no_server_runs_land_in_the_sqlite_file_in_the_pipeline_root(pipeline):
    assert (pipeline.root / "mlflow.db").is_file()
    assert pipeline.intermediate.info.status == "FINISHED"


def test_each_stage_is_a_child_of_one_pipeline_parent_run(pipeline):
    parent_id = pipeline.intermediate.data.tags["mlflow.parentRunId"]
    assert pipeline.target.data.tags["mlflow.parentRunId"] == parent_id
    parent = pipeline.client.get_run(parent_id)
    assert parent.data.tags["xstilts.role"] == "pipeline"
    assert pipeline.intermediate.info.run_name == "intermediate@xnli"


def test_resolved_params_are_logged_flat_and_whole_as_params_json(pipeline):
    run = pipeline.intermediate
    assert run.data.params == {"training.lr": "1e-05", "training.batch_size": "16", "seed": "1"}
    local = pipeline.client.download_artifacts(run.info.run_id, "params.json")
    assert json.loads(Path(local).read_text()) == PARAMS


def test_per_step_and_final_metrics_are_logged(pipeline):
    run_id = pipeline.intermediate.info.run_id
    history = pipeline.client.get_metric_history(run_id, "train/loss")
    assert sorted((m.step, m.value) for m in history) == [(0, 2.0), (1, 1.5), (2, 1.2)]
    assert pipeline.intermediate.data.metrics["dev/accuracy"] == 0.71


def test_artifacts_are_logged_under_their_artifact_path(pipeline):
    run_id = pipeline.intermediate.info.run_id
    local = pipeline.client.download_artifacts(run_id, "scores/scores.json")
    assert Path(local).read_text() == '{"xnli": 71.0}\n'


def test_run_is_tagged_with_stage_commit_dirty_flag_params_hash_and_versions(pipeline):
    tags = pipeline.intermediate.data.tags
    assert tags["dvc.stage"] == "intermediate@xnli"
    assert len(tags["git.commit"]) == 40
    assert tags["git.dirty"] == "false"
    assert tags["xstilts.params_hash"] == params_hash(PARAMS)
    assert "version.torch" in tags and "version.mlflow" in tags


def test_system_metrics_are_logged(pipeline):
    assert "system/cpu_utilization_percentage" in pipeline.intermediate.data.metrics
    assert "system/system_memory_usage_megabytes" in pipeline.intermediate.data.metrics


def test_without_a_gpu_a_run_has_no_gpu_fields(pipeline):
    run = pipeline.intermediate
    assert not [k for k in run.data.tags if k.startswith("gpu.")]
    assert not [k for k in run.data.metrics if k.startswith("gpu.") or "/gpu_" in k]


def test_a_failing_stage_raises_its_own_error_and_its_run_is_marked_failed(pipeline):
    # (pytest.raises in the fixture checked that the ValueError reached the caller.)
    assert pipeline.target.info.status == "FAILED"


def test_a_run_that_reached_the_store_leaves_nothing_in_the_spool(pipeline):
    assert all(path is not None and not path.exists() for path in pipeline.journals)


def test_a_new_pipeline_run_id_starts_a_new_parent(pipeline, monkeypatch):
    monkeypatch.setenv("XSTILTS_PIPELINE_RUN_ID", "rerun-2")
    with stage_run("intermediate@xnli", PARAMS, pipeline.root, log_system_metrics=False) as run:
        pass
    assert run.parent_run_id != pipeline.intermediate.data.tags["mlflow.parentRunId"]
    parent = pipeline.client.get_run(run.parent_run_id)
    assert parent.data.tags["xstilts.pipeline_run_id"] == "rerun-2"


def test_simulated_gpu_run_records_gpu_name_versions_peak_memory_and_energy(
    pipeline, monkeypatch, fake_pynvml
):
    # SIMULATED GPU (fake pynvml): checks the wiring from NVML to run tags and metrics.
    nvml = fake_pynvml(memory_used_mib=[2048, 4096], energy_mj=[5_000_000, 5_600_000])
    monkeypatch.setitem(sys.modules, "pynvml", nvml)
    with stage_run("target@xnli-xnli", {}, pipeline.root, log_system_metrics=False) as run:
        pass
    logged = pipeline.client.get_run(run.run_id).data
    assert logged.tags["gpu.name"] == "NVIDIA H100 80GB HBM3"
    assert logged.tags["gpu.driver_version"] == "550.54.15"
    assert logged.tags["gpu.cuda_version"] == "12.4"
    assert logged.metrics["gpu.peak_memory_mib"] == 4096
    assert logged.metrics["gpu.energy_joules"] == pytest.approx(600.0)
