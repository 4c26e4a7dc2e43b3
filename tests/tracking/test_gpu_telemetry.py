"""GPU facts and usage from NVML. No GPU is used here: the GPU path runs against a SIMULATED
pynvml module (tests/tracking/conftest.py), the no-GPU path against one that fails like the real
module does on a machine without a driver."""

import sys

import pytest

from xstilts.tracking.gpu import GpuUsage, gpu_inventory


def test_without_a_gpu_there_are_no_gpu_fields_and_no_error(no_gpu):
    usage = GpuUsage()
    usage.sample()
    assert gpu_inventory() == {}
    assert usage.finish() == {}


def test_without_nvidia_ml_py_installed_there_are_no_gpu_fields(monkeypatch):
    monkeypatch.setitem(sys.modules, "pynvml", None)  # makes `import pynvml` raise ImportError
    assert gpu_inventory() == {}
    assert GpuUsage().finish() == {}


def test_simulated_gpu_is_named_with_driver_and_cuda_version(monkeypatch, fake_pynvml):
    monkeypatch.setitem(sys.modules, "pynvml", fake_pynvml())
    assert gpu_inventory() == {
        "gpu.count": "1",
        "gpu.name": "NVIDIA H100 80GB HBM3",
        "gpu.memory_total_mib": "81559",
        "gpu.driver_version": "550.54.15",
        "gpu.cuda_version": "12.4",
    }


def test_simulated_gpu_peak_memory_is_the_highest_sample(monkeypatch, fake_pynvml):
    monkeypatch.setitem(sys.modules, "pynvml", fake_pynvml(memory_used_mib=[1000, 5000, 3000]))
    usage = GpuUsage()  # samples 1000
    usage.sample()  # 5000
    assert usage.finish()["gpu.peak_memory_mib"] == pytest.approx(5000)  # finish samples 3000


def test_simulated_gpu_energy_is_the_counter_difference_in_joules(monkeypatch, fake_pynvml):
    monkeypatch.setitem(sys.modules, "pynvml", fake_pynvml(energy_mj=[1_000_000, 1_250_000]))
    assert GpuUsage().finish()["gpu.energy_joules"] == pytest.approx(250.0)


def test_only_the_gpus_in_cuda_visible_devices_are_reported(monkeypatch, fake_pynvml):
    nvml = fake_pynvml()
    asked: list[int] = []
    nvml.nvmlDeviceGetCount = lambda: 4
    nvml.nvmlDeviceGetHandleByIndex = lambda i: asked.append(i) or f"handle-{i}"
    monkeypatch.setitem(sys.modules, "pynvml", nvml)
    monkeypatch.setenv("CUDA_VISIBLE_DEVICES", "2")
    assert gpu_inventory()["gpu.count"] == "1"
    assert asked == [2]
