"""The `xstilts` command: one subcommand per pipeline stage (`stages/`) and a few tools (`tools/`,
`scaleout/`).

Each subcommand lives in its own module exposing `add_arguments(parser)` and `run`. The table
below names them; `load_command` imports only the one called, explicitly, so `xstilts --help`
and every DVC stage start fast (modules that import torch do so inside `run`).

A command that reads a params file (`--params`) gets it parsed and validated here, once: an
invalid file or option (the module's `check_args(args, params)`) exits 2 before any work or
MLflow run starts, and the module is called as `run(args, params)` with the typed params (None
where the file is optional and not given). Exit codes: 0 ok, 1 failure, 2 invalid input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from types import ModuleType

from xstilts import __version__
from xstilts.numerics import pin_cpu_numerics


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    tracked: bool  # a pipeline stage: runs inside its MLflow child run; tools get none
    params: bool = False  # reads --params: validated here, handed to run(args, params)


# In pipeline order; each name has its import in `load_command`.
COMMANDS: tuple[Command, ...] = (
    Command("validate", "check a params file (exit 2 listing every problem)", False),
    Command("tasks", "list the task registry (--json for tools)", False),
    Command("pipeline", "write dvc.yaml from params and the task registry", False, params=True),
    Command("fetch", "download every data source (pinned, sha256-checked)", True, params=True),
    Command("pretrain", "demo phase 1: build and MLM-pretrain the tiny model", True, params=True),
    Command("prepare", "tokenize every task into the feature cache", True, params=True),
    Command("intermediate", "phase 2: English intermediate training", True, params=True),
    Command("target", "phase 3: English fine-tuning + zero-shot predictions", True, params=True),
    Command("retrieval", "BUCC mining and Tatoeba from a checkpoint", True, params=True),
    Command("texts", "write each task's domain texts for the similarity study", True, params=True),
    Command("score", "score prediction folders exactly like XTREME", True, params=True),
    Command("score-run", "score one intermediate run (every split and seed)", True, params=True),
    Command("report", "claims report, tables, plots, domain similarity", True, params=True),
    Command("sync-runs", "replay MLflow runs spooled while a server was down", False),
    Command("grid", "run the grid's stages N at a time on this machine", False),
    Command("submit", "submit the grid's stages as SLURM jobs (submitit)", False),
)

# Stages that may run as several torchrun ranks (XSTILTS_NPROC_PER_NODE, training/distributed.py).
DATA_PARALLEL: frozenset[str] = frozenset({"target"})


def load_command(name: str) -> ModuleType:
    match name:
        case "validate":
            from xstilts.tools import validate as module
        case "tasks":
            from xstilts.tools import tasks as module
        case "pipeline":
            from xstilts.tools import pipeline as module
        case "fetch":
            from xstilts.stages import fetch as module
        case "pretrain":
            from xstilts.stages import pretrain as module
        case "prepare":
            from xstilts.stages import prepare as module
        case "intermediate":
            from xstilts.stages import intermediate as module
        case "target":
            from xstilts.stages import target as module
        case "retrieval":
            from xstilts.stages import retrieval as module
        case "texts":
            from xstilts.stages import texts as module
        case "score":
            from xstilts.tools import score as module
        case "score-run":
            from xstilts.stages import score as module
        case "report":
            from xstilts.stages import report as module
        case "sync-runs":
            from xstilts.tools import sync_runs as module
        case "grid":
            from xstilts.scaleout import local as module
        case "submit":
            from xstilts.scaleout import submit as module
        case _:
            raise KeyError(name)
    return module


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """All subcommands are listed; only `command`'s module is imported (each stage runs as its
    own process under DVC, so importing every module would cost seconds per stage)."""
    parser = argparse.ArgumentParser(
        prog="xstilts",
        description="X-STILTs reproduction: intermediate-task training and XTREME evaluation.",
    )
    parser.add_argument("--version", action="version", version=f"xstilts {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for c in COMMANDS:
        sp = sub.add_parser(c.name, help=c.help, description=c.help)
        if c.name == command:
            module = load_command(c.name)
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
        return _dispatch(str(command), args)
    except FolderInUseError as err:  # another stage on the same state or cache: no traceback
        print(f"xstilts {command}: {err}", file=sys.stderr)
        return 1


def run_untracked(argv: Sequence[str]) -> int:
    """`xstilts COMMAND ...` without its MLflow run (its params still validated once here):
    for tests and `python -m` runs of a stage module."""
    return _dispatch(argv[0], build_parser(argv[0]).parse_args(list(argv)), track=False)


def _dispatch(command: str, args: argparse.Namespace, *, track: bool = True) -> int:
    spec = next(c for c in COMMANDS if c.name == command)
    if not spec.params:
        return int(args._module.run(args) or 0)
    return _run_with_params(spec, args, track=track)


def _run_with_params(spec: Command, args: argparse.Namespace, *, track: bool = True) -> int:
    """Validate the params file and the command's own options (`check_args`) once, then run the
    command with the typed params; a pipeline stage runs inside its MLflow child run
    (stages/tracked.py). An invalid call exits 2 and creates nothing (no mlflow.db, mlruns/ or
    spool); a stage that fails is recorded FAILED."""
    from xstilts.stages.common import load_or_report

    params = None
    if args.params is not None:
        params = load_or_report(args.params)  # one line per problem on stderr
        if params is None:
            return 2
    check_args = getattr(args._module, "check_args", None)
    problems = check_args(args, params) if check_args is not None else []
    if problems:
        for problem in problems:
            print(f"xstilts {spec.name}: {problem}", file=sys.stderr)
        return 2
    if not (track and spec.tracked) or params is None:
        return int(args._module.run(args, params) or 0)
    from xstilts.stages.tracked import run_tracked_command, stage_name

    return run_tracked_command(stage_name(spec.name), params,
                               lambda: args._module.run(args, params), args.params)


if __name__ == "__main__":
    sys.exit(main())
