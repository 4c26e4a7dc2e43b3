"""`xstilts grid`: the grid on one machine, N concurrent `dvc repro -s STAGE` at a time.

Each worker is a slot bound to a GPU (`CUDA_VISIBLE_DEVICES`): `--gpus 0,1 --per-gpu 2` gives
four slots, two per card. Which stage runs next is only the order of the wave; what may run
together is DVC's graph (waves.py), and every lock is DVC's. A failed stage stops nothing else
in its wave; the closing `dvc repro --keep-going` of scripts/repro.sh names it.
"""

from __future__ import annotations

import argparse
import os
import queue
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from xstilts.scaleout.waves import Wave, pipeline_stages, plan_waves


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
    parser.add_argument("--dry", action="store_true", help="print the waves and exit")


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


def run_wave(wave: Wave, root: Path, slots: list[str | None], logs: Path) -> dict[str, int]:
    """Run a wave's commands, `len(slots)` at a time; {stage or wave name: exit code}."""
    free: queue.Queue[str | None] = queue.Queue()
    for slot in slots:
        free.put(slot)
    logs.mkdir(parents=True, exist_ok=True)

    def one(command: list[str]) -> tuple[str, int]:
        name = command[-1] if wave.parallel else wave.name
        slot = free.get()
        env = dict(os.environ)
        if slot is not None:
            env["CUDA_VISIBLE_DEVICES"] = slot
        start = time.monotonic()
        try:
            with open(logs / f"{name}.log", "w") as log:
                code = subprocess.run(command, cwd=root, env=env, stdout=log,
                                      stderr=subprocess.STDOUT, check=False).returncode
        finally:
            free.put(slot)
        gpu = "" if slot is None else f" [GPU {slot}]"
        print(f"grid: {'done  ' if code == 0 else 'FAILED'} {name}{gpu} "
              f"({time.monotonic() - start:.0f} s)", flush=True)
        return name, code

    commands = wave.commands()
    width = len(slots) if wave.parallel else 1
    with ThreadPoolExecutor(max_workers=max(1, width)) as pool:
        return dict(pool.map(one, commands))


def run(args: argparse.Namespace) -> int:
    gpus = [g.strip() for g in args.gpus.split(",") if g.strip()]
    try:
        slots = worker_slots(args.workers, gpus, args.per_gpu)
    except ValueError as err:
        print(f"grid: {err}", file=sys.stderr)
        return 2
    root = args.root
    waves = plan_waves(pipeline_stages(root))
    if args.dry:
        for wave in waves:
            mode = f"{len(slots)} at a time" if wave.parallel else "one dvc repro"
            print(f"{wave.name} ({len(wave.stages)} stages, {mode}): {' '.join(wave.stages)}")
        return 0
    logs = args.logs or root / ".xstilts-state" / "grid"
    failed = []
    for wave in waves:
        codes = run_wave(wave, root, slots, logs)
        failed += [name for name, code in codes.items() if code != 0]
    if failed:
        print(f"grid: {len(failed)} failed ({', '.join(failed)}); logs in {logs}; "
              "`dvc repro --keep-going` names what they blocked", file=sys.stderr)
        return 1
    return 0
