"""The column types of each kind's features (docs/INTERFACES.md, "Features").

Explicit types keep the arrow schema the same whatever the data (an empty split, a split
with only short rows) so training can rely on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datasets import Features


def features_for(kind: str) -> Features:
    """The `datasets.Features` of a prepared split of `kind`."""
    from datasets import Features, List, Value

    ids = List(Value("int32"))
    index = Value("int64")
    if kind == "classification":
        return Features({"input_ids": ids, "label": index, "example_index": index})
    if kind == "multiple_choice":
        return Features({"input_ids": List(ids), "label": index, "example_index": index})
    if kind == "span_extraction":
        return Features(
            {
                "input_ids": ids,
                "start_position": index,
                "end_position": index,
                "offsets": List(List(Value("int32"))),
                "example_index": index,
            }
        )
    if kind == "tagging":
        return Features(
            {
                "input_ids": ids,
                "labels": List(Value("int32")),
                "word_index": List(Value("int32")),
                "example_index": index,
            }
        )
    if kind == "mlm":
        return Features({"input_ids": ids})
    raise ValueError(f"task kind {kind!r} has no features (retrieval is embedded at evaluation)")
