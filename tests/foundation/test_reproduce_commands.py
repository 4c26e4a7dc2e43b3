"""Every `xstilts` command REPRODUCE.md shows a reviewer is executed here (LESSONS.md: jiant's
guide named flags that never existed). `make` targets are exercised by CI itself."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _xstilts_commands() -> list[str]:
    text = (ROOT / "REPRODUCE.md").read_text()
    blocks = re.findall(r"```bash\n(.*?)```", text, flags=re.S)
    return [ln.strip() for b in blocks for ln in b.splitlines()
            if ln.strip().startswith(".venv/bin/xstilts ")]


def test_reproduce_md_shows_xstilts_commands() -> None:
    assert _xstilts_commands()


@pytest.mark.parametrize("command", _xstilts_commands())
def test_reproduce_command_runs(command: str) -> None:
    argv = shlex.split(command)
    argv[0] = str(Path(sys.executable).parent / "xstilts")
    result = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
