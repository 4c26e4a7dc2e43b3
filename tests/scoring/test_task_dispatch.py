"""XTREME_SPEC.md §1.3-§1.4: which reader and which metric each task uses."""

from __future__ import annotations

import json

import pytest

from xstilts.scoring import ScoringError, counts_must_match, parse_labels, parse_predictions
from xstilts.scoring.dispatch import language_scores

SQUAD_GOLD = json.dumps({"data": [{"paragraphs": [{"qas": [
    {"id": "q1", "answers": [{"text": "The answer"}]}]}]}]})


def score(task: str, gold: str, prediction: str, lang: str = "en") -> dict[str, float]:
    return language_scores(task, lang, parse_labels(task, gold), parse_predictions(task, prediction))


@pytest.mark.parametrize("task", ["pawsx", "xnli", "tatoeba"])
def test_classification_and_tatoeba_report_accuracy(task):
    assert score(task, "0\n1\n", "0\n0\n") == {"accuracy": 50.0}


@pytest.mark.parametrize("task", ["udpos", "panx"])
def test_tagging_reports_chunk_f1_precision_recall(task):
    assert score(task, "B-PER\n\nB-LOC\n", "B-PER\n\nO\n") == {
        "f1": pytest.approx(200 / 3), "precision": 100.0, "recall": 50.0}


def test_bucc_reports_pair_f1_precision_recall():
    assert score("bucc2018", "de-1\ten-1\n", "de-1\ten-1\n") == {
        "f1": 100.0, "precision": 100.0, "recall": 100.0}


@pytest.mark.parametrize("task", ["xquad", "tydiqa"])
def test_xquad_and_tydiqa_use_squad_normalization(task):
    # SQuAD keeps "«»": "«answer»" shares no token with "answer"
    assert score(task, SQUAD_GOLD, '{"q1": "«answer»"}', "es") == {
        "exact_match": 0.0, "f1": 0.0}


def test_mlqa_normalizes_for_the_file_language():
    assert score("mlqa", SQUAD_GOLD, '{"q1": "«answer»"}', "en") == {
        "exact_match": 100.0, "f1": 100.0}
    with pytest.raises(ScoringError, match="'fr'"):
        score("mlqa", SQUAD_GOLD, '{"q1": "answer"}', "fr")


@pytest.mark.parametrize(("task", "two_items"), [
    ("pawsx", "0\n1\n"), ("xnli", "neutral\nneutral\n"), ("tatoeba", "0\n1\n"),
    ("udpos", "NOUN\n\nNOUN\n"), ("panx", "O\n\nO\n"),
])
def test_item_counts_must_match_for_position_aligned_tasks(task, two_items):
    assert counts_must_match(task)
    one_item = two_items.split("\n")[0] + "\n"
    with pytest.raises(ScoringError, match="1 prediction .* but 2 label"):
        score(task, two_items, one_item)


@pytest.mark.parametrize("task", ["bucc2018", "xquad", "mlqa", "tydiqa"])
def test_item_counts_may_differ_for_bucc_and_qa(task):
    assert not counts_must_match(task)


def test_tagging_counts_sentences_not_tags():
    # Two sentences each, different token counts: no error (XTREME checks sentences only);
    # positions shift, so only (NOUN, 0, 0) of three chunks on each side matches.
    assert score("udpos", "NOUN\nVERB\n\nNOUN\n", "NOUN\n\nNOUN\nVERB\n")["f1"] == (
        pytest.approx(100 / 3))


def test_qa_labels_must_be_squad_articles():
    with pytest.raises(ScoringError, match="not in SQuAD format"):
        parse_labels("xquad", '[{"title": "no paragraphs"}]')


def test_qa_question_without_gold_answer_is_an_error():
    gold = '[{"paragraphs": [{"qas": [{"id": "q1", "answers": []}]}]}]'
    with pytest.raises(ScoringError, match="'q1' has no gold answer"):
        parse_labels("tydiqa", gold)


def test_qa_predictions_must_map_ids_to_strings():
    with pytest.raises(ScoringError, match="'q1' is list, not a string"):
        parse_predictions("xquad", '{"q1": ["answer"]}')
    with pytest.raises(ScoringError, match="JSON object"):
        parse_predictions("xquad", '["answer"]')


def test_unknown_task_is_an_error():
    with pytest.raises(ScoringError, match="unknown task 'xcopa'"):
        parse_labels("xcopa", "")
