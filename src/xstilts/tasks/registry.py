"""The task registry: one template per family, one small entry per task, languages generated.

As in lm-evaluation-harness, a task is data. A family template (`_NLI`, `_QA`, ...) fixes what
its tasks share (kind, metrics, reader); each task overrides a few keys; per-language file
entries are generated from path templates instead of being written out 40 times.

Bump a task's `version` whenever what its reader returns changes (files, rules, labels):
prepared caches and scores record it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from xstilts.tasks.errors import UnknownNameError
from xstilts.tasks.languages import (
    LEIPZIG_WIKIPEDIA,
    TATOEBA_CODES,
    TYDIQA_NAMES,
    XTREME_LANGUAGES,
)
from xstilts.tasks.sources import SOURCES
from xstilts.tasks.spec import HELDOUT, ROLES, HeldOut, LanguageEntry, Selection, TaskSpec

NLI_LABELS: tuple[str, ...] = ("entailment", "neutral", "contradiction")
"""One order for every NLI task: XNLI is evaluated with MNLI's head, so they must agree."""

UPOS_TAGS: tuple[str, ...] = tuple(
    "ADJ ADP ADV AUX CCONJ DET INTJ NOUN NUM PART PRON PROPN PUNCT SCONJ SYM VERB X".split()
)
"""The 17 UPOS tags in Hugging Face's ClassLabel order (XTREME_SPEC.md §3.3)."""

PANX_TAGS: tuple[str, ...] = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC")
"""IOB2 PER/ORG/LOC in Hugging Face's ClassLabel order (XTREME_SPEC.md §3.4)."""

BINARY_LABELS: tuple[str, ...] = ("0", "1")

PAPER_INTERMEDIATE_FAMILIES: tuple[str, ...] = (
    "anli", "ccg", "commonsenseqa", "cosmosqa", "hellaswag", "mnli", "qqp", "squad", "sst2",
)  # fmt: skip
"""The nine intermediate tasks of the paper (v2), by family (PAPER.md leaves SQuAD v1.1/v2.0
and ANLI's extra data open: params.yaml names the task, e.g. `squad_v1`, `anli_mnli_snli`)."""

XTREME_TARGETS: tuple[str, ...] = (
    "xnli", "pawsx", "udpos", "panx", "xquad", "mlqa", "tydiqa", "bucc2018", "tatoeba",
)  # fmt: skip

# -------------------------------------------------------------------------------- helpers


def _en(**splits: str | tuple[str, ...]) -> tuple[LanguageEntry, ...]:
    """A single English entry from split=path(s) keywords."""
    files = tuple((s, (p,) if isinstance(p, str) else p) for s, p in splits.items())
    return (LanguageEntry("en", files),)


def _per_language(
    langs: Iterable[str], make: Callable[[str], dict[str, str | tuple[str, ...]]]
) -> tuple[LanguageEntry, ...]:
    """Generate one entry per language from a function lang -> {split: path(s)}."""
    out = []
    for lang in langs:
        files = tuple(
            (s, (p,) if isinstance(p, str) else p) for s, p in make(lang).items() if p
        )
        out.append(LanguageEntry(lang, files))
    return tuple(out)


def _licence(sources: tuple[str, ...]) -> str:
    return "; ".join(f"{s}: {SOURCES[s].licence}" for s in sources)


def _make(template: dict[str, Any], **overrides: Any) -> TaskSpec:
    fields = {**template, **overrides}
    fields.setdefault("languages", tuple(e.lang for e in fields["entries"]))
    fields.setdefault("licence", _licence(fields["sources"]))
    fields.setdefault("needs_manual", any(SOURCES[s].needs_manual for s in fields["sources"]))
    return TaskSpec(**fields)


# -------------------------------------------------------------------------------- families

_INTERMEDIATE: dict[str, Any] = {"version": 1, "role": "intermediate", "train_task": None}

_NLI = {**_INTERMEDIATE, "kind": "classification", "labels": NLI_LABELS,
        "metrics": ("accuracy",), "task_score": "accuracy"}
_PAIR = {**_INTERMEDIATE, "kind": "classification", "labels": BINARY_LABELS}
_MC = {**_INTERMEDIATE, "kind": "multiple_choice", "labels": (), "metrics": ("accuracy",),
       "task_score": "accuracy"}
_SQUAD = {**_INTERMEDIATE, "kind": "span_extraction", "labels": (), "family": "squad",
          "head": "squad", "reader": "squad", "metrics": ("exact_match", "f1"),
          "task_score": "mean(exact_match,f1)"}

_TARGET: dict[str, Any] = {"version": 1, "role": "target"}
_QA_TARGET = {**_TARGET, "kind": "span_extraction", "labels": (), "group": "qa",
              "metrics": ("exact_match", "f1"), "task_score": "mean(exact_match,f1)"}
_TAGGING_TARGET = {**_TARGET, "kind": "tagging", "group": "tagging",
                   "metrics": ("f1", "precision", "recall"), "task_score": "f1"}
_RETRIEVAL = {**_TARGET, "kind": "retrieval", "head": None, "labels": (), "group": "retrieval",
              "reader": "retrieval", "train_task": None,
              "train_data": "none: sentence embeddings of the intermediate checkpoint"}


def _anli_paths(split: str) -> tuple[str, ...]:
    return tuple(f"anli/anli_v1.0/R{r}/{split}.jsonl" for r in (1, 2, 3))


def _udpos_files(lang: str) -> dict[str, str | tuple[str, ...]]:
    # UD 2.5 has no train/dev for some XTREME languages (XTREME_SPEC.md §3.3).
    pattern = f"udpos/ud-treebanks-v2.5/*/{lang}_*-ud-{{split}}.conllu"
    if lang in ("tl", "th", "yo"):
        splits: tuple[str, ...] = ("test",)
    elif lang == "kk":
        splits = ("train", "test")
    else:
        splits = ("train", "dev", "test")
    return {s: pattern.format(split=s) for s in splits}


def _leipzig_sentences() -> tuple[str, ...]:
    """Every language's sentences file, in language-code order (the order of the corpus)."""
    return tuple(f"leipzig_wikipedia/{name}/{name}-sentences.txt"
                 for _, name in sorted(LEIPZIG_WIKIPEDIA.items()))


MLM_CORPUS_ENTRY = "multi"
"""The one language entry of `mlm_corpus`: all languages in one list. The consumers (demo
pretraining, which reads every entry, and the continued-MLM ablation, which reads `multi`) want
the whole multilingual corpus; per-language entries beside it would make pretraining and
`prepare` read each sentence twice."""


def _ccg_sections(first: int, last: int) -> tuple[str, ...]:
    return tuple(f"ccg/ccgbank_1_1/data/AUTO/{sec:02d}/wsj_*.auto" for sec in range(first, last + 1))


# -------------------------------------------------------------------------------- selection
# Model selection never reads a target's test files (tests/tasks/test_selection_sets.py). These
# sets are replication choices, not facts from the paper (which says only "chosen on dev"):
# REPRODUCE.md §6 and the report's protocol notes list them.

TYDIQA_HELDOUT = HeldOut(fraction=0.1, seed=20200526)
"""TyDiQA's selection set: 10% of the English GoldP train questions (ids hashed with this seed,
the paper's arXiv date), moved out of training. XTREME's TyDiQA test is the GoldP dev set."""


def _english_dev(task: str) -> Selection:
    return Selection(task, "dev", ("en",),
                     f"{task}'s English dev set: XTREME's dev split, disjoint from its test split")


_SQUAD_DEV = Selection(
    "squad_v1", "dev", ("en",),
    "SQuAD v1.1 dev (English), the dev set of the data XQuAD and MLQA are trained on, as in "
    "jiant; XQuAD has no dev set (its one set is XTREME's test), and MLQA shares XQuAD's "
    "fine-tune, so both select on the same data")

# -------------------------------------------------------------------------------- tasks

_TASKS: tuple[TaskSpec, ...] = (
    # ---- intermediate (the paper's nine, by family) ----
    _make(_NLI, name="anli", family="anli", head="anli", reader="anli", sources=("anli",),
          entries=_en(train=_anli_paths("train"), dev=_anli_paths("dev"),
                      test=_anli_paths("test")),
          train_data="ANLI R1-R3 train", description="Adversarial NLI, rounds 1-3 combined"),
    _make(_NLI, name="anli_mnli_snli", family="anli", head="anli", reader="anli",
          sources=("anli", "mnli", "snli"),
          entries=_en(train=(*_anli_paths("train"), "mnli/MNLI/train.tsv",
                             "snli/snli_1.0/snli_1.0_train.jsonl"),
                      dev=_anli_paths("dev"), test=_anli_paths("test")),
          train_data="ANLI R1-R3 + MNLI + SNLI train",
          description="ANLI rounds 1-3 with MNLI and SNLI added to training (evaluated on ANLI)",
          notes="The paper's 'ANLI' probably means this combination (unverified, PAPER.md)."),
    _make(_INTERMEDIATE, name="ccg", family="ccg", kind="tagging", head="ccg", labels=(),
          open_label_set=True, metrics=("accuracy",), task_score="accuracy", reader="ccg",
          sources=("ccg",),
          entries=_en(train=_ccg_sections(2, 21), dev=_ccg_sections(0, 0),
                      test=_ccg_sections(23, 23)),
          train_data="CCGbank sections 02-21",
          description="CCG supertagging on CCGbank (one supertag per word)",
          notes="Open label set: labels = sorted supertags of the training split "
                "(xstilts.tasks.readers.label_set)."),
    _make(_MC, name="commonsenseqa", family="commonsenseqa", head="commonsenseqa",
          num_choices=5, reader="commonsenseqa", sources=("commonsenseqa",),
          entries=_en(train="commonsenseqa/train_rand_split.jsonl",
                      dev="commonsenseqa/dev_rand_split.jsonl",
                      test="commonsenseqa/test_rand_split_no_answers.jsonl"),
          train_data="CommonsenseQA train", description="CommonsenseQA, 5 choices"),
    _make(_MC, name="cosmosqa", family="cosmosqa", head="cosmosqa", num_choices=4, version=2,
          reader="cosmosqa", sources=("cosmosqa",),
          entries=_en(train=("cosmosqa/train.jsonl", "cosmosqa/train-labels.lst"),
                      dev=("cosmosqa/valid.jsonl", "cosmosqa/valid-labels.lst"),
                      test=("cosmosqa/test.jsonl",)),
          train_data="Cosmos QA train", description="Cosmos QA, 4 choices"),
    _make(_MC, name="hellaswag", family="hellaswag", head="hellaswag", num_choices=4,
          reader="hellaswag", sources=("hellaswag",),
          entries=_en(train="hellaswag/hellaswag_train.jsonl",
                      dev="hellaswag/hellaswag_val.jsonl",
                      test="hellaswag/hellaswag_test.jsonl"),
          train_data="HellaSwag train",
          description="HellaSwag, 4 endings (context ctx_a; each choice is ctx_b + ending)"),
    _make(_NLI, name="mnli", family="mnli", head="mnli", reader="mnli", sources=("mnli",),
          entries=_en(train="mnli/MNLI/train.tsv", dev="mnli/MNLI/dev_matched.tsv",
                      test="mnli/MNLI/test_matched.tsv"),
          train_data="MNLI train", description="MultiNLI (dev = matched)"),
    _make(_PAIR, name="qqp", family="qqp", head="qqp", metrics=("accuracy", "f1"),
          task_score="mean(accuracy,f1)", reader="qqp", sources=("qqp",),
          entries=_en(train="qqp/QQP/train.tsv", dev="qqp/QQP/dev.tsv", test="qqp/QQP/test.tsv"),
          train_data="QQP train", description="Quora Question Pairs (label 1 = duplicate)"),
    _make(_SQUAD, name="squad_v1", sources=("squad_v1",),
          entries=_en(train="squad_v1/train-v1.1.json", dev="squad_v1/dev-v1.1.json"),
          train_data="SQuAD v1.1 train", description="SQuAD v1.1 as an intermediate task"),
    _make(_SQUAD, name="squad_v2", sources=("squad_v2",),
          entries=_en(train="squad_v2/train-v2.0.json", dev="squad_v2/dev-v2.0.json"),
          train_data="SQuAD v2.0 train",
          description="SQuAD v2.0 (unanswerable questions: no answers, is_impossible)"),
    _make(_PAIR, name="sst2", family="sst2", head="sst2", metrics=("accuracy",),
          task_score="accuracy", reader="sst2", sources=("sst2",),
          entries=_en(train="sst2/SST-2/train.tsv", dev="sst2/SST-2/dev.tsv",
                      test="sst2/SST-2/test.tsv"),
          train_data="SST-2 train", description="SST-2 sentiment (single sentence)"),
    # ---- intermediate extras (not among the paper's nine) ----
    _make(_NLI, name="snli", family="snli", head="snli", reader="snli", sources=("snli",),
          paper_task=False,
          entries=_en(train="snli/snli_1.0/snli_1.0_train.jsonl",
                      dev="snli/snli_1.0/snli_1.0_dev.jsonl",
                      test="snli/snli_1.0/snli_1.0_test.jsonl"),
          train_data="SNLI train",
          description="SNLI (pairs without annotator consensus, gold_label '-', are dropped)"),
    _make(_MC, name="socialiqa", family="socialiqa", head="socialiqa", num_choices=3,
          reader="socialiqa", sources=("socialiqa",), paper_task=False,
          entries=_en(train=("socialiqa/socialiqa-train-dev/train.jsonl",
                             "socialiqa/socialiqa-train-dev/train-labels.lst"),
                      dev=("socialiqa/socialiqa-train-dev/dev.jsonl",
                           "socialiqa/socialiqa-train-dev/dev-labels.lst")),
          train_data="Social IQa train", description="Social IQa, 3 choices"),
    # ---- intermediate ablation input: machine-translated MNLI (not among the paper's nine) ----
    _make(_NLI, name="mnli_translated", family="mnli", head="mnli", reader="xnli_mt",
          sources=("xnli_mt",), paper_task=False,
          entries=_per_language(
              [lang for lang in XTREME_LANGUAGES["xnli"] if lang != "en"],
              lambda lang: {"train": f"xnli_mt/XNLI-MT-1.0/multinli/multinli.train.{lang}.tsv"},
          ),
          train_task="mnli_translated",
          train_data="MultiNLI train machine-translated into XNLI's 14 non-English languages "
                     "(XNLI-MT 1.0), 'contradictory' read as 'contradiction'",
          description="MNLI's machine-translated training sets, one entry per language (input of "
                      "the translated-data ablation)",
          notes="Train split only. The paper's MT system and languages are unknown (PAPER.md); "
                "XNLI-MT is the public translated MNLI."),
    # ---- XTREME targets ----
    _make(_TARGET, name="xnli", family="xnli", kind="classification", head="mnli",
          labels=NLI_LABELS, metrics=("accuracy",), task_score="accuracy",
          group="classification", reader="xnli", sources=("xnli", "xnli_mt"),
          entries=_per_language(XTREME_LANGUAGES["xnli"], lambda lang: {
              "train": "xnli_mt/XNLI-MT-1.0/multinli/multinli.train.en.tsv" if lang == "en" else "",
              "dev": "xnli/XNLI-1.0/xnli.dev.tsv",
              "test": "xnli/XNLI-1.0/xnli.test.tsv",
          }),
          train_task="xnli", finetune="xnli", selection=_english_dev("xnli"),
          train_data="MultiNLI train (392,702 pairs) from XNLI-MT-1.0, 'contradictory' read "
                     "as 'contradiction'",
          description="XNLI: zero-shot NLI in 15 languages with MNLI's head"),
    _make(_TARGET, name="pawsx", family="pawsx", kind="classification", head="pawsx",
          labels=BINARY_LABELS, metrics=("accuracy",), task_score="accuracy",
          group="classification", reader="pawsx", sources=("pawsx",),
          entries=_per_language(XTREME_LANGUAGES["pawsx"], lambda lang: {
              "train": "pawsx/x-final/en/train.tsv" if lang == "en" else "",
              "dev": f"pawsx/x-final/{lang}/dev_2k.tsv",
              "test": f"pawsx/x-final/{lang}/test_2k.tsv",
          }),
          train_task="pawsx", finetune="pawsx", selection=_english_dev("pawsx"),
          train_data="PAWS-X English train (x-final/en/train.tsv)",
          description="PAWS-X paraphrase identification"),
    _make(_TAGGING_TARGET, name="udpos", family="udpos", head="udpos", labels=UPOS_TAGS,
          reader="udpos", sources=("udpos",),
          entries=_per_language(XTREME_LANGUAGES["udpos"], _udpos_files),
          train_task="udpos", finetune="udpos", selection=_english_dev("udpos"),
          train_data="every English UD 2.5 train treebank",
          description="UD-POS (UD 2.5, XTREME's conversion rules)"),
    _make(_TAGGING_TARGET, name="panx", family="panx", head="panx", labels=PANX_TAGS,
          reader="panx", sources=("panx",),
          entries=_per_language(XTREME_LANGUAGES["panx"], lambda lang: {
              s: f"panx/panx_dataset/{lang}/{s}" for s in ("train", "dev", "test")
          }),
          train_task="panx", finetune="panx", selection=_english_dev("panx"),
          train_data="PAN-X English train",
          description="PAN-X / WikiANN NER (Rahimi et al. 2019 splits)"),
    _make(_QA_TARGET, name="xquad", family="xquad", head="squad", reader="squad",
          sources=("xquad", "squad_v1"),
          entries=_per_language(XTREME_LANGUAGES["xquad"], lambda lang: {
              "dev": f"xquad/xquad.{lang}.json", "test": f"xquad/xquad.{lang}.json",
          }),
          train_task="squad_v1", finetune="squad", selection=_SQUAD_DEV,
          train_data="SQuAD v1.1 train",
          description="XQuAD (one published set per language: XTREME's test, also listed as dev "
                      "for the paper's dev-set tables; never used for a choice)"),
    _make(_QA_TARGET, name="mlqa", family="mlqa", head="squad", reader="squad",
          sources=("mlqa", "squad_v1"),
          entries=_per_language(XTREME_LANGUAGES["mlqa"], lambda lang: {
              "dev": f"mlqa/MLQA_V1/dev/dev-context-{lang}-question-{lang}.json",
              "test": f"mlqa/MLQA_V1/test/test-context-{lang}-question-{lang}.json",
          }),
          train_task="squad_v1", finetune="squad", selection=_SQUAD_DEV,
          train_data="SQuAD v1.1 train",
          description="MLQA, context and question in the same language"),
    _make(_QA_TARGET, name="tydiqa", family="tydiqa", head="tydiqa", reader="tydiqa",
          sources=("tydiqa",),
          entries=_per_language(XTREME_LANGUAGES["tydiqa"], lambda lang: {
              "train": "tydiqa/tydiqa-goldp-v1.1-train.json" if lang == "en" else "",
              HELDOUT: "tydiqa/tydiqa-goldp-v1.1-train.json" if lang == "en" else "",
              "dev": f"tydiqa/tydiqa-goldp-v1.1-dev/tydiqa-goldp-dev-{TYDIQA_NAMES[lang]}.json",
              "test": f"tydiqa/tydiqa-goldp-v1.1-dev/tydiqa-goldp-dev-{TYDIQA_NAMES[lang]}.json",
          }),
          train_task="tydiqa", finetune="tydiqa", heldout=TYDIQA_HELDOUT, version=2,
          selection=Selection(
              "tydiqa", HELDOUT, ("en",),
              "a seeded 10% of the English GoldP train questions, held out of training "
              "(TYDIQA_HELDOUT); the GoldP dev set is XTREME's TyDiQA test"),
          train_data="English part of TyDi QA GoldP train (ids starting 'english-') without "
                     "the held-out 10% of the selection set",
          description="TyDi QA GoldP (the official GoldP dev set is XTREME's test, also listed "
                      "as dev for the paper's dev-set tables; never used for a choice)"),
    _make(_RETRIEVAL, name="bucc2018", family="bucc2018", metrics=("f1", "precision", "recall"),
          task_score="f1", sources=("bucc2018",),
          entries=_per_language(XTREME_LANGUAGES["bucc2018"], lambda lang: {
              split: tuple(f"bucc2018/bucc2018/{lang}-en/{lang}-en.{part}.{ext}"
                           for ext in (lang, "en", "gold"))
              for split, part in (("dev", "sample"), ("test", "training"))
          }),
          selection=Selection(
              "bucc2018", "dev", XTREME_LANGUAGES["bucc2018"],
              "the BUCC 2018 sample data (XTREME's dev): it tunes the mining threshold and "
              "chooses the model; the test split is BUCC's training data"),
          description="BUCC 2018 parallel sentence mining (dev = sample, test = training)"),
    _make(_RETRIEVAL, name="tatoeba", family="tatoeba", metrics=("accuracy",),
          task_score="accuracy", sources=("tatoeba",),
          entries=_per_language(XTREME_LANGUAGES["tatoeba"], lambda lang: {
              split: (f"tatoeba/tatoeba.{TATOEBA_CODES[lang]}-eng.{TATOEBA_CODES[lang]}",
                      f"tatoeba/tatoeba.{TATOEBA_CODES[lang]}-eng.eng")
              for split in ("dev", "test")
          }),
          description="Tatoeba retrieval, English queries against the non-English side "
                      "(one published set: XTREME's test, also listed as dev for the paper's "
                      "dev-set tables; never used for a choice)",
          notes="No selection set: XTREME publishes no Tatoeba dev data, so nothing is selected "
                "on it; the report's best-model-per-target composite uses the baseline (none) "
                "for Tatoeba."),
    # ---- the MLM corpus (role `corpus`: neither trained on as a task nor evaluated) ----
    _make({"version": 1, "role": "corpus"}, name="mlm_corpus", family="mlm_corpus", kind="mlm",
          head="mlm", labels=(), metrics=(), task_score="", reader="leipzig",
          sources=("leipzig_wikipedia",), paper_task=False,
          entries=(LanguageEntry(MLM_CORPUS_ENTRY, (("train", _leipzig_sentences()),)),),
          train_task=None,
          train_data="Leipzig sentences of the 40 XTREME languages (Wikipedia; Burmese: "
                     "community), concatenated in language-code order (entry 'multi')",
          description="Multilingual plain text for masked-LM: the demo's pretraining and the "
                      "continued-MLM ablation (one sentence per example, a plain str)",
          notes="The paper's MLM corpus is unknown ('probably multilingual Wikipedia text', "
                "PAPER.md): Leipzig's Wikipedia corpora are a stand-in, each name seen in "
                "Leipzig's download list, digests not pinned (see the leipzig_wikipedia "
                "source)."),
)



def _with_selection_files(tasks: tuple[TaskSpec, ...]) -> tuple[TaskSpec, ...]:
    """Fill each selection set's raw files from the entries of the task it reads."""
    by_name = {t.name: t for t in tasks}
    out = []
    for t in tasks:
        if t.selection is not None:
            source, sel = by_name[t.selection.task], t.selection
            files = tuple(path for lang in sel.languages
                          for path in source.entry(lang).paths(sel.split))  # type: ignore[union-attr]
            t = replace(t, selection=replace(t.selection, files=files))
        out.append(t)
    return tuple(out)


_TASKS = _with_selection_files(_TASKS)
TASKS: dict[str, TaskSpec] = {t.name: t for t in _TASKS}


def all_tasks() -> list[TaskSpec]:
    """Every task, intermediate first, then targets, then corpora, in registry order."""
    return list(_TASKS)


def task_names(role: str | None = None) -> list[str]:
    """Task names, optionally only those of one role (`intermediate`, `target` or `corpus`)."""
    if role is not None and role not in ROLES:
        raise UnknownNameError("role", role, ROLES)
    return [t.name for t in _TASKS if role is None or t.role == role]


def get_task(name: str) -> TaskSpec:
    """The task called `name`; an unknown name raises an error listing the valid ones."""
    try:
        return TASKS[name]
    except KeyError:
        raise UnknownNameError("task", name, task_names()) from None


def finetunes() -> dict[str, tuple[str, ...]]:
    """Fine-tune name -> the target tasks its one checkpoint predicts, in registry order."""
    out: dict[str, tuple[str, ...]] = {}
    for t in _TASKS:
        if t.finetune is not None:
            out[t.finetune] = (*out.get(t.finetune, ()), t.name)
    return out


def finetune_targets(name: str) -> tuple[str, ...]:
    """The target tasks of one fine-tune (`squad` -> xquad, mlqa); unknown names raise."""
    groups = finetunes()
    if name not in groups:
        raise UnknownNameError("fine-tune", name, list(groups))
    return groups[name]


def heads() -> dict[str, list[str]]:
    """Head name -> the tasks that use it."""
    out: dict[str, list[str]] = {}
    for t in _TASKS:
        if t.head is not None:
            out.setdefault(t.head, []).append(t.name)
    return out
