import numpy as np
import pytest

from xstilts.evaluation.postprocess import predictions_from_logits
from xstilts.evaluation.span import decode_spans
from xstilts.tasks.schema import Answer, SpanExample

CONTEXT = "The cat sat on the mat."
#           0   4   8   12 15  19
NONE = [-1, -1]
WORDS = {"The": [0, 3], "cat": [4, 7], "sat": [8, 11], "on": [12, 14], "the": [15, 18]}
EXAMPLE = SpanExample("q1", "Where did it sit?", CONTEXT, (Answer("on the mat", 12),))
# Two windows over one question: <s> q q </s> </s> context... </s> (stride overlap on "sat").
FEATURES = {
    "offsets": [
        [NONE, NONE, NONE, NONE, NONE, WORDS["The"], WORDS["cat"], WORDS["sat"], NONE],
        [NONE, NONE, NONE, NONE, NONE, WORDS["sat"], WORDS["on"], WORDS["the"], NONE],
    ],
    "example_index": [0, 0],
}
NEG = -5.0


def logits():
    start = np.full((2, 10), NEG)  # one padding column beyond each window
    end = np.full((2, 10), NEG)
    start[:, 1] = end[:, 2] = 10.0  # question tokens score highest: must never be chosen
    start[:, 9] = end[:, 9] = 50.0  # padding: ignored
    start[0, 5], end[0, 6] = 2.0, 1.0  # window 0 best: "The cat" = 3.0
    start[1, 6], end[1, 7] = 3.0, 2.5  # window 1 best: "on the" = 5.5
    end[1, 5], start[1, 5] = 4.0, 0.5  # "sat" alone = 4.5; start "on" + end "sat" is reversed
    return start, end


def test_best_valid_context_span_over_all_windows_wins():
    start, end = logits()
    assert decode_spans(start, end, FEATURES, [EXAMPLE]) == {"q1": "on the"}


def test_answers_are_never_cut_from_question_or_special_tokens():
    start, end = logits()
    start[:, 5:8] = end[:, 5:8] = NEG
    start[0, 7] = end[0, 7] = -4.0  # the only context scores left: "sat"
    assert decode_spans(start, end, FEATURES, [EXAMPLE]) == {"q1": "sat"}


def test_answers_longer_than_max_answer_length_tokens_are_skipped():
    start, end = logits()
    start[0, 5], end[0, 7] = 20.0, 20.0  # "The cat sat" (3 tokens) = 40 wins if allowed
    answer = decode_spans(start, end, FEATURES, [EXAMPLE], max_answer_length=2)
    assert answer == {"q1": "The cat"}  # 20 + 1, the best pair of at most 2 tokens
    assert decode_spans(start, end, FEATURES, [EXAMPLE], max_answer_length=3) == {
        "q1": "The cat sat"
    }


def test_squad_v2_null_answer_wins_when_the_null_score_is_higher():
    start, end = logits()
    start[:, 0] = end[:, 0] = 3.0  # null = 6.0 in both windows > best span 5.5
    assert decode_spans(start, end, FEATURES, [EXAMPLE]) == {"q1": "on the"}
    assert decode_spans(start, end, FEATURES, [EXAMPLE], version_2_with_negative=True) == {
        "q1": ""
    }


def test_span_head_output_of_shape_features_length_2_is_accepted():
    start, end = logits()
    stacked = np.stack([start, end], axis=-1)
    assert predictions_from_logits("span_extraction", stacked, FEATURES, [EXAMPLE]) == {
        "q1": "on the"
    }


def test_a_question_without_any_window_is_an_error():
    start, end = logits()
    other = SpanExample("q2", "?", CONTEXT, ())
    with pytest.raises(ValueError, match="q2"):
        decode_spans(start, end, FEATURES, [EXAMPLE, other])
