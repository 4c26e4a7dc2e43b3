"""Fixtures for the data tests: the tiny model's fast tokenizer (built once per session)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def tokenizer(tiny_model_dir: Path):
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(tiny_model_dir)
    assert len(tok) > 5, "vocabulary ignored (transformers 5 trap, STACK.md)"
    assert tok.is_fast
    return tok
