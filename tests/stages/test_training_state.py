"""A stage's resumable state: kept when the run dies, dropped when it finishes, and never
reused by a run with other settings (which starts fresh)."""

from __future__ import annotations

from pathlib import Path

import pytest

from xstilts.stages.state import training_state


def test_state_survives_a_failed_run_for_the_rerun_to_resume(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), training_state("target-x", {"lr": 1}, tmp_path) as run:
        (run / "state").mkdir(parents=True)
        raise RuntimeError("killed")
    with training_state("target-x", {"lr": 1}, tmp_path) as again:
        assert again == run and (again / "state").is_dir()


def test_state_is_removed_once_the_run_finishes(tmp_path: Path) -> None:
    with training_state("target-x", {"lr": 1}, tmp_path) as run:
        (run / "state").mkdir(parents=True)
    assert not run.exists() and not run.parent.exists()


def test_other_settings_start_fresh_and_drop_the_old_state(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), training_state("target-x", {"lr": 1}, tmp_path) as old:
        (old / "state").mkdir(parents=True)
        raise RuntimeError("killed")
    with pytest.raises(RuntimeError), training_state("target-x", {"lr": 2}, tmp_path) as new:
        assert new != old and not new.exists() and not old.exists()
        raise RuntimeError("stop here")
