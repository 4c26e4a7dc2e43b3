"""The report's data provenance table: for each file the profile read, what the registry pins
(a public digest and who recorded it, or nothing) and what `fetch` actually received and checked
(`data/raw/<source>/.complete.json`). A source without a public digest stays visible as such.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def provenance_rows(sources: list[str], raw_root: Path) -> list[dict[str, Any]]:
    """One row per (source, file) of the registry's chosen file set, or of the set fetched."""
    from xstilts.data.fetch import MARKER, describe_sources

    rows: list[dict[str, Any]] = []
    for source in describe_sources(sources):
        fetched = _fetched(raw_root / source["source"] / MARKER)
        pinned = {f["name"]: f for files in ([source["files"]] + (source["alternatives"] or []))
                  for f in files}
        names = list(fetched) or [f["name"] for f in source["files"]]
        for name in names:
            spec = pinned.get(name, {})
            got = fetched.get(name, {})
            expected = spec.get("sha256") or ""
            rows.append({
                "source": source["source"], "file": name,
                "public_digest": spec.get("sha256_status", "not in the registry"),
                "received": got.get("sha256", "not fetched"),
                "checked_against": got.get("checked_against", "–"),
                "matches_public": bool(got) and "NOT" not in expected and expected != ""
                and got.get("sha256") == expected,
            })
    return rows


def _fetched(marker: Path) -> dict[str, dict[str, str]]:
    try:
        record = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {f["name"]: f for f in record.get("files", []) if isinstance(f, dict) and "name" in f}
