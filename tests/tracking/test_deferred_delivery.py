"""`tracking.deliver: at_end`: a stage writes its run to the local spool only (no MLflow import,
no store opened, no warning), and `xstilts sync-runs` delivers it whole afterwards, as the child
of the pipeline's parent run. Real sqlite store."""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

from mlflow import MlflowClient

from xstilts.tracking import stage_run
from xstilts.tracking.journal import pending_journals
from xstilts.tracking.pipeline import PARENT_TAG
from xstilts.tracking.sync import sync_spool

STAGE = """
import sys
from xstilts.tracking import stage_run
with stage_run("target@none-xnli", {"lr": 3e-5}, sys.argv[1], deliver="at_end",
               log_system_metrics=True) as run:
    run.log_metrics({"train/loss": 0.5}, step=1)
print("mlflow imported:", "mlflow" in sys.modules)
"""


def test_a_deferred_stage_never_imports_mlflow_or_opens_the_store(pipeline_root: Path) -> None:
    result = subprocess.run([sys.executable, "-c", STAGE, str(pipeline_root)],
                            capture_output=True, text=True, check=True)
    assert "mlflow imported: False" in result.stdout
    assert not (pipeline_root / "mlflow.db").exists()
    assert "TrackingWarning" not in result.stderr
    assert len(pending_journals(pipeline_root)) == 1


def test_sync_delivers_the_deferred_run_whole_under_the_pipeline_parent(
        sqlite_pipeline_root: Path, monkeypatch) -> None:
    monkeypatch.setenv("XSTILTS_PIPELINE_RUN_ID", "deferred-test")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # deferring is not a failure: no TrackingWarning
        with stage_run("score@none", {"seed": 1}, sqlite_pipeline_root, deliver="at_end",
                       log_system_metrics=False) as run:
            for step in range(3):
                run.log_metrics({"train/loss": 1.0 / (step + 1)}, step=step)
            run.log_metrics({"test/xnli": 55.0})
    assert run.spooled and run.run_id is None
    results = sync_spool(sqlite_pipeline_root)
    [mine] = [r for r in results if r.outcome == "synced" and r.run_id]
    client = MlflowClient(f"sqlite:///{sqlite_pipeline_root / 'mlflow.db'}")
    delivered = client.get_run(mine.run_id)
    assert delivered.info.status == "FINISHED" and delivered.info.run_name == "score@none"
    assert delivered.data.params["seed"] == "1"
    assert delivered.data.metrics["test/xnli"] == 55.0
    history = client.get_metric_history(mine.run_id, "train/loss")
    assert [m.step for m in history] == [0, 1, 2]
    parent = client.get_run(delivered.data.tags[PARENT_TAG])
    assert parent.info.run_name.startswith("pipeline ")
    assert not pending_journals(sqlite_pipeline_root)
