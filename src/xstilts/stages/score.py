"""`xstilts score-run --run RUN`: XTREME scores of one intermediate run, per split.

Writes `scores/<run>/<split>.json` (the run with `base.seed`) and, when `base.seeds` holds
several seeds, `scores/<run>/seeds/seed-<n>/<split>.json` for each: target predictions of seed
n (predictions/<run>/seeds/<task>/seed-<n>/...) combined with the run's retrieval predictions,
which do not depend on the target seed (retrieval reads the intermediate checkpoint).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from xstilts.config import Params
from xstilts.stages.common import add_params_argument, load_or_report
from xstilts.stages.layout import LABELS, predictions_dir, seed_predictions_root


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_params_argument(parser)
    parser.add_argument("--run", required=True, help="an entry of grid.intermediates")


def run(args: argparse.Namespace) -> int:
    params = load_or_report(args.params)
    if params is None:
        return 2
    from xstilts.scoring.errors import ScoringError

    try:
        written = score_run(params, args.run, Path("."))
    except ScoringError as err:
        print(f"score-run: {' '.join(str(err).splitlines())}", file=sys.stderr)
        return 2
    for path, result in written.items():
        print(f"score-run: {path}: xtreme_score={result['xtreme_score']}")
    return 0


def score_run(params: Params, run_name: str, root: Path) -> dict[Path, dict[str, Any]]:
    from xstilts.scoring.cli import write_json_atomically
    from xstilts.scoring.folders import score_folders
    from xstilts.stages.tracked import current_tracker

    tracker = current_tracker()
    out = root / "scores" / run_name
    seeds_dir = out / "seeds"
    seeds_dir.mkdir(parents=True, exist_ok=True)
    extra = [s for s in params.base.seeds if s != params.base.seed]
    written: dict[Path, dict[str, Any]] = {}
    for split in params.evaluate.splits:
        labels = root / LABELS / split
        result = score_folders(root / predictions_dir(run_name, split), labels, split)
        written[out / f"{split}.json"] = result
        if extra:
            for seed in params.base.seeds:
                with tempfile.TemporaryDirectory(prefix="xstilts-seed-") as tmp:
                    combined = _seed_root(params, run_name, split, seed, root, Path(tmp))
                    written[seeds_dir / f"seed-{seed}" / f"{split}.json"] = score_folders(
                        combined, labels, split)
    (seeds_dir / "seeds.json").write_text(json.dumps({"seeds": list(params.base.seeds)}) + "\n")
    for path, result in written.items():
        write_json_atomically(path, result)
        tracker.log_artifact(path)
    for split in params.evaluate.splits:
        primary = written[out / f"{split}.json"]
        metrics = {f"{split}/{t}": r["score"] for t, r in primary["tasks"].items()}
        if primary["xtreme_score"] is not None:
            metrics[f"{split}/xtreme_score"] = primary["xtreme_score"]
        tracker.log_metrics(metrics)
    return written


def _seed_root(params: Params, run_name: str, split: str, seed: int, root: Path,
               tmp: Path) -> Path:
    """A leaderboard-layout folder for one seed: links to that seed's target predictions and
    to the run's retrieval predictions."""
    base = root / predictions_dir(run_name, split)
    for task_dir in sorted(p for p in base.iterdir() if p.is_dir()):
        task = task_dir.name
        source = task_dir
        if task in params.target.tasks and seed != params.base.seed:
            source = root / seed_predictions_root(run_name, task, seed) / split / task
            if not source.is_dir():
                from xstilts.scoring.errors import ScoringError

                raise ScoringError(f"{source}: no predictions of seed {seed} for {task}; "
                                   "re-run its target stage (base.seeds changed?)")
        (tmp / task).symlink_to(source.resolve(), target_is_directory=True)
    return tmp
