"""Distances between two sets of sentence embeddings (rows = sentences, columns = dimensions)."""

from __future__ import annotations

import numpy as np
from scipy.spatial.distance import cdist, pdist


def _as_rows(a: np.ndarray) -> np.ndarray:
    a = np.asarray(a, dtype=float)
    if a.ndim == 1:  # a vector of scalars is a set of 1-D embeddings
        a = a[:, None]
    if a.ndim != 2 or a.shape[0] == 0:
        raise ValueError(f"expected a non-empty (n, d) array of embeddings, got shape {a.shape}")
    return a


def cosine_of_means(x: np.ndarray, y: np.ndarray) -> float:
    """Cosine similarity of the two mean embeddings (a centroid-level similarity)."""
    mx, my = _as_rows(x).mean(axis=0), _as_rows(y).mean(axis=0)
    den = float(np.linalg.norm(mx) * np.linalg.norm(my))
    return float(mx @ my) / den if den > 0 else float("nan")


def median_bandwidth(x: np.ndarray, y: np.ndarray) -> float:
    """Median heuristic (Gretton et al. 2012): median Euclidean distance between distinct points
    of the pooled sample. Falls back to 1.0 when all points coincide (any bandwidth then gives 0)."""
    pooled = np.vstack([_as_rows(x), _as_rows(y)])
    med = float(np.median(pdist(pooled))) if len(pooled) > 1 else 0.0
    return med if med > 0 else 1.0


def mmd_rbf(x: np.ndarray, y: np.ndarray, bandwidth: float | None = None) -> float:
    """Unbiased MMD² (Gretton et al. 2012, eq. 3) with k(a, b) = exp(-|a-b|² / (2 σ²)).

    σ defaults to the median heuristic. The unbiased estimate excludes the i = j terms of the
    within-set sums, so it can be slightly negative when the two sets are alike.
    """
    x, y = _as_rows(x), _as_rows(y)
    m, n = len(x), len(y)
    if m < 2 or n < 2:
        raise ValueError("the unbiased MMD needs at least two embeddings on each side")
    sigma = bandwidth if bandwidth is not None else median_bandwidth(x, y)
    gamma = 1.0 / (2.0 * sigma**2)
    kxx = np.exp(-gamma * cdist(x, x, "sqeuclidean"))
    kyy = np.exp(-gamma * cdist(y, y, "sqeuclidean"))
    kxy = np.exp(-gamma * cdist(x, y, "sqeuclidean"))
    within_x = (kxx.sum() - np.trace(kxx)) / (m * (m - 1))
    within_y = (kyy.sum() - np.trace(kyy)) / (n * (n - 1))
    return float(within_x + within_y - 2.0 * kxy.mean())


def frechet_distance(x: np.ndarray, y: np.ndarray) -> float:
    """Fréchet distance of Gaussians fitted to each set (as in FID):
    |μx - μy|² + Tr(Σx) + Tr(Σy) - 2 Tr((Σx Σy)^½), sample covariances (ddof=1).

    Tr((Σx Σy)^½) is taken as the nuclear norm of Ax Ayᵀ / sqrt((n-1)(m-1)), Ax and Ay the centred
    sets: the non-zero eigenvalues of Σx Σy are the squared singular values of that n×m matrix.
    This is exact, needs no d×d matrix square root (scipy's sqrtm takes seconds at d = 1024 and
    returns complex rounding noise on the singular covariances of n < d sentences), and its cost
    is bounded by the number of sentences, not the embedding size.
    """
    x, y = _as_rows(x), _as_rows(y)
    n, m = len(x), len(y)
    if n < 2 or m < 2:
        raise ValueError("the Fréchet distance needs at least two embeddings on each side")
    ax, ay = x - x.mean(axis=0), y - y.mean(axis=0)
    mu = x.mean(axis=0) - y.mean(axis=0)
    trace_x = float((ax**2).sum()) / (n - 1)
    trace_y = float((ay**2).sum()) / (m - 1)
    cross = float(np.linalg.svd(ax @ ay.T, compute_uv=False).sum()) / np.sqrt((n - 1) * (m - 1))
    return float(mu @ mu + trace_x + trace_y - 2.0 * cross)
