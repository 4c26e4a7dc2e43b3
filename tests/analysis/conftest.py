"""Builders for small results grids: score JSON files written the way the `score` stage writes them."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

QA = {"xquad", "mlqa", "tydiqa"}
F1 = {"udpos", "panx", "bucc2018"}


def score_json(tasks: Mapping[str, float], langs: tuple[str, ...] = ("en", "de")) -> dict:
    """A score JSON whose every language (and so the task average) has the given task score.

    QA tasks get f1 = score + 5 and exact_match = score - 5, so (F1 + EM) / 2 = score.
    """
    out: dict = {"xtreme_score": None, "groups": {}, "tasks": {}}
    for task, score in tasks.items():
        if task in QA:
            metrics = {"f1": score + 5, "exact_match": score - 5}
        elif task in F1:
            metrics = {"f1": score, "precision": score, "recall": score}
        else:
            metrics = {"accuracy": score}
        out["tasks"][task] = {"score": score, "metrics": dict(metrics),
                              "languages": {lang: dict(metrics) for lang in langs}}
    return out


@pytest.fixture
def write_scores(tmp_path: Path) -> Callable[..., Path]:
    """write_scores(inter, split, tasks, seed=None) -> path of the written score JSON."""

    def write(inter: str, split: str, tasks: Mapping[str, float], seed: int | None = None,
              langs: tuple[str, ...] = ("en", "de")) -> Path:
        folder = tmp_path / "scores" / inter / (f"seed-{seed}" if seed is not None else "")
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{split}.json"
        path.write_text(json.dumps(score_json(tasks, langs)), encoding="utf-8")
        return path

    return write
