"""XTREME's official scorer, re-implemented from XTREME_SPEC.md §1-2 (pure Python, no torch).

Metrics are pure functions on parsed items; `score_folders` reads the leaderboard layout
and `aggregate` turns per-language metrics into task, group and XTREME scores.
"""

from xstilts.scoring.accuracy import accuracy
from xstilts.scoring.aggregate import aggregate, mean_in_order, task_score
from xstilts.scoring.bucc import bucc_scores
from xstilts.scoring.chunks import chunk_scores, chunks, split_tag
from xstilts.scoring.dispatch import (
    counts_must_match,
    language_scores,
    parse_labels,
    parse_predictions,
)
from xstilts.scoring.errors import ScoringError
from xstilts.scoring.folders import language_file, score_folders, score_language
from xstilts.scoring.languages import GROUPS, QA_TASKS, TASK_LANGUAGES, TASKS, file_extension
from xstilts.scoring.mlqa import MLQA_LANGUAGES, mixed_segmentation, mlqa_scores, normalize_mlqa
from xstilts.scoring.qa import GoldQuestion, gold_questions, prediction_answers, qa_scores, token_f1
from xstilts.scoring.readers import physical_lines, read_line_labels, read_qa_json, read_tags
from xstilts.scoring.squad import normalize_squad, squad_scores

__all__ = [
    "GROUPS", "MLQA_LANGUAGES", "QA_TASKS", "TASKS", "TASK_LANGUAGES",
    "GoldQuestion", "ScoringError",
    "accuracy", "aggregate", "bucc_scores", "chunk_scores", "chunks", "counts_must_match",
    "file_extension", "gold_questions", "language_file", "language_scores", "mean_in_order",
    "mixed_segmentation", "mlqa_scores", "normalize_mlqa", "normalize_squad", "parse_labels",
    "parse_predictions", "physical_lines", "prediction_answers", "qa_scores", "read_line_labels",
    "read_qa_json", "read_tags", "score_folders", "score_language", "split_tag", "squad_scores",
    "task_score", "token_f1",
]
