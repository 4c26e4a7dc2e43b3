"""The container test's setup: an engine, the image built from the local base, and one run of
the demo's baseline chain (`dvc repro score@none`) inside it as a non-root host user.

This is the only place where tests reach the network, and only package registries: the engine
(Debian's docker.io) and the local base (debootstrap) come from the Debian mirror; the
wheelhouse from the same runtime lock through pip. The build itself and the run are offline.
Opt-in outside CI (it takes minutes and installs an engine): XSTILTS_CONTAINER_TEST=1 or
`make test-container`. Under CI=true it must run: a missing engine fails instead of skipping.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.debian import apt_install

ROOT = Path(__file__).resolve().parents[2]
TAG = "xstilts:container-test"
# The host user that owns the bind-mounted tree. CI runs as root, where `--user $(id -u)` would
# be 0 and prove nothing, so the tree is given to this uid and the container runs as it.
HOST_UID = 4321
# Outputs of the chain that the comparison reads (score-run writes them; committed in git).
SCORE_FILES = ("dev.json", "test.json", "selection.json", "seeds/seeds.json")


def _wanted() -> bool:
    return os.environ.get("CI", "") == "true" or os.environ.get("XSTILTS_CONTAINER_TEST") == "1"


def _cannot(reason: str) -> None:
    if os.environ.get("CI", "") == "true":
        pytest.fail(f"container test must run in CI: {reason}")
    pytest.skip(reason)


def _docker(*args: str, check: bool = True, timeout: float = 600) -> str:
    done = subprocess.run(["docker", *args], capture_output=True, text=True, timeout=timeout,
                          check=False)
    if check and done.returncode != 0:
        raise AssertionError(f"docker {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def _head(repo: Path) -> str:
    return subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True,
                          text=True, check=True).stdout.strip()


def _engine_up() -> bool:
    if shutil.which("docker") is None:
        return False
    return subprocess.run(["docker", "info"], capture_output=True, timeout=60,
                          check=False).returncode == 0


@pytest.fixture(scope="session")
def engine() -> Iterator[None]:
    """A running Docker engine: installed from Debian's packages if missing (needs root), and
    started by hand when not running (stopped again afterwards; its image store stays)."""
    if not _wanted():
        pytest.skip("container test is opt-in: XSTILTS_CONTAINER_TEST=1 (make test-container) or CI=true")
    if _engine_up():
        yield
        return
    if os.geteuid() != 0:
        _cannot("no running Docker engine and not root, so cannot install or start one")
    if shutil.which("dockerd") is None:
        failed = apt_install("docker.io")
        if failed:
            _cannot(f"cannot install the engine ({failed})")
    log = open("/tmp/xstilts-dockerd.log", "ab")  # open as long as the daemon runs
    daemon = subprocess.Popen(["dockerd"], stdout=log, stderr=log)
    deadline = time.monotonic() + 60
    while not _engine_up():
        if daemon.poll() is not None or time.monotonic() > deadline:
            daemon.kill()
            _cannot("dockerd did not start (see /tmp/xstilts-dockerd.log)")
        time.sleep(1)
    yield
    daemon.terminate()
    daemon.wait(timeout=60)
    log.close()


@dataclass(frozen=True)
class Image:
    tag: str
    id: str
    revision: str  # HEAD when the build started (other work may commit while it runs)
    build_seconds: float


@pytest.fixture(scope="session")
def image(engine: None) -> Image:
    """The Dockerfile built on the local base from a wheelhouse of the runtime lock."""
    revision = _head(ROOT)
    start = time.monotonic()
    done = subprocess.run([str(ROOT / "scripts/container/build-local.sh"), TAG],
                          capture_output=True, text=True, check=False)
    seconds = time.monotonic() - start
    assert done.returncode == 0, done.stderr[-4000:]
    image_id = _docker("image", "inspect", "--format", "{{.Id}}", TAG).strip()
    size = int(_docker("image", "inspect", "--format", "{{.Size}}", TAG))
    print(f"\ncontainer: build {seconds:.0f} s, image {image_id[:19]} {size / 1e6:.0f} MB")
    return Image(TAG, image_id, revision, seconds)


@dataclass(frozen=True)
class DemoRun:
    tree: Path  # the bind-mounted work tree (a copy of this checkout, owned by HOST_UID)
    mlflow: Path  # the /mlflow volume
    written: list[Path]  # files the container created in the tree
    committed_scores: dict[str, object]  # demo/scores/none/<file> as checked out
    commit: str  # HEAD of the copied checkout
    seconds: float
    log: str


def _copy_checkout(dest: Path) -> None:
    """This checkout as git sees it (tracked and untracked, not ignored files, and .git)."""
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-co", "--exclude-standard",
                             "-z"], capture_output=True, check=True).stdout.decode()
    for rel in filter(None, listed.split("\0")):
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    shutil.copytree(ROOT / ".git", dest / ".git", symlinks=True)


def _chown_tree(path: Path, uid: int) -> None:
    for top, dirs, files in os.walk(path):
        for name in [*dirs, *files]:
            os.lchown(os.path.join(top, name), uid, uid)
    os.chown(path, uid, uid)


@pytest.fixture(scope="session")
def demo_run(image: Image, tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    """`dvc repro score@none` of the demo in the image, as HOST_UID, on a copy of the checkout
    whose baseline scores, report and dvc.lock were removed, so every stage of the chain runs
    and score-run writes the score files anew; then the runs are delivered and the report
    written."""
    base = tmp_path_factory.mktemp("container")
    tree, mlflow, dvc_cache = base / "tree", base / "mlflow", base / "dvc-cache"
    for path in (tree, mlflow, dvc_cache):
        path.mkdir()
    _copy_checkout(tree)
    commit = _head(tree)  # before the chown: git refuses a tree another uid owns
    scores = tree / "demo/scores/none"
    committed = {name: json.loads((scores / name).read_text()) for name in SCORE_FILES}
    for stale in ("demo/scores", "demo/results", "demo/dvc.lock"):
        target = tree / stale
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    for path in (tree, mlflow, dvc_cache):
        _chown_tree(path, HOST_UID)
    before = {p for p in tree.rglob("*") if p.is_file()}

    script = ("dvc repro score@none && xstilts sync-runs "
              "&& xstilts report --config params.yaml --scores scores --out results")
    start = time.monotonic()
    done = subprocess.run(
        ["docker", "run", "--rm", "--network", "none", "--user", f"{HOST_UID}:{HOST_UID}",
         "-e", f"XSTILTS_IMAGE_DIGEST={image.id}", "-e", "XSTILTS_PIPELINE_RUN_ID=container-test",
         "-e", "HF_HUB_OFFLINE=1", "-e", "HF_DATASETS_OFFLINE=1", "-e", "TRANSFORMERS_OFFLINE=1",
         "-v", f"{tree}:/workspace", "-v", f"{dvc_cache}:/cache/dvc", "-v", f"{mlflow}:/mlflow",
         "-w", "/workspace/demo", image.tag, "bash", "-c", script],
        capture_output=True, text=True, timeout=1800, check=False)
    seconds = time.monotonic() - start
    log = done.stdout + done.stderr
    assert done.returncode == 0, log[-6000:]
    print(f"\ncontainer: dvc repro score@none + sync-runs + report in {seconds:.0f} s")
    written = sorted({p for p in tree.rglob("*") if p.is_file()} - before)
    return DemoRun(tree, mlflow, written, committed, commit, seconds, log)
