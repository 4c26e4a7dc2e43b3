"""What every stage command shares: the --params option and validation before any work."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from xstilts.config import ConfigError, Params, load_params


def add_params_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--params",
        type=Path,
        default=Path("params.yaml"),
        help="params file of the pipeline root (default: params.yaml)",
    )


def load_or_report(path: Path) -> Params | None:
    """Validate the params file; on problems print one line each to stderr and return None."""
    try:
        return load_params(path)
    except ConfigError as exc:
        for line in exc.problems:
            print(f"{exc.path}: {line}", file=sys.stderr)
        return None
