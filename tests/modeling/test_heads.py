"""Heads by name (jiant's task → head map) and multiple choice in one encoder pass."""

from __future__ import annotations

import pytest
import torch

from xstilts.modeling.checkpoint import build_model
from xstilts.modeling.heads import HeadSpec
from xstilts.training.data import TaskData, head_specs

# The registry's task → head map (written elsewhere); the engine takes it as input.
HEAD_OF = {"xnli": "mnli", "xquad": "squad", "mlqa": "squad", "tydiqa": "tydiqa"}
KIND = {
    "xnli": ("classification", 3),
    "xquad": ("span_extraction", 0),
    "mlqa": ("span_extraction", 0),
    "tydiqa": ("span_extraction", 0),
}


def test_xnli_uses_the_mnli_head_and_xquad_mlqa_share_the_squad_head(tiny_model_dir):
    tasks = [TaskData(t, HeadSpec(HEAD_OF[t], *KIND[t]), features=None) for t in HEAD_OF]
    model = build_model(tiny_model_dir, head_specs(tasks))
    assert list(model.heads) == ["mnli", "squad", "tydiqa"]
    by_task = {t.name: model.heads[t.head.name] for t in tasks}
    assert by_task["xquad"] is by_task["mlqa"]
    assert by_task["tydiqa"] is not by_task["xquad"]
    assert model.specs["mnli"].kind == "classification"


def test_one_head_name_with_two_specs_is_an_error():
    tasks = [
        TaskData("a", HeadSpec("shared", "classification", 3), None),
        TaskData("b", HeadSpec("shared", "classification", 2), None),
    ]
    with pytest.raises(ValueError, match="shared"):
        head_specs(tasks)


def test_multiple_choice_encodes_batch_times_choices_in_one_pass(tiny_model_dir):
    model = build_model(tiny_model_dir, [HeadSpec("hellaswag", "multiple_choice")])
    seen = []
    model.encoder.register_forward_hook(
        lambda module, args, kwargs, out: seen.append(kwargs["input_ids"].shape), with_kwargs=True
    )
    batch, choices, length = 3, 4, 7
    ids = torch.randint(5, 40, (batch, choices, length))
    out = model("hellaswag", ids, torch.ones_like(ids), labels=torch.tensor([0, 3, 1]))
    assert seen == [torch.Size([batch * choices, length])]
    assert out.logits.shape == (batch, choices)
    assert out.loss is not None and out.loss.requires_grad


def test_span_logits_never_point_into_padding(tiny_model_dir):
    model = build_model(tiny_model_dir, [HeadSpec("squad", "span_extraction")])
    ids = torch.tensor([[0, 12, 13, 2, 1, 1]])
    mask = torch.tensor([[1, 1, 1, 1, 0, 0]])
    logits = model("squad", ids, mask).logits
    assert logits.shape == (1, 6, 2)
    assert (logits[0, 4:] < -1e3).all()


def test_head_initialisation_is_seeded_and_leaves_the_global_rng_alone(tiny_model_dir):
    torch.manual_seed(123)
    before = torch.get_rng_state()
    a = build_model(tiny_model_dir, [HeadSpec("mnli", "classification", 3)], seed=5)
    assert torch.equal(torch.get_rng_state(), before)
    b = build_model(tiny_model_dir, [HeadSpec("mnli", "classification", 3)], seed=5)
    c = build_model(tiny_model_dir, [HeadSpec("mnli", "classification", 3)], seed=6)
    wa, wb, wc = (m.heads["mnli"].scorer.dense.weight for m in (a, b, c))
    assert torch.equal(wa, wb) and not torch.equal(wa, wc)


def test_mlm_loss_decodes_only_masked_tokens_and_equals_the_full_loss(tiny_model_dir):
    model = build_model(tiny_model_dir, [HeadSpec("mlm", "mlm")]).eval()
    ids = torch.randint(5, 40, (2, 9))
    mask = torch.ones_like(ids)
    labels = torch.full_like(ids, -100)
    labels[0, 3], labels[1, 5], labels[1, 6] = 11, 12, 13
    out = model("mlm", ids, mask, labels=labels)
    full = model("mlm", ids, mask).logits
    expected = torch.nn.functional.cross_entropy(full.flatten(0, 1), labels.flatten())
    assert out.logits.shape == (3, full.shape[-1])
    torch.testing.assert_close(out.loss, expected)
