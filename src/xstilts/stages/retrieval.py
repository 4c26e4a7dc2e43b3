"""`xstilts retrieval`: BUCC and Tatoeba predictions from an intermediate checkpoint.

The top-level `cli.py` wires `add_arguments` and `run`; all logic is in `retrieval`.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from xstilts.config import Params
from xstilts.evaluation.knn import BLOCK_SIZE
from xstilts.evaluation.retrieval import BUCC, TATOEBA, run_retrieval
from xstilts.stages.common import add_params_argument
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


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Paths and the device only: what to retrieve and how (tasks, layer, pooling, sweep,
    batch size, max length) is the params' retrieval section (and prepare.retrieval_max_length);
    the languages and splits are XTREME's."""
    add_params_argument(parser)
    parser.add_argument("--model", required=True, type=Path,
                        help="checkpoint folder (with encoder/) or HF encoder folder")
    parser.add_argument("--raw-root", type=Path, default=Path("data/raw"),
                        help="raw data root the task readers read from (default: data/raw)")
    parser.add_argument("--out", required=True, type=Path,
                        help="predictions root, predictions/<inter>/retrieval; files go to "
                             "<out>/<split>/<task>/<split>-<lang>.tsv")
    parser.add_argument("--sweep-out", type=Path, default=None,
                        help="with retrieval.layer_sweep: root for one layer-<NN>/ folder per "
                             "hidden state (default: <out>/layers)")
    parser.add_argument("--block-size", type=int, default=BLOCK_SIZE,
                        help="query rows per similarity block (memory vs speed; same results)")
    parser.add_argument("--device", default=None, help="torch device (default: cuda if available)")


def run(args: argparse.Namespace, params: Params) -> int:
    """Read the corpora, run retrieval, write predictions."""
    from xstilts.config import retrieval_layer

    r = params.retrieval
    dev: list[RetrievalCorpus] = []
    test: list[RetrievalCorpus] = []
    if BUCC in r.tasks:  # BUCC's dev set sets the mining threshold
        for lang in XTREME_LANGUAGES[BUCC]:
            dev.append(load_corpus(BUCC, "dev", lang, args.raw_root))
            test.append(load_corpus(BUCC, "test", lang, args.raw_root))
    if TATOEBA in r.tasks:  # one published set, listed by the registry as both dev and test
        for split, corpora in (("dev", dev), ("test", test)):
            corpora += [load_corpus(TATOEBA, split, lang, args.raw_root)
                        for lang in XTREME_LANGUAGES[TATOEBA]]
    run_retrieval(
        args.model, dev, test, args.out,
        layer=retrieval_layer(params), pooling=r.pooling,
        sweep_layers="all" if r.layer_sweep else None,
        sweep_root=(args.sweep_out or args.out / "layers") if r.layer_sweep else None,
        max_length=params.prepare.retrieval_max_length, batch_size=r.batch_size,
        block_size=args.block_size, device=args.device, layers_per_pass=r.layers_per_pass,
    )
    return 0
