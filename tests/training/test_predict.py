"""predict_logits: batched and padded internally, but each feature's logits equal those of the
feature run alone, in dataset order, without padding positions."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from tests.training.synthetic import BUILDERS, NUM_LABELS
from xstilts.modeling.checkpoint import build_model
from xstilts.modeling.heads import HeadSpec
from xstilts.training.collate import TokenIds, collate
from xstilts.training.predict import predict_logits


def alone(model, head, kind, ids):
    batch = collate(kind, {"input_ids": [ids]}, TokenIds(1, 1, 0, ()))
    with torch.no_grad():
        return model(head, **batch).logits[0].numpy()


@pytest.mark.parametrize(
    "kind", ["classification", "multiple_choice", "span_extraction", "tagging"]
)
def test_batched_logits_equal_each_feature_run_alone(kind, tiny_model_dir):
    head = HeadSpec("h", kind, NUM_LABELS if kind in ("classification", "tagging") else 0)
    model = build_model(tiny_model_dir, [head]).eval()
    features = BUILDERS[kind](13, seed=4)
    logits = predict_logits(model, features, "h", batch_size=4)
    for i, ids in enumerate(features["input_ids"]):
        expected = alone(model, "h", kind, ids)
        if kind == "span_extraction":
            got = np.stack([logits["start"][i], logits["end"][i]], axis=-1)
        else:
            got = logits[i]
        assert got.shape == expected.shape
        np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-5)
    if kind in ("classification", "multiple_choice"):
        assert logits.shape == (13, NUM_LABELS if kind == "classification" else 3)
        assert logits.dtype == np.float32


def test_prediction_leaves_the_model_in_its_mode(tiny_model_dir):
    model = build_model(tiny_model_dir, [HeadSpec("h", "classification", 3)])
    model.train()
    predict_logits(model, BUILDERS["classification"](5, seed=1), "h")
    assert model.training
