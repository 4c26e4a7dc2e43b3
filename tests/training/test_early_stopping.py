"""Early stopping (jiant's protocol): evaluate every N steps, stop after P evaluations without
improvement, reload the best weights. Scores come from the injected callback."""

from __future__ import annotations

import numpy as np
import torch

from tests.training.synthetic import NUM_LABELS, classification, fast_config
from xstilts.modeling.checkpoint import build_model
from xstilts.modeling.heads import HeadSpec
from xstilts.training.data import TaskData
from xstilts.training.early_stopping import dev_subset
from xstilts.training.loop import train

HEAD = HeadSpec("mnli", "classification", NUM_LABELS)


def test_training_stops_after_patience_and_reloads_the_best_weights(
    tiny_model_dir, tokens, tmp_path
):
    scripted = iter([0.5, 0.9, 0.6, 0.7, 0.8, 0.95])
    snapshots = []

    def evaluate(model) -> float:
        snapshots.append({k: v.clone() for k, v in model.state_dict().items()})
        return next(scripted)

    model = build_model(tiny_model_dir, [HEAD])
    config = fast_config(max_steps=40, eval_every=5, patience=3)
    result = train(
        model,
        [TaskData("mnli", HEAD, classification(200, 1))],
        config,
        tmp_path,
        tokens,
        evaluate=evaluate,
    )
    assert result.stopped_early
    assert result.steps == 25  # evals at 5..25: best at 10, then 3 without improvement
    assert (result.best_step, result.best_score) == (10, 0.9)
    assert result.evals == [[5, 0.5], [10, 0.9], [15, 0.6], [20, 0.7], [25, 0.8]]
    best = snapshots[1]
    assert all(torch.equal(v, best[k]) for k, v in model.state_dict().items())


def test_the_last_step_is_always_evaluated(tiny_model_dir, tokens, tmp_path):
    steps = []
    model = build_model(tiny_model_dir, [HEAD])
    config = fast_config(max_steps=12, eval_every=5, patience=0)
    result = train(
        model,
        [TaskData("mnli", HEAD, classification(200, 1))],
        config,
        tmp_path,
        tokens,
        evaluate=lambda m: float(len(steps)),
        metrics_callback=lambda s, m: steps.append(s) if "dev_score" in m else None,
    )
    assert steps == [5, 10, 12]
    assert result.best_step == 12


def test_dev_subset_keeps_whole_examples():
    from datasets import Dataset

    features = Dataset.from_dict({"example_index": [0, 0, 1, 2, 2, 2, 3], "x": list(range(7))})
    assert dev_subset(features, 2)["x"] == [0, 1, 2]
    assert len(dev_subset(features, 0)) == 7
    assert np.unique(dev_subset(features, 3)["example_index"]).tolist() == [0, 1, 2]
