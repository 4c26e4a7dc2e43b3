"""`xstilts target --run RUN --task TASK`: phase 3, fine-tune RUN's encoder on TASK's English
training data (fresh head, early stopping on English dev, best weights reloaded), then write
zero-shot predictions for every language of TASK in XTREME's layout (dev and test).

Prediction happens here rather than in a stage of its own so the model is loaded once; the
prediction folders are this stage's outputs and the score stage reads them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from xstilts.config import Params
from xstilts.stages.common import add_params_argument, load_or_report
from xstilts.stages.layout import intermediate_dir, state_dir, target_dir


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_params_argument(parser)
    parser.add_argument("--run", required=True, help="an entry of grid.intermediates")
    parser.add_argument("--task", required=True, help="a trainable target task (target.tasks)")


def run(args: argparse.Namespace) -> int:
    params = load_or_report(args.params)
    if params is None:
        return 2
    problems = []
    if args.run not in params.grid.intermediates:
        problems.append(f"--run {args.run!r} is not in grid.intermediates")
    if args.task not in params.target.tasks:
        problems.append(f"--task {args.task!r} is not in target.tasks {params.target.tasks}")
    if problems:
        print("target: " + "; ".join(problems), file=sys.stderr)
        return 2
    from xstilts.stages.features import MissingFeaturesError
    from xstilts.stages.tracked import current_tracker

    tracker = current_tracker()
    try:
        result = train_and_predict(params, args.run, args.task, Path("."), tracker.log_step)
    except MissingFeaturesError as err:
        print(f"target: {err}", file=sys.stderr)
        return 2
    tracker.log_metrics({k: v for k, v in result.items() if isinstance(v, int | float)})
    return 0


def span_options(params: Params) -> dict[str, Any]:
    return {"n_best": params.evaluate.n_best,
            "max_answer_length": params.evaluate.max_answer_length}


def train_and_predict(params: Params, run_name: str, task: str, root: Path,
                      log_step: Any = None) -> dict[str, Any]:
    from xstilts.modeling.checkpoint import load_checkpoint
    from xstilts.stages.features import task_data
    from xstilts.stages.train_config import target_config
    from xstilts.stages.zero_shot import dev_score, write_all_languages
    from xstilts.training.target import train_target

    config = target_config(params, task)
    options = span_options(params)
    batch = params.evaluate.batch_size
    out = root / target_dir(run_name, task)

    def evaluate(model: Any) -> float:
        return dev_score(model, task, root, batch, config.eval_examples, options)

    result = train_target(
        root / intermediate_dir(run_name), task_data(task, root=root), out, config,
        run_dir=root / state_dir(f"target-{run_name}-{task}"),
        evaluate=evaluate if config.eval_every else None,
        metrics_callback=log_step,
        info={"run": run_name, "target": task},
    )
    from xstilts.training.device import pick_device

    model, _, _ = load_checkpoint(out)
    model.to(pick_device("auto"))
    write_all_languages(model, task, run_name, list(params.evaluate.splits), root, batch, options)
    return result.metrics()
