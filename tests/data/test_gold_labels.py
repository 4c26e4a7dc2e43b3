"""The one gold writer (data/featurize/gold_labels.py): what the XTREME scorer reads under
`labels/<task>/<split>-<lang>.<ext>` (XTREME_SPEC.md §1.3), one rule per test."""

import json
from pathlib import Path

from xstilts.data.featurize.gold_labels import gold_text, labels_path
from xstilts.tasks.schema import (
    Answer,
    ClassificationExample,
    RetrievalCorpus,
    SpanExample,
    TaggingExample,
)


def test_gold_files_follow_the_leaderboard_layout_with_the_registrys_extension():
    assert labels_path(Path("labels"), "xnli", "dev", "de") == Path("labels/xnli/dev-de.tsv")
    assert labels_path(Path("labels"), "xquad", "test", "de") == Path("labels/xquad/test-de.json")


def test_classification_gold_is_one_label_per_line():
    examples = [ClassificationExample("1", "a", "b", "contradiction", "de"),
                ClassificationExample("2", "c", "d", "entailment", "de")]
    assert gold_text("classification", examples) == "contradiction\nentailment\n"


def test_unlabelled_examples_have_no_gold():
    assert gold_text("classification", [ClassificationExample("1", "a", "b", None)]) is None


def test_tagging_gold_has_a_blank_line_after_each_sentence():
    examples = [TaggingExample("s1", ("Angela", "Merkel"), ("B-PER", "I-PER")),
                TaggingExample("s2", ("ja",), ("O",))]
    assert gold_text("tagging", examples) == "B-PER\nI-PER\n\nO\n\n"


def test_qa_gold_is_squad_json_with_every_answer():
    examples = [SpanExample("q1", "Who?", "Ann met Bo.", (Answer("Ann", 0),), title="T"),
                SpanExample("q2", "Whom?", "Ann met Bo.", (Answer("Bo", 8), Answer("Bo.", 8)),
                            title="T")]
    data = json.loads(gold_text("span_extraction", examples) or "")["data"]
    qas = [qa for article in data for p in article["paragraphs"] for qa in p["qas"]]
    assert [qa["id"] for qa in qas] == ["q1", "q2"]
    assert qas[1]["answers"] == [{"text": "Bo", "answer_start": 8},
                                 {"text": "Bo.", "answer_start": 8}]
    assert data[0]["paragraphs"][0]["context"] == "Ann met Bo."


def test_qa_with_blanked_answers_has_no_gold():
    examples = [SpanExample("q1", "Who?", "Ann met Bo.", (Answer("", 0),), title="T")]
    assert gold_text("span_extraction", examples) is None


def test_bucc_gold_is_the_gold_pairs():
    corpus = RetrievalCorpus("bucc2018", "fr", "dev", source=(("fr-1", "x"),),
                             english=(("en-1", "y"),), gold=(("fr-1", "en-1"),))
    assert gold_text("retrieval", [corpus]) == "fr-1\ten-1\n"


def test_tatoeba_gold_line_j_is_the_source_index_of_english_line_j():
    corpus = RetrievalCorpus("tatoeba", "de", "test",
                             source=(("0", "Hund"), ("1", "Katze"), ("2", "Haus")),
                             english=(("0", "cat"), ("1", "dog"), ("2", "house")),
                             gold=(("1", "0"), ("0", "1"), ("2", "2")))
    assert gold_text("retrieval", [corpus]) == "1\n0\n2\n"
