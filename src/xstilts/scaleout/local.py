"""`xstilts grid`: the grid on one machine, N concurrent `dvc repro -s STAGE` at a time.

Each worker is a slot bound to a GPU (`CUDA_VISIBLE_DEVICES`): `--gpus 0,1 --per-gpu 2` gives
four slots, two per card. A stage starts as soon as the stages it depends on in DVC's graph
have finished (graph.py), not when a whole layer has, and every lock is DVC's. A failed stage
stops only the stages that depend on it; the closing `dvc repro --keep-going` of
scripts/repro.sh names them.
"""

from __future__ import annotations

import argparse
import os
import queue
import subprocess
import sys
import time
from pathlib import Path

from xstilts.scaleout.graph import BLOCKED, run_graph, stage_graph
from xstilts.scaleout.waves import Wave, pipeline_stages, plan_waves, repro


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", type=Path, default=Path("."),
                        help="pipeline root holding dvc.yaml (default: current directory)")
    parser.add_argument("--workers", type=int, default=None,
                        help="stages at once (default: len(--gpus) x --per-gpu, or 1)")
    parser.add_argument("--gpus", default="",
                        help="comma-separated GPU indices to spread the workers over "
                             "(default: none set; CPU or whatever CUDA_VISIBLE_DEVICES says)")
    parser.add_argument("--per-gpu", type=int, default=1, help="workers per GPU (default 1)")
    parser.add_argument("--logs", type=Path, default=None,
                        help="one log per stage here (default: ROOT/.xstilts-state/grid)")
    parser.add_argument("--dry", action="store_true",
                        help="print the stages, each with what it waits for, and exit")


def worker_slots(workers: int | None, gpus: list[str], per_gpu: int) -> list[str | None]:
    """The CUDA_VISIBLE_DEVICES of each worker (None: left as it is)."""
    if per_gpu < 1:
        raise ValueError(f"--per-gpu must be at least 1, got {per_gpu}")
    if not gpus:
        return [None] * (workers or 1)
    slots: list[str | None] = [gpu for _ in range(per_gpu) for gpu in gpus]
    if workers is not None:
        if workers < 1:
            raise ValueError(f"--workers must be at least 1, got {workers}")
        slots = [slots[i % len(slots)] for i in range(workers)]
    return slots


class StageLauncher:
    """Runs one command (a stage's `dvc repro`) in a free worker slot, its output to a log."""

    def __init__(self, root: Path, slots: list[str | None], logs: Path) -> None:
        self.root, self.logs = root, logs
        self.free: queue.Queue[str | None] = queue.Queue()
        for slot in slots:
            self.free.put(slot)
        logs.mkdir(parents=True, exist_ok=True)

    def __call__(self, name: str, command: list[str]) -> int:
        slot = self.free.get()
        env = dict(os.environ)
        if slot is not None:
            env["CUDA_VISIBLE_DEVICES"] = slot
        start = time.monotonic()
        try:
            with open(self.logs / f"{name}.log", "w") as log:
                code = subprocess.run(command, cwd=self.root, env=env, stdout=log,
                                      stderr=subprocess.STDOUT, check=False).returncode
        finally:
            self.free.put(slot)
        gpu = "" if slot is None else f" [GPU {slot}]"
        print(f"grid: {'done  ' if code == 0 else 'FAILED'} {name}{gpu} "
              f"({time.monotonic() - start:.0f} s)", flush=True)
        return code


def split_setup(waves: list[Wave]) -> tuple[Wave | None, list[str]]:
    """The serial set-up wave (stages of kinds no wave names), and every other planned stage."""
    setup = next((w for w in waves if not w.parallel), None)
    return setup, [stage for w in waves if w.parallel for stage in w.stages]


def run(args: argparse.Namespace) -> int:
    gpus = [g.strip() for g in args.gpus.split(",") if g.strip()]
    try:
        slots = worker_slots(args.workers, gpus, args.per_gpu)
    except ValueError as err:
        print(f"grid: {err}", file=sys.stderr)
        return 2
    root = args.root
    setup, stages = split_setup(plan_waves(pipeline_stages(root)))
    preds = stage_graph(root, stages)
    if args.dry:
        if setup is not None:
            print(f"setup (one dvc repro first): {' '.join(setup.stages)}")
        print(f"{len(stages)} stages, {len(slots)} at a time, each once what it waits for is "
              "done:")
        for stage in stages:
            print(f"  {stage} <- {' '.join(sorted(preds[stage])) or '(nothing)'}")
        return 0
    launcher = StageLauncher(root, slots, args.logs or root / ".xstilts-state" / "grid")
    outcome: dict[str, int] = {}
    if setup is not None:
        outcome[setup.name] = launcher(setup.name, setup.commands()[0])
    if setup is None or outcome[setup.name] == 0:
        outcome |= run_graph(
            preds, lambda stage: launcher(stage, [*repro(), "--single-item", stage]), len(slots))
    failed = [name for name, code in outcome.items() if code not in (0, BLOCKED)]
    blocked = [name for name, code in outcome.items() if code == BLOCKED]
    if failed or blocked:
        print(f"grid: {len(failed)} failed ({', '.join(failed)}), {len(blocked)} not started "
              f"because of them; logs in {launcher.logs}; `dvc repro --keep-going` names what "
              "they blocked", file=sys.stderr)
        return 1
    return 0
