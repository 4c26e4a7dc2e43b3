"""Feature lengths come from Arrow (fast on MNLI-sized data) and honour selections."""

from __future__ import annotations

import pytest
from datasets import Dataset

from xstilts.modeling.heads import HeadSpec
from xstilts.training.data import TaskData, feature_lengths


def test_lengths_of_plain_and_selected_features():
    features = Dataset.from_dict({"input_ids": [[1, 2, 3], [4], [5, 6]]})
    assert feature_lengths(features).tolist() == [3, 1, 2]
    assert feature_lengths(features.select([2, 0])).tolist() == [2, 3]


def test_multiple_choice_length_is_the_longest_choice():
    features = Dataset.from_dict({"input_ids": [[[1, 2], [3, 4, 5, 6]], [[7], [8]]]})
    assert feature_lengths(features).tolist() == [4, 1]


def test_missing_columns_are_named():
    task = TaskData(
        "squad",
        HeadSpec("squad", "span_extraction"),
        Dataset.from_dict({"input_ids": [[0, 2]], "start_position": [0]}),
    )
    with pytest.raises(ValueError, match="'squad'.*\\['end_position'\\]"):
        task.check_columns()
