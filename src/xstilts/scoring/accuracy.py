"""Accuracy for XNLI, PAWS-X and Tatoeba (XTREME_SPEC.md §2.1)."""

from __future__ import annotations

from collections.abc import Sequence

from xstilts.scoring.errors import ScoringError


def accuracy(labels: Sequence[str], predictions: Sequence[str]) -> dict[str, float]:
    """100 · share of positions whose prediction string equals the label string.

    Exact string equality (readers already stripped the lines), so "1" != "1.0" and
    Tatoeba's "367" != "[367]": a formatting slip scores 0, as on the leaderboard.
    """
    if len(labels) != len(predictions):
        raise ScoringError(f"{len(predictions)} predictions for {len(labels)} labels")
    if not predictions:
        raise ScoringError("no items to score (accuracy of an empty file is undefined)")
    correct = sum(1 for label, prediction in zip(labels, predictions, strict=True)
                  if label == prediction)
    return {"accuracy": 100.0 * correct / len(predictions)}
