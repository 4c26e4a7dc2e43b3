"""Names of the results grid: XTREME targets and the kinds of intermediate run.

The grid folder names follow INTERFACES.md: `<inter>` is an intermediate task name, `multitask`,
`none` (the baseline: English-only target training), or an ablation of one intermediate task.
"""

from __future__ import annotations

from typing import Literal

from xstilts.config import parse_run
from xstilts.tasks.registry import XTREME_TARGETS

# XTREME's nine tasks in the order of the benchmark (the registry's list); the XTREME score is
# their unweighted mean, so the order only matters for how tables read.
TARGETS: tuple[str, ...] = XTREME_TARGETS
BASELINE = "none"
MULTITASK = "multitask"

# Ablation folders are named after the English-only run they modify (the run-name grammar of
# config.parse_run), so the report can pair them: `mnli+mlm` = MNLI mixed with continued
# multilingual MLM, `mnli+translated` = MNLI on machine-translated data (PAPER.md, ablations).
_ABLATIONS = ("mlm", "translated")

InterKind = Literal["baseline", "multitask", "single", "ablation"]


def inter_kind(inter: str) -> InterKind:
    """Which kind of run a grid folder name denotes."""
    if inter == BASELINE:
        return "baseline"
    if inter == MULTITASK:
        return "multitask"
    return "ablation" if ablation_of(inter) is not None else "single"


def ablation_of(inter: str) -> tuple[str, str] | None:
    """(English-only run, ablation kind) for an ablation name, else None."""
    kind, task = parse_run(inter)
    return (task, kind) if kind in _ABLATIONS and task else None


def single_intermediates(inters: list[str] | tuple[str, ...]) -> list[str]:
    """The one-task English intermediate runs among `inters`, sorted (the candidates to select)."""
    return sorted(i for i in inters if inter_kind(i) == "single")
