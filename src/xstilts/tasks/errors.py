"""Errors a user can hit when the registry or a raw file is wrong."""

from __future__ import annotations

from pathlib import Path


class DataFormatError(ValueError):
    """A raw file does not follow its official format.

    The message always names the file, the line (1-based) or record, and the problem, so the
    user can open the file at that place.
    """

    def __init__(self, path: Path | str, problem: str, *, line: int | None = None,
                 record: str | None = None) -> None:
        self.path = Path(path)
        self.line = line
        self.record = record
        self.problem = problem
        where = str(self.path)
        if line is not None:
            where += f", line {line}"
        if record is not None:
            where += f", record {record}"
        super().__init__(f"{where}: {problem}")


class UnknownNameError(KeyError):
    """A task, source or language name that the registry does not know; lists the valid ones."""

    def __init__(self, what: str, name: str, valid: list[str] | tuple[str, ...]) -> None:
        self.name = name
        self.valid = tuple(valid)
        self.message = f"unknown {what} {name!r}; valid {what}s: {', '.join(self.valid)}"
        super().__init__(self.message)

    def __str__(self) -> str:  # KeyError would quote the whole message
        return self.message
