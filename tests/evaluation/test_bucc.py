import numpy as np
import pytest

from xstilts.evaluation.bucc import (
    MarginCandidates,
    apply_threshold,
    bucc_side,
    candidates_by_id,
    greedy_one_to_one,
    margin_candidates,
    mine,
    select_threshold,
)

# Cosines: x0-y0 .8, x0-y1 .7, x1-y0 .75, x1-y1 .1; k = 2 (everything).
# fwd(x0) = .75, fwd(x1) = .425, bwd(y0) = .775 (y0 is a hub), bwd(y1) = .4.
FWD_SIM = np.array([[0.8, 0.7], [0.75, 0.1]])
FWD_IDX = np.array([[0, 1], [0, 1]])
BWD_SIM = np.array([[0.8, 0.75], [0.7, 0.1]])
BWD_IDX = np.array([[0, 1], [0, 1]])


def test_ratio_margin_divides_the_cosine_by_the_mean_neighbourhood_similarity():
    c = margin_candidates(FWD_SIM, FWD_IDX, BWD_SIM, BWD_IDX)
    # x0: .8/((.75+.775)/2) = 1.0492 < .7/((.75+.4)/2) = 1.2174, so x0 proposes y1, not the hub.
    # x1: .75/((.425+.775)/2) = 1.25 > .1/((.425+.4)/2) = .2424 -> y0.
    # y0: x0 1.0492 < x1 1.25 -> x1.  y1: x0 1.2174 > x1 .2424 -> x0.
    np.testing.assert_allclose(c.scores, [0.7 / 0.575, 1.25, 1.25, 0.7 / 0.575])
    assert c.source.tolist() == [0, 1, 1, 0]
    assert c.english.tolist() == [1, 0, 0, 1]


def test_greedy_selection_is_one_to_one_by_decreasing_score_and_drops_non_positive():
    candidates = MarginCandidates(
        scores=np.array([0.8, 0.9, 0.7, 0.6, -0.1]),
        source=np.array([1, 0, 1, 2, 2]),
        english=np.array([0, 0, 1, 1, 2]),
    )
    # .9 (0,0); .8 (1,0) y0 taken; .7 (1,1); .6 (2,1) y1 taken; -.1 (2,2) not > 0.
    assert greedy_one_to_one(candidates) == [(0.9, 0, 0), (0.7, 1, 1)]


def test_mining_pairs_each_sentence_with_its_translation():
    rng = np.random.default_rng(1)
    english = rng.normal(size=(6, 16))
    source = english[[3, 0, 5, 1]] + 0.05 * rng.normal(size=(4, 16))
    pairs = sorted((x, y) for _, x, y in mine(source, english, k=4, block_size=3))
    assert pairs == [(0, 3), (1, 0), (2, 5), (3, 1)]


def test_texts_repeated_on_a_side_are_embedded_once_and_dropped_as_ambiguous():
    source = bucc_side([("de-1", "Hallo"), ("de-2", "Welt"), ("de-3", "Hallo")])
    english = bucc_side([("en-1", "Hello"), ("en-2", "World")])
    assert source.texts == ("Hallo", "Welt")
    assert dict(source.text_to_id) == {"Welt": "de-2"}
    assert candidates_by_id([(1.5, 0, 0), (1.2, 1, 1)], source, english) == {
        ("de-2", "en-2"): 1.2
    }


def test_a_repeated_id_pair_keeps_its_highest_score():
    # One id under two spellings: two unique texts, one id pair.
    source = bucc_side([("de-1", "Hallo"), ("de-1", "Hallo!")])
    english = bucc_side([("en-1", "Hello")])
    assert candidates_by_id([(1.1, 0, 0), (1.4, 1, 0), (1.2, 0, 0)], source, english) == {
        ("de-1", "en-1"): 1.4
    }


def test_threshold_is_the_midpoint_after_each_strict_f1_improvement():
    candidates = {("a", "a"): 1.5, ("b", "x"): 1.4, ("c", "c"): 1.3, ("d", "x"): 1.1,
                  ("e", "x"): 1.0}
    gold = {("a", "a"), ("c", "c"), ("z", "z")}
    # F1 after each: .5 (-> (1.5+1.4)/2), .4, 2/3 (-> (1.3+1.1)/2), 4/7, .5.
    threshold = select_threshold(candidates, gold)
    assert threshold.value == pytest.approx(1.2)
    assert threshold.dev_f1 == pytest.approx(2 / 3)


def test_best_f1_at_the_last_candidate_keeps_that_candidate():
    assert select_threshold({("a", "a"): 0.5, ("b", "b"): 2.0}, {("a", "a")}).value == 0.5


def test_test_pairs_at_or_above_the_threshold_are_kept_best_first():
    candidates = {("q", "q"): 1.2, ("r", "r"): 1.19, ("p", "p"): 1.25}
    assert apply_threshold(candidates, 1.2) == [("p", "p"), ("q", "q")]
