"""Choosing an intermediate task without training: rank candidates by domain similarity to the
target and check the choice against the gains actually measured.

Per target and method:
    spearman   rank correlation of the method's scores with the measured gains
    top1_hit   1 if the method's first choice has the largest measured gain (ties count as hits)
    regret     largest measured gain - gain of the method's first choice (points lost)

Baselines: `always-<task>` (always pick one task, MNLI by default: the usual default choice) and
`random`, scored by its exact expectation over uniformly random orderings (top-1 = share of
candidates tied for best, regret = best - mean gain, Spearman = 0), so no RNG is involved.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from statistics import fmean

from xstilts.analysis.stats import spearman

Gains = Mapping[str, float]  # inter -> measured gain on one target


@dataclass(frozen=True)
class SelectionScore:
    spearman: float
    top1_hit: float
    regret: float
    choice: str | None


def first_choice(scores: Mapping[str, float]) -> str:
    """The candidate with the highest score; ties go to the alphabetically first name."""
    return min(scores, key=lambda name: (-scores[name], name))


def score_choice(choice: str, gains: Gains) -> tuple[float, float]:
    """(top-1 hit, regret) of picking `choice`."""
    best = max(gains.values())
    return float(gains[choice] == best), best - gains[choice]


def score_ranking(scores: Mapping[str, float], gains: Gains) -> SelectionScore:
    """A method that scores candidates (larger = pick first) on one target."""
    names = sorted(n for n in scores if n in gains)
    if not names:
        raise ValueError("no candidate has both a score and a measured gain")
    sub = {n: scores[n] for n in names}
    sub_gains = {n: gains[n] for n in names}
    choice = first_choice(sub)
    hit, regret = score_choice(choice, sub_gains)
    rho = spearman([sub[n] for n in names], [sub_gains[n] for n in names]) if len(names) > 2 else math.nan
    return SelectionScore(rho, hit, regret, choice)


def fixed_choice(choice: str, gains: Gains) -> SelectionScore:
    """Always pick `choice` (a single pick has no ranking, so no Spearman)."""
    hit, regret = score_choice(choice, gains)
    return SelectionScore(math.nan, hit, regret, choice)


def random_choice(gains: Gains) -> SelectionScore:
    """Expected scores of a uniformly random ordering of the candidates."""
    best = max(gains.values())
    tied = sum(g == best for g in gains.values())
    return SelectionScore(0.0, tied / len(gains), best - fmean(gains.values()), None)


def evaluate_selection(
    scores_by_method: Mapping[str, Mapping[tuple[str, str], float]],
    gains: Mapping[str, Mapping[str, float]],
    candidates: list[str],
    *,
    fixed: str = "mnli",
) -> dict[str, dict[str, SelectionScore]]:
    """method -> target -> score, for every target where the method can choose.

    `scores_by_method`: method -> (inter, target) -> score, larger = more similar. The baselines
    `always-<fixed>` and `random` are added over the same candidates (those with a measured gain).
    """
    targets = sorted({t for i in candidates for t in gains.get(i, {})})
    out: dict[str, dict[str, SelectionScore]] = {}
    for target in targets:
        target_gains = {i: gains[i][target] for i in candidates if target in gains.get(i, {})}
        for method, table in scores_by_method.items():
            scores = {i: table[(i, target)] for i in target_gains if (i, target) in table}
            if scores:
                out.setdefault(method, {})[target] = score_ranking(scores, target_gains)
        if fixed in target_gains:
            out.setdefault(f"always-{fixed}", {})[target] = fixed_choice(fixed, target_gains)
        out.setdefault("random", {})[target] = random_choice(target_gains)
    return out


def summarize_selection(per_target: Mapping[str, SelectionScore]) -> dict[str, float]:
    """Mean over targets (Spearman over the targets where it is defined)."""
    rhos = [s.spearman for s in per_target.values() if not math.isnan(s.spearman)]
    return {
        "spearman": fmean(rhos) if rhos else math.nan,
        "top1_hit_rate": fmean(s.top1_hit for s in per_target.values()),
        "regret": fmean(s.regret for s in per_target.values()),
        "targets": float(len(per_target)),
    }
