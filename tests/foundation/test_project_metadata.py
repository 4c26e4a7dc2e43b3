"""What a reviewer checks first: the licence file matches pyproject's, the citation file names the
artifact's version and the paper, and `xstilts --version` says which version runs."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

from xstilts import __version__

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def test_the_licence_file_is_the_licence_pyproject_declares() -> None:
    assert PROJECT["license"]["text"] == "Apache-2.0"
    text = (ROOT / "LICENSE").read_text()
    assert "Apache License" in text and "Version 2.0, January 2004" in text


def test_the_citation_file_names_this_version_and_the_paper() -> None:
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert cff["version"] == PROJECT["version"] == __version__
    assert cff["license"] == PROJECT["license"]["text"]
    paper = cff["preferred-citation"]
    assert paper["title"].startswith("English Intermediate-Task Training Improves Zero-Shot")
    assert paper["year"] == 2020 and paper["authors"][0]["family-names"] == "Phang"


def test_xstilts_version_prints_the_installed_version() -> None:
    out = subprocess.run([sys.executable, "-m", "xstilts.cli", "--version"], capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == f"xstilts {PROJECT['version']}"
