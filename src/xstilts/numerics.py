"""Portable CPU numerics: the same bits on every x86-64 host the pipeline runs on.

PyTorch, oneDNN, numpy and OpenBLAS pick their CPU kernels at run time from the host's
instruction set, and the AVX-512 kernels round differently from the AVX2 ones. An AMD EPYC with
AVX-512 and one with only AVX2 therefore trained different demo models (issue [9]). Measured with
torch 2.13, MKL 2024.2, oneDNN 3.12, numpy 2.4.6 and scipy's OpenBLAS 0.3.31, comparing fp32
outputs (and gradients) bitwise:

- ATen's vectorised kernels (`ATEN_CPU_CAPABILITY`): softmax, log_softmax and so cross_entropy,
  and SDPA attention differ between the avx2 and avx512 builds. linear, layer_norm, tanh, exp,
  reductions, embedding and boolean-index backward, dropout and AdamW (foreach) do not.
- oneDNN (`ONEDNN_MAX_CPU_ISA`): F.gelu runs oneDNN's JIT eltwise kernel; avx512_core and avx2
  give different bits.
- MKL sgemm on AMD ignores `MKL_ENABLE_INSTRUCTIONS` (same bits and speed under SSE4_2/AVX2/
  AVX512); its CNR mode (`MKL_CBWR`) fixes the code branch, cache-size blocking and reductions,
  so the GEMMs no longer depend on what MKL detects on a host. Measured: no slowdown.
- numpy (`NPY_DISABLE_CPU_FEATURES`): float64 exp and log have AVX-512 loops (the MMD of the
  similarity study); OpenBLAS (`OPENBLAS_CORETYPE`, numpy/scipy matmul: kNN retrieval,
  similarity) uses SkylakeX kernels with AVX-512, Zen/Haswell kernels (same bits) without.

- Not an instruction-set choice, and so not pinnable here: torch.sqrt's CPU kernel is not
  correctly rounded, and its bits depend on the processor itself. An AVX2-only AMD EPYC Rome
  (emulated by QEMU) gave other bits than this host with ATen pinned to AVX2 on both. torch's
  per-tensor and foreach AdamW take it; its fused AdamW does not, which is why
  training/optim.py uses the fused one on CPU (tests/foundation/test_cpu_numerics_emulated.py).

Portable mode (the default of every `xstilts` process) sets these variables to the AVX2 choice,
which every AVX2 or AVX-512 host computes identically. Set `XSTILTS_CPU_NUMERICS=native` for the
host's fastest kernels and no environment change at all. GPU work is unaffected: the variables
only steer CPU kernels (CUDA runs pin only their CPU-side collation and analysis).

Choice: portable mode replaces a different value a user set for one of these variables, because
the guarantee needs every portable run to use the same kernels; it says so on stderr, and
`native` keeps every value as set. The variables must be in place before torch and numpy load
(they are read when the libraries initialise), so the pin changes nothing in a process that has
already imported either (e.g. tests calling `xstilts.cli.main` in-process): switching kernels
half-way through a process would be worse than not switching. Children inherit the pinned
environment, so every process of a pipeline computes alike.
"""

from __future__ import annotations

import os
import platform
import sys
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field
from typing import TextIO

MODE_ENV = "XSTILTS_CPU_NUMERICS"
PORTABLE = "portable"
NATIVE = "native"
MODES: tuple[str, ...] = (PORTABLE, NATIVE)

# What an AVX2 host picks by itself, so an AVX-512 host computes exactly like it.
PORTABLE_SETTINGS: Mapping[str, str] = {
    # ATen's own kernels: softmax, log_softmax/cross_entropy, SDPA attention.
    "ATEN_CPU_CAPABILITY": "avx2",
    # oneDNN's JIT kernels: GELU.
    "ONEDNN_MAX_CPU_ISA": "AVX2",
    # MKL's conditional numerical reproducibility: fixed code branch, blocking and reductions
    # (on AMD CPUs MKL documents this as its AUTO branch in CNR mode).
    "MKL_CBWR": "AVX2",
    # numpy's and scipy's OpenBLAS: the kernels an AVX2 AMD (Zen) or Intel (Haswell) host picks.
    "OPENBLAS_CORETYPE": "Haswell",
    # numpy's AVX-512 loops (names of numpy 2.4, requirements.lock; never a baseline feature,
    # which numpy would refuse at import).
    "NPY_DISABLE_CPU_FEATURES": "X86_V4 AVX512_ICL AVX512_SPR",
}

# Libraries that read the variables when they load: once one is imported it is too late.
_READERS: tuple[str, ...] = ("torch", "numpy")
_X86_64: frozenset[str] = frozenset({"x86_64", "amd64"})


@dataclass(frozen=True)
class CpuNumerics:
    """What `pin_cpu_numerics` found and did."""

    mode: str  # PORTABLE or NATIVE
    applied: bool  # this process computes with PORTABLE_SETTINGS
    reason: str = ""  # why portable mode is not applied ("" when applied or native)
    overridden: dict[str, str] = field(default_factory=dict)  # variable -> the value replaced


def numerics_mode(environ: Mapping[str, str] | None = None) -> str:
    """`XSTILTS_CPU_NUMERICS` (default portable); ValueError names the accepted values."""
    env = os.environ if environ is None else environ
    mode = env.get(MODE_ENV, "").strip().lower() or PORTABLE
    if mode not in MODES:
        raise ValueError(f"{MODE_ENV}={env[MODE_ENV]!r}: expected one of {', '.join(MODES)}")
    return mode


def pin_cpu_numerics(
    environ: MutableMapping[str, str] | None = None,
    *,
    loaded: Mapping[str, object] | None = None,
    machine: str | None = None,
    stderr: TextIO | None = None,
) -> CpuNumerics:
    """Put PORTABLE_SETTINGS into `environ` (os.environ) unless the mode is native.

    Call before torch or numpy is imported. Nothing changes when the mode is native, off
    x86-64, or when torch/numpy are already in `loaded` (sys.modules). A different value the user
    set is replaced, with one line on `stderr`. Raises ValueError for an unknown mode.
    """
    env = os.environ if environ is None else environ
    mode = numerics_mode(env)
    if mode == NATIVE:
        return CpuNumerics(NATIVE, applied=False)
    if _is_pinned(env):
        return CpuNumerics(PORTABLE, applied=True)
    arch = (machine if machine is not None else platform.machine()).lower()
    if arch not in _X86_64:
        return CpuNumerics(PORTABLE, False, f"not x86-64 ({arch}): nothing to pin")
    modules = sys.modules if loaded is None else loaded
    early = [name for name in _READERS if name in modules]
    if early:
        return CpuNumerics(PORTABLE, False, f"{', '.join(early)} already imported: too late")
    overridden = {k: env[k] for k, v in PORTABLE_SETTINGS.items() if env.get(k, v) != v}
    env.update(PORTABLE_SETTINGS)
    if overridden:
        replaced = ", ".join(f"{k}={v!r} -> {PORTABLE_SETTINGS[k]!r}" for k, v in overridden.items())
        print(
            f"xstilts: portable CPU numerics replaced {replaced} ({MODE_ENV}=native keeps them)",
            file=sys.stderr if stderr is None else stderr,
        )
    return CpuNumerics(PORTABLE, applied=True, overridden=overridden)


def _is_pinned(env: Mapping[str, str]) -> bool:
    return all(env.get(k) == v for k, v in PORTABLE_SETTINGS.items())


def cpu_numerics_tags(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """Tracking tags for the effective CPU numerics: the mode, whether the portable settings are
    in force, each variable's value ("" when unset) and torch's kernel choice once it is loaded."""
    env = os.environ if environ is None else environ
    try:
        mode = numerics_mode(env)
    except ValueError:
        mode = f"invalid: {env.get(MODE_ENV, '')}"
    tags = {
        "cpu_numerics.mode": mode,
        "cpu_numerics.portable": str(_is_pinned(env)).lower(),
    }
    tags.update({f"cpu_numerics.{k}": env.get(k, "") for k in PORTABLE_SETTINGS})
    torch = sys.modules.get("torch")
    if torch is not None:
        tags["cpu_numerics.torch_capability"] = str(torch.backends.cpu.get_cpu_capability())
    return tags
