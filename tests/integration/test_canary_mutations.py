"""The demo as a canary: break one stage on purpose and a number the report shows moves.

Each test copies the session's demo run (simulated world, tiny model), miswires one thing, re-runs
only the stages it touches (a single cell, not the whole demo) and checks that the demo notices:
permuted PAN-X training tags drop its F1 to half or less, a target cell trained from the wrong
intermediate checkpoint breaks the planted MNLI -> XNLI gain (P1), and PAN-X's German and French
gold files swapped drop both languages' F1.
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

from tests.integration.conftest import DemoRun, run
from xstilts.analysis.grid import load_grid
from xstilts.analysis.planted import check_planted

pytestmark = pytest.mark.integration

LEARNED = 60.0  # PAN-X F1 of the demo's baseline must be at least this for the canary to mean much


def _copy(demo_run: DemoRun, tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(demo_run.repo, repo, symlinks=True)
    return repo / "demo"


def _scores(demo: Path, run_name: str) -> dict:
    return json.loads((demo / "scores" / run_name / "test.json").read_text())["tasks"]


def test_permuted_training_labels_drop_the_task_to_chance(demo_run: DemoRun,
                                                          tmp_path: Path) -> None:
    demo = _copy(demo_run, tmp_path)
    before = _scores(demo, "none")["panx"]["score"]
    assert before >= LEARNED, "the demo must learn PAN-X for this test to mean much"
    train = demo / "data" / "raw" / "panx" / "panx_dataset" / "en" / "train"
    lines = train.read_text(encoding="utf-8").splitlines()
    tagged = [i for i, line in enumerate(lines) if "\t" in line]
    tags = [lines[i].rsplit("\t", 1)[1] for i in tagged]
    random.Random(0).shuffle(tags)  # same tags, same counts, attached to the wrong tokens
    for i, tag in zip(tagged, tags, strict=True):
        lines[i] = f"{lines[i].rsplit(chr(9), 1)[0]}\t{tag}"
    train.chmod(0o644)
    train.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run(["dvc", "repro", "-s", "-f", "prepare@panx", "target@none-panx", "score@none"], demo)
    after = _scores(demo, "none")["panx"]["score"]
    assert after <= before / 2, (before, after)


def test_a_cell_trained_from_the_wrong_checkpoint_breaks_a_planted_check(
        demo_run: DemoRun, tmp_path: Path) -> None:
    demo = _copy(demo_run, tmp_path)

    def recovered() -> dict[str, bool]:
        rows = check_planted(load_grid(demo / "scores"), {}, {})
        return {row["check"]: row["recovered"] for row in rows}

    assert recovered()["P1-shared-rule-gain"], "the demo must recover P1 for this test to mean much"
    wrong, right = demo / "models" / "intermediate" / "none", demo / "models" / "intermediate" / "mnli"
    shutil.rmtree(right)
    shutil.copytree(wrong, right)  # target@mnli-xnli now starts from the baseline's weights
    run(["dvc", "repro", "-s", "-f", "target@mnli-xnli", "score@mnli"], demo)
    assert not recovered()["P1-shared-rule-gain"]


def test_swapping_two_languages_gold_files_drops_both_scores(demo_run: DemoRun,
                                                             tmp_path: Path) -> None:
    demo = _copy(demo_run, tmp_path)
    before = _scores(demo, "none")["panx"]["languages"]
    first, second = (demo / "labels" / "panx" / f"test-{lang}.tsv" for lang in ("de", "fr"))
    for path in (first, second):
        path.chmod(0o644)
    a, b = first.read_text(), second.read_text()
    first.write_text(b)
    second.write_text(a)
    run(["xstilts", "score-run", "--params", "params.yaml", "--run", "none"], demo)
    after = _scores(demo, "none")["panx"]["languages"]
    for lang in ("de", "fr"):
        assert before[lang]["f1"] >= LEARNED, (lang, before[lang])
        assert after[lang]["f1"] <= before[lang]["f1"] / 2, (lang, before[lang], after[lang])
    assert after["en"] == before["en"]
