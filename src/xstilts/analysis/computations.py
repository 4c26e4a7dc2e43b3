"""Named computations on the results grid, one per kind of claim (referenced from claims.yaml).

Each takes a `Context` (scores of one split or of all splits, plus the resolved config) and the
claim's arguments, and returns the reproduced value, or raises `NotRun` saying which cells are
missing. They never fill a gap: a claim about nine targets is not checked on eight.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from statistics import fmean
from typing import Any

from xstilts.analysis.grid import Cells, xtreme_score
from xstilts.analysis.names import BASELINE, MULTITASK, TARGETS, ablation_of, inter_kind
from xstilts.analysis.tables import best_per_target, candidates_for_best, composite_scores, gains
from xstilts.tasks.spec import SELECTION

Value = float | int | str | bool | list[str]
MetricCells = Mapping[str, Mapping[str, Mapping[str, float]]]  # inter -> target -> metric -> v


class NotRun(Exception):
    """The grid lacks what a claim needs; the message is the report's reason."""


@dataclass(frozen=True)
class Context:
    """What a computation may read: per split, task scores and per-metric averages; the config.

    "The best intermediate model per target" is always chosen on split `selection`: the
    model-selection sets of the registry (scores/<run>/selection.json), never test data.
    """

    cells: Mapping[str, Cells]
    metrics: Mapping[str, MetricCells] = field(default_factory=dict)
    config: Mapping[str, Any] = field(default_factory=dict)
    # split -> inter -> target -> lang -> score (per-language checks)
    languages: Mapping[str, MetricCells] = field(default_factory=dict)
    # measure -> Spearman of (similarity, gain) over English (inter, target) pairs, once the
    # report's similarity analysis has run
    similarity: Mapping[str, float] = field(default_factory=dict)


Computation = Callable[..., Value]
REGISTRY: dict[str, Computation] = {}


def computation(fn: Computation) -> Computation:
    REGISTRY[fn.__name__] = fn
    return fn


def _split(ctx: Context, split: str) -> Cells:
    if split not in ctx.cells or not ctx.cells[split]:
        raise NotRun(f"no scores for split '{split}' (scores/<inter>/{split}.json)")
    return ctx.cells[split]


def _row(cells: Cells, inter: str, split: str, targets: tuple[str, ...] = TARGETS) -> dict[str, float]:
    row = cells.get(inter)
    if row is None:
        raise NotRun(f"no run '{inter}' on {split} (scores/{inter}/{split}.json)")
    missing = [t for t in targets if t not in row]
    if missing:
        raise NotRun(f"'{inter}' on {split} lacks target(s) {', '.join(missing)}")
    return {t: row[t] for t in targets}


def _gain_row(cells: Cells, inter: str, split: str) -> dict[str, float]:
    row, base = _row(cells, inter, split), _row(cells, BASELINE, split)
    return {t: row[t] - base[t] for t in TARGETS}


def _mean_gains(cells: Cells, split: str, pool: str) -> dict[str, float]:
    """inter -> mean gain over the nine targets, for the complete runs of the pool."""
    if pool not in ("single", "all"):
        raise ValueError(f"pool must be 'single' or 'all', got {pool!r}")
    inters = [i for i in cells if inter_kind(i) == "single" or (pool == "all" and i == MULTITASK)]
    out: dict[str, float] = {}
    for inter in inters:
        try:
            out[inter] = fmean(_gain_row(cells, inter, split).values())
        except NotRun:
            continue  # an incomplete run cannot be ranked on the nine-task mean
    if len(out) < 2:
        raise NotRun(f"fewer than two complete intermediate runs on {split} to rank")
    return out


def _singles(cells: Cells) -> list[str]:
    return sorted(i for i in cells if inter_kind(i) == "single")


def _target_gains(cells: Cells, target: str, split: str, inters: list[str]) -> dict[str, float]:
    base = _row(cells, BASELINE, split, (target,))[target]
    out = {i: cells[i][target] - base for i in inters if target in cells.get(i, {})}
    if not out:
        raise NotRun(f"no intermediate run has {target} on {split}")
    return out


@computation
def mean_gain(ctx: Context, split: str, inter: str) -> float:
    """Mean over the nine targets of score(inter) - score(none)."""
    return fmean(_gain_row(_split(ctx, split), inter, split).values())


@computation
def top_by_mean_gain(ctx: Context, split: str, k: int, pool: str = "single") -> list[str]:
    """The k runs with the largest mean gain (pool: single = one-task runs, all = + multitask)."""
    means = _mean_gains(_split(ctx, split), split, pool)
    return [i for i, _ in sorted(means.items(), key=lambda kv: (-kv[1], kv[0]))[:k]]


@computation
def best_by_mean_gain(ctx: Context, split: str, pool: str = "all") -> str:
    return top_by_mean_gain(ctx, split, k=1, pool=pool)[0]


@computation
def min_mean_gain(ctx: Context, split: str, targets: list[str]) -> float:
    """min over `targets` of the mean gain of the one-task intermediate runs on that target."""
    cells = _split(ctx, split)
    return min(fmean(_target_gains(cells, t, split, _singles(cells)).values()) for t in targets)


@computation
def fraction_positive(ctx: Context, split: str, target: str) -> float:
    """Share of one-task intermediate runs whose gain on `target` is above zero."""
    cells = _split(ctx, split)
    values = list(_target_gains(cells, target, split, _singles(cells)).values())
    return sum(v > 0 for v in values) / len(values)


@computation
def max_gain(ctx: Context, split: str, target: str) -> float:
    """Largest gain on `target` over the intermediate-task models (one-task and multi-task)."""
    cells = _split(ctx, split)
    return max(_target_gains(cells, target, split, candidates_for_best(cells)).values())


@computation
def english_only_advantage(ctx: Context, split: str, kind: str) -> float:
    """min over ablations of `kind` of mean_t(score(english-only run) - score(ablation)).

    Positive: every ablation of that kind is worse than the English-only run it modifies.
    """
    cells = _split(ctx, split)
    pairs = [(a, parsed[0]) for a in cells if (parsed := ablation_of(a)) and parsed[1] == kind]
    if not pairs:
        raise NotRun(f"no '{kind}' ablation run on {split} (e.g. scores/mnli+mlm/)")
    values = []
    for ablation, base in pairs:
        a_row, b_row = _row(cells, ablation, split), _row(cells, base, split)
        values.append(fmean(b_row[t] - a_row[t] for t in TARGETS))
    return min(values)


@computation
def task_score(ctx: Context, split: str, inter: str, target: str) -> float:
    return _row(_split(ctx, split), inter, split, (target,))[target]


@computation
def task_metric(ctx: Context, split: str, inter: str, target: str, metric: str) -> float:
    """A task's language-averaged metric (e.g. XQuAD f1 or exact_match)."""
    value = ctx.metrics.get(split, {}).get(inter, {}).get(target, {}).get(metric)
    if value is None:
        raise NotRun(f"no {target} {metric} for '{inter}' on {split}")
    return value


@computation
def xtreme(ctx: Context, split: str, inter: str) -> float:
    """XTREME score of one run: the mean of its nine task scores."""
    row = _row(_split(ctx, split), inter, split)
    return float(xtreme_score(row))  # type: ignore[arg-type]


def _best(ctx: Context) -> dict[str, str]:
    sel = _split(ctx, SELECTION)
    best = best_per_target(gains(sel), candidates_for_best(sel))
    if not best:
        raise NotRun(f"no intermediate run with a baseline on {SELECTION} to select from")
    return best


@computation
def best_task_score(ctx: Context, split: str, target: str) -> float:
    """Score on `split` of the target's best model (chosen by gain on the selection split)."""
    best = _best(ctx)
    if target not in best:
        raise NotRun(f"no best model for {target} on {SELECTION}")
    return task_score(ctx, split, best[target], target)


@computation
def best_task_metric(ctx: Context, split: str, target: str, metric: str) -> float:
    best = _best(ctx)
    if target not in best:
        raise NotRun(f"no best model for {target} on {SELECTION}")
    return task_metric(ctx, split, best[target], target, metric)


@computation
def best_per_target_xtreme_score(ctx: Context, split: str) -> float:
    """XTREME score of the composite that uses each target's best intermediate model."""
    best = _best(ctx)
    scores = composite_scores(best, _split(ctx, split))
    missing = [t for t in TARGETS if t not in scores]
    if missing:
        raise NotRun(f"best-per-target composite lacks {', '.join(missing)} on {split}")
    return float(xtreme_score(scores))  # type: ignore[arg-type]


@computation
def best_per_target_xtreme_gain(ctx: Context, split: str) -> float:
    """best_per_target_xtreme_score - XTREME score of the baseline (C5: +5.4)."""
    return best_per_target_xtreme_score(ctx, split) - xtreme(ctx, split, BASELINE)


@computation
def count_intermediates(ctx: Context, split: str) -> int:
    """Number of one-task English intermediate runs in the grid."""
    return len(_singles(_split(ctx, split)))


@computation
def three_phases(ctx: Context, split: str) -> bool:
    """Pretrained MLM -> intermediate -> target: both a baseline and at least one intermediate
    run have target scores (the baseline is the pretrained model trained on targets only)."""
    cells = _split(ctx, split)
    return bool(cells.get(BASELINE)) and any(cells.get(i) for i in _singles(cells))


@computation
def config_check(ctx: Context, split: str, key: str) -> str:
    """The value at dotted `key` of the resolved config (compared with the claimed value)."""
    node: Any = ctx.config
    for part in key.split("."):
        if not isinstance(node, Mapping) or part not in node:
            raise NotRun(f"resolved config has no key '{key}'")
        node = node[part]
    return str(node)


# ----- cell-level checks (the demo world's planted answers, demo_world/planted.yaml) ----------


@computation
def gain(ctx: Context, split: str, inter: str, target: str) -> float:
    """score(inter, target) - score(none, target)."""
    return _target_gains(_split(ctx, split), target, split, [inter])[inter]


@computation
def best_single_for(ctx: Context, split: str, target: str) -> str:
    """The one-task intermediate run with the largest gain on `target` (ties: by name)."""
    cells = _split(ctx, split)
    gains_ = _target_gains(cells, target, split, _singles(cells))
    return min(gains_, key=lambda i: (-gains_[i], i))


@computation
def language_gain_share(ctx: Context, split: str, inter: str, target: str) -> float:
    """Share of `target`'s languages where `inter` scores above the baseline."""
    by_lang = ctx.languages.get(split, {})
    run, base = by_lang.get(inter, {}).get(target), by_lang.get(BASELINE, {}).get(target)
    if not run or not base:
        raise NotRun(f"no per-language {target} scores of '{inter}' and '{BASELINE}' on {split}")
    langs = sorted(set(run) & set(base))
    return sum(run[lang] > base[lang] for lang in langs) / len(langs)


@computation
def similarity_gain_spearman(ctx: Context, split: str, measure: str) -> float:
    """Spearman correlation of domain similarity (`measure`) with the gain, English texts."""
    if measure not in ctx.similarity:
        raise NotRun(f"no similarity analysis with measure '{measure}' (known: "
                     f"{', '.join(sorted(ctx.similarity)) or 'none'})")
    return ctx.similarity[measure]
