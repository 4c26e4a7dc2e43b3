"""One XLM-R encoder shared by named task heads: the model of every phase of the paper."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import torch
from torch import nn

from xstilts.modeling.heads import HeadOutput, HeadSpec, build_head


class XstiltsModel(nn.Module):
    """`encoder` is an HF `XLMRobertaModel` without pooler; `heads` maps head name → module.

    `forward(head, input_ids, attention_mask, **labels)` runs the encoder once and the named
    head. Multiple choice takes `input_ids` of shape [B, C, T] and encodes all B*C rows in one
    pass (jiant looped over choices in Python).
    """

    def __init__(self, encoder: nn.Module, heads: Sequence[HeadSpec], seed: int = 0) -> None:
        super().__init__()
        self.encoder = encoder
        self.specs: dict[str, HeadSpec] = {}
        self.heads = nn.ModuleDict()
        self.add_heads(heads, seed)

    def add_heads(self, specs: Iterable[HeadSpec], seed: int = 0) -> None:
        """Add freshly initialised heads; the init is seeded and leaves the global RNG untouched."""
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(seed)
            for spec in specs:
                if spec.name in self.specs:
                    if self.specs[spec.name] != spec:
                        raise ValueError(
                            f"head {spec.name!r} is declared twice with different specs: "
                            f"{self.specs[spec.name]} vs {spec}"
                        )
                    continue
                self.specs[spec.name] = spec
                self.heads[spec.name] = build_head(spec, self.encoder.config)
        self.heads.to(next(self.encoder.parameters()).device)

    @property
    def config(self) -> object:
        return self.encoder.config

    def forward(
        self,
        head: str,
        input_ids: torch.Tensor,
        attention_mask: torch.Tensor,
        **labels: torch.Tensor,
    ) -> HeadOutput:
        if head not in self.heads:
            raise KeyError(f"model has no head {head!r}; heads: {sorted(self.heads)}")
        kind = self.specs[head].kind
        module = self.heads[head]
        if kind == "multiple_choice":
            batch, choices, length = input_ids.shape
            hidden = self.encode(input_ids.view(-1, length), attention_mask.view(-1, length))
            return module(hidden, choices, labels.get("labels"))
        hidden = self.encode(input_ids, attention_mask)
        if kind == "span_extraction":
            return module(
                hidden, attention_mask, labels.get("start_positions"), labels.get("end_positions")
            )
        if kind == "mlm":
            weight = self.encoder.embeddings.word_embeddings.weight
            return module(hidden, weight, labels.get("labels"))
        return module(hidden, labels.get("labels"))

    def freeze_word_embeddings(self) -> None:
        """Leave the word-embedding matrix as it is (no gradient, not in the optimizer). The MLM
        head decodes with the same matrix, so its decoder stays fixed too."""
        self.encoder.embeddings.word_embeddings.weight.requires_grad_(False)

    def encode(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """Last hidden state [B, T, H]."""
        return self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
