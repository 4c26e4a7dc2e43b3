"""Classification logits → XTREME label strings (XNLI, PAWS-X)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from xstilts.evaluation.features import column


def classification_predictions(
    logits: np.ndarray, features: Any, labels: Sequence[str], num_examples: int
) -> list[str]:
    """Argmax of each feature's logits, mapped to `labels[id]`, in example order.

    Label ids follow the order of the task's `labels` in the registry (INTERFACES.md), so
    the registry list is the only id→string map. Each example must have exactly one
    feature: a missing or doubled one would shift every later line of the file.
    """
    logits = np.asarray(logits)
    example_index = column(features, "example_index")
    if logits.ndim != 2 or logits.shape[0] != len(example_index):
        raise ValueError(
            f"expected logits of shape (num_features={len(example_index)}, num_labels), "
            f"got {logits.shape}"
        )
    if logits.shape[1] != len(labels):
        raise ValueError(
            f"logits have {logits.shape[1]} classes but the task has {len(labels)} labels "
            f"{list(labels)}: was the head trained for another task?"
        )
    predicted: list[str | None] = [None] * num_examples
    for row, ex in zip(np.argmax(logits, axis=1), example_index, strict=True):
        if not 0 <= ex < num_examples:
            raise ValueError(f"feature example_index {ex} outside 0..{num_examples - 1}")
        if predicted[ex] is not None:
            raise ValueError(f"example {ex} has more than one classification feature")
        predicted[ex] = labels[int(row)]
    missing = [i for i, label in enumerate(predicted) if label is None]
    if missing:
        raise ValueError(f"{len(missing)} examples have no feature (first: {missing[0]})")
    return [label for label in predicted if label is not None]
