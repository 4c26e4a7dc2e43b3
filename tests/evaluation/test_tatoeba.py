import numpy as np

from xstilts.evaluation.tatoeba import tatoeba_predictions


def test_each_english_sentence_retrieves_the_nearest_non_english_index_by_cosine():
    source = np.array([[10.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    english = np.array([[0.0, 2.0], [2.0, 1.0], [5.0, 0.1]])
    # [2, 1]: inner products 20, 1, 3 would pick 0; cosines 0.89, 0.45, 0.95 pick 2.
    assert tatoeba_predictions(source, english) == [1, 2, 0]
