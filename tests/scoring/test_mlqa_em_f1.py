"""XTREME_SPEC.md §2.5: MLQA EM/F1 with language-specific normalization."""

from __future__ import annotations

import pytest

from xstilts.scoring import (
    GoldQuestion,
    ScoringError,
    mixed_segmentation,
    mlqa_scores,
    normalize_mlqa,
)


def one(lang: str, gold: str, prediction: str) -> dict[str, float]:
    scores = mlqa_scores([GoldQuestion("q", (gold,))], {"q": prediction}, lang)
    return {metric: round(value / 100, 4) for metric, value in scores.items()}


def test_mlqa_arabic_article_removal_leaves_the_rest_of_the_word():
    assert one("ar", "الطرق الترابية", "الطرق") == {"exact_match": 0.0, "f1": 0.6667}


def test_mlqa_arabic_removes_article_inside_words():
    assert normalize_mlqa("مال الشركة", "ar") == "م شركة"
    assert one("ar", "مال الشركة", "الشركة") == {"exact_match": 0.0, "f1": 0.6667}


def test_mlqa_arabic_removes_arabic_punctuation_and_article():
    assert one("ar", "الكتاب،", "كتاب") == {"exact_match": 1.0, "f1": 1.0}


def test_mlqa_chinese_splits_every_character_into_a_token():
    assert normalize_mlqa("电化电池（原电池）", "zh") == "电 化 电 池 原 电 池"
    assert one("zh", "电化电池（原电池）", "电池") == {"exact_match": 0.0, "f1": 0.4444}


def test_mlqa_chinese_whitespace_splits_runs_of_other_characters():
    assert mixed_segmentation("abc 电池 def") == ["abc", "电", "池", "def"]
    assert one("zh", "abc 电池 def", "abc电池") == {"exact_match": 0.0, "f1": 0.8571}


def test_mlqa_spanish_removes_inverted_punctuation_and_articles():
    assert one("es", "¿El perro?", "perro") == {"exact_match": 1.0, "f1": 1.0}


def test_mlqa_german_removes_articles():
    assert one("de", "Der Hund und die Katze", "Hund Katze") == {"exact_match": 0.0, "f1": 0.8}


def test_mlqa_vietnamese_removes_its_function_words():
    assert one("vi", "của Đài Loan", "Đài Loan") == {"exact_match": 1.0, "f1": 1.0}


def test_mlqa_hindi_removes_danda_and_no_articles():
    assert one("hi", "उत्तर पूर्व।", "उत्तर पूर्व") == {"exact_match": 1.0, "f1": 1.0}
    assert normalize_mlqa("a the", "hi") == "a the"


def test_mlqa_english_removes_unicode_quotes_and_articles():
    assert one("en", "The «quoted» answer", "quoted answer") == {"exact_match": 1.0, "f1": 1.0}


def test_mlqa_removes_ascii_symbols_that_are_not_unicode_punctuation():
    assert normalize_mlqa("$5 + 3 = <8> ^`|~", "en") == "5 3 8"


def test_mlqa_articles_of_one_language_stay_in_another():
    assert normalize_mlqa("el perro", "en") == "el perro"


def test_mlqa_unanswered_question_scores_zero():
    questions = [GoldQuestion("q1", ("x",)), GoldQuestion("q2", ("y",))]
    assert mlqa_scores(questions, {"q2": "y"}, "en") == {"exact_match": 50.0, "f1": 50.0}


def test_mlqa_rejects_an_unsupported_language():
    with pytest.raises(ScoringError, match="no rule for language 'fr'"):
        mlqa_scores([GoldQuestion("q", ("x",))], {}, "fr")
