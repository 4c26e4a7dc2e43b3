"""Column access shared by the postprocessors.

Features come from `prepare` as a HF `datasets.Dataset` (INTERFACES.md); tests pass a plain
dict of lists. Both answer `features[column]`, so that is the only thing relied on.
"""

from __future__ import annotations

from typing import Any


def column(features: Any, name: str) -> list[Any]:
    """The column `name` as a Python list, or a KeyError naming the columns that exist."""
    try:
        values = features[name]
    except (KeyError, ValueError) as error:
        names = getattr(features, "column_names", None) or list(features)
        raise KeyError(f"features have no column {name!r} (columns: {names})") from error
    return list(values)
