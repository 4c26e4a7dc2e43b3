"""Small helpers around the model's fast tokenizer shared by every featurizer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from transformers import PreTrainedTokenizerBase

# Tokenizer calls go in chunks: one huge call holds every encoding in memory at once, and
# chunks let the progress bar move.
CHUNK = 1000

Columns = dict[str, list[Any]]


def require_fast(tokenizer: PreTrainedTokenizerBase) -> None:
    """Offsets and word alignment need a Rust-backed tokenizer; fail before any work."""
    if not getattr(tokenizer, "is_fast", False):
        raise TypeError(
            f"prepare needs a fast tokenizer (offset mapping); got {type(tokenizer).__name__}"
        )
    for name in ("cls_token_id", "sep_token_id", "unk_token_id"):
        if getattr(tokenizer, name, None) is None:
            raise ValueError(f"tokenizer has no {name.removesuffix('_id')} token")


def encode_pieces(tokenizer: PreTrainedTokenizerBase, texts: Sequence[str]) -> list[list[int]]:
    """Sub-word ids of each text, without special tokens."""
    if not texts:
        return []
    return tokenizer(list(texts), add_special_tokens=False)["input_ids"]


def pair_special_count(tokenizer: PreTrainedTokenizerBase) -> int:
    return tokenizer.num_special_tokens_to_add(pair=True)


def single_special_count(tokenizer: PreTrainedTokenizerBase) -> int:
    return tokenizer.num_special_tokens_to_add(pair=False)
