"""Score and gain tables over the results grid: pure functions on `Cells` (inter -> target -> score)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from statistics import fmean, stdev

from xstilts.analysis.grid import Cells, xtreme_score
from xstilts.analysis.names import BASELINE, MULTITASK, TARGETS, inter_kind


@dataclass(frozen=True)
class Summary:
    """A cell over replicates: mean, sample standard deviation (None for one run), run count."""

    mean: float
    std: float | None
    n: int


def summarize(values: Mapping[str, Mapping[str, list[float]]]) -> dict[str, dict[str, Summary]]:
    """Mean ± std (ddof=1) per cell over its replicates."""
    return {
        inter: {t: Summary(fmean(v), stdev(v) if len(v) > 1 else None, len(v)) for t, v in row.items()}
        for inter, row in values.items()
    }


def gains(cells: Cells, baseline: str = BASELINE) -> Cells:
    """score(inter, target) - score(baseline, target) for every inter other than the baseline.

    Only targets the baseline has are kept: a gain without its reference is not a gain.
    """
    base = cells.get(baseline, {})
    return {
        inter: {t: s - base[t] for t, s in row.items() if t in base}
        for inter, row in cells.items()
        if inter != baseline
    }


def gain_std(
    summaries: Mapping[str, Mapping[str, Summary]], inter: str, target: str, baseline: str = BASELINE
) -> float | None:
    """Seed spread of a gain: sqrt(var(inter) + var(baseline)); a single run adds no variance.

    None when neither side has replicates, because then the noise is unknown, not zero.
    """
    parts = [summaries.get(i, {}).get(target) for i in (inter, baseline)]
    variances = [p.std**2 for p in parts if p is not None and p.std is not None]
    return math.sqrt(sum(variances)) if variances else None


def with_xtreme(cells: Cells) -> Cells:
    """Adds an `xtreme` column (mean of the nine task scores) to rows that have all nine."""
    out: Cells = {}
    for inter, row in cells.items():
        score = xtreme_score(row)
        out[inter] = dict(row) | ({"xtreme": score} if score is not None else {})
    return out


def candidates_for_best(inters: Iterable[str]) -> list[str]:
    """Runs a per-target "best intermediate model" may be picked from: one-task and multi-task.

    The baseline and the ablations are not intermediate-task models in the paper's sense.
    """
    return sorted(i for i in inters if inter_kind(i) == "single" or i == MULTITASK)


def selection_sets() -> dict[str, str | None]:
    """target -> a one-line description of the set its best model is chosen on (the
    registry's selection set), None for a target where nothing is selected (Tatoeba)."""
    from xstilts.tasks.registry import get_task

    out: dict[str, str | None] = {}
    for target in TARGETS:
        sel = get_task(target).selection
        out[target] = None if sel is None else (
            f"{sel.task} {sel.split} ({', '.join(sel.languages)})")
    return out


def best_per_target(selection_gains: Cells, candidates: Iterable[str]) -> dict[str, str]:
    """target -> the candidate with the largest gain on the selection sets (ties: the
    alphabetically first name). A target without a selection set keeps the baseline: nothing
    is chosen on its test data."""
    best: dict[str, str] = {}
    sets = selection_sets()
    for target in TARGETS:
        if sets[target] is None:
            if any(selection_gains.values()):
                best[target] = BASELINE
            continue
        scored = [(i, selection_gains[i][target]) for i in candidates
                  if target in selection_gains.get(i, {})]
        if scored:
            best[target] = max(sorted(scored), key=lambda pair: pair[1])[0]
    return best


def composite_scores(best: Mapping[str, str], cells: Cells) -> dict[str, float]:
    """target -> score of that target's best model in `cells` (targets whose model lacks it drop)."""
    return {t: cells[i][t] for t, i in best.items() if t in cells.get(i, {})}
