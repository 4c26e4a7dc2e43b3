"""The reviewer path: outputs pushed to the S3 remote, a fresh machine pulls them and
`dvc repro` has nothing left to do. The S3 server is moto's standalone server on 127.0.0.1
(simulated S3, as DVC's own tests do); no traffic leaves the machine."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.conftest import BIN, DemoRun, pipeline_env, run

pytestmark = pytest.mark.integration

S3_ENV = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
          "AWS_DEFAULT_REGION": "us-east-1"}
BUCKET = "xstilts-artifacts"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    port = _free_port()
    server = subprocess.Popen([str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):  # bounded: ~20 s at most
            try:
                urllib.request.urlopen(url, timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("moto server did not start")
        import boto3

        boto3.client("s3", endpoint_url=url, **_creds()).create_bucket(Bucket=BUCKET)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def _creds() -> dict[str, str]:
    return {"aws_access_key_id": "testing", "aws_secret_access_key": "testing",
            "region_name": "us-east-1"}


def _point_remote_at(repo: Path, url: str) -> None:
    # The committed .dvc/config names the remote; only the endpoint is local to this machine.
    run(["dvc", "remote", "modify", "--local", "storage", "endpointurl", url], cwd=repo)


def test_push_wipe_pull_then_repro_reruns_nothing(demo_run: DemoRun, s3_endpoint: str,
                                                  tmp_path: Path) -> None:
    _point_remote_at(demo_run.repo, s3_endpoint)
    run(["dvc", "push", "-q", "dvc.yaml"], cwd=demo_run.demo, **S3_ENV)

    # A reviewer's fresh checkout: same commit, no cache, no outputs.
    fresh = tmp_path / "fresh"
    subprocess.run(["git", "clone", "-q", str(demo_run.repo), str(fresh)], check=True)
    assert not (fresh / "demo" / "models").exists()
    _point_remote_at(fresh, s3_endpoint)
    shutil.copy(demo_run.demo / "dvc.lock", fresh / "demo" / "dvc.lock")
    run(["dvc", "pull", "-q", "dvc.yaml"], cwd=fresh / "demo", **S3_ENV)
    assert (fresh / "demo" / "models" / "pretrained").is_dir()

    status = run(["dvc", "status", "dvc.yaml"], cwd=fresh / "demo", **S3_ENV)
    assert "up to date" in status.stdout, status.stdout
    repro = run(["dvc", "repro"], cwd=fresh / "demo", **S3_ENV)
    assert "Running stage" not in repro.stdout, repro.stdout


def test_dead_remote_fails_with_a_clear_error(demo_run: DemoRun) -> None:
    dead = f"http://127.0.0.1:{_free_port()}"
    repo = demo_run.repo
    run(["dvc", "remote", "modify", "--local", "storage", "endpointurl", dead], cwd=repo)
    env = pipeline_env(**S3_ENV)
    result = subprocess.run(["dvc", "push", "dvc.yaml"], cwd=demo_run.demo, env=env, capture_output=True,
                            text=True, timeout=300, check=False)
    assert result.returncode != 0
    message = result.stdout + result.stderr
    assert "ERROR" in message and ("connect" in message.lower() or "push" in message.lower())
