"""`xstilts score-run --run RUN`: XTREME scores of one intermediate run, per split.

Writes `scores/<run>/<split>.json` for each split of `evaluate.splits` and for the model-
selection sets (`selection.json`: what the report chooses the best model per target on), all
from the run with `base.seed`, and, when `base.seeds` holds several seeds,
`scores/<run>/seeds/seed-<n>/<split>.json` for each: target predictions of seed n combined with
the run's retrieval predictions, which do not depend on the target seed (retrieval reads the
intermediate checkpoint).

Each target cell and the retrieval stage own one predictions folder
(predictions/<run>/target/<finetune>/, predictions/<run>/retrieval/); a split is scored on a
leaderboard-layout view that links their task folders side by side.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from xstilts.config import Params
from xstilts.layout import (
    LABELS,
    retrieval_predictions,
    seed_predictions_root,
    target_predictions,
)
from xstilts.stages.common import add_params_argument
from xstilts.tasks.spec import SELECTION


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_params_argument(parser)
    parser.add_argument("--run", required=True, help="an entry of grid.intermediates")
    parser.add_argument("--without", action="append", default=[], metavar="CELL",
                        help="leave out a fine-tune's predictions (or `retrieval`): a cell that "
                             "did not run this time, whose old files must not be scored "
                             "(repeatable; `xstilts pipeline --partial-report` uses it)")


def check_args(args: argparse.Namespace, params: Params) -> list[str]:
    """Problems with the options, found before any work (or MLflow run) starts."""
    if args.run not in params.grid.intermediates:
        return [f"--run {args.run!r} is not in grid.intermediates {params.grid.intermediates}"]
    cells = [*params.target.finetunes, "retrieval"]
    return [f"--without {c!r}: not one of {cells}" for c in args.without if c not in cells]


def run(args: argparse.Namespace, params: Params) -> int:
    from xstilts.scoring.errors import ScoringError

    try:
        written = score_run(params, args.run, Path("."), without=frozenset(args.without))
    except ScoringError as err:
        print(f"score-run: {' '.join(str(err).splitlines())}", file=sys.stderr)
        return 2
    for path, result in written.items():
        print(f"score-run: {path}: xtreme_score={result['xtreme_score']}")
    return 0


def scored_splits(params: Params) -> list[str]:
    """evaluate.splits, then the selection sets (always scored: the report selects on them)."""
    return [*params.evaluate.splits, SELECTION]


def score_run(params: Params, run_name: str, root: Path,
              without: frozenset[str] = frozenset()) -> dict[Path, dict[str, Any]]:
    from xstilts.fileio import write_text_atomic
    from xstilts.scoring.folders import score_folders
    from xstilts.stages.tracked import current_tracker
    from xstilts.tools.score import write_json_atomically

    tracker = current_tracker()
    out = root / "scores" / run_name
    seeds_dir = out / "seeds"
    extra = [s for s in params.base.seeds if s != params.base.seed]
    seeds = [None] + (list(params.base.seeds) if extra else [])
    written: dict[Path, dict[str, Any]] = {}
    labels = root / LABELS
    for split in scored_splits(params):
        for seed in seeds:
            with tempfile.TemporaryDirectory(prefix="xstilts-view-") as tmp:
                view = leaderboard_view(params, run_name, split, seed, root, Path(tmp),
                                        without)
                result = score_folders(view, labels, split)
            name = out / f"{split}.json" if seed is None else (
                seeds_dir / f"seed-{seed}" / f"{split}.json")
            written[name] = result
    write_text_atomic(seeds_dir / "seeds.json", json.dumps({"seeds": list(params.base.seeds)}) + "\n")
    for path, result in written.items():
        write_json_atomically(path, result)
        tracker.log_artifact(path)
    for split in scored_splits(params):
        primary = written[out / f"{split}.json"]
        metrics = {f"{split}/{t}": r["score"] for t, r in primary["tasks"].items()}
        if primary["xtreme_score"] is not None:
            metrics[f"{split}/xtreme_score"] = primary["xtreme_score"]
        tracker.log_metrics(metrics)
    return written


def leaderboard_view(params: Params, run_name: str, split: str, seed: int | None, root: Path,
                     tmp: Path, without: frozenset[str] = frozenset()) -> Path:
    """A folder in XTREME's layout (`<task>/<split>-<lang>.<ext>`) for one split of a run:
    links to each target cell's task folders (of `seed`'s predictions when it is an extra
    seed) and to the retrieval predictions. A missing folder is left out (the scorer skips
    it, as XTREME's evaluate.py does); a missing extra seed is an error."""
    from xstilts.scoring.errors import ScoringError
    from xstilts.scoring.folders import link_task_folders
    from xstilts.tasks.registry import finetune_targets

    sources: list[Path] = []
    for finetune in (f for f in params.target.finetunes if f not in without):
        cell = root / target_predictions(run_name, finetune)
        if seed is not None and seed != params.base.seed:
            cell = root / seed_predictions_root(run_name, finetune, seed)
            if not cell.is_dir():
                raise ScoringError(f"{cell}: no predictions of seed {seed} for {finetune}; "
                                   "re-run its target stage (base.seeds changed?)")
        sources += [cell / split / task for task in finetune_targets(finetune)]
    if "retrieval" not in without:
        sources += [root / retrieval_predictions(run_name) / split / task
                    for task in params.retrieval.tasks]
    return link_task_folders(sources, tmp)
