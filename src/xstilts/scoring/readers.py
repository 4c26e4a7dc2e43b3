"""Per-language file readers with XTREME's exact line semantics (XTREME_SPEC.md §1.3).

They take the file's text, not a path, so the edge cases (blank lines, final newline,
end of file) are testable on strings; `folders.py` does the file I/O.
"""

from __future__ import annotations

import json
from typing import Any

from xstilts.scoring.errors import ScoringError


def physical_lines(text: str) -> list[str]:
    """Split text into lines the way iterating over a text-mode file does.

    Universal newlines (\\n, \\r\\n, \\r) end a line; a final newline ends the last line
    rather than opening an empty one. `str.splitlines` is not used because it also breaks
    on characters such as U+2028 or \\x1c, which a file iterator does not.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines[-1] == "":
        lines.pop()
    return lines


def read_line_labels(text: str) -> list[str]:
    """One stripped item per physical line; blank lines stay as empty items.

    Used for pawsx, xnli, tatoeba and bucc2018. Keeping blank lines matters for BUCC,
    where one becomes a bogus single-field "pair" (§2.3).
    """
    return [line.strip() for line in physical_lines(text)]


def read_tags(text: str) -> list[list[str]]:
    """Sentences of tags: one tag per non-blank line, a blank line closes a sentence.

    Two blank lines in a row give an empty sentence. A sentence still open at the end of
    the file is kept (XTREME fixed dropping it in Sept 2020). A `token<TAB>TAG` line is
    not split: the whole stripped line is the tag, as in XTREME.
    """
    sentences: list[list[str]] = []
    sentence: list[str] = []
    for line in physical_lines(text):
        tag = line.strip()
        if tag:
            sentence.append(tag)
        else:
            sentences.append(sentence)
            sentence = []
    if sentence:
        sentences.append(sentence)
    return sentences


def read_qa_json(text: str) -> Any:
    """Parse a QA file; a top-level object with a `data` key stands for its value.

    Labels are SQuAD-format (`{"data": [articles]}` or a bare article list); predictions
    are `{question_id: answer}`. XTREME reads both with this one rule.
    """
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ScoringError(
            f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    except RecursionError:
        raise ScoringError("JSON nested too deeply to parse; expected SQuAD-format labels or "
                           "{question_id: answer} predictions") from None
    if isinstance(document, dict) and "data" in document:
        return document["data"]
    return document


def read_bucc_pairs(text: str) -> list[str]:
    """BUCC lines (`source_id<TAB>english_id`), read like `read_line_labels`.

    A blank line stays an item (XTREME scores it as one wrong pair, §2.3), but a non-blank line
    that is not exactly two non-empty TAB-separated ids is refused: XTREME would quietly count
    it as a wrong pair, and a file whose tabs were turned into spaces would score F1 0.
    """
    lines = read_line_labels(text)
    for number, line in enumerate(lines, start=1):
        fields = line.split("\t")
        if line and (len(fields) != 2 or not all(fields)):
            raise ScoringError(
                f"line {number}: expected `<source id><TAB><english id>`, found {line[:60]!r} "
                f"({len(fields)} TAB-separated field(s)); write one pair per line"
            )
    return lines
