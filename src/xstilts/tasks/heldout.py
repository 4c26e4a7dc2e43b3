"""Split a train set into what is trained on and a seeded held-out slice (`HeldOut`).

Used where XTREME publishes no dev set that is not also its test set (TyDiQA GoldP): the
held-out slice is the model-selection set, and it is removed from training.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from typing import TypeVar

from xstilts.tasks.spec import HELDOUT, HeldOut

T = TypeVar("T")


def heldout_ids(ids: Sequence[str], heldout: HeldOut) -> frozenset[str]:
    """The ids held out: the ceil(fraction * n) distinct ids with the smallest sha256 of
    `seed:id`. Independent of order; the same ids for the same set, seed and fraction."""
    unique = sorted(set(ids))
    count = math.ceil(heldout.fraction * len(unique))
    ranked = sorted(unique, key=lambda i: hashlib.sha256(f"{heldout.seed}:{i}".encode()).digest())
    return frozenset(ranked[:count])


def split_heldout(examples: Sequence[T], split: str, heldout: HeldOut) -> list[T]:
    """`train`: the examples that are not held out; `heldout`: only the held-out ones.
    Every example needs an `id` attribute."""
    held = heldout_ids([ex.id for ex in examples], heldout)  # type: ignore[attr-defined]
    keep_held = split == HELDOUT
    return [ex for ex in examples if (ex.id in held) == keep_held]  # type: ignore[attr-defined]
