"""The prepared-split cache: key hits skip, key changes rebuild, failures leave nothing behind."""

from __future__ import annotations

import json

import pytest

import xstilts.data.prepare as prepare
from xstilts.data.featurize import FeatureParams, UnknownLabelError
from xstilts.tasks.schema import ClassificationExample

LABELS = ("contradiction", "entailment", "neutral")


def _examples(label: str = "entailment", n: int = 4) -> list[ClassificationExample]:
    return [
        ClassificationExample(f"ex{i}", "the cat sat on a mat", "a dog ran", label)
        for i in range(n)
    ]


def _prepare(tokenizer, out_root, examples, params=None, labels=LABELS):
    return prepare.prepare_split(
        examples,
        task="xnli",
        split="dev",
        lang="en",
        kind="classification",
        tokenizer=tokenizer,
        labels=labels,
        params=params or FeatureParams(max_length=64),
        out_root=out_root,
    )


def _forbid_featurizing(monkeypatch):
    def boom(*args, **kwargs):
        raise AssertionError("featurized although the cache key was unchanged")

    monkeypatch.setattr(prepare, "featurize", boom)


def test_cache_hit_skips_and_key_change_rebuilds(tokenizer, tmp_path, monkeypatch):
    first = _prepare(tokenizer, tmp_path, _examples())
    assert not first.cache_hit and first.path == tmp_path / "xnli" / "dev-en"

    with monkeypatch.context() as m:
        _forbid_featurizing(m)
        again = _prepare(tokenizer, tmp_path, _examples())
        # A knob that does not shape classification features keeps the key.
        other_stride = _prepare(tokenizer, tmp_path, _examples(), FeatureParams(64, doc_stride=7))
    assert again.cache_hit and other_stride.cache_hit

    longer = _prepare(tokenizer, tmp_path, _examples(), FeatureParams(max_length=32))
    assert not longer.cache_hit
    meta = json.loads((longer.path / "meta.json").read_text())
    assert meta["params"] == {"max_length": 32}

    changed_data = _prepare(tokenizer, tmp_path, _examples("neutral"), FeatureParams(32))
    relabelled = _prepare(
        tokenizer,
        tmp_path,
        _examples("neutral"),
        FeatureParams(32),
        labels=("neutral", "entailment", "contradiction"),
    )
    assert not changed_data.cache_hit and not relabelled.cache_hit

    from xstilts.modeling.tiny import build_tokenizer

    other_tokenizer = build_tokenizer(["birds sang songs in the park"] * 50, 40)
    retokenized = _prepare(other_tokenizer, tmp_path, _examples("neutral"), FeatureParams(32))
    assert not retokenized.cache_hit


def _leftovers(root):
    return sorted(p.name for p in (root / "xnli").iterdir() if p.name.startswith("."))


def test_no_partial_cache_after_failure(tokenizer, tmp_path, monkeypatch):
    bad = _examples() + [ClassificationExample("bad7", "a", "b", "contradictory")]
    with pytest.raises(UnknownLabelError):
        _prepare(tokenizer, tmp_path, bad)
    assert not (tmp_path / "xnli" / "dev-en").exists()

    good = _prepare(tokenizer, tmp_path, _examples())
    before = {p.name: p.read_bytes() for p in good.path.iterdir()}

    # A crash half-way through writing a rebuild (disk full, killed worker, ...).
    from datasets import Dataset

    real_save = Dataset.save_to_disk

    def save_then_fail(self, path, *args, **kwargs):
        real_save(self, path, *args, **kwargs)
        raise OSError("disk full")

    monkeypatch.setattr(Dataset, "save_to_disk", save_then_fail)
    with pytest.raises(OSError, match="disk full"):
        _prepare(tokenizer, tmp_path, _examples("neutral"))

    after = {p.name: p.read_bytes() for p in good.path.iterdir()}
    assert after == before, "the previous complete cache must survive a failed rebuild"
    assert _leftovers(tmp_path) == []
