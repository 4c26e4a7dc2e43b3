"""UD-POS: Universal Dependencies 2.5 CoNLL-U read with XTREME's conversion rules (§3.3).

Per language, every treebank file `<lang>_<treebank>-ud-<split>.conllu` is read, in sorted
file-name order, and the sentences concatenated. For each sentence:

1. Multi-word tokens (`n-m` range lines) replace their sub-words by one token: the fused surface
   form, tagged with the UPOS of the span head. The span head is the sub-word closest to the
   root; a tie goes to the UPOS earliest in a precedence list (per language for es, fr, it).
2. Empty nodes (`n.m`) and comments are dropped.
3. A sentence whose forms are all, or all but one, `_` is dropped: treebanks that withhold
   their text (e.g. Arabic-NYUAD, English-ESL) would otherwise train on underscores.
4. In each token, U+200C (ZWNJ) and spaces are removed (Vietnamese "sinh viên" -> "sinhviên").

Known deviation: XTREME's converter (ud-conversion-tools) also puts the enhanced-dependency
edges of the DEPS column into the graph it measures "closest to the root" on. Here only the
basic tree (HEAD) is used; the two differ only for a tie inside a multi-word token of a treebank
with enhanced dependencies. A UPOS missing from a precedence list ranks last instead of
crashing the converter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from xstilts.tasks.errors import DataFormatError
from xstilts.tasks.readers._io import check_label, read_lines
from xstilts.tasks.schema import TaggingExample
from xstilts.tasks.spec import TaskSpec

POS_PRECEDENCE: dict[str, tuple[str, ...]] = {
    "default": tuple("VERB NOUN PROPN PRON ADJ NUM ADV INTJ AUX ADP DET PART CCONJ SCONJ X "
                     "PUNCT".split()),
    "es": tuple("VERB AUX PRON ADP DET".split()),
    "fr": tuple("VERB AUX PRON NOUN ADJ ADV ADP DET PART SCONJ CONJ".split()),
    "it": tuple("VERB AUX ADV PRON ADP DET INTJ".split()),
}

_FILE = re.compile(r"^(?P<lang>[^_]+)_.*-ud-(?P<split>train|dev|test)\.conllu$")
_RANGE = re.compile(r"^(\d+)-(\d+)$")
_EMPTY = re.compile(r"^\d+\.\d+$")


@dataclass
class _Word:
    form: str
    upos: str
    head: int | None


@dataclass
class _Sentence:
    words: dict[int, _Word]
    ranges: list[tuple[int, int, str]]
    line: int


def parse_conllu(path: Path) -> list[_Sentence]:
    """Sentences of one CoNLL-U file; malformed lines and a cut-off last sentence fail."""
    sentences: list[_Sentence] = []
    words: dict[int, _Word] = {}
    ranges: list[tuple[int, int, str]] = []
    start = 0
    lines = read_lines(path)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            if words:
                sentences.append(_Sentence(words, ranges, start))
            words, ranges = {}, []
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 10:
            raise DataFormatError(path, f"expected 10 TAB-separated CoNLL-U columns, "
                                        f"found {len(cols)}", line=number)
        if not words and not ranges:
            start = number
        ident = cols[0]
        if _EMPTY.match(ident):
            continue
        match = _RANGE.match(ident)
        if match:
            ranges.append((int(match[1]), int(match[2]), cols[1]))
            continue
        if not ident.isdigit():
            raise DataFormatError(path, f"bad token id {ident!r}", line=number)
        if int(ident) in words:
            raise DataFormatError(path, f"token id {ident} appears twice in the sentence "
                                        f"starting at line {start}; expected ids 1, 2, 3, ... "
                                        "(a sentence without its blank line before it?)",
                                  line=number)
        head = int(cols[6]) if cols[6].isdigit() else None
        words[int(ident)] = _Word(form=cols[1], upos=cols[3], head=head)
    if words or ranges:
        raise DataFormatError(path, "file ends inside a sentence (no blank line after the "
                                    "last sentence): truncated?", line=len(lines))
    return sentences


def _depth(words: dict[int, _Word], node: int) -> int:
    """Number of ancestors of `node` in the basic tree (the root node 0 included)."""
    seen = {node}
    depth = 0
    head = words[node].head
    while head is not None and head != 0:
        if head in seen or head not in words:
            break  # a cycle or a dangling head: stop climbing, as a forest would
        seen.add(head)
        depth += 1
        head = words[head].head
    return depth + (1 if head == 0 else 0)


def span_head(words: dict[int, _Word], span: range, precedence: tuple[str, ...]) -> int:
    """The sub-word of a multi-word token that carries its tag."""
    present = [i for i in span if i in words]
    depths = {i: _depth(words, i) for i in present}
    top = min(depths.values())
    highest = [i for i in present if depths[i] == top]
    if len(highest) == 1:
        return highest[0]

    def rank(i: int) -> int:
        upos = words[i].upos
        return precedence.index(upos) if upos in precedence else len(precedence)

    return min(highest, key=rank)  # min keeps the first of equal ranks, as XTREME's `<` does


def convert(sentence: _Sentence, lang: str) -> tuple[list[str], list[str]]:
    """Apply rule 1 (multi-word tokens) and return (forms, tags) in order."""
    precedence = POS_PRECEDENCE.get(lang, POS_PRECEDENCE["default"])
    words = dict(sentence.words)
    forms = {i: w.form for i, w in words.items()}
    for first, last, fused in sentence.ranges:
        span = range(first, last + 1)
        if not any(i in words for i in span):
            continue
        keep = span_head(words, span, precedence)
        forms[keep] = fused
        for i in span:
            if i != keep:
                forms.pop(i, None)
    order = sorted(forms)
    return [forms[i] for i in order], [words[i].upos for i in order]


def withholds_text(forms: list[str]) -> bool:
    """Rule 3: at least one `_` form, and `_` forms number at least len - 1."""
    blanks = sum(1 for f in forms if f == "_")
    return blanks > 0 and blanks >= len(forms) - 1


def clean_token(form: str) -> str:
    """Rule 4 (XTREME strips each form, then removes ZWNJ and spaces inside it)."""
    return "".join(form.strip().replace("\u200c", "").split(" "))


def treebank_files(paths: list[Path], lang: str, split: str) -> list[Path]:
    """Keep files named for this language and split; sorted by file name (XTREME's order)."""
    keep = []
    for path in paths:
        match = _FILE.match(path.name)
        if match and match["lang"] == lang and match["split"] == split:
            keep.append(path)
    return sorted(keep, key=lambda p: p.name)


def read_udpos(spec: TaskSpec, split: str, lang: str, paths: list[Path]) -> list[TaggingExample]:
    files = treebank_files(paths, lang, split)
    if not files:
        raise DataFormatError(
            paths[0] if paths else Path("udpos"),
            f"no UD 2.5 treebank file for language {lang!r}, split {split!r} "
            f"(expected ud-treebanks-v2.5/UD_*/{lang}_*-ud-{split}.conllu)",
        )
    out: list[TaggingExample] = []
    for path in files:
        for sentence in parse_conllu(path):
            forms, tags = convert(sentence, lang)
            if withholds_text([f.strip() for f in forms]):
                continue
            for tag in tags:
                check_label(path, tag, spec.labels, line=sentence.line)
            out.append(TaggingExample(
                id=f"udpos-{lang}-{split}-{len(out)}",
                tokens=tuple(clean_token(f) for f in forms), tags=tuple(tags), lang=lang,
            ))
    return out
