"""PAN-X (WikiANN, Rahimi et al. splits): lines `<lang>:<token>\\t<TAG>`, blank between sentences.

XTREME's preprocessing (XTREME_SPEC.md §3.4): the token is everything after the *first* `:`
(tokens such as `en:http://x` or `en::` keep their own colons); a line with no `:` is dropped
silently. Unlike Hugging Face's loader, the prefix is not assumed to be 3 characters long.
"""

from __future__ import annotations

from pathlib import Path

from xstilts.tasks.errors import DataFormatError
from xstilts.tasks.readers._io import check_label, read_lines
from xstilts.tasks.schema import TaggingExample
from xstilts.tasks.spec import TaskSpec


def token_of(column: str) -> str | None:
    """The token in `<lang>:<token>`, or None when there is no ':' (the line is dropped)."""
    colon = column.find(":")
    if colon == -1:
        return None
    return column[colon + 1:].strip()


def read_panx_file(path: Path, lang: str, split: str, labels: tuple[str, ...],
                   start: int = 0) -> list[TaggingExample]:
    out: list[TaggingExample] = []
    tokens: list[str] = []
    tags: list[str] = []

    def close() -> None:
        if tokens:
            out.append(TaggingExample(id=f"panx-{lang}-{split}-{start + len(out)}",
                                      tokens=tuple(tokens), tags=tuple(tags), lang=lang))
        tokens.clear()
        tags.clear()

    for number, line in enumerate(read_lines(path), start=1):
        if not line.strip():
            close()
            continue
        fields = line.strip().split("\t")
        if len(fields) != 2:
            raise DataFormatError(path, f"expected `<lang>:<token>` TAB `<tag>`, found "
                                        f"{len(fields)} field(s)", line=number)
        token = token_of(fields[0])
        if token is None:
            continue
        tokens.append(token)
        tags.append(check_label(path, fields[1].strip(), labels, line=number))
    close()
    return out


def read_panx(spec: TaskSpec, split: str, lang: str, paths: list[Path]) -> list[TaggingExample]:
    out: list[TaggingExample] = []
    for path in paths:
        out += read_panx_file(path, lang, split, spec.labels, start=len(out))
    return out
