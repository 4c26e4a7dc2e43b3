"""Score a predictions folder against a labels folder in XTREME's leaderboard layout.

Layout: `<root>/<task>/<split>-<lang>.<ext>` (XTREME_SPEC.md §1.2). This is the only
module of the scorer that touches files.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from xstilts.scoring.aggregate import aggregate
from xstilts.scoring.dispatch import language_scores, parse_labels, parse_predictions
from xstilts.scoring.errors import ScoringError
from xstilts.scoring.languages import QA_TASKS, TASK_LANGUAGES, TASKS, file_extension

logger = logging.getLogger(__name__)


def language_file(root: Path, task: str, split: str, lang: str) -> Path:
    """Where a task's file for one language lives under a predictions or labels root."""
    return root / task / f"{split}-{lang}.{file_extension(task)}"


def _read_text(path: Path, role: str, task: str, lang: str) -> str:
    if not path.is_file():
        raise ScoringError(
            f"{path}: missing {role} file for language {lang!r} of task {task!r} "
            f"(every language of a scored task needs one: {' '.join(TASK_LANGUAGES[task])})"
        )
    try:
        # Read bytes and decode ourselves so the error names the file; UTF-8 is what
        # XTREME's files are in (it relied on the system default encoding).
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise ScoringError(f"{path}: not UTF-8 text ({error})") from None
    except OSError as error:
        raise ScoringError(f"{path}: cannot read {role} file ({error.strerror})") from None
    if text.startswith(BOM):
        # Refused, not stripped: XTREME's evaluate.py opens files as plain UTF-8, keeps the
        # mark as part of the first line and so scores that line wrong. Stripping it here would
        # give a different score than the official scorer for the same file; refusing makes
        # the user fix the file, after which both scorers agree.
        raise ScoringError(
            f"{path}, line 1: {role} file starts with a UTF-8 byte-order mark (U+FEFF); "
            "XTREME's scorer would count its first line wrong. Save the file as UTF-8 without "
            "BOM (e.g. `sed -i '1s/^\\xEF\\xBB\\xBF//' FILE`)"
        )
    return text


BOM = "\ufeff"


def _warn_unanswered(path: Path, labels: Any, predictions: Any) -> None:
    unanswered = sum(1 for question in labels if question.id not in predictions)
    if unanswered:
        logger.warning("%s: %d of %d questions have no prediction; they score 0",
                       path, unanswered, len(labels))


def score_language(
    predictions_root: Path, labels_root: Path, task: str, lang: str, split: str = "test"
) -> dict[str, float]:
    """Metrics (×100) of one task and language; errors name the offending file."""
    label_path = language_file(labels_root, task, split, lang)
    prediction_path = language_file(predictions_root, task, split, lang)
    label_text = _read_text(label_path, "label", task, lang)
    prediction_text = _read_text(prediction_path, "prediction", task, lang)
    try:
        labels = parse_labels(task, label_text)
    except ScoringError as error:
        raise ScoringError(f"{label_path}: {error}") from None
    try:
        predictions = parse_predictions(task, prediction_text)
    except ScoringError as error:
        raise ScoringError(f"{prediction_path}: {error}") from None
    try:
        scores = language_scores(task, lang, labels, predictions)
    except ScoringError as error:
        raise ScoringError(f"{prediction_path} (labels {label_path}): {error}") from None
    if task in QA_TASKS:
        _warn_unanswered(prediction_path, labels, predictions)
    return scores


def score_folders(predictions: Path, labels: Path, split: str = "test") -> dict[str, Any]:
    """Score every task whose folder exists under both roots, as XTREME's evaluate.py does.

    A task folder present under only one root is skipped (so partial submissions score
    the tasks they have). Inside a scored task every language must have both files (on
    non-test splits: every language that has a gold file).
    Returns the score JSON described in ARCHITECTURE.md, on the 0-100 scale.
    """
    predictions, labels = Path(predictions), Path(labels)
    for root, role in ((predictions, "predictions"), (labels, "labels")):
        check_root(root, role)
    scored = [task for task in TASKS
              if (predictions / task).is_dir() and (labels / task).is_dir()]
    if not scored:
        # An empty result would look like a successful run; a wrong path is more likely.
        raise ScoringError(
            f"{predictions}: no task folder found under both this and {labels} "
            f"(expected some of: {' '.join(TASKS)})"
        )
    for task in TASKS:
        if task not in scored and ((predictions / task).is_dir() or (labels / task).is_dir()):
            logger.info("skipping %s: its folder is not under both roots", task)
    per_language = {
        task: {lang: score_language(predictions, labels, task, lang, split)
               for lang in _languages(labels, task, split)}
        for task in scored
    }
    return aggregate(per_language, partial_languages=split != "test")


def check_root(root: Path, role: str) -> None:
    """A predictions or labels root must be a folder; say which of the two mistakes it is."""
    if root.is_dir():
        return
    what = "is a file, not a folder" if root.exists() else "does not exist"
    raise ScoringError(f"{root}: {role} folder {what}; expected a folder in XTREME's layout "
                       "<root>/<task>/<split>-<lang>.<ext>")


def link_task_folders(folders: list[Path], view: Path) -> Path:
    """Make `view` a predictions root holding a link to each task folder in `folders` (named
    `<task>`): several stage outputs scored as one leaderboard folder. Missing folders are left
    out (their task is skipped, as XTREME does); a task given twice is an error."""
    for folder in folders:
        if not folder.is_dir():
            continue
        link = view / folder.name
        if link.exists():
            raise ScoringError(f"{folder}: task {folder.name!r} is also in {link.resolve()}; "
                               "give each task's predictions once")
        link.symlink_to(folder.resolve(), target_is_directory=True)
    return view


def _languages(labels: Path, task: str, split: str) -> tuple[str, ...]:
    """Test: every XTREME language (a missing file is an error, as in XTREME). Other splits:
    the languages that have a gold file, since XTREME defines no dev-set protocol and some
    languages publish no dev set."""
    if split == "test":
        return TASK_LANGUAGES[task]
    present = tuple(lang for lang in TASK_LANGUAGES[task]
                    if language_file(labels, task, split, lang).is_file())
    if not present:
        raise ScoringError(f"{labels / task}: no {split} label file for any language of {task}")
    return present
