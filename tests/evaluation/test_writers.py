import json
from pathlib import Path

import pytest

from xstilts.evaluation.writers import (
    write_answers,
    write_indices,
    write_labels,
    write_pairs,
    write_tags,
)


def test_classification_file_has_one_label_per_line(tmp_path: Path):
    path = write_labels(tmp_path / "xnli" / "test-de.tsv", ["entailment", "neutral"])
    assert path.read_text(encoding="utf-8") == "entailment\nneutral\n"


def test_a_label_with_a_line_break_is_refused(tmp_path: Path):
    with pytest.raises(ValueError, match="label 1"):
        write_labels(tmp_path / "x.tsv", ["a", "b\nc"])


def test_tagging_file_has_one_tag_per_line_and_a_blank_line_after_each_sentence(tmp_path: Path):
    path = write_tags(tmp_path / "t.tsv", [["B-PER", "O"], [], ["O"]])
    # The empty sentence is the second blank line in a row, as XTREME's reader expects.
    assert path.read_text(encoding="utf-8") == "B-PER\nO\n\n\nO\n\n"


def test_qa_file_is_a_json_object_from_question_id_to_answer(tmp_path: Path):
    path = write_answers(tmp_path / "q.json", {"q1": "Berlin", "q2": "日本"})
    assert json.loads(path.read_text(encoding="utf-8")) == {"q1": "Berlin", "q2": "日本"}
    assert "日本" in path.read_text(encoding="utf-8")  # not \u-escaped


def test_bucc_file_has_source_tab_english_id_lines(tmp_path: Path):
    path = write_pairs(tmp_path / "b.tsv", [("de-1", "en-7"), ("de-2", "en-3")])
    assert path.read_text(encoding="utf-8") == "de-1\ten-7\nde-2\ten-3\n"


def test_bucc_id_with_a_tab_is_refused(tmp_path: Path):
    with pytest.raises(ValueError, match="TAB"):
        write_pairs(tmp_path / "b.tsv", [("de\t1", "en-7")])


def test_tatoeba_file_has_one_bare_integer_per_line(tmp_path: Path):
    import numpy as np

    path = write_indices(tmp_path / "t.tsv", [np.int64(3), 0, 12])
    assert path.read_text(encoding="utf-8") == "3\n0\n12\n"
