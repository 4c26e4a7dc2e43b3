"""One entry point for the `predict` stage: a task's logits → its XTREME prediction file."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from xstilts.evaluation.classification import classification_predictions
from xstilts.evaluation.layout import layout_path
from xstilts.evaluation.span import decode_spans, span_logits_from_array
from xstilts.evaluation.tagging import tagging_predictions
from xstilts.evaluation.writers import write_answers, write_labels, write_tags

Predictions = list[str] | list[list[str]] | dict[str, str]


def split_span_logits(logits: Any) -> tuple[Sequence[np.ndarray], Sequence[np.ndarray]]:
    """Start and end logits from a `{"start", "end"}` mapping (what `predict_logits` returns),
    a `(start, end)` tuple, a `(features, length, 2)` array, or a list of per-feature
    `(length, 2)` arrays."""
    if isinstance(logits, Mapping):
        return logits["start"], logits["end"]
    if isinstance(logits, tuple) and len(logits) == 2:
        return logits[0], logits[1]
    if isinstance(logits, np.ndarray):
        return span_logits_from_array(logits)
    rows = [np.asarray(row) for row in logits]
    return [row[:, 0] for row in rows], [row[:, 1] for row in rows]


def predictions_from_logits(
    kind: str,
    logits: Any,
    features: Any,
    examples: Sequence[Any],
    labels: Sequence[str] = (),
    **span_options: Any,
) -> Predictions:
    """Classification → label per example; tagging → tags per sentence; span extraction →
    {question id: answer}. `span_options` go to `decode_spans` (n_best, max_answer_length,
    version_2_with_negative, null_score_diff_threshold)."""
    if kind == "classification":
        return classification_predictions(logits, features, labels, len(examples))
    if kind == "tagging":
        return tagging_predictions(logits, features, examples, labels)
    if kind == "span_extraction":
        start, end = split_span_logits(logits)
        return decode_spans(start, end, features, examples, **span_options)
    raise ValueError(
        f"no XTREME prediction format for kind {kind!r} "
        "(allowed: classification, tagging, span_extraction; retrieval has run_retrieval)"
    )


def write_predictions(
    root: str | Path, task: str, kind: str, split: str, lang: str, predictions: Predictions
) -> Path:
    """Write `<root>/<task>/<split>-<lang>.<ext>`; `root` = `predictions/<inter>/<split>`."""
    path = layout_path(root, task, split, lang, kind)
    if kind == "span_extraction" and isinstance(predictions, Mapping):
        return write_answers(path, predictions)
    if kind == "tagging" and isinstance(predictions, list):
        return write_tags(path, predictions)
    if kind == "classification" and isinstance(predictions, list):
        return write_labels(path, predictions)  # type: ignore[arg-type]
    raise TypeError(f"{task}: predictions of type {type(predictions).__name__} for kind {kind!r}")
