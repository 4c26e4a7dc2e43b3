"""Progress bars for long featurization, shown only when a person is watching a terminal."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")

# Below this many examples a bar is noise (the demo prepares dozens of tiny files).
MIN_ITEMS_FOR_BAR = 2000


def progress_chunks(items: Sequence[T], size: int, desc: str) -> Iterator[Sequence[T]]:
    """Yield `items` in chunks of `size`; a tqdm bar counts examples on a terminal."""
    show = len(items) >= MIN_ITEMS_FOR_BAR and sys.stderr.isatty()
    bar = None
    if show:
        from tqdm import tqdm

        bar = tqdm(total=len(items), desc=desc, unit="ex", leave=False)
    try:
        for start in range(0, len(items), size):
            chunk = items[start : start + size]
            yield chunk
            if bar is not None:
                bar.update(len(chunk))
    finally:
        if bar is not None:
            bar.close()
