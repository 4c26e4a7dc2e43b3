"""The shape of one task in the registry (pure data; see registry.py for the entries)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

Role = Literal["intermediate", "target", "corpus"]
ROLES: tuple[str, ...] = ("intermediate", "target", "corpus")
"""`corpus`: plain text that is neither trained on as a task nor evaluated (the MLM corpus of
demo pretraining and of the continued-MLM ablation); kept apart so that lists of intermediate
or target tasks never pick it up."""
HELDOUT = "heldout"
"""A seeded slice of a task's English train split kept out of training (see `HeldOut`)."""
SELECTION = "selection"
"""The split name under which predictions, gold labels and scores of a target's model-selection
set are written (predictions/<run>/.../selection/, labels/<task>/selection-<lang>, scores/<run>/selection.json)."""
SPLITS: tuple[str, ...] = ("train", HELDOUT, "dev", "test")


@dataclass(frozen=True)
class LanguageEntry:
    """The raw files of one language of a task: `(split, paths)` pairs.

    Paths are relative to the raw root (`data/raw/`) and start with the source name; a path may
    hold `*` (UD-POS: every treebank of the language), expanded and sorted by the reader.
    """

    lang: str
    files: tuple[tuple[str, tuple[str, ...]], ...]

    @property
    def splits(self) -> tuple[str, ...]:
        return tuple(split for split, _ in self.files)

    def paths(self, split: str) -> tuple[str, ...] | None:
        for name, paths in self.files:
            if name == split:
                return paths
        return None


@dataclass(frozen=True)
class HeldOut:
    """Examples of the `train` split moved to split `heldout`, never trained on.

    Membership is decided per example id (sha256 of `seed:id`, lowest first), so it does not
    depend on file order: the `ceil(fraction * n)` ids with the smallest digests are held out.
    """

    fraction: float
    seed: int


@dataclass(frozen=True)
class Selection:
    """The data a target's model is chosen on: early stopping and the report's best
    intermediate model per target read only these files, never the target's test files.

    `task`/`split`/`languages` name the examples (they may belong to another task: XQuAD selects
    on SQuAD v1.1 dev); `files` are their raw paths relative to data/raw, filled in by the
    registry; `reason` says why a reviewer should accept the set.
    """

    task: str
    split: str
    languages: tuple[str, ...]
    reason: str
    files: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"task": self.task, "split": self.split, "languages": list(self.languages),
                "files": list(self.files), "reason": self.reason}


def file_extension(kind: str) -> str:
    """XTREME's prediction and gold files: `json` for span extraction (QA), else `tsv`."""
    return "json" if kind == "span_extraction" else "tsv"


@dataclass(frozen=True)
class TaskSpec:
    """One task: what it is, how it is scored, where its data comes from.

    `head` names the output head; tasks with the same head share it (XNLI uses MNLI's, XQuAD and
    MLQA use SQuAD's). `train_task` is the task whose English `train` split trains this one
    (None: no training, e.g. retrieval). `labels` are ordered: label ids follow this order.
    `finetune` names the one fine-tuned checkpoint (DVC cell `target@<run>-<finetune>`) whose
    predictions this target scores: XQuAD and MLQA share `squad`. `selection` is the
    model-selection set (None: nothing is selected for this task, `notes` says why).
    """

    name: str
    version: int
    family: str
    role: Role
    kind: str
    head: str | None
    labels: tuple[str, ...]
    metrics: tuple[str, ...]
    task_score: str
    languages: tuple[str, ...]
    sources: tuple[str, ...]
    reader: str
    entries: tuple[LanguageEntry, ...]
    train_task: str | None
    train_data: str
    description: str
    licence: str
    needs_manual: bool
    group: str | None = None
    num_choices: int | None = None
    open_label_set: bool = False
    finetune: str | None = None
    selection: Selection | None = None
    heldout: HeldOut | None = None
    paper_task: bool = True
    notes: str = ""

    @property
    def is_qa(self) -> bool:
        """Span extraction (SQuAD, XQuAD, MLQA, TyDi QA): SQuAD-style JSON, EM and F1."""
        return self.kind == "span_extraction"

    @property
    def prediction_extension(self) -> str:
        """The extension of its XTREME prediction and gold files (`file_extension`)."""
        return file_extension(self.kind)

    def score_of(self, averages: Mapping[str, float]) -> float:
        """Its one number from its metrics' language averages, by `task_score`: a metric name,
        or `mean(a,b)` = (a + b) / 2 (XTREME's QA score is (EM + F1) / 2)."""
        rule = self.task_score
        if rule.startswith("mean(") and rule.endswith(")"):
            first, second = (m.strip() for m in rule[5:-1].split(","))
            return (averages[first] + averages[second]) / 2
        return averages[rule]

    @property
    def splits(self) -> tuple[str, ...]:
        """Every split that at least one language has, in train/dev/test order."""
        present = {s for e in self.entries for s in e.splits}
        return tuple(s for s in SPLITS if s in present)

    def entry(self, lang: str) -> LanguageEntry | None:
        for e in self.entries:
            if e.lang == lang:
                return e
        return None

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: the fields of `xstilts tasks --json`."""
        return {
            "name": self.name,
            "version": self.version,
            "family": self.family,
            "role": self.role,
            "kind": self.kind,
            "head": self.head,
            "languages": list(self.languages),
            "labels": list(self.labels),
            "num_choices": self.num_choices,
            "open_label_set": self.open_label_set,
            "metrics": list(self.metrics),
            "task_score": self.task_score,
            "group": self.group,
            "splits": list(self.splits),
            "train_task": self.train_task,
            "train_data": self.train_data,
            "finetune": self.finetune,
            "selection": self.selection.to_json() if self.selection else None,
            "sources": list(self.sources),
            "licence": self.licence,
            "needs_manual": self.needs_manual,
            "paper_task": self.paper_task,
            "description": self.description,
            "notes": self.notes,
            "files": {
                e.lang: {split: list(paths) for split, paths in e.files} for e in self.entries
            },
        }
