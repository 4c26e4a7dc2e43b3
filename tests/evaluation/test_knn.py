import numpy as np

from xstilts.evaluation.knn import cosine_topk, l2_normalize


def test_blockwise_topk_equals_the_full_similarity_matrix():
    rng = np.random.default_rng(0)
    queries = l2_normalize(rng.normal(size=(53, 8)))
    keys = l2_normalize(rng.normal(size=(37, 8)))
    sim, idx = cosine_topk(queries, keys, k=3, block_size=7, key_block_size=5)
    full = queries @ keys.T
    expected_idx = np.argsort(-full, axis=1)[:, :3]
    np.testing.assert_array_equal(idx, expected_idx)
    np.testing.assert_allclose(sim, np.take_along_axis(full, expected_idx, axis=1), rtol=1e-6)


def test_k_is_capped_at_the_number_of_keys():
    sim, idx = cosine_topk(np.eye(2, dtype=np.float32), np.eye(2, dtype=np.float32), k=4)
    assert idx.tolist() == [[0, 1], [1, 0]]
    assert sim.tolist() == [[1.0, 0.0], [1.0, 0.0]]


def test_l2_normalize_gives_unit_rows():
    assert l2_normalize(np.array([[3.0, 4.0]])).tolist() == [[0.6000000238418579, 0.800000011920929]]
