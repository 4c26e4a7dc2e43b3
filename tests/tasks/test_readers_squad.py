"""SQuAD-format readers: SQuAD v1.1/v2.0, XQuAD, MLQA, TyDi QA GoldP."""

from __future__ import annotations

import pytest

from xstilts.tasks import UnknownNameError, read_examples


def test_squad_v1_answers_point_into_the_context(raw_root):
    for ex in read_examples("squad_v1", "train", "en", raw_root):
        for a in ex.answers:
            assert ex.context[a.answer_start:a.answer_start + len(a.text)] == a.text
    dev = read_examples("squad_v1", "dev", "en", raw_root)
    assert len(dev[0].answers) == 2 and dev[0].title == "Super_Bowl_50"


def test_squad_v2_no_answer_questions(raw_root):
    train = read_examples("squad_v2", "train", "en", raw_root)
    assert [ex.is_impossible for ex in train] == [False, True]
    assert train[1].answers == ()  # plausible_answers are not answers


def test_xquad_and_mlqa_read_one_language(raw_root):
    de = read_examples("xquad", "test", "de", raw_root)
    assert de[0].lang == "de" and de[0].answers[0].text == "15:1"
    assert de[0].id == read_examples("xquad", "test", "en", raw_root)[0].id  # shared ids
    assert read_examples("mlqa", "test", "de", raw_root)[0].context.startswith("Vierzig")
    assert read_examples("mlqa", "dev", "en", raw_root)[0].answers[0].text == "Forty percent"


def test_tydiqa_trains_on_english_only(raw_root):
    """The GoldP train file mixes languages; English training keeps `english-` ids only,
    including ids whose number is negative (`english--321...`)."""
    train = read_examples("tydiqa", "train", "en", raw_root)
    heldout = read_examples("tydiqa", "heldout", "en", raw_root)
    assert sorted(ex.id for ex in [*train, *heldout]) == ["english--3215621880858840488-2",
                                                          "english-7516913373312151014-0"]
    with pytest.raises(UnknownNameError, match="English only"):
        read_examples("tydiqa", "train", "fi", raw_root)


def test_tydiqa_test_is_the_goldp_dev_set_per_language(raw_root):
    fi = read_examples("tydiqa", "test", "fi", raw_root)
    assert fi[0].id == "finnish--682379162418016102-0" and fi[0].lang == "fi"
    en = read_examples("tydiqa", "test", "en", raw_root)
    assert len(en[0].answers) == 2  # several gold answers are kept
