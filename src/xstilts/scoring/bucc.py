"""Pair-set precision/recall/F1 for BUCC 2018 mining (XTREME_SPEC.md §2.3)."""

from __future__ import annotations

from collections.abc import Sequence


def bucc_scores(labels: Sequence[str], predictions: Sequence[str]) -> dict[str, float]:
    """Compare the sets of TAB-split lines (normally `src_id<TAB>en_id`), ×100.

    Sets, so duplicate predictions collapse; a blank line is kept as the one-field pair
    ("",) and counts as a wrong prediction, as in XTREME. With no correct pair all three
    scores are 0 (XTREME returns 0 rather than dividing).
    """
    gold = {tuple(line.split("\t")) for line in labels}
    predicted = {tuple(line.split("\t")) for line in predictions}
    correct = len(gold & predicted)
    if correct == 0:
        return {"f1": 0.0, "precision": 0.0, "recall": 0.0}
    precision = correct / len(predicted)
    recall = correct / len(gold)
    f1 = 2 * precision * recall / (precision + recall)
    return {"f1": 100.0 * f1, "precision": 100.0 * precision, "recall": 100.0 * recall}
