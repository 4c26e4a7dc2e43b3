import numpy as np
import pytest

from xstilts.evaluation.classification import classification_predictions

LABELS = ("entailment", "neutral", "contradiction")


def test_argmax_id_maps_to_the_registry_label_in_example_order():
    # Features arrive in another order than the examples.
    features = {"example_index": [2, 0, 1]}
    logits = np.array([[0.1, 0.2, 3.0], [5.0, 0.0, 0.0], [0.0, 1.0, 0.5]])
    assert classification_predictions(logits, features, LABELS, 3) == [
        "entailment", "neutral", "contradiction"
    ]


def test_an_example_without_a_feature_is_an_error():
    with pytest.raises(ValueError, match="no feature"):
        classification_predictions(np.zeros((1, 3)), {"example_index": [0]}, LABELS, 2)


def test_logits_with_another_number_of_classes_are_an_error():
    with pytest.raises(ValueError, match="2 classes"):
        classification_predictions(np.zeros((1, 2)), {"example_index": [0]}, LABELS, 1)
