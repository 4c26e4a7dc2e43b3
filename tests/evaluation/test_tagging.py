import numpy as np
import pytest

from xstilts.evaluation.tagging import tagging_predictions
from xstilts.tasks.schema import TaggingExample

LABELS = ("O", "B-PER", "I-PER")
EXAMPLES = [
    TaggingExample("s0", ("Angela", "Dorothea", "Merkel"), None),
    TaggingExample("s1", ("ja",), None),
]


def one_hot(ids: list[int]) -> np.ndarray:
    rows = np.zeros((len(ids), len(LABELS)))
    rows[np.arange(len(ids)), ids] = 1.0
    return rows


def test_each_word_takes_its_first_subword_tag_and_windows_merge_into_one_sentence():
    # s0 is split over two windows that both hold "Dorothea" (word 1): the first one decides.
    # "Dorothea" has two sub-words; the second (word_index -1) says B-PER and is ignored.
    features = {
        "word_index": [[-1, 0, 1, -1, -1], [-1, 1, 2, -1], [-1, 0, -1]],
        "example_index": [0, 0, 1],
    }
    logits = [one_hot([0, 1, 2, 1, 0]), one_hot([0, 0, 2, 0]), one_hot([1, 0, 0])]
    assert tagging_predictions(logits, features, EXAMPLES, LABELS) == [
        ["B-PER", "I-PER", "I-PER"],
        ["O"],
    ]


def test_padded_logits_beyond_a_window_are_ignored():
    features = {"word_index": [[-1, 0, 1, 2, -1], [-1, 0, -1]], "example_index": [0, 1]}
    padded = np.stack([one_hot([0, 1, 2, 2, 0]), np.vstack([one_hot([0, 0, 0]), one_hot([1, 1])])])
    assert tagging_predictions(padded, features, EXAMPLES, LABELS) == [
        ["B-PER", "I-PER", "I-PER"],
        ["O"],
    ]


def test_a_word_without_a_tag_is_an_error():
    features = {"word_index": [[-1, 0, 1, -1], [-1, 0, -1]], "example_index": [0, 1]}
    logits = [one_hot([0, 1, 2, 0]), one_hot([0, 0, 0])]
    with pytest.raises(ValueError, match="'Merkel'"):
        tagging_predictions(logits, features, EXAMPLES, LABELS)
