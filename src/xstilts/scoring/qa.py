"""EM/F1 machinery shared by SQuAD v1.1 and MLQA scoring (XTREME_SPEC.md §2.4, §2.5).

The two scorers differ only in how they normalize an answer string; everything else
(token-bag F1, max over gold answers, the denominator) lives here once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from xstilts.scoring.errors import ScoringError

Normalizer = Callable[[str], str]


@dataclass(frozen=True)
class GoldQuestion:
    """One question of a SQuAD-format label file and the texts of its gold answers."""

    id: str
    answers: tuple[str, ...]


def gold_questions(articles: Any) -> list[GoldQuestion]:
    """Questions of a SQuAD-format article list, in file order.

    Duplicated ids are kept, one entry each: SQuAD counts every question it walks past.
    """
    if not isinstance(articles, list):
        raise ScoringError("labels must be a list of articles (or {\"data\": [articles]})")
    questions: list[GoldQuestion] = []
    try:
        for article in articles:
            for paragraph in article["paragraphs"]:
                for qa in paragraph["qas"]:
                    answers = tuple(answer["text"] for answer in qa["answers"])
                    if not answers:
                        raise ScoringError(f"question {qa['id']!r} has no gold answer")
                    if not all(isinstance(text, str) for text in answers):
                        raise ScoringError(f"question {qa['id']!r} has a non-string answer")
                    questions.append(GoldQuestion(id=str(qa["id"]), answers=answers))
    except (KeyError, TypeError) as error:
        raise ScoringError(
            "labels are not in SQuAD format: each article needs paragraphs[].qas[] with "
            f"id and answers[].text ({type(error).__name__}: {error})"
        ) from None
    if not questions:
        raise ScoringError("labels hold no question (EM/F1 of zero questions is undefined)")
    return questions


def prediction_answers(document: Any) -> dict[str, str]:
    """Check that predictions are a JSON object mapping question id to answer string."""
    if not isinstance(document, dict):
        raise ScoringError("predictions must be a JSON object {question_id: answer}")
    for question_id, answer in document.items():
        if not isinstance(answer, str):
            raise ScoringError(
                f"prediction for question {question_id!r} is {type(answer).__name__}, "
                "not a string"
            )
    return document


def token_f1(prediction_tokens: Sequence[str], gold_tokens: Sequence[str]) -> float:
    """F1 of the multiset overlap of two token bags; 0 when nothing overlaps.

    Two empty bags also give 0 (while EM of two empty strings is 1), as in SQuAD v1.1.
    """
    common = sum((Counter(prediction_tokens) & Counter(gold_tokens)).values())
    if common == 0:
        return 0.0
    precision = common / len(prediction_tokens)
    recall = common / len(gold_tokens)
    return 2 * precision * recall / (precision + recall)


def qa_scores(
    questions: Sequence[GoldQuestion],
    predictions: Mapping[str, str],
    normalize: Normalizer,
) -> dict[str, float]:
    """EM and F1 (×100) over every gold question; an unanswered question scores 0.

    Each question takes the best EM and, separately, the best F1 over its gold answers.
    Predictions for ids absent from the labels are ignored.
    """
    if not questions:
        raise ScoringError("no question to score (EM/F1 of zero questions is undefined)")
    exact_total = 0.0
    f1_total = 0.0
    for question in questions:
        if question.id not in predictions:
            continue
        predicted = normalize(predictions[question.id])
        golds = [normalize(answer) for answer in question.answers]
        exact_total += max(float(predicted == gold) for gold in golds)
        f1_total += max(token_f1(predicted.split(), gold.split()) for gold in golds)
    return {
        "exact_match": 100.0 * exact_total / len(questions),
        "f1": 100.0 * f1_total / len(questions),
    }
