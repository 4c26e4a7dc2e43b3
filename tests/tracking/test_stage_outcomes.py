"""What a stage command leaves in MLflow: a failed stage is FAILED with its message, an invalid
call leaves nothing, and two stages starting together on a fresh root share one sound database.

Real sqlite stores, real `xstilts` processes for the concurrency case.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from mlflow import MlflowClient

from xstilts.cli import main
from xstilts.tracking.stage import ERROR_TAG

DEMO_PARAMS = Path(__file__).resolve().parents[2] / "demo" / "params.yaml"


@pytest.fixture
def stage_root(tmp_path: Path, make_pipeline_root, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh pipeline root (no mlflow.db yet) holding the demo params, as the cwd."""
    root = make_pipeline_root(tmp_path / "pipeline")
    # Live delivery: these tests read the store while and right after the stages run.
    text = DEMO_PARAMS.read_text().replace("deliver: at_end", "deliver: live")
    (root / "params.yaml").write_text(text)
    monkeypatch.chdir(root)
    monkeypatch.setenv("MLFLOW_ENABLE_SYSTEM_METRICS_LOGGING", "false")
    return root


def _runs(root: Path) -> list:
    client = MlflowClient(f"sqlite:///{root / 'mlflow.db'}")
    experiments = [e.experiment_id for e in client.search_experiments()]
    return client.search_runs(experiments)


def test_a_stage_that_exits_2_is_recorded_failed_with_its_message(
    stage_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # No labels/ folder yet: score-run cannot score and exits 2.
    assert main(["score-run", "--params", "params.yaml", "--run", "none"]) == 2
    assert "labels folder does not exist" in capsys.readouterr().err
    (stage,) = [r for r in _runs(stage_root) if r.info.run_name == "score-run"]
    assert stage.info.status == "FAILED"
    assert "labels folder does not exist" in stage.data.tags[ERROR_TAG]
    parents = [r for r in _runs(stage_root) if r.info.run_name.startswith("pipeline ")]
    assert [p.info.status for p in parents] == ["FAILED"]


def test_an_invalid_call_creates_no_database_runs_or_spool(
    stage_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = set(os.listdir(stage_root))
    assert main(["intermediate", "--params", "params.yaml", "--run", "bogus"]) == 2
    assert main(["target", "--params", "params.yaml", "--run", "none", "--finetune", "x"]) == 2
    assert "not in target.finetunes" in capsys.readouterr().err
    assert set(os.listdir(stage_root)) == before  # no mlflow.db, mlruns/, .mlflow-spool/


def test_two_stages_starting_at_once_on_a_fresh_root_share_one_sound_database(
    stage_root: Path,
) -> None:
    env = {k: v for k, v in os.environ.items() if k != "MLFLOW_TRACKING_URI"}
    command = [sys.executable, "-m", "xstilts.cli", "score-run", "--params", "params.yaml",
               "--run", "none"]
    stages = [subprocess.Popen(command, cwd=stage_root, env={**env, "DVC_STAGE": name},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
              for name in ("score@none", "score@multitask")]
    outputs = [stage.communicate(timeout=300) for stage in stages]
    for stage, (_, err) in zip(stages, outputs, strict=True):
        assert stage.returncode == 2, err  # each fails cleanly (no labels), nothing else
        assert "Traceback" not in err and "already exists" not in err
        assert "TrackingWarning" not in err  # both reached the store, none fell back
    with sqlite3.connect(stage_root / "mlflow.db") as db:
        tables = {name for (name,) in db.execute("select name from sqlite_master")}
        (check,) = db.execute("pragma integrity_check").fetchone()
    assert check == "ok"
    assert not any(t.startswith("_alembic_tmp") for t in tables)
    runs = _runs(stage_root)
    assert sorted(r.info.run_name for r in runs if not r.info.run_name.startswith("pipeline")) \
        == ["score@multitask", "score@none"]
    assert all(r.info.status == "FAILED" for r in runs)
    assert len([r for r in runs if r.info.run_name.startswith("pipeline ")]) == 1
    # and a later stage can still use the store
    assert main(["score-run", "--params", "params.yaml", "--run", "none"]) == 2
    assert len(_runs(stage_root)) == len(runs) + 1
