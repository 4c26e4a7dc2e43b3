"""Sentence classification and pairs: XLM-R pair layout, label ids, unlabelled rows."""

from __future__ import annotations

import pytest

from xstilts.data.featurize import UNLABELLED, UnknownLabelError, featurize_classification
from xstilts.tasks.schema import ClassificationExample

LABELS = ("contradiction", "entailment", "neutral")


def _pair(i: int, label: str | None = "entailment") -> ClassificationExample:
    return ClassificationExample(
        id=f"ex{i}", text_a="the cat sat on a mat", text_b="der hund lief im park", label=label
    )


def test_sentence_pair_uses_both_segments(tokenizer):
    cols = featurize_classification([_pair(0)], tokenizer, LABELS, max_length=64)
    ids = cols["input_ids"][0]
    a = tokenizer("the cat sat on a mat", add_special_tokens=False)["input_ids"]
    b = tokenizer("der hund lief im park", add_special_tokens=False)["input_ids"]
    cls, sep = tokenizer.cls_token_id, tokenizer.sep_token_id
    assert ids == [cls, *a, sep, sep, *b, sep]


def test_pair_truncation_keeps_both_segments(tokenizer):
    long = ClassificationExample("long", "the cat sat " * 40, "der hund lief " * 40, "neutral")
    ids = featurize_classification([long], tokenizer, LABELS, max_length=32)["input_ids"][0]
    sep = tokenizer.sep_token_id
    assert len(ids) == 32
    first_sep = ids.index(sep)
    assert ids[first_sep + 1] == sep and first_sep > 5 and len(ids) - first_sep > 5


def test_label_ids_follow_registry_order(tokenizer):
    examples = [_pair(i, label) for i, label in enumerate(("neutral", "contradiction", None))]
    cols = featurize_classification(examples, tokenizer, LABELS, max_length=64)
    assert cols["label"] == [2, 0, UNLABELLED]
    assert cols["example_index"] == [0, 1, 2]


def test_unknown_label_is_an_error(tokenizer):
    examples = [_pair(0), _pair(7, label="contradictory")]
    with pytest.raises(UnknownLabelError, match="'ex7'.*'contradictory'"):
        featurize_classification(examples, tokenizer, LABELS, max_length=64)
