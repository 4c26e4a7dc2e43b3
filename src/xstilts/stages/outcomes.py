"""What did not run, and why: failure records of stage commands and their blocked dependents.

A stage command that fails writes `.xstilts-state/failed/<stage>.json` (its exit code and the
last lines of its error message); the same stage succeeding removes it. With the pipeline plan
(tools/pipeline.py: each stage's inputs and outputs) that is enough to say, after
`dvc repro --keep-going`, which stages failed and which did not run because an input of theirs
was never made. Only stages of the current plan count: a record of a stage that was since
removed from the grid is ignored.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FAILED = Path(".xstilts-state") / "failed"


@dataclass(frozen=True)
class NotRun:
    """A stage of the plan that did not run: it `failed`, or it waits on `blocked_by`."""

    stage: str
    reason: str
    failed: bool
    blocked_by: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"stage": self.stage, "status": "failed" if self.failed else "not run",
                "reason": self.reason, "blocked_by": self.blocked_by}


def record_failure(stage: str, exit_code: int, message: str, root: Path = Path(".")) -> Path:
    from xstilts.fileio import write_text_atomic

    lines = [line for line in message.strip().splitlines() if line.strip()]
    record = {"stage": stage, "exit_code": exit_code, "reason": _reason(lines, exit_code),
              "message": "\n".join(lines[-20:]), "time": time.time()}
    return write_text_atomic(root / FAILED / f"{stage}.json",
                             json.dumps(record, indent=1) + "\n")


def _reason(lines: list[str], exit_code: int) -> str:
    """The error line a person reads first: the last line that names the problem."""
    for line in reversed(lines):
        if not line.startswith((" ", "Traceback", "\t")) and "INFO" not in line:
            return re.sub(r"^xstilts [\w-]+: ", "", line.strip())  # the stage is named anyway
    return f"exited with code {exit_code}"


def clear_failure(stage: str, root: Path = Path(".")) -> None:
    (root / FAILED / f"{stage}.json").unlink(missing_ok=True)


def failure_records(root: Path = Path(".")) -> dict[str, dict[str, Any]]:
    records: dict[str, dict[str, Any]] = {}
    for path in sorted((root / FAILED).glob("*.json")):
        try:
            record = json.loads(path.read_text())
        except (OSError, ValueError):
            continue
        records[str(record.get("stage", path.stem))] = record
    return records


def not_run(plan: dict[str, tuple[list[str], list[str]]],
            root: Path = Path(".")) -> list[NotRun]:
    """Failed stages of `plan` ({stage: (inputs, outputs)}, in pipeline order) and every stage
    downstream of one, each with the failure that blocks it."""
    records = failure_records(root)
    out: dict[str, NotRun] = {}
    for stage, (inputs, _) in plan.items():
        cause = next((out[up] for up, (_, outputs) in plan.items() if up in out and any(
            _within(i, o) or _within(o, i) for i in inputs for o in outputs)), None)
        if cause is not None:  # blocked: a record of its own is from an earlier attempt
            origin = cause.blocked_by or cause.stage
            out[stage] = NotRun(stage, f"{origin} failed: {records[origin]['reason']}", False,
                                origin)
        elif stage in records:
            out[stage] = NotRun(stage, str(records[stage]["reason"]), True)
    return list(out.values())


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")
