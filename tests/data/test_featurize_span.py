"""Span extraction: doc-stride windows, answer positions, no-answer at <s>, offsets to text."""

from __future__ import annotations

import pytest

from xstilts.data.featurize import featurize_span, span_text
from xstilts.tasks.schema import Answer, SpanExample

FILLER = "the cat sat on a mat while dogs ran in the park and birds sang songs"
ANSWER = "a person reads a book"


def _long_example() -> SpanExample:
    # The answer sits in the middle of a context many windows long.
    context = f"{FILLER} {FILLER} {FILLER} {ANSWER} near the river {FILLER} {FILLER}"
    start = context.index(ANSWER)
    return SpanExample(
        id="q-long", question="who reads", context=context, answers=(Answer(ANSWER, start),)
    )


def _windows(tokenizer, example, max_length=48, doc_stride=16):
    return featurize_span([example], tokenizer, max_length, doc_stride, max_query_length=16)


def _answer_in(cols, k):
    return cols["start_position"][k] != 0


def test_span_doc_stride_keeps_answer(tokenizer):
    example = _long_example()
    cols = _windows(tokenizer, example)
    n = len(cols["input_ids"])
    assert n > 3, "the context must need several windows"
    holding = [k for k in range(n) if _answer_in(cols, k)]
    assert holding, "a window that holds the whole answer must point at it"
    for k in holding:
        s, e = cols["start_position"][k], cols["end_position"][k]
        assert s <= e < len(cols["input_ids"][k])
        assert span_text(example.context, cols["offsets"][k], s, e) == ANSWER
        # Exactly the answer's tokens: the neighbours lie outside the answer's characters.
        a_start = example.answers[0].answer_start
        before, after = cols["offsets"][k][s - 1], cols["offsets"][k][e + 1]
        assert before == [-1, -1] or before[1] <= a_start
        assert after == [-1, -1] or after[0] >= a_start + len(ANSWER)
    # Windows step by doc_stride and overlap: together they cover every context token.
    full = [
        list(o)
        for o in tokenizer(example.context, add_special_tokens=False, return_offsets_mapping=True)[
            "offset_mapping"
        ]
    ]
    spans = [[o for o in cols["offsets"][k] if o != [-1, -1]] for k in range(n)]
    assert spans[0][0] == full[0] and spans[-1][-1] == full[-1]
    for left, right in zip(spans, spans[1:], strict=False):
        assert right[0] in left, "consecutive windows must overlap"
    assert all(len(ids) <= 48 for ids in cols["input_ids"])


def test_span_window_without_answer_points_to_cls(tokenizer):
    example = _long_example()
    cols = _windows(tokenizer, example)
    a_start = example.answers[0].answer_start
    a_end = a_start + len(ANSWER)
    for k in range(len(cols["input_ids"])):
        chars = [o for o in cols["offsets"][k] if o != [-1, -1]]
        holds_all = chars[0][0] <= a_start and chars[-1][1] >= a_end
        if not holds_all:
            assert (cols["start_position"][k], cols["end_position"][k]) == (0, 0)
    assert any(
        (cols["start_position"][k], cols["end_position"][k]) == (0, 0)
        for k in range(len(cols["input_ids"]))
    )


def test_squad_v2_no_answer_points_to_cls(tokenizer):
    example = SpanExample(
        id="q-v2", question="who sings", context=FILLER, answers=(), is_impossible=True
    )
    cols = _windows(tokenizer, example, max_length=128)
    assert len(cols["input_ids"]) == 1
    assert (cols["start_position"][0], cols["end_position"][0]) == (0, 0)
    assert span_text(FILLER, cols["offsets"][0], 0, 0) == ""


def test_span_window_is_the_xlmr_pair_layout(tokenizer):
    example = SpanExample("q1", "who reads", "a person reads a book", (Answer("a person", 0),))
    cols = featurize_span([example], tokenizer, 128, 64, max_query_length=16)
    assert cols["input_ids"] == [tokenizer(example.question, example.context)["input_ids"]]
    assert cols["offsets"][0][0] == [-1, -1] and cols["offsets"][0][-1] == [-1, -1]


def test_answer_not_at_its_offset_is_an_error(tokenizer):
    example = SpanExample("q-bad", "who", "a person reads a book", (Answer("book", 3),))
    with pytest.raises(ValueError, match="'q-bad'"):
        featurize_span([example], tokenizer, 128, 64, max_query_length=16)
