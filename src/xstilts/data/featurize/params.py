"""The featurization knobs, and which of them matter for which task kind.

Only the knobs that change a kind's features enter its cache key, so changing the QA doc
stride does not rebuild the XNLI cache.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Defaults follow the authors' jiant replication (PAPER.md): 256 sub-words for classification,
# multiple choice and tagging; 384 with doc stride 128 and queries of 64 for QA (as XTREME).
DEFAULT_MAX_LENGTH = 256
DEFAULT_QA_MAX_LENGTH = 384
DEFAULT_DOC_STRIDE = 128
DEFAULT_MAX_QUERY_LENGTH = 64
DEFAULT_RETRIEVAL_MAX_LENGTH = 512  # XTREME's retrieval scripts (BUCC, Tatoeba)


@dataclass(frozen=True)
class FeatureParams:
    """Lengths in sub-words, special tokens included; fields = the `prepare` params section."""

    max_length: int = DEFAULT_MAX_LENGTH
    qa_max_length: int = DEFAULT_QA_MAX_LENGTH
    doc_stride: int = DEFAULT_DOC_STRIDE
    max_query_length: int = DEFAULT_MAX_QUERY_LENGTH
    retrieval_max_length: int = DEFAULT_RETRIEVAL_MAX_LENGTH

    def __post_init__(self) -> None:
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if not isinstance(value, int) or value < 1:
                raise ValueError(f"prepare.{name} must be a positive integer, got {value!r}")
        # <s> q </s></s> c </s>: four special tokens plus at least one context token.
        if self.max_query_length + 5 > self.qa_max_length:
            raise ValueError(
                f"prepare.max_query_length ({self.max_query_length}) leaves no room for context "
                f"in prepare.qa_max_length ({self.qa_max_length}); lower it below "
                f"{self.qa_max_length - 4}"
            )

    def for_kind(self, kind: str) -> dict[str, Any]:
        """The resolved knobs that shape features of `kind` (stored in meta.json and the key)."""
        if kind == "span_extraction":
            return {
                "max_length": self.qa_max_length,
                "doc_stride": self.doc_stride,
                "max_query_length": self.max_query_length,
            }
        if kind in ("classification", "multiple_choice", "tagging", "mlm"):
            return {"max_length": self.max_length}
        if kind == "retrieval":
            return {"max_length": self.retrieval_max_length}
        raise ValueError(f"unknown task kind {kind!r}")

    @classmethod
    def from_mapping(cls, values: dict[str, Any]) -> FeatureParams:
        """Build from a params section; unknown keys are an error that names them."""
        allowed = set(cls.__dataclass_fields__)
        unknown = sorted(set(values) - allowed)
        if unknown:
            raise ValueError(f"unknown prepare params {unknown}; allowed: {sorted(allowed)}")
        return cls(**values)
