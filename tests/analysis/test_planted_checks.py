"""The demo world's planted checks (demo_world/planted.yaml) are computed from the scores like
claims: a grid with the planted structure recovers every one, and each kind of miswiring the
checks exist for breaks at least one. Synthetic score files, no training."""

from __future__ import annotations

from pathlib import Path

from xstilts.analysis.grid import load_grid
from xstilts.analysis.names import TARGETS
from xstilts.analysis.planted import check_planted, expected, load_planted

LANGS = ("en", "de", "sw")
PLANTED_GAINS = {  # gain over the baseline, the structure planted.yaml describes
    "mnli": {"xnli": 8.0, "pawsx": 2.0},
    "squad_v1": {"xquad": 9.0, "mlqa": 7.0, "tydiqa": 4.0},
    "hellaswag": {"udpos": -0.5},
    "mnli+translated": {"xnli": 9.0, "tatoeba": 12.0, "bucc2018": 8.0},
}
SIMILARITY = {"vocab_overlap": 0.6}


def _write(root: Path, gains: dict[str, dict[str, float]]) -> Path:
    import json

    from tests.analysis.conftest import score_json

    for inter in ["none", *gains]:
        scores = {t: 50.0 + gains.get(inter, {}).get(t, 0.0) for t in TARGETS}
        path = root / "scores" / inter / "test.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(score_json(scores, LANGS)))
    return root / "scores"


def _recovered(root: Path, gains: dict, similarity: dict = SIMILARITY) -> dict[str, bool]:
    rows = check_planted(load_grid(_write(root, gains)), {}, similarity)
    return {row["check"]: row["recovered"] for row in rows}


def test_the_planted_file_has_at_least_five_checks_of_the_required_kinds() -> None:
    planted = load_planted().claims
    kinds = {c.compute.name for c in planted}
    assert len(planted) >= 5
    assert {"gain", "best_single_for", "similarity_gain_spearman"} <= kinds
    assert any(c.compute.kwargs().get("target") in ("tatoeba", "bucc2018") for c in planted)
    assert expected(planted[0]).startswith(">= ")


def test_a_grid_with_the_planted_structure_recovers_every_check(tmp_path: Path) -> None:
    recovered = _recovered(tmp_path, PLANTED_GAINS)
    assert recovered and all(recovered.values()), recovered


def test_rows_carry_check_expected_observed_and_recovered(tmp_path: Path) -> None:
    rows = check_planted(load_grid(_write(tmp_path, PLANTED_GAINS)), {}, SIMILARITY)
    first = rows[0]
    assert {"check", "expected", "observed", "recovered"} <= set(first)
    assert first["observed"] == PLANTED_GAINS["mnli"]["xnli"]


def test_a_target_cell_trained_from_the_wrong_checkpoint_breaks_a_check(tmp_path: Path) -> None:
    # target@mnli-xnli loading the `none` checkpoint: no gain on XNLI.
    wired_wrong = {**PLANTED_GAINS, "mnli": {"pawsx": 2.0}}
    assert not _recovered(tmp_path, wired_wrong)["P1-shared-rule-gain"]


def test_shuffled_labels_break_the_best_model_checks(tmp_path: Path) -> None:
    # SQuAD's labels shuffled: it helps nothing, another run becomes best for XQuAD.
    wired_wrong = {**PLANTED_GAINS, "squad_v1": {"xquad": -20.0, "mlqa": -20.0}}
    assert not _recovered(tmp_path, wired_wrong)["P4-best-for-xquad"]


def test_no_similarity_analysis_means_not_recovered_not_a_crash(tmp_path: Path) -> None:
    assert not _recovered(tmp_path, PLANTED_GAINS, similarity={})["P6-similarity-predicts-gain"]
