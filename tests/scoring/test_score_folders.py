"""XTREME_SPEC.md §1.2: scoring folders in the leaderboard layout, end to end."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from xstilts.scoring import ScoringError, score_folders

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "scoring"
PAWSX = "de en es fr ja ko zh".split()


def write_task(root: Path, task: str, langs: list[str], text: str, split: str = "test",
               extension: str = "tsv") -> None:
    (root / task).mkdir(parents=True, exist_ok=True)
    for lang in langs:
        (root / task / f"{split}-{lang}.{extension}").write_text(text, encoding="utf-8")


@pytest.fixture
def roots(tmp_path: Path) -> tuple[Path, Path]:
    """A complete, perfectly predicted PAWS-X under predictions/ and labels/."""
    predictions, labels = tmp_path / "predictions", tmp_path / "labels"
    write_task(predictions, "pawsx", PAWSX, "0\n1\n")
    write_task(labels, "pawsx", PAWSX, "0\n1\n")
    return predictions, labels


def test_fixture_scores_match_hand_computation():
    # Each line: the fixture's special languages (make_fixtures.py), the rest score 100.
    expected = {
        "pawsx": (5 * 100 + 50 + 0) / 7,  # en 50, zh 0
        "xnli": (13 * 100 + 75 + 50) / 15,  # ar 75, en 50
        "udpos": (32 * 100 + 400 / 9) / 33,  # en: P 40, R 50 → F1 400/9
        "panx": (39 * 100 + 50) / 40,  # de 50 (en's I-LOC still matches)
        # es: EM 50 F1 50; el: EM 0 F1 200/3 → (EM avg + F1 avg) / 2
        "xquad": ((9 * 100 + 50 + 0) / 11 + (9 * 100 + 50 + 200 / 3) / 11) / 2,
        # ar: EM 0 F1 200/3; zh: EM 0 F1 400/9; es: 100/100
        "mlqa": ((5 * 100) / 7 + (5 * 100 + 200 / 3 + 400 / 9) / 7) / 2,
        "tydiqa": (8 * 100 + 0) / 9,  # ko unanswered
        "bucc2018": (100 + 50 + 0 + 100) / 4,  # fr 50, ru 0
        "tatoeba": (35 * 100 + 50) / 36,  # ja 50
    }
    result = score_folders(FIXTURE / "predictions", FIXTURE / "labels")
    assert {task: value["score"] for task, value in result["tasks"].items()} == pytest.approx(
        expected)
    assert result["groups"] == pytest.approx({
        "classification": (expected["pawsx"] + expected["xnli"]) / 2,
        "tagging": (expected["udpos"] + expected["panx"]) / 2,
        "qa": (expected["xquad"] + expected["mlqa"] + expected["tydiqa"]) / 3,
        "retrieval": (expected["bucc2018"] + expected["tatoeba"]) / 2,
    })
    assert result["xtreme_score"] == pytest.approx(sum(expected.values()) / 9)
    assert result["xtreme_score"] == pytest.approx(87.71077, abs=1e-5)


def test_fixture_reports_every_language_and_metric():
    result = score_folders(FIXTURE / "predictions", FIXTURE / "labels")
    assert result["tasks"]["mlqa"]["languages"]["zh"] == {
        "exact_match": 0.0, "f1": pytest.approx(400 / 9)}
    assert result["tasks"]["udpos"]["languages"]["en"] == {
        "f1": pytest.approx(400 / 9), "precision": pytest.approx(40.0), "recall": 50.0}
    assert set(result["tasks"]["bucc2018"]["metrics"]) == {"f1", "precision", "recall"}


def test_task_folder_in_only_one_root_is_skipped(roots):
    predictions, labels = roots
    write_task(predictions, "xnli", ["ar"], "neutral\n")  # no labels/xnli: skipped
    write_task(labels, "tatoeba", ["ar"], "0\n")  # no predictions/tatoeba: skipped
    result = score_folders(predictions, labels)
    assert list(result["tasks"]) == ["pawsx"]
    assert result["groups"] == {}
    assert result["xtreme_score"] is None


def test_missing_prediction_file_in_a_scored_task_is_an_error_naming_it(roots):
    predictions, labels = roots
    (predictions / "pawsx" / "test-ko.tsv").unlink()
    with pytest.raises(ScoringError, match=r"pawsx/test-ko\.tsv: missing prediction file"):
        score_folders(predictions, labels)


def test_missing_label_file_in_a_scored_task_is_an_error_naming_it(roots):
    predictions, labels = roots
    (labels / "pawsx" / "test-zh.tsv").unlink()
    with pytest.raises(ScoringError, match=r"labels/pawsx/test-zh\.tsv: missing label file"):
        score_folders(predictions, labels)


def test_count_mismatch_is_an_error_naming_both_files(roots):
    predictions, labels = roots
    (predictions / "pawsx" / "test-fr.tsv").write_text("0\n1\n1\n", encoding="utf-8")
    with pytest.raises(ScoringError,
                       match=r"predictions/pawsx/test-fr\.tsv \(labels .*labels/pawsx/test-fr"
                             r"\.tsv\): 3 prediction lines but 2 label lines"):
        score_folders(predictions, labels)


def test_unreadable_prediction_json_is_an_error_naming_the_file(tmp_path):
    predictions, labels = tmp_path / "predictions", tmp_path / "labels"
    shutil.copytree(FIXTURE / "predictions" / "mlqa", predictions / "mlqa")
    shutil.copytree(FIXTURE / "labels" / "mlqa", labels / "mlqa")
    (predictions / "mlqa" / "test-de.json").write_text('{"q1": ', encoding="utf-8")
    with pytest.raises(ScoringError, match=r"mlqa/test-de\.json: not valid JSON"):
        score_folders(predictions, labels)


def test_unreadable_label_json_is_an_error_naming_the_file(tmp_path):
    predictions, labels = tmp_path / "predictions", tmp_path / "labels"
    shutil.copytree(FIXTURE / "predictions" / "tydiqa", predictions / "tydiqa")
    shutil.copytree(FIXTURE / "labels" / "tydiqa", labels / "tydiqa")
    (labels / "tydiqa" / "test-sw.json").write_text("not json", encoding="utf-8")
    with pytest.raises(ScoringError, match=r"labels/tydiqa/test-sw\.json: not valid JSON"):
        score_folders(predictions, labels)


def test_non_utf8_file_is_an_error_naming_the_file(roots):
    predictions, labels = roots
    (predictions / "pawsx" / "test-ja.tsv").write_bytes(b"\xff\xfe0\n")
    with pytest.raises(ScoringError, match=r"pawsx/test-ja\.tsv: not UTF-8"):
        score_folders(predictions, labels)


def test_split_selects_which_files_are_read(tmp_path):
    predictions, labels = tmp_path / "predictions", tmp_path / "labels"
    write_task(predictions, "pawsx", PAWSX, "0\n", split="dev")
    write_task(labels, "pawsx", PAWSX, "1\n", split="dev")
    assert score_folders(predictions, labels, split="dev")["tasks"]["pawsx"]["score"] == 0.0
    with pytest.raises(ScoringError, match=r"test-de\.tsv: missing"):
        score_folders(predictions, labels)


def test_missing_root_is_an_error_naming_it(tmp_path):
    (tmp_path / "labels").mkdir()
    with pytest.raises(ScoringError, match=r"nowhere: predictions folder does not exist"):
        score_folders(tmp_path / "nowhere", tmp_path / "labels")


def test_roots_without_a_common_task_are_an_error(tmp_path):
    write_task(tmp_path / "predictions", "xnli", ["ar"], "neutral\n")
    (tmp_path / "labels").mkdir()
    with pytest.raises(ScoringError, match="no task folder found under both"):
        score_folders(tmp_path / "predictions", tmp_path / "labels")


def test_scoring_error_is_a_value_error():
    assert issubclass(ScoringError, ValueError)
