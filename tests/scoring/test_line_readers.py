"""XTREME_SPEC.md §1.3: how prediction and label files are read."""

from __future__ import annotations

import pytest

from xstilts.scoring import ScoringError, read_line_labels, read_qa_json, read_tags


def test_line_reader_gives_one_stripped_item_per_line():
    assert read_line_labels("  entailment \t\nneutral\n") == ["entailment", "neutral"]


def test_line_reader_keeps_blank_lines_as_empty_items():
    assert read_line_labels("a\tb\n\nc\td\n") == ["a\tb", "", "c\td"]


def test_line_reader_final_newline_adds_no_item():
    assert read_line_labels("1\n0\n") == read_line_labels("1\n0") == ["1", "0"]


def test_line_reader_keeps_a_trailing_blank_line():
    assert read_line_labels("1\n\n") == ["1", ""]


def test_line_reader_reads_empty_file_as_no_items():
    assert read_line_labels("") == []


def test_line_reader_accepts_windows_and_old_mac_newlines():
    assert read_line_labels("1\r\n0\r1\n") == ["1", "0", "1"]


def test_line_reader_splits_only_on_newlines_not_on_unicode_separators():
    # A file iterator does not break on U+2028, unlike str.splitlines.
    assert read_line_labels("a\u2028b\n") == ["a\u2028b"]


def test_tag_reader_blank_line_closes_a_sentence():
    assert read_tags("B-PER\nO\n\nB-LOC\n\n") == [["B-PER", "O"], ["B-LOC"]]


def test_tag_reader_keeps_last_sentence_without_trailing_blank_line():
    assert read_tags("NOUN\n\nVERB\nNOUN") == [["NOUN"], ["VERB", "NOUN"]]
    assert read_tags("NOUN\n\nVERB\nNOUN\n") == [["NOUN"], ["VERB", "NOUN"]]


def test_tag_reader_two_blank_lines_make_an_empty_sentence():
    assert read_tags("NOUN\n\n\nVERB\n") == [["NOUN"], [], ["VERB"]]


def test_tag_reader_takes_the_whole_stripped_line_as_the_tag():
    assert read_tags("Paris\tB-LOC\n") == [["Paris\tB-LOC"]]


def test_tag_reader_reads_empty_file_as_no_sentences():
    assert read_tags("") == []


def test_qa_reader_uses_the_data_key_when_present():
    assert read_qa_json('{"version": "1.1", "data": [{"paragraphs": []}]}') == [
        {"paragraphs": []}
    ]


def test_qa_reader_takes_the_whole_document_without_a_data_key():
    assert read_qa_json('{"q1": "answer"}') == {"q1": "answer"}
    assert read_qa_json('[{"paragraphs": []}]') == [{"paragraphs": []}]


def test_qa_reader_rejects_invalid_json_with_its_position():
    with pytest.raises(ScoringError, match=r"not valid JSON \(line 2, column 1"):
        read_qa_json('{"q1": "a",\n}')
