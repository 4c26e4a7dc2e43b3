"""Correlation statistics with uncertainty: Pearson, Spearman, percentile bootstrap, permutation.

Pure numpy/scipy, vectorised over resamples so thousands of resamples of ~10 pairs stay cheap.
Undefined correlations (a constant vector) are NaN, never an exception: with nine intermediate
tasks, a constant column is a real outcome (e.g. a measure that ties everywhere).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from typing import Literal

import numpy as np
from scipy.stats import rankdata

ArrayLike = Sequence[float] | np.ndarray
Alternative = Literal["two-sided", "greater", "less"]

# Up to 8! = 40,320 orderings the permutation test enumerates them all (exact p-value);
# beyond that it samples, and the p-value is the bounded Monte-Carlo one below.
EXACT_PERMUTATION_LIMIT = 40_320
# Float slack when comparing permuted statistics with the observed one: a permutation that
# reproduces the observed order must count as "at least as extreme" despite rounding.
_SLACK = 1e-12


def _pearson_rows(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Pearson r along the last axis (NaN where either row is constant)."""
    xc = x - x.mean(axis=-1, keepdims=True)
    yc = y - y.mean(axis=-1, keepdims=True)
    num = (xc * yc).sum(axis=-1)
    den = np.sqrt((xc**2).sum(axis=-1) * (yc**2).sum(axis=-1))
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)
    return np.clip(r, -1.0, 1.0)


def pearson(x: ArrayLike, y: ArrayLike) -> float:
    """Pearson's r; NaN if fewer than two pairs or either vector is constant."""
    xa, ya = _pair(x, y)
    return float(_pearson_rows(xa, ya)) if len(xa) >= 2 else math.nan


def spearman(x: ArrayLike, y: ArrayLike) -> float:
    """Spearman's rho = Pearson's r of the ranks (ties get their average rank)."""
    xa, ya = _pair(x, y)
    return pearson(rankdata(xa), rankdata(ya)) if len(xa) >= 2 else math.nan


def _pair(x: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    xa, ya = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if xa.shape != ya.shape or xa.ndim != 1:
        raise ValueError(f"expected two 1-D vectors of equal length, got {xa.shape} and {ya.shape}")
    return xa, ya


def _rows(method: str, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The correlation of each row pair; ranks are taken per row for Spearman."""
    if method == "spearman":
        x, y = rankdata(x, axis=-1), rankdata(y, axis=-1)
    elif method != "pearson":
        raise ValueError(f"method must be 'pearson' or 'spearman', got {method!r}")
    return _pearson_rows(x, y)


def bootstrap_ci(
    statistic: Callable[[np.ndarray, np.ndarray], np.ndarray],
    x: ArrayLike,
    y: ArrayLike,
    *,
    n_resamples: int = 2000,
    confidence: float = 0.95,
    seed: int = 0,
) -> tuple[float, float]:
    """Percentile bootstrap CI of a paired statistic (pairs resampled with replacement).

    `statistic(xs, ys)` gets (n_resamples, n) arrays and returns one value per row. Resamples
    where it is undefined (NaN, e.g. all pairs identical) are dropped; if none is left the CI
    is (NaN, NaN). The same seed gives the same interval.
    """
    xa, ya = _pair(x, y)
    if len(xa) == 0:
        return math.nan, math.nan
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(xa), size=(n_resamples, len(xa)))
    values = np.asarray(statistic(xa[idx], ya[idx]), dtype=float)
    values = values[~np.isnan(values)]
    if values.size == 0:
        return math.nan, math.nan
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(values, [tail, 100 - tail])
    return float(low), float(high)


def correlation_ci(
    method: str, x: ArrayLike, y: ArrayLike, *, n_resamples: int = 2000, seed: int = 0
) -> tuple[float, float]:
    """95% percentile bootstrap CI of Pearson's r or Spearman's rho."""
    return bootstrap_ci(lambda a, b: _rows(method, a, b), x, y, n_resamples=n_resamples, seed=seed)


def permutation_pvalue(
    method: str,
    x: ArrayLike,
    y: ArrayLike,
    *,
    alternative: Alternative = "two-sided",
    n_resamples: int = 10_000,
    seed: int = 0,
) -> float:
    """Permutation p-value of a correlation under H0 "y is exchangeable with respect to x".

    Exact when n! <= EXACT_PERMUTATION_LIMIT: p = #{orderings as extreme as observed} / n!,
    the observed ordering included (so for n = 4 and a perfect monotone relation,
    p = 1/24 one-sided and 2/24 two-sided, the reversed order being as extreme).
    Otherwise Monte-Carlo with a seeded RNG, p = (1 + #{as extreme}) / (1 + n_resamples), which
    never reaches 0 (Phipson & Smyth 2010). NaN when the observed statistic is undefined.
    """
    xa, ya = _pair(x, y)
    n = len(xa)
    observed = float(_rows(method, xa, ya)) if n >= 2 else math.nan
    if math.isnan(observed):
        return math.nan
    if math.factorial(n) <= EXACT_PERMUTATION_LIMIT:
        orders = np.array(list(itertools.permutations(range(n))))
        stats = _rows(method, np.broadcast_to(xa, orders.shape), ya[orders])
        return float(_extreme(stats, observed, alternative).mean())
    rng = np.random.default_rng(seed)
    orders = rng.permuted(np.broadcast_to(np.arange(n), (n_resamples, n)), axis=1)
    stats = _rows(method, np.broadcast_to(xa, orders.shape), ya[orders])
    return float((1 + _extreme(stats, observed, alternative).sum()) / (1 + n_resamples))


def _extreme(stats: np.ndarray, observed: float, alternative: Alternative) -> np.ndarray:
    stats = np.nan_to_num(stats, nan=0.0)
    if alternative == "greater":
        return stats >= observed - _SLACK
    if alternative == "less":
        return stats <= observed + _SLACK
    if alternative == "two-sided":
        return np.abs(stats) >= abs(observed) - _SLACK
    raise ValueError(f"alternative must be two-sided, greater or less, got {alternative!r}")
