"""A task as the loop sees it: a head and a feature dataset (docs/INTERFACES.md columns).

Nothing here knows a language: translated intermediate-task data is just another dataset.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from xstilts.modeling.heads import HeadSpec

# The label columns each kind's collator reads (input_ids is always read).
LABEL_COLUMNS: dict[str, tuple[str, ...]] = {
    "classification": ("label",),
    "multiple_choice": ("label",),
    "span_extraction": ("start_position", "end_position"),
    "tagging": ("labels",),
    "mlm": (),
}
_LENGTH_CHUNK = 50_000


@dataclass(frozen=True)
class TaskData:
    """`name` is the task (xnli, squad, ...); `head` carries the head name from the registry's
    task → head map, so tasks sharing a head (xnli → mnli) train and predict one module."""

    name: str
    head: HeadSpec
    features: Any  # a `datasets.Dataset` (or ColumnFeatures where datasets is absent)

    @property
    def kind(self) -> str:
        return self.head.kind

    def __len__(self) -> int:
        return len(self.features)

    def check_columns(self) -> None:
        needed = ("input_ids", *LABEL_COLUMNS[self.kind])
        missing = [c for c in needed if c not in self.features.column_names]
        if missing:
            raise ValueError(
                f"task {self.name!r} ({self.kind}) features lack columns {missing}; "
                f"have {self.features.column_names} (see docs/INTERFACES.md)"
            )
        if len(self.features) == 0:
            raise ValueError(f"task {self.name!r} has no training features")


def head_specs(tasks: list[TaskData]) -> list[HeadSpec]:
    """Distinct heads of `tasks`, in first-seen order; one name with two specs is an error."""
    specs: dict[str, HeadSpec] = {}
    for task in tasks:
        seen = specs.setdefault(task.head.name, task.head)
        if seen != task.head:
            raise ValueError(
                f"task {task.name!r} declares head {task.head} but {seen} was declared before"
            )
    return list(specs.values())


@dataclass(frozen=True)
class ColumnFeatures:
    """Features as Python columns, for callers without `datasets`/Arrow (the GPU benchmark's
    machine has neither). Offers exactly what the loop reads of a `datasets.Dataset`."""

    columns: dict[str, list]

    @property
    def column_names(self) -> list[str]:
        return list(self.columns)

    def __len__(self) -> int:
        return len(self.columns["input_ids"])

    def __getitem__(self, key: str | list[int]) -> Any:
        if isinstance(key, str):
            return self.columns[key]
        return {name: [values[i] for i in key] for name, values in self.columns.items()}

    def with_format(self, _type: str | None) -> ColumnFeatures:
        return self


def feature_lengths(features: Any) -> np.ndarray:
    """Padded length of each feature (max over choices for multiple choice), via Arrow:
    reading the column as Python lists would take minutes and GBs on MNLI-sized data."""
    if isinstance(features, ColumnFeatures):
        return np.array(
            [
                max(len(c) for c in row) if row and isinstance(row[0], list) else len(row)
                for row in features["input_ids"]
            ],
            dtype=np.int64,
        )
    import pyarrow.compute as pc
    import pyarrow.types as pat

    table = features.with_format("arrow")
    out = []
    for start in range(0, len(features), _LENGTH_CHUNK):
        column = table[start : start + _LENGTH_CHUNK].column("input_ids")
        lengths = pc.list_value_length(column).to_numpy(zero_copy_only=False)
        if pat.is_list(column.type.value_type) or pat.is_large_list(column.type.value_type):
            inner = pc.list_value_length(pc.list_flatten(column)).to_numpy(zero_copy_only=False)
            offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
            lengths = np.maximum.reduceat(inner, offsets)
        out.append(lengths.astype(np.int64))
    return np.concatenate(out) if out else np.zeros(0, dtype=np.int64)


def fetch_rows(features: Any, indices: np.ndarray) -> dict[str, list]:
    """Columns of the rows at `indices` (one Arrow take, not a row loop). `features` must be
    Python-formatted (`with_format(None)`, done once by the caller) to get lists back."""
    return features[indices.tolist()]
