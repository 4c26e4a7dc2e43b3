"""Against a real `mlflow server` on 127.0.0.1, started once for the module (~6-8 s), stopped
and restarted by the tests that need it down, killed at teardown. The server runs under
`timeout`, so it ends by itself even if the test process is killed."""

import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
from mlflow import MlflowClient

from xstilts.tools.sync_runs import add_arguments, run
from xstilts.tracking import TrackingWarning, stage_run
from xstilts.tracking.journal import pending_journals

pytestmark = pytest.mark.integration

_SERVER_LIFETIME_S = 600  # hard upper bound on one server process
_HEALTHY_WITHIN_S = 90  # generous: 2 shared cores, a cold sqlite schema migration


class MlflowServer:
    def __init__(self, folder: Path, port: int) -> None:
        self.folder = folder
        self.uri = f"http://127.0.0.1:{port}"
        self.port = port
        self.process: subprocess.Popen | None = None
        self.log = folder / "server.log"

    def start(self) -> None:
        command = [
            "timeout", "-k", "5", str(_SERVER_LIFETIME_S),
            sys.executable, "-m", "mlflow", "server",
            "--host", "127.0.0.1", "--port", str(self.port), "--workers", "1",
            "--backend-store-uri", f"sqlite:///{self.folder / 'server.db'}",
            "--artifacts-destination", str(self.folder / "artifacts"),
        ]  # fmt: skip
        with open(self.log, "a") as log:
            # Own process group, so stop() reaches the server's worker processes too.
            self.process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        deadline = time.monotonic() + _HEALTHY_WITHIN_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"{self.uri}/health", timeout=1) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"mlflow server did not become healthy:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        """Kill the server at once (SIGKILL): a crash, not a clean shutdown."""
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=30)
        self.process = None

    def ensure_running(self) -> None:
        if self.process is None or self.process.poll() is not None:
            self.start()


@pytest.fixture(scope="module")
def server(tmp_path_factory, free_port):
    instance = MlflowServer(tmp_path_factory.mktemp("mlflow-server"), free_port())
    instance.start()
    yield instance
    instance.stop()


@pytest.fixture
def remote(server, monkeypatch):
    """The server up, MLFLOW_TRACKING_URI pointing at it, a fresh pipeline run id."""
    server.ensure_running()
    monkeypatch.setenv("MLFLOW_TRACKING_URI", server.uri)
    monkeypatch.setenv("XSTILTS_PIPELINE_RUN_ID", f"test-{uuid.uuid4().hex[:8]}")
    return server


def sync_runs(root: Path) -> int:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return run(parser.parse_args(["--root", str(root)]))


def test_server_receives_parent_and_child_runs_with_params_metrics_and_tags(remote, pipeline_root):
    with stage_run("intermediate@mnli", {"training": {"lr": 1e-5}}, pipeline_root) as first:
        first.log_metrics({"train/loss": 2.0}, step=0)
        first.log_metrics({"train/loss": 1.0}, step=1)
    with stage_run("target@mnli-xnli", {"seed": 3}, pipeline_root) as second:
        second.log_metrics({"dev/accuracy": 0.8})
    client = MlflowClient(remote.uri)
    child = client.get_run(first.run_id)
    parent = client.get_run(child.data.tags["mlflow.parentRunId"])
    assert client.get_run(second.run_id).data.tags["mlflow.parentRunId"] == parent.info.run_id
    assert parent.data.tags["xstilts.pipeline_run_id"] == os.environ["XSTILTS_PIPELINE_RUN_ID"]
    assert child.data.params == {"training.lr": "1e-05"}
    assert [m.value for m in client.get_metric_history(first.run_id, "train/loss")] == [2.0, 1.0]
    assert child.data.tags["dvc.stage"] == "intermediate@mnli"
    assert "system/cpu_utilization_percentage" in child.data.metrics
    assert pending_journals(pipeline_root) == []


def test_server_down_at_start_the_stage_finishes_and_sync_delivers_its_run(
    remote, pipeline_root, tmp_path
):
    remote.stop()
    (tmp_path / "scores.json").write_text("{}")
    with pytest.warns(TrackingWarning, match="sync-runs"):
        with stage_run("intermediate@qqp", {"lr": 2e-5}, pipeline_root) as spooled:
            spooled.log_metrics({"train/loss": 0.7}, step=0)
            spooled.log_artifact(tmp_path / "scores.json")
            finished = True
    assert finished and spooled.run_id is None
    remote.start()
    assert sync_runs(pipeline_root) == 0
    client = MlflowClient(remote.uri)
    (found,) = client.search_runs(
        [client.get_experiment_by_name("xstilts").experiment_id],
        filter_string=f"tags.`xstilts.spool_id` = '{spooled.spool_id}'",
    )
    assert found.data.params == {"lr": "2e-05"}
    assert found.data.metrics["train/loss"] == 0.7
    assert found.info.status == "FINISHED"
    assert "mlflow.parentRunId" in found.data.tags
    assert {a.path for a in client.list_artifacts(found.info.run_id)} >= {"scores.json"}
    assert pending_journals(pipeline_root) == []


def test_server_killed_mid_run_nothing_is_lost_or_doubled_after_sync(
    remote, pipeline_root, tmp_path
):
    (tmp_path / "plot.png").write_bytes(b"not really a png")
    with pytest.warns(TrackingWarning, match="sync-runs"):
        with stage_run("target@qqp-pawsx", {"seed": 5}, pipeline_root) as live:
            live.log_metrics({"train/loss": 3.0}, step=0)
            live.flush()  # step 0 reaches the server before it dies
            remote.stop()
            live.log_metrics({"train/loss": 2.0}, step=1)
            live.log_metrics({"train/loss": 1.0}, step=2)
            live.log_artifact(tmp_path / "plot.png", artifact_path="plots")
    assert live.spooled and live.run_id is not None
    remote.start()
    assert sync_runs(pipeline_root) == 0
    client = MlflowClient(remote.uri)
    history = client.get_metric_history(live.run_id, "train/loss")
    assert sorted((m.step, m.value) for m in history) == [(0, 3.0), (1, 2.0), (2, 1.0)]
    assert {a.path for a in client.list_artifacts(live.run_id, "plots")} == {"plots/plot.png"}
    assert client.get_run(live.run_id).info.status == "FINISHED"
