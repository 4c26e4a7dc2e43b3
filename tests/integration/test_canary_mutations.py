"""The demo as a canary: break one stage on purpose and a number the report shows moves.

Each test copies the session's demo run (simulated world, tiny model), miswires one thing, re-runs
only the stages it touches (a single cell, not the whole demo) and checks that the demo notices:
permuted training labels drop the task to chance, a target cell trained from the wrong
intermediate checkpoint breaks a planted check, and two languages' gold files swapped drop both
languages' scores.
"""

from __future__ import annotations

import csv
import json
import random
import shutil
from pathlib import Path

import pytest

from tests.integration.conftest import DemoRun, run
from xstilts.analysis.grid import load_grid
from xstilts.analysis.planted import check_planted

pytestmark = pytest.mark.integration

CHANCE = {"pawsx": 50.0, "xnli": 100 / 3}


def _copy(demo_run: DemoRun, tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(demo_run.repo, repo, symlinks=True)
    return repo / "demo"


def _scores(demo: Path, run_name: str) -> dict:
    return json.loads((demo / "scores" / run_name / "test.json").read_text())["tasks"]


def test_permuted_training_labels_drop_the_task_to_chance(demo_run: DemoRun,
                                                          tmp_path: Path) -> None:
    demo = _copy(demo_run, tmp_path)
    before = _scores(demo, "none")["pawsx"]["score"]
    assert before >= CHANCE["pawsx"] + 10, "the demo must learn PAWS-X for this test to mean much"
    train = demo / "data" / "raw" / "pawsx" / "x-final" / "en" / "train.tsv"
    with train.open(encoding="utf-8") as handle:
        header, *body = csv.reader(handle, delimiter="\t")
    labels = [r[-1] for r in body]
    random.Random(0).shuffle(labels)
    rows = [header, *([*r[:-1], label] for r, label in zip(body, labels, strict=True))]
    train.chmod(0o644)
    train.write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    run(["dvc", "repro", "-s", "-f", "prepare@pawsx", "target@none-pawsx", "score@none"], demo)
    after = _scores(demo, "none")["pawsx"]["score"]
    assert after <= CHANCE["pawsx"] + 8, (before, after)


def test_a_cell_trained_from_the_wrong_checkpoint_breaks_a_planted_check(
        demo_run: DemoRun, tmp_path: Path) -> None:
    demo = _copy(demo_run, tmp_path)

    def recovered() -> dict[str, bool]:
        rows = check_planted(load_grid(demo / "scores"), {}, {})
        return {row["check"]: row["recovered"] for row in rows}

    assert recovered()["P1-shared-rule-gain"]
    wrong, right = demo / "models" / "intermediate" / "none", demo / "models" / "intermediate" / "mnli"
    shutil.rmtree(right)
    shutil.copytree(wrong, right)  # target@mnli-xnli now starts from the baseline's weights
    run(["dvc", "repro", "-s", "-f", "target@mnli-xnli", "score@mnli"], demo)
    assert not recovered()["P1-shared-rule-gain"]


def test_swapping_two_languages_gold_files_drops_both_scores(demo_run: DemoRun,
                                                             tmp_path: Path) -> None:
    demo = _copy(demo_run, tmp_path)
    before = _scores(demo, "none")["xnli"]["languages"]
    first, second = (demo / "labels" / "xnli" / f"test-{lang}.tsv" for lang in ("de", "fr"))
    for path in (first, second):
        path.chmod(0o644)
    a, b = first.read_text(), second.read_text()
    first.write_text(b)
    second.write_text(a)
    run(["xstilts", "score-run", "--params", "params.yaml", "--run", "none"], demo)
    after = _scores(demo, "none")["xnli"]["languages"]
    for lang in ("de", "fr"):
        assert after[lang]["accuracy"] <= before[lang]["accuracy"] - 10, (lang, before, after)
    assert after["en"] == before["en"]
