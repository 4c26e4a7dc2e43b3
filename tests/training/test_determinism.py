"""Same seed on the same CPU → identical weights and metrics; another seed → another run."""

from __future__ import annotations

import torch

from tests.training.synthetic import NUM_LABELS, classification, fast_config, mlm
from xstilts.modeling.checkpoint import build_model
from xstilts.modeling.heads import HeadSpec
from xstilts.training.data import TaskData
from xstilts.training.loop import train

CLS = HeadSpec("cls", "classification", NUM_LABELS)
MLM = HeadSpec("mlm", "mlm")


def run(model_dir, run_dir, tokens, seed):
    model = build_model(model_dir, [CLS, MLM], seed=seed)
    # CPU: bitwise equality is a CPU promise (CUDA's atomics reorder sums between runs).
    config = fast_config(max_steps=15, seed=seed, mlm_ratio=0.3, device="cpu")
    result = train(
        model,
        [TaskData("c", CLS, classification(100, 1))],
        config,
        run_dir,
        tokens,
        mlm=TaskData("m", MLM, mlm(50, 2)),
    )
    return model.state_dict(), result.metrics()


def test_same_seed_gives_bitwise_identical_runs(tiny_model_dir, tokens, tmp_path):
    w1, m1 = run(tiny_model_dir, tmp_path / "a", tokens, seed=3)
    w2, m2 = run(tiny_model_dir, tmp_path / "b", tokens, seed=3)
    assert m1 == m2
    assert all(torch.equal(w1[k], w2[k]) for k in w1)


def test_another_seed_gives_another_run(tiny_model_dir, tokens, tmp_path):
    w1, m1 = run(tiny_model_dir, tmp_path / "a", tokens, seed=3)
    w2, m2 = run(tiny_model_dir, tmp_path / "b", tokens, seed=4)
    assert m1["train_loss"] != m2["train_loss"]
    assert not torch.equal(
        w1["encoder.embeddings.word_embeddings.weight"],
        w2["encoder.embeddings.word_embeddings.weight"],
    )
