"""The registry as data: names, roles, heads, labels, languages in XTREME's order, sources."""

from __future__ import annotations

import json
import re

import pytest

from xstilts.tasks import (
    PAPER_INTERMEDIATE_FAMILIES,
    UnknownNameError,
    all_tasks,
    get_source,
    get_task,
    heads,
    sources,
    task_names,
)
from xstilts.tasks.sources import SHA256_NOT_PINNED, RemoteFile

# Typed out from XTREME's evaluate.py lists (XTREME_SPEC.md §1.1), not derived from the code.
XTREME_ORDER = {
    "pawsx": "de en es fr ja ko zh",
    "xnli": "ar bg de el en es fr hi ru sw th tr ur vi zh",
    "udpos": "af ar bg de el en es et eu fa fi fr he hi hu id it ja kk ko mr nl pt ru ta te th "
             "tl tr ur vi yo zh",
    "panx": "ar he vi id jv ms tl eu ml ta te af nl en de el bn hi mr ur fa fr it pt es bg ru ja "
            "ka ko th sw yo my zh kk tr et fi hu",
    "xquad": "en es de el ru tr ar vi th zh hi",
    "mlqa": "en es de ar hi vi zh",
    "tydiqa": "en ar bn fi id ko ru sw te",
    "bucc2018": "de fr ru zh",
    "tatoeba": "ar he vi id jv tl eu ml ta te af nl de el bn hi mr ur fa fr it pt es bg ru ja ka "
               "ko th sw zh kk tr et fi hu",
}


@pytest.mark.parametrize("task", sorted(XTREME_ORDER))
def test_target_languages_are_xtremes_in_xtremes_order(task):
    assert get_task(task).languages == tuple(XTREME_ORDER[task].split())


def test_xnli_shares_mnli_head():
    assert get_task("xnli").head == get_task("mnli").head
    assert get_task("xnli").labels == get_task("mnli").labels


def test_xquad_mlqa_share_squad_head():
    assert get_task("xquad").head == get_task("mlqa").head == get_task("squad_v1").head


def test_tydiqa_has_its_own_head_trained_on_english_tydi():
    tydiqa = get_task("tydiqa")
    assert tydiqa.head not in (get_task("squad_v1").head, None)
    assert tydiqa.train_task == "tydiqa"
    assert tydiqa.entry("en").paths("train") is not None
    assert all(tydiqa.entry(lang).paths("train") is None for lang in tydiqa.languages
               if lang != "en")


def test_english_training_sources():
    assert get_task("xnli").train_task == "xnli"  # MNLI train as shipped in XNLI-MT
    assert "multinli.train.en.tsv" in get_task("xnli").entry("en").paths("train")[0]
    assert get_task("xquad").train_task == get_task("mlqa").train_task == "squad_v1"
    for name in ("pawsx", "udpos", "panx"):
        assert get_task(name).train_task == name
    assert get_task("bucc2018").train_task is None and get_task("tatoeba").train_task is None


def test_label_sets_are_ordered_like_hugging_face():
    assert get_task("udpos").labels == tuple(
        "ADJ ADP ADV AUX CCONJ DET INTJ NOUN NUM PART PRON PROPN PUNCT SCONJ SYM VERB X".split())
    assert get_task("panx").labels == ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC")
    assert get_task("mnli").labels == ("entailment", "neutral", "contradiction")
    assert get_task("pawsx").labels == ("0", "1")


def test_every_task_has_a_version_role_kind_and_metric():
    for t in all_tasks():
        assert isinstance(t.version, int) and t.version >= 1, t.name
        assert t.role in ("intermediate", "target", "corpus"), t.name
        assert t.kind in ("classification", "multiple_choice", "span_extraction", "tagging",
                          "retrieval", "mlm"), t.name
        # A corpus is never scored; every task that is has its metrics.
        assert bool(t.metrics and t.task_score) == (t.role != "corpus"), t.name
        assert (t.head is None) == (t.kind == "retrieval"), t.name


def test_mlm_corpus_is_a_corpus_not_an_intermediate_or_target_task():
    assert task_names("corpus") == ["mlm_corpus"]
    assert "mlm_corpus" in task_names()
    assert "mlm_corpus" not in task_names("intermediate") + task_names("target")
    spec = get_task("mlm_corpus")
    assert (spec.kind, spec.head, spec.labels) == ("mlm", "mlm", ())


def test_mlm_corpus_is_one_multi_entry_of_every_xtreme_language():
    """The continued-MLM stage reads `multi`; demo pretraining reads every entry (so a second,
    per-language copy of the text would be read twice)."""
    from xstilts.tasks.languages import LEIPZIG_WIKIPEDIA, all_xtreme_languages

    spec = get_task("mlm_corpus")
    assert [e.lang for e in spec.entries] == ["multi"] and spec.splits == ("train",)
    assert sorted(LEIPZIG_WIKIPEDIA) == list(all_xtreme_languages())
    assert spec.entry("multi").paths("train") == tuple(
        f"leipzig_wikipedia/{LEIPZIG_WIKIPEDIA[lang]}/{LEIPZIG_WIKIPEDIA[lang]}-sentences.txt"
        for lang in all_xtreme_languages()
    )
    assert {f.name for f in get_source("leipzig_wikipedia").files} == {
        f"{name}.tar.gz" for name in LEIPZIG_WIKIPEDIA.values()}


def test_mnli_translated_is_train_only_in_the_non_english_xnli_languages():
    spec = get_task("mnli_translated")
    assert spec.role == "intermediate" and spec.head == "mnli" and spec.labels == \
        get_task("mnli").labels
    assert spec.train_task == "mnli_translated" and not spec.paper_task
    assert spec.languages == tuple(lang for lang in XTREME_ORDER["xnli"].split() if lang != "en")
    assert spec.splits == ("train",)
    assert spec.entry("sw").paths("train") == (
        "xnli_mt/XNLI-MT-1.0/multinli/multinli.train.sw.tsv",)


def test_paper_intermediate_tasks_and_extras_exist():
    names = set(task_names("intermediate"))
    assert {"anli", "anli_mnli_snli", "ccg", "commonsenseqa", "cosmosqa", "hellaswag", "mnli",
            "qqp", "squad_v1", "squad_v2", "sst2", "snli", "socialiqa", "mnli_translated"} == names
    assert len(PAPER_INTERMEDIATE_FAMILIES) == 9
    assert set(task_names("target")) == set(XTREME_ORDER)


def test_unknown_task_error_lists_valid_names():
    with pytest.raises(UnknownNameError) as err:
        get_task("xnl")
    assert "xnl" in str(err.value) and "xnli" in str(err.value) and "tatoeba" in str(err.value)
    with pytest.raises(UnknownNameError, match="intermediate, target"):
        task_names("source")


def test_unknown_source_error_lists_valid_names():
    with pytest.raises(UnknownNameError, match="udpos"):
        get_source("ud")


def test_ccg_needs_a_manual_step_and_says_where():
    ccg = get_source("ccg")
    assert ccg.needs_manual and get_task("ccg").needs_manual
    assert "data/manual/ccg/LDC2005T13.tgz" in ccg.manual_instructions


def test_no_digest_is_invented():
    """A digest is the placeholder, or verified, or attributed to whoever reported it."""
    for source in sources():
        for f in source.files:
            assert f.sha256 == SHA256_NOT_PINNED or f.sha256_verified or f.sha256_source
    with pytest.raises(ValueError, match="needs sha256_source"):
        RemoteFile(name="a.zip", url="https://example.invalid/a.zip", sha256="0" * 64)
    with pytest.raises(ValueError, match="without a digest"):
        RemoteFile(name="a.zip", url="https://example.invalid/a.zip", sha256_verified=True)
    with pytest.raises(ValueError, match="64 lowercase hex"):
        RemoteFile(name="a.zip", sha256="abc", sha256_verified=True)


def test_hub_files_must_be_pinned_to_a_commit():
    with pytest.raises(ValueError, match="40-hex commit"):
        RemoteFile(name="d.parquet", hf_repo="org/set", hf_revision="main",
                   hf_filename="d.parquet")
    pinned = RemoteFile(name="d.parquet", hf_repo="org/set", hf_revision="a" * 40,
                        hf_filename="d.parquet")
    assert pinned.location == f"hf://datasets/org/set@{'a' * 40}/d.parquet"


def test_every_task_file_lies_in_a_declared_source_layout():
    """Task file paths and source layouts are one contract (the demo generator relies on it)."""
    def as_regex(pattern: str) -> re.Pattern[str]:
        parts = re.split(r"\{[a-z0-9_]+\}|\*", pattern)
        return re.compile(".*".join(re.escape(p) for p in parts) + "$")

    for task in all_tasks():
        assert set(task.sources) <= {s.name for s in sources()}, task.name
        for entry in task.entries:
            for _, paths in entry.files:
                for path in paths:
                    source, _, rest = path.partition("/")
                    assert source in task.sources, (task.name, path)
                    layout = get_source(source).layout
                    assert any(as_regex(p).match(rest) for p in layout), (task.name, path)


def test_heads_map_shared_heads():
    shared = heads()
    assert set(shared["mnli"]) == {"mnli", "mnli_translated", "xnli"}
    assert {"squad_v1", "xquad", "mlqa"} <= set(shared["squad"])


def test_task_json_has_the_public_fields():
    doc = json.loads(json.dumps([t.to_json() for t in all_tasks()]))
    for item in doc:
        assert {"name", "role", "kind", "head", "languages", "version", "labels",
                "sources"} <= set(item)
    xnli = next(d for d in doc if d["name"] == "xnli")
    assert xnli["head"] == "mnli" and len(xnli["languages"]) == 15
