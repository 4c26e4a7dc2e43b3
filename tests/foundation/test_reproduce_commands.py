"""Every `xstilts` command REPRODUCE.md shows a reviewer is checked here (LESSONS.md: jiant's
guide named flags that never existed). `make` targets are exercised by CI itself.

Convention of REPRODUCE.md:
- ```bash blocks: commands that run here (no GPU, no network, nothing long). Every line starting
  with `.venv/bin/xstilts ` is executed from the repo root and must exit 0 within a time limit.
- ```console blocks: commands for a GPU machine, a DVC remote or Docker, written `$ command`.
  They are not executed; every `xstilts` command among them is parsed by the real argument
  parser, so a subcommand or flag that does not exist fails here.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
REPRODUCE = ROOT / "REPRODUCE.md"
TIME_LIMIT_S = 60  # these commands are meant to be light: validate, tasks, fetch --list, score
OFFLINE = {"HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
           "MLFLOW_HTTP_REQUEST_MAX_RETRIES": "0", "MLFLOW_HTTP_REQUEST_TIMEOUT": "5",
           "TOKENIZERS_PARALLELISM": "false"}
# Commands that need a GPU, the network, a remote, a container or a cluster: console blocks only.
NOT_HERE = ("dvc ", ".venv/bin/dvc ", "docker ", "mlflow ", ".venv/bin/mlflow ", "hf ",
            ".venv/bin/hf ", "sbatch ", "torchrun ", "make paper")
SHELL_OPERATORS = {"&&", "||", "|", ";", ">", ">>", "<"}


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"^ *```{lang}\n(.*?)^ *```", REPRODUCE.read_text(), flags=re.S | re.M)


def _logical_lines(block: str) -> list[str]:
    """Lines with backslash continuations joined, stripped."""
    return [ln.strip() for ln in re.sub(r"\\\n\s*", " ", block).splitlines() if ln.strip()]


def _bash_lines() -> list[str]:
    return [ln for b in _blocks("bash") for ln in _logical_lines(b)]


def _xstilts_commands() -> list[str]:
    return [ln for ln in _bash_lines() if ln.startswith(".venv/bin/xstilts ")]


def _console_xstilts_commands() -> list[str]:
    found = []
    for block in _blocks("console"):
        for line in _logical_lines(block):
            if not line.startswith("$ "):
                continue  # output, or the body of a file being shown
            command = re.sub(r"\s+#.*$", "", line[2:]).strip()  # a trailing comment
            if re.match(r"(\.venv/bin/|\.\./\.venv/bin/)?xstilts ", command):
                found.append(command)
    return found


def test_reproduce_md_shows_xstilts_commands() -> None:
    assert _xstilts_commands()
    assert _console_xstilts_commands()


@pytest.mark.parametrize("command", _xstilts_commands())
def test_reproduce_command_runs(command: str) -> None:
    argv = shlex.split(command, comments=True)
    argv[0] = str(Path(sys.executable).parent / "xstilts")
    env = {**os.environ, **OFFLINE}
    env.pop("MLFLOW_TRACKING_URI", None)
    result = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=False,
                            env=env, timeout=TIME_LIMIT_S)
    assert result.returncode == 0, result.stdout + result.stderr


def test_bash_blocks_hold_only_what_runs_here() -> None:
    misplaced = [ln for ln in _bash_lines() if ln.startswith(NOT_HERE)]
    assert not misplaced, f"put these in ```console blocks (they cannot run here): {misplaced}"


@pytest.mark.parametrize("command", _console_xstilts_commands())
def test_console_xstilts_command_parses(command: str) -> None:
    from xstilts.cli import build_parser

    words = shlex.split(command, comments=True)
    for i, word in enumerate(words):
        if word in SHELL_OPERATORS:
            words = words[:i]
            break
    argv = words[1:]
    subcommand = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser(subcommand)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse reports unknown flags or missing arguments this way
        pytest.fail(f"REPRODUCE.md shows a command the CLI rejects ({exc.code}): {command}")
    assert getattr(args, "_module", None) is not None, f"unknown subcommand: {command}"


def test_claims_map_lists_every_paper_claim_with_its_value() -> None:
    """Every C*/v1 claim of claims.yaml has a row in REPRODUCE.md's claims map that shows the
    claimed number, so the guide cannot drift from the file the report uses."""
    claims = yaml.safe_load((ROOT / "src/xstilts/analysis/claims.yaml").read_text())["claims"]
    text = REPRODUCE.read_text()
    for claim in claims:
        if claim["id"].startswith("ref-"):
            continue
        rows = [ln for ln in text.splitlines() if ln.startswith(f"| `{claim['id']}` |")]
        assert len(rows) == 1, f"claims map: expected one row for {claim['id']}, got {len(rows)}"
        value = claim["claimed"]
        shown = [] if isinstance(value, bool) else value if isinstance(value, list) else [value]
        for item in shown:
            assert f"{item}" in rows[0], f"{claim['id']}: claimed {item} not shown: {rows[0]}"
        if "tolerance" in claim and claim["compare"] == "approx":
            assert f"± {claim['tolerance']}" in rows[0], f"{claim['id']}: tolerance not shown"
    n_ref = sum(c["id"].startswith("ref-") for c in claims)
    assert f"{n_ref} entries `ref-*`" in text, "the reference-number summary gives another count"
