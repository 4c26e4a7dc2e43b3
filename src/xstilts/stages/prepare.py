"""`xstilts prepare`: tokenize tasks into the feature cache and write the scorer's gold labels.

Paths are relative to the pipeline root (docs/INTERFACES.md): raw data in `data/raw/`,
features in `data/prepared/<task>/<split>-<lang>/`, gold labels in `labels/<task>/`.
The pipeline runs one stage per task and part: `prepare@<task>` (`--only features`) and
`gold@<task>` (`--only gold`, no tokenizer), so a missing source blocks only its own tasks.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from xstilts.config import Params
from xstilts.stages.common import add_params_argument


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_params_argument(parser)
    parser.add_argument(
        "--task",
        action="append",
        dest="tasks",
        metavar="NAME",
        help="task to prepare (repeatable; default: every task the params select)",
    )
    parser.add_argument("--split", action="append", dest="splits",
                        choices=("train", "heldout", "dev", "test", "selection"))
    parser.add_argument("--lang", action="append", dest="langs", metavar="CODE")
    parser.add_argument("--raw", type=Path, default=Path("data/raw"))
    parser.add_argument("--out", type=Path, default=Path("data/prepared"))
    parser.add_argument("--labels", type=Path, default=Path("labels"))
    parser.add_argument(
        "--tokenizer",
        default=None,
        help="tokenizer folder or hub id (default: base.model of the params)",
    )
    parser.add_argument(
        "--force", action="store_true", help="rebuild even when the cache is current"
    )
    parser.add_argument("--only", choices=("features", "gold"), default=None,
                        help="write only the feature cache or only the gold labels "
                             "(default: both)")


def run(args: argparse.Namespace, params: Params) -> int:
    from xstilts.config import tasks_to_prepare
    from xstilts.data.featurize import FeatureParams

    tasks = args.tasks or tasks_to_prepare(params)
    try:
        feature_params = FeatureParams.from_mapping(params.prepare.model_dump())
    except ValueError as err:
        print(f"{args.params}: {err}", file=sys.stderr)
        return 2
    if args.only == "gold":
        return _prepare_all(tasks, args, None, feature_params)
    tokenizer = _load_tokenizer(args.tokenizer or params.base.model)
    if tokenizer is None:
        return 2
    return _prepare_all(tasks, args, tokenizer, feature_params)


def _prepare_all(tasks: list[str], args: argparse.Namespace, tokenizer: object,
                 feature_params: object) -> int:
    from contextlib import ExitStack

    from xstilts.data.prepare import prepare_task
    from xstilts.locks import folder_lock
    from xstilts.tasks.errors import DataFormatError, UnknownNameError

    for name in dict.fromkeys(tasks):
        # One writer per task folder (features, gold) at a time: two would remove each
        # other's temporary folders. Stages of different tasks run side by side.
        written = [*([args.out / name] if args.only != "gold" else []),
                   *([args.labels / name] if args.only != "features" else [])]
        try:
            with ExitStack() as locks:
                for folder in written:
                    locks.enter_context(folder_lock(folder, f"the prepared data of {name}"))
                results = prepare_task(
                    name, args.raw, args.out, tokenizer, feature_params,
                    labels_root=None if args.only == "features" else args.labels,
                    splits=args.splits, languages=args.langs, force=args.force,
                    features=args.only != "gold",
                )
        except (DataFormatError, UnknownNameError) as err:
            print(f"prepare {name}: {err}", file=sys.stderr)
            return 2
        built = sum(not r.cache_hit for r in results)
        features = sum(r.num_features for r in results)
        print(
            f"prepare {name}: {len(results)} splits ({built} built, {len(results) - built} "
            f"cached), {features} features"
        )
    return 0


def _load_tokenizer(name: str) -> object | None:
    from transformers import AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(name)
    except (OSError, ValueError) as err:
        print(
            f"prepare: cannot load tokenizer {name!r} ({err}); in the demo profile run the "
            "pretrain stage first",
            file=sys.stderr,
        )
        return None
    if not getattr(tokenizer, "is_fast", False):
        print(
            f"prepare: tokenizer {name!r} is not a fast tokenizer (offsets needed)", file=sys.stderr
        )
        return None
    return tokenizer
