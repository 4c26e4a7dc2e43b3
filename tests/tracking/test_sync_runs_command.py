"""`xstilts sync-runs` delivers spooled runs, once. Runs are spooled against a server address
where nothing listens; delivery goes to the shared sqlite store (`--tracking-uri`), so no
server is needed here (test_tracking_server.py does the same against a real one)."""

import argparse
import shutil

import pytest
from mlflow import MlflowClient

from xstilts.tools.sync_runs import add_arguments, run
from xstilts.tracking import TrackingWarning, stage_run
from xstilts.tracking.journal import Journal, pending_journals


def sync_runs(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return run(parser.parse_args(list(argv)))


@pytest.fixture
def store(sqlite_pipeline_root):
    uri = f"sqlite:///{sqlite_pipeline_root / 'mlflow.db'}"
    return uri, MlflowClient(uri)


def spooled_stage(root, monkeypatch, uri, tmp_path):
    """A stage run while the tracking server at `uri` is down."""
    monkeypatch.setenv("MLFLOW_TRACKING_URI", uri)
    (tmp_path / "scores.json").write_text('{"f1": 80.0}')
    with pytest.warns(TrackingWarning):
        with stage_run("target@squad-xquad", {"lr": 3e-5}, root, log_system_metrics=False) as r:
            for step in range(3):
                r.log_metrics({"train/loss": 1.0 / (step + 1)}, step=step)
            r.log_metrics({"dev/f1": 80.0})
            r.set_tags({"note": "spooled"})
            r.log_artifact(tmp_path / "scores.json", artifact_path="scores")
    monkeypatch.delenv("MLFLOW_TRACKING_URI")
    return r


def delivered(client, spool_id):
    return client.search_runs(
        [client.get_experiment_by_name("xstilts").experiment_id],
        filter_string=f"tags.`xstilts.spool_id` = '{spool_id}'",
    )


def test_a_run_spooled_while_the_store_was_down_is_delivered_by_sync_runs(
    pipeline_root, dead_server_uri, store, tmp_path, monkeypatch
):
    uri, client = store
    spooled = spooled_stage(pipeline_root, monkeypatch, dead_server_uri, tmp_path)
    assert sync_runs("--root", str(pipeline_root), "--tracking-uri", uri) == 0
    (found,) = delivered(client, spooled.spool_id)
    history = client.get_metric_history(found.info.run_id, "train/loss")
    assert sorted(m.step for m in history) == [0, 1, 2]
    assert found.data.metrics["dev/f1"] == 80.0
    assert found.data.params == {"lr": "3e-05"}
    assert found.data.tags["note"] == "spooled"
    assert found.info.status == "FINISHED"
    assert client.get_run(found.data.tags["mlflow.parentRunId"]).data.tags["xstilts.role"] == (
        "pipeline"
    )
    artifacts = {a.path for a in client.list_artifacts(found.info.run_id, "scores")}
    assert artifacts == {"scores/scores.json"}
    assert pending_journals(pipeline_root) == []


def test_running_sync_runs_again_duplicates_nothing(
    pipeline_root, dead_server_uri, store, tmp_path, monkeypatch
):
    uri, client = store
    spooled = spooled_stage(pipeline_root, monkeypatch, dead_server_uri, tmp_path)
    # Keep a copy of the journal, as if the first sync had died before deleting it.
    backup = tmp_path / "backup"
    shutil.copytree(pipeline_root / ".mlflow-spool", backup)
    assert sync_runs("--root", str(pipeline_root), "--tracking-uri", uri) == 0
    shutil.copytree(backup, pipeline_root / ".mlflow-spool", dirs_exist_ok=True)
    assert sync_runs("--root", str(pipeline_root), "--tracking-uri", uri) == 0
    (found,) = delivered(client, spooled.spool_id)
    assert len(client.get_metric_history(found.info.run_id, "train/loss")) == 3


def test_sync_runs_exits_1_and_keeps_the_run_while_the_store_is_still_down(
    pipeline_root, dead_server_uri, tmp_path, monkeypatch, capsys
):
    spooled_stage(pipeline_root, monkeypatch, dead_server_uri, tmp_path)
    assert sync_runs("--root", str(pipeline_root)) == 1
    assert "FAILED" in capsys.readouterr().out
    assert len(pending_journals(pipeline_root)) == 1


def test_sync_runs_leaves_alone_a_run_whose_stage_is_still_running(pipeline_root, store, capsys):
    uri, _ = store
    live = Journal(pipeline_root, "20990101T000000-live")  # holds its lock like a running stage
    try:
        live.append({"op": "start", "spool_id": "20990101T000000-live"})
        assert sync_runs("--root", str(pipeline_root), "--tracking-uri", uri) == 0
        assert "still running" in capsys.readouterr().out
        assert live.path.exists()
    finally:
        live.close()


def test_a_run_whose_stage_died_is_delivered_as_killed(
    pipeline_root, dead_server_uri, store, tmp_path, monkeypatch
):
    uri, client = store
    spooled = spooled_stage(pipeline_root, monkeypatch, dead_server_uri, tmp_path)
    journal = spooled.journal_path
    # A stage killed by the OS never writes its end event.
    lines = journal.read_text().splitlines()
    journal.write_text("\n".join(line for line in lines if '"op": "end"' not in line) + "\n")
    assert sync_runs("--root", str(pipeline_root), "--tracking-uri", uri) == 0
    (found,) = delivered(client, spooled.spool_id)
    assert found.info.status == "KILLED"


def test_sync_runs_with_nothing_spooled_exits_0(pipeline_root, capsys):
    assert sync_runs("--root", str(pipeline_root)) == 0
    assert "nothing to sync" in capsys.readouterr().out


def test_dry_run_lists_waiting_runs_and_delivers_nothing(
    pipeline_root, dead_server_uri, tmp_path, monkeypatch, capsys
):
    spooled_stage(pipeline_root, monkeypatch, dead_server_uri, tmp_path)
    assert sync_runs("--root", str(pipeline_root), "--dry-run") == 0
    assert "target@squad-xquad" in capsys.readouterr().out
    assert len(pending_journals(pipeline_root)) == 1


def test_an_empty_journal_left_by_a_stage_that_died_at_once_is_removed(pipeline_root):
    spool = pipeline_root / ".mlflow-spool"
    spool.mkdir()
    (spool / "20250101T000000-empty.jsonl").write_text("")
    assert sync_runs("--root", str(pipeline_root)) == 0
    assert pending_journals(pipeline_root) == []
