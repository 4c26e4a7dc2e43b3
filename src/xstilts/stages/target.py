"""`xstilts target --run RUN --task TASK`: phase 3, fine-tune RUN's encoder on TASK's English
training data (fresh head, early stopping on English dev, best weights reloaded), then write
zero-shot predictions for every language of TASK in XTREME's layout (dev and test).

Prediction happens here rather than in a stage of its own so the model is loaded once; the
prediction folders are this stage's outputs and the score stage reads them.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from xstilts.config import Params
from xstilts.stages.common import add_params_argument, load_or_report
from xstilts.stages.layout import (
    intermediate_dir,
    run_predictions,
    seed_predictions_root,
    seeds_root,
    target_dir,
)


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
    """Train with base.seed (the checkpoint and predictions every later stage reads), then once
    per extra seed of base.seeds (predictions under predictions/<run>/seeds/<task>/, for the
    report's seed noise; their checkpoints under the main one's seeds/ folder)."""
    out = root / target_dir(run_name, task)
    metrics = _train_one(params, run_name, task, root, params.base.seed, out,
                         root / run_predictions(run_name), log_step)
    seeds = root / seeds_root(run_name, task)
    seeds.mkdir(parents=True, exist_ok=True)
    for seed in params.base.seeds:
        if seed == params.base.seed:
            continue
        seed_metrics = _train_one(
            params, run_name, task, root, seed, out / "seeds" / f"seed-{seed}",
            root / seed_predictions_root(run_name, task, seed), None)
        metrics[f"seed_{seed}_best_score"] = seed_metrics.get("best_score")
    (seeds / "seeds.json").write_text(json.dumps({"seeds": list(params.base.seeds)}) + "\n")
    return metrics


def _train_one(params: Params, run_name: str, task: str, root: Path, seed: int, out: Path,
               predictions: Path, log_step: Any) -> dict[str, Any]:
    from xstilts.modeling.checkpoint import load_checkpoint
    from xstilts.stages.features import task_data
    from xstilts.stages.state import training_state
    from xstilts.stages.train_config import target_config
    from xstilts.stages.zero_shot import dev_score, write_all_languages
    from xstilts.training.device import pick_device
    from xstilts.training.target import train_target

    config = replace(target_config(params, task), seed=seed)
    options = span_options(params)
    batch = params.evaluate.batch_size

    def evaluate(model: Any) -> float:
        return dev_score(model, task, root, batch, config.eval_examples, options)

    identity = {"config": config.to_dict(), "task": task, "source": run_name}
    with training_state(f"target-{run_name}-{task}-seed{seed}", identity, root) as run_dir:
        result = train_target(
            root / intermediate_dir(run_name), task_data(task, root=root), out, config,
            run_dir=run_dir,
            evaluate=evaluate if config.eval_every else None,
            metrics_callback=log_step,
            info={"run": run_name, "target": task, "seed": seed},
        )
    model, _, _ = load_checkpoint(out)
    model.to(pick_device("auto"))
    write_all_languages(model, task, predictions, list(params.evaluate.splits), root, batch,
                        options)
    return result.metrics()
