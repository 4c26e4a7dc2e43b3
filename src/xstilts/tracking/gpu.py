"""GPU facts and usage from NVML (nvidia-ml-py, imported as `pynvml`).

Every function here returns an empty result, never raises, when there is no usable GPU: no
`pynvml` package, no driver (`nvmlInit` raises `NVMLError_LibraryNotFound`, the case on CPU
machines), or a query the GPU does not support (energy needs Volta or newer).
"""

from __future__ import annotations

import os
import threading
from types import ModuleType
from typing import Any

_MIB = 1024 * 1024


def _open_nvml() -> ModuleType | None:
    """pynvml, initialised, or None when NVML is unusable here."""
    try:
        import pynvml
    except ImportError:
        return None
    try:
        pynvml.nvmlInit()
    except Exception:  # NVMLError and its subclasses; anything else is equally "no GPU"
        return None
    return pynvml


def _close_nvml(nvml: ModuleType) -> None:
    # nvmlInit/nvmlShutdown are reference counted, so this does not disturb MLflow's own
    # GPU monitor, which holds its own initialisation.
    try:
        nvml.nvmlShutdown()
    except Exception:
        pass


def _text(value: str | bytes) -> str:
    # Older nvidia-ml-py versions return bytes for names and versions.
    return value.decode() if isinstance(value, bytes) else str(value)


def _visible_handles(nvml: ModuleType) -> list[Any]:
    """Handles of the GPUs this process may use.

    NVML lists every GPU of the machine; CUDA_VISIBLE_DEVICES (indices or `GPU-` UUIDs)
    says which of them the stage actually runs on.
    """
    visible = os.environ.get("CUDA_VISIBLE_DEVICES")
    if visible is None:
        return [nvml.nvmlDeviceGetHandleByIndex(i) for i in range(nvml.nvmlDeviceGetCount())]
    handles = []
    for item in (part.strip() for part in visible.split(",")):
        if not item:
            continue
        if item.isdigit():
            handles.append(nvml.nvmlDeviceGetHandleByIndex(int(item)))
        else:
            handles.append(nvml.nvmlDeviceGetHandleByUUID(item))
    return handles


def _cuda_version(nvml: ModuleType) -> str:
    # NVML encodes the CUDA version the driver supports as 1000 * major + 10 * minor.
    getter = getattr(nvml, "nvmlSystemGetCudaDriverVersion_v2", None) or (
        nvml.nvmlSystemGetCudaDriverVersion
    )
    code = int(getter())
    return f"{code // 1000}.{(code % 1000) // 10}"


def gpu_inventory() -> dict[str, str]:
    """Tags naming the GPUs a run used: `gpu.count`, `gpu.name`, `gpu.memory_total_mib`,
    `gpu.driver_version`, `gpu.cuda_version`. Empty when there is no GPU."""
    nvml = _open_nvml()
    if nvml is None:
        return {}
    try:
        handles = _visible_handles(nvml)
        if not handles:
            return {}
        names = [_text(nvml.nvmlDeviceGetName(h)) for h in handles]
        tags = {
            "gpu.count": str(len(handles)),
            "gpu.name": ", ".join(dict.fromkeys(names)),
            "gpu.memory_total_mib": str(nvml.nvmlDeviceGetMemoryInfo(handles[0]).total // _MIB),
            "gpu.driver_version": _text(nvml.nvmlSystemGetDriverVersion()),
        }
        try:
            tags["gpu.cuda_version"] = _cuda_version(nvml)
        except Exception:
            pass
        return tags
    except Exception:
        return {}
    finally:
        _close_nvml(nvml)


class GpuUsage:
    """Peak device memory and energy of the visible GPUs between construction and `finish()`.

    NVML has no per-process peak, so peak memory is the highest device-wide `used` value seen by
    `sample()` (called at every system-metrics sample and at `finish()`); it includes other
    processes on the same GPU. Energy is the difference of NVML's cumulative energy counter.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._nvml = _open_nvml()
        self._handles: list[Any] = []
        self._energy_start_mj: dict[int, int] = {}
        self._peak_bytes: dict[int, int] = {}
        if self._nvml is None:
            return
        try:
            self._handles = _visible_handles(self._nvml)
        except Exception:
            self._handles = []
        for index, handle in enumerate(self._handles):
            try:
                self._energy_start_mj[index] = int(
                    self._nvml.nvmlDeviceGetTotalEnergyConsumption(handle)
                )
            except Exception:
                pass  # energy counter not supported on this GPU
        self.sample()

    def sample(self) -> None:
        """Record the current device memory use (cheap; safe from any thread)."""
        if self._nvml is None:
            return
        with self._lock:
            for index, handle in enumerate(self._handles):
                try:
                    used = int(self._nvml.nvmlDeviceGetMemoryInfo(handle).used)
                except Exception:
                    continue
                self._peak_bytes[index] = max(used, self._peak_bytes.get(index, 0))

    def finish(self) -> dict[str, float]:
        """Metrics `gpu.peak_memory_mib` (max over GPUs) and `gpu.energy_joules` (sum over GPUs),
        plus `gpu.<i>.…` per GPU when there are several. Empty when there is no GPU."""
        if self._nvml is None:
            return {}
        self.sample()
        metrics: dict[str, float] = {}
        energy_j: dict[int, float] = {}
        for index, start in self._energy_start_mj.items():
            try:
                end = int(self._nvml.nvmlDeviceGetTotalEnergyConsumption(self._handles[index]))
            except Exception:
                continue
            energy_j[index] = (end - start) / 1000.0  # counter is in millijoules
        if self._peak_bytes:
            metrics["gpu.peak_memory_mib"] = max(self._peak_bytes.values()) / _MIB
        if energy_j:
            metrics["gpu.energy_joules"] = sum(energy_j.values())
        if len(self._handles) > 1:
            for index, peak in self._peak_bytes.items():
                metrics[f"gpu.{index}.peak_memory_mib"] = peak / _MIB
            for index, joules in energy_j.items():
                metrics[f"gpu.{index}.energy_joules"] = joules
        _close_nvml(self._nvml)
        self._nvml = None
        return metrics
