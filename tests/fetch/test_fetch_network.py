"""Fetch over HTTP (a loopback server): checksums, retries with backoff, skip, atomicity."""

from __future__ import annotations

import json
import os

import pytest

from xstilts.data import fetch as fetch_mod
from xstilts.data.fetch import MARKER, ChecksumError, FetchError, fetch, is_complete
from xstilts.tasks.sources import RemoteFile, SourceSpec

from .conftest import Route, sha256

BODY = b"line one\nline two\n"


def _spec(server, *, digest: str | None = None, verified: bool = True, name: str = "toy",
          layout: tuple[str, ...] = ("toy.txt",)) -> SourceSpec:
    file = RemoteFile(name="toy.txt", url=server.url("toy.txt"),
                      **({"sha256": digest, "sha256_verified": verified,
                          "sha256_source": "" if verified else "a test"} if digest else {}))
    return SourceSpec(name=name, description="test source", homepage="", licence="test",
                      revision="test", files=(file,), layout=layout)


def _leftovers(raw_root):
    """Files that a reader or a later fetch could mistake for a complete download."""
    return [p for p in raw_root.rglob("*")
            if p.is_file() and not p.name.endswith(".part") and ".staging-" not in str(p)]


def test_sha256_mismatch_fails_and_leaves_nothing_that_looks_complete(server, sleeps, tmp_path):
    server.routes["toy.txt"] = Route(BODY)
    spec = _spec(server, digest=sha256(b"something else"))
    raw = tmp_path / "raw"
    with pytest.raises(ChecksumError) as err:
        fetch([spec], raw_root=raw, sleep=sleeps, log=lambda m: None)
    message = str(err.value)
    assert "toy/toy.txt" in message and sha256(BODY) in message and sha256(b"something else") \
        in message
    assert not (raw / "toy").exists()
    assert list(raw.rglob("*.part")) == [] and _leftovers(raw) == []
    assert not is_complete(spec, raw)


def test_retries_a_transient_error_with_exponential_backoff(server, sleeps, tmp_path):
    server.routes["toy.txt"] = Route(BODY, fail_first=2, fail_status=503)
    spec = _spec(server, digest=sha256(BODY))
    [result] = fetch([spec], raw_root=tmp_path, sleep=sleeps, backoff=0.5, log=lambda m: None)
    assert result.status == "fetched"
    assert server.hits["toy.txt"] == 3
    assert sleeps == [0.5, 1.0]
    assert (tmp_path / "toy" / "toy.txt").read_bytes() == BODY


def test_retries_a_short_read(server, sleeps, tmp_path):
    server.routes["toy.txt"] = Route(BODY, truncate_first=1)
    spec = _spec(server, digest=sha256(BODY))
    fetch([spec], raw_root=tmp_path, sleep=sleeps, log=lambda m: None)
    assert server.hits["toy.txt"] == 2 and len(sleeps) == 1
    assert (tmp_path / "toy" / "toy.txt").read_bytes() == BODY


def test_retries_are_bounded(server, sleeps, tmp_path):
    server.routes["toy.txt"] = Route(BODY, fail_first=100, fail_status=502)
    spec = _spec(server, digest=sha256(BODY))
    with pytest.raises(FetchError, match="giving up after 3 attempts"):
        fetch([spec], raw_root=tmp_path, retries=2, backoff=1.0, max_backoff=1.5,
              sleep=sleeps, log=lambda m: None)
    assert server.hits["toy.txt"] == 3
    assert sleeps == [1.0, 1.5]  # doubled, then capped
    assert not (tmp_path / "toy").exists()


def test_permanent_http_error_is_not_retried(server, sleeps, tmp_path):
    spec = _spec(server, digest=sha256(BODY))  # no route: 404
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch([spec], raw_root=tmp_path, sleep=sleeps, log=lambda m: None)
    assert server.hits["toy.txt"] == 1 and sleeps == []


def test_skips_a_source_when_complete(server, sleeps, tmp_path):
    server.routes["toy.txt"] = Route(BODY)
    spec = _spec(server, digest=sha256(BODY))
    fetch([spec], raw_root=tmp_path, sleep=sleeps, log=lambda m: None)
    [again] = fetch([spec], raw_root=tmp_path, sleep=sleeps, log=lambda m: None)
    assert again.status == "complete" and server.hits["toy.txt"] == 1
    assert again.files == {"toy.txt": sha256(BODY)}
    fetch([spec], raw_root=tmp_path, force=True, sleep=sleeps, log=lambda m: None)
    assert server.hits["toy.txt"] == 2


def test_a_changed_source_version_is_fetched_again(server, sleeps, tmp_path):
    server.routes["toy.txt"] = Route(BODY)
    spec = _spec(server, digest=sha256(BODY))
    fetch([spec], raw_root=tmp_path, sleep=sleeps, log=lambda m: None)
    from dataclasses import replace

    fetch([replace(spec, version=2)], raw_root=tmp_path, sleep=sleeps, log=lambda m: None)
    assert server.hits["toy.txt"] == 2


def test_marker_is_written_last_and_atomically(server, sleeps, tmp_path, monkeypatch):
    """If the process dies while writing the marker, the source does not look complete."""
    server.routes["toy.txt"] = Route(BODY)
    spec = _spec(server, digest=sha256(BODY))
    real_replace = os.replace

    def dying_replace(src, dst):
        if str(dst).endswith(MARKER):
            raise KeyboardInterrupt("killed while writing the marker")
        return real_replace(src, dst)

    monkeypatch.setattr(fetch_mod.os, "replace", dying_replace)
    with pytest.raises(KeyboardInterrupt):
        fetch([spec], raw_root=tmp_path, sleep=sleeps, log=lambda m: None)
    assert (tmp_path / "toy" / "toy.txt").exists()  # data moved in, but ...
    assert not (tmp_path / "toy" / MARKER).exists()  # ... no marker, no temp marker left
    assert [p.name for p in (tmp_path / "toy").iterdir()] == ["toy.txt"]
    assert not is_complete(spec, tmp_path)
    monkeypatch.setattr(fetch_mod.os, "replace", real_replace)
    [result] = fetch([spec], raw_root=tmp_path, sleep=sleeps, log=lambda m: None)
    assert result.status == "fetched" and is_complete(spec, tmp_path)


def test_atomic_write_keeps_the_old_file_when_interrupted(tmp_path, monkeypatch):
    target = tmp_path / "state.json"
    target.write_text("old", encoding="utf-8")

    def dying_fsync(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(fetch_mod.os, "fsync", dying_fsync)
    with pytest.raises(KeyboardInterrupt):
        fetch_mod.write_text_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]


def test_unpinned_file_is_accepted_and_its_digest_recorded(server, sleeps, tmp_path):
    server.routes["toy.txt"] = Route(BODY)
    messages: list[str] = []
    fetch([_spec(server)], raw_root=tmp_path, sleep=sleeps, log=messages.append)
    marker = json.loads((tmp_path / "toy" / MARKER).read_text(encoding="utf-8"))
    assert marker["files"] == [{"name": "toy.txt", "sha256": sha256(BODY),
                                "checked_against": "nothing"}]
    assert any("no pinned sha256" in m and sha256(BODY) in m for m in messages)


def test_reported_digest_is_checked_when_no_manifest(server, sleeps, tmp_path):
    server.routes["toy.txt"] = Route(BODY)
    spec = _spec(server, digest=sha256(b"other"), verified=False)
    with pytest.raises(ChecksumError, match="not verified here"):
        fetch([spec], raw_root=tmp_path, sleep=sleeps, log=lambda m: None)


def test_download_without_the_declared_layout_fails(server, sleeps, tmp_path):
    server.routes["toy.txt"] = Route(BODY)
    spec = _spec(server, digest=sha256(BODY), layout=("toy.txt", "other/{lang}.txt"))
    with pytest.raises(FetchError, match="official layout"):
        fetch([spec], raw_root=tmp_path, sleep=sleeps, log=lambda m: None)
    assert not (tmp_path / "toy").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".staging")] == []


def test_every_source_is_attempted_and_failures_are_listed(server, sleeps, tmp_path):
    server.routes["toy.txt"] = Route(BODY)
    good = _spec(server, digest=sha256(BODY), name="good")
    bad = _spec(server, digest=sha256(b"x"), name="bad")
    with pytest.raises(FetchError, match="bad/toy.txt"):
        fetch([bad, good], raw_root=tmp_path, sleep=sleeps, log=lambda m: None)
    assert is_complete(good, tmp_path) and not is_complete(bad, tmp_path)


def test_hub_file_is_downloaded_at_its_pinned_revision(tmp_path, monkeypatch, sleeps):
    import huggingface_hub

    cached = tmp_path / "hub-cache" / "data.jsonl"
    cached.parent.mkdir()
    cached.write_bytes(BODY)
    calls = []

    def fake_download(**kwargs):
        calls.append(kwargs)
        return str(cached)

    monkeypatch.setattr(huggingface_hub, "hf_hub_download", fake_download)
    revision = "0123456789abcdef0123456789abcdef01234567"
    spec = SourceSpec(name="hub", description="", homepage="", licence="", revision=revision,
                      files=(RemoteFile(name="data.jsonl", hf_repo="org/set",
                                        hf_revision=revision, hf_filename="x/data.jsonl",
                                        sha256=sha256(BODY), sha256_verified=True),),
                      layout=("data.jsonl",))
    fetch([spec], raw_root=tmp_path / "raw", sleep=sleeps, log=lambda m: None)
    assert calls == [{"repo_id": "org/set", "filename": "x/data.jsonl", "repo_type": "dataset",
                      "revision": revision}]
    assert (tmp_path / "raw" / "hub" / "data.jsonl").read_bytes() == BODY
