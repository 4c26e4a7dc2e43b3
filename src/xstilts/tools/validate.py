"""`xstilts validate [PARAMS_FILE]`: exit 0 when valid, else exit 2 and one line per problem.

A dvc.yaml next to the params file must be the one `xstilts pipeline` makes from them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from xstilts.stages.common import load_or_report


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "params_file", nargs="?", type=Path, default=Path("params.yaml"), help="params file"
    )


def run(args: argparse.Namespace) -> int:
    params = load_or_report(args.params_file)
    if params is None:
        return 2
    from xstilts.tools.pipeline import PIPELINE_FILE, stale_message

    if (args.params_file.parent / PIPELINE_FILE).exists():
        problem = stale_message(params, args.params_file)
        if problem:
            print(f"{args.params_file}: {problem}", file=sys.stderr)
            return 2
    print(f"{args.params_file}: valid ({params.profile} profile)")
    return 0
