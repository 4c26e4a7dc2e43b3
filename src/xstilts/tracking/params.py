"""Resolved stage parameters as MLflow sees them: flat keys, short string values, one hash."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any

# MLflow rejects a param value longer than this (MAX_PARAM_VAL_LENGTH in mlflow 3). A rejected
# param would fail the whole batch and then every later sync attempt, so long values are cut
# here; the full resolved params always travel as the `params.json` artifact as well.
MAX_PARAM_VALUE_CHARS = 6000

# MLflow allows only these characters in param, metric and tag keys.
_KEY_FORBIDDEN = re.compile(r"[^A-Za-z0-9_\-. /]")


def clean_key(key: str) -> str:
    """`key` with every character MLflow refuses replaced by `_`."""
    return _KEY_FORBIDDEN.sub("_", key) or "_"


def flatten_params(params: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    """Nested params as MLflow params: `{"training": {"lr": 1e-5}}` -> `{"training.lr": "1e-05"}`.

    Lists stay one value (their JSON text): a list of languages is one setting, not N params.
    """
    flat: dict[str, str] = {}
    for key, value in params.items():
        name = clean_key(f"{prefix}{key}")
        if isinstance(value, Mapping):
            flat.update(flatten_params(value, prefix=f"{name}."))
            continue
        text = value if isinstance(value, str) else json.dumps(value, default=str)
        flat[name] = text[:MAX_PARAM_VALUE_CHARS]
    return flat


def canonical_json(params: Mapping[str, Any]) -> str:
    """One text per set of params whatever the key order, so equal params hash equally."""
    return json.dumps(params, sort_keys=True, separators=(",", ":"), default=str)


def params_hash(params: Mapping[str, Any]) -> str:
    """sha256 of the canonical JSON of the resolved params (the `xstilts.params_hash` tag)."""
    return hashlib.sha256(canonical_json(params).encode("utf-8")).hexdigest()
