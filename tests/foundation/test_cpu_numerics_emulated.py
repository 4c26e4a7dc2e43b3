"""Issue [9], on a real AVX2-only processor: an AMD EPYC Rome (Zen 2, AVX2, no AVX-512),
EMULATED with QEMU's user-mode emulator (`qemu-x86_64 -cpu EPYC-Rome`), trains the bits this
AVX-512 host trains, once CPU numerics are pinned.

Unlike test_cpu_numerics.py, which caps each library's kernels by environment, here every
library (torch/cpuinfo, oneDNN, MKL, numpy, OpenBLAS) asks the emulated CPU what it can do.
This found what the caps missed: torch.sqrt's CPU kernel is not correctly rounded and its bits
depend on the processor, so torch's per-tensor and foreach AdamW (which take it) train other
weights there, while the fused AdamW, which training/optim.py uses, does not. The controls
show the emulated processor does choose other kernels, so the comparison can fail.

QEMU is Debian's `qemu-user` (installed here when CI=true and running as root). Emulation is
slow: ~45 s per case.
"""

from __future__ import annotations

import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from tests.debian import apt_install
from tests.foundation.test_cpu_numerics import ADAMW_ENV, _host_has_avx512, _run_case

pytestmark = pytest.mark.integration

CPU_MODEL = "EPYC-Rome"  # AMD Zen 2: AVX2 and FMA, no AVX-512
CASES: dict[str, tuple[str, dict[str, str], bool]] = {  # mode, environment, emulated
    "portable-host": ("portable", {}, False),
    "portable-rome": ("portable", {}, True),
    "native-host": ("native", {}, False),
    "native-rome": ("native", {}, True),
    "per-tensor-adamw-host": ("portable", {ADAMW_ENV: "per-tensor"}, False),
    "per-tensor-adamw-rome": ("portable", {ADAMW_ENV: "per-tensor"}, True),
}


def _emulator() -> str:
    found = shutil.which("qemu-x86_64")
    if found:
        return found
    if os.environ.get("CI") != "true" or os.geteuid() != 0:
        pytest.skip("qemu-x86_64 not installed (Debian: apt-get install qemu-user); CI installs it")
    failed = apt_install("qemu-user")
    assert failed is None, f"cannot install qemu-user ({failed})"
    found = shutil.which("qemu-x86_64")
    assert found, "qemu-user installed but qemu-x86_64 not on PATH"
    return found


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    emulator = (_emulator(), "-cpu", CPU_MODEL)
    tmp = tmp_path_factory.mktemp("cpu-numerics-emulated")

    def one(name: str) -> dict[str, Any]:
        mode, env, emulated = CASES[name]
        return _run_case(name, tmp, (mode, env), emulator if emulated else ())

    with ThreadPoolExecutor(max_workers=max(1, min(len(CASES), os.cpu_count() or 1))) as pool:
        return dict(zip(CASES, pool.map(one, CASES), strict=True))


def test_the_emulated_epyc_has_avx2_and_no_avx512(results: dict) -> None:
    assert results["native-rome"]["capability"] == "AVX2"
    assert results["portable-rome"]["tags"]["cpu_numerics.portable"] == "true"


def test_pinned_the_avx2_epyc_trains_the_bits_of_this_host(results: dict) -> None:
    host, rome = results["portable-host"], results["portable-rome"]
    assert rome["torch"] == host["torch"], "tiny XLM-R weights differ on the AVX2 EPYC"
    assert rome["numpy"] == host["numpy"], "numpy/OpenBLAS results differ on the AVX2 EPYC"


@pytest.mark.skipif(not _host_has_avx512(), reason="host lacks AVX-512: AVX2 is its native choice")
def test_unpinned_the_avx2_epyc_and_this_host_differ(results: dict) -> None:
    assert results["native-host"]["capability"] == "AVX512"
    assert results["native-rome"]["torch"] != results["native-host"]["torch"]


def test_torchs_per_tensor_adamw_differs_on_the_avx2_epyc_even_pinned(results: dict) -> None:
    """Why training/optim.py takes the fused AdamW on CPU."""
    host, rome = results["per-tensor-adamw-host"], results["per-tensor-adamw-rome"]
    assert host["torch"] != results["portable-host"]["torch"]  # the knob changed the optimizer
    assert rome["torch"] != host["torch"]
