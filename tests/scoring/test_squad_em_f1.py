"""XTREME_SPEC.md §2.4: SQuAD v1.1 EM/F1, used for XQuAD and TyDiQA-GoldP."""

from __future__ import annotations

import pytest

from xstilts.scoring import GoldQuestion, normalize_squad, squad_scores, token_f1


def one(gold: str, prediction: str) -> dict[str, float]:
    return squad_scores([GoldQuestion("q", (gold,))], {"q": prediction})


def test_squad_normalization_lowercases_drops_ascii_punctuation_articles_and_extra_spaces():
    assert normalize_squad("  The Cat's  (big) HAT. ") == "cats big hat"


def test_squad_keeps_non_ascii_punctuation():
    assert normalize_squad("«¿Sí?», 是。") == "«¿sí» 是。"


def test_squad_removes_english_articles_in_every_language_only_as_whole_words():
    assert normalize_squad("a theatre and an apple the") == "theatre and apple"
    assert normalize_squad("die Katze a") == "die katze"


def test_squad_exact_match_compares_normalized_strings():
    assert one("The answer.", "answer") == {"exact_match": 100.0, "f1": 100.0}


def test_squad_f1_uses_multiset_token_overlap():
    # pred bag {x, x, y}, gold bag {x, y, z}: overlap 2 → P 2/3, R 2/3
    assert token_f1(["x", "x", "y"], ["x", "y", "z"]) == pytest.approx(2 / 3)


def test_squad_both_empty_after_normalization_is_exact_but_f1_zero():
    assert one("the", "a") == {"exact_match": 100.0, "f1": 0.0}


def test_squad_takes_the_best_gold_answer_separately_for_em_and_f1():
    question = GoldQuestion("q", ("big red dog", "red cat"))
    # EM: no gold equals "red dog"; F1: 0.8 against the first gold, 0.5 against the second
    assert squad_scores([question], {"q": "red dog"}) == {
        "exact_match": 0.0, "f1": pytest.approx(80.0)}


def test_squad_denominator_is_every_gold_question_and_missing_predictions_score_zero():
    questions = [GoldQuestion("q1", ("x",)), GoldQuestion("q2", ("y",))]
    assert squad_scores(questions, {"q1": "x"}) == {"exact_match": 50.0, "f1": 50.0}


def test_squad_ignores_predictions_for_unknown_questions():
    assert squad_scores([GoldQuestion("q1", ("x",))], {"q1": "x", "zz": "y"}) == {
        "exact_match": 100.0, "f1": 100.0}


def test_squad_counts_a_repeated_question_id_each_time():
    questions = [GoldQuestion("q", ("x",)), GoldQuestion("q", ("y",))]
    assert squad_scores(questions, {"q": "x"}) == {"exact_match": 50.0, "f1": 50.0}


def test_squad_does_not_segment_chinese():
    assert one("电化电池", "电池") == {"exact_match": 0.0, "f1": 0.0}


@pytest.mark.parametrize(("gold", "prediction", "em", "f1"), [
    ("الطرق الترابية", "الطرق", 0.0, 200 / 3),
    ("مال الشركة", "الشركة", 0.0, 200 / 3),
    ("الكتاب،", "كتاب", 0.0, 0.0),
    ("电化电池（原电池）", "电池", 0.0, 0.0),
    ("abc 电池 def", "abc电池", 0.0, 0.0),
    ("¿El perro?", "perro", 0.0, 200 / 3),
    ("Der Hund und die Katze", "Hund Katze", 0.0, 400 / 7),
    ("của Đài Loan", "Đài Loan", 0.0, 80.0),
    ("उत्तर पूर्व।", "उत्तर पूर्व", 0.0, 50.0),
    ("The «quoted» answer", "quoted answer", 0.0, 50.0),
])
def test_squad_column_of_the_mlqa_comparison_table(gold, prediction, em, f1):
    assert one(gold, prediction) == {"exact_match": em, "f1": pytest.approx(f1)}
