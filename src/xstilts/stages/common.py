"""What every stage command shares: the --params option and validation before any work."""

from __future__ import annotations

import argparse
import os
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
    """Validate the params file; on problems print one line each to stderr and return None.
    A valid file's `base.threads` is applied before torch is imported by the stage."""
    try:
        params = load_params(path)
    except ConfigError as exc:
        for line in exc.problems:
            print(f"{exc.path}: {line}", file=sys.stderr)
        return None
    apply_threads(params.base.threads)
    return params


def apply_threads(threads: int | None) -> None:
    if threads is None:
        return
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(threads)
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(threads)
