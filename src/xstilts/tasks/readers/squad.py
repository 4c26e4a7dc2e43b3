"""Extractive QA in SQuAD JSON: SQuAD v1.1/v2.0, XQuAD, MLQA, TyDi QA GoldP."""

from __future__ import annotations

from pathlib import Path

from xstilts.tasks.errors import DataFormatError
from xstilts.tasks.heldout import split_heldout
from xstilts.tasks.languages import TYDIQA_NAMES
from xstilts.tasks.readers._io import field, read_json
from xstilts.tasks.schema import Answer, SpanExample
from xstilts.tasks.spec import HELDOUT, TaskSpec


def read_squad_file(path: Path, lang: str) -> list[SpanExample]:
    """{"data": [{"title", "paragraphs": [{"context", "qas": [{"id", "question", "answers",
    "is_impossible"?}]}]}]}. SQuAD v2 no-answer questions have is_impossible true and no answers.
    """
    doc = read_json(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("data"), list):
        raise DataFormatError(path, "expected a JSON object with a 'data' list (SQuAD format)")
    out: list[SpanExample] = []
    for a, article in enumerate(doc["data"]):
        where = f"data[{a}]"
        if not isinstance(article, dict):
            raise DataFormatError(path, "article is not an object", record=where)
        title = article.get("title", "")
        paragraphs = field(path, article, "paragraphs", list, record=where)
        for p, paragraph in enumerate(paragraphs):
            where = f"data[{a}].paragraphs[{p}]"
            if not isinstance(paragraph, dict):
                raise DataFormatError(path, "paragraph is not an object", record=where)
            context = field(path, paragraph, "context", str, record=where)
            for q, qa in enumerate(field(path, paragraph, "qas", list, record=where)):
                out.append(_question(path, qa, context, str(title), lang,
                                     f"data[{a}].paragraphs[{p}].qas[{q}]"))
    return out


def _question(path: Path, qa: object, context: str, title: str, lang: str,
              where: str) -> SpanExample:
    if not isinstance(qa, dict):
        raise DataFormatError(path, "question is not an object", record=where)
    qid = field(path, qa, "id", str, record=where)
    where = f"{where} (id {qid})"
    answers = []
    for answer in field(path, qa, "answers", list, record=where):
        if not isinstance(answer, dict):
            raise DataFormatError(path, "answer is not an object", record=where)
        start = field(path, answer, "answer_start", int, record=where)
        text = field(path, answer, "text", str, record=where)
        if not 0 <= start <= len(context):
            raise DataFormatError(path, f"answer_start {start} is outside the context "
                                        f"({len(context)} characters)", record=where)
        answers.append(Answer(text=text, answer_start=start))
    impossible = qa.get("is_impossible", False)
    if not isinstance(impossible, bool):
        raise DataFormatError(path, "is_impossible should be true or false", record=where)
    if impossible and answers:
        raise DataFormatError(path, "is_impossible is true but answers are given", record=where)
    return SpanExample(id=qid, question=field(path, qa, "question", str, record=where),
                       context=context, answers=tuple(answers), is_impossible=impossible,
                       title=title, lang=lang)


def read_squad(spec: TaskSpec, split: str, lang: str, paths: list[Path]) -> list[SpanExample]:
    return [ex for path in paths for ex in read_squad_file(path, lang)]


def read_tydiqa(spec: TaskSpec, split: str, lang: str, paths: list[Path]) -> list[SpanExample]:
    """TyDi QA GoldP. Training keeps only English: ids starting with `english-`.

    The train file mixes nine languages; jiant's "English" training set kept them all
    (LESSONS.md). The language is the id's prefix up to the first dash, and only that: the rest
    may hold a second dash from a negative number (`english--3215621880858840488-2`), so ids are
    never split on '-'. Split `heldout` (the model-selection set) is a seeded slice of those
    English questions, and `train` is the rest (`spec.heldout`, tasks/heldout.py).
    """
    examples = read_squad(spec, split, lang, paths)
    if split not in ("train", HELDOUT):
        return examples
    prefix = f"{TYDIQA_NAMES[lang]}-"
    english = [ex for ex in examples if ex.id.startswith(prefix)]
    return split_heldout(english, split, spec.heldout) if spec.heldout else english
