"""After `dvc repro --keep-going`: a failed stage command leaves a record with its reason, the
same stage succeeding removes it, `xstilts pipeline --summary` names the failed stages and the
ones they blocked, and the report marks the grid cells that could not run "not run"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.analysis.conftest import score_json
from xstilts.analysis.names import TARGETS
from xstilts.cli import main
from xstilts.config import load_params
from xstilts.stages.outcomes import FAILED, record_failure
from xstilts.stages.report import main as report_main
from xstilts.tools.pipeline import render

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def paper_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A pipeline root with the paper's params (tracking off) and no data: no CCGbank."""
    text = (ROOT / "params.yaml").read_text().replace(
        "  bootstrap: 1000\n  permutations: 1000\n", "  bootstrap: 20\n  permutations: 20\n")
    (tmp_path / "params.yaml").write_text(text)
    (tmp_path / "dvc.yaml").write_text(render(load_params(tmp_path / "params.yaml")))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_missing_ccgbank_fails_its_fetch_stage_with_the_reason_on_record(
        paper_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DVC_STAGE", "fetch@ccg")
    assert main(["fetch", "--params", "params.yaml", "ccg"]) == 1
    record = json.loads((paper_root / FAILED / "fetch@ccg.json").read_text())
    assert record["exit_code"] == 1
    assert record["reason"] == "ccg: needs CCGbank (LDC2005T13), see REPRODUCE.md §2d"
    assert "data/manual/ccg/LDC2005T13.tgz is missing" in record["message"]


def test_a_stage_that_succeeds_removes_its_failure_record(
        paper_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DVC_STAGE", "fetch@ccg")
    record_failure("fetch@ccg", 1, "xstilts fetch: ccg: needs CCGbank", paper_root)
    assert main(["fetch", "--params", "params.yaml", "--list", "ccg"]) == 0
    assert not (paper_root / FAILED / "fetch@ccg.json").exists()


def test_summary_names_the_failed_stage_and_every_stage_it_blocked(
        paper_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record_failure("fetch@ccg", 1, "xstilts fetch: ccg: needs CCGbank (LDC2005T13)", paper_root)
    assert main(["pipeline", "--params", "params.yaml", "--summary"]) == 1
    out = capsys.readouterr().out
    assert "FAILED   fetch@ccg: ccg: needs CCGbank (LDC2005T13)" in out
    for stage in ("prepare@ccg", "intermediate@ccg", "intermediate@multitask",
                  "target@ccg-xnli", "score@multitask", "report"):
        assert f"not run  {stage} (needs fetch@ccg)" in out
    assert "intermediate@mnli " not in out and "target@none-xnli" not in out
    assert main(["pipeline", "--params", "params.yaml", "--summary", "--json"]) == 1
    rows = json.loads(capsys.readouterr().out)
    assert {"stage": "target@ccg-squad", "status": "not run", "blocked_by": "fetch@ccg",
            "reason": "fetch@ccg failed: ccg: needs CCGbank (LDC2005T13)"} in rows


def test_summary_says_so_when_every_stage_ran(
        paper_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pipeline", "--params", "params.yaml", "--summary"]) == 0
    assert "every stage ran" in capsys.readouterr().out


def test_report_marks_cells_that_could_not_run_with_the_reason(paper_root: Path) -> None:
    record_failure("fetch@ccg", 1, "xstilts fetch: ccg: needs CCGbank (LDC2005T13)", paper_root)
    for inter in ("none", "mnli"):
        for split in ("dev", "test", "selection"):
            path = paper_root / "scores" / inter / f"{split}.json"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(score_json({t: 50.0 for t in TARGETS})))
    code = report_main(["--scores", "scores", "--out", "results", "--params", "params.yaml",
                        "--raw", "data/raw"])
    assert code == 0
    report = (paper_root / "results" / "report.md").read_text()
    assert "## Not run" in report
    assert "| ccg | xnli | fetch@ccg failed: ccg: needs CCGbank (LDC2005T13) |" in report
    assert "| multitask | tatoeba | fetch@ccg failed" in report
    assert "## Data provenance" in report  # nothing fetched here: every file "not fetched"
    assert "Without a public digest: anli, ccg, leipzig_wikipedia, panx, tydiqa." in report
