"""Score and gain tables: mean ± std over seeds, gains over the baseline, best model per target."""

import math
from pathlib import Path

import numpy as np
import pytest

from xstilts.analysis.embedders import embedder_for, hashed_bow_embedder
from xstilts.analysis.tables import best_per_target, gain_std, gains, summarize


def test_a_cell_over_seeds_is_mean_and_sample_std():
    # (70, 74): mean 72, sample variance ((-2)^2 + 2^2) / 1 = 8
    s = summarize({"mnli": {"xnli": [70.0, 74.0]}})["mnli"]["xnli"]
    assert (s.mean, s.std, s.n) == (72.0, pytest.approx(math.sqrt(8)), 2)
    assert summarize({"mnli": {"xnli": [70.0]}})["mnli"]["xnli"].std is None


def test_gain_noise_adds_the_variances_of_both_runs():
    # var(mnli) = 8, var(none) = ((60-61)^2 + (62-61)^2) / 1 = 2 -> sqrt(10)
    summ = summarize({"mnli": {"xnli": [70.0, 74.0]}, "none": {"xnli": [60.0, 62.0]}})
    assert gain_std(summ, "mnli", "xnli") == pytest.approx(math.sqrt(10))


def test_gain_noise_is_unknown_when_neither_run_has_replicates():
    summ = summarize({"mnli": {"xnli": [70.0]}, "none": {"xnli": [60.0]}})
    assert gain_std(summ, "mnli", "xnli") is None


def test_a_gain_needs_the_baselines_score_on_that_target():
    cells = {"none": {"xnli": 60.0}, "mnli": {"xnli": 63.0, "panx": 50.0}}
    assert gains(cells) == {"mnli": {"xnli": 3.0}}


def test_best_model_per_target_has_the_largest_gain_ties_going_alphabetically():
    g = {"b": {"xnli": 2.0, "panx": 1.0}, "a": {"xnli": 2.0, "panx": 0.5}}
    # Tatoeba has no selection set: it keeps the baseline whatever its gains say.
    assert best_per_target(g, ["a", "b"]) == {"xnli": "a", "panx": "b", "tatoeba": "none"}


def test_hashed_bow_embeddings_are_unit_rows_equal_for_the_same_words():
    emb = hashed_bow_embedder(32)(["the cat sat", "Sat the CAT!", ""])
    assert np.allclose(np.linalg.norm(emb[:2], axis=1), 1.0)
    assert np.allclose(emb[0], emb[1]) and not emb[2].any()


def test_the_embedder_is_one_that_params_can_name():
    with pytest.raises(ValueError, match="expected one of pretrained, hashed-bow, none"):
        embedder_for("xstilts.analysis.embedders:mean_pooled", Path("models/pretrained"))
