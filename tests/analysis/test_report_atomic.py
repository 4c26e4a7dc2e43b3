"""The report stage writes every output atomically (fileio): a write that fails after its
temporary file is complete leaves the previous output whole and no temporary sibling; its
--params is read by the params files' strict YAML reader."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from matplotlib.figure import Figure

from xstilts import fileio
from xstilts.analysis import plots
from xstilts.analysis.report import _write_table
from xstilts.analysis.texts import write_texts
from xstilts.config import ConfigError, load_params
from xstilts.stages.report import main

from .test_report_end_to_end import build_grid

OLD = b"previous output\n"


def fail_rename_of(monkeypatch: pytest.MonkeyPatch, name: str) -> list[Path]:
    """Make the rename onto a file called `name` fail (the temporary file is complete by then);
    returns the temporary files that were about to be renamed."""
    real_replace = os.replace
    seen: list[Path] = []

    def replace(src, dst, *args, **kwargs):
        if Path(dst).name == name:
            seen.append(Path(src))
            assert Path(src).is_file() and Path(src).parent == Path(dst).parent
            raise OSError(28, "No space left on device")
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(fileio.os, "replace", replace)
    return seen


def temp_siblings(folder: Path) -> list[Path]:
    return [p for p in folder.rglob(".*") if p.name.endswith(".tmp")]


def previous(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(OLD)
    return path


@pytest.mark.parametrize("write", [
    lambda p: fileio.write_text_atomic(p, "new text\n"),
    lambda p: fileio.write_bytes_atomic(p, b"\x89PNG new"),
], ids=["text", "bytes"])
def test_a_failed_atomic_write_keeps_the_previous_file_and_leaves_no_temp(
        tmp_path, monkeypatch, write):
    path = previous(tmp_path / "out" / "file.txt")
    tried = fail_rename_of(monkeypatch, "file.txt")
    with pytest.raises(OSError, match="No space left"):
        write(path)
    assert tried and not tried[0].exists()
    assert path.read_bytes() == OLD
    assert temp_siblings(tmp_path) == []


def test_bytes_written_atomically_are_the_bytes_given_and_readable_by_all(tmp_path):
    path = fileio.write_bytes_atomic(tmp_path / "a" / "b.png", b"\x89PNG\r\n\x1a\n\x00")
    assert path.read_bytes() == b"\x89PNG\r\n\x1a\n\x00"
    assert path.stat().st_mode & 0o777 == 0o644
    assert fileio.write_text_atomic(tmp_path / "t.csv", "a\r\nb\n").read_bytes() == b"a\r\nb\n"


def test_a_failed_table_plot_or_text_write_keeps_the_previous_file(tmp_path, monkeypatch):
    csv_path = previous(tmp_path / "tables" / "gains-dev.csv")
    png_path = previous(tmp_path / "plots" / "gains-heatmap.png")
    txt_path = previous(tmp_path / "texts" / "xnli" / "en.txt")
    fail_rename_of(monkeypatch, "gains-dev.csv")
    with pytest.raises(OSError):
        _write_table([{"inter": "mnli", "gain": 1.0}], ("inter", "gain"), csv_path.with_suffix(""))
    fail_rename_of(monkeypatch, "gains-heatmap.png")
    with pytest.raises(OSError):
        plots.gain_heatmap({"mnli": {"xnli": 1.0}}, ["mnli"], ["xnli"], png_path, "gains")
    fail_rename_of(monkeypatch, "en.txt")
    with pytest.raises(OSError):
        write_texts(tmp_path / "texts", "xnli", "en", ["a new text"])
    for path in (csv_path, png_path, txt_path):
        assert path.read_bytes() == OLD
    assert temp_siblings(tmp_path) == []


def test_a_plot_is_the_png_savefig_renders(tmp_path):
    fig = Figure(figsize=(2, 2))
    fig.add_subplot().plot([0, 1], [1, 0])
    path = plots._save(fig, tmp_path / "plots" / "line.png")
    fig.savefig(tmp_path / "direct.png", format="png", dpi=110, bbox_inches="tight")
    assert path.read_bytes() == (tmp_path / "direct.png").read_bytes()


@pytest.mark.parametrize("output", ["report.md", "tables/scores-dev.csv", "plots/gains-heatmap.png",
                                    "claims.json"])
def test_a_report_run_failing_at_one_output_leaves_its_previous_version_whole(
        tmp_path, monkeypatch, write_scores, output):
    build_grid(write_scores)
    out = tmp_path / "results"
    target = previous(out / output)
    fail_rename_of(monkeypatch, target.name)
    config = tmp_path / "params.yaml"
    config.write_text("report:\n  bootstrap: 20\n  permutations: 20\n", encoding="utf-8")
    with pytest.raises(OSError, match="No space left"):
        main(["--scores", str(tmp_path / "scores"), "--out", str(out), "--params", str(config)])
    assert target.read_bytes() == OLD
    assert temp_siblings(out) == []


def test_report_config_with_a_key_twice_exits_2_with_the_params_loaders_message(
        tmp_path, capsys, write_scores):
    build_grid(write_scores)
    config = tmp_path / "params.yaml"
    config.write_text("profile: demo\nbase:\n  seed: 1\nbase:\n  seed: 2\n", encoding="utf-8")
    out = tmp_path / "results"

    code = main(["--scores", str(tmp_path / "scores"), "--out", str(out), "--params", str(config)])

    assert code == 2
    err = capsys.readouterr().err
    assert "line 4: key 'base' appears twice in one mapping (first at line 2)" in err
    with pytest.raises(ConfigError) as loaded:
        load_params(config)
    assert err.strip() == str(loaded.value)  # the one line every stage prints for this file
    assert not out.exists()


def test_report_config_that_is_empty_exits_2(tmp_path, capsys, write_scores):
    build_grid(write_scores)
    config = tmp_path / "params.yaml"
    config.write_text("# nothing\n", encoding="utf-8")
    code = main(["--scores", str(tmp_path / "scores"), "--out", str(tmp_path / "results"),
                 "--params", str(config)])
    assert code == 2
    assert "the file is empty" in capsys.readouterr().err
