"""Resumable training state of one stage, keyed by what the run is.

A killed stage resumes from `.xstilts-state/<stage>/<key>/` when rerun with the same settings.
The key hashes the resolved training config and task list, so a stage rerun after a params
change (DVC re-runs it because its params changed) starts fresh instead of refusing the old
state; the old run's state is removed. Once the stage finishes, its state goes too: the
checkpoint (a DVC output) is what later stages read, and optimizer state for ~560M parameters
is several GB per run.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from xstilts.layout import state_dir
from xstilts.locks import folder_lock


def state_key(identity: object) -> str:
    text = json.dumps(identity, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@contextmanager
def training_state(stage: str, identity: object, root: Path = Path("."),
                   main: bool = True) -> Iterator[Path]:
    """The run folder for `stage` with settings `identity`; removed when the block succeeds.

    `main=False` (a torchrun rank other than 0): the same folder, read only; rank 0 holds the
    lock and cleans up, after a barrier at the end of the block.
    """
    base = root / state_dir(stage)
    run_dir = base / state_key(identity)
    if not main:
        yield run_dir
        return
    # A second process on the same state would delete this one's temporary folders (and its
    # state, under another config): it is stopped with this process's pid instead.
    with folder_lock(base, f"the training state of stage {stage!r}"):
        if base.is_dir():
            for other in base.iterdir():
                if other != run_dir:
                    shutil.rmtree(other, ignore_errors=True)  # another config's leftover state
        yield run_dir
        shutil.rmtree(base, ignore_errors=True)
