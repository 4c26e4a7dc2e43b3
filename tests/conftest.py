"""Shared fixtures. Nothing here reaches the network: the hub is forced offline and the
model is a tiny XLM-R built locally from generated text (simulated, not xlm-roberta-large)."""

from __future__ import annotations

import os

# Set before transformers/datasets/mlflow are imported anywhere in the test session.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0")
os.environ.setdefault("MLFLOW_HTTP_REQUEST_TIMEOUT", "5")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

_WORDS = (
    "the cat sat on a mat while dogs ran in the park and birds sang songs "
    "der hund lief im park und die katze schlief le chat dort sur le tapis "
    "a person reads a book near the river because it is quiet today "
).split()


def tiny_corpus(n_lines: int = 400, seed: int = 0) -> list[str]:
    """Deterministic multilingual-looking text, enough for a few hundred unigram pieces."""
    import random

    rng = random.Random(seed)
    return [" ".join(rng.choice(_WORDS) for _ in range(rng.randint(4, 14))) for _ in range(n_lines)]


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny XLM-R encoder + unigram tokenizer saved in HF format (built once per session)."""
    from xstilts.modeling.tiny import TinyModelSpec, build_tiny_model

    out = tmp_path_factory.mktemp("tiny-xlmr")
    spec = TinyModelSpec(vocab_size=300, hidden_size=32, num_layers=2, num_heads=2,
                         intermediate_size=64, max_position=128)
    return build_tiny_model(tiny_corpus(), out, spec)
