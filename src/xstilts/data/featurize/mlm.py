"""Plain text for masked-LM (continued multilingual MLM ablation, demo pretraining).

Masking happens at collate time, so a feature is just `<s> ids </s>`. A line longer than
the window is cut into consecutive windows rather than truncated, so no text is lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from xstilts.data.featurize.progress import progress_chunks
from xstilts.data.featurize.tokens import CHUNK, Columns, encode_pieces, require_fast

if TYPE_CHECKING:
    from transformers import PreTrainedTokenizerBase


def featurize_mlm(
    texts: Sequence[object], tokenizer: PreTrainedTokenizerBase, max_length: int
) -> Columns:
    """One feature per window of each non-empty line (`str()` of each item: plain strings, or
    whatever text records a corpus reader returns)."""
    require_fast(tokenizer)
    room = max_length - 2
    if room < 1:
        raise ValueError(f"max_length {max_length} leaves no room for text")
    lines = [t for t in (str(t).strip() for t in texts) if t]
    input_ids: list[list[int]] = []
    for batch in progress_chunks(lines, CHUNK, "mlm"):
        for ids in encode_pieces(tokenizer, batch):
            for start in range(0, len(ids), room):
                input_ids.append(
                    [tokenizer.cls_token_id, *ids[start : start + room], tokenizer.sep_token_id]
                )
    return {"input_ids": input_ids}
