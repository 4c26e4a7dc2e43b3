"""Small learnable feature datasets per head kind, in the INTERFACES.md columns.

Token ids only (no tokenizer text): ids 0-3 are XLM-R's specials, MARKERS carry the signal,
FILLER is noise. Each rule is learnable by a 2-layer encoder in a few hundred steps.
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

from datasets import Dataset

from xstilts.training.config import TrainConfig

BOS, PAD, EOS = 0, 1, 2
MARKERS = (5, 6, 7)
FILLER = range(10, 40)
NUM_LABELS = 3


def _filler(rng: random.Random, n: int) -> list[int]:
    return [rng.choice(FILLER) for _ in range(n)]


def classification(n: int, seed: int) -> Dataset:
    """label = which marker the sentence contains."""
    rng = random.Random(seed)
    rows = {"input_ids": [], "label": [], "example_index": []}
    for i in range(n):
        label = rng.randrange(NUM_LABELS)
        body = _filler(rng, rng.randint(4, 16))
        body.insert(rng.randrange(len(body) + 1), MARKERS[label])
        rows["input_ids"].append([BOS, *body, EOS])
        rows["label"].append(label)
        rows["example_index"].append(i)
    return Dataset.from_dict(rows)


def multiple_choice(n: int, seed: int, choices: int = 3) -> Dataset:
    """The right choice is the one containing marker 5."""
    rng = random.Random(seed)
    rows = {"input_ids": [], "label": [], "example_index": []}
    for i in range(n):
        label = rng.randrange(choices)
        options = []
        for c in range(choices):
            body = _filler(rng, rng.randint(3, 10))
            if c == label:
                body.insert(rng.randrange(len(body) + 1), MARKERS[0])
            options.append([BOS, *body, EOS])
        rows["input_ids"].append(options)
        rows["label"].append(label)
        rows["example_index"].append(i)
    return Dataset.from_dict(rows)


def span_extraction(n: int, seed: int) -> Dataset:
    """The answer starts at marker 5 and ends at marker 6."""
    rng = random.Random(seed)
    rows = {
        "input_ids": [],
        "start_position": [],
        "end_position": [],
        "offsets": [],
        "example_index": [],
    }
    for i in range(n):
        before, inside, after = (
            _filler(rng, rng.randint(1, 8)),
            _filler(rng, rng.randint(0, 3)),
            _filler(rng, rng.randint(1, 8)),
        )
        ids = [BOS, *before, MARKERS[0], *inside, MARKERS[1], *after, EOS]
        start = 1 + len(before)
        rows["input_ids"].append(ids)
        rows["start_position"].append(start)
        rows["end_position"].append(start + len(inside) + 1)
        rows["offsets"].append([[-1, -1]] * len(ids))
        rows["example_index"].append(i)
    return Dataset.from_dict(rows)


def tagging(n: int, seed: int) -> Dataset:
    """A token's tag is its id mod 3; specials are not labelled."""
    rng = random.Random(seed)
    rows = {"input_ids": [], "labels": [], "word_index": [], "example_index": []}
    for i in range(n):
        body = _filler(rng, rng.randint(4, 16))
        rows["input_ids"].append([BOS, *body, EOS])
        rows["labels"].append([-100, *(t % NUM_LABELS for t in body), -100])
        rows["word_index"].append([-1, *range(len(body)), -1])
        rows["example_index"].append(i)
    return Dataset.from_dict(rows)


def mlm(n: int, seed: int) -> Dataset:
    """Runs of consecutive ids (a, a+1, a+2, ...): a masked id is predictable from its neighbours."""
    rng = random.Random(seed)
    rows = {"input_ids": []}
    for _ in range(n):
        length = rng.randint(6, 16)
        start = rng.randint(FILLER.start, FILLER.stop - length)
        rows["input_ids"].append([BOS, *range(start, start + length), EOS])
    return Dataset.from_dict(rows)


BUILDERS = {
    "classification": classification,
    "multiple_choice": multiple_choice,
    "span_extraction": span_extraction,
    "tagging": tagging,
    "mlm": mlm,
}


def fast_config(**overrides: object) -> TrainConfig:
    """A tiny-model config: high lr, no early stopping, no periodic saves."""
    values: dict = dict(
        lr=2e-3,
        batch_size=16,
        max_steps=60,
        warmup_ratio=0.1,
        eval_every=0,
        save_every=0,
        log_every=10,
        weight_decay=0.01,
        seed=0,
    )
    values.update(overrides)
    return TrainConfig(**values)


def without_dropout(model_dir: Path, out: Path) -> Path:
    """A copy of a model folder with dropout off: dropout masks depend on the batch's shape and
    on the kernel that draws them, so exact comparisons across shapes or backends need none."""
    shutil.copytree(model_dir, out)
    config = json.loads((out / "config.json").read_text())
    config.update(hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0)
    (out / "config.json").write_text(json.dumps(config))
    return out
