"""Writing files and folders so that a reader (the scorer, DVC, a resumed run) sees the old one
or the new one, never half of one: a temporary sibling, fsync, rename, fsync of the folder.

`write_text_atomic` / `write_bytes_atomic` for files, `atomic_folder` / `replace_folder` for
folders: the one place every stage's writers go through.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write UTF-8 text (LF line ends) to `path` atomically; returns the path."""
    return write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: str | Path, data: bytes) -> Path:
    """Write `data` to `path` atomically (temporary sibling, fsync, rename); returns the path.

    For content another library renders (a matplotlib PNG, a CSV writer), build the bytes in
    memory first and pass them here.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes 0600 files; an output must be readable by the other users of a shared
        # machine or a container's bind mount, like the files of an extracted download.
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)
    return path


def fsync_dir(path: Path) -> None:
    """Persist a rename; some filesystems refuse fsync on folders (the rename is still atomic)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# -- folders --------------------------------------------------------------------------------
#
# A folder cannot be renamed over a non-empty one, so replacing one takes two renames. Done as
# "old aside, new in, old removed", a kill between the two renames leaves the final name empty
# but the old folder whole under its aside name; `recover_folder` (run by every writer before it
# writes, and by readers that want to) puts it back instead of deleting it. At no moment is
# neither the old nor the new folder on disk.

ASIDE_SUFFIX = ".old"


def aside_path(final: Path) -> Path:
    """Where `replace_folder` keeps the old copy of `final` during a swap."""
    return final.parent / f".{final.name}{ASIDE_SUFFIX}"


def recover_folder(final: str | Path) -> None:
    """Finish or undo a swap of `final` that a kill interrupted.

    Final missing, aside present: the kill came between the two renames; the aside copy is the
    last complete folder, so it is restored. Both present: the new folder was in place; the
    aside copy is only garbage.
    """
    final = Path(final)
    aside = aside_path(final)
    if not aside.exists():
        return
    if final.exists():
        shutil.rmtree(aside, ignore_errors=True)
    else:
        os.replace(aside, final)
        fsync_dir(final.parent)


def replace_folder(new: str | Path, final: str | Path) -> Path:
    """Move the complete folder `new` (a sibling of `final`) to `final`, replacing any old one.

    The files of `new` are fsynced first, so the rename cannot reach the disk before the data
    it names. A reader sees the old folder or the new one; a kill at any point leaves one of
    them under `final` or under the aside name that `recover_folder` restores.
    """
    new, final = Path(new), Path(final)
    recover_folder(final)
    fsync_tree(new)
    if final.exists():
        aside = aside_path(final)
        os.replace(final, aside)
        _between_renames()
        try:
            os.replace(new, final)
        except BaseException:
            os.replace(aside, final)
            raise
        fsync_dir(final.parent)  # the new folder is durable before the old copy goes
        shutil.rmtree(aside, ignore_errors=True)
    else:
        os.replace(new, final)
        fsync_dir(final.parent)
    return final


def _between_renames() -> None:
    """A seam for the kill tests: the moment between the two renames of a swap."""


@contextmanager
def atomic_folder(final: str | Path) -> Iterator[Path]:
    """Yield an empty temporary sibling of `final`; on a clean exit it replaces `final`
    (`replace_folder`), on an error it is removed and `final` is left as it was."""
    final = Path(final)
    final.parent.mkdir(parents=True, exist_ok=True)
    recover_folder(final)
    remove_stale_temps(final)  # a killed writer's; one writer per folder (locks.py)
    tmp = Path(tempfile.mkdtemp(prefix=f".{final.name}.tmp-", dir=final.parent))
    try:
        yield tmp
        replace_folder(tmp, final)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def remove_stale_temps(final: str | Path) -> None:
    """Temporary folders of writers of `final` killed mid-write (`.<name>.tmp-*`)."""
    final = Path(final)
    for stale in final.parent.glob(f".{final.name}.tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)


def fsync_tree(root: Path) -> None:
    """fsync every file and folder under `root` (and `root`)."""
    for dirpath, _, filenames in os.walk(root):
        for name in filenames:
            path = os.path.join(dirpath, name)
            if os.path.islink(path):
                continue
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        fsync_dir(Path(dirpath))
