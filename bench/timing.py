"""Per-step clocks shared by both loops: a stamp after each optimizer step, warm-up dropped.

Wall time is the figure (examples/s). On CPU the calling thread's CPU time is kept too: with one
torch thread, forward, backward and optimizer all run on it, so its CPU time is the loop's own
work, which other processes on a shared machine do not inflate the way they inflate wall time.
"""

from __future__ import annotations

import gc
import statistics
import time
from typing import Any

import torch


class StepClock:
    """Stamps must follow a host sync (a `.item()`/float of the step's result), so on CUDA a
    step's interval covers its GPU work; both loops read their loss or grad norm every step."""

    def __init__(self, device: str) -> None:
        self.cuda = device.startswith("cuda")
        self.stamps: list[float] = []
        self.cpu_stamps: list[float] = []
        if self.cuda:
            torch.cuda.synchronize()
            torch.cuda.reset_peak_memory_stats()

    def stamp(self) -> None:
        self.stamps.append(time.perf_counter())
        self.cpu_stamps.append(time.thread_time())

    def summary(self, warmup: int, batch: int) -> dict[str, Any]:
        """Mean and median over the steps after `warmup` (stamp `warmup` starts the clock)."""
        timed = self.stamps[warmup:]
        if len(timed) < 2:
            raise RuntimeError(f"{len(self.stamps)} steps stamped, warm-up {warmup}: none timed")
        intervals = [b - a for a, b in zip(timed, timed[1:], strict=False)]
        seconds = timed[-1] - timed[0]
        out = {
            "steps_timed": len(intervals),
            "seconds": seconds,
            "ms_per_step": round(1000 * seconds / len(intervals), 2),
            "median_ms_per_step": round(1000 * statistics.median(intervals), 2),
            "max_ms_per_step": round(1000 * max(intervals), 2),
            "examples_per_s": round(batch * len(intervals) / seconds, 2),
        }
        if not self.cuda:
            cpu = self.cpu_stamps[warmup:]
            out["thread_cpu_ms_per_step"] = round(1000 * (cpu[-1] - cpu[0]) / len(intervals), 2)
        return out

    def memory(self) -> dict[str, Any]:
        if not self.cuda:
            return {}
        return {"peak_gib": round(torch.cuda.max_memory_allocated() / 2**30, 2)}

    def release(self) -> None:
        gc.collect()
        if self.cuda:
            torch.cuda.empty_cache()
