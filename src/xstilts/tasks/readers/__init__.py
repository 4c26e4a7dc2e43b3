"""Readers of every raw format into the schema dataclasses.

`read_examples(task, split, lang, raw_root)` looks the task up in the registry, takes the
language entry's files for that split (paths under `raw_root`, normally `data/raw/`) and hands
them to the reader the task names. Retrieval tasks have a corpus, not examples:
`read_corpus(...)`. An `mlm` task (`mlm_corpus`) returns plain `str` sentences. Every format
problem raises `DataFormatError` naming file and line/record.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from xstilts.tasks.errors import DataFormatError, UnknownNameError
from xstilts.tasks.readers import (
    ccg,
    classification,
    corpus,
    multiple_choice,
    panx,
    squad,
    udpos,
)
from xstilts.tasks.readers._io import expand
from xstilts.tasks.readers.retrieval import read_bucc, read_tatoeba
from xstilts.tasks.registry import all_tasks, get_task
from xstilts.tasks.schema import Example, RetrievalCorpus
from xstilts.tasks.spec import TaskSpec

Reader = Callable[[TaskSpec, str, str, list[Path]], list]

READERS: dict[str, Reader] = {
    "anli": classification.read_anli,
    "mnli": classification.read_mnli,
    "snli": classification.read_snli,
    "qqp": classification.read_qqp,
    "sst2": classification.read_sst2,
    "xnli": classification.read_xnli,
    "xnli_mt": classification.read_mnli_translated,
    "pawsx": classification.read_pawsx,
    "commonsenseqa": multiple_choice.read_commonsenseqa,
    "cosmosqa": multiple_choice.read_cosmosqa,
    "hellaswag": multiple_choice.read_hellaswag,
    "socialiqa": multiple_choice.read_socialiqa,
    "squad": squad.read_squad,
    "tydiqa": squad.read_tydiqa,
    "udpos": udpos.read_udpos,
    "panx": panx.read_panx,
    "ccg": ccg.read_ccg,
    "leipzig": corpus.read_leipzig,
}


def _paths(spec: TaskSpec, split: str, lang: str, raw_root: Path) -> list[Path]:
    entry = spec.entry(lang)
    if entry is None:
        raise UnknownNameError(f"language of {spec.name}", lang, spec.languages)
    patterns = entry.paths(split)
    if patterns is None:
        hint = ""
        if split == "train" and spec.train_task and spec.train_task != spec.name:
            hint = f" ({spec.name} trains on {spec.train_task}'s train split)"
        elif split == "train" and spec.train_task == spec.name:
            hint = f" ({spec.name} trains on English only)"
        raise UnknownNameError(f"split of {spec.name}/{lang}{hint}", split, entry.splits)
    return [p for pattern in patterns for p in expand(Path(raw_root), pattern)]


def read_examples(task: str, split: str, lang: str, raw_root: Path) -> list[Example]:
    """All examples of `task` for one split and language, read from the raw files (for an
    `mlm` task: its sentences, each a plain `str`)."""
    spec = get_task(task)
    if spec.kind == "retrieval":
        raise UnknownNameError("task for read_examples (retrieval tasks: read_corpus)", task,
                               [t.name for t in all_tasks() if t.kind != "retrieval"])
    examples = READERS[spec.reader](spec, split, lang, _paths(spec, split, lang, raw_root))
    if not examples:
        first = _paths(spec, split, lang, raw_root)
        raise DataFormatError(first[0] if first else Path(raw_root),
                              f"no examples for {task}/{split}/{lang}")
    return examples


def read_corpus(task: str, split: str, lang: str, raw_root: Path) -> RetrievalCorpus:
    """Both sides of one language pair of a retrieval task (bucc2018 or tatoeba)."""
    spec = get_task(task)
    paths = _paths(spec, split, lang, raw_root)
    if task == "bucc2018":
        return read_bucc(split, lang, paths)
    if task == "tatoeba":
        return read_tatoeba(split, lang, paths)
    raise UnknownNameError("retrieval task", task, ["bucc2018", "tatoeba"])


def label_set(task: str, raw_root: Path) -> tuple[str, ...]:
    """The task's labels; for an open label set (CCG), the sorted tags of the train split."""
    spec = get_task(task)
    if not spec.open_label_set:
        return spec.labels
    tags = {tag for ex in read_examples(task, "train", "en", raw_root)
            for tag in (getattr(ex, "tags", None) or ())}
    return tuple(sorted(tags))
