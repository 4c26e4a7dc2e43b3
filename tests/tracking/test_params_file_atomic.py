"""The spool's params.json is written atomically: a sync never uploads half of it, and a write
that fails leaves the previous file and no temporary sibling (a TrackingWarning, not a failure)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from xstilts import fileio
from xstilts.tracking import TrackingWarning
from xstilts.tracking.stage import StageRun

PARAMS = {"training": {"lr": 1e-5, "batch_size": 16}, "seed": 1}


def spooled_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[StageRun, list[Path]]:
    run = StageRun("intermediate@xnli", tmp_path, "sqlite:///unused.db")
    run._journal = SimpleNamespace(artifact_dir=tmp_path / "spool" / run.spool_id)
    logged: list[Path] = []
    monkeypatch.setattr(run, "log_artifact", lambda path, artifact_path=None: logged.append(path))
    return run, logged


def test_params_json_is_written_whole_into_the_spool(tmp_path, monkeypatch):
    run, logged = spooled_run(tmp_path, monkeypatch)
    run._log_params_file(PARAMS)
    path = run._journal.artifact_dir / "params" / "params.json"
    assert logged == [path]
    assert json.loads(path.read_text()) == PARAMS
    assert sorted(p.name for p in path.parent.iterdir()) == ["params.json"]


def test_a_failed_params_json_write_keeps_the_previous_file_and_no_temp(tmp_path, monkeypatch):
    run, logged = spooled_run(tmp_path, monkeypatch)
    path = run._journal.artifact_dir / "params" / "params.json"
    path.parent.mkdir(parents=True)
    path.write_text('{"seed": 0}\n')
    real_replace = os.replace

    def replace(src, dst, *args, **kwargs):
        if Path(dst).name == "params.json":
            raise OSError(28, "No space left on device")
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(fileio.os, "replace", replace)
    with pytest.warns(TrackingWarning, match="could not write params.json"):
        run._log_params_file(PARAMS)
    assert logged == []
    assert path.read_text() == '{"seed": 0}\n'
    assert sorted(p.name for p in path.parent.iterdir()) == ["params.json"]
