"""XTREME's tasks, groups and language lists as the scorer uses them (XTREME_SPEC.md §1.1).

The language order is XTREME's own: per-task averages add values left to right in this
order, so keeping it makes our averages bit-identical to evaluate.py's.
"""

from __future__ import annotations

from types import MappingProxyType

from xstilts.tasks.languages import XTREME_LANGUAGES

# The lists themselves live once in the task registry; the scorer takes a read-only view
# (tests/scoring check them against the spec independently).
TASK_LANGUAGES: MappingProxyType[str, tuple[str, ...]] = MappingProxyType(
    {task: tuple(langs) for task, langs in XTREME_LANGUAGES.items()}
)

# The scorer's own tables, written from XTREME's evaluate.py as an independent oracle (the groups,
# the QA set and, in aggregate.py, the task-score rule): tests/scoring/test_oracle_matches_registry.py
# checks them against the task registry, which drives everything else.
# Group scores exist only when every task of the group was scored (§1.5).
GROUPS: MappingProxyType[str, tuple[str, ...]] = MappingProxyType({
    "classification": ("pawsx", "xnli"),
    "tagging": ("udpos", "panx"),
    "qa": ("xquad", "mlqa", "tydiqa"),
    "retrieval": ("bucc2018", "tatoeba"),
})

TASKS: tuple[str, ...] = tuple(TASK_LANGUAGES)
QA_TASKS: frozenset[str] = frozenset(GROUPS["qa"])


def file_extension(task: str) -> str:
    """`json` for the QA tasks, `tsv` for every other task (§1.2)."""
    return "json" if task in QA_TASKS else "tsv"
