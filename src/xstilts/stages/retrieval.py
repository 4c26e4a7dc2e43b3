"""`xstilts retrieval`: BUCC and Tatoeba predictions from an intermediate checkpoint.

The top-level `cli.py` wires `add_arguments` and `run`; all logic is in `retrieval`.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from xstilts.evaluation.embedding import BATCH_SIZE, MAX_LENGTH, POOLINGS
from xstilts.evaluation.knn import BLOCK_SIZE
from xstilts.evaluation.retrieval import BUCC, TATOEBA, run_retrieval
from xstilts.tasks.languages import XTREME_LANGUAGES
from xstilts.tasks.schema import RetrievalCorpus

log = logging.getLogger(__name__)


def load_corpus(task: str, split: str, lang: str, raw_root: Path) -> RetrievalCorpus:
    """The task reader's corpus for one language (imported here: only this stage needs it)."""
    from xstilts.tasks import read_corpus  # type: ignore[attr-defined]

    corpus = read_corpus(task, split, lang, raw_root)
    if not isinstance(corpus, RetrievalCorpus):
        raise TypeError(f"{task}/{split}-{lang}: the reader returned {type(corpus).__name__}, "
                        "not a RetrievalCorpus")
    return corpus


def _csv(value: str) -> list[str]:
    return [item for item in (v.strip() for v in value.split(",")) if item]


def _sweep(value: str) -> list[int] | str:
    if value == "all":
        return value
    try:
        return [int(v) for v in _csv(value)]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"--sweep {value!r}: expected 'all' or comma-separated hidden-state indices"
        ) from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `xstilts retrieval`. With --params, the retrieval section fills the options
    not given on the command line (layer, pooling, batch size, max length, sweep)."""
    parser.add_argument("--params", type=Path, default=None,
                        help="params file: validated first; its retrieval section gives defaults")
    parser.add_argument("--model", required=True, type=Path,
                        help="checkpoint folder (with encoder/) or HF encoder folder")
    parser.add_argument("--raw-root", type=Path, default=Path("data/raw"),
                        help="raw data root the task readers read from (default: data/raw)")
    parser.add_argument("--out", required=True, type=Path,
                        help="predictions root, predictions/<inter>/retrieval; files go to "
                             "<out>/<split>/<task>/<split>-<lang>.tsv")
    parser.add_argument("--tasks", type=_csv, default=[BUCC, TATOEBA],
                        help=f"comma-separated subset of {BUCC},{TATOEBA} (default: both)")
    parser.add_argument("--bucc-langs", type=_csv, default=list(XTREME_LANGUAGES[BUCC]))
    parser.add_argument("--tatoeba-langs", type=_csv, default=list(XTREME_LANGUAGES[TATOEBA]))
    # Tatoeba has one published set; the registry lists it as both dev and test, so dev-set
    # averages (the paper's claims) include it. BUCC always runs dev (threshold) and test.
    parser.add_argument("--tatoeba-splits", type=_csv, default=["dev", "test"])
    parser.add_argument("--layer", type=int, default=None,
                        help="hidden-state index, 0 = embeddings (default: 14 of 24, scaled)")
    parser.add_argument("--pooling", choices=POOLINGS, default=None, help="default: mean")
    parser.add_argument("--sweep", type=_sweep, default=None,
                        help="'all' or indices: also evaluate these hidden states")
    parser.add_argument("--sweep-out", type=Path, default=None,
                        help="root for the sweep, one layer-<NN>/ folder per hidden state")
    parser.add_argument("--layers-per-pass", type=int, default=None,
                        help="bound sweep memory: encoder passes over at most this many layers")
    parser.add_argument("--max-length", type=int, default=None, help=f"default: {MAX_LENGTH}")
    parser.add_argument("--batch-size", type=int, default=None, help=f"default: {BATCH_SIZE}")
    parser.add_argument("--block-size", type=int, default=BLOCK_SIZE,
                        help="query rows per similarity block (memory vs speed)")
    parser.add_argument("--device", default=None, help="torch device (default: cuda if available)")


def _apply_params(args: argparse.Namespace) -> bool:
    """Validate --params (if given) and fill unset options from it; False when invalid."""
    if args.params is not None:
        from xstilts.config import retrieval_layer
        from xstilts.stages.common import load_or_report

        params = load_or_report(args.params)
        if params is None:
            return False
        r = params.retrieval
        args.tasks = [t for t in args.tasks if t in r.tasks]
        args.layer = retrieval_layer(params) if args.layer is None else args.layer
        args.pooling = args.pooling or r.pooling
        args.batch_size = args.batch_size or r.batch_size
        args.max_length = args.max_length or params.prepare.retrieval_max_length
        if r.layer_sweep and args.sweep is None and args.sweep_out is not None:
            args.sweep = "all"
        args.layers_per_pass = args.layers_per_pass or r.layers_per_pass
    args.pooling = args.pooling or "mean"
    args.batch_size = args.batch_size or BATCH_SIZE
    args.max_length = args.max_length or MAX_LENGTH
    return True


def check_args(args: argparse.Namespace, params: object = None) -> list[str]:
    """Problems with the options, found before any work (or MLflow run) starts."""
    problems = []
    unknown = [t for t in args.tasks if t not in (BUCC, TATOEBA)]
    if unknown:
        problems.append(f"--tasks: unknown {unknown} (allowed: {BUCC}, {TATOEBA})")
    if args.sweep is not None and args.sweep_out is None:
        problems.append("--sweep needs --sweep-out (where the per-layer predictions go)")
    bad_splits = [s for s in args.tatoeba_splits if s not in ("dev", "test")]
    if bad_splits:
        problems.append(f"--tatoeba-splits: unknown split(s) {bad_splits} (allowed: dev, test)")
    return problems


def run(args: argparse.Namespace) -> int:
    """Read the corpora, run retrieval, write predictions. 0 on success, 2 on bad options."""
    problems = check_args(args)
    for problem in problems:
        log.error("%s", problem)
    if problems or not _apply_params(args):
        return 2
    dev: list[RetrievalCorpus] = []
    test: list[RetrievalCorpus] = []
    by_split = {"dev": dev, "test": test}
    if BUCC in args.tasks:
        for lang in args.bucc_langs:
            dev.append(load_corpus(BUCC, "dev", lang, args.raw_root))
            test.append(load_corpus(BUCC, "test", lang, args.raw_root))
    if TATOEBA in args.tasks:
        for split in args.tatoeba_splits:
            if split not in by_split:
                log.error("--tatoeba-splits: unknown split %r (allowed: dev, test)", split)
                return 2
            for lang in args.tatoeba_langs:
                by_split[split].append(load_corpus(TATOEBA, split, lang, args.raw_root))
    run_retrieval(
        args.model, dev, test, args.out,
        layer=args.layer, pooling=args.pooling,
        sweep_layers=args.sweep, sweep_root=args.sweep_out,
        max_length=args.max_length, batch_size=args.batch_size,
        block_size=args.block_size, device=args.device, layers_per_pass=args.layers_per_pass,
    )
    return 0
