"""CCG supertagging from CCGbank 1.1 (LDC2005T13) AUTO files.

Format read (CCGbank manual, appendix D.2, "machine-readable derivations"): each sentence is
two lines, a header `ID=wsj_0001.1 PARSER=GOLD NUMPARSE=1` and the derivation on one line.
Leaves look like `(<L N/N NNP NNP Pierre N_73/N_73>)`: the fields after `L` are the CCG
category (the supertag), the modified POS, the original POS, the word and the
predicate-argument category. A sentence becomes one TaggingExample: the words in order, each
tagged with its category.

Splits are the standard ones: train = sections 02-21, dev = 00, test = 23. The label set is open
(about 1,300 categories in training): `xstilts.tasks.readers.label_set` builds it from train.
"""

from __future__ import annotations

import re
from pathlib import Path

from xstilts.tasks.errors import DataFormatError
from xstilts.tasks.readers._io import read_lines
from xstilts.tasks.schema import TaggingExample
from xstilts.tasks.spec import TaskSpec

_LEAF = re.compile(r"\(<L (\S+) (\S+) (\S+) (\S+) (\S+)>\)")


def read_auto_file(path: Path) -> list[TaggingExample]:
    out = []
    lines = read_lines(path)
    number = 0
    while number < len(lines):
        header = lines[number]
        number += 1
        if not header.strip():
            continue
        if not header.startswith("ID="):
            raise DataFormatError(path, f"expected a sentence header `ID=...`, found "
                                        f"{header[:40]!r}", line=number)
        ident = header.split()[0][3:]
        if number >= len(lines) or not lines[number].strip():
            raise DataFormatError(path, f"sentence {ident} has no derivation line (truncated?)",
                                  line=number)
        tree = lines[number]
        number += 1
        leaves = _LEAF.findall(tree)
        if not leaves or tree.count("(") != tree.count(")"):
            raise DataFormatError(path, f"sentence {ident}: unbalanced or leafless derivation",
                                  line=number)
        out.append(TaggingExample(id=f"ccg-{ident}", tokens=tuple(leaf[3] for leaf in leaves),
                                  tags=tuple(leaf[0] for leaf in leaves)))
    return out


def read_ccg(spec: TaskSpec, split: str, lang: str, paths: list[Path]) -> list[TaggingExample]:
    if not paths:
        raise DataFormatError(Path("data/raw/ccg/ccgbank_1_1/data/AUTO"),
                              f"no AUTO files for split {split!r} (run `xstilts fetch`; CCGbank "
                              "needs a manual step, see `xstilts fetch --list`)")
    return [ex for path in paths for ex in read_auto_file(path)]
