"""`xstilts texts`: the texts that stand for each task's domain, for the similarity analysis.

Writes `data/texts/<task>/<lang>.txt` (one example's input text per line): English training
text of every intermediate task, and the dev text of every target task in each of its
languages (retrieval tasks: both sides). Read from the raw data, before any training. At most
`report.max_texts` per task and language, sampled with `base.seed`: the texts serve the report's
similarity study.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from xstilts.config import Params
from xstilts.layout import RAW, TEXTS
from xstilts.stages.common import add_params_argument


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_params_argument(parser)


def run(args: argparse.Namespace, params: Params) -> int:
    written = write_all(params, Path("."))
    print(f"texts: wrote {written} files under {TEXTS}")
    return 0


def write_all(params: Params, root: Path) -> int:
    from xstilts.analysis.texts import example_text, write_texts
    from xstilts.tasks.readers import read_corpus, read_examples
    from xstilts.tasks.registry import get_task

    rng = random.Random(params.base.seed)
    max_texts = params.report.max_texts
    out = root / TEXTS
    count = 0

    def sample(texts: list[str]) -> list[str]:
        return texts if len(texts) <= max_texts else rng.sample(texts, max_texts)

    for task in params.intermediate.tasks:
        spec = get_task(task)
        texts = [example_text(e) for e in read_examples(spec.name, "train", "en", root / RAW)]
        write_texts(out, task, "en", sample(texts))
        count += 1
    for task in [*params.target.tasks, *params.retrieval.tasks]:
        spec = get_task(task)
        english: list[str] = []
        for entry in spec.entries:
            if "dev" not in entry.splits:
                continue
            if spec.kind == "retrieval":
                corpus = read_corpus(task, "dev", entry.lang, root / RAW)
                texts = [s for _, s in corpus.source]
                english.extend(s for _, s in corpus.english)
            else:
                texts = [example_text(e) for e in read_examples(task, "dev", entry.lang,
                                                               root / RAW)]
            write_texts(out, task, entry.lang, sample(texts))
            count += 1
        if english:
            write_texts(out, task, "en", sample(english))
            count += 1
    return count
