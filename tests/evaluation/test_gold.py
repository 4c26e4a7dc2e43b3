import json
from pathlib import Path

import pytest

from xstilts.evaluation.gold import tatoeba_gold_indices, write_gold
from xstilts.tasks.schema import (
    Answer,
    ClassificationExample,
    RetrievalCorpus,
    SpanExample,
    TaggingExample,
)


def test_classification_gold_is_written_under_labels_layout(tmp_path: Path):
    examples = [ClassificationExample("1", "a", "b", "contradiction", "de"),
                ClassificationExample("2", "c", "d", "entailment", "de")]
    path = write_gold(tmp_path, "xnli", "classification", "dev", "de", examples)
    assert path == tmp_path / "xnli" / "dev-de.tsv"
    assert path.read_text(encoding="utf-8") == "contradiction\nentailment\n"


def test_unlabelled_examples_have_no_gold_file(tmp_path: Path):
    with pytest.raises(ValueError, match="no label"):
        write_gold(tmp_path, "xnli", "classification", "test", "de",
                   [ClassificationExample("1", "a", "b", None)])


def test_tagging_gold_has_a_blank_line_after_each_sentence(tmp_path: Path):
    examples = [TaggingExample("s1", ("Angela", "Merkel"), ("B-PER", "I-PER")),
                TaggingExample("s2", ("ja",), ("O",))]
    path = write_gold(tmp_path, "panx", "tagging", "test", "de", examples)
    assert path.read_text(encoding="utf-8") == "B-PER\nI-PER\n\nO\n\n"


def test_qa_gold_is_squad_json_grouped_by_title_and_context(tmp_path: Path):
    examples = [
        SpanExample("q1", "Who?", "Ann met Bo.", (Answer("Ann", 0),), title="T"),
        SpanExample("q2", "Whom?", "Ann met Bo.", (Answer("Bo", 8), Answer("Bo.", 8)), title="T"),
        SpanExample("q3", "Where?", "In Rome.", (Answer("Rome", 3),), title="U"),
    ]
    path = write_gold(tmp_path, "xquad", "span_extraction", "test", "de", examples)
    assert path == tmp_path / "xquad" / "test-de.json"
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    assert [a["title"] for a in data] == ["T", "U"]
    paragraph = data[0]["paragraphs"][0]
    assert paragraph["context"] == "Ann met Bo."
    assert [qa["id"] for qa in paragraph["qas"]] == ["q1", "q2"]
    assert paragraph["qas"][1]["answers"] == [{"text": "Bo", "answer_start": 8},
                                              {"text": "Bo.", "answer_start": 8}]
    assert paragraph["qas"][0]["question"] == "Who?"


def test_bucc_gold_is_the_gold_pairs(tmp_path: Path):
    corpus = RetrievalCorpus("bucc2018", "fr", "dev", source=(("fr-1", "x"),),
                             english=(("en-1", "y"),), gold=(("fr-1", "en-1"),))
    path = write_gold(tmp_path, "bucc2018", "retrieval", "dev", "fr", corpus)
    assert path.read_text(encoding="utf-8") == "fr-1\ten-1\n"


def test_tatoeba_gold_is_the_source_position_of_each_english_line_in_order():
    # English lines sorted (XTREME); gold pairs are (source_id, english_id), in any order.
    corpus = RetrievalCorpus(
        "tatoeba", "de", "test",
        source=(("0", "Hund"), ("1", "Katze"), ("2", "Haus")),
        english=(("0", "cat"), ("1", "dog"), ("2", "house")),
        gold=(("0", "1"), ("2", "2"), ("1", "0")),
    )
    assert tatoeba_gold_indices(corpus) == [1, 0, 2]
