"""Fixtures for the tracking tests: an isolated environment, a git repo as pipeline root, a port
nobody listens on, a fake NVML (simulated GPU: no GPU is needed or used)."""

from __future__ import annotations

import socket
import subprocess
import sys
import types
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

_ENV_UNDER_TEST = (
    "MLFLOW_TRACKING_URI",
    "MLFLOW_EXPERIMENT_NAME",
    "XSTILTS_PIPELINE_RUN_ID",
    "XSTILTS_IMAGE_DIGEST",
    "CUDA_VISIBLE_DEVICES",
    "MLFLOW_ENABLE_SYSTEM_METRICS_LOGGING",
)


@pytest.fixture(autouse=True)
def _isolated_tracking_env(monkeypatch: pytest.MonkeyPatch) -> None:
    # A developer's own MLFLOW_TRACKING_URI must not send test runs to their server.
    for name in _ENV_UNDER_TEST:
        monkeypatch.delenv(name, raising=False)


def _git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _make_pipeline_root(root: Path) -> Path:
    """A git repository with a committed params.yaml, as the pipeline root is."""
    root.mkdir(parents=True, exist_ok=True)
    _git(root, "init", "-q")
    (root / "params.yaml").write_text("seed: 1\n")
    _git(root, "add", "params.yaml")
    _git(root, "commit", "-q", "-m", "params")
    return root


@pytest.fixture
def git() -> Callable[..., str]:
    """`git(root, *args)`: run git in `root` with a throwaway identity; returns stdout."""
    return _git


@pytest.fixture(scope="session")
def make_pipeline_root() -> Callable[[Path], Path]:
    return _make_pipeline_root


@pytest.fixture(scope="session")
def sqlite_pipeline_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pipeline root shared by the tests that use the default sqlite store: creating an
    MLflow sqlite database costs seconds (schema migrations), so it is done once."""
    return _make_pipeline_root(tmp_path_factory.mktemp("sqlite") / "pipeline")


@pytest.fixture
def pipeline_root(tmp_path: Path) -> Path:
    return _make_pipeline_root(tmp_path / "pipeline")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def free_port() -> Callable[[], int]:
    """`free_port()`: a loopback port nobody listens on right now."""
    return _free_port


@pytest.fixture
def dead_server_uri() -> str:
    """An http URI on 127.0.0.1 where nothing listens: every call is refused at once."""
    return f"http://127.0.0.1:{_free_port()}"


class NVMLError(Exception):
    pass


class NVMLError_LibraryNotFound(NVMLError):  # noqa: N801 - pynvml's own name
    pass


def _fake_pynvml(
    *,
    gpu: bool = True,
    memory_used_mib: Iterable[int] = (1024,),
    energy_mj: Iterable[int] = (0,),
) -> types.ModuleType:
    """A stand-in for nvidia-ml-py. SIMULATED: one 'NVIDIA H100 80GB HBM3' whose memory use and
    energy counter step through the given values (the last one repeats); with gpu=False,
    nvmlInit raises NVMLError_LibraryNotFound, as the real module does without a driver."""
    module = types.ModuleType("pynvml")
    module.NVMLError = NVMLError  # type: ignore[attr-defined]
    module.NVMLError_LibraryNotFound = NVMLError_LibraryNotFound  # type: ignore[attr-defined]
    used = _stepper([m * 1024 * 1024 for m in memory_used_mib])
    energy = _stepper(list(energy_mj))

    def nvml_init() -> None:
        if not gpu:
            raise NVMLError_LibraryNotFound("NVML Shared Library Not Found")

    module.nvmlInit = nvml_init  # type: ignore[attr-defined]
    module.nvmlShutdown = lambda: None  # type: ignore[attr-defined]
    module.nvmlDeviceGetCount = lambda: 1  # type: ignore[attr-defined]
    module.nvmlDeviceGetHandleByIndex = lambda i: f"handle-{i}"  # type: ignore[attr-defined]
    module.nvmlDeviceGetName = lambda h: "NVIDIA H100 80GB HBM3"  # type: ignore[attr-defined]
    module.nvmlSystemGetDriverVersion = lambda: "550.54.15"  # type: ignore[attr-defined]
    module.nvmlSystemGetCudaDriverVersion_v2 = lambda: 12040  # type: ignore[attr-defined]
    module.nvmlDeviceGetMemoryInfo = lambda h: types.SimpleNamespace(  # type: ignore[attr-defined]
        total=81559 * 1024 * 1024, used=used()
    )
    module.nvmlDeviceGetTotalEnergyConsumption = lambda h: energy()  # type: ignore[attr-defined]
    return module


def _stepper(values: list[int]) -> Callable[[], int]:
    state = {"i": 0}

    def next_value() -> int:
        value = values[min(state["i"], len(values) - 1)]
        state["i"] += 1
        return value

    return next_value


@pytest.fixture
def no_gpu(monkeypatch: pytest.MonkeyPatch) -> None:
    """NVML present but no driver/GPU (what a CPU machine reports)."""
    monkeypatch.setitem(sys.modules, "pynvml", _fake_pynvml(gpu=False))


@pytest.fixture(scope="session")
def fake_pynvml() -> Callable[..., types.ModuleType]:
    """Factory of simulated pynvml modules (see `_fake_pynvml`)."""
    return _fake_pynvml
