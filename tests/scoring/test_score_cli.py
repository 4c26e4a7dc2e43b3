"""`xstilts score`: prints the score JSON, optionally writes it, exit 2 on a scoring error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xstilts.cli import run_untracked

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "scoring"


def main(argv: list[str]) -> int:
    """`xstilts score ARGV` as the command runs it, without its MLflow run."""
    return run_untracked(["score", *argv])


def fixture_args() -> list[str]:
    return ["--predictions", str(FIXTURE / "predictions"), "--labels", str(FIXTURE / "labels")]


def test_score_prints_the_score_json(capsys):
    assert main(fixture_args()) == 0
    printed = json.loads(capsys.readouterr().out)
    assert set(printed) == {"xtreme_score", "groups", "tasks"}
    assert printed["xtreme_score"] == pytest.approx(87.71077, abs=1e-5)


def test_score_writes_the_same_json_to_the_file_and_creates_its_folder(tmp_path, capsys):
    target = tmp_path / "scores" / "none" / "test.json"
    assert main([*fixture_args(), "--json", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8")) == json.loads(capsys.readouterr().out)
    assert [path.name for path in target.parent.iterdir()] == ["test.json"]  # no temp left


def test_score_replaces_an_existing_json_file(tmp_path):
    target = tmp_path / "test.json"
    target.write_text("stale", encoding="utf-8")
    assert main([*fixture_args(), "--json", str(target)]) == 0
    assert "xtreme_score" in json.loads(target.read_text(encoding="utf-8"))


def test_score_exits_2_with_one_line_on_a_scoring_error(tmp_path, capsys):
    target = tmp_path / "test.json"
    code = main(["--predictions", str(tmp_path / "missing"), "--labels", str(tmp_path),
                 "--json", str(target)])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith("xstilts score: error: ")
    assert "missing: predictions folder does not exist" in captured.err
    assert not target.exists()


def test_several_prediction_roots_score_as_one_folder(tmp_path, capsys):
    """A pipeline run keeps one predictions folder per stage; scoring them together gives the
    same JSON as one leaderboard folder, and a task given twice is refused."""
    import shutil

    first, second = tmp_path / "cells", tmp_path / "retrieval"
    for task_dir in (FIXTURE / "predictions").iterdir():
        parent = second if task_dir.name in ("bucc2018", "tatoeba") else first
        shutil.copytree(task_dir, parent / task_dir.name)
    labels = ["--labels", str(FIXTURE / "labels")]
    assert main(["--predictions", str(first), "--predictions", str(second), *labels]) == 0
    merged = json.loads(capsys.readouterr().out)
    assert main(fixture_args()) == 0
    assert merged == json.loads(capsys.readouterr().out)
    assert main(["--predictions", str(first), "--predictions", str(first), *labels]) == 2
    assert "also in" in capsys.readouterr().err
