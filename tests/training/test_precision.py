"""Precision: bf16 autocast on CUDA, fp32 on CPU whatever the config says."""

from __future__ import annotations

import warnings

import pytest
import torch

from xstilts.training.device import autocast


@pytest.mark.parametrize("precision", ["auto", "bf16", "fp32"])
def test_cpu_always_computes_in_fp32(precision):
    with autocast(torch.device("cpu"), precision):
        out = torch.nn.Linear(4, 4)(torch.ones(2, 4))
    assert out.dtype == torch.float32


@pytest.mark.parametrize(("precision", "bf16"), [("auto", True), ("bf16", True), ("fp32", False)])
def test_cuda_uses_bf16_autocast_unless_fp32_is_asked(precision, bf16):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # CPU-only builds warn that CUDA autocast is disabled
        context = autocast(torch.device("cuda"), precision)
    if bf16:
        assert isinstance(context, torch.autocast)
        assert (context.device, context.fast_dtype) == ("cuda", torch.bfloat16)
    else:
        assert not isinstance(context, torch.autocast)
