"""String labels to ids, in the order of the task's label list in the registry."""

from __future__ import annotations

from collections.abc import Sequence

UNLABELLED = -1  # classification / multiple choice rows without gold (test splits)
IGNORE_INDEX = -100  # tagging positions the loss and the metric skip (PyTorch's default)


class UnknownLabelError(ValueError):
    """A gold label that is not in the task's label list (wrong reader or wrong registry)."""


class LabelIndex:
    """Maps a task's labels to ids by list position; errors name the offending example."""

    def __init__(self, labels: Sequence[str]) -> None:
        if len(set(labels)) != len(labels):
            raise ValueError(f"duplicate labels in task label list: {list(labels)}")
        self.labels = tuple(labels)
        self._ids = {label: i for i, label in enumerate(self.labels)}

    def encode(self, example_id: str, label: str | None) -> int:
        """Id of `label`; None (no gold) gives UNLABELLED."""
        if label is None:
            return UNLABELLED
        try:
            return self._ids[label]
        except KeyError:
            raise UnknownLabelError(
                f"example {example_id!r}: label {label!r} is not one of the task labels "
                f"{list(self.labels)}"
            ) from None

    def get(self, label: str, default: int) -> int:
        return self._ids.get(label, default)

    def encode_tag(self, example_id: str, position: int, tag: str) -> int:
        """Id of a tagging label; the error also names the word position."""
        try:
            return self._ids[tag]
        except KeyError:
            raise UnknownLabelError(
                f"example {example_id!r}, word {position}: tag {tag!r} is not one of the "
                f"task labels {list(self.labels)}"
            ) from None
