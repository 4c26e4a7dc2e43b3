"""Attention backend: on CUDA never cuDNN's (a new execution plan per sequence length) unless
asked; on CPU torch's own choice; always scoped to the step, never set process-wide."""

from __future__ import annotations

import contextlib

import pytest
import torch
from torch.nn.attention import SDPBackend

from xstilts.training.config import SDPA_BACKENDS, TrainConfig
from xstilts.training.device import attention_backends, sdpa_backends


def test_cuda_auto_allows_every_backend_but_cudnn():
    backends = sdpa_backends("cuda", "auto")
    assert SDPBackend.CUDNN_ATTENTION not in backends
    assert {SDPBackend.FLASH_ATTENTION, SDPBackend.EFFICIENT_ATTENTION, SDPBackend.MATH} <= set(
        backends
    )


def test_cpu_auto_and_torch_leave_torchs_choice():
    assert sdpa_backends("cpu", "auto") is None and sdpa_backends("cuda", "torch") is None
    assert isinstance(attention_backends(torch.device("cpu"), "auto"), contextlib.nullcontext)


@pytest.mark.parametrize("choice", [c for c in SDPA_BACKENDS if c not in ("auto", "torch")])
def test_a_named_backend_is_the_only_one_allowed(choice):
    assert len(sdpa_backends("cuda", choice)) == 1


def test_the_choice_is_scoped_to_the_with_block():
    before = torch.backends.cuda.cudnn_sdp_enabled()
    with attention_backends(torch.device("cuda"), "auto"):
        assert not torch.backends.cuda.cudnn_sdp_enabled()
    assert torch.backends.cuda.cudnn_sdp_enabled() == before


def test_unknown_backends_and_graphs_without_buckets_are_named():
    with pytest.raises(ValueError) as error:
        TrainConfig(sdpa_backend="cudnn9", length_buckets="maybe", cuda_graphs=True)
    assert "sdpa_backend" in str(error.value) and "length_buckets" in str(error.value)
    with pytest.raises(ValueError, match="cuda_graphs needs length_buckets"):
        TrainConfig(cuda_graphs=True, length_buckets="off")
