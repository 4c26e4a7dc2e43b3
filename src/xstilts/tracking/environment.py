"""Tags that say which code, which stack and which image produced a run."""

from __future__ import annotations

import hashlib
import os
import platform
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from xstilts.numerics import cpu_numerics_tags
from xstilts.tracking.params import params_hash

# The packages whose versions change the numbers (or the way they are recorded).
TRACKED_PACKAGES = ("xstilts", "torch", "transformers", "datasets", "tokenizers", "mlflow", "dvc")

# The image's id cannot be known inside it: `docker run -e XSTILTS_IMAGE_DIGEST=...` passes it
# in (REPRODUCE.md §2d). The image itself sets XSTILTS_IMAGE_LOCK to the lock it installed.
IMAGE_DIGEST_ENV = "XSTILTS_IMAGE_DIGEST"
IMAGE_LOCK_ENV = "XSTILTS_IMAGE_LOCK"
NOT_IN_IMAGE = "none (not run in the xstilts image)"
DIGEST_NOT_PASSED = "unknown (docker run without -e XSTILTS_IMAGE_DIGEST)"

# A git call that hangs (network filesystem, credential prompt) must not hold up a stage.
_GIT_TIMEOUT_S = 10


@dataclass(frozen=True)
class GitState:
    commit: str  # full sha, or "unknown" outside a repository / without git
    dirty: bool | None  # None when unknown


def git_state(root: Path) -> GitState:
    """The commit checked out at `root` and whether tracked files differ from it.

    Dirty follows `git describe --dirty`: changes to tracked files count, untracked files do
    not (DVC outputs and the MLflow store are untracked and would make every run dirty).
    """
    try:
        commit = _git(root, "rev-parse", "HEAD").strip()
        status = _git(root, "status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.SubprocessError):
        return GitState(commit="unknown", dirty=None)
    return GitState(commit=commit, dirty=bool(status.strip()))


def _git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(root), *args],
        capture_output=True,
        text=True,
        timeout=_GIT_TIMEOUT_S,
        check=True,
    )
    return done.stdout


def package_versions(packages: tuple[str, ...] = TRACKED_PACKAGES) -> dict[str, str]:
    """Installed version of each package, "not installed" when missing.

    Read from package metadata rather than by importing: importing torch or dvc costs seconds.
    """
    versions: dict[str, str] = {}
    for name in packages:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def image_provenance() -> dict[str, str]:
    """The image a process runs in: `docker.image_digest` (as passed in) and
    `docker.lock_sha256` (of the lock the image installed). Outside the image both say so."""
    lock = os.environ.get(IMAGE_LOCK_ENV, "").strip()
    try:
        lock_sha256 = hashlib.sha256(Path(lock).read_bytes()).hexdigest() if lock else ""
    except OSError:
        lock_sha256 = f"unreadable ({lock})"
    if not lock_sha256:
        return {"docker.image_digest": NOT_IN_IMAGE, "docker.lock_sha256": NOT_IN_IMAGE}
    digest = os.environ.get(IMAGE_DIGEST_ENV, "").strip() or DIGEST_NOT_PASSED
    return {"docker.image_digest": digest, "docker.lock_sha256": lock_sha256}


def environment_tags(
    root: Path, params: Mapping[str, Any] | None = None, stage: str | None = None
) -> dict[str, str]:
    """Tags for a run at pipeline root `root`: git commit + dirty flag, package versions,
    Python and platform, params hash and DVC stage name when given, the image's digest and
    lock hash (or that it ran outside the image)."""
    git = git_state(root)
    tags = {
        "git.commit": git.commit,
        "git.dirty": "unknown" if git.dirty is None else str(git.dirty).lower(),
        "python.version": platform.python_version(),
        "platform": platform.platform(),
    }
    if git.commit != "unknown":
        # MLflow's own tag, so the UI links the run to its source commit.
        tags["mlflow.source.git.commit"] = git.commit
    tags.update({f"version.{name}": v for name, v in package_versions().items()})
    if params is not None:
        tags["xstilts.params_hash"] = params_hash(params)
    if stage is not None:
        tags["dvc.stage"] = stage
    tags.update(cpu_numerics_tags())  # which CPU kernels computed this run (numerics.py)
    tags.update(image_provenance())
    return tags
