"""Byte-reproducible archives: zip, tar.gz/.tgz and tar.bz2 with fixed metadata.

Same members in, same bytes out: members are written in sorted order with one fixed
timestamp, owner and mode, and gzip headers carry no file name or time. (Compressed bytes
are fixed for a given zlib/bzip2 build; the checksum manifest is written from them.)
"""

from __future__ import annotations

import bz2
import gzip
import io
import tarfile
import zipfile
from collections.abc import Mapping

# 2020-05-27, the day X-STILTs appeared on arXiv: any fixed date works.
FIXED_TIME = 1590537600
FIXED_ZIP_TIME = (2020, 5, 27, 0, 0, 0)


def zip_bytes(members: Mapping[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # unix, whatever the host
            archive.writestr(info, members[name], compresslevel=6)
    return buffer.getvalue()


def tar_bytes(members: Mapping[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.USTAR_FORMAT) as archive:
        for name in sorted(members):
            data = members[name]
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = FIXED_TIME
            info.mode = 0o644
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def tar_gz_bytes(members: Mapping[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(
        filename="", mode="wb", fileobj=buffer, mtime=FIXED_TIME, compresslevel=6
    ) as stream:
        stream.write(tar_bytes(members))
    return buffer.getvalue()


def tar_bz2_bytes(members: Mapping[str, bytes]) -> bytes:
    return bz2.compress(tar_bytes(members), compresslevel=9)


def archive_bytes(name: str, members: Mapping[str, bytes]) -> bytes:
    """An archive in the format its file name says."""
    if name.endswith(".zip"):
        return zip_bytes(members)
    if name.endswith((".tar.gz", ".tgz")):
        return tar_gz_bytes(members)
    if name.endswith(".tar.bz2"):
        return tar_bz2_bytes(members)
    if name.endswith(".tar"):
        return tar_bytes(members)
    raise ValueError(f"not an archive name: {name}")
