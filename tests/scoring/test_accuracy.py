"""XTREME_SPEC.md §2.1: accuracy for XNLI, PAWS-X and Tatoeba."""

from __future__ import annotations

import pytest

from xstilts.scoring import ScoringError, accuracy


def test_accuracy_is_percent_of_equal_positions():
    gold = ["entailment", "neutral", "contradiction", "neutral"]
    pred = ["entailment", "neutral", "neutral", "neutral"]
    assert accuracy(gold, pred) == {"accuracy": 75.0}


def test_accuracy_compares_exact_strings_so_1_differs_from_1_0():
    assert accuracy(["1", "0"], ["1.0", "0"]) == {"accuracy": 50.0}


def test_tatoeba_bracketed_index_is_wrong():
    assert accuracy(["367"], ["[367]"]) == {"accuracy": 0.0}


def test_accuracy_needs_as_many_predictions_as_labels():
    with pytest.raises(ScoringError, match="2 predictions for 3 labels"):
        accuracy(["0", "1", "1"], ["0", "1"])


def test_accuracy_of_no_items_is_an_error():
    with pytest.raises(ScoringError, match="no items"):
        accuracy([], [])
