"""The on-disk feature cache: a key over everything that shapes the features, and atomic writes.

A prepared folder is built in a hidden temporary sibling and renamed into place only when
complete, so a crash or an error never leaves a folder that looks like a valid cache.
The key lives in `cache_key.json` next to `meta.json`; the key material is stored with it, so
a rebuild can be explained by diffing the two.
"""

from __future__ import annotations

import hashlib
import json
import weakref
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from transformers import PreTrainedTokenizerBase

# Bump when featurization logic changes in a way that changes features for the same inputs.
FEATURIZER_VERSION = 1

KEY_FILE = "cache_key.json"
META_FILE = "meta.json"

_fingerprints: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()


def tokenizer_fingerprint(tokenizer: PreTrainedTokenizerBase) -> str:
    """sha256 of the tokenizer's full serialized state: vocabulary, normalizer, pre-tokenizer,
    post-processor and special tokens.

    Hashing the state rather than a path means a retrained tokenizer saved to the same folder
    (the demo does that) still invalidates the cache.
    """
    try:
        return _fingerprints[tokenizer]
    except (KeyError, TypeError):
        pass
    digest = hashlib.sha256()
    digest.update(type(tokenizer).__name__.encode())
    digest.update(tokenizer.backend_tokenizer.to_str().encode("utf-8"))
    digest.update(json.dumps(sorted(tokenizer.all_special_tokens)).encode("utf-8"))
    fingerprint = digest.hexdigest()
    try:
        _fingerprints[tokenizer] = fingerprint
    except TypeError:
        pass
    return fingerprint


def examples_fingerprint(examples: Iterable[object]) -> str:
    """sha256 of the examples' reprs (frozen dataclasses: every field, in order).

    The raw data is part of the key so regenerated or re-fetched data is never served from a
    stale cache.
    """
    digest = hashlib.sha256()
    for ex in examples:
        digest.update(repr(ex).encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def cache_key_material(
    *,
    tokenizer_sha256: str,
    task: str,
    spec_version: int | str,
    kind: str,
    split: str,
    lang: str,
    labels: Sequence[str] | None,
    params: Mapping[str, Any],
    examples_sha256: str,
) -> dict[str, Any]:
    """Everything that shapes a prepared split; equal material means equal features."""
    return {
        "featurizer_version": FEATURIZER_VERSION,
        "tokenizer_sha256": tokenizer_sha256,
        "task": task,
        "spec_version": spec_version,
        "kind": kind,
        "split": split,
        "lang": lang,
        "labels": list(labels) if labels is not None else None,
        "params": dict(sorted(params.items())),
        "examples_sha256": examples_sha256,
    }


def cache_key(material: Mapping[str, Any]) -> str:
    return hashlib.sha256(json.dumps(material, sort_keys=True).encode("utf-8")).hexdigest()


def stored_key(folder: Path) -> str | None:
    """The key of a complete prepared folder, None when there is none."""
    key_file, meta_file = folder / KEY_FILE, folder / META_FILE
    if not (key_file.is_file() and meta_file.is_file()):
        return None
    try:
        return json.loads(key_file.read_text(encoding="utf-8"))["key"]
    except (ValueError, KeyError, TypeError):
        return None


def write_key(folder: Path, key: str, material: Mapping[str, Any]) -> None:
    text = json.dumps({"key": key, "material": material}, indent=2, sort_keys=True)
    (folder / KEY_FILE).write_text(text + "\n", encoding="utf-8")
