"""The fetch stage: every data source downloaded, checked and unpacked into `data/raw/<source>/`.

For each source of the registry (`xstilts.tasks.sources`):

1. **Skip when complete.** `data/raw/<source>/.complete.json` is written last, after everything
   else; it records the source's fingerprint (name, version, files, digests, layout). A source
   whose marker matches is skipped. Anything without a matching marker is fetched again.
2. **Obtain each file** from, in this order: the mirror `DIR/<source>/<name>` when `--from DIR`
   is given; for a manual source, `data/manual/<source>/<name>` (a missing file stops with the
   registry's instructions); otherwise its URL, or its Hugging Face dataset file at the pinned
   revision. The bytes stream into `data/raw/.downloads/<source>/<name>.part` (hashed on the
   way, fsynced); transient errors (connection resets, timeouts, HTTP 408/429/5xx, short reads)
   are retried with exponential backoff, a bounded number of times.
   **Resuming.** A `.part` is kept when a download stops (transient error, kill, Ctrl-C). The
   next attempt (a retry, or a later run) continues it when the file comes from a URL and has
   an expected sha256 (below) to check the joined result: it sends `Range: bytes=<size>-` and
   logs `fetch <source>: resuming <name> at <N> bytes`. HTTP 206 whose `Content-Range` starts
   at exactly that size is appended (the digest covers the kept bytes and the new ones); HTTP
   416 whose `Content-Range: bytes */<total>` equals the size means the part is complete; any
   other answer (200: ranges ignored, another range, another total) starts the file again from
   byte 0, as do local files (mirror, `data/manual/`), hub files (the hub client keeps its own
   cache) and files without an expected digest.
3. **Verify sha256** (the rule below). A mismatch deletes the `.part` file (the only thing that
   does: its content is proven wrong) and fails, naming the file, both digests and where the
   expected one came from. Only a verified file is renamed to its final name (and reused as is
   by the next run until the source is complete).
4. **Unpack** into a fresh staging folder `data/raw/.staging-<source>-*`: archives are extracted
   keeping their member paths (path traversal refused), plain files keep their names, archives
   nested inside (PAN-X's `<lang>.tar.gz`) are extracted next to themselves. The staging folder
   must match the source's declared layout; then it is renamed to `data/raw/<source>/` in one
   step and the marker is written (temp file, fsync, rename).

A crash at any point leaves either nothing under `data/raw/<source>/`, or a folder without its
marker (re-fetched next time), or `.part`/`.staging-*` leftovers that never look complete.

**Checksum rule.** The expected sha256 of a file is, in order of precedence:

1. the registry's digest when it is verified (`sha256_verified: true`): nothing overrides it;
2. else, when fetching from a mirror that has a manifest `DIR/SHA256SUMS` (lines as `sha256sum`
   writes them: `<64 hex>  <source>/<name>`), the manifest's digest; a manifest that lacks an
   entry for a file it would have to vouch for is an error: a manifest describes its whole
   mirror (the demo world's generator writes one for its synthetic files);
3. else the registry's recorded but unverified digest (reported by a third party), if any;
4. else none: the file is accepted, a warning prints its digest, and the marker records it
   with `"checked_against": "nothing"` so it can be pinned later.
"""

from __future__ import annotations

import hashlib
import http.client
import io
import json
import os
import re
import shutil
import sys
import tarfile
import tempfile
import time
import urllib.error
import urllib.request
import zipfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from xstilts.fileio import replace_folder, write_text_atomic
from xstilts.tasks.errors import UnknownNameError
from xstilts.tasks.registry import get_task
from xstilts.tasks.sources import (
    ARCHIVE_SUFFIXES,
    SHA256_NOT_PINNED,
    RemoteFile,
    SourceSpec,
    get_source,
    sources,
)

MARKER = ".complete.json"
MANIFEST = "SHA256SUMS"
DOWNLOADS = ".downloads"
CHUNK = 1 << 20
USER_AGENT = "xstilts-fetch/1 (+https://github.com/; reproducibility artifact)"


class FetchError(RuntimeError):
    """A source could not be fetched; the message says which file and what to do."""


class ChecksumError(FetchError):
    """A file's sha256 differs from the expected one."""


class ManualSourceError(FetchError):
    """A licensed source that must be placed by hand is missing."""


class _Transient(Exception):
    """An error worth retrying (wraps the original)."""


@dataclass(frozen=True)
class FetchResult:
    source: str
    status: str  # "fetched" or "complete" (skipped)
    path: Path
    files: dict[str, str] = field(default_factory=dict)  # name -> observed sha256


@dataclass(frozen=True)
class ExtractLimits:
    """Bounds on what one archive may unpack to (params `fetch.max_unpacked_gib`,
    `fetch.max_members`): a corrupt or hostile archive fails instead of filling the disk. The
    defaults leave room for the largest real source (UD 2.5: about 4 GB, a few thousand files)."""

    max_bytes: int = 64 * 2**30
    max_members: int = 200_000


@dataclass(frozen=True)
class _Settings:
    raw_root: Path
    manual_root: Path
    mirror: Path | None
    manifest: dict[str, str] | None
    retries: int
    backoff: float
    max_backoff: float
    timeout: float
    progress: bool
    log: Callable[[str], None]
    sleep: Callable[[float], None]
    limits: ExtractLimits = ExtractLimits()


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- public API


def fetch(
    names: Sequence[str | SourceSpec] | None = None,
    *,
    raw_root: Path = Path("data/raw"),
    manual_root: Path = Path("data/manual"),
    mirror: Path | None = None,
    retries: int = 5,
    backoff: float = 1.0,
    max_backoff: float = 60.0,
    timeout: float = 60.0,
    force: bool = False,
    progress: bool | None = None,
    log: Callable[[str], None] = _stderr,
    sleep: Callable[[float], None] = time.sleep,
    limits: ExtractLimits = ExtractLimits(),
) -> list[FetchResult]:
    """Fetch the named sources (all when `names` is None); see the module doc for the rules.

    `mirror` (params `fetch.mirror`, CLI `--from`) takes every file from a local folder laid out
    like the official downloads (`DIR/<source>/<name>`). `names` may also hold SourceSpec
    objects (sources not in the registry, e.g. in tests). Every source is attempted; if any
    failed, its error is raised at the end (several: one error listing them all, of their common
    type when they share one, e.g. ManualSourceError).
    """
    specs = [n if isinstance(n, SourceSpec) else get_source(n) for n in names] \
        if names is not None else sources()
    if mirror is not None and not Path(mirror).is_dir():
        raise FetchError(f"mirror folder {mirror} does not exist")
    manifest = read_manifest(Path(mirror)) if mirror is not None else None
    settings = _Settings(
        raw_root=Path(raw_root), manual_root=Path(manual_root),
        mirror=Path(mirror) if mirror is not None else None, manifest=manifest,
        retries=retries, backoff=backoff, max_backoff=max_backoff, timeout=timeout,
        progress=sys.stderr.isatty() if progress is None else progress, log=log, sleep=sleep,
        limits=limits,
    )
    results: list[FetchResult] = []
    failures: list[FetchError] = []
    for spec in specs:
        try:
            results.append(_fetch_source(spec, settings, force=force))
        except FetchError as err:
            log(f"fetch {spec.name}: FAILED: {err}")
            failures.append(err)
    if len(failures) == 1:
        raise failures[0]
    if failures:
        kinds = {type(f) for f in failures}
        kind = kinds.pop() if len(kinds) == 1 else FetchError
        raise kind("\n".join(str(f) for f in failures))
    return results


def sources_for_tasks(tasks: Iterable[str]) -> list[str]:
    """The sources the given tasks read, in registry order."""
    wanted = {s for t in tasks for s in get_task(t).sources}
    return [s.name for s in sources() if s.name in wanted]


def is_complete(spec: SourceSpec, raw_root: Path) -> bool:
    """True when data/raw/<source>/ holds a marker for exactly this version of the source."""
    marker = Path(raw_root) / spec.name / MARKER
    try:
        return json.loads(marker.read_text(encoding="utf-8")).get("fingerprint") == \
            fingerprint(spec)
    except (OSError, ValueError):
        return False


def fingerprint(spec: SourceSpec) -> str:
    """A digest of everything that defines the source's files: a change means re-fetch."""
    doc = {
        "name": spec.name, "version": spec.version, "layout": list(spec.layout),
        "files": [[f.name, f.url, f.hf_repo, f.hf_revision, f.hf_filename, f.sha256,
                   list(f.nested_archives)] for f in spec.files],
    }
    return hashlib.sha256(json.dumps(doc, sort_keys=True).encode()).hexdigest()


def read_manifest(mirror: Path) -> dict[str, str] | None:
    """`DIR/SHA256SUMS` as {"<source>/<name>": digest}, or None when the mirror has none."""
    path = Path(mirror) / MANIFEST
    if not path.exists():
        return None
    out: dict[str, str] = {}
    pattern = re.compile(r"^([0-9a-fA-F]{64}) [ *](.+)$")
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        match = pattern.match(line)
        if not match:
            raise FetchError(f"{path}, line {number}: expected `<64 hex digits>  <source>/<name>`"
                             f", found {line[:60]!r}")
        out[match[2].strip().replace("\\", "/").removeprefix("./")] = match[1].lower()
    return out


def expected_sha256(spec: SourceSpec, file: RemoteFile,
                    manifest: dict[str, str] | None) -> tuple[str | None, str]:
    """(expected digest or None, where it comes from) under the module's checksum rule."""
    if file.sha256_verified and file.has_recorded_sha256:
        return file.sha256, "the registry (verified)"
    key = f"{spec.name}/{file.name}"
    if manifest is not None:
        if key not in manifest:
            raise FetchError(f"the mirror's {MANIFEST} has no line for {key}; add "
                             f"`<sha256>  {key}` (a manifest must cover every mirrored file)")
        return manifest[key], f"the mirror's {MANIFEST}"
    if file.has_recorded_sha256:
        return file.sha256, f"the registry (reported by {file.sha256_source or 'a third party'}" \
                            ", not verified here)"
    return None, "nothing"


# --------------------------------------------------------------------------- one source


def _fetch_source(spec: SourceSpec, settings: _Settings, *, force: bool = False) -> FetchResult:
    raw_root = settings.raw_root
    final = raw_root / spec.name
    if not force and is_complete(spec, raw_root):
        settings.log(f"fetch {spec.name}: complete, skipped")
        return FetchResult(spec.name, "complete", final, _marker_digests(final))
    raw_root.mkdir(parents=True, exist_ok=True)
    downloads = raw_root / DOWNLOADS / spec.name
    downloads.mkdir(parents=True, exist_ok=True)
    verified: dict[str, Path] = {}
    records: list[dict[str, Any]] = []
    files = choose_files(spec, settings.mirror, settings.manual_root)
    for file in files:
        path, digest, checked = _obtain(spec, file, downloads, settings)
        verified[file.name] = path
        records.append({"name": file.name, "sha256": digest, "checked_against": checked})
    _remove_stale_staging(spec.name, raw_root, settings)
    staging = Path(tempfile.mkdtemp(prefix=f".staging-{spec.name}-", dir=raw_root))
    try:
        for file in files:
            _unpack(file, verified[file.name], staging / file.unpack_to, settings.limits)
        _share_permissions(staging)
        _check_layout(spec, staging)
        # The old source stays whole (aside) until the new one is in place; a fetch killed
        # between the two renames gets it back on the next run.
        replace_folder(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    marker = {"source": spec.name, "version": spec.version, "fingerprint": fingerprint(spec),
              "files": records}
    write_text_atomic(final / MARKER, json.dumps(marker, indent=1, sort_keys=True) + "\n")
    shutil.rmtree(downloads, ignore_errors=True)
    _remove_if_empty(raw_root / DOWNLOADS)
    settings.log(f"fetch {spec.name}: done -> {final}")
    return FetchResult(spec.name, "fetched", final, {r["name"]: r["sha256"] for r in records})


def choose_files(spec: SourceSpec, mirror: Path | None,
                 manual_root: Path) -> tuple[RemoteFile, ...]:
    """The file set of `spec` to fetch: the first set (`files`, then `alternatives`) whose files
    are all in the mirror or, for a manual source, in data/manual/<source>/; else `files`, or
    for a manual source the first set that can be downloaded. A manual source with neither
    fails naming every accepted file."""
    if not spec.alternatives:
        return spec.files
    folders = [f for f in (mirror, manual_root if spec.needs_manual else None) if f]
    for files in spec.file_sets:
        if any(all((folder / spec.name / f.name).is_file() for f in files)
               for folder in folders):
            return files
    if not spec.needs_manual:
        return spec.files
    for files in spec.file_sets:
        if all(f.url or f.hf_repo for f in files):
            return files
    raise ManualSourceError(f"{spec.name}: none of the accepted files is in "
                            f"{manual_root / spec.name}. {spec.manual_instructions}")


def _obtain(spec: SourceSpec, file: RemoteFile, downloads: Path,
            settings: _Settings) -> tuple[Path, str, str]:
    """A verified local copy of `file`: (path, sha256, what it was checked against)."""
    opener, where, from_mirror = _origin(spec, file, settings)
    # a mirror's manifest vouches for the mirror's files only (not for data/manual/ or a URL)
    expected, checked = expected_sha256(spec, file,
                                        settings.manifest if from_mirror else None)
    done = downloads / file.name
    if done.exists():
        # renamed to its final name only after verification; check again in case it was
        # verified against a different expectation (other mirror, updated registry)
        digest = sha256_file(done)
        if expected is None or digest == expected:
            return done, digest, checked
        done.unlink()
    part = downloads / f"{file.name}.part"
    what = f"{spec.name}/{file.name}" + (f" ({file.label})" if file.label else "")
    # The part is kept when the download stops (error, kill, Ctrl-C) and resumed next time;
    # only a completed file that fails its checksum proves it wrong.
    target = _Target(part, spec.name, file.name, resumable=expected is not None)
    digest = _with_retries(lambda: _stream_to(opener, target, settings),
                           what=f"{what} from {where}", settings=settings)
    if expected is not None and digest != expected:
        part.unlink(missing_ok=True)
        raise ChecksumError(
            f"{what} from {where}: sha256 {digest} does not match "
            f"{expected} expected by {checked}. The partial file was deleted (the next run "
            "downloads it from the start). If the source changed upstream, check it and update "
            f"the registry (or the mirror's {MANIFEST})."
        )
    os.replace(part, done)
    if expected is None:
        settings.log(f"fetch {spec.name}: WARNING {file.name} has no pinned sha256; "
                     f"observed {digest} (recorded in {spec.name}/{MARKER})")
    return done, digest, checked


@dataclass(frozen=True)
class _Target:
    """Where a file's bytes go (`part`), named in logs as `source`/`name`. `resumable`: a part
    left by an earlier attempt may be continued (only when a digest will check the result)."""

    part: Path
    source: str
    name: str
    resumable: bool


@dataclass(frozen=True)
class _Opened:
    """The file's bytes from offset `start` on (0: the part is rewritten from its start), the
    whole file's size when known, and why a partial file is not continued ("" when it is)."""

    stream: IO[bytes]
    start: int
    total: int | None
    restart_reason: str = ""


# Called with the size of the partial file already downloaded (0: none); may start over.
_Opener = Callable[[int], _Opened]


def _origin(spec: SourceSpec, file: RemoteFile, settings: _Settings) -> tuple[_Opener, str, bool]:
    """(a function opening the file's bytes and size, where they come from, from the mirror?)"""
    if settings.mirror is not None:
        local = settings.mirror / spec.name / file.name
        if local.is_file():
            return _local_opener(local), str(local), True
        if not spec.needs_manual:
            raise FetchError(f"mirror {settings.mirror} lacks {spec.name}/{file.name} "
                             f"(expected at {local})")
    if spec.needs_manual:
        local = settings.manual_root / spec.name / file.name
        if local.is_file():
            return _local_opener(local), str(local), False
        if not (file.url or file.hf_repo):
            raise ManualSourceError(f"{spec.name}: {local} is missing. "
                                    f"{spec.manual_instructions}")
    if file.hf_repo:
        return _hub_opener(file), file.location, False
    if file.url:
        return _url_opener(file.url, settings.timeout), file.url, False
    raise FetchError(f"{spec.name}/{file.name}: the registry gives no URL or hub file")


def _local_opener(path: Path) -> _Opener:
    """A local file (mirror, data/manual/) is copied whole: a partial copy starts over."""
    def open_(offset: int) -> _Opened:
        return _Opened(path.open("rb"), 0, path.stat().st_size,
                       "a local file is copied from its start")
    return open_


def _url_opener(url: str, timeout: float) -> _Opener:
    """An HTTP(S) download; a partial file is continued with `Range: bytes=<offset>-` when the
    server answers 206 from exactly that offset (or 416 saying the file has exactly that size);
    any other answer starts over from byte 0."""
    def open_(offset: int) -> _Opened:
        if offset == 0:
            return _from_start(_http_get(url, timeout, 0))
        try:
            response = _http_get(url, timeout, offset)
        except urllib.error.HTTPError as err:
            if err.code != 416:
                raise
            return _unsatisfiable(err, offset, lambda: _http_get(url, timeout, 0))
        return _continued(response, offset, lambda: _http_get(url, timeout, 0))
    return open_


def _http_get(url: str, timeout: float, offset: int) -> Any:
    headers = {"User-Agent": USER_AGENT}
    if offset:
        headers["Range"] = f"bytes={offset}-"
    request = urllib.request.Request(url, headers=headers)
    return urllib.request.urlopen(request, timeout=timeout)  # noqa: S310 (https/file)


def _from_start(response: Any, reason: str = "") -> _Opened:
    length = response.headers.get("Content-Length")
    return _Opened(response, 0, int(length) if length and length.isdigit() else None, reason)


def _continued(response: Any, offset: int, again: Callable[[], Any]) -> _Opened:
    """The answer to `Range: bytes=<offset>-`: the rest of the file, or the whole of it."""
    if response.status != 206:  # 200 (file:// URLs: no status): the whole file
        status = f" (HTTP {response.status})" if response.status else ""
        return _from_start(response, f"the range request was ignored{status}")
    content_range = response.headers.get("Content-Range") or ""
    match = re.fullmatch(r"bytes (\d+)-(\d+)/(\d+|\*)", content_range.strip())
    if match and int(match[1]) == offset:
        return _Opened(response, offset, None if match[3] == "*" else int(match[3]))
    response.close()
    return _from_start(again(), f"the server answered HTTP 206 with Content-Range "
                                f"{content_range!r}, not the bytes from {offset} on")


def _unsatisfiable(err: urllib.error.HTTPError, offset: int,
                   again: Callable[[], Any]) -> _Opened:
    """HTTP 416: the part is complete if the server's total is exactly its size."""
    content_range = err.headers.get("Content-Range") or ""
    err.close()
    match = re.fullmatch(r"bytes \*/(\d+)", content_range.strip())
    if match and int(match[1]) == offset:
        return _Opened(io.BytesIO(), offset, offset)
    return _from_start(again(), f"the server answered HTTP 416 with Content-Range "
                                f"{content_range!r}; the partial file has {offset} bytes")


def _hub_opener(file: RemoteFile) -> _Opener:
    """The hub client keeps its own cache (and resumes there); the copy out of it starts over."""
    def open_(offset: int) -> _Opened:
        from huggingface_hub import hf_hub_download

        try:
            path = Path(hf_hub_download(repo_id=str(file.hf_repo),
                                        filename=str(file.hf_filename), repo_type="dataset",
                                        revision=file.hf_revision))
        except (TimeoutError, ConnectionError) as err:
            raise _Transient(f"hub: {err}") from err
        except Exception as err:  # the hub client has its own error zoo; name it, do not retry
            raise FetchError(f"hub download failed ({type(err).__name__}: {err})") from err
        return _Opened(path.open("rb"), 0, path.stat().st_size,
                       "a hub file is copied from the hub's cache from its start")
    return open_


def _stream_to(opener: _Opener, target: _Target, settings: _Settings) -> str:
    """Continue (or start) `target.part` from the opened stream, fsync, and return the sha256
    of the whole part. Leaves the part as far as it got when interrupted."""
    offset = _resume_offset(target, settings)
    opened = _open(opener, offset)
    if offset and opened.start == offset:
        settings.log(f"fetch {target.source}: resuming {target.name} at {offset} bytes")
    elif offset:
        settings.log(f"fetch {target.source}: downloading {target.name} again from its start "
                     f"({opened.restart_reason})")
    digest = _sha256_prefix(target.part, opened.start)
    received = 0
    try:
        from tqdm import tqdm

        with opened.stream, target.part.open("ab" if opened.start else "wb") as out, tqdm(
            total=opened.total, initial=opened.start, unit="B", unit_scale=True,
            desc=target.name, disable=not settings.progress, leave=False,
        ) as bar:
            while chunk := opened.stream.read(CHUNK):
                out.write(chunk)
                digest.update(chunk)
                received += len(chunk)
                bar.update(len(chunk))
            out.flush()
            os.fsync(out.fileno())
    except (http.client.IncompleteRead, ConnectionError, TimeoutError) as err:
        raise _Transient(f"connection lost after {received} bytes ({err})") from err
    except OSError as err:  # local disk or file trouble: retrying will not help
        raise FetchError(f"I/O error after {received} bytes: {err}") from err
    size = opened.start + received
    if opened.total is not None and size != opened.total:
        raise _Transient(f"short read: {size} of {opened.total} bytes")
    return digest.hexdigest()


def _resume_offset(target: _Target, settings: _Settings) -> int:
    """The size of the part to continue (0: none, or one that may not be continued)."""
    size = target.part.stat().st_size if target.part.exists() else 0
    if size and not target.resumable:
        settings.log(f"fetch {target.source}: {target.name} has no pinned sha256 to check a "
                     "resumed download against; downloading it from the start")
        return 0
    return size


def _open(opener: _Opener, offset: int) -> _Opened:
    """`opener(offset)` with its errors sorted into transient (retried) and permanent."""
    try:
        return opener(offset)
    except urllib.error.HTTPError as err:
        if err.code in (408, 425, 429) or err.code >= 500:
            raise _Transient(f"HTTP {err.code} {err.reason}") from err
        raise FetchError(f"HTTP {err.code} {err.reason}") from err
    except (urllib.error.URLError, TimeoutError, ConnectionError) as err:
        reason = getattr(err, "reason", err)
        if isinstance(reason, FileNotFoundError | PermissionError | IsADirectoryError):
            raise FetchError(str(reason)) from err
        raise _Transient(str(reason)) from err


def _sha256_prefix(part: Path, size: int) -> Any:
    """A sha256 fed with the first `size` bytes of `part` (the bytes a resume keeps)."""
    digest = hashlib.sha256()
    if size:
        with part.open("rb") as f:
            for chunk in iter(lambda: f.read(min(CHUNK, size - f.tell())), b""):
                digest.update(chunk)
    return digest


def _with_retries(action: Callable[[], str], *, what: str, settings: _Settings) -> str:
    """Run `action`, retrying transient errors with exponential backoff (bounded). Each
    attempt continues the partial file the previous ones left."""
    for attempt in range(settings.retries + 1):
        try:
            return action()
        except _Transient as err:
            if attempt == settings.retries:
                raise FetchError(f"{what}: giving up after {attempt + 1} attempts: {err}") \
                    from err
            delay = min(settings.backoff * (2 ** attempt), settings.max_backoff)
            settings.log(f"fetch: {what}: {err}; retry {attempt + 1}/{settings.retries} in "
                         f"{delay:g}s")
            settings.sleep(delay)
        except FetchError as err:
            raise FetchError(f"{what}: {err}") from err
    raise AssertionError("unreachable")


# --------------------------------------------------------------------------- unpacking


def _remove_stale_staging(name: str, raw_root: Path, settings: _Settings) -> None:
    """Staging folders a killed fetch of this source left behind (never a finished copy)."""
    for stale in sorted(raw_root.glob(f".staging-{name}-*")):
        settings.log(f"fetch {name}: removing {stale.name}, left by an interrupted fetch")
        shutil.rmtree(stale, ignore_errors=True)


def _share_permissions(root: Path) -> None:
    """Folders 0755, files 0644 (0755 when executable): readable by every user of a shared
    machine or a container whose user differs, whatever the archive or mkdtemp (0700) set."""
    for folder, _dirs, files in os.walk(root):
        os.chmod(folder, 0o755)
        for name in files:
            path = Path(folder) / name
            if not path.is_symlink():
                path.chmod(0o755 if path.stat().st_mode & 0o100 else 0o644)


def _unpack(file: RemoteFile, path: Path, staging: Path,
            limits: ExtractLimits = ExtractLimits()) -> None:
    if file.is_archive:
        extract_archive(path, staging, limits)
        for pattern in file.nested_archives:
            for inner in sorted(staging.glob(pattern)):
                extract_archive(inner, inner.parent / _strip_archive_suffix(inner.name), limits)
                inner.unlink()
    else:
        staging.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, staging / file.name)


def _strip_archive_suffix(name: str) -> str:
    for suffix in sorted(ARCHIVE_SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def extract_archive(archive: Path, dest: Path, limits: ExtractLimits = ExtractLimits()) -> None:
    """Extract a zip or tar(.gz/.bz2) archive into `dest`. Refused, before anything is written:
    a member whose path or link leaves `dest`, more than `limits.max_members` members, or more
    than `limits.max_bytes` unpacked."""
    dest.mkdir(parents=True, exist_ok=True)
    root = dest.resolve()
    try:
        if archive.name.endswith(".zip"):
            with zipfile.ZipFile(archive) as zf:
                members = zf.infolist()
                _check_members(archive, [(m.filename, m.file_size, None) for m in members],
                               root, dest, limits)
                zf.extractall(dest)
        else:
            with tarfile.open(archive, "r:*") as tf:
                entries = tf.getmembers()
                _check_members(archive, [(m.name, m.size if m.isfile() else 0,
                                          _link_target(m, dest)) for m in entries],
                               root, dest, limits)
                if hasattr(tarfile, "data_filter"):
                    tf.extractall(dest, filter="data")
                else:  # no extraction filters (PEP 706) before 3.11.4, as Debian 12's 3.11.2
                    _refuse_special_members(archive, entries)
                    tf.extractall(dest)
    except _TAR_FILTER_ERROR as err:
        raise FetchError(f"{archive}: refused, a member is unsafe to extract ({err})") from err
    except (zipfile.BadZipFile, tarfile.TarError, EOFError, zlib.error, OSError) as err:
        raise FetchError(f"{archive}: cannot extract ({err}); truncated or not an archive?") \
            from err


# tarfile.FilterError exists from Python 3.11.4 on; an empty tuple catches nothing before.
_TAR_FILTER_ERROR: type[Exception] | tuple[()] = getattr(tarfile, "FilterError", ())


def _refuse_special_members(archive: Path, members: list[tarfile.TarInfo]) -> None:
    """What the "data" filter refuses beyond paths and links leaving `dest` (_check_members):
    device files and FIFOs. For Pythons without extraction filters."""
    for member in members:
        if not (member.isfile() or member.isdir() or member.issym() or member.islnk()):
            raise FetchError(f"{archive}: refused, a member is unsafe to extract "
                             f"({member.name!r} is a device file or FIFO)")


def _link_target(member: tarfile.TarInfo, dest: Path) -> Path | None:
    """Where a tar link member points (symlinks: from its folder; hard links: from the root)."""
    if member.issym():
        return (dest / member.name).parent / member.linkname
    if member.islnk():
        return dest / member.linkname
    return None


def _check_members(archive: Path, members: list[tuple[str, int, Path | None]], root: Path,
                   dest: Path, limits: ExtractLimits) -> None:
    """(name, unpacked size, link target or None) of every member, checked against the rules."""
    if len(members) > limits.max_members:
        raise FetchError(f"{archive}: refused, {len(members):,} members exceed the limit of "
                         f"{limits.max_members:,} (params fetch.max_members)")
    total = sum(size for _, size, _ in members)
    if total > limits.max_bytes:
        raise FetchError(f"{archive}: refused, it would unpack to {total / 2**30:.2f} GiB, over "
                         f"the limit of {limits.max_bytes / 2**30:.2f} GiB (params "
                         "fetch.max_unpacked_gib); raise it if the source really is that large")
    for name, _, link in members:
        target = (dest / name).resolve()
        if not target.is_relative_to(root) or Path(name).is_absolute():
            raise FetchError(f"{archive}: refused, member {name!r} would be written outside "
                             "the destination (path traversal)")
        if link is not None and not link.resolve().is_relative_to(root):
            raise FetchError(f"{archive}: refused, member {name!r} links outside the "
                             f"destination ({link})")


def _check_layout(spec: SourceSpec, staging: Path) -> None:
    """Every path pattern the readers open must match something after unpacking."""
    missing = []
    for pattern in spec.layout:
        glob_pattern = re.sub(r"(\{[a-z0-9_]+\})+", "*", pattern)  # {a}{b} -> one *
        if not any(staging.glob(glob_pattern)):
            missing.append(pattern)
    if missing:
        raise FetchError(f"{spec.name}: after unpacking, nothing matches "
                         f"{', '.join(missing)} (relative to data/raw/{spec.name}/): the "
                         "download does not have the official layout")


# --------------------------------------------------------------------------- small tools


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _remove_if_empty(path: Path) -> None:
    try:
        path.rmdir()
    except OSError:
        pass


def _marker_digests(final: Path) -> dict[str, str]:
    try:
        doc = json.loads((final / MARKER).read_text(encoding="utf-8"))
        return {r["name"]: r["sha256"] for r in doc.get("files", [])}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


# --------------------------------------------------------------------------- listing


def describe_sources(names: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Every source with its files (location, name, sha256 and its status) and raw layout."""
    specs = [get_source(n) for n in names] if names is not None else sources()
    out = []
    for spec in specs:
        out.append({
            "source": spec.name,
            "description": spec.description,
            "revision": spec.revision,
            "licence": spec.licence,
            "needs_manual": spec.needs_manual,
            "manual_path": [f"data/manual/{spec.name}/{f.name}" for f in spec.files]
            if spec.needs_manual else [],
            "files": [_describe_file(f) for f in spec.files],
            "alternatives": [[_describe_file(f) for f in files] for files in spec.alternatives],
            "raw_layout": [f"data/raw/{spec.name}/{p}" for p in spec.layout],
            "tasks": list(spec.tasks),
        })
    return out


def _describe_file(f: RemoteFile) -> dict[str, Any]:
    return {
        "name": f.name,
        "location": f.location,
        "sha256": None if f.sha256 == SHA256_NOT_PINNED else f.sha256,
        "sha256_status": ("verified" if f.sha256_verified else
                          f"reported by {f.sha256_source}" if f.has_recorded_sha256
                          else "not pinned"),
    }


def format_listing(names: Sequence[str] | None = None) -> str:
    lines = []
    for item in describe_sources(names):
        manual = "  [MANUAL]" if item["needs_manual"] else ""
        lines.append(f"{item['source']}{manual}  ({item['revision']}; {item['licence']})")
        for f in item["files"]:
            digest = f["sha256"] or SHA256_NOT_PINNED
            lines.append(f"  {f['name']}")
            lines.append(f"    from   {f['location']}")
            lines.append(f"    sha256 {digest} ({f['sha256_status']})")
        for path in item["manual_path"]:
            lines.append(f"  put by hand at {path}")
        for number, files in enumerate(item["alternatives"], start=1):
            names = [f["name"] for f in files]
            shown = ", ".join(names[:3]) + (f", ... ({len(names)} files)" if len(names) > 3 else "")
            lines.append(f"  or alternative {number}: {shown}")
            for f in files[:1]:
                lines.append(f"    from   {f['location']}")
                lines.append(f"    sha256 {f['sha256'] or SHA256_NOT_PINNED} ({f['sha256_status']})")
        for path in item["raw_layout"]:
            lines.append(f"  -> {path}")
    return "\n".join(lines)


__all__ = [
    "MANIFEST",
    "MARKER",
    "ChecksumError",
    "FetchError",
    "FetchResult",
    "ManualSourceError",
    "UnknownNameError",
    "choose_files",
    "describe_sources",
    "expected_sha256",
    "extract_archive",
    "fetch",
    "fingerprint",
    "format_listing",
    "is_complete",
    "read_manifest",
    "sha256_file",
    "sources_for_tasks",
]
