"""Length buckets (the GPU's few shapes): padding a batch up to its bucket changes no loss and
no gradient beyond float rounding, and a CPU run is unchanged unless buckets are asked for."""

from __future__ import annotations

import pytest
import torch

from tests.training.synthetic import (
    BUILDERS,
    NUM_LABELS,
    classification,
    fast_config,
    without_dropout,
)
from xstilts.modeling.checkpoint import build_model
from xstilts.modeling.heads import HeadSpec
from xstilts.training.collate import (
    LENGTH_BUCKETS,
    bucket_length,
    collate,
    mask_tokens,
    pad_to_bucket,
)
from xstilts.training.config import TrainConfig
from xstilts.training.data import TaskData
from xstilts.training.loop import train


def test_lengths_round_up_to_the_next_bucket():
    assert [bucket_length(n) for n in (1, 16, 17, 33, 128, 129, 384, 512)] == [
        16, 16, 32, 48, 128, 192, 384, 512,
    ]
    assert bucket_length(513) == bucket_length(640) == 640
    assert list(LENGTH_BUCKETS) == sorted(set(LENGTH_BUCKETS))


def test_padding_fills_ids_mask_and_token_labels_with_their_neutral_values(tokens):
    rows = {"input_ids": [[0, 11, 2], [0, 12, 13, 2]], "labels": [[-100, 1, -100], [-100, 0, 2, -100]]}
    batch = pad_to_bucket(collate("tagging", rows, tokens), tokens.pad_id)
    assert batch["input_ids"].shape == batch["labels"].shape == (2, 16)
    assert batch["input_ids"][0, 3:].eq(tokens.pad_id).all()
    assert batch["attention_mask"].sum().item() == 7
    assert batch["labels"][:, 4:].eq(-100).all()


def test_multiple_choice_pads_the_token_axis_of_every_choice(tokens):
    rows = {"input_ids": [[[0, 11, 2], [0, 12, 13, 14, 2]]], "label": [1]}
    batch = pad_to_bucket(collate("multiple_choice", rows, tokens), tokens.pad_id)
    assert batch["input_ids"].shape == (1, 2, 16) and batch["labels"].tolist() == [1]


def _loss_and_grads(model, head, kind, batch):
    model.zero_grad(set_to_none=True)
    out = model(head, **batch)
    out.loss_sum.backward()
    grads = {n: p.grad.clone() for n, p in model.named_parameters() if p.grad is not None}
    return out.loss_sum.detach(), grads


@pytest.mark.parametrize("kind", list(BUILDERS))
def test_a_bucket_padded_batch_has_the_same_loss_and_gradients(kind, tiny_model_dir, tokens):
    head = HeadSpec("h", kind, NUM_LABELS if kind in ("classification", "tagging") else 0)
    model = build_model(tiny_model_dir, [head]).eval()  # eval: no dropout, exact comparison
    rows = BUILDERS[kind](8, seed=3)[:]
    batch = collate(kind, rows, tokens)
    if kind == "mlm":
        batch = mask_tokens(batch, tokens, 0.3, torch.Generator().manual_seed(0))
    padded = pad_to_bucket(batch, tokens.pad_id)
    assert padded["input_ids"].shape[-1] == bucket_length(batch["input_ids"].shape[-1])
    assert padded["input_ids"].shape[-1] > batch["input_ids"].shape[-1]
    loss, grads = _loss_and_grads(model, "h", kind, batch)
    loss_padded, grads_padded = _loss_and_grads(model, "h", kind, padded)
    torch.testing.assert_close(loss_padded, loss, rtol=1e-5, atol=1e-5)
    assert grads.keys() == grads_padded.keys()
    for name, grad in grads.items():
        torch.testing.assert_close(grads_padded[name], grad, rtol=1e-4, atol=1e-6, msg=name)


def test_a_bucketed_cpu_run_trains_like_the_unbucketed_one(tiny_model_dir, tokens, tmp_path):
    model_dir = without_dropout(tiny_model_dir, tmp_path / "model")
    head = HeadSpec("h", "classification", NUM_LABELS)
    weights = []
    for buckets in ("off", "on"):
        model = build_model(model_dir, [head])
        config = fast_config(max_steps=8, device="cpu", length_buckets=buckets)
        train(model, [TaskData("t", head, classification(128, 1))], config, tmp_path / buckets, tokens)
        weights.append(model.state_dict())
    for name, value in weights[1].items():
        torch.testing.assert_close(value, weights[0][name], rtol=1e-4, atol=1e-5, msg=name)


def test_cpu_runs_keep_their_numbers_unless_buckets_are_asked_for(tiny_model_dir, tokens, tmp_path):
    """The GPU knobs' defaults change nothing on CPU: bitwise the same weights as with them off."""
    assert not TrainConfig().buckets_on("cpu") and TrainConfig().buckets_on("cuda")
    head = HeadSpec("h", "classification", NUM_LABELS)
    weights = []
    for name, extra in (("default", {}), ("off", {"length_buckets": "off", "sdpa_backend": "torch"})):
        model = build_model(tiny_model_dir, [head])
        config = fast_config(max_steps=5, device="cpu", **extra)
        train(model, [TaskData("t", head, classification(64, 1))], config, tmp_path / name, tokens)
        weights.append(model.state_dict())
    assert all(torch.equal(weights[0][k], weights[1][k]) for k in weights[0])
