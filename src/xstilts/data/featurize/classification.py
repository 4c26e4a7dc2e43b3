"""Single sentences and sentence pairs (XNLI, PAWS-X, MNLI, ANLI, QQP, SST-2)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from xstilts.data.featurize.labels import LabelIndex
from xstilts.data.featurize.progress import progress_chunks
from xstilts.data.featurize.tokens import CHUNK, Columns, require_fast
from xstilts.tasks.schema import ClassificationExample

if TYPE_CHECKING:
    from transformers import PreTrainedTokenizerBase


def featurize_classification(
    examples: Sequence[ClassificationExample],
    tokenizer: PreTrainedTokenizerBase,
    labels: Sequence[str],
    max_length: int,
) -> Columns:
    """One feature per example: `<s> A </s></s> B </s>` (or `<s> A </s>`), truncated to fit.

    Truncation is longest-first, as XTREME's classification scripts do, so neither sentence
    of a pair is dropped entirely.
    """
    require_fast(tokenizer)
    index = LabelIndex(labels)
    # Labels first: a bad label fails before minutes of tokenization.
    label_ids = [index.encode(ex.id, ex.label) for ex in examples]
    pairs = [ex for ex in examples if ex.text_b is not None]
    if pairs and len(pairs) != len(examples):
        single = next(ex.id for ex in examples if ex.text_b is None)
        raise ValueError(
            f"example {single!r} has one sentence but others are pairs: a task is one or the other"
        )
    input_ids: list[list[int]] = []
    for batch in progress_chunks(examples, CHUNK, "classification"):
        first = [ex.text_a for ex in batch]
        second = [ex.text_b for ex in batch] if pairs else None
        encoded = tokenizer(first, second, truncation="longest_first", max_length=max_length)
        input_ids.extend(encoded["input_ids"])
    return {
        "input_ids": input_ids,
        "label": label_ids,
        "example_index": list(range(len(examples))),
    }
