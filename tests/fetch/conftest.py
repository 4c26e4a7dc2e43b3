"""A loopback HTTP server for fetch tests (no network: 127.0.0.1 only) and mirror builders."""

from __future__ import annotations

import hashlib
import io
import tarfile
import threading
import zipfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

OFFICIAL = Path(__file__).resolve().parents[1] / "fixtures" / "official"


@dataclass
class Route:
    body: bytes
    fail_first: int = 0          # answer this many requests with `fail_status` first
    fail_status: int = 503
    truncate_first: int = 0      # send this many truncated bodies (Content-Length too big)


@dataclass
class LocalServer:
    base: str
    routes: dict[str, Route] = field(default_factory=dict)
    hits: Counter = field(default_factory=Counter)

    def url(self, path: str) -> str:
        return f"{self.base}/{path}"


@pytest.fixture
def server() -> Iterator[LocalServer]:
    state = LocalServer(base="")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            path = self.path.lstrip("/")
            state.hits[path] += 1
            route = state.routes.get(path)
            if route is None:
                self.send_error(404)
                return
            if route.fail_first > 0:
                route.fail_first -= 1
                self.send_error(route.fail_status)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            if route.truncate_first > 0:
                route.truncate_first -= 1
                self.wfile.write(route.body[: len(route.body) // 2])
                self.close_connection = True
                return
            self.wfile.write(route.body)

        def log_message(self, *args: object) -> None:
            pass

    with serving(ThreadingHTTPServer(("127.0.0.1", 0), Handler)) as base:
        state.base = base
        yield state


@contextmanager
def serving(httpd: ThreadingHTTPServer) -> Iterator[str]:
    """Serve `httpd` on a thread for the block; yields its base URL (127.0.0.1 only)."""
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


class Sleeps(list):
    """Records backoff delays instead of sleeping (tests never wait on the clock)."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def zip_folder(root: Path, members: list[str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for rel in members:
            zf.write(root / rel, rel)
    return buf.getvalue()


def tar_folder(root: Path, members: list[str], mode: str = "w:gz") -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode) as tf:
        for rel in members:
            tf.add(root / rel, rel)
    return buf.getvalue()


def files_under(root: Path, prefix: str) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in (root / prefix).rglob("*") if p.is_file())


def write_manifest(mirror: Path) -> None:
    """DIR/SHA256SUMS for every file of the mirror, as `sha256sum` writes it."""
    lines = []
    for path in sorted(p for p in mirror.rglob("*") if p.is_file() and p.name != "SHA256SUMS"):
        lines.append(f"{sha256(path.read_bytes())}  {path.relative_to(mirror).as_posix()}")
    (mirror / "SHA256SUMS").write_text("\n".join(lines) + "\n", encoding="utf-8")
