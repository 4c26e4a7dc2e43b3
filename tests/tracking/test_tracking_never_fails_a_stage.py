"""Tracking must never make training fail: every tracking error becomes a TrackingWarning."""

import mlflow
import pytest

from xstilts.tracking import TrackingWarning, stage_run


def _a_stage_that_logs_everything(run, tmp_path):
    run.log_params({"extra": 1})
    run.log_metrics({"train/loss": 1.0}, step=0)
    run.set_tags({"note": "x"})
    (tmp_path / "scores.json").write_text("{}")
    run.log_artifact(tmp_path / "scores.json")
    run.flush()
    return "trained"


def test_store_errors_mid_run_never_reach_the_stage(sqlite_pipeline_root, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database is locked")

    monkeypatch.setattr(mlflow.MlflowClient, "log_batch", broken)
    with pytest.warns(TrackingWarning, match="database is locked"):
        with stage_run("prepare@xnli", {"a": 1}, sqlite_pipeline_root) as run:
            outcome = _a_stage_that_logs_everything(run, tmp_path)
    assert outcome == "trained"
    assert run.spooled


def test_unreachable_store_at_start_never_reaches_the_stage(
    pipeline_root, tmp_path, dead_server_uri, monkeypatch
):
    monkeypatch.setenv("MLFLOW_TRACKING_URI", dead_server_uri)
    with pytest.warns(TrackingWarning, match=dead_server_uri):
        with stage_run("prepare@xnli", {"a": 1}, pipeline_root) as run:
            outcome = _a_stage_that_logs_everything(run, tmp_path)
    assert outcome == "trained"
    assert run.run_id is None and run.journal_path.is_file()


def test_neither_store_nor_spool_working_never_reaches_the_stage(
    pipeline_root, tmp_path, dead_server_uri, monkeypatch
):
    (pipeline_root / ".mlflow-spool").write_text("a file where the spool folder should be")
    monkeypatch.setenv("MLFLOW_TRACKING_URI", dead_server_uri)
    with pytest.warns(TrackingWarning, match="being lost"):
        with stage_run("prepare@xnli", {"a": 1}, pipeline_root) as run:
            outcome = _a_stage_that_logs_everything(run, tmp_path)
    assert outcome == "trained"


def test_a_bug_inside_tracking_never_reaches_the_stage(sqlite_pipeline_root, tmp_path, monkeypatch):
    def bug(*args, **kwargs):
        raise KeyError("a bug in tracking itself")

    monkeypatch.setattr("xstilts.tracking.stage.environment_tags", bug)
    with pytest.warns(TrackingWarning, match="a bug in tracking itself"):
        with stage_run("prepare@xnli", {"a": 1}, sqlite_pipeline_root) as run:
            outcome = _a_stage_that_logs_everything(run, tmp_path)
    assert outcome == "trained"


def test_metric_values_that_are_not_numbers_are_skipped_with_a_warning(sqlite_pipeline_root):
    root = sqlite_pipeline_root
    with pytest.warns(TrackingWarning, match="not a number"):
        with stage_run("prepare@xnli", {}, root, log_system_metrics=False) as run:
            run.log_metrics({"loss": "n/a", "accuracy": 0.5})
    logged = mlflow.MlflowClient(f"sqlite:///{root / 'mlflow.db'}").get_run(run.run_id)
    assert logged.data.metrics == {"accuracy": 0.5}


def test_a_missing_artifact_is_a_warning(sqlite_pipeline_root, tmp_path):
    root = sqlite_pipeline_root
    with pytest.warns(TrackingWarning, match="does not exist"):
        with stage_run("prepare@xnli", {}, root, log_system_metrics=False) as run:
            run.log_artifact(tmp_path / "never-written.json")
