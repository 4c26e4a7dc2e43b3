"""Choosing the intermediate task by similarity: Spearman, top-1 hit, regret, and the baselines."""

import math

import pytest

from xstilts.analysis.selection import (
    evaluate_selection,
    fixed_choice,
    random_choice,
    score_ranking,
    summarize_selection,
)
from xstilts.analysis.similarity import oriented

GAINS = {"a": 3.0, "b": 1.0, "c": 2.0}


def test_regret_is_the_best_measured_gain_minus_the_gain_of_the_pick():
    # the most similar is b (0.9): gain 1 vs best 3 -> regret 2, not a hit
    result = score_ranking({"a": 0.1, "b": 0.9, "c": 0.5}, GAINS)
    assert (result.choice, result.regret, result.top1_hit) == ("b", 2.0, 0.0)


def test_spearman_compares_the_similarity_ranking_with_the_gain_ranking():
    # similarity ranks (1, 3, 2) vs gain ranks (3, 1, 2): sum d^2 = 8 -> 1 - 48/24 = -1
    assert score_ranking({"a": 0.1, "b": 0.9, "c": 0.5}, GAINS).spearman == pytest.approx(-1.0)


def test_a_perfect_predictor_hits_with_no_regret():
    result = score_ranking({"a": 0.9, "b": 0.1, "c": 0.5}, GAINS)
    assert (result.choice, result.top1_hit, result.regret) == ("a", 1.0, 0.0)
    assert result.spearman == pytest.approx(1.0)


def test_picking_one_of_several_tied_best_tasks_is_a_hit():
    result = score_ranking({"a": 0.0, "b": 1.0}, {"a": 2.0, "b": 2.0})
    assert (result.top1_hit, result.regret) == (1.0, 0.0)


def test_always_mnli_baseline_pays_the_gap_to_the_best_task():
    result = fixed_choice("mnli", {"mnli": 1.0, "squad": 4.0})
    assert (result.top1_hit, result.regret) == (0.0, 3.0)
    assert math.isnan(result.spearman)


def test_random_baseline_is_the_expectation_over_orderings():
    # top-1: 1 of 3 candidates is best; regret: 3 - mean(3, 1, 2) = 1; Spearman: 0
    result = random_choice(GAINS)
    assert (result.top1_hit, result.regret, result.spearman) == (pytest.approx(1 / 3), 1.0, 0.0)


def test_random_baseline_counts_ties_for_best():
    # two of three are tied for best -> 2/3; regret 3 - mean(3, 3, 0) = 1
    assert random_choice({"a": 3.0, "b": 3.0, "c": 0.0}).top1_hit == pytest.approx(2 / 3)


def test_distances_are_negated_so_the_closest_task_is_picked_first():
    assert oriented("mmd", 0.3) == -0.3 and oriented("frechet", 2.0) == -2.0
    assert oriented("vocab_overlap", 0.3) == 0.3


def test_selection_is_scored_per_target_with_both_baselines_and_averaged():
    gains = {"mnli": {"xnli": 0.0, "panx": 1.0}, "squad": {"xnli": 2.0, "panx": 3.0}}
    sim = {"m": {("mnli", "xnli"): 1.0, ("squad", "xnli"): 0.0,
                 ("mnli", "panx"): 0.0, ("squad", "panx"): 1.0}}
    result = evaluate_selection(sim, gains, ["mnli", "squad"])
    assert set(result) == {"m", "always-mnli", "random"}
    # m picks mnli on xnli (regret 2) and squad on panx (regret 0): mean regret 1, hit rate 1/2
    summary = summarize_selection(result["m"])
    assert (summary["regret"], summary["top1_hit_rate"]) == (1.0, 0.5)
    # always-mnli: regret 2 on both targets
    assert summarize_selection(result["always-mnli"])["regret"] == 2.0
