"""Training step, side by side in one process: our loop vs the padded reference (bench/README.md).

    make bench       # = python -m bench.train_step --device cpu  (demo tiny model, 1 thread)
    make bench-gpu   # = python -m bench.train_step --device cuda (XLM-R Large shape, bf16)

For every case of bench/workloads.py both loops train the same model shape on the same
features, one after the other, `--rounds` times; each side keeps its fastest round (the CPU is
shared: the fastest round is the one least disturbed by other processes). Writes the device's
section of bench/results.json after every case, so a run cut short keeps what it measured.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import results
from bench.workloads import (
    CASES,
    CASES_BY_NAME,
    LARGE,
    Case,
    demo_tiny_shape,
    features,
    grid_speedup,
    peak_flops,
)

ROOT = Path(__file__).resolve().parents[1]
# (warm-up, timed) steps per side. Ours times more steps: its step cost follows the batch's
# length, so the timed window must hold a fair sample of batches; the reference's is fixed.
# QA steps cost ~5-10x a classification step on CPU.
CPU_STEPS = {"ours": (5, 40), "reference": (3, 10)}
CPU_QA_STEPS = {"ours": (3, 20), "reference": (2, 5)}
# Ours warms up longer: each length bucket's first batch pays allocator growth and kernel choice.
GPU_STEPS = {"ours": (12, 30), "reference": (5, 25), "reference_fp32": (3, 12)}
# GPU variants of our loop, measured after the main cases while the budget lasts: which of the
# two per-shape fixes does the work (issue [8]), the loop before them, and CUDA graphs.
GPU_VARIANTS: tuple[tuple[str, str, dict[str, Any]], ...] = (
    ("cls-b32", "before (cuDNN SDPA, no buckets)", {"sdpa_backend": "torch", "length_buckets": "off"}),
    ("cls-b32", "SDPA choice only", {"length_buckets": "off"}),
    ("cls-b32", "buckets only", {"sdpa_backend": "torch"}),
    ("cls-b4", "cuda_graphs", {"cuda_graphs": True}),
    ("qa-b16", "cuda_graphs", {"cuda_graphs": True}),
    ("cls-b32", "cuda_graphs", {"cuda_graphs": True}),
)
GRAPH_STEPS = (40, 25)  # compiling and capturing every bucket happens in the warm-up
# On CUDA the cases with targets in issue [8] come first, in case the budget runs out.
GPU_ORDER = ("cls-b32", "qa-b16", "cls-b4", "mc-b4", "tag-b32", "qa-b4")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    parser.add_argument("--cases", default=None,
                        help="comma-separated; default all (on CUDA the issue's targets first)")
    parser.add_argument("--rounds", type=int, default=None, help="default: 3 on CPU, 1 on CUDA")
    parser.add_argument("--features", type=int, default=2000, help="features per case")
    parser.add_argument("--params", type=Path, default=Path("demo/params.yaml"))
    parser.add_argument("--out", type=Path, default=results.RESULTS)
    parser.add_argument("--budget-s", type=float, default=450.0,
                        help="CUDA: start no run after this many seconds (device time is scarce)")
    parser.add_argument("--no-variants", action="store_true", help="CUDA: main cases only")
    return parser.parse_args()


def machine(device: str) -> dict[str, Any]:
    import torch
    import transformers

    info: dict[str, Any] = {
        "date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "torch": torch.__version__,
        "transformers": transformers.__version__,
        "python": platform.python_version(),
        "threads": torch.get_num_threads(),
        "load_average_1min": round(os.getloadavg()[0], 2),
    }
    if device == "cuda":
        info["device"] = torch.cuda.get_device_name()
    else:
        info["cpu_model"] = _cpu_model()
    return info


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


class _Budget:
    """Seconds left for starting runs; a run that overstays is interrupted (SIGALRM)."""

    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        return self.end - time.monotonic()

    def run(self, fn: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        left = int(self.left())
        if left <= 5:
            return {"skipped": "budget spent before this run started"}

        def stop(signum: int, frame: object) -> None:
            raise TimeoutError(f"interrupted after the remaining budget ({left} s)")

        previous = signal.signal(signal.SIGALRM, stop)
        signal.alarm(left)
        try:
            return fn()
        except Exception as error:  # OOM, compile failure, overstay: record it, measure the rest
            traceback.print_exc()
            return {"error": f"{type(error).__name__}: {error}"[:500]}
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)


def _best(runs: list[dict[str, Any]]) -> dict[str, Any]:
    done = [r for r in runs if "ms_per_step" in r]
    return min(done, key=lambda r: r["ms_per_step"]) if done else runs[-1]


def _mfu(run: dict[str, Any], peak: float | None) -> float | None:
    if peak is None or "model_flops_per_s" not in run:
        return None
    return round(run["model_flops_per_s"] / peak, 3)


def cpu_case(case: Case, shape: dict[str, Any], rounds: int, n: int) -> dict[str, Any]:
    from bench.ours import run_ours
    from bench.reference import run_reference

    columns = features(case, n, shape["vocab_size"], seed=1)
    steps = CPU_QA_STEPS if case.kind == "span_extraction" else CPU_STEPS
    ours_runs, ref_runs = [], []
    for _ in range(rounds):
        ours_runs.append(run_ours(case, shape, columns, "cpu", "fp32", *steps["ours"]))
        ref_runs.append(run_reference(case, shape, columns, "cpu", "fp32", *steps["reference"]))
    ours, ref = _best(ours_runs), _best(ref_runs)
    row = {
        **case.describe(),
        "ms_per_step": ours["ms_per_step"],
        "examples_per_s": ours["examples_per_s"],
        **results.pair(ours, ref),
        "ours": ours,
        "reference": ref,
        "rounds_ms_per_step": {
            "ours": [r["ms_per_step"] for r in ours_runs],
            "reference": [r["ms_per_step"] for r in ref_runs],
        },
        # The same ratio on the loops' own CPU time (fastest round each): the check that the
        # wall-time ratio is not an artefact of other processes' load on a shared machine.
        "thread_cpu_ms_per_step": min(r["thread_cpu_ms_per_step"] for r in ours_runs),
        "reference_thread_cpu_ms_per_step": min(r["thread_cpu_ms_per_step"] for r in ref_runs),
    }
    row["speedup_on_thread_cpu_time"] = round(
        row["reference_thread_cpu_ms_per_step"] / row["thread_cpu_ms_per_step"], 2
    )
    return row


def gpu_case(
    case: Case,
    shape: dict[str, Any],
    columns: dict[str, list],
    device: str,
    budget: _Budget,
    peak: float | None,
) -> dict[str, Any]:
    from bench.ours import run_ours
    from bench.reference import run_reference

    ours = budget.run(lambda: run_ours(case, shape, columns, device, "bf16", *GPU_STEPS["ours"]))
    ref = budget.run(
        lambda: run_reference(case, shape, columns, device, "bf16", *GPU_STEPS["reference"])
    )
    fp32 = budget.run(
        lambda: run_reference(case, shape, columns, device, "fp32", *GPU_STEPS["reference_fp32"])
    )
    row: dict[str, Any] = {**case.describe(), "ours": ours, "reference": ref,
                           "reference_fp32": fp32, "variants": {}}
    if "ms_per_step" in ours:
        row.update(
            ms_per_step=ours["ms_per_step"],
            examples_per_s=ours["examples_per_s"],
            mfu=_mfu(ours, peak),
            peak_gib=ours.get("peak_gib"),
            best_ms_per_step=ours["ms_per_step"],
            best_variant="default",
        )
        if "ms_per_step" in ref:
            row.update(results.pair(ours, ref), reference_mfu=_mfu(ref, peak))
        if "ms_per_step" in fp32:
            row.update(results.pair(ours, fp32, "reference_fp32"))
    return row


def gpu_plan(
    names: list[str],
    shape: dict[str, Any],
    device: str,
    n_features: int,
    budget: _Budget,
    peak: float | None,
    variants: tuple[tuple[str, str, dict[str, Any]], ...],
    save: Callable[[dict[str, dict[str, Any]]], None],
) -> dict[str, dict[str, Any]]:
    """The main cases (ours, bf16 and fp32 references), then `variants` of our loop while the
    budget lasts; `save` gets the rows after every case and variant."""
    from bench.ours import run_ours

    rows: dict[str, dict[str, Any]] = {}
    columns = {}
    for name in names:
        case = CASES_BY_NAME[name]
        columns[name] = features(case, n_features, shape["vocab_size"], seed=1)
        rows[name] = gpu_case(case, shape, columns[name], device, budget, peak)
        save(rows)
    for name, label, knobs in variants:
        if name not in rows:
            continue
        steps = GRAPH_STEPS if knobs.get("cuda_graphs") else GPU_STEPS["ours"]
        run = budget.run(lambda n=name, k=knobs, s=steps: run_ours(
            CASES_BY_NAME[n], shape, columns[n], device, "bf16", *s, **k))
        if "ms_per_step" in run:
            run["mfu"] = _mfu(run, peak)
        row = rows[name]
        row["variants"][label] = run
        if "ms_per_step" in run and run["ms_per_step"] < row.get("best_ms_per_step", 1e30):
            row.update(best_ms_per_step=run["ms_per_step"], best_variant=label)
        save(rows)
    return rows


def run_cpu(args: argparse.Namespace) -> None:
    import torch

    shape = demo_tiny_shape(args.params)
    torch.set_num_threads(shape["threads"])
    rounds = args.rounds or 3
    info = machine("cpu")
    info.update(
        command="make bench",
        model={**shape, "source": f"{args.params} pretrain.tiny, base.threads"},
        precision="fp32",
        rounds=rounds,
        train_speedup_definition=(
            "ours ÷ reference over the paper grid: total step time of all the grid's optimizer "
            "steps (workloads.GRID, REPRODUCE.md §4 step counts), reference over ours, each "
            "case's steps timed by that case; train_speedup_min: the slowest case alone"
        ),
        cases=[],
    )
    results.update(args.out, "cpu", info)
    rows = []
    for name in (args.cases or ",".join(c.name for c in CASES)).split(","):
        row = cpu_case(CASES_BY_NAME[name], shape, rounds, args.features)
        rows.append(row)
        print(json.dumps({k: row[k] for k in ("name", "ms_per_step", "reference_ms_per_step",
                                               "speedup_vs_reference")}), flush=True)
        speedups = {r["name"]: r["speedup_vs_reference"] for r in rows}
        slowest = min(speedups, key=speedups.get)
        results.update(args.out, "cpu", {
            "cases": rows,
            "train_speedup_vs_reference": grid_speedup(
                {r["name"]: r["ms_per_step"] for r in rows},
                {r["name"]: r["reference_ms_per_step"] for r in rows},
            ),
            "train_speedup_on_thread_cpu_time": grid_speedup(
                {r["name"]: r["thread_cpu_ms_per_step"] for r in rows},
                {r["name"]: r["reference_thread_cpu_ms_per_step"] for r in rows},
            ),
            "train_speedup_min": {"case": slowest, "speedup": speedups[slowest]},
            "train_speedup_geomean": results.geomean(list(speedups.values())),
        })


def run_gpu(args: argparse.Namespace) -> None:
    import torch

    if not torch.cuda.is_available():
        raise SystemExit("--device cuda: torch sees no CUDA device; the gpu section is left as is")
    # The fp32 reference is real fp32 (transformers' default), not TF32.
    torch.backends.cuda.matmul.allow_tf32 = False
    info = machine("cuda")
    peak = peak_flops(info["device"])
    info.update(
        command="make bench-gpu",
        model={**LARGE, "source": "XLM-R Large shape, random weights"},
        precision="bf16 autocast (ours and reference); reference_fp32: fp32",
        mfu_definition="model FLOPs of the real tokens (6·N + 12·L·H·t per token) ÷ time ÷ "
        f"dense bf16 peak ({peak} FLOP/s)",
        cases=[],
    )
    results.update(args.out, "gpu", info)
    gpu_plan(
        (args.cases or ",".join(GPU_ORDER)).split(","),
        LARGE,
        "cuda",
        args.features,
        _Budget(args.budget_s),
        peak,
        () if args.no_variants else GPU_VARIANTS,
        lambda rows: _save_gpu(args.out, rows),
    )


def _save_gpu(out: Path, rows: dict[str, dict[str, Any]]) -> None:
    ours = {n: r["ms_per_step"] for n, r in rows.items() if "ms_per_step" in r}
    reference = {n: r["reference_ms_per_step"] for n, r in rows.items()
                 if "reference_ms_per_step" in r}
    results.update(out, "gpu", {
        "cases": list(rows.values()),
        "train_speedup_vs_reference": grid_speedup(ours, reference),
        "train_speedup_definition": "as in the cpu section, against the bf16 reference",
    })
    print(json.dumps({n: {k: r.get(k) for k in ("ms_per_step", "reference_ms_per_step",
                                                 "best_ms_per_step", "best_variant")}
                      for n, r in rows.items()}), flush=True)


def main() -> None:
    args = parse_args()
    for var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        os.environ.setdefault(var, "1")
    (run_gpu if args.device == "cuda" else run_cpu)(args)
    print(results.markdown(results.load(args.out)))


if __name__ == "__main__":
    main()
