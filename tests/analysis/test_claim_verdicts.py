"""Verdicts: reproduced within tolerance, not reproduced outside it, not run when cells are missing."""

import pytest

from xstilts.analysis.claims import Claim, parse_computation
from xstilts.analysis.computations import Context
from xstilts.analysis.names import TARGETS
from xstilts.analysis.verdict import check_claim


def row(value: float) -> dict[str, float]:
    return {t: value for t in TARGETS}


def claim(compute: str, claimed, compare="approx", tolerance=1.0, split="dev") -> Claim:
    return Claim(id="X", claim="x", claimed=claimed, compute=parse_computation(compute),
                 compare=compare, source="test", status="verified", tolerance=tolerance,
                 split=split)


# squad gains +8 on every target over the baseline (50 -> 58)
CTX = Context({"dev": {"none": row(50.0), "squad": row(58.0)}})


def test_a_value_within_tolerance_is_reproduced():
    result = check_claim(claim("mean_gain(inter=squad)", 8.2), CTX)
    assert result.verdict == "reproduced"
    assert result.reproduced == pytest.approx(8.0)
    assert result.difference == pytest.approx(-0.2)


def test_a_value_outside_tolerance_is_not_reproduced():
    result = check_claim(claim("mean_gain(inter=squad)", 9.5), CTX)
    assert result.verdict == "not reproduced"
    assert result.difference == pytest.approx(-1.5)


def test_a_missing_run_means_not_run_with_the_missing_file_named():
    result = check_claim(claim("mean_gain(inter=hellaswag)", 7.0), CTX)
    assert result.verdict == "not run"
    assert result.reproduced is None
    assert "scores/hellaswag/dev.json" in result.reason


def test_a_run_missing_a_target_means_not_run_naming_the_target():
    partial = {"none": row(50.0), "squad": {t: 58.0 for t in TARGETS if t != "tatoeba"}}
    result = check_claim(claim("mean_gain(inter=squad)", 8.2), Context({"dev": partial}))
    assert result.verdict == "not run"
    assert "tatoeba" in result.reason


def test_a_missing_split_means_not_run():
    result = check_claim(claim("xtreme(inter=none)", 68.2, split="test"), CTX)
    assert result.verdict == "not run" and "test" in result.reason


def test_at_least_and_at_most_are_one_sided():
    assert check_claim(claim("mean_gain(inter=squad)", 0.0, "at_least", 0.0), CTX).verdict == \
        "reproduced"
    assert check_claim(claim("mean_gain(inter=squad)", 0.0, "at_most", 0.5), CTX).verdict == \
        "not reproduced"


def test_equals_compares_names_and_counts():
    assert check_claim(claim("count_intermediates", 9, "equals"), CTX).verdict == "not reproduced"
    assert check_claim(claim("count_intermediates", 1, "equals"), CTX).verdict == "reproduced"


def test_a_grid_folder_spelling_matches_the_claims_name_through_aliases():
    ctx = Context({"dev": {"none": row(50.0), "squad_v2": row(58.0), "mnli": row(57.0)}})
    aliases = {"squad": ("squad", "squad_v2", "squad_v1")}
    gain = check_claim(claim("mean_gain(inter=squad)", 8.0), ctx, aliases=aliases)
    assert gain.verdict == "reproduced"
    best = check_claim(claim("best_by_mean_gain(pool=single)", "squad", "equals"), ctx,
                       aliases=aliases)
    assert (best.reproduced, best.verdict) == ("squad", "reproduced")


def test_a_difference_within_two_seed_standard_deviations_is_marked_as_seed_noise():
    # two seeds give mean gains 7 and 9 (std sqrt(2) ~ 1.41); mean 8 vs claimed 10: diff -2 <= 2.83
    seeds = [Context({"dev": {"none": row(50.0), "squad": row(57.0)}}),
             Context({"dev": {"none": row(50.0), "squad": row(59.0)}})]
    result = check_claim(claim("mean_gain(inter=squad)", 10.0), CTX, seeds)
    assert result.verdict == "not reproduced"
    assert result.seed_std == pytest.approx(2**0.5)
    assert result.within_seed_noise is True


def test_a_difference_beyond_seed_noise_is_not_marked():
    seeds = [Context({"dev": {"none": row(50.0), "squad": row(57.9)}}),
             Context({"dev": {"none": row(50.0), "squad": row(58.1)}})]
    result = check_claim(claim("mean_gain(inter=squad)", 10.0), CTX, seeds)
    assert result.within_seed_noise is False


def test_seed_noise_is_unknown_with_a_single_run():
    assert check_claim(claim("mean_gain(inter=squad)", 8.2), CTX).within_seed_noise is None


def test_a_claim_with_bad_arguments_is_not_run_and_says_so():
    result = check_claim(claim("top_by_mean_gain(k=1, pool=everything)", "squad", "equals"), CTX)
    assert result.verdict == "not run"
    assert "cannot be computed" in result.reason and "pool" in result.reason
