"""`fetch --from DIR`: the same code path fed from a folder laid out like the official downloads."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from xstilts.data.fetch import (
    MARKER,
    ChecksumError,
    FetchError,
    ManualSourceError,
    fetch,
    is_complete,
)
from xstilts.tasks import get_source, read_examples
from xstilts.tasks.sources import RemoteFile, SourceSpec

from .conftest import OFFICIAL, files_under, sha256, tar_folder, write_manifest, zip_folder


def _quiet(message: str) -> None:
    pass


def build_mirror(mirror: Path) -> Path:
    """Official download names holding the fixture files: zip, tar.gz, tgz, nested, plain."""
    def put(source: str, name: str, data: bytes) -> None:
        (mirror / source).mkdir(parents=True, exist_ok=True)
        (mirror / source / name).write_bytes(data)

    for name in ("train-v1.1.json", "dev-v1.1.json"):
        put("squad_v1", name, (OFFICIAL / "squad_v1" / name).read_bytes())
    root = OFFICIAL / "xnli"
    put("xnli", "XNLI-1.0.zip", zip_folder(root, files_under(root, "XNLI-1.0")))
    root = OFFICIAL / "pawsx"
    put("pawsx", "x-final.tar.gz", tar_folder(root, files_under(root, "x-final")))
    root = OFFICIAL / "udpos"
    put("udpos", "ud-treebanks-v2.5.tgz", tar_folder(root, files_under(root, "ud-treebanks-v2.5")))
    # PAN-X: a zip of panx_dataset/<lang>.tar.gz, each holding train, dev, test
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for lang in ("en", "de"):
            folder = OFFICIAL / "panx" / "panx_dataset" / lang
            zf.writestr(f"panx_dataset/{lang}.tar.gz",
                        tar_folder(folder, ["train", "dev", "test"]))
    put("panx", "AmazonPhotos.zip", buf.getvalue())
    root = OFFICIAL / "ccg"
    put("ccg", "LDC2005T13.tgz", tar_folder(root, files_under(root, "ccgbank_1_1")))
    write_manifest(mirror)
    return mirror


SOURCES = ["squad_v1", "xnli", "pawsx", "udpos", "panx", "ccg"]
READS = [("squad_v1", "train", "en"), ("xnli", "dev", "de"), ("pawsx", "dev", "en"),
         ("udpos", "test", "de"), ("udpos", "train", "en"), ("panx", "train", "en"),
         ("panx", "test", "de"), ("ccg", "dev", "en")]


def test_from_mirror_gives_the_examples_of_the_official_layout(tmp_path):
    mirror = build_mirror(tmp_path / "mirror")
    raw = tmp_path / "raw"
    results = fetch(SOURCES, raw_root=raw, manual_root=tmp_path / "manual", mirror=mirror,
                    log=_quiet)
    assert [r.status for r in results] == ["fetched"] * len(SOURCES)
    for task, split, lang in READS:
        assert read_examples(task, split, lang, raw) == \
            read_examples(task, split, lang, OFFICIAL), (task, split, lang)
    # archives are unpacked keeping official names; nested PAN-X archives unpacked in place
    assert (raw / "xnli" / "XNLI-1.0" / "xnli.dev.tsv").is_file()
    assert (raw / "panx" / "panx_dataset" / "en" / "train").is_file()
    assert not (raw / "panx" / "panx_dataset" / "en.tar.gz").exists()
    assert not (raw / ".downloads").exists()
    assert all(is_complete(get_source(s), raw) for s in SOURCES)


def test_mirror_checksums_are_checked_against_its_manifest(tmp_path):
    mirror = build_mirror(tmp_path / "mirror")
    (mirror / "squad_v1" / "dev-v1.1.json").write_bytes(b'{"data": []}')  # after the manifest
    raw = tmp_path / "raw"
    with pytest.raises(ChecksumError, match="SHA256SUMS") as err:
        fetch(["squad_v1"], raw_root=raw, mirror=mirror, log=_quiet)
    assert "squad_v1/dev-v1.1.json" in str(err.value)
    assert not (raw / "squad_v1").exists()


def test_mirror_manifest_must_cover_every_file(tmp_path):
    mirror = build_mirror(tmp_path / "mirror")
    manifest = mirror / "SHA256SUMS"
    manifest.write_text("".join(line + "\n" for line in manifest.read_text().splitlines()
                                if "dev-v1.1.json" not in line))
    with pytest.raises(FetchError, match="no line for squad_v1/dev-v1.1.json"):
        fetch(["squad_v1"], raw_root=tmp_path / "raw", mirror=mirror, log=_quiet)


def test_malformed_manifest_line_is_named(tmp_path):
    mirror = build_mirror(tmp_path / "mirror")
    (mirror / "SHA256SUMS").write_text("not-a-digest  squad_v1/dev-v1.1.json\n")
    with pytest.raises(FetchError, match=r"SHA256SUMS, line 1"):
        fetch(["squad_v1"], raw_root=tmp_path / "raw", mirror=mirror, log=_quiet)


def test_pinned_digest_wins_over_the_mirror_manifest(tmp_path):
    mirror = tmp_path / "mirror"
    (mirror / "pinned").mkdir(parents=True)
    (mirror / "pinned" / "a.txt").write_bytes(b"tampered\n")
    write_manifest(mirror)  # vouches for the tampered bytes
    spec = SourceSpec(name="pinned", description="", homepage="", licence="", revision="",
                      files=(RemoteFile(name="a.txt", url="https://example.invalid/a.txt",
                                        sha256=sha256(b"original\n"), sha256_verified=True),),
                      layout=("a.txt",))
    with pytest.raises(ChecksumError, match="registry \\(verified\\)"):
        fetch([spec], raw_root=tmp_path / "raw", mirror=mirror, log=_quiet)


def test_mirror_without_manifest_falls_back_to_reported_digests(tmp_path):
    mirror = tmp_path / "mirror"
    (mirror / "cosmosqa").mkdir(parents=True)
    (mirror / "cosmosqa" / "cosmosqa-data.zip").write_bytes(
        zip_folder(OFFICIAL / "cosmosqa", files_under(OFFICIAL / "cosmosqa", ".")))
    with pytest.raises(ChecksumError, match="reported by allenai/rainbow"):
        fetch(["cosmosqa"], raw_root=tmp_path / "raw", mirror=mirror, log=_quiet)


def test_mirror_missing_file_names_the_expected_path(tmp_path):
    mirror = build_mirror(tmp_path / "mirror")
    (mirror / "squad_v1" / "train-v1.1.json").unlink()
    with pytest.raises(FetchError, match=r"lacks squad_v1/train-v1.1.json"):
        fetch(["squad_v1"], raw_root=tmp_path / "raw", mirror=mirror, log=_quiet)


def test_manual_ccg_message_says_which_file_to_put_where(tmp_path):
    with pytest.raises(ManualSourceError) as err:
        fetch(["ccg"], raw_root=tmp_path / "raw", manual_root=tmp_path / "data/manual",
              log=_quiet)
    message = str(err.value)
    assert str(tmp_path / "data/manual/ccg/LDC2005T13.tgz") + " is missing" in message
    assert "data/manual/ccg/LDC2005T13.tgz" in message and "LDC2005T13" in message
    assert "ccgbank_1_1/data/AUTO" in message and "data.dvc" in message
    assert not (tmp_path / "raw" / "ccg").exists()


def test_manual_source_is_taken_from_data_manual(tmp_path):
    manual = tmp_path / "manual"
    (manual / "ccg").mkdir(parents=True)
    root = OFFICIAL / "ccg"
    (manual / "ccg" / "LDC2005T13.tgz").write_bytes(
        tar_folder(root, files_under(root, "ccgbank_1_1")))
    raw = tmp_path / "raw"
    [result] = fetch(["ccg"], raw_root=raw, manual_root=manual, log=_quiet)
    assert result.status == "fetched" and (raw / "ccg" / MARKER).is_file()
    assert read_examples("ccg", "test", "en", raw) == read_examples("ccg", "test", "en", OFFICIAL)


def test_archive_member_outside_the_destination_is_refused(tmp_path):
    mirror = tmp_path / "mirror"
    (mirror / "xnli").mkdir(parents=True)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("../../escaped.txt", "x")
    (mirror / "xnli" / "XNLI-1.0.zip").write_bytes(buf.getvalue())
    write_manifest(mirror)
    with pytest.raises(FetchError, match="outside the destination"):
        fetch(["xnli"], raw_root=tmp_path / "raw", mirror=mirror, log=_quiet)
    assert not (tmp_path / "escaped.txt").exists()


def test_truncated_archive_is_an_error(tmp_path):
    mirror = build_mirror(tmp_path / "mirror")
    archive = mirror / "pawsx" / "x-final.tar.gz"
    archive.write_bytes(archive.read_bytes()[:100])
    write_manifest(mirror)
    with pytest.raises(FetchError, match="cannot extract"):
        fetch(["pawsx"], raw_root=tmp_path / "raw", mirror=mirror, log=_quiet)
    assert not (tmp_path / "raw" / "pawsx").exists()


def test_manual_file_outside_the_mirror_is_not_judged_by_its_manifest(tmp_path):
    """A mirror of the public sources plus CCGbank placed by hand in data/manual/."""
    mirror = build_mirror(tmp_path / "mirror")
    manual = tmp_path / "manual"
    (manual / "ccg").mkdir(parents=True)
    (mirror / "ccg" / "LDC2005T13.tgz").rename(manual / "ccg" / "LDC2005T13.tgz")
    write_manifest(mirror)
    [result] = fetch(["ccg"], raw_root=tmp_path / "raw", manual_root=manual, mirror=mirror,
                     log=_quiet)
    assert result.status == "fetched"


# ---- extraction limits and permissions (a 200 KB archive must not unpack to 200 MB)

def _zip_of(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _mirror_with(tmp_path: Path, source: str, name: str, data: bytes) -> Path:
    mirror = tmp_path / "mirror"
    (mirror / source).mkdir(parents=True)
    (mirror / source / name).write_bytes(data)
    write_manifest(mirror)
    return mirror


def test_an_archive_unpacking_beyond_the_size_limit_is_refused_before_writing(tmp_path):
    from xstilts.data.fetch import ExtractLimits

    bomb = _zip_of({"XNLI-1.0/xnli.dev.tsv": b"0" * 2_000_000})  # ~2 KB compressed
    mirror = _mirror_with(tmp_path, "xnli", "XNLI-1.0.zip", bomb)
    with pytest.raises(FetchError, match=r"refused, it would unpack to .* GiB.*max_unpacked_gib"):
        fetch(["xnli"], raw_root=tmp_path / "raw", mirror=mirror, log=_quiet,
              limits=ExtractLimits(max_bytes=1_000_000))
    assert not list((tmp_path / "raw").glob("**/xnli.dev.tsv"))


def test_an_archive_with_too_many_members_is_refused(tmp_path):
    from xstilts.data.fetch import ExtractLimits

    many = _zip_of({f"XNLI-1.0/f{i}.txt": b"x" for i in range(50)})
    mirror = _mirror_with(tmp_path, "xnli", "XNLI-1.0.zip", many)
    with pytest.raises(FetchError, match=r"50 members exceed the limit of 10 .*max_members"):
        fetch(["xnli"], raw_root=tmp_path / "raw", mirror=mirror, log=_quiet,
              limits=ExtractLimits(max_members=10))


def test_a_tar_traversal_is_refused_as_traversal_not_as_a_truncated_archive(tmp_path):
    import tarfile

    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tf:
        info = tarfile.TarInfo("../escaped.txt")
        info.size = 1
        tf.addfile(info, io.BytesIO(b"x"))
    mirror = _mirror_with(tmp_path, "pawsx", "x-final.tar.gz", buf.getvalue())
    with pytest.raises(FetchError, match="path traversal") as err:
        fetch(["pawsx"], raw_root=tmp_path / "raw", mirror=mirror, log=_quiet)
    assert "truncated" not in str(err.value)
    assert not (tmp_path / "raw" / "escaped.txt").exists()


def test_a_tar_symlink_leaving_the_destination_is_refused(tmp_path):
    import tarfile

    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tf:
        info = tarfile.TarInfo("x-final/en/train.tsv")
        info.type, info.linkname = tarfile.SYMTYPE, "../../../../etc/passwd"
        tf.addfile(info)
    mirror = _mirror_with(tmp_path, "pawsx", "x-final.tar.gz", buf.getvalue())
    with pytest.raises(FetchError, match="links outside the destination"):
        fetch(["pawsx"], raw_root=tmp_path / "raw", mirror=mirror, log=_quiet)


def test_extracted_files_are_0644_and_folders_0755(tmp_path):
    import stat
    import tarfile

    root = OFFICIAL / "pawsx"
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tf:
        for rel in files_under(root, "x-final"):
            info = tf.gettarinfo(str(root / rel), arcname=rel)
            info.mode = 0o600  # as some archives ship them
            with (root / rel).open("rb") as f:
                tf.addfile(info, f)
    mirror = _mirror_with(tmp_path, "pawsx", "x-final.tar.gz", buf.getvalue())
    fetch(["pawsx"], raw_root=tmp_path / "raw", mirror=mirror, log=_quiet)
    final = tmp_path / "raw" / "pawsx"
    assert stat.S_IMODE(final.stat().st_mode) == 0o755
    for path in final.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o755 if path.is_dir() else 0o644), (path, oct(mode))


def test_staging_folders_left_by_a_killed_fetch_are_removed(tmp_path):
    mirror = build_mirror(tmp_path / "mirror")
    raw = tmp_path / "raw"
    (raw / ".staging-pawsx-abc123" / "x-final").mkdir(parents=True)
    messages: list[str] = []
    fetch(["pawsx"], raw_root=raw, mirror=mirror, log=messages.append)
    assert not list(raw.glob(".staging-*"))
    assert any("interrupted fetch" in m for m in messages)


# ---- PAN-X: XTREME's share link is dead; the same splits are accepted in two other packings

def _panx_lang_archive(lang: str) -> bytes:
    folder = OFFICIAL / "panx" / "panx_dataset" / ("de" if lang == "de" else "en")
    return tar_folder(folder, ["train", "dev", "test"])


def test_panx_from_per_language_archives_in_data_manual(tmp_path):
    from xstilts.tasks.languages import XTREME_LANGUAGES

    manual = tmp_path / "manual"
    (manual / "panx").mkdir(parents=True)
    for lang in XTREME_LANGUAGES["panx"]:
        (manual / "panx" / f"{lang}.tar.gz").write_bytes(_panx_lang_archive(lang))
    raw = tmp_path / "raw"
    [result] = fetch(["panx"], raw_root=raw, manual_root=manual, log=_quiet)
    assert result.status == "fetched"
    assert read_examples("panx", "train", "en", raw) == read_examples("panx", "train", "en",
                                                                     OFFICIAL)


def test_panx_from_the_hugging_face_zip_in_a_mirror(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:  # <lang>.tar.gz at the zip's root
        for lang in ("en", "de"):
            zf.writestr(f"{lang}.tar.gz", _panx_lang_archive(lang))
    mirror = tmp_path / "mirror"
    (mirror / "panx").mkdir(parents=True)
    (mirror / "panx" / "panx_dataset.zip").write_bytes(buf.getvalue())
    write_manifest(mirror)
    raw = tmp_path / "raw"
    fetch(["panx"], raw_root=raw, mirror=mirror, manual_root=tmp_path / "none", log=_quiet)
    assert read_examples("panx", "test", "de", raw) == read_examples("panx", "test", "de",
                                                                    OFFICIAL)


def test_missing_panx_names_every_accepted_file(tmp_path):
    from xstilts.data.fetch import choose_files

    # Without network the downloadable alternative is what fetch would try; the message a
    # user sees when nothing is at hand and no set can be downloaded names all three.
    spec = get_source("panx")
    assert choose_files(spec, None, tmp_path)[0].name == "panx_dataset.zip"
    offline = type(spec)(**{**spec.__dict__, "alternatives": (spec.alternatives[1],)})
    with pytest.raises(ManualSourceError) as err:
        choose_files(offline, None, tmp_path)
    message = str(err.value)
    for name in ("AmazonPhotos.zip", "panx_dataset.zip", "<lang>.tar.gz", "issue 101"):
        assert name in message
