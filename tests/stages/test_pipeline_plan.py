"""The generated dvc.yaml: each stage declares exactly the data it reads (the registry's and the
params' facts), so one missing source blocks only the stages that need it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from xstilts.config import load_params, tasks_to_prepare
from xstilts.data.fetch import sources_for_tasks
from xstilts.stages.outcomes import not_run, record_failure
from xstilts.tasks.registry import finetune_targets, get_task
from xstilts.tools.pipeline import finetune_inputs, plan, render, run_inputs

ROOT = Path(__file__).resolve().parents[2]
PROFILES = {"paper": ROOT / "params.yaml", "demo": ROOT / "demo" / "params.yaml"}


@pytest.fixture(scope="module", params=sorted(PROFILES))
def profile(request: pytest.FixtureRequest) -> tuple[Path, object, dict]:
    path = PROFILES[request.param]
    params = load_params(path)
    return path, params, plan(params)


def test_committed_dvc_yaml_is_what_the_params_and_registry_make(profile) -> None:
    path, params, _ = profile
    assert (path.parent / "dvc.yaml").read_text() == render(params, path.parent), (
        f"run `xstilts pipeline --params {path.relative_to(ROOT)}`")


def test_one_fetch_stage_per_source_the_profile_reads(profile) -> None:
    _, params, stages = profile
    fetches = {name.split("@")[1] for name in stages if name.startswith("fetch@")}
    assert fetches == set(sources_for_tasks(tasks_to_prepare(params)))
    for source in fetches:
        assert stages[f"fetch@{source}"] == ([], [f"data/raw/{source}"])


def test_prepare_and_gold_read_only_their_tasks_sources(profile) -> None:
    _, params, stages = profile
    for name, (inputs, outputs) in stages.items():
        kind, _, task = name.partition("@")
        if kind not in ("prepare", "gold"):
            continue
        raw = {i for i in inputs if i.startswith("data/raw/")}
        assert raw == {f"data/raw/{s}" for s in get_task(task).sources}, name
        assert outputs == ([f"data/prepared/{task}"] if kind == "prepare" else [f"labels/{task}"])
    golds = {n.split("@")[1] for n in stages if n.startswith("gold@")}
    assert golds == set(params.target.tasks) | set(params.retrieval.tasks)


def test_an_intermediate_run_reads_only_the_features_of_its_tasks(profile) -> None:
    _, params, stages = profile
    for run in params.grid.intermediates:
        inputs, _ = stages[f"intermediate@{run}"]
        prepared = {i.removeprefix("data/prepared/") for i in inputs if "prepared" in i}
        assert prepared == set(run_inputs(params, run)), run
    assert run_inputs(params, "none") == []
    assert run_inputs(params, "multitask") == list(params.intermediate.tasks)
    assert run_inputs(params, "mnli") == ["mnli"]
    assert run_inputs(params, "mnli+mlm") == ["mnli", "mlm_corpus"]
    assert run_inputs(params, "mnli+translated") == ["mnli", "mnli_translated"]


def test_a_target_cell_reads_its_fine_tunes_train_selection_and_eval_features() -> None:
    assert set(finetune_inputs("squad")) == {"xquad", "mlqa", "squad_v1"}
    assert finetune_inputs("tydiqa") == ["tydiqa"]
    for finetune in ("xnli", "pawsx", "udpos", "panx"):
        assert finetune_inputs(finetune) == list(finetune_targets(finetune))


def _blocked(stages: dict, failed: str, root: Path) -> set[str]:
    record_failure(failed, 1, "simulated failure", root)
    return {m.stage for m in not_run(stages, root)}


def test_a_dead_target_source_blocks_only_its_cells_the_scores_and_the_report(
        tmp_path: Path) -> None:
    params = load_params(PROFILES["demo"])
    stages = plan(params)
    blocked = _blocked(stages, "fetch@pawsx", tmp_path)
    runs = params.grid.intermediates
    assert blocked == {"fetch@pawsx", "prepare@pawsx", "gold@pawsx", "texts", "report",
                       *(f"target@{r}-pawsx" for r in runs), *(f"score@{r}" for r in runs)}
    for run in runs:  # training and every other cell still run
        assert f"intermediate@{run}" not in blocked and f"target@{run}-xnli" not in blocked


def test_missing_ccgbank_blocks_the_ccg_and_multitask_runs_only(tmp_path: Path) -> None:
    params = load_params(PROFILES["paper"])
    stages = plan(params)
    blocked = _blocked(stages, "fetch@ccg", tmp_path)
    runs = {"ccg", "multitask"}
    cells = {f"target@{r}-{f}" for r in runs for f in params.target.finetunes}
    assert blocked == {"fetch@ccg", "prepare@ccg", "texts", "report", *cells,
                       *(f"{kind}@{r}" for kind in ("intermediate", "retrieval", "score")
                         for r in runs)}


def test_a_stage_blocked_upstream_is_not_reported_as_failing_itself(tmp_path: Path) -> None:
    stages = plan(load_params(PROFILES["demo"]))
    record_failure("prepare@pawsx", 1, "old failure", tmp_path)  # from an earlier attempt
    record_failure("fetch@pawsx", 1, "xstilts fetch: pawsx: HTTP 404 Not Found", tmp_path)
    by_stage = {m.stage: m for m in not_run(stages, tmp_path)}
    assert by_stage["fetch@pawsx"].failed
    assert by_stage["fetch@pawsx"].reason == "pawsx: HTTP 404 Not Found"
    assert not by_stage["prepare@pawsx"].failed
    assert by_stage["prepare@pawsx"].reason == "fetch@pawsx failed: pawsx: HTTP 404 Not Found"


def test_a_stale_dvc_yaml_is_refused_by_validate(tmp_path: Path) -> None:
    import subprocess
    import sys

    shutil.copy(PROFILES["demo"], tmp_path / "params.yaml")
    (tmp_path / "dvc.yaml").write_text(render(load_params(PROFILES["demo"])))
    cmd = [sys.executable, "-m", "xstilts.cli", "validate", str(tmp_path / "params.yaml")]
    assert subprocess.run(cmd, capture_output=True, check=False).returncode == 0
    text = (tmp_path / "params.yaml").read_text().replace("    - hellaswag\n", "")
    (tmp_path / "params.yaml").write_text(text)
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "dvc.yaml is stale" in result.stderr and "xstilts pipeline" in result.stderr
