"""SQuAD-style answer decoding over all windows of a question (XQuAD, MLQA, TyDiQA-GoldP).

Follows the decoding XTREME's `run_squad` uses (XTREME_SPEC.md §5: n_best 20,
max_answer_length 30 tokens): for every window, the n best start and end positions, every
pair with start ≤ end and at most `max_answer_length` tokens, score = start + end logit; the
best pair over all windows of the question wins, and its characters are cut from the
context through the tokens' offsets.

One deliberate difference: positions outside the context (question and special tokens,
offsets `[-1, -1]`) are removed *before* taking the n best, not after. Taking them after
can leave no valid pair when the question's tokens crowd the top 20, which yields an empty
answer (scored 0); removing them first can only pick a valid span.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from xstilts.evaluation.features import column
from xstilts.tasks.schema import SpanExample

N_BEST = 20
MAX_ANSWER_LENGTH = 30


def span_logits_from_array(logits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Split a `(num_features, seq_len, 2)` span-head output into start and end logits."""
    logits = np.asarray(logits)
    if logits.ndim != 3 or logits.shape[-1] != 2:
        raise ValueError(f"expected span logits of shape (features, length, 2), got {logits.shape}")
    return logits[..., 0], logits[..., 1]


def _best_in_window(
    start: np.ndarray, end: np.ndarray, offsets: Sequence[Sequence[int]], n_best: int,
    max_answer_length: int,
) -> tuple[float, int, int] | None:
    """(score, start token, end token) of the best valid span of one window, or None."""
    context = np.array([tuple(o) != (-1, -1) for o in offsets], dtype=bool)
    positions = np.flatnonzero(context)
    if positions.size == 0:
        return None
    # Stable sorts: among equal logits the earlier token wins, so output is deterministic.
    starts = positions[np.argsort(-start[positions], kind="stable")[:n_best]]
    ends = positions[np.argsort(-end[positions], kind="stable")[:n_best]]
    length = ends[None, :] - starts[:, None] + 1
    valid = (length >= 1) & (length <= max_answer_length)
    if not valid.any():
        return None
    scores = np.where(valid, start[starts][:, None] + end[ends][None, :], -np.inf)
    i, j = np.unravel_index(int(np.argmax(scores)), scores.shape)
    return float(scores[i, j]), int(starts[i]), int(ends[j])


def decode_spans(
    start_logits: Sequence[np.ndarray],
    end_logits: Sequence[np.ndarray],
    features: Any,
    examples: Sequence[SpanExample],
    n_best: int = N_BEST,
    max_answer_length: int = MAX_ANSWER_LENGTH,
    version_2_with_negative: bool = False,
    null_score_diff_threshold: float = 0.0,
) -> dict[str, str]:
    """Question id → answer string for every example.

    `start_logits[f]` / `end_logits[f]` hold feature f's logits (a padded 2-D array or a list
    of 1-D arrays; positions past the feature's length are padding and ignored).
    With `version_2_with_negative` (SQuAD v2), the answer is empty when the best null score
    (`<s>` start + end, minimum over windows) beats the best span by more than
    `null_score_diff_threshold`, as in the HF/SQuAD v2 reference decoding.
    """
    offsets_col = column(features, "offsets")
    example_index = column(features, "example_index")
    if not len(start_logits) == len(end_logits) == len(offsets_col):
        raise ValueError(
            f"{len(start_logits)} start / {len(end_logits)} end logit rows for "
            f"{len(offsets_col)} features"
        )
    best: list[tuple[float, int, int, int] | None] = [None] * len(examples)
    null: list[float] = [np.inf] * len(examples)
    seen = [False] * len(examples)
    for f, (offsets, ex) in enumerate(zip(offsets_col, example_index, strict=True)):
        if not 0 <= ex < len(examples):
            raise ValueError(f"feature {f} has example_index {ex} outside 0..{len(examples) - 1}")
        seen[ex] = True
        start = np.asarray(start_logits[f], dtype=np.float64)[: len(offsets)]
        end = np.asarray(end_logits[f], dtype=np.float64)[: len(offsets)]
        if start.shape[0] < len(offsets) or end.shape[0] < len(offsets):
            raise ValueError(f"feature {f} has {len(offsets)} tokens but fewer logits")
        null[ex] = min(null[ex], float(start[0] + end[0]))
        found = _best_in_window(start, end, offsets, n_best, max_answer_length)
        if found is not None and (best[ex] is None or found[0] > best[ex][0]):
            best[ex] = (found[0], f, found[1], found[2])
    unseen = [examples[i].id for i, s in enumerate(seen) if not s]
    if unseen:
        raise ValueError(f"{len(unseen)} questions have no feature (first: {unseen[0]!r})")

    answers: dict[str, str] = {}
    for ex, example in enumerate(examples):
        chosen = best[ex]
        if chosen is None:
            answers[example.id] = ""
            continue
        score, f, s, e = chosen
        if version_2_with_negative and null[ex] - score > null_score_diff_threshold:
            answers[example.id] = ""
            continue
        offsets = offsets_col[f]
        answers[example.id] = example.context[offsets[s][0] : offsets[e][1]]
    return answers
