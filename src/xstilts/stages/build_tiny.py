"""`xstilts build-tiny`: demo phase 1a, a tiny XLM-R encoder and unigram tokenizer from text.

The paper starts from the hub's XLM-R Large; the demo profile builds a model of the same
architecture locally (simulated: random init, then `xstilts pretrain`) so it runs offline.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from xstilts.config import Params
from xstilts.stages.common import add_params_argument, load_or_report


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_params_argument(parser)
    parser.add_argument("--corpus", type=Path, required=True, help="text file, one sentence a line")
    parser.add_argument("--out", type=Path, required=True, help="output folder (HF format)")


def run(args: argparse.Namespace) -> int:
    params = load_or_report(args.params)
    if params is None:
        return 2
    if not args.corpus.is_file():
        print(f"build-tiny: corpus {args.corpus} not found (run the demo-data stage first)")
        return 2
    from xstilts.modeling.tiny import build_tiny_model

    out = build_tiny_model(args.corpus, args.out, tiny_spec(params))
    print(f"build-tiny: wrote {out}")
    return 0


def tiny_spec(params: Params) -> object:
    """The demo encoder's shape from `pretrain.tiny`, seeded by `base.seed`."""
    from xstilts.modeling.tiny import TinyModelSpec

    return TinyModelSpec(**params.pretrain.tiny.model_dump(), seed=params.base.seed)
