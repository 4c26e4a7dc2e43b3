"""Cells per GPU: 1, 2, 4 intermediate cells (batch 4) training at once on one card.

    make bench-packing   # = python -m bench.packing --device cuda (XLM-R Large shape, bf16)

At batch 4 an XLM-R Large step is bound by the host (issue [8]: the GPU busy ~22 ms of an
~80 ms step), so several cells on one card may add up to more steps per second than one.
Each cell is its own process, as under `xstilts grid --per-gpu K`: it builds the model, waits
until every cell is ready, then times our training loop (bench/ours.py) on the `cls-b4` case.
Writes `<device>_packing` in bench/results.json: per K, each cell's ms/step and the aggregate
steps/s (sum over cells of 1000 / ms per step), and the gain over one cell.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import results
from bench.workloads import CASES_BY_NAME, LARGE, demo_tiny_shape, features

ROOT = Path(__file__).resolve().parents[1]
READY_TIMEOUT_S = 900


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", choices=["cpu", "cuda"], default="cuda")
    parser.add_argument("--cells", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--case", default="cls-b4", choices=sorted(CASES_BY_NAME))
    parser.add_argument("--warmup", type=int, default=12)
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--examples", type=int, default=2000)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    parser.add_argument("--worker", type=Path, default=None, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def shape_for(device: str) -> dict[str, Any]:
    """XLM-R Large on CUDA; the demo's tiny model on CPU (a check that the harness runs)."""
    if device == "cuda":
        return dict(LARGE)
    return demo_tiny_shape(ROOT / "demo" / "params.yaml")


def worker(args: argparse.Namespace) -> None:
    """One cell: build, signal ready, wait for the start file, time, write the result."""
    import torch

    from bench.ours import run_ours

    folder = args.worker
    shape = shape_for(args.device)
    torch.set_num_threads(int(shape.pop("threads", 1)))
    case = CASES_BY_NAME[args.case]
    columns = features(case, args.examples, shape["vocab_size"], seed=os.getpid())
    (folder / f"ready-{os.getpid()}").touch()
    deadline = time.monotonic() + READY_TIMEOUT_S
    while not (folder / "go").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    precision = "bf16" if args.device == "cuda" else "fp32"
    timed = run_ours(case, shape, columns, args.device, precision, args.warmup, args.steps)
    keep = ("ms_per_step", "examples_per_s", "steps_timed", "seconds")
    out = {k: timed[k] for k in keep if k in timed}
    (folder / f"result-{os.getpid()}.json").write_text(json.dumps(out))


def run_cells(args: argparse.Namespace, cells: int) -> dict[str, Any]:
    """K cell processes at once; their ms/step and the aggregate steps per second."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        command = [sys.executable, "-m", "bench.packing", "--worker", str(folder),
                   "--device", args.device, "--case", args.case, "--warmup", str(args.warmup),
                   "--steps", str(args.steps), "--examples", str(args.examples)]
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]))
        procs = [subprocess.Popen(command, cwd=ROOT, env=env) for _ in range(cells)]
        deadline = time.monotonic() + READY_TIMEOUT_S
        while len(list(folder.glob("ready-*"))) < cells and time.monotonic() < deadline:
            if any(p.poll() not in (None, 0) for p in procs):
                break
            time.sleep(0.05)
        (folder / "go").touch()
        codes = [p.wait() for p in procs]
        if any(codes):
            raise RuntimeError(f"a packing cell failed (exit codes {codes})")
        rows = [json.loads(p.read_text()) for p in sorted(folder.glob("result-*.json"))]
    ms = [r["ms_per_step"] for r in rows]
    return {"cells": cells, "ms_per_step": ms,
            "aggregate_steps_per_s": round(sum(1000.0 / m for m in ms), 3)}


def measure(args: argparse.Namespace) -> dict[str, Any]:
    import torch

    rows = {str(k): run_cells(args, k) for k in args.cells}
    one = rows.get("1", {}).get("aggregate_steps_per_s")
    for row in rows.values():
        row["gain_over_one_cell"] = round(row["aggregate_steps_per_s"] / one, 2) if one else None
    device = torch.cuda.get_device_name(0) if args.device == "cuda" else "cpu"
    return {"date": datetime.now(UTC).isoformat(timespec="seconds"), "device": device,
            "torch": torch.__version__, "case": args.case, "warmup": args.warmup,
            "steps": args.steps, "command": " ".join(sys.argv), "by_cells": rows}


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.worker is not None:
        worker(args)
        return
    section = measure(args)
    results.update(args.out, f"{args.device}_packing", section)
    for row in section["by_cells"].values():
        print(f"{row['cells']} cell(s): {row['aggregate_steps_per_s']} steps/s in all "
              f"(x{row['gain_over_one_cell']} of one cell); ms/step {row['ms_per_step']}")


if __name__ == "__main__":
    main()
