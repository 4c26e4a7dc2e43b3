"""The report's data provenance table: every file read, its public digest (or that it has none)
and the digest fetch received, from the completion markers in data/raw."""

from __future__ import annotations

import json
from pathlib import Path

from xstilts.analysis.provenance import provenance_rows
from xstilts.data.fetch import MARKER, describe_sources


def _marker(raw: Path, source: str, files: dict[str, str], checked: str) -> None:
    (raw / source).mkdir(parents=True)
    (raw / source / MARKER).write_text(json.dumps({"source": source, "files": [
        {"name": n, "sha256": d, "checked_against": checked} for n, d in files.items()]}))


def test_a_fetched_file_shows_its_public_digest_and_what_was_received(tmp_path: Path) -> None:
    [pawsx] = describe_sources(["pawsx"])
    public = pawsx["files"][0]
    _marker(tmp_path, "pawsx", {public["name"]: public["sha256"]}, "the registry")
    [row] = provenance_rows(["pawsx"], tmp_path)
    assert row["public_digest"].startswith("reported by huggingface/datasets")
    assert row["received"] == public["sha256"] and row["matches_public"]


def test_a_source_without_a_public_digest_stays_marked_as_such(tmp_path: Path) -> None:
    _marker(tmp_path, "anli", {"anli_v1.0.zip": "ab" * 32}, "nothing")
    [row] = provenance_rows(["anli"], tmp_path)
    assert row["public_digest"] == "not pinned"
    assert row["checked_against"] == "nothing" and not row["matches_public"]


def test_a_source_not_fetched_yet_is_listed_as_not_fetched(tmp_path: Path) -> None:
    rows = provenance_rows(["xquad"], tmp_path)
    assert len(rows) == len(describe_sources(["xquad"])[0]["files"])
    assert {r["received"] for r in rows} == {"not fetched"}
