"""From per-language metrics to task, group and overall XTREME scores (XTREME_SPEC.md §1.5)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from xstilts.scoring.errors import ScoringError
from xstilts.scoring.languages import GROUPS, QA_TASKS, TASK_LANGUAGES, TASKS

PerLanguage = Mapping[str, Mapping[str, Mapping[str, float]]]  # task -> lang -> metric -> value


def mean_in_order(values: Iterable[float]) -> float:
    """Arithmetic mean adding left to right.

    Written out because Python >= 3.12's `sum` compensates float rounding; plain addition
    in XTREME's language order reproduces evaluate.py's averages bit for bit.
    """
    total = 0.0
    count = 0
    for value in values:
        total += value
        count += 1
    if count == 0:
        raise ScoringError("mean of no values")
    return total / count


def task_score(task: str, averages: Mapping[str, float]) -> float:
    """The one number per task: (EM + F1)/2 for QA, else F1 if reported, else accuracy."""
    if task in QA_TASKS:
        return (averages["exact_match"] + averages["f1"]) / 2
    if "f1" in averages:
        return averages["f1"]
    return averages["accuracy"]


def _task_result(
    task: str, languages: Mapping[str, Mapping[str, float]], partial: bool = False
) -> dict[str, Any]:
    expected = TASK_LANGUAGES[task]
    if partial:
        expected = tuple(lang for lang in expected if lang in languages)
    missing = [lang for lang in expected if lang not in languages]
    extra = sorted(set(languages) - set(expected))
    if missing or extra:
        raise ScoringError(
            f"task {task!r} needs exactly its XTREME languages; "
            f"missing: {' '.join(missing) or '-'}; unexpected: {' '.join(extra) or '-'}"
        )
    ordered = {lang: dict(languages[lang]) for lang in expected}
    metric_names = list(ordered[expected[0]])
    averages = {
        metric: mean_in_order(ordered[lang][metric] for lang in expected)
        for metric in metric_names
    }
    return {"score": task_score(task, averages), "metrics": averages, "languages": ordered}


def aggregate(per_language: PerLanguage, partial_languages: bool = False) -> dict[str, Any]:
    """Build the score JSON: per-task results, complete groups, and the XTREME score.

    Every language counts equally whatever its size (an unweighted mean), English
    included where the task lists it. A group appears only when all its tasks were scored;
    `xtreme_score` is the mean of the 9 task scores (not of the 4 group scores) and is
    None unless all 9 were scored. `partial_languages` (dev sets only: XTREME scores test, and
    some languages have no dev set, e.g. UD-POS kk/tl/th/yo) averages over the languages given,
    still in XTREME's order.
    """
    unknown = sorted(set(per_language) - set(TASKS))
    if unknown:
        raise ScoringError(f"unknown tasks {' '.join(unknown)}; XTREME tasks: {' '.join(TASKS)}")
    tasks = {task: _task_result(task, per_language[task], partial_languages) for task in TASKS
             if task in per_language}
    groups = {
        group: mean_in_order(tasks[task]["score"] for task in members)
        for group, members in GROUPS.items()
        if all(task in tasks for task in members)
    }
    xtreme_score = (
        mean_in_order(tasks[task]["score"] for task in TASKS) if len(tasks) == len(TASKS)
        else None
    )
    return {"xtreme_score": xtreme_score, "groups": groups, "tasks": tasks}
