"""`xstilts score`: prints the score JSON, optionally writes it, exit 2 on a scoring error."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from xstilts.scoring.cli import add_arguments, run

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "scoring"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="xstilts score")
    add_arguments(parser)
    return run(parser.parse_args(argv))


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
