"""Multiple choice: CommonsenseQA, Cosmos QA, HellaSwag, Social IQa (all jsonl)."""

from __future__ import annotations

from pathlib import Path

from xstilts.tasks.errors import DataFormatError
from xstilts.tasks.readers._io import field, iter_jsonl, read_lines
from xstilts.tasks.schema import MultipleChoiceExample
from xstilts.tasks.spec import TaskSpec


def _labels_file(path: Path, n_rows: int, n_choices: int, base: int) -> list[int]:
    """AI2 leaderboard labels: one integer per line, `base`-based, as many lines as rows."""
    lines = read_lines(path)
    if len(lines) != n_rows:
        raise DataFormatError(path, f"{len(lines)} labels for {n_rows} examples "
                                    "(the rows and labels files must have equal lengths)")
    out = []
    for number, line in enumerate(lines, start=1):
        try:
            value = int(line.strip()) - base
        except ValueError:
            raise DataFormatError(path, f"label {line!r} is not an integer", line=number) from None
        if not 0 <= value < n_choices:
            raise DataFormatError(
                path, f"unknown label {line.strip()!r}; expected {base}..{base + n_choices - 1}",
                line=number,
            )
        out.append(value)
    return out


def _choices(spec: TaskSpec, path: Path, values: list[object], line: int) -> tuple[str, ...]:
    if len(values) != spec.num_choices or not all(isinstance(v, str) for v in values):
        raise DataFormatError(path, f"expected {spec.num_choices} answer strings, "
                                    f"found {len(values)}", line=line)
    return tuple(str(v) for v in values)


def read_commonsenseqa(spec: TaskSpec, split: str, lang: str,
                       paths: list[Path]) -> list[MultipleChoiceExample]:
    """{"id", "answerKey" (absent on test), "question": {"stem", "choices": [{label, text}]}}."""
    out = []
    for path in paths:
        for line, obj in iter_jsonl(path):
            question = field(path, obj, "question", dict, line=line)
            stem = field(path, question, "stem", str, line=line)
            raw = field(path, question, "choices", list, line=line)
            if not all(isinstance(c, dict) and {"label", "text"} <= set(c) for c in raw):
                raise DataFormatError(path, "each choice needs 'label' and 'text'", line=line)
            keys = [c["label"] for c in raw]
            choices = _choices(spec, path, [c["text"] for c in raw], line)
            label = None
            if "answerKey" in obj:
                key = obj["answerKey"]
                if key not in keys:
                    raise DataFormatError(path, f"unknown label {key!r}; choices are "
                                                f"{', '.join(map(str, keys))}", line=line)
                label = keys.index(key)
            out.append(MultipleChoiceExample(
                id=field(path, obj, "id", str, line=line), context="", question=stem,
                choices=choices, label=label,
            ))
    return out


def read_cosmosqa(spec: TaskSpec, split: str, lang: str,
                  paths: list[Path]) -> list[MultipleChoiceExample]:
    """AI2 archive: rows {id, context, question, answer0..3} + `*-labels.lst` (0-based).

    context = context + ' ' + question, question = '' (as jiant builds its prompt): the
    featurizer then encodes each choice as (context + question, answer), jiant's two segments,
    not (context, question + answer).
    """
    rows_path = paths[0]
    rows = list(iter_jsonl(rows_path))
    labels: list[int | None] = [None] * len(rows)
    if len(paths) > 1:
        labels = list(_labels_file(paths[1], len(rows), spec.num_choices or 0, base=0))
    out = []
    for (line, obj), label in zip(rows, labels, strict=True):
        answers = [obj.get(f"answer{i}") for i in range(spec.num_choices or 0)]
        context = field(rows_path, obj, "context", str, line=line)
        question = field(rows_path, obj, "question", str, line=line)
        out.append(MultipleChoiceExample(
            id=field(rows_path, obj, "id", str, line=line),
            context=" ".join(p for p in (context.strip(), question.strip()) if p), question="",
            choices=_choices(spec, rows_path, answers, line), label=label,
        ))
    return out


def read_hellaswag(spec: TaskSpec, split: str, lang: str,
                   paths: list[Path]) -> list[MultipleChoiceExample]:
    """Authors' jsonl: context = ctx_a; choice i = ctx_b + ' ' + endings[i] (as jiant builds it).

    ctx_b is the start of the sentence each ending completes, so it belongs with the ending.
    Test rows have no label.
    """
    out = []
    for path in paths:
        for line, obj in iter_jsonl(path):
            ctx_a = field(path, obj, "ctx_a", str, line=line)
            ctx_b = field(path, obj, "ctx_b", str, line=line)
            endings = _choices(spec, path, field(path, obj, "endings", list, line=line), line)
            label = obj.get("label")
            if label is not None:
                if isinstance(label, str) and label.isdigit():
                    label = int(label)
                if not isinstance(label, int) or isinstance(label, bool) \
                        or not 0 <= label < len(endings):
                    raise DataFormatError(path, f"unknown label {obj['label']!r}; expected "
                                                f"0..{len(endings) - 1}", line=line)
            ind = obj.get("ind", line - 1)
            out.append(MultipleChoiceExample(
                id=f"hellaswag-{split}-{ind}", context=ctx_a, question="",
                choices=tuple(" ".join(p for p in (ctx_b.strip(), e.strip()) if p)
                              for e in endings),
                label=label,
            ))
    return out


def read_socialiqa(spec: TaskSpec, split: str, lang: str,
                   paths: list[Path]) -> list[MultipleChoiceExample]:
    """AI2 archive: rows {context, question, answerA..C} + `*-labels.lst` (1-based)."""
    rows_path, label_path = paths[0], paths[1]
    rows = list(iter_jsonl(rows_path))
    labels = _labels_file(label_path, len(rows), spec.num_choices or 0, base=1)
    out = []
    for (line, obj), label in zip(rows, labels, strict=True):
        answers = [obj.get(f"answer{c}") for c in "ABC"]
        out.append(MultipleChoiceExample(
            id=f"socialiqa-{split}-{line - 1}",
            context=field(rows_path, obj, "context", str, line=line),
            question=field(rows_path, obj, "question", str, line=line),
            choices=_choices(spec, rows_path, answers, line), label=label,
        ))
    return out
