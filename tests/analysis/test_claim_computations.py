"""The named computations behind the claims, each on a grid small enough to work out by hand."""

import pytest

from xstilts.analysis.computations import (
    Context,
    best_per_target_xtreme_gain,
    english_only_advantage,
    fraction_positive,
    max_gain,
    min_mean_gain,
    three_phases,
    top_by_mean_gain,
)
from xstilts.analysis.names import TARGETS


def row(value: float) -> dict[str, float]:
    return {t: value for t in TARGETS}


FIRST5, LAST4 = TARGETS[:5], TARGETS[5:]


def test_best_model_per_target_is_chosen_on_selection_sets_and_scored_on_test():
    # selection: a gains +2 on the first five targets, b gains +3 on the last four
    selection = {"none": row(50.0),
                 "a": {t: 52.0 if t in FIRST5 else 49.0 for t in TARGETS},
                 "b": {t: 49.0 if t in FIRST5 else 53.0 for t in TARGETS}}
    # test: a scores 60 and b 40 everywhere; the composite takes a on 5 targets, b on 3 and the
    # baseline on Tatoeba (no selection set): (5 * 60 + 3 * 40 + 50) / 9 - 50 = 20/9
    # (choosing on test would give +10)
    test = {"none": row(50.0), "a": row(60.0), "b": row(40.0)}
    ctx = Context({"selection": selection, "dev": test, "test": test})
    assert best_per_target_xtreme_gain(ctx, "test") == pytest.approx(20 / 9)


def test_best_model_is_never_chosen_on_dev_or_test_scores():
    # Without selection-set scores there is no best model, whatever dev and test say.
    from xstilts.analysis.computations import NotRun

    cells = {"none": row(50.0), "a": row(60.0)}
    with pytest.raises(NotRun, match="selection"):
        best_per_target_xtreme_gain(Context({"dev": cells, "test": cells}), "test")


def test_english_only_advantage_is_the_mean_gap_to_its_ablation():
    # mnli 60 everywhere, mnli+mlm 58 on the first five and 61 on the last four:
    # mean(mnli - ablation) = (5 * 2 - 4 * 1) / 9 = 6/9
    cells = {"none": row(50.0), "mnli": row(60.0),
             "mnli+mlm": {t: 58.0 if t in FIRST5 else 61.0 for t in TARGETS}}
    assert english_only_advantage(Context({"dev": cells}), "dev", "mlm") == pytest.approx(6 / 9)


def test_retrieval_claim_takes_the_smaller_of_the_two_mean_gains():
    # gains over 50: bucc2018 (+4, +2) -> mean 3; tatoeba (+1, -3) -> mean -1
    cells = {"none": row(50.0),
             "a": row(50.0) | {"bucc2018": 54.0, "tatoeba": 51.0},
             "b": row(50.0) | {"bucc2018": 52.0, "tatoeba": 47.0}}
    assert min_mean_gain(Context({"dev": cells}), "dev", ["bucc2018", "tatoeba"]) == \
        pytest.approx(-1.0)


def test_fraction_positive_and_max_gain_read_one_target():
    cells = {"none": row(50.0), "a": row(51.0), "b": row(49.0), "c": row(50.0),
             "multitask": row(55.0)}
    ctx = Context({"dev": cells})
    assert fraction_positive(ctx, "dev", "tydiqa") == pytest.approx(1 / 3)  # only a of a, b, c
    assert max_gain(ctx, "dev", "xnli") == pytest.approx(5.0)  # the multi-task model counts


def test_ranking_by_mean_gain_separates_single_tasks_from_multitask():
    cells = {"none": row(50.0), "a": row(53.0), "b": row(52.0), "c": row(51.0),
             "multitask": row(54.0)}
    ctx = Context({"dev": cells})
    assert top_by_mean_gain(ctx, "dev", k=2, pool="single") == ["a", "b"]
    assert top_by_mean_gain(ctx, "dev", k=1, pool="all") == ["multitask"]


def test_three_phases_need_a_baseline_and_an_intermediate_run():
    assert three_phases(Context({"dev": {"none": row(50.0), "a": row(51.0)}}), "dev") is True
    assert three_phases(Context({"dev": {"none": row(50.0)}}), "dev") is False
