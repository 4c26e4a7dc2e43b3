"""AdamW without decay on biases and LayerNorm; linear warmup then linear decay to zero."""

from __future__ import annotations

import pytest
import torch

from xstilts.modeling.checkpoint import build_model
from xstilts.modeling.heads import HeadSpec
from xstilts.training.optim import build_optimizer, linear_schedule


def test_biases_and_layernorm_are_not_weight_decayed(tiny_model_dir):
    model = build_model(tiny_model_dir, [HeadSpec("h", "classification", 3)])
    optimizer = build_optimizer(model, lr=1e-3, weight_decay=0.01)
    decay_of = {id(p): g["weight_decay"] for g in optimizer.param_groups for p in g["params"]}
    names = dict(model.named_parameters())
    assert len(decay_of) == len(names)
    for name, param in names.items():
        expected = 0.0 if name.endswith("bias") or "LayerNorm" in name else 0.01
        assert decay_of[id(param)] == expected, name


def test_learning_rate_warms_up_linearly_then_decays_to_zero():
    param = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.AdamW([param], lr=1.0)
    schedule = linear_schedule(optimizer, warmup_steps=4, total_steps=12)
    lrs = []
    for _ in range(12):
        lrs.append(schedule.get_last_lr()[0])
        optimizer.step()
        schedule.step()
    lrs.append(schedule.get_last_lr()[0])
    assert lrs[:5] == pytest.approx([0, 0.25, 0.5, 0.75, 1.0])
    assert lrs[8] == pytest.approx(0.5)
    assert lrs[12] == 0.0


def test_the_optimizer_is_torchs_fused_adamw_on_cpu_too(tiny_model_dir):
    """The fused kernel on every device: on CPU it gives the same bits on AVX2 and AVX-512
    processors (tests/foundation/test_cpu_numerics.py), which the per-tensor loop does not."""
    model = build_model(tiny_model_dir, [HeadSpec("h", "classification", 3)])
    optimizer = build_optimizer(model, lr=1e-3, weight_decay=0.01)
    assert optimizer.defaults["fused"] is True


def test_cpu_updates_follow_torchs_per_tensor_adamw(tiny_model_dir):
    """Same update rule as torch's default per-tensor AdamW with the same decay groups: after
    20 steps the weights agree to float rounding (the kernels order their arithmetic
    differently, so not bit for bit)."""
    states = []
    for fused in (True, False):
        torch.manual_seed(0)
        model = build_model(tiny_model_dir, [HeadSpec("h", "classification", 3)])
        optimizer = build_optimizer(model, lr=1e-3, weight_decay=0.01)
        if not fused:
            groups = [
                {"params": g["params"], "weight_decay": g["weight_decay"]}
                for g in optimizer.param_groups
            ]
            optimizer = torch.optim.AdamW(groups, lr=1e-3, eps=1e-8)
            assert optimizer.defaults["foreach"] is None and not optimizer.defaults["fused"]
        schedule = linear_schedule(optimizer, warmup_steps=3, total_steps=20)
        generator = torch.Generator().manual_seed(1)
        for _ in range(20):
            ids = torch.randint(4, 40, (4, 12), generator=generator)
            labels = torch.randint(0, 3, (4,), generator=generator)
            model("h", ids, torch.ones_like(ids), labels=labels).loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0, foreach=True)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad(set_to_none=True)
        states.append(model.state_dict())
    for key in states[0]:
        torch.testing.assert_close(states[0][key], states[1][key], rtol=1e-4, atol=1e-5)
    # the weights did move: the comparison is not between two untouched models
    torch.manual_seed(0)
    start = build_model(tiny_model_dir, [HeadSpec("h", "classification", 3)]).state_dict()
    assert any(not torch.equal(start[k], states[0][k]) for k in start)
