"""Multiple choice (HellaSwag, CommonsenseQA, Cosmos QA) as (example x choices) inputs.

Each feature holds one row of ids per choice, so the model encodes a (batch x choices) tensor
in one pass (jiant looped over choices in Python; see LESSONS.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from xstilts.data.featurize.labels import UNLABELLED, UnknownLabelError
from xstilts.data.featurize.progress import progress_chunks
from xstilts.data.featurize.tokens import CHUNK, Columns, require_fast
from xstilts.tasks.schema import MultipleChoiceExample

if TYPE_CHECKING:
    from transformers import PreTrainedTokenizerBase


def choice_segments(example: MultipleChoiceExample, choice: str) -> tuple[str, str | None]:
    """The two segments for one choice: context first, then question + choice.

    With no context the question takes the first segment (CommonsenseQA); with neither, the
    choice stands alone.
    """
    context, question = example.context.strip(), example.question.strip()
    if context:
        return context, f"{question} {choice}".strip()
    if question:
        return question, choice
    return choice, None


def featurize_multiple_choice(
    examples: Sequence[MultipleChoiceExample],
    tokenizer: PreTrainedTokenizerBase,
    max_length: int,
) -> Columns:
    """`input_ids` is a list of choices per example; `label` the index of the right one."""
    require_fast(tokenizer)
    labels: list[int] = []
    n_choices = len(examples[0].choices) if examples else 0
    for ex in examples:
        if len(ex.choices) != n_choices or n_choices < 2:
            raise ValueError(
                f"example {ex.id!r} has {len(ex.choices)} choices, expected {n_choices} "
                "(every example of a task needs the same number, at least 2, to form a batch)"
            )
        if ex.label is not None and not 0 <= ex.label < n_choices:
            raise UnknownLabelError(
                f"example {ex.id!r}: label {ex.label} is not a choice index 0..{n_choices - 1}"
            )
        labels.append(UNLABELLED if ex.label is None else ex.label)

    input_ids: list[list[list[int]]] = []
    for batch in progress_chunks(examples, max(1, CHUNK // max(n_choices, 1)), "multiple choice"):
        segments = [choice_segments(ex, c) for ex in batch for c in ex.choices]
        rows = _encode_segments(tokenizer, segments, max_length)
        input_ids.extend(rows[i : i + n_choices] for i in range(0, len(rows), n_choices))
    return {"input_ids": input_ids, "label": labels, "example_index": list(range(len(examples)))}


def _encode_segments(
    tokenizer: PreTrainedTokenizerBase,
    segments: Sequence[tuple[str, str | None]],
    max_length: int,
) -> list[list[int]]:
    rows: list[list[int] | None] = [None] * len(segments)
    # The tokenizer takes a batch of pairs or a batch of singles, not a mix.
    for want_pair in (True, False):
        idx = [i for i, (_, b) in enumerate(segments) if (b is not None) == want_pair]
        if not idx:
            continue
        first = [segments[i][0] for i in idx]
        second = [segments[i][1] for i in idx] if want_pair else None
        encoded = tokenizer(first, second, truncation="longest_first", max_length=max_length)
        for i, ids in zip(idx, encoded["input_ids"], strict=True):
            rows[i] = ids
    return [r for r in rows if r is not None]
