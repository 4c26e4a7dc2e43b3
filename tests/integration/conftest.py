"""A real run of the demo pipeline (scripts/repro.sh on demo/), once per test session, in a
throw-away copy of the working tree. Simulated: the demo profile's tiny model and generated data.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def pipeline_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.update(HF_HUB_OFFLINE="1", HF_DATASETS_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
               DVC_NO_ANALYTICS="1", MLFLOW_HTTP_REQUEST_MAX_RETRIES="0",
               TOKENIZERS_PARALLELISM="false")
    env.pop("MLFLOW_TRACKING_URI", None)
    env.update(extra)
    return env


def run(cmd: list[str], cwd: Path, timeout: float = 1800, **env: str) -> subprocess.CompletedProcess:
    result = subprocess.run(cmd, cwd=cwd, env=pipeline_env(**env), capture_output=True,
                            text=True, timeout=timeout, check=False)
    if result.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} failed in {cwd} ({result.returncode}):\n"
                             f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}")
    return result


def copy_working_tree(dest: Path) -> Path:
    """Tracked and untracked-but-not-ignored files, committed into a fresh git repo."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for rel in filter(None, listed):
        src = ROOT / rel
        if src.is_file() or src.is_symlink():
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if src.is_symlink():
                target.symlink_to(os.readlink(src))
            else:
                shutil.copy2(src, target)
    for cmd in (["git", "init", "-q"], ["git", "add", "-A"],
                ["git", "-c", "user.email=t@xstilts.invalid", "-c", "user.name=t", "commit",
                 "-qm", "snapshot"]):
        subprocess.run(cmd, cwd=dest, check=True, capture_output=True)
    return dest


class DemoRun:
    def __init__(self, repo: Path, seconds: float, log: str) -> None:
        self.repo = repo
        self.demo = repo / "demo"
        self.seconds = seconds
        self.log = log


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    repo = copy_working_tree(tmp_path_factory.mktemp("xstilts-repo"))
    start = time.monotonic()
    # What `make demo` runs: regenerate dvc.yaml, dvc repro --keep-going, deliver spooled runs.
    result = run([str(ROOT / "scripts" / "repro.sh"), str(repo / "demo")], cwd=repo)
    return DemoRun(repo, time.monotonic() - start, result.stdout)
