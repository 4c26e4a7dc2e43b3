"""Fixtures for the registry and reader tests: the hand-written official-format samples."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

OFFICIAL = Path(__file__).resolve().parents[1] / "fixtures" / "official"


@pytest.fixture
def raw_root() -> Path:
    """tests/fixtures/official laid out like data/raw/ (read-only: copy before corrupting)."""
    return OFFICIAL


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    """A writable copy of the official samples, for tests that corrupt a file."""
    dest = tmp_path / "raw"
    shutil.copytree(OFFICIAL, dest)
    return dest
