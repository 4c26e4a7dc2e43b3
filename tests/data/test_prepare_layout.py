"""What `prepare` writes follows docs/INTERFACES.md: a datasets folder + meta.json per split."""

from __future__ import annotations

import json

from xstilts.data.featurize import FeatureParams
from xstilts.data.prepare import prepare_split
from xstilts.tasks.schema import (
    Answer,
    ClassificationExample,
    MultipleChoiceExample,
    SpanExample,
    TaggingExample,
)

CASES = {
    "classification": (
        [ClassificationExample("c0", "the cat", "a dog", "1")],
        ("0", "1"),
        ["input_ids", "label", "example_index"],
    ),
    "multiple_choice": (
        [MultipleChoiceExample("m0", "the cat", "where", ("park", "mat"), 1)],
        None,
        ["input_ids", "label", "example_index"],
    ),
    "span_extraction": (
        [SpanExample("s0", "who", "Anna sat", (Answer("Anna", 0),))],
        None,
        ["input_ids", "start_position", "end_position", "offsets", "example_index"],
    ),
    "tagging": (
        [TaggingExample("t0", ("Anna", "sat"), ("B-PER", "O"))],
        ("O", "B-PER"),
        ["input_ids", "labels", "word_index", "example_index"],
    ),
}


def test_prepared_split_has_interface_columns_and_meta(tokenizer, tmp_path):
    from datasets import load_from_disk

    for kind, (examples, labels, columns) in CASES.items():
        result = prepare_split(
            examples,
            task=f"t-{kind}",
            split="dev",
            lang="de",
            kind=kind,
            tokenizer=tokenizer,
            labels=labels,
            params=FeatureParams(),
            out_root=tmp_path,
        )
        dataset = load_from_disk(str(result.path))
        assert dataset.column_names == columns, kind
        meta = json.loads((result.path / "meta.json").read_text())
        assert set(meta) == {
            "task",
            "split",
            "lang",
            "kind",
            "tokenizer",
            "num_examples",
            "num_features",
            "params",
        }
        assert (meta["task"], meta["split"], meta["lang"], meta["kind"]) == (
            f"t-{kind}",
            "dev",
            "de",
            kind,
        )
        assert meta["num_examples"] == 1 and meta["num_features"] == len(dataset)
