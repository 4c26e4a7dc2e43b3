"""A kill at any moment leaves the old output or the new one, and the next run recovers; two
processes on one training state or cache are stopped with the pid of the first.

The kills are real (SIGKILL of a child process at a sync point: between the two renames of a
folder swap, and after a tiny model is written but before it is swapped into place).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from xstilts.fileio import aside_path, atomic_folder, recover_folder
from xstilts.locks import FolderInUseError, folder_lock
from xstilts.modeling.atomic import sweep_folder
from xstilts.modeling.tiny import is_complete_model
from xstilts.stages.state import training_state

ROOT = Path(__file__).resolve().parents[2]


def _killed_at(seam: str, body: str) -> None:
    """Run `body` in a child process that SIGKILLs itself when it reaches `module.function`."""
    module, function = seam.rsplit(".", 1)
    code = (
        "import os, signal, importlib\n"
        f"importlib.import_module({module!r}).{function} = "
        "lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)\n" + body
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == -9, done.stderr  # killed at the seam, not finished or crashed


def _folder(path: Path, text: str) -> Path:
    path.mkdir(parents=True)
    (path / "data.txt").write_text(text)
    return path


def test_a_folder_swap_killed_between_its_renames_keeps_the_old_folder(tmp_path: Path) -> None:
    final = _folder(tmp_path / "out", "old")
    _killed_at("xstilts.fileio._between_renames", (
        "from xstilts.fileio import atomic_folder\n"
        f"with atomic_folder({str(final)!r}) as tmp:\n"
        "    (tmp / 'data.txt').write_text('new')\n"))
    # The kill left the final name empty: the old copy is whole, aside.
    assert not final.exists()
    assert (aside_path(final) / "data.txt").read_text() == "old"
    recover_folder(final)  # what every writer does first
    assert (final / "data.txt").read_text() == "old"
    assert not aside_path(final).exists()


def test_the_next_write_after_a_killed_swap_restores_then_replaces(tmp_path: Path) -> None:
    final = _folder(tmp_path / "out", "old")
    _killed_at("xstilts.fileio._between_renames", (
        "from xstilts.fileio import atomic_folder\n"
        f"with atomic_folder({str(final)!r}) as tmp:\n"
        "    (tmp / 'data.txt').write_text('new')\n"))
    with pytest.raises(RuntimeError):  # a next run that fails keeps the old folder
        with atomic_folder(final) as tmp:
            raise RuntimeError("stage failed")
    assert (final / "data.txt").read_text() == "old"
    with atomic_folder(final) as tmp:
        (tmp / "data.txt").write_text("new")
    assert (final / "data.txt").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_prepare_cache_swap_killed_between_renames_is_recovered(tmp_path: Path) -> None:
    final = _folder(tmp_path / "prepared" / "xnli" / "dev-en", "old")
    _killed_at("xstilts.fileio._between_renames", (
        "from pathlib import Path\n"
        "from xstilts.fileio import atomic_folder\n"
        f"with atomic_folder(Path({str(final)!r})) as tmp:\n"
        "    (tmp / 'data.txt').write_text('new')\n"))
    assert not final.exists()
    with atomic_folder(final) as tmp:  # the next write recovers the swap first
        (tmp / "data.txt").write_text("newer")
    assert (final / "data.txt").read_text() == "newer"
    assert sorted(p.name for p in final.parent.iterdir()) == ["dev-en"]


def test_checkpoint_swap_killed_between_renames_is_recovered_by_the_stale_sweep(
    tmp_path: Path,
) -> None:
    final = _folder(tmp_path / "run" / "state", "old")
    _killed_at("xstilts.fileio._between_renames", (
        "from xstilts.fileio import atomic_folder\n"
        f"with atomic_folder({str(final)!r}) as tmp:\n"
        "    (tmp / 'data.txt').write_text('new')\n"))
    sweep_folder(final.parent)  # what a resumed run does first
    assert (final / "data.txt").read_text() == "old"
    with atomic_folder(final) as tmp:
        (tmp / "data.txt").write_text("new")
    assert (final / "data.txt").read_text() == "new"


def test_a_tiny_model_build_killed_mid_write_leaves_no_model(tmp_path: Path) -> None:
    out = tmp_path / "initial"
    _killed_at("xstilts.modeling.tiny._wrote_model", (
        "from tests.conftest import tiny_corpus\n"
        "from xstilts.modeling.tiny import TinyModelSpec, build_tiny_model\n"
        "spec = TinyModelSpec(vocab_size=300, hidden_size=32, num_layers=2, num_heads=2,\n"
        "                     intermediate_size=64, max_position=128)\n"
        f"build_tiny_model(tiny_corpus(), {str(out)!r}, spec)\n"))
    assert not out.exists()  # nothing for pretrain to reuse
    assert [p.name.startswith(".initial.tmp-") for p in tmp_path.iterdir()] == [True]
    from tests.conftest import tiny_corpus
    from xstilts.modeling.tiny import TinyModelSpec, build_tiny_model

    spec = TinyModelSpec(vocab_size=300, hidden_size=32, num_layers=2, num_heads=2,
                         intermediate_size=64, max_position=128)
    build_tiny_model(tiny_corpus(), out, spec)
    assert is_complete_model(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["initial"]  # the leftover is gone


def test_a_model_folder_without_tokenizer_files_is_not_reused(tiny_model_dir: Path,
                                                             tmp_path: Path) -> None:
    partial = tmp_path / "initial"
    partial.mkdir()
    (partial / "config.json").write_text((tiny_model_dir / "config.json").read_text())
    assert not is_complete_model(partial)  # pretrain rebuilds it instead of loading it
    assert is_complete_model(tiny_model_dir)


def test_a_second_process_on_one_training_state_is_stopped_with_the_pid(tmp_path: Path) -> None:
    with training_state("intermediate-mnli", {"a": 1}, tmp_path) as run_dir:
        run_dir.mkdir(parents=True)
        with pytest.raises(FolderInUseError, match=f"in use by pid {os.getpid()}"):
            with training_state("intermediate-mnli", {"a": 2}, tmp_path):
                pass
        assert run_dir.is_dir()  # the first one's state is untouched


def test_a_folder_lock_is_released_when_its_holder_ends(tmp_path: Path) -> None:
    folder = tmp_path / "prepared"
    with folder_lock(folder, "the prepare cache"):
        pass
    with folder_lock(folder, "the prepare cache"):  # free again
        pass
    holder = ("import os, signal\nfrom pathlib import Path\nfrom xstilts.locks import folder_lock\n"
              f"with folder_lock(Path({str(folder)!r})):\n"
              "    os.kill(os.getpid(), signal.SIGKILL)\n")
    done = subprocess.run([sys.executable, "-c", holder], cwd=ROOT, timeout=300)
    assert done.returncode == -9
    with folder_lock(folder):  # a holder killed outright never blocks later runs
        pass
