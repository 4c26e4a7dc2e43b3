"""Retrieval corpora: BUCC 2018 and Tatoeba."""

from __future__ import annotations

import pytest

from xstilts.tasks import read_corpus, read_examples
from xstilts.tasks.errors import UnknownNameError


def test_bucc_reads_full_mining_corpus_not_only_gold(raw_root):
    corpus = read_corpus("bucc2018", "dev", "de", raw_root)
    assert len(corpus.source) == 3 and len(corpus.english) == 4  # distractors included
    assert corpus.gold == (("de-000001", "en-000003"), ("de-000003", "en-000001"))
    assert ("de-000002", "Ich mag Tee.") in corpus.source


def test_bucc_dev_is_sample_and_test_is_training(raw_root):
    assert read_corpus("bucc2018", "dev", "de", raw_root).source[0][0] == "de-000001"
    test = read_corpus("bucc2018", "test", "de", raw_root)
    assert test.source[0][0] == "de-000101" and test.gold == (("de-000102", "en-000101"),)


def test_tatoeba_gold_indexes_the_non_english_file(raw_root):
    corpus = read_corpus("tatoeba", "test", "de", raw_root)
    english = [s for _, s in corpus.english]
    assert english == sorted(english)  # XTREME hides the alignment by sorting English
    source = dict(corpus.source)
    for src_id, eng_id in corpus.gold:
        eng = dict(corpus.english)[eng_id]
        # line src_id of the German file translates English query eng_id
        assert {"Good morning!": "Guten Morgen!", "I am tired.": "Ich bin müde.",
                "That is good.": "Das ist gut.",
                "Where is the station?": "Wo ist der Bahnhof?"}[eng] == source[src_id]
    assert [g for g, _ in corpus.gold] == ["3", "0", "2", "1"]


def test_tatoeba_english_sort_is_stable_for_ties(tmp_path):
    from xstilts.tasks.readers.retrieval import read_tatoeba

    (tmp_path / "x.fra").write_text("Oui.\nD'accord.\nOui !\n", encoding="utf-8")
    (tmp_path / "x.eng").write_text("Yes.\nOK.\nYes.\n", encoding="utf-8")
    corpus = read_tatoeba("test", "fr", [tmp_path / "x.fra", tmp_path / "x.eng"])
    assert [g for g, _ in corpus.gold] == ["1", "0", "2"]


def test_retrieval_tasks_have_corpora_not_examples(raw_root):
    with pytest.raises(UnknownNameError, match="read_corpus"):
        read_examples("tatoeba", "test", "de", raw_root)
