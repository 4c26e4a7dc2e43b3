"""The task registry (tasks and data sources as data) and the readers of every raw format.

Public API:
    get_task(name) -> TaskSpec            all_tasks() -> list[TaskSpec]
    task_names(role=None) -> list[str]    heads() -> {head: [task, ...]}
    sources() -> list[SourceSpec]         get_source(name) -> SourceSpec
    read_examples(task, split, lang, raw_root) -> list[Example]
    read_corpus(task, split, lang, raw_root) -> RetrievalCorpus
    label_set(task, raw_root) -> tuple[str, ...]
"""

from xstilts.tasks.errors import DataFormatError, UnknownNameError
from xstilts.tasks.readers import label_set, read_corpus, read_examples
from xstilts.tasks.registry import (
    PAPER_INTERMEDIATE_FAMILIES,
    XTREME_TARGETS,
    all_tasks,
    get_task,
    heads,
    task_names,
)
from xstilts.tasks.sources import SourceSpec, get_source, source_names, sources
from xstilts.tasks.spec import LanguageEntry, TaskSpec

__all__ = [
    "PAPER_INTERMEDIATE_FAMILIES",
    "XTREME_TARGETS",
    "DataFormatError",
    "LanguageEntry",
    "SourceSpec",
    "TaskSpec",
    "UnknownNameError",
    "all_tasks",
    "get_source",
    "get_task",
    "heads",
    "label_set",
    "read_corpus",
    "read_examples",
    "source_names",
    "sources",
    "task_names",
]
