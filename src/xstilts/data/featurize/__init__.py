"""Featurization: examples (xstilts.tasks.schema) + the model's fast tokenizer -> feature columns.

One module per task kind; `xstilts.data.prepare` writes the columns to disk with a cache.
"""

from xstilts.data.featurize.classification import featurize_classification
from xstilts.data.featurize.labels import IGNORE_INDEX, UNLABELLED, UnknownLabelError
from xstilts.data.featurize.mlm import featurize_mlm
from xstilts.data.featurize.multiple_choice import featurize_multiple_choice
from xstilts.data.featurize.params import FeatureParams
from xstilts.data.featurize.span import featurize_span, span_text
from xstilts.data.featurize.tagging import featurize_tagging

__all__ = [
    "IGNORE_INDEX",
    "UNLABELLED",
    "FeatureParams",
    "UnknownLabelError",
    "featurize_classification",
    "featurize_mlm",
    "featurize_multiple_choice",
    "featurize_span",
    "featurize_tagging",
    "span_text",
]
