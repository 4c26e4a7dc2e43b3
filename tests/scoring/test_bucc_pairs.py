"""XTREME_SPEC.md §2.3: BUCC pair-set P/R/F1."""

from __future__ import annotations

import pytest

from xstilts.scoring import bucc_scores

GOLD = ["a\tb", "c\td"]
HALF = {"f1": pytest.approx(50.0), "precision": pytest.approx(50.0), "recall": pytest.approx(50.0)}


def test_bucc_duplicate_predictions_collapse_into_one_pair():
    assert bucc_scores(GOLD, ["a\tb", "a\tb", "x\ty"]) == HALF


def test_bucc_blank_line_counts_as_one_wrong_pair():
    assert bucc_scores(GOLD, ["a\tb", ""]) == HALF


def test_bucc_precision_and_recall_use_set_sizes():
    scores = bucc_scores(GOLD, ["a\tb"])
    # P = 1/1, R = 1/2, F1 = 2·1·0.5/1.5
    assert scores == {"f1": pytest.approx(200 / 3), "precision": pytest.approx(100.0),
                      "recall": pytest.approx(50.0)}


def test_bucc_no_correct_pair_scores_zero():
    assert bucc_scores(GOLD, ["c\tb"]) == {"f1": 0.0, "precision": 0.0, "recall": 0.0}
    assert bucc_scores(GOLD, []) == {"f1": 0.0, "precision": 0.0, "recall": 0.0}


def test_bucc_pairs_are_ordered_source_then_english():
    assert bucc_scores(GOLD, ["b\ta"])["f1"] == 0.0
