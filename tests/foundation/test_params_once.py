"""cli.py parses and validates a command's params file once and hands the typed params to the
command: no stage reads YAML or flags for its configuration. Checked on a real stage (the
pipeline tool) with the loader counted, and on the order of the checks."""

from __future__ import annotations

import argparse
from pathlib import Path
from types import SimpleNamespace

import pytest

from xstilts import cli
from xstilts.config import Params
from xstilts.stages import common

ROOT = Path(__file__).resolve().parents[2]


def test_every_stage_command_reads_params_through_the_cli() -> None:
    stages = [c.name for c in cli.COMMANDS if c.tracked]
    assert stages and all(c.params for c in cli.COMMANDS if c.tracked)
    for name in stages:
        module = cli.load_command(name)
        parser = argparse.ArgumentParser()
        module.add_arguments(parser)
        assert "params" in {a.dest for a in parser._actions}, name


def test_the_params_file_is_loaded_once_per_command(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Path] = []
    real = common.load_params

    def counted(path: Path) -> Params:
        calls.append(Path(path))
        return real(path)

    monkeypatch.setattr(common, "load_params", counted)
    assert cli.main(["pipeline", "--params", str(ROOT / "demo" / "params.yaml"), "--check"]) == 0
    assert calls == [ROOT / "demo" / "params.yaml"]


def _fake(monkeypatch: pytest.MonkeyPatch, problems: list[str]) -> list[object]:
    received: list[object] = []

    def add_arguments(parser: argparse.ArgumentParser) -> None:
        common.add_params_argument(parser)

    module = SimpleNamespace(
        add_arguments=add_arguments,
        check_args=lambda args, params: problems,
        run=lambda args, params: received.append(params) or 0,
    )
    monkeypatch.setattr(cli, "load_command", lambda name: module)
    return received


def test_the_command_gets_the_typed_params(monkeypatch: pytest.MonkeyPatch) -> None:
    received = _fake(monkeypatch, [])
    assert cli.run_untracked(["texts", "--params", str(ROOT / "demo" / "params.yaml")]) == 0
    assert len(received) == 1 and isinstance(received[0], Params)
    assert received[0].profile == "demo"


def test_invalid_options_exit_2_before_the_command_runs(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    received = _fake(monkeypatch, ["--run 'x' is not in grid.intermediates"])
    assert cli.run_untracked(["texts", "--params", str(ROOT / "demo" / "params.yaml")]) == 2
    assert received == []
    assert "xstilts texts: --run 'x' is not in grid.intermediates" in capsys.readouterr().err


def test_an_invalid_params_file_exits_2_before_the_command_runs(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    received = _fake(monkeypatch, [])
    bad = tmp_path / "params.yaml"
    bad.write_text("base:\n  seed: -1\n")
    assert cli.run_untracked(["texts", "--params", str(bad)]) == 2
    assert received == []
