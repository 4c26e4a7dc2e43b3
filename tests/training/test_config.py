"""TrainConfig: every bad value is reported with its key and what is allowed."""

from __future__ import annotations

import pytest

from xstilts.training.config import TrainConfig


def test_defaults_are_the_jiant_replication_defaults():
    config = TrainConfig()
    assert (config.lr, config.weight_decay, config.warmup_ratio, config.max_grad_norm) == (
        1e-5,
        0.01,
        0.1,
        1.0,
    )
    assert (config.eval_every, config.eval_examples, config.patience) == (1000, 500, 30)


def test_every_invalid_value_is_named():
    with pytest.raises(ValueError) as error:
        TrainConfig(sampling="random", precision="fp16", batch_size=0)
    message = str(error.value)
    assert "sampling" in message and "'random'" in message and "uniform" in message
    assert "precision" in message and "bf16" in message
    assert "batch_size" in message


def test_unknown_keys_are_an_error():
    with pytest.raises(ValueError, match="unknown TrainConfig keys \\['learning_rate'\\]"):
        TrainConfig.from_dict({"learning_rate": 1e-5})
    assert TrainConfig.from_dict(TrainConfig(seed=3).to_dict()) == TrainConfig(seed=3)
