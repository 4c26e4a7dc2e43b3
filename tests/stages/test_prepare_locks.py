"""Prepare stages of different tasks run side by side (the grid's prepare wave): each holds
only the folders it writes, data/prepared/<task> and labels/<task>; a second writer of the same
task is stopped with the first one's pid. prepare_task is a recording fake here."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pytest

import xstilts.data.prepare as data_prepare
from xstilts.locks import FolderInUseError, folder_lock
from xstilts.stages import prepare


def _args(tmp_path: Path, only: str | None) -> argparse.Namespace:
    return argparse.Namespace(raw=tmp_path / "raw", out=tmp_path / "prepared",
                              labels=tmp_path / "labels", only=only, splits=None, langs=None,
                              force=False)


@pytest.fixture
def prepared(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    done: list[str] = []
    monkeypatch.setattr(data_prepare, "prepare_task",
                        lambda name, *a, **k: done.append(name) or [])
    return done


def test_another_task_prepares_while_one_is_being_written(tmp_path: Path, prepared) -> None:
    with folder_lock(tmp_path / "prepared" / "xnli"):
        assert prepare._prepare_all(["pawsx"], _args(tmp_path, "features"), None, None) == 0
    assert prepared == ["pawsx"]


def test_features_and_gold_of_one_task_are_separate_writers(tmp_path: Path, prepared) -> None:
    with folder_lock(tmp_path / "prepared" / "xnli"):  # prepare@xnli is running
        assert prepare._prepare_all(["xnli"], _args(tmp_path, "gold"), None, None) == 0
    assert prepared == ["xnli"]


def test_a_second_writer_of_the_same_task_is_stopped(tmp_path: Path, prepared) -> None:
    with folder_lock(tmp_path / "prepared" / "xnli"):
        with pytest.raises(FolderInUseError, match=f"in use by pid {os.getpid()}"):
            prepare._prepare_all(["xnli"], _args(tmp_path, "features"), None, None)
    assert prepared == []
