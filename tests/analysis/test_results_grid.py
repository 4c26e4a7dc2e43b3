"""The results grid: scores/<inter>/<split>.json and scores/<inter>/seed-<n>/<split>.json."""

import pytest

from xstilts.analysis.grid import GridError, load_grid, main_metric, xtreme_score
from xstilts.analysis.names import TARGETS, ablation_of, inter_kind


def test_seed_folders_are_replicates_of_one_cell(tmp_path, write_scores):
    write_scores("mnli", "dev", {"xnli": 70.0}, seed=1)
    write_scores("mnli", "dev", {"xnli": 74.0}, seed=2)
    grid = load_grid(tmp_path / "scores")
    assert grid.values("dev") == {"mnli": {"xnli": [70.0, 74.0]}}
    assert grid.cells("dev") == {"mnli": {"xnli": 72.0}}
    assert grid.cells("dev", seed=2) == {"mnli": {"xnli": 74.0}}


def test_top_level_file_is_ignored_when_seed_folders_hold_the_split(tmp_path, write_scores):
    write_scores("mnli", "dev", {"xnli": 10.0})  # the default seed copied to the top level
    write_scores("mnli", "dev", {"xnli": 70.0}, seed=1)
    grid = load_grid(tmp_path / "scores")
    assert grid.values("dev") == {"mnli": {"xnli": [70.0]}}
    assert any("ignored" in note for note in grid.notes)


def test_a_run_without_a_seed_stands_in_for_every_seed(tmp_path, write_scores):
    write_scores("none", "dev", {"xnli": 60.0})
    write_scores("mnli", "dev", {"xnli": 70.0}, seed=1)
    assert load_grid(tmp_path / "scores").cells("dev", seed=1)["none"] == {"xnli": 60.0}


def test_qa_language_score_is_the_mean_of_f1_and_exact_match():
    assert main_metric("xquad", {"f1": 80.0, "exact_match": 60.0}) == 70.0
    assert main_metric("panx", {"f1": 65.0, "precision": 1.0, "recall": 1.0}) == 65.0
    assert main_metric("xnli", {"accuracy": 79.0}) == 79.0


def test_xtreme_score_is_the_mean_of_all_nine_task_scores_or_nothing():
    scores = {t: float(n) for n, t in enumerate(TARGETS)}  # 0..8 -> mean 4
    assert xtreme_score(scores) == 4.0
    del scores["tatoeba"]
    assert xtreme_score(scores) is None


def test_a_malformed_score_file_is_named_in_the_error(tmp_path):
    bad = tmp_path / "scores" / "mnli"
    bad.mkdir(parents=True)
    (bad / "dev.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(GridError, match="mnli/dev.json:1"):
        load_grid(tmp_path / "scores")


def test_ablations_name_the_english_only_run_they_modify():
    assert ablation_of("mnli+mlm") == ("mnli", "mlm")
    assert ablation_of("squad_v2+translated") == ("squad_v2", "translated")
    assert [inter_kind(n) for n in ("none", "multitask", "mnli+mlm", "mnli")] == \
        ["baseline", "multitask", "ablation", "single"]


def test_seed_folders_under_seeds_are_read_as_the_score_stage_writes_them(tmp_path, write_scores):
    import shutil

    write_scores("mnli", "dev", {"xnli": 70.0}, seed=1)
    write_scores("mnli", "dev", {"xnli": 74.0}, seed=2)
    inter = tmp_path / "scores" / "mnli"
    (inter / "seeds").mkdir()
    for seed_dir in ("seed-1", "seed-2"):
        shutil.move(inter / seed_dir, inter / "seeds" / seed_dir)
    grid = load_grid(tmp_path / "scores")
    assert grid.values("dev") == {"mnli": {"xnli": [70.0, 74.0]}}
