"""Resumable downloads: an interrupted download keeps its `.part` and the next attempt continues
it with `Range: bytes=<size>-` (a loopback server on 127.0.0.1; nothing else is reached).

conftest's `server` answers every request whole and at once; these tests need a server that
streams slowly, honours (or ignores) Range and can hold a response mid-file, so it lives here.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from xstilts.data.fetch import CHUNK, MARKER, ChecksumError, FetchError, fetch

from .conftest import serving, sha256

SLICE = 64 * 1024  # the server writes this much at a time, pausing between slices
PAUSE = 0.001


@dataclass
class Served:
    body: bytes
    honour_range: bool = True
    wrong_range: bool = False      # answer a range request with 206 from byte 0
    hold_after: int | None = None  # first response: stop after this many bytes until released
    drop_after: int | None = None  # first response: close the connection after this many


@dataclass
class RangeServer:
    base: str = ""
    files: dict[str, Served] = field(default_factory=dict)
    ranges: dict[str, list[str | None]] = field(default_factory=lambda: defaultdict(list))
    served: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # body bytes sent
    release: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return f"{self.base}/{path}"


def _handler(state: RangeServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            path = self.path.lstrip("/")
            with state.lock:
                state.ranges[path].append(self.headers.get("Range"))
                first = len(state.ranges[path]) == 1
            item = state.files.get(path)
            if item is None:
                self.send_error(404)
                return
            start = self._answer_headers(item)
            if start is None:
                return
            stop = (item.hold_after or item.drop_after) if first else None
            self._send(path, item.body[start:], stop, hold=item.hold_after is not None)

        def _answer_headers(self, item: Served) -> int | None:
            """Send status and headers; the offset the body starts at (None: no body)."""
            match = re.fullmatch(r"bytes=(\d+)-", self.headers.get("Range") or "")
            size = len(item.body)
            if not (match and item.honour_range):
                self.send_response(200)
                start = 0
            elif int(match[1]) >= size:
                self.send_response(416)
                self.send_header("Content-Range", f"bytes */{size}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            else:
                start = 0 if item.wrong_range else int(match[1])
                self.send_response(206)
                self.send_header("Content-Range", f"bytes {start}-{size - 1}/{size}")
            self.send_header("Content-Length", str(size - start))
            self.end_headers()
            return start

        def _send(self, path: str, data: bytes, stop: int | None, *, hold: bool) -> None:
            pos = 0
            try:
                while pos < len(data):
                    end = min(pos + SLICE, len(data), stop if stop and pos < stop else len(data))
                    self.wfile.write(data[pos:end])
                    with state.lock:
                        state.served[path] += end - pos
                    pos = end
                    if pos == stop and hold:
                        state.release.wait(60)
                    elif pos == stop:
                        self.close_connection = True
                        return
                    time.sleep(PAUSE)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

        def log_message(self, *args: object) -> None:
            pass

    return Handler


class _Server(ThreadingHTTPServer):
    block_on_close = False  # a handler still writing to a killed client does not hold teardown


@pytest.fixture
def ranged() -> Iterator[RangeServer]:
    state = RangeServer()
    with serving(_Server(("127.0.0.1", 0), _handler(state))) as base:
        state.base = base
        try:
            yield state
        finally:
            state.release.set()  # a held reply lets go before the server shuts down


# --------------------------------------------------------------------------- helpers


def _body(size: int, seed: int = 7) -> bytes:
    return random.Random(seed).randbytes(size)


def _spec_doc(server: RangeServer, bodies: dict[str, bytes], *, pinned: bool = True) -> dict:
    """A test source "toy" (not in the registry) as JSON, for this process or a CLI child."""
    files = [{"name": name, "url": server.url(name),
              **({"sha256": sha256(body), "sha256_verified": True} if pinned else {})}
             for name, body in bodies.items()]
    return {"name": "toy", "description": "test source", "homepage": "", "licence": "test",
            "revision": "test", "files": files, "layout": list(bodies)}


def _spec(doc: dict):  # -> SourceSpec
    from xstilts.tasks.sources import RemoteFile, SourceSpec

    fields = {k: v for k, v in doc.items() if k not in ("files", "layout")}
    return SourceSpec(files=tuple(RemoteFile(**f) for f in doc["files"]),
                      layout=tuple(doc["layout"]), **fields)


def _part(raw: Path, name: str) -> Path:
    return raw / ".downloads" / "toy" / f"{name}.part"


def _leave_part(raw: Path, name: str, content: bytes) -> Path:
    """The `.part` an interrupted earlier run would have left."""
    part = _part(raw, name)
    part.parent.mkdir(parents=True, exist_ok=True)
    part.write_bytes(content)
    return part


def _fetch(doc: dict, raw: Path, messages: list[str], **kwargs: object) -> None:
    fetch([_spec(doc)], raw_root=raw, log=messages.append, sleep=lambda s: None, **kwargs)


# `xstilts fetch` itself, in a child process that first registers the test source (the CLI takes
# registry names only); everything after that is the real command line.
_CLI = """
import json, sys
from xstilts.tasks.sources import SOURCES, RemoteFile, SourceSpec
doc = json.loads(sys.argv[1])
files = tuple(RemoteFile(**f) for f in doc.pop("files"))
spec = SourceSpec(files=files, layout=tuple(doc.pop("layout")), **doc)
SOURCES[spec.name] = spec
from xstilts.cli import main
sys.exit(main(["fetch", spec.name, *sys.argv[2:]]))
"""


def _cli(doc: dict, raw: Path) -> list[str]:
    return [sys.executable, "-c", _CLI, json.dumps(doc), "--raw-root", str(raw),
            "--retries", "1"]


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _kill_mid_download(doc: dict, raw: Path, name: str, log: Path,
                       how: signal.Signals = signal.SIGKILL) -> int:
    """Start `xstilts fetch`, send it `how` once `name`'s part holds a first chunk; the part's
    size after the process ended."""
    part = _part(raw, name)
    with log.open("wb") as out:
        # Ctrl-C as in a terminal: SIGINT at its default, even where this test runs with it
        # ignored (a shell without job control starts background jobs so, and the child would
        # inherit that and never see the signal).
        child = subprocess.Popen(_cli(doc, raw), cwd=raw.parent, stdout=out, stderr=out,
                                 stdin=subprocess.DEVNULL, preexec_fn=_default_sigint)
    try:
        deadline = time.monotonic() + 120  # generous: only stops a hung test
        while not (part.exists() and part.stat().st_size >= CHUNK):
            assert child.poll() is None, f"fetch ended early:\n{log.read_text()}"
            assert time.monotonic() < deadline, f"no bytes arrived:\n{log.read_text()}"
            time.sleep(0.02)
    finally:
        if child.poll() is None:
            os.kill(child.pid, how)
        child.wait(timeout=120)
    assert child.returncode == -how, log.read_text()
    return part.stat().st_size


def _run_cli(doc: dict, raw: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_cli(doc, raw), cwd=raw.parent, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=300)


def _marker_digests(raw: Path) -> dict[str, str]:
    doc = json.loads((raw / "toy" / MARKER).read_text(encoding="utf-8"))
    return {f["name"]: f["sha256"] for f in doc["files"]}


# --------------------------------------------------------------------------- killed runs


def test_killed_cli_fetch_resumes_where_it_stopped(ranged, tmp_path):
    body = _body(3 * CHUNK + 12_345)
    ranged.files["toy.bin"] = Served(body, hold_after=CHUNK + CHUNK // 2)
    doc, raw = _spec_doc(ranged, {"toy.bin": body}), tmp_path / "raw"
    kept = _kill_mid_download(doc, raw, "toy.bin", tmp_path / "first.log")
    ranged.release.set()
    assert 0 < kept < len(body)
    assert _part(raw, "toy.bin").read_bytes() == body[:kept]
    again = _run_cli(doc, raw)
    assert again.returncode == 0, again.stderr
    assert f"fetch toy: resuming toy.bin at {kept} bytes" in again.stderr
    assert ranged.ranges["toy.bin"] == [None, f"bytes={kept}-"]
    # what the killed run received but had not written yet is all that is sent twice
    assert len(body) <= ranged.served["toy.bin"] <= len(body) + CHUNK
    assert (raw / "toy" / "toy.bin").read_bytes() == body
    assert _marker_digests(raw) == {"toy.bin": sha256(body)}
    assert not (raw / ".downloads").exists()


def test_killed_multi_file_fetch_does_not_request_a_finished_file_again(ranged, tmp_path):
    first, second = _body(40_000, seed=1), _body(2 * CHUNK + 999, seed=2)
    ranged.files["a.txt"] = Served(first)
    ranged.files["b.bin"] = Served(second, hold_after=CHUNK + CHUNK // 2)
    doc, raw = _spec_doc(ranged, {"a.txt": first, "b.bin": second}), tmp_path / "raw"
    kept = _kill_mid_download(doc, raw, "b.bin", tmp_path / "first.log")
    ranged.release.set()
    assert (raw / ".downloads" / "toy" / "a.txt").read_bytes() == first  # verified, renamed
    again = _run_cli(doc, raw)
    assert again.returncode == 0, again.stderr
    assert ranged.ranges["a.txt"] == [None]
    assert ranged.ranges["b.bin"] == [None, f"bytes={kept}-"]
    assert (raw / "toy" / "a.txt").read_bytes() == first
    assert (raw / "toy" / "b.bin").read_bytes() == second
    assert _marker_digests(raw) == {"a.txt": sha256(first), "b.bin": sha256(second)}


def test_ctrl_c_keeps_the_part_for_the_next_run(ranged, tmp_path):
    body = _body(2 * CHUNK + 4321)
    ranged.files["toy.bin"] = Served(body, hold_after=CHUNK + CHUNK // 2)
    doc, raw = _spec_doc(ranged, {"toy.bin": body}), tmp_path / "raw"
    kept = _kill_mid_download(doc, raw, "toy.bin", tmp_path / "first.log", signal.SIGINT)
    ranged.release.set()
    assert "KeyboardInterrupt" in (tmp_path / "first.log").read_text()
    assert 0 < kept < len(body) and _part(raw, "toy.bin").read_bytes() == body[:kept]
    again = _run_cli(doc, raw)
    assert again.returncode == 0, again.stderr
    assert ranged.ranges["toy.bin"] == [None, f"bytes={kept}-"]
    assert (raw / "toy" / "toy.bin").read_bytes() == body


# --------------------------------------------------------------------------- within one run


def test_interrupted_download_keeps_its_part(ranged, tmp_path):
    body = _body(2 * CHUNK + 77)
    ranged.files["toy.bin"] = Served(body, drop_after=CHUNK + CHUNK // 2)
    doc, raw = _spec_doc(ranged, {"toy.bin": body}), tmp_path / "raw"
    with pytest.raises(FetchError, match="giving up after 1 attempts"):
        _fetch(doc, raw, [], retries=0)
    kept = _part(raw, "toy.bin").read_bytes()
    assert 0 < len(kept) < len(body) and kept == body[: len(kept)]


def test_a_retry_in_the_same_run_continues_the_part(ranged, tmp_path):
    body = _body(2 * CHUNK + 77)
    ranged.files["toy.bin"] = Served(body, drop_after=CHUNK + CHUNK // 2)
    doc, raw, messages = _spec_doc(ranged, {"toy.bin": body}), tmp_path / "raw", []
    _fetch(doc, raw, messages, retries=2)
    [kept] = [int(m.split(" at ")[1].split()[0]) for m in messages if "resuming" in m]
    assert f"fetch toy: resuming toy.bin at {kept} bytes" in messages and kept > 0
    assert ranged.ranges["toy.bin"] == [None, f"bytes={kept}-"]
    assert len(body) <= ranged.served["toy.bin"] <= len(body) + CHUNK
    assert (raw / "toy" / "toy.bin").read_bytes() == body


# --------------------------------------------------------------------------- server answers


def test_a_server_that_ignores_range_restarts_from_byte_zero(ranged, tmp_path):
    body = _body(2 * CHUNK + 5)
    ranged.files["toy.bin"] = Served(body, honour_range=False)
    doc, raw, messages = _spec_doc(ranged, {"toy.bin": body}), tmp_path / "raw", []
    _leave_part(raw, "toy.bin", b"\0" * CHUNK)  # wrong bytes: appending would fail the digest
    _fetch(doc, raw, messages)
    assert ranged.ranges["toy.bin"] == [f"bytes={CHUNK}-"]
    assert ranged.served["toy.bin"] == len(body)
    assert any("downloading toy.bin again from its start (the range request was ignored "
               "(HTTP 200))" in m for m in messages)
    assert (raw / "toy" / "toy.bin").read_bytes() == body


def test_a_resumed_part_that_fails_its_checksum_is_deleted(ranged, tmp_path):
    body = _body(CHUNK + 321)
    ranged.files["toy.bin"] = Served(body)
    doc, raw = _spec_doc(ranged, {"toy.bin": body}), tmp_path / "raw"
    stale = b"\0" * 1000  # e.g. the start of an older version of the file
    part = _leave_part(raw, "toy.bin", stale)
    with pytest.raises(ChecksumError) as err:
        _fetch(doc, raw, [])
    message = str(err.value)
    assert "toy/toy.bin" in message and sha256(body) in message
    assert sha256(stale + body[1000:]) in message
    assert ranged.ranges["toy.bin"] == ["bytes=1000-"] and not part.exists()
    assert not (raw / "toy").exists()
    _fetch(doc, raw, [])  # the next run starts from byte 0
    assert ranged.ranges["toy.bin"] == ["bytes=1000-", None]
    assert (raw / "toy" / "toy.bin").read_bytes() == body


def test_416_for_a_part_of_the_full_size_means_complete(ranged, tmp_path):
    body = _body(CHUNK // 2)
    ranged.files["toy.bin"] = Served(body)
    doc, raw, messages = _spec_doc(ranged, {"toy.bin": body}), tmp_path / "raw", []
    _leave_part(raw, "toy.bin", body)  # killed after the last byte, before the rename
    _fetch(doc, raw, messages)
    assert ranged.ranges["toy.bin"] == [f"bytes={len(body)}-"] and ranged.served["toy.bin"] == 0
    assert f"fetch toy: resuming toy.bin at {len(body)} bytes" in messages
    assert (raw / "toy" / "toy.bin").read_bytes() == body


def test_416_for_a_part_of_another_size_restarts(ranged, tmp_path):
    body = _body(CHUNK // 2)
    ranged.files["toy.bin"] = Served(body)
    doc, raw, messages = _spec_doc(ranged, {"toy.bin": body}), tmp_path / "raw", []
    _leave_part(raw, "toy.bin", body + b"longer than the file")
    _fetch(doc, raw, messages)
    assert ranged.ranges["toy.bin"] == [f"bytes={len(body) + 20}-", None]
    assert any("again from its start (the server answered HTTP 416" in m for m in messages)
    assert (raw / "toy" / "toy.bin").read_bytes() == body


def test_206_from_another_offset_restarts(ranged, tmp_path):
    body = _body(CHUNK + 9)
    ranged.files["toy.bin"] = Served(body, wrong_range=True)
    doc, raw, messages = _spec_doc(ranged, {"toy.bin": body}), tmp_path / "raw", []
    _leave_part(raw, "toy.bin", body[:5000])
    _fetch(doc, raw, messages)
    assert ranged.ranges["toy.bin"] == ["bytes=5000-", None]
    assert any("not the bytes from 5000 on" in m for m in messages)
    assert (raw / "toy" / "toy.bin").read_bytes() == body


# --------------------------------------------------------------------------- other origins


def test_a_mirror_file_is_copied_from_its_start(ranged, tmp_path):
    body = _body(CHUNK + 9)
    mirror = tmp_path / "mirror"
    (mirror / "toy").mkdir(parents=True)
    (mirror / "toy" / "toy.bin").write_bytes(body)
    doc, raw, messages = _spec_doc(ranged, {"toy.bin": body}), tmp_path / "raw", []
    _leave_part(raw, "toy.bin", b"\0" * 5000)
    _fetch(doc, raw, messages, mirror=mirror)
    assert any("again from its start (a local file" in m for m in messages)
    assert (raw / "toy" / "toy.bin").read_bytes() == body
    assert dict(ranged.ranges) == {}


def test_an_unpinned_file_is_not_resumed(ranged, tmp_path):
    """Without a digest nothing would catch a part joined to a changed upstream file."""
    body = _body(CHUNK + 9)
    ranged.files["toy.bin"] = Served(body)
    doc, raw, messages = _spec_doc(ranged, {"toy.bin": body}, pinned=False), tmp_path / "raw", []
    _leave_part(raw, "toy.bin", body[:5000])
    _fetch(doc, raw, messages)
    assert ranged.ranges["toy.bin"] == [None]
    assert any("no pinned sha256 to check a resumed download against" in m for m in messages)
    assert (raw / "toy" / "toy.bin").read_bytes() == body
