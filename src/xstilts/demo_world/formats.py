"""Byte-exact writers for the plain formats the official files use (tsv, jsonl, json)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any


def _clean(field: object) -> str:
    text = str(field)
    # TAB and newline would break the tsv readers (they split on TAB with quoting off).
    if "\t" in text or "\n" in text:
        raise ValueError(f"demo text must not contain TAB or newline: {text!r}")
    return text


def tsv(header: Sequence[str] | None, rows: Iterable[Sequence[object]]) -> bytes:
    lines = ["\t".join(header)] if header is not None else []
    lines += ["\t".join(_clean(f) for f in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def jsonl(objects: Iterable[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objects).encode("utf-8")


def json_bytes(obj: Any) -> bytes:
    return (json.dumps(obj, ensure_ascii=False) + "\n").encode("utf-8")


def text_lines(lines: Iterable[str]) -> bytes:
    return "".join(_clean(line) + "\n" for line in lines).encode("utf-8")


def binary_parse(tokens: Sequence[str]) -> str:
    """A flat stand-in for the Stanford binary parse columns (no reader uses them)."""
    return "( " + " ".join(tokens) + " )"


def parse(tokens: Sequence[str]) -> str:
    return "(ROOT (S " + " ".join(f"(X {t})" for t in tokens) + "))"
