"""`xstilts intermediate --run RUN`: phase 2, English intermediate-task training.

RUN is one entry of `grid.intermediates`: `none` (the baseline: the pretrained encoder, saved
as a checkpoint so every target stage loads the same way), `multitask` (all of
intermediate.tasks at once), a task, `<task>+mlm` (ablation 1: mixed with continued
multilingual MLM) or `<task>+translated` (ablation 2: the task's machine-translated training
sets in intermediate.translated.languages instead of the English one).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from xstilts.config import MLM_CORPUS_TASK as MLM_TASK
from xstilts.config import Params, parse_run
from xstilts.layout import PRETRAINED, intermediate_dir
from xstilts.stages.common import add_params_argument


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_params_argument(parser)
    parser.add_argument("--run", required=True, help="an entry of grid.intermediates")


def check_args(args: argparse.Namespace, params: Params) -> list[str]:
    """Problems with the options, found before any work (or MLflow run) starts."""
    if args.run not in params.grid.intermediates:
        return [f"--run {args.run!r} is not in grid.intermediates {params.grid.intermediates}; "
                "use one of them (or add it there)"]
    return []


def run(args: argparse.Namespace, params: Params) -> int:
    from xstilts.data.load import MissingFeaturesError
    from xstilts.stages.tracked import current_tracker

    tracker = current_tracker()
    try:
        train_run(params, args.run, Path("."), tracker.log_step)
    except MissingFeaturesError as err:
        print(f"intermediate: {err}", file=sys.stderr)
        return 2
    tracker.log_artifact(intermediate_dir(args.run) / "xstilts.json")
    return 0


def train_run(params: Params, run_name: str, root: Path, log_step: Any = None) -> Path:
    """Train (or, for `none`, copy) one intermediate run; returns its checkpoint folder."""
    from xstilts.data.load import task_data
    from xstilts.modeling.checkpoint import build_model, save_checkpoint
    from xstilts.stages.state import training_state
    from xstilts.stages.train_config import intermediate_config
    from xstilts.training.intermediate import train_intermediate

    kind, task = parse_run(run_name)
    source, out = root / PRETRAINED, root / intermediate_dir(run_name)
    if kind == "none":
        from transformers import AutoTokenizer

        model = build_model(source, [], seed=params.base.seed)
        save_checkpoint(model, AutoTokenizer.from_pretrained(source), out,
                        {"phase": "intermediate", "run": "none", "source": str(source)})
        return out
    if kind == "multitask":
        tasks = [task_data(t, root=root) for t in params.intermediate.tasks]
    elif kind == "translated":
        tasks = [_translated(task, params, root)]
    else:
        tasks = [task_data(task, root=root)]
    mlm_corpus = _mlm_corpus(root) if kind == "mlm" else None
    config = intermediate_config(params, mlm=mlm_corpus is not None)
    identity = {"config": config.to_dict(), "tasks": [t.name for t in tasks],
                "run": run_name}
    with training_state(f"intermediate-{run_name}", identity, root) as run_dir:
        train_intermediate(
            source, tasks, out, config,
            run_dir=run_dir,
            mlm_corpus=mlm_corpus,
            metrics_callback=log_step,
            info={"run": run_name, "params": params.intermediate.model_dump()},
        )
    return out


def _translated(task: str | None, params: Params, root: Path) -> Any:
    """The task's translated training sets, concatenated (the MT system is an input: PAPER.md)."""
    from datasets import concatenate_datasets

    from xstilts.data.load import head_for, load_features
    from xstilts.tasks.registry import get_task
    from xstilts.training.data import TaskData

    assert task is not None
    spec = get_task(task)
    source = _translation_source(spec.name)
    langs = params.intermediate.translated.languages or [
        e.lang for e in get_task(source).entries if "train" in e.splits and e.lang != "en"
    ]
    parts = [load_features(source, "train", lang, root) for lang in langs]
    return TaskData(task, head_for(task, root), concatenate_datasets(parts))


def _translation_source(task: str) -> str:
    """Which registry task holds machine-translated training data for `task`."""
    from xstilts.tasks.registry import task_names

    candidate = f"{task}_translated"
    if candidate in task_names():
        return candidate
    raise ValueError(f"no machine-translated training data is registered for {task!r} "
                     f"(expected a task named {candidate!r})")


def _mlm_corpus(root: Path) -> Any:
    from xstilts.data.load import load_features

    return load_features(MLM_TASK, "train", "multi", root)
