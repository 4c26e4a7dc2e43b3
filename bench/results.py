"""bench/results.json: one section per device ("cpu", "gpu"), each written only by a real run on
that device, merged so a CPU run keeps the GPU figures and the other way round; and its tables.

    python -m bench.results bench/results.json     # prints the README's markdown tables
"""

from __future__ import annotations

import json
import math
import os
import sys
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).with_name("results.json")


def load(path: Path = RESULTS) -> dict[str, Any]:
    path = Path(path)
    return json.loads(path.read_text()) if path.is_file() else {}


def update(path: Path, section: str, values: dict[str, Any]) -> None:
    """Merge `values` into `section` of the file (written atomically: a kill leaves the old file)."""
    path = Path(path)
    data = load(path)
    data.setdefault(section, {}).update(values)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=False) + "\n")
    os.replace(tmp, path)


def pair(ours: dict[str, Any], reference: dict[str, Any], prefix: str = "reference") -> dict:
    """The side-by-side figures of one case: ours, the reference, and ours ÷ reference."""
    return {
        f"{prefix}_ms_per_step": reference["ms_per_step"],
        f"{prefix}_examples_per_s": reference["examples_per_s"],
        f"speedup_vs_{prefix}": round(ours["examples_per_s"] / reference["examples_per_s"], 2),
    }


def geomean(values: list[float]) -> float:
    return round(math.exp(sum(math.log(v) for v in values) / len(values)), 2)


def _fmt(value: Any, unit: str = "") -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        value = f"{value:.3g}" if value < 1 else f"{value:.1f}"
    return f"{value}{unit}"


def cpu_table(cpu: dict[str, Any]) -> str:
    lines = [
        "| case | batch | ours ms/step | reference ms/step (pad 128/384, fp32) | ours ex/s | "
        "reference ex/s | ours ÷ reference | same, on CPU time |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for c in cpu.get("cases", []):
        lines.append(
            f"| {c['name']} | {c['batch']} | {_fmt(c['ms_per_step'])} | "
            f"{_fmt(c['reference_ms_per_step'])} | {_fmt(c['examples_per_s'])} | "
            f"{_fmt(c['reference_examples_per_s'])} | **{c['speedup_vs_reference']}×** | "
            f"{_fmt(c.get('speedup_on_thread_cpu_time'))}× |"
        )
    extra = []
    if "bucc_mining" in cpu:
        b = cpu["bucc_mining"]
        extra.append(
            f"BUCC mining {b['n_source']} × {b['n_english']} (dim {b['dim']}, "
            f"{b.get('torch_threads')} threads): "
            f"{b['total_seconds']} s ({b['knn_seconds']} s kNN both ways, "
            f"{b['margin_and_greedy_seconds']} s margin + 1-to-1)"
        )
    if "dvc_noop" in cpu:
        d = cpu["dvc_noop"]
        extra.append(
            f"DVC, paper graph ({d['stages']} stages, outputs present as placeholders): "
            + ", ".join(f"`{k}` {v} s" for k, v in d["seconds"].items())
        )
    return "\n".join(lines + [""] + [f"- {e}" for e in extra])


def gpu_table(gpu: dict[str, Any]) -> str:
    lines = [
        "| case | ours ms/step | best variant ms/step | ref bf16 ms/step | ref fp32 ms/step | "
        "ours ÷ ref bf16 | ours ÷ ref fp32 | MFU | peak GiB |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for c in gpu.get("cases", []):
        lines.append(
            f"| {c['name']} | {_fmt(c.get('ms_per_step'))} | {_fmt(c.get('best_ms_per_step'))} "
            f"({c.get('best_variant', '–')}) | {_fmt(c.get('reference_ms_per_step'))} | "
            f"{_fmt(c.get('reference_fp32_ms_per_step'))} | "
            f"{_fmt(c.get('speedup_vs_reference'))}× | "
            f"{_fmt(c.get('speedup_vs_reference_fp32'))}× | {_fmt(c.get('mfu'))} | "
            f"{_fmt(c.get('peak_gib'))} |"
        )
    return "\n".join(lines)


def markdown(data: dict[str, Any]) -> str:
    out = []
    if "cpu" in data:
        cpu = data["cpu"]
        slowest = cpu.get("train_speedup_min") or {}
        out.append(
            f"CPU ({cpu.get('cpu_model')}, {cpu.get('threads')} thread, demo tiny model, "
            f"{cpu.get('date')}): ours ÷ reference **{cpu.get('train_speedup_vs_reference')}×** "
            f"over the paper grid's steps; slowest case {slowest.get('case')} "
            f"{slowest.get('speedup')}×, geometric mean {cpu.get('train_speedup_geomean')}×; "
            f"on the loops' own CPU time {cpu.get('train_speedup_on_thread_cpu_time')}× "
            "over the grid\n"
        )
        out.append(cpu_table(cpu))
    if "gpu" in data:
        gpu = data["gpu"]
        out.append(
            f"\nGPU ({gpu.get('device')}, XLM-R Large shape, {gpu.get('date')}): ours ÷ bf16 "
            f"reference **{gpu.get('train_speedup_vs_reference')}×** over the paper grid's steps\n"
        )
        out.append(gpu_table(data["gpu"]))
    return "\n".join(out)


if __name__ == "__main__":
    print(markdown(load(Path(sys.argv[1]) if len(sys.argv) > 1 else RESULTS)))
