"""config.cuda_graphs (static shapes per length bucket, CUDA graphs on CUDA) and the CUDA path
with buckets train like eager: fp32 tolerance on CPU, bf16 tolerance on CUDA. The CUDA tests run
where a GPU is present and are skipped elsewhere."""

from __future__ import annotations

import pytest
import torch

from tests.training.synthetic import NUM_LABELS, classification, fast_config, without_dropout
from xstilts.modeling.checkpoint import build_model
from xstilts.modeling.heads import HeadSpec
from xstilts.training.data import TaskData
from xstilts.training.loop import train

HEAD = HeadSpec("h", "classification", NUM_LABELS)
needs_cuda = pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
BF16 = {"rel": 2e-2, "abs": 2e-2}  # bf16 keeps 8 bits of mantissa: ~0.4% per rounding


def losses(model_dir, run_dir, tokens, **overrides):
    seen = []
    config = fast_config(max_steps=6, log_every=1, **overrides)
    # 96 rows of 7-19 tokens at batch 16: 6 full batches in two buckets (16, 32).
    task = TaskData("t", HEAD, classification(96, 1))
    train(build_model(model_dir, [HEAD]), [task], config, run_dir, tokens,
          metrics_callback=lambda step, m: seen.append(m["train_loss"]))
    return seen


@pytest.mark.slow  # inductor compiles C++ kernels per shape: ~1 min on two shared cores
def test_static_shape_compile_trains_like_eager_on_cpu(tiny_model_dir, tokens, tmp_path):
    model_dir = without_dropout(tiny_model_dir, tmp_path / "model")
    eager = losses(model_dir, tmp_path / "eager", tokens, device="cpu", length_buckets="on")
    graphed = losses(model_dir, tmp_path / "graphs", tokens, device="cpu", cuda_graphs=True)
    assert graphed == pytest.approx(eager, rel=1e-3)


@needs_cuda
def test_cuda_buckets_train_like_each_batchs_own_length(tiny_model_dir, tokens, tmp_path):
    model_dir = without_dropout(tiny_model_dir, tmp_path / "model")
    plain = losses(model_dir, tmp_path / "off", tokens, device="cuda", length_buckets="off")
    bucketed = losses(model_dir, tmp_path / "on", tokens, device="cuda", length_buckets="on")
    assert bucketed == pytest.approx(plain, **BF16)


@needs_cuda
@pytest.mark.slow  # compiles and captures one graph per shape
@pytest.mark.parametrize("grad_accum", [1, 2])  # 2: a replay must not overwrite kept gradients
def test_cuda_graphs_train_like_eager_in_bf16(grad_accum, tiny_model_dir, tokens, tmp_path):
    model_dir = without_dropout(tiny_model_dir, tmp_path / "model")
    common = {"device": "cuda", "grad_accum": grad_accum, "batch_size": 16 // grad_accum}
    eager = losses(model_dir, tmp_path / "eager", tokens, length_buckets="on", **common)
    graphed = losses(model_dir, tmp_path / "graphs", tokens, cuda_graphs=True, **common)
    assert graphed == pytest.approx(eager, **BF16)
