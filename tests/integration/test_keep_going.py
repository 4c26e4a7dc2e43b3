"""A dead source on the demo: with one source removed from the (simulated) mirror, the pipeline
script runs `dvc repro --keep-going`, every stage that does not need the source is done, the
summary names the failed stage and what it blocked, and the report marks those cells
"not run". Runs on a copy of the session's demo run (simulated world, tiny model)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.integration.conftest import ROOT, DemoRun, pipeline_env

pytestmark = pytest.mark.integration

SOURCE = "pawsx"


@pytest.fixture(scope="module")
def dead_source(demo_run: DemoRun, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    repo = tmp_path_factory.mktemp("dead-source") / "repo"
    shutil.copytree(demo_run.repo, repo, symlinks=True)
    demo = repo / "demo"
    shutil.rmtree(demo / "data" / "mirror" / SOURCE)  # the "download" is gone ...
    # ... on a machine that never fetched it: no output, no lock entry, no run-cache entry
    # (DVC would otherwise restore the source from its cache, as it should)
    shutil.rmtree(demo / "data" / "raw" / SOURCE)
    shutil.rmtree(repo / ".dvc" / "cache" / "runs", ignore_errors=True)
    lock = yaml.safe_load((demo / "dvc.lock").read_text())
    del lock["stages"][f"fetch@{SOURCE}"]
    (demo / "dvc.lock").write_text(yaml.safe_dump(lock, sort_keys=False))
    result = subprocess.run([str(ROOT / "scripts" / "repro.sh"), str(demo)], env=pipeline_env(),
                            capture_output=True, text=True, timeout=1800, check=False)
    assert result.returncode == 1, result.stdout[-3000:] + result.stderr[-3000:]
    return demo, result.stdout + result.stderr


def _blocked(demo: Path) -> dict[str, dict]:
    out = subprocess.run(["xstilts", "pipeline", "--params", "params.yaml", "--summary",
                          "--json"], cwd=demo, env=pipeline_env(), capture_output=True,
                         text=True, check=False)
    return {row["stage"]: row for row in json.loads(out.stdout)}


def test_only_the_stages_that_need_the_source_are_left_undone(dead_source) -> None:
    demo, _ = dead_source
    runs = yaml.safe_load((demo / "params.yaml").read_text())["grid"]["intermediates"]
    expected = {f"fetch@{SOURCE}", f"prepare@{SOURCE}", f"gold@{SOURCE}", "texts", "report",
                *(f"target@{r}-{SOURCE}" for r in runs), *(f"score@{r}" for r in runs)}
    assert set(_blocked(demo)) == expected
    status = subprocess.run(["dvc", "status", "dvc.yaml", "--json"], cwd=demo, env=pipeline_env(),
                            capture_output=True, text=True, check=True)
    assert set(json.loads(status.stdout)) <= expected  # everything else is done


def test_the_summary_names_the_failed_stage_and_why(dead_source) -> None:
    demo, log = dead_source
    failed = _blocked(demo)[f"fetch@{SOURCE}"]
    assert failed["status"] == "failed"
    assert SOURCE in failed["reason"] and "mirror" in failed["reason"]
    assert f"FAILED   fetch@{SOURCE}" in log
    assert f"not run  target@none-{SOURCE} (needs fetch@{SOURCE})" in log


def test_the_partial_report_marks_the_cells_that_could_not_run(dead_source) -> None:
    demo, _ = dead_source
    report = (demo / "results" / "report.md").read_text()
    assert "## Not run" in report
    assert f"| none | {SOURCE} | fetch@{SOURCE} failed:" in report
    # its score cells (PAWS-X is the column after XNLI) read "not run"
    assert re.search(r"^\| none \| [\d.]+ \| not run \|", report, flags=re.M), report
    scores = json.loads((demo / "scores" / "none" / "test.json").read_text())
    # the cell's predictions from the earlier run are stale: left out, not scored
    assert SOURCE not in scores["tasks"] and "xnli" in scores["tasks"]
