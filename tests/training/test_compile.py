"""config.compile: the torch.compile'd forward trains like the eager one (same data, same RNG)."""

from __future__ import annotations

import pytest

from tests.training.synthetic import NUM_LABELS, classification, fast_config
from xstilts.modeling.checkpoint import build_model
from xstilts.modeling.heads import HeadSpec
from xstilts.training.data import TaskData
from xstilts.training.loop import train

HEAD = HeadSpec("h", "classification", NUM_LABELS)


@pytest.mark.slow  # inductor compiles C++ kernels: ~40 s on two shared cores
def test_compiled_forward_trains_like_eager(tiny_model_dir, tokens, tmp_path):
    results = []
    for compiled in (False, True):
        model = build_model(tiny_model_dir, [HEAD])
        config = fast_config(max_steps=6, compile=compiled, device="cpu")  # fp32 numerics
        task = TaskData("t", HEAD, classification(100, 1))
        results.append(train(model, [task], config, tmp_path / str(compiled), tokens))
    eager, compiled = results
    assert compiled.steps == eager.steps == 6
    assert compiled.train_loss == pytest.approx(eager.train_loss, rel=1e-3)
