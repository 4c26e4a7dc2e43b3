"""`xstilts pretrain`: phase 1, the pretrained MLM every later stage starts from.

Paper profile: XLM-R Large from the hub at `base.revision`, saved to models/pretrained with the
resolved commit recorded (so DVC versions the download). Demo profile (simulated): a tiny
XLM-R-shaped model with a unigram tokenizer built from the demo corpus, then a short MLM
pretraining on that multilingual corpus so zero-shot transfer between demo languages can happen.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from xstilts.config import MLM_CORPUS_TASK as CORPUS_TASK
from xstilts.config import Params
from xstilts.stages.common import add_params_argument, load_or_report
from xstilts.stages.layout import PRETRAINED, RAW

SOURCE_FILE = "xstilts-source.json"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_params_argument(parser)


def run(args: argparse.Namespace) -> int:
    params = load_or_report(args.params)
    if params is None:
        return 2
    from xstilts.stages.tracked import current_tracker

    tracker = current_tracker()
    try:
        if params.pretrain.enabled:
            pretrain_tiny(params, Path("."), tracker.log_step)
        else:
            snapshot_hub_model(params, Path("."))
    except (FileNotFoundError, OSError) as err:
        print(f"pretrain: {err}", file=sys.stderr)
        return 2
    tracker.log_artifact(PRETRAINED / SOURCE_FILE)
    return 0


def snapshot_hub_model(params: Params, root: Path) -> Path:
    from transformers import AutoModelForMaskedLM, AutoTokenizer

    name, revision = params.base.model, params.base.revision
    model = AutoModelForMaskedLM.from_pretrained(name, revision=revision)
    tokenizer = AutoTokenizer.from_pretrained(name, revision=revision)
    out = root / PRETRAINED
    model.save_pretrained(out, safe_serialization=True)
    tokenizer.save_pretrained(out)
    commit = getattr(model.config, "_commit_hash", None)
    _record(out, {"model": name, "revision": revision, "resolved_commit": commit})
    return out


def corpus_lines(root: Path) -> list[str]:
    """Every line of the multilingual MLM corpus, all languages (demo pretraining)."""
    from xstilts.tasks.readers import read_examples
    from xstilts.tasks.registry import get_task

    spec = get_task(CORPUS_TASK)
    lines: list[str] = []
    for entry in spec.entries:
        if "train" in entry.splits:
            lines.extend(str(t) for t in read_examples(CORPUS_TASK, "train", entry.lang,
                                                       root / RAW))
    return lines


def pretrain_tiny(params: Params, root: Path, log_step: object = None) -> Path:
    from transformers import AutoTokenizer

    from xstilts.modeling.tiny import build_tiny_model
    from xstilts.stages.build_tiny import tiny_spec
    from xstilts.stages.state import training_state
    from xstilts.stages.train_config import pretrain_config
    from xstilts.training.pretrain import corpus_features, pretrain_mlm

    lines = corpus_lines(root)
    spec = tiny_spec(params)
    config = pretrain_config(params)
    identity = {"spec": spec.__dict__, "config": config.to_dict(), "lines": len(lines)}
    out = root / PRETRAINED
    with training_state("pretrain", identity, root) as work:
        initial = work / "initial"
        if not (initial / "config.json").is_file():
            shutil.rmtree(initial, ignore_errors=True)
            build_tiny_model(lines, initial, spec)
        tokenizer = AutoTokenizer.from_pretrained(initial)
        features = corpus_features(lines, tokenizer, params.pretrain.max_length)
        result = pretrain_mlm(initial, features, out, config, run_dir=work / "run",
                              metrics_callback=log_step)
    _record(out, {"model": "tiny-xlmr (simulated, built locally)", "spec": spec.__dict__,
                  "corpus_lines": len(lines), "train": result.metrics()})
    return out


def _record(out: Path, info: dict[str, object]) -> None:
    (out / SOURCE_FILE).write_text(json.dumps(info, indent=2, default=str) + "\n")
