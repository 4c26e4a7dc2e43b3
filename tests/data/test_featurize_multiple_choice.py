"""Multiple choice: one row of ids per choice, so a batch is (examples x choices)."""

from __future__ import annotations

import pytest

from xstilts.data.featurize import UnknownLabelError, featurize_multiple_choice
from xstilts.tasks.schema import MultipleChoiceExample


def _example(i: int, label: int | None = 1) -> MultipleChoiceExample:
    return MultipleChoiceExample(
        id=f"q{i}",
        context="a person reads a book near the river",
        question="where is the person",
        choices=("in the park", "near the river", "on a mat", "in the songs"),
        label=label,
    )


def test_multiple_choice_shapes_batch_by_choices(tokenizer):
    import torch

    examples = [_example(i, label=i % 4) for i in range(3)]
    cols = featurize_multiple_choice(examples, tokenizer, max_length=64)
    assert [len(rows) for rows in cols["input_ids"]] == [4, 4, 4]
    assert cols["label"] == [0, 1, 2]
    # Each row pairs the context with question + that choice.
    for rows in cols["input_ids"]:
        for choice, row in zip(examples[0].choices, rows, strict=True):
            expected = tokenizer(examples[0].context, f"{examples[0].question} {choice}")
            assert row == expected["input_ids"]
    # Padded per batch, the rows form one (batch x choices x length) tensor.
    width = max(len(r) for rows in cols["input_ids"] for r in rows)
    pad = tokenizer.pad_token_id
    batch = torch.tensor(
        [[r + [pad] * (width - len(r)) for r in rows] for rows in cols["input_ids"]]
    )
    assert batch.shape == (3, 4, width)


def test_multiple_choice_label_outside_choices_is_an_error(tokenizer):
    with pytest.raises(UnknownLabelError, match="'q5'"):
        featurize_multiple_choice([_example(5, label=4)], tokenizer, max_length=64)


def test_multiple_choice_needs_equal_choice_counts(tokenizer):
    short = MultipleChoiceExample("q9", "", "which", ("a", "b"), 0)
    with pytest.raises(ValueError, match="'q9'"):
        featurize_multiple_choice([_example(0), short], tokenizer, max_length=64)
