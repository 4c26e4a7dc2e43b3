"""Word tagging (UD-POS, PAN-X, CCG) with labels on first sub-words only.

As XTREME's `run_tag`: each word is tokenized on its own, its first sub-word carries the
word's label and the others are ignored (-100); a word that yields no sub-word becomes
<unk> so no word disappears. Sentences longer than the model's window are cut at word
boundaries into consecutive windows, so every word keeps exactly one labelled sub-word and
`word_index` lets predictions be merged back into the original sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from xstilts.data.featurize.labels import IGNORE_INDEX, LabelIndex
from xstilts.data.featurize.progress import progress_chunks
from xstilts.data.featurize.tokens import (
    CHUNK,
    Columns,
    encode_pieces,
    require_fast,
    single_special_count,
)
from xstilts.tasks.schema import TaggingExample

if TYPE_CHECKING:
    from transformers import PreTrainedTokenizerBase

NOT_FIRST = -1  # word_index of special tokens and non-first sub-words


def featurize_tagging(
    examples: Sequence[TaggingExample],
    tokenizer: PreTrainedTokenizerBase,
    labels: Sequence[str],
    max_length: int,
    ignore_unknown: bool = False,
) -> Columns:
    """One feature per window; a sentence that fits is one window.

    `ignore_unknown` is for open label sets (CCG: labels = the supertags seen in training):
    a tag unseen in training is left out of loss and metric instead of failing.
    """
    require_fast(tokenizer)
    index = LabelIndex(labels)
    if single_special_count(tokenizer) != 2:
        raise ValueError("tagging builds XLM-R single inputs <s> ... </s> (2 special tokens)")
    room = max_length - 2
    if room < 1:
        raise ValueError(f"max_length {max_length} leaves no room for words")
    tag_ids = [_tag_ids(ex, index, ignore_unknown) for ex in examples]
    columns: Columns = {"input_ids": [], "labels": [], "word_index": [], "example_index": []}
    done = 0
    for batch in progress_chunks(examples, CHUNK, "tagging"):
        words = [w for ex in batch for w in ex.tokens]
        pieces = encode_pieces(tokenizer, words)
        pos = 0
        for j, ex in enumerate(batch):
            word_pieces = [
                p or [tokenizer.unk_token_id] for p in pieces[pos : pos + len(ex.tokens)]
            ]
            pos += len(ex.tokens)
            for window in _word_windows(word_pieces, room):
                _append_window(columns, tokenizer, word_pieces, window, tag_ids[done + j], room)
                columns["example_index"].append(done + j)
        done += len(batch)
    return columns


def _tag_ids(ex: TaggingExample, index: LabelIndex, ignore_unknown: bool) -> list[int] | None:
    if ex.tags is None:
        return None
    if len(ex.tags) != len(ex.tokens):
        raise ValueError(f"example {ex.id!r} has {len(ex.tokens)} words but {len(ex.tags)} tags")
    if ignore_unknown:
        return [index.get(tag, IGNORE_INDEX) for tag in ex.tags]
    return [index.encode_tag(ex.id, k, tag) for k, tag in enumerate(ex.tags)]


def _word_windows(word_pieces: Sequence[Sequence[int]], room: int) -> list[range]:
    """Consecutive word ranges whose sub-words fit in `room`; at least one window per sentence.

    A single word longer than the room gets a window of its own (its sub-words are cut,
    its first one stays).
    """
    windows: list[range] = []
    start, used = 0, 0
    for k, pieces in enumerate(word_pieces):
        n = len(pieces)
        if k > start and used + n > room:
            windows.append(range(start, k))
            start, used = k, 0
        used += n
    windows.append(range(start, len(word_pieces)))
    return windows


def _append_window(
    columns: Columns,
    tokenizer: PreTrainedTokenizerBase,
    word_pieces: Sequence[Sequence[int]],
    window: range,
    tags: list[int] | None,
    room: int,
) -> None:
    body: list[int] = []
    labels: list[int] = []
    word_index: list[int] = []
    for k in window:
        pieces = list(word_pieces[k])[: max(1, room - len(body))]
        body += pieces
        labels += [tags[k] if tags is not None else IGNORE_INDEX] + [IGNORE_INDEX] * (
            len(pieces) - 1
        )
        word_index += [k] + [NOT_FIRST] * (len(pieces) - 1)
    # XLM-R's single-sequence layout, <s> body </s>; the special tokens carry no label.
    columns["input_ids"].append([tokenizer.cls_token_id, *body, tokenizer.sep_token_id])
    columns["labels"].append([IGNORE_INDEX, *labels, IGNORE_INDEX])
    columns["word_index"].append([NOT_FIRST, *word_index, NOT_FIRST])
