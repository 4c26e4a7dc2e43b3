"""Does domain similarity go with the gain? Correlations per target and over all pairs."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass

from xstilts.analysis.stats import correlation_ci, pearson, permutation_pvalue, spearman

Pairs = Mapping[tuple[str, ...], float]  # (inter, target[, lang]) -> value


@dataclass(frozen=True)
class Correlation:
    """Pearson and Spearman with 95% percentile-bootstrap CIs and two-sided permutation p-values."""

    n: int
    pearson: float
    pearson_ci: tuple[float, float]
    pearson_p: float
    spearman: float
    spearman_ci: tuple[float, float]
    spearman_p: float

    def to_json(self) -> dict[str, object]:
        return {k: _clean(v) for k, v in asdict(self).items()}


def _clean(v: object) -> object:
    """JSON has no NaN: undefined statistics are written as null."""
    if isinstance(v, float):
        return None if math.isnan(v) else round(v, 4)
    if isinstance(v, tuple | list):
        return [_clean(x) for x in v]
    return v


def correlate(
    x: Sequence[float],
    y: Sequence[float],
    *,
    n_bootstrap: int = 1000,
    n_permutations: int = 1000,
    seed: int = 0,
) -> Correlation:
    """Both correlations of x with y, with uncertainty (seeded: same inputs, same numbers)."""
    nan2 = (math.nan, math.nan)
    if len(x) < 3:  # two points always correlate perfectly; report nothing rather than ±1
        return Correlation(len(x), math.nan, nan2, math.nan, math.nan, nan2, math.nan)
    return Correlation(
        n=len(x),
        pearson=pearson(x, y),
        pearson_ci=correlation_ci("pearson", x, y, n_resamples=n_bootstrap, seed=seed),
        pearson_p=permutation_pvalue("pearson", x, y, n_resamples=n_permutations, seed=seed),
        spearman=spearman(x, y),
        spearman_ci=correlation_ci("spearman", x, y, n_resamples=n_bootstrap, seed=seed),
        spearman_p=permutation_pvalue("spearman", x, y, n_resamples=n_permutations, seed=seed),
    )


def matched(similarity: Pairs, gains: Pairs) -> tuple[list[tuple[str, ...]], list[float], list[float]]:
    """The keys present in both tables (sorted), with their similarity and gain."""
    keys = sorted(k for k in similarity if k in gains)
    return keys, [similarity[k] for k in keys], [gains[k] for k in keys]


def correlate_by_target(
    similarity: Pairs,
    gains: Pairs,
    *,
    n_bootstrap: int = 1000,
    n_permutations: int = 1000,
    seed: int = 0,
) -> dict[str, Correlation]:
    """`overall` over every matched pair, and one entry per target (key[1]) across inters."""
    keys, sims, gs = matched(similarity, gains)
    kw = {"n_bootstrap": n_bootstrap, "n_permutations": n_permutations, "seed": seed}
    out = {"overall": correlate(sims, gs, **kw)}
    for target in sorted({k[1] for k in keys}):
        idx = [i for i, k in enumerate(keys) if k[1] == target]
        out[target] = correlate([sims[i] for i in idx], [gs[i] for i in idx], **kw)
    return out
