"""Which reader and which metric each XTREME task uses (XTREME_SPEC.md §1.3, §1.4)."""

from __future__ import annotations

from typing import Any

from xstilts.scoring.accuracy import accuracy
from xstilts.scoring.bucc import bucc_scores
from xstilts.scoring.chunks import chunk_scores
from xstilts.scoring.errors import ScoringError
from xstilts.scoring.languages import QA_TASKS, TASKS
from xstilts.scoring.mlqa import mlqa_scores
from xstilts.scoring.qa import gold_questions, prediction_answers
from xstilts.scoring.readers import read_bucc_pairs, read_line_labels, read_qa_json, read_tags
from xstilts.scoring.squad import squad_scores

ACCURACY_TASKS = frozenset({"pawsx", "xnli", "tatoeba"})
TAGGING_TASKS = frozenset({"udpos", "panx"})
# XTREME asserts equal item counts everywhere else; for these a set or a question id,
# not a position, pairs a prediction with its label.
UNCOUNTED_TASKS = frozenset({"bucc2018"}) | QA_TASKS


def _check_task(task: str) -> None:
    if task not in TASKS:
        raise ScoringError(f"unknown task {task!r}; XTREME tasks: {' '.join(TASKS)}")


def parse_labels(task: str, text: str) -> Any:
    """A label file's text as the task's items: lines, tag sentences, or gold questions."""
    _check_task(task)
    if task in QA_TASKS:
        return gold_questions(read_qa_json(text))
    if task in TAGGING_TASKS:
        return read_tags(text)
    if task == "bucc2018":
        return read_bucc_pairs(text)
    return read_line_labels(text)


def parse_predictions(task: str, text: str) -> Any:
    """A prediction file's text as the task's items: lines, tag sentences, or {id: answer}."""
    _check_task(task)
    if task in QA_TASKS:
        return prediction_answers(read_qa_json(text))
    if task in TAGGING_TASKS:
        return read_tags(text)
    if task == "bucc2018":
        return read_bucc_pairs(text)
    return read_line_labels(text)


def counts_must_match(task: str) -> bool:
    """Whether predictions and labels must hold the same number of items (sentences)."""
    _check_task(task)
    return task not in UNCOUNTED_TASKS


def language_scores(task: str, lang: str, labels: Any, predictions: Any) -> dict[str, float]:
    """The task's metrics (×100) for one language, from parsed labels and predictions."""
    _check_task(task)
    if counts_must_match(task) and len(labels) != len(predictions):
        unit = "sentences" if task in TAGGING_TASKS else "lines"
        raise ScoringError(
            f"{len(predictions)} prediction {unit} but {len(labels)} label {unit}"
        )
    if task in ACCURACY_TASKS:
        return accuracy(labels, predictions)
    if task in TAGGING_TASKS:
        return chunk_scores(labels, predictions)
    if task == "bucc2018":
        return bucc_scores(labels, predictions)
    if task == "mlqa":
        # MLQA normalizes per language, and the language is the file's language code.
        return mlqa_scores(labels, predictions, lang)
    return squad_scores(labels, predictions)
