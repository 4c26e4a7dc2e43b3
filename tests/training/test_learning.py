"""Done criterion (a): every head kind learns a small learnable rule with the tiny encoder."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from tests.training.synthetic import BUILDERS, FILLER, NUM_LABELS, fast_config
from xstilts.modeling.checkpoint import build_model
from xstilts.modeling.heads import HeadSpec
from xstilts.training.collate import collate, mask_tokens
from xstilts.training.data import TaskData
from xstilts.training.loop import train
from xstilts.training.predict import predict_logits

CHANCE = {
    "classification": 1 / NUM_LABELS,
    "multiple_choice": 1 / 3,
    "span_extraction": 1 / 10,  # guessing one start and one end among ≥ 10 tokens
    "tagging": 1 / NUM_LABELS,
    "mlm": 1 / len(FILLER),  # even knowing the answer is a filler id
}


def dev_score(model, kind, dev, tokens) -> float:
    if kind == "mlm":
        batch = collate("mlm", dev[:], tokens)
        batch = mask_tokens(batch, tokens, 0.15, torch.Generator().manual_seed(0))
        # The loop leaves the model on its device (CUDA when present): the batch follows it.
        device = next(model.parameters()).device
        batch = {k: v.to(device) for k, v in batch.items()}
        model.eval()
        with torch.no_grad():
            logits = model("h", batch["input_ids"], batch["attention_mask"]).logits
        picked = batch["labels"] != -100
        return float((logits.argmax(-1)[picked] == batch["labels"][picked]).float().mean().cpu())
    logits = predict_logits(model, dev, "h", batch_size=32)
    if kind in ("classification", "multiple_choice"):
        return float((logits.argmax(-1) == np.array(dev["label"])).mean())
    if kind == "span_extraction":
        hits = [
            s.argmax() == a and e.argmax() == b
            for s, e, a, b in zip(
                logits["start"],
                logits["end"],
                dev["start_position"],
                dev["end_position"],
                strict=True,
            )
        ]
        return float(np.mean(hits))
    gold = np.concatenate([np.array(y) for y in dev["labels"]])
    pred = np.concatenate([x.argmax(-1) for x in logits])
    return float((pred[gold != -100] == gold[gold != -100]).mean())


@pytest.mark.parametrize("kind", list(BUILDERS))
def test_each_head_kind_learns_its_rule(kind, tiny_model_dir, tokens, tmp_path):
    head = HeadSpec("h", kind, NUM_LABELS if kind in ("classification", "tagging") else 0)
    train_set, dev = BUILDERS[kind](400, seed=1), BUILDERS[kind](100, seed=2)
    model = build_model(tiny_model_dir, [head])
    before = dev_score(model, kind, dev, tokens)
    losses = []
    train(
        model,
        [TaskData("t", head, train_set)],
        fast_config(max_steps=150, lr=3e-3),
        tmp_path,
        tokens,
        metrics_callback=lambda step, m: losses.append(m["train_loss"]),
    )
    after = dev_score(model, kind, dev, tokens)
    assert losses[-1] < 0.8 * losses[0]
    assert after > max(before, 1.5 * CHANCE[kind])
