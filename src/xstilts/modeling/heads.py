"""Task heads, one per kind, on top of the shared XLM-R encoder.

Heads are keyed by *head name*, not task name: the registry maps XNLI to the MNLI head and
XQuAD/MLQA to the SQuAD head (jiant's task → head map), so a target model trained on English
MNLI predicts every XNLI language with that one head.

Every head returns a loss *sum* and the number of loss terms (examples, or labelled tokens)
rather than a mean. The loop divides by the count of the whole logical batch, so splitting a
batch into smaller micro-batches (OOM back-off) leaves the gradient unchanged.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import torch
from torch import nn
from torch.nn import functional as F

from xstilts.data.featurize.labels import IGNORE_INDEX

HEAD_KINDS: tuple[str, ...] = (
    "classification",
    "multiple_choice",
    "span_extraction",
    "tagging",
    "mlm",
)


@dataclass(frozen=True)
class HeadSpec:
    """A named head: `num_labels` is the label count for classification and tagging (else 0)."""

    name: str
    kind: str
    num_labels: int = 0

    def __post_init__(self) -> None:
        if self.kind not in HEAD_KINDS:
            raise ValueError(f"head {self.name!r}: kind {self.kind!r} is not one of {HEAD_KINDS}")
        if self.kind in ("classification", "tagging") and self.num_labels < 2:
            raise ValueError(
                f"head {self.name!r} ({self.kind}) needs num_labels >= 2, got {self.num_labels}"
            )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class HeadOutput:
    """`logits`: classification [B, L]; multiple choice [B, C]; span [B, T, 2] (start, end);
    tagging [B, T, L]; mlm [B, T, V] ([N masked, V] when labels are given).
    `loss_sum` / `count` are None without labels."""

    logits: torch.Tensor
    loss_sum: torch.Tensor | None = None
    count: torch.Tensor | None = None

    @property
    def loss(self) -> torch.Tensor | None:
        if self.loss_sum is None or self.count is None:
            return None
        return self.loss_sum / self.count.clamp(min=1)


class _SentenceHead(nn.Module):
    """RoBERTa's classification head on the <s> state (dense → tanh → out); the encoder has no
    pooler, because XLM-R's pretraining never trained one."""

    def __init__(self, hidden: int, out: int, dropout: float) -> None:
        super().__init__()
        self.dropout = nn.Dropout(dropout)
        self.dense = nn.Linear(hidden, hidden)
        self.out_proj = nn.Linear(hidden, out)

    def forward(self, hidden_states: torch.Tensor) -> torch.Tensor:
        x = self.dropout(hidden_states[:, 0])
        x = torch.tanh(self.dense(x))
        return self.out_proj(self.dropout(x))


class ClassificationHead(nn.Module):
    def __init__(self, hidden: int, num_labels: int, dropout: float) -> None:
        super().__init__()
        self.scorer = _SentenceHead(hidden, num_labels, dropout)

    def forward(
        self, hidden_states: torch.Tensor, labels: torch.Tensor | None = None
    ) -> HeadOutput:
        logits = self.scorer(hidden_states)
        if labels is None:
            return HeadOutput(logits)
        return _cross_entropy(logits, labels)


class MultipleChoiceHead(nn.Module):
    """Scores each (context, choice) row; the model reshapes [B*C] scores back to [B, C]."""

    def __init__(self, hidden: int, dropout: float) -> None:
        super().__init__()
        self.scorer = _SentenceHead(hidden, 1, dropout)

    def forward(
        self, hidden_states: torch.Tensor, num_choices: int, labels: torch.Tensor | None = None
    ) -> HeadOutput:
        logits = self.scorer(hidden_states).view(-1, num_choices)
        if labels is None:
            return HeadOutput(logits)
        return _cross_entropy(logits, labels)


class SpanExtractionHead(nn.Module):
    def __init__(self, hidden: int) -> None:
        super().__init__()
        self.qa_outputs = nn.Linear(hidden, 2)

    def forward(
        self,
        hidden_states: torch.Tensor,
        attention_mask: torch.Tensor,
        start_positions: torch.Tensor | None = None,
        end_positions: torch.Tensor | None = None,
    ) -> HeadOutput:
        logits = self.qa_outputs(hidden_states)
        # Padding can never be an answer boundary; a large negative (not -inf) keeps bf16 finite.
        logits = logits.masked_fill(~attention_mask.bool().unsqueeze(-1), -1e4)
        if start_positions is None or end_positions is None:
            return HeadOutput(logits)
        start = F.cross_entropy(logits[..., 0].float(), start_positions, reduction="sum")
        end = F.cross_entropy(logits[..., 1].float(), end_positions, reduction="sum")
        count = torch.tensor(start_positions.numel(), device=logits.device)
        return HeadOutput(logits, (start + end) / 2, count)


class TaggingHead(nn.Module):
    def __init__(self, hidden: int, num_labels: int, dropout: float) -> None:
        super().__init__()
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(hidden, num_labels)

    def forward(
        self, hidden_states: torch.Tensor, labels: torch.Tensor | None = None
    ) -> HeadOutput:
        logits = self.classifier(self.dropout(hidden_states))
        if labels is None:
            return HeadOutput(logits)
        return _cross_entropy(logits.flatten(0, 1), labels.flatten(), keep_logits=logits)


class MLMHead(nn.Module):
    """RoBERTa's LM head with the decoder tied to the input embeddings.

    Tied, not a separate matrix: that is how XLM-R was pretrained, it adds no parameters, and its
    layout (dense, layer_norm, bias) matches `lm_head.*` of XLMRobertaForMaskedLM, so the
    pretrained LM head of a hub folder loads into it (see checkpoint.load_pretrained).
    """

    def __init__(self, hidden: int, vocab_size: int, eps: float) -> None:
        super().__init__()
        self.dense = nn.Linear(hidden, hidden)
        self.layer_norm = nn.LayerNorm(hidden, eps=eps)
        self.bias = nn.Parameter(torch.zeros(vocab_size))

    def forward(
        self,
        hidden_states: torch.Tensor,
        decoder_weight: torch.Tensor,
        labels: torch.Tensor | None = None,
    ) -> HeadOutput:
        # The model passes its word-embedding matrix, so the tie cannot silently break on load.
        if labels is None:
            return HeadOutput(self._decode(hidden_states, decoder_weight))
        # Decode only the masked ~15%: with XLM-R's 250k vocabulary the decoder is the costliest
        # matmul of a co-training step.
        picked = labels != IGNORE_INDEX
        return _cross_entropy(self._decode(hidden_states[picked], decoder_weight), labels[picked])

    def _decode(self, hidden_states: torch.Tensor, decoder_weight: torch.Tensor) -> torch.Tensor:
        x = self.layer_norm(F.gelu(self.dense(hidden_states)))
        return F.linear(x, decoder_weight, self.bias)


def _cross_entropy(
    logits: torch.Tensor, labels: torch.Tensor, keep_logits: torch.Tensor | None = None
) -> HeadOutput:
    # fp32 loss even under bf16 autocast: the sum over many tokens loses precision otherwise.
    loss_sum = F.cross_entropy(logits.float(), labels, ignore_index=IGNORE_INDEX, reduction="sum")
    count = (labels != IGNORE_INDEX).sum()
    return HeadOutput(logits if keep_logits is None else keep_logits, loss_sum, count)


def build_head(spec: HeadSpec, config: Any) -> nn.Module:
    """A freshly initialised head for `spec` on an encoder with HF config `config`."""
    hidden = config.hidden_size
    dropout = config.hidden_dropout_prob
    if spec.kind == "classification":
        head: nn.Module = ClassificationHead(hidden, spec.num_labels, dropout)
    elif spec.kind == "multiple_choice":
        head = MultipleChoiceHead(hidden, dropout)
    elif spec.kind == "span_extraction":
        head = SpanExtractionHead(hidden)
    elif spec.kind == "tagging":
        head = TaggingHead(hidden, spec.num_labels, dropout)
    else:
        head = MLMHead(hidden, config.vocab_size, config.layer_norm_eps)
    _init_like_hf(head, config.initializer_range)
    return head


def _init_like_hf(module: nn.Module, std: float) -> None:
    """BERT initialisation (normal(0, initializer_range), zero bias), as HF does for its heads."""
    for sub in module.modules():
        if isinstance(sub, nn.Linear):
            nn.init.normal_(sub.weight, std=std)
            if sub.bias is not None:
                nn.init.zeros_(sub.bias)
        elif isinstance(sub, nn.LayerNorm):
            nn.init.ones_(sub.weight)
            nn.init.zeros_(sub.bias)
