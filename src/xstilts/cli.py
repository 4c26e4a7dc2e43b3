"""The `xstilts` command: one subcommand per pipeline stage (and a few tools).

Each subcommand lives in its own module exposing `add_arguments(parser)` and `run(args) -> int`;
this file only maps names to modules, so `xstilts --help` stays fast (modules that import
torch do so inside `run`). Exit codes: 0 ok, 1 failure, 2 invalid input (params, paths).
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
from collections.abc import Sequence

from xstilts import __version__
from xstilts.numerics import pin_cpu_numerics

# (subcommand, module, one-line help) in pipeline order.
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("validate", "xstilts.stages.validate", "check a params file (exit 2 listing every problem)"),
    ("tasks", "xstilts.tasks.cli", "list the task registry (--json for tools)"),
    ("demo-data", "xstilts.data.demo.cli", "generate the demo world: small data in real formats"),
    ("pipeline", "xstilts.stages.pipeline", "write dvc.yaml from params and the task registry"),
    ("fetch", "xstilts.data.fetch_cli", "download every data source (pinned, sha256-checked)"),
    ("build-tiny", "xstilts.stages.build_tiny", "demo phase 1: build a tiny XLM-R + tokenizer"),
    ("pretrain", "xstilts.stages.pretrain", "demo phase 1: MLM-pretrain the tiny model"),
    ("prepare", "xstilts.data.prepare_cli", "tokenize every task into the feature cache"),
    ("intermediate", "xstilts.stages.intermediate", "phase 2: English intermediate training"),
    ("target", "xstilts.stages.target", "phase 3: English fine-tuning + zero-shot predictions"),
    ("retrieval", "xstilts.evaluation.cli", "BUCC mining and Tatoeba from a checkpoint"),
    ("texts", "xstilts.stages.texts", "write each task's domain texts for the similarity study"),
    ("score", "xstilts.scoring.cli", "score prediction folders exactly like XTREME"),
    ("score-run", "xstilts.stages.score", "score one intermediate run (every split and seed)"),
    ("report", "xstilts.analysis.cli", "claims report, tables, plots, domain similarity"),
    ("sync-runs", "xstilts.tracking.cli", "replay MLflow runs spooled while a server was down"),
    ("grid", "xstilts.scaleout.local", "run the grid's stages N at a time on this machine"),
    ("submit", "xstilts.scaleout.submit", "submit the grid's stages as SLURM jobs (submitit)"),
)

# Stages that may run as several torchrun ranks (XSTILTS_NPROC_PER_NODE, training/distributed.py).
DATA_PARALLEL: frozenset[str] = frozenset({"target"})


def available_commands() -> list[tuple[str, str, str]]:
    """The subcommands whose module is installed (stages arrive one by one)."""
    return [c for c in COMMANDS if _installed(c[1])]


def _installed(module_name: str) -> bool:
    try:
        return importlib.util.find_spec(module_name) is not None
    except ModuleNotFoundError:  # a parent package is absent
        return False


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """All subcommands are listed; only `command`'s module is imported (each stage runs as its
    own process under DVC, so importing every module would cost seconds per stage)."""
    parser = argparse.ArgumentParser(
        prog="xstilts",
        description="X-STILTs reproduction: intermediate-task training and XTREME evaluation.",
    )
    parser.add_argument("--version", action="version", version=f"xstilts {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name, help_text in available_commands():
        sp = sub.add_parser(name, help=help_text, description=help_text)
        if name == command:
            module = importlib.import_module(module_name)
            module.add_arguments(sp)
            sp.set_defaults(_module=module)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:  # the `xstilts` command: pin before a subcommand module loads torch/numpy
        try:
            pin_cpu_numerics()
        except ValueError as err:
            print(f"xstilts: {err}", file=sys.stderr)
            return 2
    argv = list(sys.argv[1:] if argv is None else argv)
    command = next((a for a in argv if not a.startswith("-")), None)
    args = build_parser(command).parse_args(argv)
    if getattr(args, "_module", None) is None:
        build_parser().print_help()
        return 2
    if command in DATA_PARALLEL:
        from xstilts.training.distributed import relaunch_under_torchrun

        code = relaunch_under_torchrun(argv)
        if code is not None:  # the ranks ran the command
            return code
    from xstilts.locks import FolderInUseError

    try:
        if command in UNTRACKED:
            return int(args._module.run(args) or 0)
        return _run_tracked(command, args)
    except FolderInUseError as err:  # another stage on the same state or cache: no traceback
        print(f"xstilts {command}: {err}", file=sys.stderr)
        return 1


# Tools, not pipeline stages: they get no MLflow run.
UNTRACKED: frozenset[str | None] = frozenset(
    {"validate", "tasks", "sync-runs", "build-tiny", "demo-data", "pipeline", "grid", "submit"}
)


def _run_tracked(command: str | None, args: argparse.Namespace) -> int:
    """Run a stage command inside its MLflow child run (stages/tracked.py). The params file and
    the command's own options (`check_args`) are validated first: an invalid call exits 2 and
    creates nothing (no mlflow.db, mlruns/ or spool); a stage that fails is recorded FAILED."""
    from pathlib import Path

    params_file = getattr(args, "params", None) or getattr(args, "config", None)
    params = None
    if params_file is not None and Path(params_file).is_file():
        from xstilts.config import ConfigError, load_params

        try:
            params = load_params(params_file)
        except ConfigError:
            params = None
    if params is None:
        return int(args._module.run(args) or 0)
    check_args = getattr(args._module, "check_args", None)
    problems = check_args(args, params) if check_args is not None else []
    if problems:
        for problem in problems:
            print(f"xstilts {command}: {problem}", file=sys.stderr)
        return 2
    from xstilts.stages.tracked import run_tracked_command, stage_name

    return run_tracked_command(stage_name(str(command)), params, lambda: args._module.run(args))


if __name__ == "__main__":
    sys.exit(main())
