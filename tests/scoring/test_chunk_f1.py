"""XTREME_SPEC.md §2.2: chunk P/R/F1 for PAN-X and UD-POS with seqeval 0.0.12 semantics."""

from __future__ import annotations

import pytest

from xstilts.scoring import chunk_scores, chunks, split_tag


def scores(f1: float, precision: float, recall: float) -> dict[str, float]:
    return {"f1": pytest.approx(f1), "precision": pytest.approx(precision),
            "recall": pytest.approx(recall)}


@pytest.mark.parametrize(("tag", "expected"), [
    ("B-LOC", ("B", "LOC")),
    ("NOUN", ("N", "NOUN")),
    ("SCONJ", ("S", "SCONJ")),
    ("INTJ", ("I", "INTJ")),
    ("X", ("X", "X")),
    ("B-X-Y", ("B", "Y")),
])
def test_tag_prefix_is_first_character_and_type_is_text_after_last_dash(tag, expected):
    assert split_tag(tag) == expected


def test_udpos_scores_runs_of_equal_tags_not_token_accuracy():
    # gold {(NOUN,0,1),(VERB,2,2)}, pred {(NOUN,0,0),(ADJ,1,1),(VERB,2,2)}: 1 of 3, 1 of 2
    assert chunk_scores([["NOUN", "NOUN", "VERB"]], [["NOUN", "ADJ", "VERB"]]) == scores(
        40.0, 100 / 3, 50.0)


def test_udpos_sconj_does_not_match_cconj_unlike_seqeval_1():
    assert chunk_scores([["SCONJ", "NOUN"]], [["CCONJ", "NOUN"]]) == scores(50.0, 50.0, 50.0)


def test_udpos_sconj_and_sym_are_single_token_chunks():
    assert chunks([["SCONJ", "SCONJ", "SYM", "SYM"]]) == {
        ("SCONJ", 0, 0), ("SCONJ", 1, 1), ("SYM", 2, 2), ("SYM", 3, 3)}


def test_panx_inside_tag_after_outside_starts_an_entity():
    gold = [["B-PER", "I-PER", "O", "B-LOC"]]
    assert chunk_scores(gold, [["B-PER", "I-PER", "O", "I-LOC"]]) == scores(100.0, 100.0, 100.0)


def test_panx_truncated_entity_is_wrong():
    gold = [["B-PER", "I-PER", "O", "B-LOC"]]
    assert chunk_scores(gold, [["B-PER", "O", "O", "B-LOC"]]) == scores(50.0, 50.0, 50.0)


def test_sentences_are_flattened_with_an_o_after_each_so_lengths_may_differ():
    # Both flatten to B-PER O O B-LOC O: the chunks coincide although sentences differ.
    assert chunk_scores([["B-PER", "O"], ["B-LOC"]], [["B-PER"], ["O", "B-LOC"]]) == scores(
        100.0, 100.0, 100.0)


def test_sentence_boundary_closes_a_chunk():
    assert chunks([["NOUN"], ["NOUN"]]) == {("NOUN", 0, 0), ("NOUN", 2, 2)}


def test_positions_index_the_flattened_stream():
    assert chunks([["B-PER"], ["B-LOC", "I-LOC"]]) == {("PER", 0, 0), ("LOC", 2, 3)}


def test_end_and_single_tags_close_their_chunk():
    assert chunks([["B-LOC", "E-LOC", "I-LOC", "S-PER", "E-PER"]]) == {
        ("LOC", 0, 1), ("LOC", 2, 2), ("PER", 3, 3), ("PER", 4, 4)}


def test_no_predicted_chunks_gives_zero_precision_recall_f1():
    assert chunk_scores([["B-PER"]], [["O"]]) == {"f1": 0.0, "precision": 0.0, "recall": 0.0}

