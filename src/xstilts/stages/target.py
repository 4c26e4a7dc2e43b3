"""`xstilts target --run RUN --finetune NAME`: phase 3, fine-tune RUN's encoder on the English
training data of the fine-tune's target tasks (fresh head, early stopping on the tasks'
model-selection set, best weights reloaded), then write zero-shot predictions for every
language of each target task (dev, test and the selection set) in XTREME's layout.

One fine-tune may serve several targets: `squad` trains one SQuAD v1.1 model whose predictions
are scored as XQuAD and as MLQA (the registry's `finetune` field). Prediction happens here rather
than in a stage of its own so the model is loaded once; the prediction folder is this stage's
output and the score stage reads it.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from xstilts.config import Params
from xstilts.fileio import write_text_atomic
from xstilts.layout import (
    intermediate_dir,
    seed_predictions_root,
    seeds_root,
    target_dir,
    target_predictions,
)
from xstilts.stages.common import add_params_argument


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_params_argument(parser)
    parser.add_argument("--run", required=True, help="an entry of grid.intermediates")
    parser.add_argument("--finetune", required=True,
                        help="an entry of target.finetunes (squad = XQuAD and MLQA)")


def check_args(args: argparse.Namespace, params: Params) -> list[str]:
    """Problems with the options, found before any work (or MLflow run) starts."""
    problems = []
    if args.run not in params.grid.intermediates:
        problems.append(f"--run {args.run!r} is not in grid.intermediates "
                        f"{params.grid.intermediates}")
    if args.finetune not in params.target.finetunes:
        problems.append(f"--finetune {args.finetune!r} is not in target.finetunes "
                        f"{params.target.finetunes}")
    return problems


def run(args: argparse.Namespace, params: Params) -> int:
    from xstilts.data.load import MissingFeaturesError
    from xstilts.stages.tracked import current_tracker
    from xstilts.training.distributed import process_group

    tracker = current_tracker()
    try:
        with process_group():  # torchrun (XSTILTS_NPROC_PER_NODE): one of several ranks
            result = train_and_predict(params, args.run, args.finetune, Path("."),
                                       tracker.log_step)
    except MissingFeaturesError as err:
        print(f"target: {err}", file=sys.stderr)
        return 2
    tracker.log_metrics({k: v for k, v in result.items() if isinstance(v, int | float)})
    return 0


def span_options(params: Params) -> dict[str, Any]:
    return {"n_best": params.evaluate.n_best,
            "max_answer_length": params.evaluate.max_answer_length}


def train_and_predict(params: Params, run_name: str, finetune: str, root: Path,
                      log_step: Any = None) -> dict[str, Any]:
    """Train with base.seed (the checkpoint and predictions every later stage reads), then once
    per extra seed of base.seeds (predictions under the cell's seeds/seed-<n>/, for the
    report's seed noise; their checkpoints under the main one's seeds/ folder)."""
    out = root / target_dir(run_name, finetune)
    metrics = _train_one(params, run_name, finetune, params.base.seed, out,
                         root / target_predictions(run_name, finetune), root, log_step)
    from xstilts.training.device import Rank

    main = Rank.current().is_main  # under torchrun every rank trains, rank 0 writes
    seeds = root / seeds_root(run_name, finetune)
    if main:
        seeds.mkdir(parents=True, exist_ok=True)
    for seed in params.base.seeds:
        if seed == params.base.seed:
            continue
        seed_metrics = _train_one(
            params, run_name, finetune, seed, out / "seeds" / f"seed-{seed}",
            root / seed_predictions_root(run_name, finetune, seed), root, None)
        metrics[f"seed_{seed}_best_score"] = seed_metrics.get("best_score")
    if main:
        write_text_atomic(seeds / "seeds.json",
                          json.dumps({"seeds": list(params.base.seeds)}) + "\n")
    return metrics


def _train_one(params: Params, run_name: str, finetune: str, seed: int, out: Path,
               predictions: Path, root: Path, log_step: Any) -> dict[str, Any]:
    from xstilts.data.load import task_data
    from xstilts.evaluation.zero_shot import selection_score, write_all_languages
    from xstilts.modeling.checkpoint import load_checkpoint
    from xstilts.stages.state import training_state
    from xstilts.stages.train_config import target_config
    from xstilts.tasks.registry import finetune_targets
    from xstilts.training.device import Rank, pick_device
    from xstilts.training.distributed import barrier
    from xstilts.training.target import train_target

    targets = finetune_targets(finetune)
    # Targets of one fine-tune share training data, head and selection set (tested in
    # tests/tasks/test_selection_sets.py), so the first one stands for all.
    first = targets[0]
    config = replace(target_config(params, finetune), seed=seed)
    options = span_options(params)
    batch = params.evaluate.batch_size

    def evaluate(model: Any) -> float:
        return selection_score(model, first, root, batch, config.eval_examples, options)

    identity = {"config": config.to_dict(), "finetune": finetune, "source": run_name}
    rank = Rank.current()
    with training_state(f"target-{run_name}-{finetune}-seed{seed}", identity, root,
                        main=rank.is_main) as run_dir:
        result = train_target(
            root / intermediate_dir(run_name),
            replace(task_data(first, root=root), name=finetune), out, config,
            run_dir=run_dir,
            evaluate=evaluate if config.eval_every else None,
            metrics_callback=log_step,
            info={"run": run_name, "finetune": finetune, "targets": list(targets),
                  "seed": seed},
        )
        barrier()  # every rank has reloaded the best weights before rank 0 removes the state
    if not rank.is_main:
        return result.metrics()
    model, _, _ = load_checkpoint(out)
    model.to(pick_device("auto"))
    for task in targets:
        write_all_languages(model, task, predictions, list(params.evaluate.splits), root,
                            batch, options)
    return result.metrics()
