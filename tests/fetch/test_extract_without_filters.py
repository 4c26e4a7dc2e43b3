"""Pythons before 3.11.4 (Debian 12's 3.11.2, the container test's local base) have no tar
extraction filters (PEP 706): fetch still extracts and still refuses what the filter would."""

from __future__ import annotations

import io
import tarfile

import pytest

from xstilts.data.fetch import FetchError, extract_archive


def _tar(path, *members: tuple[tarfile.TarInfo, bytes]) -> None:
    with tarfile.open(path, "w:gz") as tf:
        for info, data in members:
            tf.addfile(info, io.BytesIO(data) if data else None)


def _file(name: str, data: bytes) -> tuple[tarfile.TarInfo, bytes]:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    return info, data


def test_without_extraction_filters_a_plain_tar_extracts(tmp_path, monkeypatch):
    monkeypatch.delattr(tarfile, "data_filter")
    archive = tmp_path / "a.tar.gz"
    _tar(archive, _file("xnli/test.tsv", b"premise\thypothesis\n"))
    extract_archive(archive, tmp_path / "out")
    assert (tmp_path / "out/xnli/test.tsv").read_bytes() == b"premise\thypothesis\n"


def test_without_extraction_filters_a_device_file_is_refused(tmp_path, monkeypatch):
    monkeypatch.delattr(tarfile, "data_filter")
    device = tarfile.TarInfo("dev/console")
    device.type = tarfile.CHRTYPE
    archive = tmp_path / "a.tar.gz"
    _tar(archive, _file("ok.txt", b"ok"), (device, b""))
    with pytest.raises(FetchError, match="device file or FIFO"):
        extract_archive(archive, tmp_path / "out")
    assert not (tmp_path / "out/ok.txt").exists()
