"""Tagging logits → one tag per word (UD-POS, PAN-X), merged over windows.

A word's tag comes from its first sub-word, the position that carries its label in
training (`labels` is -100 elsewhere, INTERFACES.md); `word_index` names that word. When
windows overlap, the first window that holds the word's first sub-word decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from xstilts.evaluation.features import column
from xstilts.tasks.schema import TaggingExample


def tagging_predictions(
    logits: Sequence[np.ndarray],
    features: Any,
    examples: Sequence[TaggingExample],
    labels: Sequence[str],
) -> list[list[str]]:
    """One tag per word of every sentence, in sentence order.

    `logits[f]` is feature f's `(length, num_labels)` array (padded rows are ignored).
    Every word must receive exactly one tag: XTREME does not check token counts (§2.2), so a
    dropped word would shift chunk boundaries silently; here it is an error instead.
    """
    word_index_col = column(features, "word_index")
    example_index = column(features, "example_index")
    if len(logits) != len(word_index_col):
        raise ValueError(f"{len(logits)} logit rows for {len(word_index_col)} features")
    tags: list[list[str | None]] = [[None] * len(e.tokens) for e in examples]
    for f, (word_index, ex) in enumerate(zip(word_index_col, example_index, strict=True)):
        if not 0 <= ex < len(examples):
            raise ValueError(f"feature {f} has example_index {ex} outside 0..{len(examples) - 1}")
        rows = np.asarray(logits[f])
        if rows.ndim != 2 or rows.shape[1] != len(labels) or rows.shape[0] < len(word_index):
            raise ValueError(
                f"feature {f}: logits of shape {rows.shape} do not fit {len(word_index)} tokens "
                f"x {len(labels)} labels"
            )
        for position, word in enumerate(word_index):
            if word < 0:
                continue
            if word >= len(tags[ex]):
                raise ValueError(
                    f"feature {f}: word_index {word} but sentence {examples[ex].id!r} has "
                    f"{len(tags[ex])} words"
                )
            if tags[ex][word] is None:
                tags[ex][word] = labels[int(np.argmax(rows[position]))]
    merged: list[list[str]] = []
    for example, sentence in zip(examples, tags, strict=True):
        missing = [i for i, tag in enumerate(sentence) if tag is None]
        if missing:
            raise ValueError(
                f"sentence {example.id!r}: {len(missing)} words got no tag (first: word "
                f"{missing[0]} {example.tokens[missing[0]]!r}); were windows truncated?"
            )
        merged.append([tag for tag in sentence if tag is not None])
    return merged
