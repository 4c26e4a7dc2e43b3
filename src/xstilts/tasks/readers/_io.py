"""File access shared by the readers: every failure becomes a DataFormatError naming the file.

Files are decoded as strict UTF-8 (every official file here is UTF-8): a bad byte is reported
with its line number instead of turning into U+FFFD somewhere in a training example.
"""

from __future__ import annotations

import glob
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from xstilts.tasks.errors import DataFormatError


def read_text(path: Path) -> str:
    """The whole file as text; missing, empty or non-UTF-8 files raise DataFormatError."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataFormatError(
            path, "file not found (run `xstilts fetch` first, or check the raw root)"
        ) from None
    except IsADirectoryError:
        raise DataFormatError(path, "expected a file, found a directory") from None
    except OSError as err:  # a symlink loop, a dangling link, no permission
        raise DataFormatError(
            path, f"cannot read ({err.strerror or err}); check the file (`ls -lL {path}`) or "
            "re-run `xstilts fetch`"
        ) from None
    if not data.strip():
        raise DataFormatError(path, "file is empty")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise DataFormatError(
            path, f"not valid UTF-8 (byte {data[err.start]:#04x} at offset {err.start})",
            line=line,
        ) from err


def read_lines(path: Path) -> list[str]:
    """Lines without their line terminator (`\\n` or `\\r\\n`); no trailing empty item."""
    text = read_text(path)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def iter_tsv(path: Path, *, header: bool) -> Iterator[tuple[int, dict[str, str] | list[str]]]:
    """Rows split on TAB with quoting disabled (as GLUE, XNLI and XTREME read these files).

    With `header`, yields (line number, {column: value}) and requires every row to have as
    many fields as the header; otherwise yields (line number, fields).
    """
    lines = read_lines(path)
    columns: list[str] | None = None
    for number, line in enumerate(lines, start=1):
        fields = line.split("\t")
        if header and columns is None:
            # A byte-order mark (an editor's "UTF-8 with BOM") would glue itself to the first
            # column's name, which then looks right but is missing. XTREME never reads these
            # headers (it skips the first line), so dropping the mark changes no data.
            fields[0] = fields[0].removeprefix("\ufeff")
            columns = fields
            continue
        if columns is not None:
            if len(fields) != len(columns):
                raise DataFormatError(
                    path, f"expected {len(columns)} TAB-separated fields "
                    f"({', '.join(columns)}), found {len(fields)}", line=number,
                )
            yield number, dict(zip(columns, fields, strict=True))
        else:
            yield number, fields
    if header and columns is None:
        raise DataFormatError(path, "missing header line")


def require_columns(path: Path, row: dict[str, str], columns: tuple[str, ...], line: int) -> None:
    missing = [c for c in columns if c not in row]
    if missing:
        raise DataFormatError(
            path, f"header lacks column(s) {', '.join(missing)}; found {', '.join(row)}",
            line=line,
        )


def iter_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line; a line that is not a JSON object fails."""
    for number, line in enumerate(read_lines(path), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            raise DataFormatError(path, f"invalid JSON ({err.msg}, column {err.colno}); "
                                        "truncated file?", line=number) from err
        except RecursionError:
            raise DataFormatError(path, TOO_DEEP, line=number) from None
        if not isinstance(obj, dict):
            raise DataFormatError(path, f"expected a JSON object, found {type(obj).__name__}",
                                  line=number)
        yield number, obj


def read_json(path: Path) -> Any:
    text = read_text(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise DataFormatError(path, f"invalid JSON ({err.msg}, column {err.colno}); "
                                    "truncated file?", line=err.lineno) from err
    except RecursionError:
        raise DataFormatError(path, TOO_DEEP) from None


# Python's JSON parser recurses once per nesting level; no official file nests past ~10.
TOO_DEEP = ("JSON nested too deeply to parse (thousands of levels); expected the official "
            "format (re-run `xstilts fetch`)")


def field(path: Path, obj: dict[str, Any], key: str, kind: type | tuple[type, ...], *,
          line: int | None = None, record: str | None = None) -> Any:
    """obj[key], which must exist and be of `kind`."""
    if key not in obj:
        raise DataFormatError(path, f"missing field {key!r}", line=line, record=record)
    value = obj[key]
    # bool is an int in Python; a JSON true is never a valid offset or label here
    if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _as_tuple(kind)):
        raise DataFormatError(
            path, f"field {key!r} should be {_kind_name(kind)}, found {type(value).__name__}",
            line=line, record=record,
        )
    return value


def _as_tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _kind_name(kind: type | tuple[type, ...]) -> str:
    return " or ".join(k.__name__ for k in _as_tuple(kind))


def check_label(path: Path, label: str, valid: tuple[str, ...], *, line: int | None = None,
                record: str | None = None) -> str:
    if label not in valid:
        raise DataFormatError(
            path, f"unknown label {label!r}; expected one of {', '.join(valid)}",
            line=line, record=record,
        )
    return label


def expand(raw_root: Path, pattern: str) -> list[Path]:
    """Paths matching a registry pattern (may hold `*`), sorted by file name then path."""
    if not glob.has_magic(pattern):
        return [raw_root / pattern]
    found = [Path(p) for p in glob.glob(str(raw_root / pattern))]
    return sorted(found, key=lambda p: (p.name, str(p)))
