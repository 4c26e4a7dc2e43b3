"""Plain-text corpora for masked-LM: the Leipzig Corpora Collection's sentences files.

A Leipzig download `<name>.tar.gz` holds `<name>/<name>-sentences.txt`, one sentence per line as
`<sentence id>TAB<sentence>` (UTF-8). The reader returns the sentences as plain `str`, in file
order, file after file: the `mlm` kind has no labels, and `featurize_mlm` takes strings.
"""

from __future__ import annotations

from pathlib import Path

from xstilts.tasks.errors import DataFormatError
from xstilts.tasks.readers._io import read_lines
from xstilts.tasks.spec import TaskSpec


def read_leipzig_sentences(path: Path) -> list[str]:
    """The sentences of one `-sentences.txt` file, without their ids.

    A line must be a numeric id, a TAB, then the sentence: anything else means the file is not a
    Leipzig sentences file (or was cut), and is reported with its line number rather than read
    as text. Blank lines and blank sentences carry no text for MLM and are skipped.
    """
    out = []
    for number, line in enumerate(read_lines(path), start=1):
        if not line.strip():
            continue
        ident, tab, sentence = line.partition("\t")
        if not tab or not ident.strip().isdigit():
            raise DataFormatError(
                path, f"expected `<sentence id>TAB<sentence>`, found {line[:60]!r}", line=number
            )
        sentence = sentence.strip()
        if sentence:
            out.append(sentence)
    return out


def read_leipzig(spec: TaskSpec, split: str, lang: str, paths: list[Path]) -> list[str]:
    """Every sentence of the entry's files, concatenated in the registry's file order."""
    return [sentence for path in paths for sentence in read_leipzig_sentences(path)]
