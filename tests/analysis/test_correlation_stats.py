"""Pearson, Spearman, percentile bootstrap and permutation p-values on small hand-worked vectors."""

import math

import numpy as np
import pytest

from xstilts.analysis.correlation import correlate, correlate_by_target
from xstilts.analysis.stats import (
    bootstrap_ci,
    correlation_ci,
    pearson,
    permutation_pvalue,
    spearman,
)


def test_pearson_matches_the_definition():
    # x - mean = (-1, 0, 1); y - mean = (-7/3, -1/3, 8/3); sum of products = 5
    # |x - mean|^2 = 2, |y - mean|^2 = 114/9 -> r = 5 / sqrt(228/9) = 15 / sqrt(228)
    assert pearson([1, 2, 3], [2, 4, 7]) == pytest.approx(15 / math.sqrt(228))


def test_spearman_is_one_minus_six_sum_d_squared_without_ties():
    # ranks (1,2,3,4) vs (1,3,2,4): sum d^2 = 2 -> 1 - 6*2 / (4 * 15) = 0.8
    assert spearman([10, 20, 30, 40], [1, 3, 2, 4]) == pytest.approx(0.8)


def test_spearman_gives_tied_values_their_average_rank():
    # x ranks (1, 2.5, 2.5, 4): centred (-1.5, 0, 0, 1.5); y centred (-1.5, -0.5, 0.5, 1.5)
    # r = 4.5 / sqrt(4.5 * 5)
    assert spearman([1, 2, 2, 3], [1, 2, 3, 4]) == pytest.approx(4.5 / math.sqrt(22.5))


def test_correlation_with_a_constant_vector_is_undefined():
    assert math.isnan(pearson([1, 2, 3], [5, 5, 5]))
    assert math.isnan(spearman([1, 2, 3], [5, 5, 5]))


def test_bootstrap_ci_collapses_on_constant_data():
    mean_of_y = lambda xs, ys: ys.mean(axis=1)  # noqa: E731
    assert bootstrap_ci(mean_of_y, [1, 2, 3, 4], [5, 5, 5, 5], n_resamples=200) == (5.0, 5.0)


def test_bootstrap_ci_is_reproducible_with_a_seed():
    x, y = [1, 2, 3, 4, 5, 6], [2, 1, 4, 3, 6, 5]
    first = correlation_ci("pearson", x, y, n_resamples=300, seed=7)
    again = correlation_ci("pearson", x, y, n_resamples=300, seed=7)
    assert first == again
    assert first[0] <= pearson(x, y) <= first[1]


def test_bootstrap_ci_is_undefined_when_every_resample_is():
    low, high = correlation_ci("spearman", [1, 2, 3], [4, 4, 4], n_resamples=50)
    assert math.isnan(low) and math.isnan(high)


def test_exact_permutation_p_of_a_perfect_n4_relation_is_1_in_24_one_sided():
    # of the 4! = 24 orderings of y only the observed one reaches r = 1
    assert permutation_pvalue("pearson", [1, 2, 3, 4], [1, 2, 3, 4], alternative="greater") == \
        pytest.approx(1 / 24)


def test_exact_two_sided_permutation_p_also_counts_the_reversed_order():
    # r = 1 (observed) and r = -1 (reversed) are both as extreme: 2 / 24
    assert permutation_pvalue("spearman", [1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(2 / 24)


def test_monte_carlo_permutation_p_is_one_plus_hits_over_one_plus_resamples():
    # n = 9 is above the exact limit (9! > 8!); a perfect relation is reached by 2 of 9!
    # orderings, so 99 seeded draws find none and p = (1 + 0) / (1 + 99)
    x = np.arange(9.0)
    assert permutation_pvalue("pearson", x, x, n_resamples=99, seed=3) == pytest.approx(1 / 100)


def test_correlation_needs_three_pairs():
    result = correlate([1.0, 2.0], [3.0, 4.0])
    assert result.n == 2 and math.isnan(result.pearson) and math.isnan(result.spearman_p)


def test_correlations_are_reported_overall_and_per_target():
    sim = {("a", "xnli"): 1.0, ("b", "xnli"): 2.0, ("c", "xnli"): 3.0,
           ("a", "panx"): 3.0, ("b", "panx"): 2.0, ("c", "panx"): 1.0}
    gain = {k: v for k, v in sim.items()}  # gain equals similarity everywhere
    gain[("a", "panx")] = 0.0  # panx: gains (0, 2, 1) vs similarity (3, 2, 1)
    result = correlate_by_target(sim, gain, n_bootstrap=50, n_permutations=50)
    assert set(result) == {"overall", "xnli", "panx"}
    assert result["overall"].n == 6
    assert result["xnli"].spearman == pytest.approx(1.0)
    # panx ranks: similarity (3, 2, 1), gain (1, 3, 2): sum d^2 = 4 + 1 + 1 = 6 -> 1 - 36/24
    assert result["panx"].spearman == pytest.approx(-0.5)
