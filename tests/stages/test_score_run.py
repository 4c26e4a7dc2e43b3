"""The score stage: the base seed's scores at the top level, and with several seeds one score
file per seed that combines that seed's target predictions with the run's retrieval ones."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

from xstilts.config import parse_params
from xstilts.stages.score import score_run
from xstilts.tasks.registry import finetunes, get_task

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "scoring"


def _params(seeds: list[int]) -> object:
    data = yaml.safe_load((ROOT / "params.yaml").read_text())
    data["base"]["seed"], data["base"]["seeds"] = seeds[0], seeds
    data["evaluate"]["splits"] = ["test"]
    return parse_params(data)


def _layout(tmp_path: Path) -> None:
    """The fixture's test split in the stage layout: one folder per target cell and one for
    retrieval; each selection set is the fixture's test file of its languages, renamed."""
    shutil.copytree(FIXTURE / "labels", tmp_path / "labels")
    run = tmp_path / "predictions" / "mnli"
    for finetune, targets in finetunes().items():
        for task in targets:
            shutil.copytree(FIXTURE / "predictions" / task, run / "target" / finetune / "test" / task)
            _selection(FIXTURE / "predictions" / task, run / "target" / finetune, task)
            _selection(FIXTURE / "labels" / task, tmp_path / "labels", task, labels=True)
    for task in ("bucc2018", "tatoeba"):
        shutil.copytree(FIXTURE / "predictions" / task, run / "retrieval" / "test" / task)
    _selection(FIXTURE / "predictions" / "bucc2018", run / "retrieval", "bucc2018")
    _selection(FIXTURE / "labels" / "bucc2018", tmp_path / "labels", "bucc2018", labels=True)


def _selection(source: Path, root: Path, task: str, labels: bool = False) -> None:
    """Predictions: `<root>/selection/<task>/`; labels: `labels/<task>/` (all splits)."""
    selection = get_task(task).selection
    assert selection is not None
    folder = root / task if labels else root / "selection" / task
    folder.mkdir(parents=True, exist_ok=True)
    for lang in selection.languages:
        [path] = source.glob(f"test-{lang}.*")
        shutil.copy(path, folder / f"selection-{lang}{path.suffix}")


def test_single_seed_writes_the_top_level_scores_only(tmp_path: Path) -> None:
    _layout(tmp_path)
    written = score_run(_params([1]), "mnli", tmp_path)
    assert set(written) == {tmp_path / "scores" / "mnli" / f"{split}.json"
                            for split in ("test", "selection")}
    top = json.loads((tmp_path / "scores" / "mnli" / "test.json").read_text())
    assert top["xtreme_score"] is not None


def test_each_extra_seed_is_scored_with_its_own_target_predictions(tmp_path: Path) -> None:
    _layout(tmp_path)
    cells = tmp_path / "predictions" / "mnli" / "target"
    for finetune, targets in finetunes().items():
        seed_root = cells / finetune / "seeds" / "seed-2"
        for task in targets:
            shutil.copytree(FIXTURE / "predictions" / task, seed_root / "test" / task)
            shutil.copytree(cells / finetune / "selection" / task, seed_root / "selection" / task)
    seed2 = cells / "xnli" / "seeds" / "seed-2" / "test" / "xnli"
    for path in seed2.glob("*.tsv"):  # seed 2 gets every XNLI item wrong
        lines = path.read_text().splitlines()
        path.write_text("".join("nonsense\n" for _ in lines))
    score_run(_params([1, 2]), "mnli", tmp_path)
    scores = tmp_path / "scores" / "mnli"
    s1 = json.loads((scores / "seeds" / "seed-1" / "test.json").read_text())
    s2 = json.loads((scores / "seeds" / "seed-2" / "test.json").read_text())
    top = json.loads((scores / "test.json").read_text())
    assert s1 == top
    assert s2["tasks"]["xnli"]["score"] == 0.0
    # Retrieval does not depend on the target seed: both seeds share the run's predictions.
    assert s2["tasks"]["tatoeba"] == s1["tasks"]["tatoeba"]
    assert s2["tasks"]["pawsx"] == s1["tasks"]["pawsx"]


def test_a_missing_seed_folder_is_an_error_not_a_skipped_task(tmp_path: Path) -> None:
    import pytest

    from xstilts.scoring.errors import ScoringError

    _layout(tmp_path)
    with pytest.raises(ScoringError, match="seed 2"):
        score_run(_params([1, 2]), "mnli", tmp_path)


def test_cells_that_did_not_run_are_left_out_not_scored_from_old_files(tmp_path: Path) -> None:
    _layout(tmp_path)  # every cell's files are there, as an earlier run would leave them
    written = score_run(_params([1]), "mnli", tmp_path, without=frozenset({"pawsx", "retrieval"}))
    tasks = written[tmp_path / "scores" / "mnli" / "test.json"]["tasks"]
    assert "pawsx" not in tasks and "bucc2018" not in tasks and "tatoeba" not in tasks
    assert "xnli" in tasks
