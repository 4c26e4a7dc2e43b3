"""Every source whose URL has a public sha256 (docs/reference/DIGESTS.md: the digests Hugging
Face's dataset scripts recorded) is pinned to it, and a mismatch is an error that says which
file, both digests and what to do."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from xstilts.data.fetch import ChecksumError, fetch
from xstilts.tasks.public_digests import PUBLIC_SHA256
from xstilts.tasks.sources import sources

ROOT = Path(__file__).resolve().parents[2]
ROW = re.compile(r"^\| (\S+) \| (https?://\S+) \| ([0-9a-f]{64}) \| (\d+) \|$")


def _digests_md() -> dict[str, tuple[str, str, int]]:
    rows: dict[str, tuple[str, str, int]] = {}
    for line in (ROOT / "docs/reference/DIGESTS.md").read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match:
            script, url, digest, size = match.groups()
            rows.setdefault(url, (script, digest, int(size)))
    return rows


def test_public_digest_table_is_the_reference_file() -> None:
    assert PUBLIC_SHA256 == _digests_md()


def test_every_registry_url_with_a_public_digest_is_pinned_to_it() -> None:
    public = _digests_md()
    pinned = [(s.name, f) for s in sources() for f in s.files if f.url in public]
    assert len(pinned) >= 100
    for source, file in pinned:
        assert file.sha256 == public[file.url][1], (source, file.name)
        assert file.sha256_source, (source, file.name)


@pytest.mark.parametrize("source", ["mnli", "snli", "qqp", "sst2", "squad_v1", "squad_v2",
                                    "hellaswag", "commonsenseqa", "xnli", "xnli_mt", "pawsx",
                                    "mlqa", "xquad", "bucc2018", "tatoeba", "udpos"])
def test_sources_with_public_digests_have_every_file_pinned(source: str) -> None:
    spec = next(s for s in sources() if s.name == source)
    assert all(f.has_recorded_sha256 for f in spec.files)


def test_a_digest_mismatch_names_the_file_both_digests_and_what_to_do(tmp_path: Path) -> None:
    # A mirror without SHA256SUMS: the registry's public digest is what the file must match.
    mirror = tmp_path / "mirror"
    (mirror / "squad_v1").mkdir(parents=True)
    for name in ("train-v1.1.json", "dev-v1.1.json"):
        (mirror / "squad_v1" / name).write_text('{"data": []}\n')
    with pytest.raises(ChecksumError) as err:
        fetch(["squad_v1"], raw_root=tmp_path / "raw", mirror=mirror, log=lambda m: None)
    message = str(err.value)
    expected = PUBLIC_SHA256["https://rajpurkar.github.io/SQuAD-explorer/dataset/"
                             "train-v1.1.json"][1]
    assert "squad_v1/train-v1.1.json" in message and expected in message
    assert "does not match" in message and "update the registry" in message
    assert not (tmp_path / "raw" / "squad_v1").exists()
