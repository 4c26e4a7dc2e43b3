"""Model selection never reads test data: the registry's selection set of every target, one
test per rule of the protocol (REPRODUCE.md §6)."""

from __future__ import annotations

import fnmatch
import json
import math
from dataclasses import dataclass

import pytest

from xstilts.cli import main
from xstilts.tasks.heldout import heldout_ids, split_heldout
from xstilts.tasks.registry import TYDIQA_HELDOUT, all_tasks, finetunes, get_task

TARGETS = [t for t in all_tasks() if t.role == "target"]
TRAINED = [t for t in TARGETS if t.train_task is not None]


def _test_files(name: str) -> set[str]:
    spec = get_task(name)
    return {p for e in spec.entries for p in (e.paths("test") or ())}


def _overlaps(a: str, b: str) -> bool:
    """Two registry paths (either may hold `*`) can name the same file."""
    return a == b or fnmatch.fnmatch(a, b) or fnmatch.fnmatch(b, a)


@pytest.mark.parametrize("spec", TRAINED, ids=lambda s: s.name)
def test_every_trained_target_declares_a_selection_set(spec) -> None:
    assert spec.selection is not None and spec.selection.files and spec.selection.reason


@pytest.mark.parametrize("spec", [t for t in TARGETS if t.selection], ids=lambda s: s.name)
def test_selection_files_never_overlap_the_targets_test_files(spec) -> None:
    tests = _test_files(spec.name)
    assert tests
    clashes = [(s, t) for s in spec.selection.files for t in tests if _overlaps(s, t)]
    assert not clashes


def test_selection_files_are_the_raw_files_of_the_set_they_name() -> None:
    for spec in TARGETS:
        if spec.selection is None:
            continue
        source = get_task(spec.selection.task)
        expected = [p for lang in spec.selection.languages
                    for p in source.entry(lang).paths(spec.selection.split)]
        assert list(spec.selection.files) == expected, spec.name


def test_classification_and_tagging_targets_select_on_their_english_dev_set() -> None:
    for name in ("xnli", "pawsx", "udpos", "panx"):
        sel = get_task(name).selection
        assert (sel.task, sel.split, sel.languages) == (name, "dev", ("en",)), name


def test_xquad_and_mlqa_select_on_squad_v1_dev_the_data_they_train_on() -> None:
    for name in ("xquad", "mlqa"):
        spec = get_task(name)
        assert (spec.selection.task, spec.selection.split) == ("squad_v1", "dev")
        assert spec.train_task == "squad_v1"
        assert spec.selection.files == ("squad_v1/dev-v1.1.json",)


def test_tydiqa_selects_on_a_heldout_slice_of_english_train() -> None:
    spec = get_task("tydiqa")
    assert (spec.selection.task, spec.selection.split) == ("tydiqa", "heldout")
    assert spec.heldout == TYDIQA_HELDOUT


def test_bucc_selects_on_the_sample_data() -> None:
    sel = get_task("bucc2018").selection
    assert sel.split == "dev" and all(".sample." in f for f in sel.files)


def test_tatoeba_selects_nothing_and_says_why() -> None:
    spec = get_task("tatoeba")
    assert spec.selection is None and "no Tatoeba dev data" in spec.notes


@dataclass(frozen=True)
class _Ex:
    id: str


def test_heldout_slice_is_seeded_sized_and_removed_from_training() -> None:
    examples = [_Ex(f"english-{i}") for i in range(200)]
    train = split_heldout(examples, "train", TYDIQA_HELDOUT)
    held = split_heldout(examples, "heldout", TYDIQA_HELDOUT)
    assert len(held) == math.ceil(0.1 * 200)
    assert {e.id for e in train}.isdisjoint({e.id for e in held})
    assert len(train) + len(held) == len(examples)
    # Independent of the file's order; another seed holds out other questions.
    assert heldout_ids([e.id for e in reversed(examples)], TYDIQA_HELDOUT) == {e.id for e in held}
    other = heldout_ids([e.id for e in examples], type(TYDIQA_HELDOUT)(0.1, seed=1))
    assert other != {e.id for e in held}


def test_targets_sharing_a_fine_tune_share_data_head_and_selection() -> None:
    assert finetunes()["squad"] == ("xquad", "mlqa")
    for targets in finetunes().values():
        specs = [get_task(t) for t in targets]
        assert len({(s.train_task, s.head, s.kind, s.selection) for s in specs}) == 1


def test_tasks_json_shows_the_selection_set_of_every_target(capsys) -> None:
    assert main(["tasks", "--json", "--role", "target"]) == 0
    tasks = {t["name"]: t for t in json.loads(capsys.readouterr().out)}
    for name, task in tasks.items():
        sel = task["selection"]
        if name == "tatoeba":
            assert sel is None and task["notes"]
            continue
        assert set(sel) >= {"task", "split", "languages", "files"}
        assert not set(sel["files"]) & {p for files in task["files"].values()
                                        for p in files.get("test", [])}
    assert tasks["xquad"]["finetune"] == tasks["mlqa"]["finetune"] == "squad"
