"""Sentence and sentence-pair classification: GLUE MNLI/QQP/SST-2, SNLI, ANLI, XNLI, PAWS-X."""

from __future__ import annotations

from pathlib import Path

from xstilts.tasks.errors import DataFormatError
from xstilts.tasks.readers._io import check_label, field, iter_jsonl, iter_tsv, require_columns
from xstilts.tasks.schema import ClassificationExample
from xstilts.tasks.spec import TaskSpec

_ANLI_LABELS = {"e": "entailment", "n": "neutral", "c": "contradiction"}


def _label_column(split: str, column: str) -> tuple[str, ...]:
    """GLUE's test files have no label column (label None); every other split must have it, or
    the task would silently train or select on unlabelled rows."""
    return () if split == "test" else (column,)


def read_mnli_tsv(path: Path, labels: tuple[str, ...], lang: str = "en",
                  id_prefix: str = "mnli", split: str = "train") -> list[ClassificationExample]:
    """GLUE's MNLI tsv: columns by header name; test files have no gold_label (label None)."""
    out = []
    for line, row in iter_tsv(path, header=True):
        assert isinstance(row, dict)
        require_columns(path, row, ("pairID", "sentence1", "sentence2",
                                    *_label_column(split, "gold_label")), line)
        label = row.get("gold_label")
        if label is not None:
            check_label(path, label, labels, line=line)
        out.append(ClassificationExample(
            id=f"{id_prefix}-{row['pairID']}", text_a=row["sentence1"], text_b=row["sentence2"],
            label=label, lang=lang,
        ))
    return out


def read_snli_jsonl(path: Path, labels: tuple[str, ...]) -> list[ClassificationExample]:
    """SNLI jsonl. gold_label '-' (no annotator consensus) is dropped, as every SNLI user does."""
    out = []
    for line, obj in iter_jsonl(path):
        label = field(path, obj, "gold_label", str, line=line)
        if label == "-":
            continue
        check_label(path, label, labels, line=line)
        out.append(ClassificationExample(
            id=f"snli-{field(path, obj, 'pairID', str, line=line)}",
            text_a=field(path, obj, "sentence1", str, line=line),
            text_b=field(path, obj, "sentence2", str, line=line),
            label=label,
        ))
    return out


def read_anli_jsonl(path: Path) -> list[ClassificationExample]:
    """ANLI jsonl: context/hypothesis, label e/n/c mapped to the NLI label words."""
    out = []
    for line, obj in iter_jsonl(path):
        short = field(path, obj, "label", str, line=line)
        if short not in _ANLI_LABELS:
            raise DataFormatError(path, f"unknown label {short!r}; expected one of e, n, c",
                                  line=line)
        out.append(ClassificationExample(
            id=f"anli-{field(path, obj, 'uid', str, line=line)}",
            text_a=field(path, obj, "context", str, line=line),
            text_b=field(path, obj, "hypothesis", str, line=line),
            label=_ANLI_LABELS[short],
        ))
    return out


def read_anli(spec: TaskSpec, split: str, lang: str,
              paths: list[Path]) -> list[ClassificationExample]:
    """ANLI rounds in order; for `anli_mnli_snli` also the MNLI and SNLI training files."""
    out: list[ClassificationExample] = []
    for path in paths:
        if path.suffix == ".tsv":
            out += read_mnli_tsv(path, spec.labels, split=split)
        elif path.name.startswith("snli_"):
            out += read_snli_jsonl(path, spec.labels)
        else:
            out += read_anli_jsonl(path)
    return out


def read_mnli(spec: TaskSpec, split: str, lang: str,
              paths: list[Path]) -> list[ClassificationExample]:
    return [ex for path in paths for ex in read_mnli_tsv(path, spec.labels, split=split)]


def read_snli(spec: TaskSpec, split: str, lang: str,
              paths: list[Path]) -> list[ClassificationExample]:
    return [ex for path in paths for ex in read_snli_jsonl(path, spec.labels)]


def read_qqp(spec: TaskSpec, split: str, lang: str,
             paths: list[Path]) -> list[ClassificationExample]:
    """GLUE QQP tsv: id qid1 qid2 question1 question2 is_duplicate (test: id question1 question2)."""
    out = []
    for path in paths:
        for line, row in iter_tsv(path, header=True):
            assert isinstance(row, dict)
            require_columns(path, row, ("id", "question1", "question2",
                                        *_label_column(split, "is_duplicate")), line)
            label = row.get("is_duplicate")
            if label is not None:
                check_label(path, label, spec.labels, line=line)
            out.append(ClassificationExample(
                id=f"qqp-{split}-{row['id']}", text_a=row["question1"], text_b=row["question2"],
                label=label,
            ))
    return out


def read_sst2(spec: TaskSpec, split: str, lang: str,
              paths: list[Path]) -> list[ClassificationExample]:
    """GLUE SST-2 tsv: `sentence label` (test: `index sentence`, unlabelled)."""
    out = []
    for path in paths:
        for line, row in iter_tsv(path, header=True):
            assert isinstance(row, dict)
            require_columns(path, row, ("sentence", *_label_column(split, "label")), line)
            label = row.get("label")
            if label is not None:
                check_label(path, label, spec.labels, line=line)
            ident = row.get("index", str(line - 1))
            out.append(ClassificationExample(id=f"sst2-{split}-{ident}", text_a=row["sentence"],
                                             text_b=None, label=label))
    return out


def read_xnli_mt_tsv(path: Path, labels: tuple[str, ...], lang: str,
                     id_prefix: str) -> list[ClassificationExample]:
    """One XNLI-MT training file (`multinli.train.<lang>.tsv`, English or translated).

    Columns premise, hypo, label by header name, sentences stripped as XTREME does. XNLI-MT says
    'contradictory' where MNLI says 'contradiction'; it is the same class (XTREME_SPEC.md §2.1),
    so it is mapped. Ids are `<id_prefix>-<lang>-train-<row>`, row 1 = the first data line.
    """
    out = []
    for line, row in iter_tsv(path, header=True):
        assert isinstance(row, dict)
        require_columns(path, row, ("premise", "hypo", "label"), line)
        label = "contradiction" if row["label"] == "contradictory" else row["label"]
        check_label(path, label, labels, line=line)
        out.append(ClassificationExample(
            id=f"{id_prefix}-{lang}-train-{line - 1}", text_a=row["premise"].strip(),
            text_b=row["hypo"].strip(), label=label, lang=lang,
        ))
    return out


def read_xnli(spec: TaskSpec, split: str, lang: str,
              paths: list[Path]) -> list[ClassificationExample]:
    """XNLI: dev/test from XNLI-1.0's all-language tsv; train = MultiNLI from XNLI-MT.

    XTREME reads columns language, gold_label, sentence1, sentence2 and strips the sentences.
    """
    out: list[ClassificationExample] = []
    for path in paths:
        if split == "train":
            out += read_xnli_mt_tsv(path, spec.labels, lang, "xnli")
            continue
        found = 0
        for line, row in iter_tsv(path, header=True):
            assert isinstance(row, dict)
            require_columns(path, row, ("language", "gold_label", "sentence1", "sentence2"), line)
            if row["language"] != lang:
                continue
            found += 1
            label = check_label(path, row["gold_label"], spec.labels, line=line)
            ident = row.get("pairID") or str(line - 1)
            out.append(ClassificationExample(
                id=f"xnli-{lang}-{split}-{ident}", text_a=row["sentence1"].strip(),
                text_b=row["sentence2"].strip(), label=label, lang=lang,
            ))
        if not found:
            raise DataFormatError(path, f"no rows with language {lang!r}")
    return out


def read_pawsx(spec: TaskSpec, split: str, lang: str,
               paths: list[Path]) -> list[ClassificationExample]:
    """PAWS-X tsv (id sentence1 sentence2 label), split on TAB with quoting disabled.

    XTREME splits raw lines on TAB; the Hugging Face loader parses with CSV quoting, which joins
    lines at stray quotes and drops rows (XTREME_SPEC.md §3.2). A quote is ordinary text here.
    """
    out = []
    for path in paths:
        for line, row in iter_tsv(path, header=True):
            assert isinstance(row, dict)
            require_columns(path, row, ("id", "sentence1", "sentence2", "label"), line)
            label = check_label(path, row["label"], spec.labels, line=line)
            out.append(ClassificationExample(
                id=f"pawsx-{lang}-{split}-{row['id']}", text_a=row["sentence1"].strip(),
                text_b=row["sentence2"].strip(), label=label, lang=lang,
            ))
    return out


def read_mnli_translated(spec: TaskSpec, split: str, lang: str,
                         paths: list[Path]) -> list[ClassificationExample]:
    """MNLI's machine-translated training sets: XNLI-MT's `multinli.train.<lang>.tsv`, in the
    same format as its English file."""
    return [ex for path in paths for ex in read_xnli_mt_tsv(path, spec.labels, lang, spec.name)]
