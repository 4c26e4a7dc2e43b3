"""Feature lengths come from Arrow (fast on MNLI-sized data) and honour selections."""

from __future__ import annotations

import numpy as np
import pytest
from datasets import Dataset

from xstilts.modeling.heads import HeadSpec
from xstilts.training.data import ColumnFeatures, TaskData, feature_lengths, fetch_rows


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


def test_in_memory_columns_read_like_a_dataset():
    """ColumnFeatures (for machines without datasets/Arrow) gives the loop the same lengths and
    rows as a datasets.Dataset of the same columns."""
    columns = {"input_ids": [[[1, 2], [3, 4, 5, 6]], [[7], [8]], [[9], [1, 2]]], "label": [0, 1, 1]}
    arrow, memory = Dataset.from_dict(columns), ColumnFeatures(columns)
    assert feature_lengths(memory).tolist() == feature_lengths(arrow).tolist() == [4, 1, 2]
    rows = np.array([2, 0])
    assert fetch_rows(memory.with_format(None), rows) == fetch_rows(arrow.with_format(None), rows)
    assert memory.column_names == arrow.column_names and len(memory) == len(arrow)
