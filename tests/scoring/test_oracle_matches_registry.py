"""The scorer keeps its own copy of XTREME's protocol tables (an oracle written from XTREME's
evaluate.py); the task registry drives the rest of the project. They must agree."""

import random

import pytest

from xstilts.scoring.aggregate import task_score
from xstilts.scoring.languages import GROUPS, QA_TASKS, TASKS, file_extension
from xstilts.tasks.registry import get_task


def test_groups_are_the_registrys_groups():
    assert {t: g for g, ts in GROUPS.items() for t in ts} == {t: get_task(t).group for t in TASKS}


def test_qa_tasks_are_the_registrys_span_extraction_tasks():
    assert QA_TASKS == {t for t in TASKS if get_task(t).is_qa}


@pytest.mark.parametrize("task", TASKS)
def test_file_extension_is_the_registrys(task: str):
    assert file_extension(task) == get_task(task).prediction_extension


@pytest.mark.parametrize("task", TASKS)
def test_task_score_rule_is_the_registrys(task: str):
    rng = random.Random(task)
    averages = {m: rng.uniform(0, 100) for m in get_task(task).metrics}
    assert task_score(task, averages) == get_task(task).score_of(averages)
