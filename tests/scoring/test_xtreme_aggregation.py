"""XTREME_SPEC.md §1.1, §1.5: language lists and the aggregation into the XTREME score."""

from __future__ import annotations

import pytest

from xstilts.scoring import GROUPS, TASK_LANGUAGES, TASKS, ScoringError, aggregate, file_extension


def uniform(task: str, **metrics: float) -> dict[str, dict[str, float]]:
    """Every language of `task` gets the same metrics, so the task average equals them."""
    return {lang: dict(metrics) for lang in TASK_LANGUAGES[task]}


# Task scores 90, 80, ..., 10 in table order; QA tasks given as EM/F1 pairs around them.
ALL_TASKS = {
    "pawsx": uniform("pawsx", accuracy=90.0),
    "xnli": uniform("xnli", accuracy=80.0),
    "udpos": uniform("udpos", f1=70.0, precision=1.0, recall=2.0),
    "panx": uniform("panx", f1=60.0, precision=1.0, recall=2.0),
    "xquad": uniform("xquad", exact_match=40.0, f1=60.0),
    "mlqa": uniform("mlqa", exact_match=30.0, f1=50.0),
    "tydiqa": uniform("tydiqa", exact_match=20.0, f1=40.0),
    "bucc2018": uniform("bucc2018", f1=20.0, precision=1.0, recall=2.0),
    "tatoeba": uniform("tatoeba", accuracy=10.0),
}


def test_language_lists_are_xtremes_in_xtremes_order():
    assert {task: " ".join(langs) for task, langs in TASK_LANGUAGES.items()} == {
        "pawsx": "de en es fr ja ko zh",
        "xnli": "ar bg de el en es fr hi ru sw th tr ur vi zh",
        "udpos": "af ar bg de el en es et eu fa fi fr he hi hu id it ja kk ko mr nl pt ru ta te "
                 "th tl tr ur vi yo zh",
        "panx": "ar he vi id jv ms tl eu ml ta te af nl en de el bn hi mr ur fa fr it pt es bg "
                "ru ja ka ko th sw yo my zh kk tr et fi hu",
        "xquad": "en es de el ru tr ar vi th zh hi",
        "mlqa": "en es de ar hi vi zh",
        "tydiqa": "en ar bn fi id ko ru sw te",
        "bucc2018": "de fr ru zh",
        "tatoeba": "ar he vi id jv tl eu ml ta te af nl de el bn hi mr ur fa fr it pt es bg ru "
                   "ja ka ko th sw zh kk tr et fi hu",
    }
    assert len({lang for langs in TASK_LANGUAGES.values() for lang in langs}) == 40
    assert TASKS == ("pawsx", "xnli", "udpos", "panx", "xquad", "mlqa", "tydiqa", "bucc2018",
                     "tatoeba")


def test_groups_are_classification_tagging_qa_retrieval():
    assert dict(GROUPS) == {"classification": ("pawsx", "xnli"), "tagging": ("udpos", "panx"),
                            "qa": ("xquad", "mlqa", "tydiqa"),
                            "retrieval": ("bucc2018", "tatoeba")}


def test_qa_files_are_json_and_all_others_tsv():
    assert {task: file_extension(task) for task in TASKS} == {
        "pawsx": "tsv", "xnli": "tsv", "udpos": "tsv", "panx": "tsv", "xquad": "json",
        "mlqa": "json", "tydiqa": "json", "bucc2018": "tsv", "tatoeba": "tsv"}


def test_task_average_is_unweighted_mean_over_languages_english_included():
    languages = uniform("pawsx", accuracy=70.0)
    languages["en"] = {"accuracy": 0.0}
    result = aggregate({"pawsx": languages})["tasks"]["pawsx"]
    assert result["metrics"] == {"accuracy": pytest.approx(420 / 7)}
    assert result["score"] == pytest.approx(60.0)


def test_task_average_adds_languages_left_to_right_in_xtreme_order():
    # Order matters in float arithmetic: ((1e16 + 1) - 1e16) + 1 = 1 left to right
    # (1e16 + 1 rounds back to 1e16); an exact or compensated sum would give 2.
    values = {"de": 1e16, "fr": 1.0, "ru": -1e16, "zh": 1.0}
    languages = {lang: {"f1": value, "precision": 0.0, "recall": 0.0}
                 for lang, value in values.items()}
    assert aggregate({"bucc2018": languages})["tasks"]["bucc2018"]["score"] == 0.25


def test_qa_task_score_is_mean_of_exact_match_and_f1():
    assert aggregate({"mlqa": uniform("mlqa", exact_match=30.0, f1=50.0)})[
        "tasks"]["mlqa"]["score"] == 40.0


def test_tagging_and_bucc_task_score_is_f1():
    result = aggregate({"panx": uniform("panx", f1=60.0, precision=1.0, recall=2.0)})
    assert result["tasks"]["panx"]["score"] == 60.0
    assert result["tasks"]["panx"]["metrics"] == {"f1": 60.0, "precision": 1.0, "recall": 2.0}


def test_classification_task_score_is_accuracy():
    assert aggregate({"xnli": uniform("xnli", accuracy=80.0)})["tasks"]["xnli"]["score"] == 80.0


def test_group_score_is_mean_of_its_task_scores():
    assert aggregate(ALL_TASKS)["groups"] == {
        "classification": 85.0, "tagging": 65.0, "qa": 40.0, "retrieval": 15.0}


def test_group_score_is_absent_when_a_task_of_the_group_is_missing():
    partial = {task: ALL_TASKS[task] for task in ("pawsx", "udpos", "panx", "xquad", "mlqa")}
    assert aggregate(partial)["groups"] == {"tagging": 65.0}


def test_xtreme_score_is_mean_of_nine_tasks_not_of_four_groups():
    # Tasks: (90+80+70+60+50+40+30+20+10)/9 = 50; groups would give (85+65+40+15)/4 = 51.25.
    assert aggregate(ALL_TASKS)["xtreme_score"] == 50.0


def test_xtreme_score_is_null_unless_all_nine_tasks_are_scored():
    without_tatoeba = {task: value for task, value in ALL_TASKS.items() if task != "tatoeba"}
    assert aggregate(without_tatoeba)["xtreme_score"] is None


def test_tasks_and_languages_come_out_in_xtreme_order():
    result = aggregate(dict(reversed(ALL_TASKS.items())))
    assert list(result["tasks"]) == list(TASKS)
    assert list(result["tasks"]["panx"]["languages"]) == list(TASK_LANGUAGES["panx"])


def test_every_language_of_a_task_is_required():
    languages = uniform("mlqa", exact_match=1.0, f1=1.0)
    del languages["hi"]
    with pytest.raises(ScoringError, match="missing: hi"):
        aggregate({"mlqa": languages})
