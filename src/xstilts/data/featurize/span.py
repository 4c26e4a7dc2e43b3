"""Extractive QA (SQuAD, XQuAD, MLQA, TyDiQA-GoldP) as sliding windows over the context.

Each window is `<s> question </s></s> context[window] </s>` (XLM-R's pair layout). As in
BERT's and XTREME's `run_squad`, `doc_stride` is the step between window starts, so windows
overlap by (context room - doc_stride) sub-words. A window that does not hold the whole gold
answer, and a SQuAD v2 unanswerable question, point start and end at `<s>` (position 0).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from xstilts.data.featurize.progress import progress_chunks
from xstilts.data.featurize.tokens import CHUNK, Columns, pair_special_count, require_fast
from xstilts.tasks.schema import SpanExample

if TYPE_CHECKING:
    from transformers import PreTrainedTokenizerBase

NO_ANSWER = 0  # position of <s>
NOT_CONTEXT = (-1, -1)  # offsets of question and special tokens


def featurize_span(
    examples: Sequence[SpanExample],
    tokenizer: PreTrainedTokenizerBase,
    max_length: int,
    doc_stride: int,
    max_query_length: int,
) -> Columns:
    """Several features per example when the context is long; `example_index` links them."""
    require_fast(tokenizer)
    specials = pair_special_count(tokenizer)
    if specials != 4:
        raise ValueError(
            f"span featurization builds XLM-R pair inputs (4 special tokens); this tokenizer "
            f"adds {specials}"
        )
    if max_length - max_query_length - specials < 1:
        raise ValueError(
            f"max_query_length {max_query_length} leaves no room for context in max_length "
            f"{max_length}"
        )
    answer_spans = [_answer_char_span(ex) for ex in examples]
    columns: Columns = {
        "input_ids": [],
        "start_position": [],
        "end_position": [],
        "offsets": [],
        "example_index": [],
    }
    done = 0
    for batch in progress_chunks(examples, CHUNK, "span extraction"):
        questions = tokenizer([ex.question for ex in batch], add_special_tokens=False)
        contexts = tokenizer(
            [ex.context for ex in batch], add_special_tokens=False, return_offsets_mapping=True
        )
        for j in range(len(batch)):
            i = done + j
            _windows(
                columns,
                example_index=i,
                question_ids=questions["input_ids"][j][:max_query_length],
                context_ids=contexts["input_ids"][j],
                context_offsets=[tuple(o) for o in contexts["offset_mapping"][j]],
                answer=answer_spans[i],
                tokenizer=tokenizer,
                max_length=max_length,
                doc_stride=doc_stride,
            )
        done += len(batch)
    return columns


def _answer_char_span(ex: SpanExample) -> tuple[int, int] | None:
    """Char span [start, end) of the first gold answer, None when there is nothing to point at.

    Unanswerable (SQuAD v2) and blanked answers (XTREME's test files carry `text: ""`) both
    train the model to point at <s>.
    """
    if ex.is_impossible or not ex.answers or not ex.answers[0].text:
        return None
    answer = ex.answers[0]
    start, end = answer.answer_start, answer.answer_start + len(answer.text)
    if start < 0 or end > len(ex.context) or ex.context[start:end] != answer.text:
        raise ValueError(
            f"example {ex.id!r}: answer {answer.text!r} is not at character {start} of its "
            f"context (found {ex.context[start:end]!r})"
        )
    return start, end


def _windows(
    columns: Columns,
    *,
    example_index: int,
    question_ids: list[int],
    context_ids: list[int],
    context_offsets: list[tuple[int, int]],
    answer: tuple[int, int] | None,
    tokenizer: PreTrainedTokenizerBase,
    max_length: int,
    doc_stride: int,
) -> None:
    room = max_length - len(question_ids) - 4
    token_span = _answer_token_span(context_offsets, answer) if answer else None
    prefix = [tokenizer.cls_token_id, *question_ids, tokenizer.sep_token_id, tokenizer.sep_token_id]
    # BERT's loop: windows start every min(length, doc_stride) tokens until the last one
    # reaches the end of the context; an empty context still yields one window.
    start = 0
    while True:
        length = min(len(context_ids) - start, room)
        ids = prefix + context_ids[start : start + length] + [tokenizer.sep_token_id]
        offsets = [list(NOT_CONTEXT)] * len(prefix)
        offsets += [list(o) for o in context_offsets[start : start + length]]
        offsets += [list(NOT_CONTEXT)]
        start_pos = end_pos = NO_ANSWER
        if token_span and start <= token_span[0] and token_span[1] < start + length:
            start_pos = len(prefix) + token_span[0] - start
            end_pos = len(prefix) + token_span[1] - start
        columns["input_ids"].append(ids)
        columns["start_position"].append(start_pos)
        columns["end_position"].append(end_pos)
        columns["offsets"].append(offsets)
        columns["example_index"].append(example_index)
        if start + length >= len(context_ids):
            break
        start += min(length, doc_stride)


def _answer_token_span(
    offsets: Sequence[tuple[int, int]], answer: tuple[int, int]
) -> tuple[int, int] | None:
    """First and last context token overlapping the answer's characters.

    Sentencepiece tokens may include the preceding space ('▁word'), so overlap rather than
    equality decides; zero-width tokens never start or end an answer.
    """
    a_start, a_end = answer
    inside = [k for k, (s, e) in enumerate(offsets) if e > s and s < a_end and e > a_start]
    if not inside:
        return None
    return inside[0], inside[-1]


def span_text(context: str, offsets: Sequence[Sequence[int]], start: int, end: int) -> str:
    """The context text between feature positions `start` and `end` (inclusive).

    Empty for the <s> no-answer position, question tokens, or end < start. Surrounding
    whitespace is stripped because a '▁word' token's offsets may cover the space before it.
    """
    if start > end or start >= len(offsets) or end >= len(offsets):
        return ""
    char_start, char_end = offsets[start][0], offsets[end][1]
    if char_start < 0 or char_end < 0:
        return ""
    return context[char_start:char_end].strip()
