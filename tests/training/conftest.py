"""Shared fixtures for training tests."""

from __future__ import annotations

import pytest

from xstilts.training.collate import TokenIds


@pytest.fixture(scope="session")
def tokens(tiny_model_dir) -> TokenIds:
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_model_dir)
    assert len(tokenizer) > 40  # the synthetic ids must exist (STACK.md tokenizer trap)
    return TokenIds.from_tokenizer(tokenizer)


@pytest.fixture(autouse=True)
def one_torch_thread():
    """Tiny models run ~10x faster on one thread than on two contended shared cores."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)
