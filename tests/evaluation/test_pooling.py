import pytest
import torch

from xstilts.evaluation.embedding import pool

# Two sequences of length 3 and 2 (+1 padding). Position 0 is <s>, the last real one </s>.
HIDDEN = torch.tensor([
    [[1.0, 0.0], [2.0, 0.0], [6.0, 3.0]],
    [[4.0, 2.0], [0.0, 4.0], [100.0, 100.0]],
])
MASK = torch.tensor([[1, 1, 1], [1, 1, 0]])


def test_mean_pooling_averages_every_real_token_including_specials_but_not_padding():
    assert pool(HIDDEN, MASK, "mean").tolist() == [[3.0, 1.0], [2.0, 3.0]]


def test_cls_pooling_takes_the_first_token():
    assert pool(HIDDEN, MASK, "cls").tolist() == [[1.0, 0.0], [4.0, 2.0]]


def test_unknown_pooling_is_an_error():
    with pytest.raises(ValueError, match="mean, cls"):
        pool(HIDDEN, MASK, "max")
