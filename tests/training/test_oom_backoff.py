"""Done criterion (e): a CUDA out-of-memory error halves the micro-batch and doubles the
accumulation, once per occurrence, and the effective batch (and so the update) is unchanged."""

from __future__ import annotations

import logging

import torch

from tests.training.synthetic import NUM_LABELS, fast_config, tagging, without_dropout
from xstilts.modeling.checkpoint import build_model
from xstilts.modeling.heads import HeadSpec
from xstilts.training import step as step_lib
from xstilts.training.data import TaskData
from xstilts.training.loop import train

HEAD = HeadSpec("tag", "tagging", NUM_LABELS)


def run(model_dir, run_dir, tokens):
    # CPU, fp32: the split is compared at 1e-4, which bf16 autocast on CUDA would not meet.
    config = fast_config(max_steps=8, batch_size=8, grad_accum=2, device="cpu")
    model = build_model(model_dir, [HEAD])
    result = train(model, [TaskData("t", HEAD, tagging(64, seed=1))], config, run_dir, tokens)
    return model, result


def test_oom_halves_the_micro_batch_and_keeps_the_effective_batch(
    tiny_model_dir, tokens, tmp_path, monkeypatch, caplog
):
    model_dir = without_dropout(tiny_model_dir, tmp_path / "model")
    reference, reference_result = run(model_dir, tmp_path / "reference", tokens)

    real = step_lib.forward_backward
    calls = {"n": 0}

    def out_of_memory_once(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 5:  # inside step 2, after step 1's parts succeeded
            raise torch.cuda.OutOfMemoryError("CUDA out of memory (simulated)")
        return real(*args, **kwargs)

    monkeypatch.setattr(step_lib, "forward_backward", out_of_memory_once)
    with caplog.at_level(logging.WARNING, logger="xstilts.training"):
        model, result = run(model_dir, tmp_path / "oom", tokens)

    assert (result.micro_batch_size, result.grad_accum) == (4, 4)
    assert result.micro_batch_size * result.grad_accum == 8 * 2
    assert result.examples == reference_result.examples
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "out of memory at step 2" in warnings[0]
    expected = reference.state_dict()
    for name, value in model.state_dict().items():
        torch.testing.assert_close(value, expected[name], rtol=1e-4, atol=1e-5, msg=name)
