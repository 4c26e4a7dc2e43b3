"""`xstilts score`: print (and optionally write) the score JSON of a predictions folder."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from xstilts.fileio import write_text_atomic

if TYPE_CHECKING:
    from xstilts.config import Params
from xstilts.scoring.errors import ScoringError
from xstilts.scoring.folders import check_root, link_task_folders, score_folders


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the `score` subcommand's options on its parser."""
    parser.add_argument("--predictions", type=Path, required=True, metavar="DIR",
                        action="append",
                        help="predictions root in XTREME layout: DIR/<task>/<split>-<lang>.<ext>; "
                             "repeat it to score several roots as one (a pipeline run keeps one "
                             "per stage: predictions/<run>/target/*/<split> and "
                             "predictions/<run>/retrieval/<split>)")
    parser.add_argument("--labels", type=Path, required=True, metavar="DIR",
                        help="gold labels root, same layout")
    parser.add_argument("--split", default="test", choices=("dev", "test", "selection"),
                        help="which files to score (default: test, XTREME's own layout; "
                             "selection: the model-selection sets)")
    parser.add_argument("--params", type=Path, default=None,
                        help="params file of the pipeline run: validated first, and the scores "
                             "are logged to that run's MLflow stage run")
    parser.add_argument("--quiet", action="store_true",
                        help="print only the XTREME score line, not the whole JSON")
    parser.add_argument("--json", type=Path, default=None, metavar="FILE",
                        help="also write the score JSON to FILE (atomically)")


def write_json_atomically(path: Path, document: object) -> None:
    """A DVC metrics file must never be left half-written by an interrupted run."""
    write_text_atomic(path, json.dumps(document, indent=2) + "\n")


def run(args: argparse.Namespace, params: Params | None) -> int:
    """Score, print the JSON to stdout; exit 2 with one line on stderr when unscorable. The
    params (validated by cli.py) only name the MLflow run the scores are logged to."""
    try:
        with tempfile.TemporaryDirectory(prefix="xstilts-score-") as tmp:
            root = args.predictions[0]
            if len(args.predictions) > 1:
                root = link_task_folders(_task_folders(args.predictions), Path(tmp))
            scores = score_folders(root, args.labels, args.split)
    except ScoringError as error:
        # One line, so a pipeline log shows the whole error where the stage failed.
        message = " ".join(str(error).splitlines())
        print(f"xstilts score: error: {message}", file=sys.stderr)
        return 2
    if args.json is not None:
        try:
            write_json_atomically(args.json, scores)
        except OSError as error:
            print(f"xstilts score: error: {args.json}: cannot write ({error.strerror})",
                  file=sys.stderr)
            return 2
    _log_to_stage_run(scores, args)
    if args.quiet:
        print(f"xstilts score: {' '.join(map(str, args.predictions))}: "
              f"xtreme_score={scores['xtreme_score']}, "
              f"tasks={len(scores['tasks'])}")
    else:
        print(json.dumps(scores, indent=2))
    return 0


def _task_folders(roots: list[Path]) -> list[Path]:
    for root in roots:
        check_root(root, "predictions")
    return [task for root in roots for task in sorted(root.iterdir()) if task.is_dir()]


def _log_to_stage_run(scores: dict, args: argparse.Namespace) -> None:
    """Task and XTREME scores as metrics of the stage's MLflow run (a no-op outside one)."""
    from xstilts.stages.tracked import current_tracker

    tracker = current_tracker()
    prefix = f"{args.split}/"
    metrics = {f"{prefix}{task}": result["score"] for task, result in scores["tasks"].items()}
    if scores.get("xtreme_score") is not None:
        metrics[f"{prefix}xtreme_score"] = scores["xtreme_score"]
    tracker.log_metrics(metrics)
    if args.json is not None:
        tracker.log_artifact(args.json)
