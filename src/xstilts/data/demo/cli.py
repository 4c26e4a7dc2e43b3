"""`xstilts demo-data`: write the demo world (SIMULATED data in the real formats).

Writes the mirror `fetch --from` reads (`<out>/<source>/<download>` + `<out>/SHA256SUMS`)
and the multilingual pretraining corpus (default `<out>/corpus.txt`). The seed defaults to
`base.seed` of the params file; `--scale` multiplies every size of `DemoSizes`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from xstilts.stages.common import add_params_argument, load_or_report


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_params_argument(parser)
    parser.add_argument("--out", type=Path, default=Path("data/mirror"), help="mirror folder")
    parser.add_argument(
        "--corpus", type=Path, default=None, help="pretraining corpus (default: <out>/corpus.txt)"
    )
    parser.add_argument("--seed", type=int, default=None, help="default: base.seed of --params")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="multiply every demo size (default 1.0)"
    )
    parser.add_argument(
        "--source", action="append", dest="sources", metavar="NAME", help="only this source"
    )


def run(args: argparse.Namespace) -> int:
    seed = args.seed
    if seed is None:
        params = load_or_report(args.params)
        if params is None:
            return 2
        seed = params.base.seed
    if args.scale <= 0:
        print(f"demo-data: --scale must be positive, got {args.scale}", file=sys.stderr)
        return 2
    from xstilts.data.demo import DemoSizes, generate_demo_world

    sizes = DemoSizes() if args.scale == 1.0 else DemoSizes.scaled(args.scale)
    corpus = args.corpus or args.out / "corpus.txt"
    try:
        world = generate_demo_world(args.out, corpus, seed=seed, sizes=sizes, sources=args.sources)
    except ValueError as err:
        print(f"demo-data: {err}", file=sys.stderr)
        return 2
    print(
        f"demo-data: SIMULATED world, seed {seed}: {world.num_files} files "
        f"({world.num_bytes / 1e6:.1f} MB) in {world.mirror}, manifest {world.manifest.name}, "
        f"corpus {world.corpus_lines} lines in {world.corpus}"
    )
    return 0
