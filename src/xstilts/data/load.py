"""Loading prepared features and building the heads they train, from the task registry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from xstilts.layout import RAW, prepared_split


class MissingFeaturesError(FileNotFoundError):
    pass


def load_features(task: str, split: str, lang: str, root: Path = Path(".")) -> Any:
    """The cached features of one (task, split, language); a clear error when not prepared."""
    from datasets import load_from_disk

    path = root / prepared_split(task, split, lang)
    if not (path / "meta.json").is_file():
        raise MissingFeaturesError(
            f"{path}: no prepared features for {task} {split}-{lang}; run the prepare stage "
            "(`xstilts prepare --params params.yaml`) first"
        )
    return load_from_disk(str(path))


def head_for(task: str, root: Path = Path(".")) -> Any:
    """The HeadSpec a task trains: head name from the registry (xnli → mnli), label count from
    the task that supplies its training data (so XNLI predicts with MNLI's label order)."""
    from xstilts.modeling.heads import HeadSpec
    from xstilts.tasks.registry import get_task

    spec = get_task(task)
    return HeadSpec(spec.head or spec.name, spec.kind, len(training_labels(task, root)))


def training_labels(task: str, root: Path = Path(".")) -> tuple[str, ...]:
    """Label list (id order) of the data a task is trained on."""
    from xstilts.tasks.readers import label_set
    from xstilts.tasks.registry import get_task

    spec = get_task(task)
    source = spec.train_task or spec.name
    if spec.kind not in ("classification", "tagging"):
        return ()
    return tuple(label_set(source, root / RAW))


def task_data(task: str, split: str = "train", lang: str = "en", root: Path = Path(".")) -> Any:
    """A training TaskData for `task`, reading the features of its training source."""
    from xstilts.tasks.registry import get_task
    from xstilts.training.data import TaskData

    spec = get_task(task)
    source = spec.train_task or spec.name
    return TaskData(task, head_for(task, root), load_features(source, split, lang, root))
