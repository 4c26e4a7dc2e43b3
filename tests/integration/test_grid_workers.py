"""The grid on more than one worker, on a reduced demo grid (2 intermediate runs x 2 fine-tunes,
a tenth of the simulated world): `xstilts grid --workers 2` (concurrent `dvc repro -s`) and
`xstilts submit --executor local` (submitit jobs) score byte for byte what one serial
`dvc repro` scores, hit no DVC or MLflow lock, and leave nothing for a final `dvc repro`."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import pytest
import yaml

from tests.integration.conftest import copy_working_tree, run
from xstilts.scaleout.waves import dvc_status, pipeline_stages, plan_waves

pytestmark = pytest.mark.integration

LOCK_ERRORS = ("Unable to acquire lock", "is busy, it is being blocked by", "database is locked")


def reduce_grid(params_file: Path) -> None:
    """Two runs x two fine-tunes on a tenth-size world, short trainings: minutes on a CPU."""
    params = yaml.safe_load(params_file.read_text())
    params["fetch"]["demo_scale"] = 0.1
    params["pretrain"]["steps"] = 100
    params["grid"]["intermediates"] = ["none", "mnli"]
    params["intermediate"]["tasks"] = ["mnli"]
    params["intermediate"]["optim"].update(epochs=1.0, max_steps=40)
    params["target"]["finetunes"] = ["pawsx", "udpos"]
    params["target"]["per_finetune"] = {"pawsx": {}, "udpos": {}}
    params["target"]["optim"]["epochs"] = 1.0
    params["retrieval"]["layer_sweep"] = False
    params["report"].update(bootstrap=20, permutations=20)
    params_file.write_text(yaml.safe_dump(params, sort_keys=False))


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reduced demo with its set-up waves (fetch, pretrain, gold, texts, prepare) done
    once."""
    repo = copy_working_tree(tmp_path_factory.mktemp("grid") / "repo")
    demo = repo / "demo"
    for generated in ("dvc.lock", "scores", "results", "mlflow.db", "mlruns"):
        path = demo / generated
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
    reduce_grid(demo / "params.yaml")
    run(["xstilts", "pipeline", "--params", "params.yaml"], cwd=demo)
    for wave in plan_waves(pipeline_stages(demo)):  # the waves before the grid, serially
        if wave.name == "intermediate":
            break
        run(["dvc", "repro", *wave.stages], cwd=demo)
    return repo


def copy_of(prepared: Path, dest: Path) -> Path:
    shutil.copytree(prepared, dest, symlinks=True)
    return dest / "demo"


@pytest.fixture(scope="module")
def serial(prepared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    demo = copy_of(prepared, tmp_path_factory.mktemp("serial") / "repo")
    runs = yaml.safe_load((demo / "params.yaml").read_text())["grid"]["intermediates"]
    run(["dvc", "repro", *(f"score@{r}" for r in runs)], cwd=demo)  # the scores, one by one
    return demo


@pytest.fixture(scope="module")
def two_workers(prepared: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    demo = copy_of(prepared, tmp_path_factory.mktemp("workers") / "repo")
    grid = run(["xstilts", "grid", "--workers", "2"], cwd=demo)
    final = run(["dvc", "repro"], cwd=demo)
    logs = "".join(p.read_text() for p in (demo / ".xstilts-state" / "grid").glob("*.log"))
    return demo, grid.stdout + grid.stderr + logs + final.stdout + final.stderr


@pytest.fixture(scope="module")
def submitted(prepared: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    demo = copy_of(prepared, tmp_path_factory.mktemp("submitit") / "repo")
    result = run(["xstilts", "submit", "--executor", "local"], cwd=demo)
    logs = "".join(p.read_text() for p in (demo / ".xstilts-state" / "submitit").glob("*.out"))
    return demo, result.stdout + result.stderr + logs


def score_files(demo: Path) -> list[str]:
    files = sorted(str(p.relative_to(demo)) for p in (demo / "scores").rglob("*.json"))
    assert any(f.endswith("test.json") for f in files)
    return files


def assert_same_scores(demo: Path, reference: Path) -> None:
    files = score_files(reference)
    assert score_files(demo) == files
    _, mismatch, errors = filecmp.cmpfiles(reference, demo, files, shallow=False)
    assert mismatch == [] and errors == []


def test_two_workers_score_what_one_serial_run_scores(two_workers, serial) -> None:
    assert_same_scores(two_workers[0], serial)


def test_two_workers_meet_no_dvc_or_mlflow_lock(two_workers) -> None:
    demo, log = two_workers
    assert "grid: done   target@mnli-udpos" in log
    assert not [error for error in LOCK_ERRORS if error in log]


def test_two_workers_leave_nothing_for_a_final_repro(two_workers) -> None:
    assert dvc_status(two_workers[0]) == {}


def test_spooled_runs_of_concurrent_stages_all_reach_the_store(two_workers) -> None:
    demo, _ = two_workers
    synced = run(["xstilts", "sync-runs"], cwd=demo).stdout
    # every stage that ran after the set-up waves: 2 intermediate, 4 target, 2 retrieval,
    # 2 score, report
    assert synced.count("synced") >= 11 and "FAILED" not in synced, synced


def test_submitit_jobs_score_what_one_serial_run_scores(submitted, serial) -> None:
    assert_same_scores(submitted[0], serial)


def test_submitted_jobs_leave_nothing_for_a_final_repro(submitted) -> None:
    demo, log = submitted
    assert not [error for error in LOCK_ERRORS if error in log]
    assert dvc_status(demo) == {}
