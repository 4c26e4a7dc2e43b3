"""Distances between embedding sets, each checked against a value worked out by hand."""

import math

import numpy as np
import pytest

from xstilts.analysis.embedding_distance import (
    cosine_of_means,
    frechet_distance,
    median_bandwidth,
    mmd_rbf,
)


def test_cosine_of_means_compares_the_centroids():
    # means (0.5, 0.5) and (1, 0): 0.5 / (sqrt(0.5) * 1) = 1 / sqrt(2)
    x = np.array([[1.0, 0.0], [0.0, 1.0]])
    y = np.array([[1.0, 0.0], [1.0, 0.0]])
    assert cosine_of_means(x, y) == pytest.approx(1 / math.sqrt(2))


def test_median_heuristic_is_the_median_pairwise_distance_of_the_pooled_set():
    # pooled {0, 1, 2, 3}: distances 1,1,1,2,2,3 -> median 1.5
    assert median_bandwidth(np.array([0.0, 1.0]), np.array([2.0, 3.0])) == pytest.approx(1.5)


def test_unbiased_mmd_in_1d_with_median_bandwidth():
    # X = {0, 1}, Y = {2, 3}, sigma = 1.5, k(d) = exp(-d^2 / (2 * 1.5^2)) = exp(-d^2 / 4.5)
    # within X: (k(1) + k(1)) / (2 * 1) = k(1); within Y: k(1)
    # across:  2/4 * (k(2) + k(3) + k(1) + k(2))
    # MMD^2 = 1.5 k(1) - k(2) - 0.5 k(3)
    def k(d):
        return math.exp(-d * d / 4.5)

    expected = 1.5 * k(1) - k(2) - 0.5 * k(3)
    assert mmd_rbf(np.array([0.0, 1.0]), np.array([2.0, 3.0])) == pytest.approx(expected)


def test_unbiased_mmd_in_2d_with_given_bandwidth():
    # X = {(0,0), (1,0)}, Y = {(0,1), (1,1)}, sigma = 1: k = exp(-d^2 / 2)
    # within X = within Y = exp(-1/2); across: mean of {1, 2, 2, 1} squared distances
    #   = (2 exp(-1/2) + 2 exp(-1)) / 4
    # MMD^2 = 2 exp(-1/2) - 2 * (exp(-1/2) + exp(-1)) / 2 = exp(-1/2) - exp(-1)
    x = np.array([[0.0, 0.0], [1.0, 0.0]])
    y = np.array([[0.0, 1.0], [1.0, 1.0]])
    assert mmd_rbf(x, y, bandwidth=1.0) == pytest.approx(math.exp(-0.5) - math.exp(-1.0))


def test_unbiased_mmd_of_identical_sets_can_be_negative():
    # X = Y = {0, 1}: pooled distances 0,0,1,1,1,1 -> sigma = 1; within = exp(-1/2) each,
    # across = (1 + exp(-1/2) + exp(-1/2) + 1) / 4 -> MMD^2 = exp(-1/2) - 1 (the biased one is 0)
    x = np.array([0.0, 1.0])
    assert mmd_rbf(x, x) == pytest.approx(math.exp(-0.5) - 1.0)


def test_mmd_needs_two_points_per_side():
    with pytest.raises(ValueError, match="at least two"):
        mmd_rbf(np.array([0.0]), np.array([1.0, 2.0]))


def test_frechet_of_1d_gaussians_is_mean_gap_squared_plus_variance_terms():
    # X = {0, 2}: mean 1, variance (ddof=1) 2; Y = {3, 7}: mean 5, variance 8
    # (1 - 5)^2 + 2 + 8 - 2 sqrt(2 * 8) = 16 + 10 - 8 = 18
    assert frechet_distance(np.array([0.0, 2.0]), np.array([3.0, 7.0])) == pytest.approx(18.0)


def test_frechet_of_independent_dimensions_adds_up():
    # dimension 1 as above (18); dimension 2: X = {0, 0}, Y = {1, 1}, no variance -> (0 - 1)^2 = 1
    x = np.array([[0.0, 0.0], [2.0, 0.0]])
    y = np.array([[3.0, 1.0], [7.0, 1.0]])
    assert frechet_distance(x, y) == pytest.approx(19.0)


def test_frechet_trace_term_equals_the_matrix_square_root_formula():
    # The implementation avoids sqrtm; the textbook FID formula (scipy sqrtm, real part) must agree.
    from scipy.linalg import sqrtm

    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(7, 3)), rng.normal(size=(5, 3)) + 1.0
    cx, cy = np.cov(x, rowvar=False), np.cov(y, rowvar=False)
    mu = x.mean(axis=0) - y.mean(axis=0)
    textbook = mu @ mu + np.trace(cx + cy - 2 * np.real(sqrtm(cx @ cy)))
    assert frechet_distance(x, y) == pytest.approx(textbook)


def test_frechet_with_more_dimensions_than_sentences_matches_sqrtm_too():
    from scipy.linalg import sqrtm

    rng = np.random.default_rng(1)
    x, y = rng.normal(size=(4, 6)), rng.normal(size=(3, 6))
    cx, cy = np.cov(x, rowvar=False), np.cov(y, rowvar=False)
    mu = x.mean(axis=0) - y.mean(axis=0)
    textbook = mu @ mu + np.trace(cx + cy - 2 * np.real(sqrtm(cx @ cy)))
    assert frechet_distance(x, y) == pytest.approx(textbook, abs=1e-6)
