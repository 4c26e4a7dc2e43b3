"""GPU-hours of the paper grid from measured step times (REPRODUCE.md §4).

    python -m bench.gpu_hours [bench/results.json]

    GPU-h = Σ over training stages of  runs × optimizer steps per run × ms/step(case) / 3.6e6
            + prediction (≈ 0.1 GPU-h per target run) + retrieval (≈ 0.5 GPU-h per run)

ms/step(case) comes from the `gpu` section that `make bench-gpu` writes: our loop (default
settings, and the best variant measured) and the padded bf16 and fp32 references, on the card
named there. Steps per run are §4's (epochs × ⌈n / batch⌉ from the dataset sizes). Each stage is
timed by the benchmark case of its kind and batch size, at the case's length distribution, not
the task's own (at batch 4 the step is latency-bound, so the length matters little); CCG
(tagging at batch 4) is timed by cls-b4. The prediction and retrieval terms are §4's assumptions,
not measurements.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bench import results
from bench.workloads import GRID as STAGES

PREDICTION_H_PER_TARGET_RUN = 0.1  # §4 assumption A4, not measured
RETRIEVAL_H_PER_RUN = 0.5  # §4, not measured
RUNS = 13
LOOPS = {
    "ours (default settings)": "ms_per_step",
    "ours (best variant measured)": "best_ms_per_step",
    "padded reference, bf16": "reference_ms_per_step",
    "padded reference, fp32": "reference_fp32_ms_per_step",
}


def gpu_hours(ms_per_step: dict[str, float]) -> tuple[float, list[str]]:
    """Total GPU-h for step times per case; also the names of cases that were not measured."""
    missing = sorted({case for *_, case in STAGES if case not in ms_per_step})
    training = sum(
        runs * steps * ms_per_step[case] / 3.6e6
        for _, runs, steps, case in STAGES
        if case in ms_per_step
    )
    return training + RUNS * (PREDICTION_H_PER_TARGET_RUN + RETRIEVAL_H_PER_RUN), missing


def report(data: dict) -> str:
    gpu = data.get("gpu")
    if not gpu or not gpu.get("cases"):
        return (
            "No GPU figures in bench/results.json yet: run `make bench-gpu` on the GPU, then this "
            "again. Until then §4's estimate rests on its assumed t0, which is not a measurement."
        )
    lines = [
        f"Paper profile, one seed, on {gpu.get('device')} ({gpu.get('date')}):",
        "",
        "| loop | GPU-h | cases not measured |",
        "|---|---|---|",
    ]
    for label, key in LOOPS.items():
        times = {c["name"]: c[key] for c in gpu["cases"] if c.get(key)}
        total, missing = gpu_hours(times)
        lines.append(f"| {label} | {total:.0f} | {', '.join(missing) or '–'} |")
    lines.append("")
    lines.append("A case not measured contributes nothing: that row is a lower bound.")
    return "\n".join(lines)


if __name__ == "__main__":
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else results.RESULTS
    print(report(results.load(path)))
