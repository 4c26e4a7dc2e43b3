"""A stage's code is a DVC dependency: on a copy of the session's demo run (simulated world,
tiny model), editing a data file of the report's code makes `dvc status` call the report
changed and leaves the stages that never run that code up to date; compiled bytecode is not
code (.dvcignore)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.integration.conftest import DemoRun, pipeline_env

pytestmark = pytest.mark.integration


def _status(demo: Path, *stages: str) -> str:
    result = subprocess.run(["dvc", "status", *stages], cwd=demo, env=pipeline_env(),
                            capture_output=True, text=True, timeout=300, check=True)
    return result.stdout


@pytest.fixture(scope="module")
def copy(demo_run: DemoRun, tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("code-deps") / "repo"
    shutil.copytree(demo_run.repo, repo, symlinks=True)
    return repo


def test_the_copy_starts_up_to_date(copy: Path) -> None:
    assert "changed" not in _status(copy / "demo", "report", "target@none-xnli")


def test_bytecode_beside_the_code_changes_nothing(copy: Path) -> None:
    cache = copy / "src" / "xstilts" / "training" / "__pycache__"
    cache.mkdir(exist_ok=True)
    (cache / "loop.cpython-311.pyc").write_bytes(b"\0compiled")
    assert "changed" not in _status(copy / "demo", "intermediate@mnli")


def test_editing_the_claims_file_reruns_the_report_only(copy: Path) -> None:
    claims = copy / "src" / "xstilts" / "analysis" / "claims.yaml"
    claims.write_text(claims.read_text() + "\n# edited\n")
    report = _status(copy / "demo", "report")
    assert "changed deps" in report and "src/xstilts/analysis" in report, report
    assert "changed" not in _status(copy / "demo", "target@none-xnli", "intermediate@mnli")
