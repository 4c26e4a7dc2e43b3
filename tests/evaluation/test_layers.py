import pytest

from xstilts.evaluation.embedding import default_layer, resolve_layer


def test_xlmr_large_uses_hidden_state_14_of_24():
    assert default_layer(24) == 14
    assert resolve_layer(24) == 14


def test_other_depths_scale_the_layer_proportionally():
    assert default_layer(12) == 7  # 14/24 * 12 = 7
    assert default_layer(2) == 1  # 1.17
    assert default_layer(6) == 4  # 3.5 rounds half up


def test_an_explicit_layer_overrides_the_default():
    assert resolve_layer(24, 20) == 20
    assert resolve_layer(24, 0) == 0  # the embedding output
    assert resolve_layer(24, 24) == 24


@pytest.mark.parametrize("layer", [-1, 25])
def test_a_layer_outside_the_hidden_states_is_an_error(layer: int):
    with pytest.raises(ValueError, match="0 \\(embeddings\\) to 24"):
        resolve_layer(24, layer)
