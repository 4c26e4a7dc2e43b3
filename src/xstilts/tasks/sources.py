"""Data sources as data: what `fetch` downloads and what it leaves under `data/raw/<source>/`.

One `SourceSpec` per official download. This file is the contract between `fetch`, the readers
(`xstilts.tasks.readers`) and the demo-world generator:

* **Download name.** Each `RemoteFile.name` is the file name the official download has. A mirror
  (`xstilts fetch --from DIR`) holds it at `DIR/<source>/<name>`; a manual source is expected at
  `data/manual/<source>/<name>`.
* **Raw layout.** `fetch` extracts archives into `data/raw/<source>/` keeping the archive's own
  member paths (top folder included) and copies plain files there under their own name.
  `SourceSpec.layout` lists, as patterns relative to `data/raw/<source>/`, every path a reader
  opens: `{lang}` is the language code the pattern is written with (2-letter unless the pattern
  says otherwise, e.g. `{lang3}` for LASER's 3-letter Tatoeba codes, `{lang_name}` for TyDi's
  English language names, `{corpus}` for a Leipzig corpus name), `{split}` the file's own split
  word, `*` any treebank.
* **Checksums.** `sha256` holds a digest only where one is recorded; `sha256_verified` says
  whether it was checked against the real file here. None could be (no network); every
  digest not verified is either `SHA256_NOT_PINNED` or a digest reported by a third party
  (`sha256_source` names it). Every file whose URL is in `public_digests.PUBLIC_SHA256` (the
  digests Hugging Face's dataset scripts recorded, docs/reference/DIGESTS.md) is pinned to it
  automatically; URLs are written in the form those scripts used so that they match. See `xstilts.data.fetch` for how digests and a mirror's
  `SHA256SUMS` are applied. A mirror's manifest is `DIR/SHA256SUMS`, one line per file in
  `sha256sum`'s format: `<64 hex>  <source>/<name>` (path relative to DIR, `/`-separated).

Bump a source's `version` when its files or layout change: `fetch` then re-fetches it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from xstilts.tasks.errors import UnknownNameError
from xstilts.tasks.languages import (
    LEIPZIG_UNVERIFIED,
    LEIPZIG_WIKIPEDIA,
    TATOEBA_CODES,
    TYDIQA_NAMES,
    XTREME_LANGUAGES,
)
from xstilts.tasks.public_digests import PUBLIC_SHA256

SHA256_NOT_PINNED = "SHA256-NOT-PINNED"
"""Placeholder for a digest nobody has recorded yet. Never a real digest; never compared."""

ARCHIVE_SUFFIXES: tuple[str, ...] = (".zip", ".tar.gz", ".tgz", ".tar.bz2", ".tar")


@dataclass(frozen=True)
class RemoteFile:
    """One downloadable file: a URL, or a file of a Hugging Face dataset repo at a revision."""

    name: str
    url: str | None = None
    hf_repo: str | None = None
    hf_revision: str | None = None
    hf_filename: str | None = None
    sha256: str = SHA256_NOT_PINNED
    sha256_verified: bool = False
    sha256_source: str = ""
    # Archives inside this archive (glob patterns relative to where it is unpacked, see
    # `unpack_to`) that fetch extracts into a folder named after the inner archive without its
    # suffix.
    nested_archives: tuple[str, ...] = ()
    # Where under data/raw/<source>/ the file is unpacked or copied ("" = the source folder):
    # lets an alternative download with another packing end in the same raw layout.
    unpack_to: str = ""
    # What the file is for, named in fetch's errors about it (e.g. "language et"); not part of
    # the source's fingerprint.
    label: str = ""

    def __post_init__(self) -> None:
        # Refuse, at import time, the two ways a registry entry could pretend to be pinned.
        if self.sha256 != SHA256_NOT_PINNED:
            if not re.fullmatch(r"[0-9a-f]{64}", self.sha256):
                raise ValueError(f"{self.name}: sha256 must be 64 lowercase hex digits or "
                                 f"SHA256_NOT_PINNED, got {self.sha256!r}")
            if not self.sha256_verified and not self.sha256_source:
                raise ValueError(f"{self.name}: an unverified digest needs sha256_source "
                                 "(who reported it)")
        elif self.sha256_verified:
            raise ValueError(f"{self.name}: sha256_verified without a digest")
        if self.hf_repo and not re.fullmatch(r"[0-9a-f]{40}", self.hf_revision or ""):
            raise ValueError(f"{self.name}: a hub file needs hf_revision = a 40-hex commit, "
                             f"got {self.hf_revision!r}")

    @property
    def is_archive(self) -> bool:
        return self.name.endswith(ARCHIVE_SUFFIXES)

    @property
    def has_recorded_sha256(self) -> bool:
        return self.sha256 != SHA256_NOT_PINNED

    @property
    def location(self) -> str:
        """Where the file comes from, in words (for `fetch --list` and messages)."""
        if self.hf_repo:
            return f"hf://datasets/{self.hf_repo}@{self.hf_revision}/{self.hf_filename}"
        if self.url:
            return self.url
        return "(manual)"


@dataclass(frozen=True)
class SourceSpec:
    name: str
    description: str
    homepage: str
    licence: str
    revision: str
    files: tuple[RemoteFile, ...]
    layout: tuple[str, ...]
    needs_manual: bool = False
    manual_instructions: str = ""
    # One line for summaries and the report when the manual file is missing.
    manual_summary: str = ""
    version: int = 1
    notes: str = ""
    tasks: tuple[str, ...] = field(default=())
    # Other file sets that give the same raw layout (e.g. a mirror of a dead link). fetch takes
    # the first set, `files` first, whose files are all at hand (mirror or data/manual/); a
    # manual source with none at hand downloads the first set that has URLs.
    alternatives: tuple[tuple[RemoteFile, ...], ...] = ()

    @property
    def file_sets(self) -> tuple[tuple[RemoteFile, ...], ...]:
        return (self.files, *self.alternatives)


def _fb(path: str) -> str:
    return f"https://dl.fbaipublicfiles.com/{path}"


# Commits seen in a stored copy of the repositories (search index), used to pin raw GitHub URLs.
_LASER_COMMIT = "fec5c7d63daa2bea9d127e8252b10e87278586c0"
_XQUAD_COMMIT = "60cac411649156efb6aab9dd4c9cde787a2c0345"
_RAINBOW = "allenai/rainbow src/rainbow/preparation/rainbow.py (AI2's own checksum, not verified here)"

_XQUAD_LANGS = XTREME_LANGUAGES["xquad"]
_MLQA_LANGS = XTREME_LANGUAGES["mlqa"]
_BUCC_LANGS = XTREME_LANGUAGES["bucc2018"]
_TATOEBA_LANGS = XTREME_LANGUAGES["tatoeba"]
_TYDI_LANGS = XTREME_LANGUAGES["tydiqa"]
_LEIPZIG = LEIPZIG_WIKIPEDIA
_LEIPZIG_URL = "https://downloads.wortschatz-leipzig.de/corpora"


_SOURCES: tuple[SourceSpec, ...] = (
    # ---------------------------------------------------------------- intermediate tasks
    SourceSpec(
        name="mnli",
        description="MultiNLI 1.0 as distributed by GLUE (tsv with header)",
        homepage="https://cims.nyu.edu/~sbowman/multinli/",
        licence="OANC and other permissive licences (see the MultiNLI data description)",
        revision="GLUE release file MNLI.zip",
        files=(RemoteFile(name="MNLI.zip", url=_fb("glue/data/MNLI.zip")),),
        layout=("MNLI/train.tsv", "MNLI/dev_matched.tsv", "MNLI/test_matched.tsv"),
        tasks=("mnli", "anli_mnli_snli"),
    ),
    SourceSpec(
        name="snli",
        description="SNLI 1.0 (jsonl; gold_label '-' means no annotator consensus)",
        homepage="https://nlp.stanford.edu/projects/snli/",
        licence="CC BY-SA 4.0",
        revision="snli_1.0.zip",
        files=(RemoteFile(name="snli_1.0.zip",
                          url="https://nlp.stanford.edu/projects/snli/snli_1.0.zip"),),
        layout=("snli_1.0/snli_1.0_train.jsonl", "snli_1.0/snli_1.0_dev.jsonl",
                "snli_1.0/snli_1.0_test.jsonl"),
        tasks=("snli", "anli_mnli_snli"),
    ),
    SourceSpec(
        name="anli",
        description="Adversarial NLI v1.0, rounds R1-R3 (jsonl; labels e/n/c)",
        homepage="https://github.com/facebookresearch/anli",
        licence="CC BY-NC 4.0",
        revision="anli_v1.0.zip",
        files=(RemoteFile(name="anli_v1.0.zip", url=_fb("anli/anli_v1.0.zip")),),
        layout=tuple(f"anli_v1.0/R{r}/{s}.jsonl" for r in (1, 2, 3)
                     for s in ("train", "dev", "test")),
        tasks=("anli", "anli_mnli_snli"),
    ),
    SourceSpec(
        name="qqp",
        description="Quora Question Pairs as distributed by GLUE (QQP-clean.zip, tsv with header)",
        homepage="https://gluebenchmark.com/tasks",
        licence="Quora terms of service (see the GLUE site)",
        revision="GLUE release file QQP-clean.zip",
        files=(RemoteFile(name="QQP-clean.zip", url=_fb("glue/data/QQP-clean.zip")),),
        layout=("QQP/train.tsv", "QQP/dev.tsv", "QQP/test.tsv"),
        tasks=("qqp",),
    ),
    SourceSpec(
        name="sst2",
        description="SST-2 as distributed by GLUE (tsv with header)",
        homepage="https://nlp.stanford.edu/sentiment/",
        licence="unspecified (Stanford Sentiment Treebank; see the GLUE site)",
        revision="GLUE release file SST-2.zip",
        files=(RemoteFile(name="SST-2.zip", url=_fb("glue/data/SST-2.zip")),),
        layout=("SST-2/train.tsv", "SST-2/dev.tsv", "SST-2/test.tsv"),
        tasks=("sst2",),
    ),
    SourceSpec(
        name="ccg",
        description="CCGbank 1.1 (LDC2005T13): supertags read from the AUTO derivation files",
        homepage="https://catalog.ldc.upenn.edu/LDC2005T13",
        licence="LDC User Agreement (licensed; not redistributable)",
        revision="LDC2005T13",
        files=(RemoteFile(name="LDC2005T13.tgz"),),
        layout=("ccgbank_1_1/data/AUTO/{section}/wsj_{section}{nn}.auto",),
        needs_manual=True,
        manual_instructions=(
            "CCGbank is licensed by the Linguistic Data Consortium and cannot be downloaded by "
            "script. Obtain LDC2005T13 (CCGbank 1.1) from https://catalog.ldc.upenn.edu/LDC2005T13 "
            "and put the release archive at data/manual/ccg/LDC2005T13.tgz (a gzipped tar whose "
            "top folder is ccgbank_1_1/, holding ccgbank_1_1/data/AUTO/00/wsj_0001.auto ... "
            "AUTO/24/). If you have the extracted folder instead, re-pack it: "
            "tar czf data/manual/ccg/LDC2005T13.tgz -C <parent of ccgbank_1_1> ccgbank_1_1. "
            "data/manual/ is tracked by data.dvc (dvc add data/manual; dvc push)."
        ),
        manual_summary="needs CCGbank (LDC2005T13), see REPRODUCE.md §2d",
        notes="Standard split: train sections 02-21, dev 00, test 23.",
        tasks=("ccg",),
    ),
    SourceSpec(
        name="commonsenseqa",
        description="CommonsenseQA 1.0, random split (jsonl)",
        homepage="https://www.tau-nlp.org/commonsenseqa",
        licence="MIT",
        revision="rand_split files on s3://commensenseqa",
        files=tuple(
            RemoteFile(name=n, url=f"https://s3.amazonaws.com/commensenseqa/{n}")
            for n in ("train_rand_split.jsonl", "dev_rand_split.jsonl",
                      "test_rand_split_no_answers.jsonl")
        ),
        layout=("train_rand_split.jsonl", "dev_rand_split.jsonl",
                "test_rand_split_no_answers.jsonl"),
        tasks=("commonsenseqa",),
    ),
    SourceSpec(
        name="cosmosqa",
        description="Cosmos QA, AI2 leaderboard archive (jsonl features + labels .lst, 0-based)",
        homepage="https://wilburone.github.io/cosmos/",
        licence="CC BY 4.0",
        revision="cosmosqa-data.zip",
        files=(RemoteFile(
            name="cosmosqa-data.zip",
            url="https://storage.googleapis.com/ai2-mosaic/public/cosmosqa/cosmosqa-data.zip",
            sha256="d06bfef918240b34b6f86fdfd8215d15fea2abced0bfca8ab99004e3bce760ec",
            sha256_source=_RAINBOW,
        ),),
        layout=("train.jsonl", "train-labels.lst", "valid.jsonl", "valid-labels.lst",
                "test.jsonl"),
        tasks=("cosmosqa",),
    ),
    SourceSpec(
        name="hellaswag",
        description="HellaSwag (jsonl with inline labels) from the authors' repository",
        homepage="https://rowanzellers.com/hellaswag/",
        licence="MIT",
        revision="rowanz/hellaswag master (content pinned by sha256)",
        files=tuple(
            RemoteFile(name=f"hellaswag_{s}.jsonl",
                       url=f"https://github.com/rowanz/hellaswag/raw/master/data/"
                           f"hellaswag_{s}.jsonl")
            for s in ("train", "val", "test")
        ),
        layout=("hellaswag_train.jsonl", "hellaswag_val.jsonl", "hellaswag_test.jsonl"),
        tasks=("hellaswag",),
    ),
    SourceSpec(
        name="socialiqa",
        description="Social IQa, AI2 leaderboard archive (jsonl + labels .lst, 1-based)",
        homepage="https://leaderboard.allenai.org/socialiqa",
        licence="CC BY 4.0",
        revision="socialiqa-train-dev.zip",
        files=(RemoteFile(
            name="socialiqa-train-dev.zip",
            url="https://storage.googleapis.com/ai2-mosaic/public/socialiqa/"
                "socialiqa-train-dev.zip",
            sha256="ee073914a0fc33265cfbcfc50ec20df9b2e07809c3f420f599138d1f394ef5c3",
            sha256_source=_RAINBOW,
        ),),
        layout=("socialiqa-train-dev/train.jsonl", "socialiqa-train-dev/train-labels.lst",
                "socialiqa-train-dev/dev.jsonl", "socialiqa-train-dev/dev-labels.lst"),
        notes="No public test labels: the task has train and dev only.",
        tasks=("socialiqa",),
    ),
    SourceSpec(
        name="squad_v1",
        description="SQuAD v1.1 (JSON)",
        homepage="https://rajpurkar.github.io/SQuAD-explorer/",
        licence="CC BY-SA 4.0",
        revision="v1.1",
        files=tuple(
            RemoteFile(name=n, url=f"https://rajpurkar.github.io/SQuAD-explorer/dataset/{n}")
            for n in ("train-v1.1.json", "dev-v1.1.json")
        ),
        layout=("train-v1.1.json", "dev-v1.1.json"),
        tasks=("squad_v1", "xquad", "mlqa"),
    ),
    SourceSpec(
        name="squad_v2",
        description="SQuAD v2.0 (JSON, with unanswerable questions)",
        homepage="https://rajpurkar.github.io/SQuAD-explorer/",
        licence="CC BY-SA 4.0",
        revision="v2.0",
        files=tuple(
            RemoteFile(name=n, url=f"https://rajpurkar.github.io/SQuAD-explorer/dataset/{n}")
            for n in ("train-v2.0.json", "dev-v2.0.json")
        ),
        layout=("train-v2.0.json", "dev-v2.0.json"),
        tasks=("squad_v2",),
    ),
    # ---------------------------------------------------------------- XTREME targets
    SourceSpec(
        name="xnli",
        description="XNLI 1.0 dev/test, all languages in one tsv with header",
        homepage="https://github.com/facebookresearch/XNLI",
        licence="CC BY-NC 4.0",
        revision="XNLI-1.0.zip",
        files=(RemoteFile(name="XNLI-1.0.zip", url=_fb("XNLI/XNLI-1.0.zip")),),
        layout=("XNLI-1.0/xnli.dev.tsv", "XNLI-1.0/xnli.test.tsv"),
        tasks=("xnli",),
    ),
    SourceSpec(
        name="xnli_mt",
        description="XNLI-MT 1.0: MultiNLI train in English and machine-translated into XNLI's "
                    "14 other languages (tsv, header premise/hypo/label)",
        homepage="https://github.com/facebookresearch/XNLI",
        licence="CC BY-NC 4.0",
        revision="XNLI-MT-1.0.zip",
        files=(RemoteFile(name="XNLI-MT-1.0.zip", url=_fb("XNLI/XNLI-MT-1.0.zip")),),
        layout=("XNLI-MT-1.0/multinli/multinli.train.en.tsv",
                "XNLI-MT-1.0/multinli/multinli.train.{lang}.tsv"),
        # 2: the translated training files joined the layout (mnli_translated reads them).
        version=2,
        notes=("The English file is MultiNLI train (392,702 pairs) with label 'contradictory'; "
               "each multinli.train.<lang>.tsv ({lang}: the 14 non-English XNLI languages) is "
               "its machine translation, same header and labels (XNLI paper, Conneau et al. "
               "2018). The paper's own MT system for its translated-data ablation is unknown "
               "(PAPER.md): XNLI-MT is the public stand-in."),
        tasks=("xnli", "mnli_translated"),
    ),
    SourceSpec(
        name="pawsx",
        description="PAWS-X x-final (tsv with header id/sentence1/sentence2/label)",
        homepage="https://github.com/google-research-datasets/paws/tree/master/pawsx",
        licence="PAWS-X terms (free use with attribution; see its LICENSE)",
        revision="x-final.tar.gz",
        files=(RemoteFile(name="x-final.tar.gz",
                          url="https://storage.googleapis.com/paws/pawsx/x-final.tar.gz"),),
        layout=("x-final/en/train.tsv", "x-final/{lang}/dev_2k.tsv", "x-final/{lang}/test_2k.tsv"),
        tasks=("pawsx",),
    ),
    SourceSpec(
        name="udpos",
        description="Universal Dependencies 2.5, all treebanks (conllu)",
        homepage="https://universaldependencies.org/",
        licence="per treebank (mostly CC BY-SA, CC BY-NC-SA or GPL; see each LICENSE.txt)",
        revision="UD 2.5 (hdl:11234/1-3105)",
        files=(RemoteFile(
            name="ud-treebanks-v2.5.tgz",
            url="https://lindat.mff.cuni.cz/repository/xmlui/bitstream/handle/11234/1-3105/"
                "ud-treebanks-v2.5.tgz",
        ),),
        layout=("ud-treebanks-v2.5/*/{lang}_*-ud-{split}.conllu",),
        notes=("{split} is train, dev or test; every treebank of a language is read, files in "
               "sorted file-name order (XTREME_SPEC.md §3.3)."),
        tasks=("udpos",),
    ),
    SourceSpec(
        name="panx",
        description="WikiANN / PAN-X with the Rahimi et al. (2019) splits, as packed by XTREME",
        homepage="https://github.com/google-research/xtreme#download-the-data",
        licence="unspecified (WikiANN; Wikipedia text is CC BY-SA)",
        revision="AmazonPhotos.zip (XTREME's manual download)",
        files=(RemoteFile(name="AmazonPhotos.zip",
                          nested_archives=("panx_dataset/*.tar.gz",)),),
        alternatives=(
            # Hugging Face's copy of the same Rahimi et al. splits: <lang>.tar.gz at its root.
            (RemoteFile(name="panx_dataset.zip",
                        url="https://s3.amazonaws.com/datasets.huggingface.co/wikiann/1.1.0/"
                            "panx_dataset.zip",
                        unpack_to="panx_dataset", nested_archives=("*.tar.gz",)),),
            # The per-language archives themselves, as XTREME's zip holds them.
            tuple(RemoteFile(name=f"{lang}.tar.gz", unpack_to=f"panx_dataset/{lang}")
                  for lang in XTREME_LANGUAGES["panx"]),
        ),
        layout=("panx_dataset/{lang}/train", "panx_dataset/{lang}/dev",
                "panx_dataset/{lang}/test"),
        needs_manual=True,
        manual_instructions=(
            "XTREME's own PAN-X download (AmazonPhotos.zip behind a share link) has been "
            "reported dead (google-research/xtreme issue 101). fetch accepts any one of, in "
            "data/manual/panx/: (1) AmazonPhotos.zip from "
            "https://github.com/google-research/xtreme#download-the-data, unchanged (it holds "
            "panx_dataset/<lang>.tar.gz); (2) panx_dataset.zip, Hugging Face's copy of the same "
            "splits (sha256 pinned; fetch downloads it by itself when nothing is placed and "
            "its URL answers); (3) the per-language archives <lang>.tar.gz (each holding train, "
            "dev and test) for all 40 XTREME languages. data/manual/ is tracked by data.dvc "
            "(dvc add data/manual; dvc push)."
        ),
        manual_summary="needs one of the accepted PAN-X archives, see REPRODUCE.md §2d",
        notes="fetch extracts each <lang>.tar.gz into panx_dataset/<lang>/.",
        tasks=("panx",),
    ),
    SourceSpec(
        name="xquad",
        description="XQuAD (SQuAD v1.1 JSON per language)",
        homepage="https://github.com/google-deepmind/xquad",
        licence="CC BY-SA 4.0",
        revision=f"deepmind/xquad master, content pinned by sha256 (seen at {_XQUAD_COMMIT})",
        files=tuple(
            RemoteFile(name=f"xquad.{lang}.json",
                       url=f"https://github.com/deepmind/xquad/raw/master/xquad.{lang}.json")
            for lang in _XQUAD_LANGS
        ),
        layout=("xquad.{lang}.json",),
        tasks=("xquad",),
    ),
    SourceSpec(
        name="mlqa",
        description="MLQA v1 (SQuAD-format JSON; XTREME uses context language = question language)",
        homepage="https://github.com/facebookresearch/MLQA",
        licence="CC BY-SA 3.0",
        revision="MLQA_V1.zip",
        files=(RemoteFile(name="MLQA_V1.zip", url=_fb("MLQA/MLQA_V1.zip")),),
        layout=("MLQA_V1/dev/dev-context-{lang}-question-{lang}.json",
                "MLQA_V1/test/test-context-{lang}-question-{lang}.json"),
        tasks=("mlqa",),
    ),
    SourceSpec(
        name="tydiqa",
        description="TyDi QA GoldP v1.1 (SQuAD-format JSON; train mixes all languages)",
        homepage="https://github.com/google-research-datasets/tydiqa",
        licence="Apache 2.0",
        revision="v1.1",
        files=(
            RemoteFile(name="tydiqa-goldp-v1.1-train.json",
                       url="https://storage.googleapis.com/tydiqa/v1.1/"
                           "tydiqa-goldp-v1.1-train.json"),
            RemoteFile(name="tydiqa-goldp-v1.1-dev.tgz",
                       url="https://storage.googleapis.com/tydiqa/v1.1/"
                           "tydiqa-goldp-v1.1-dev.tgz"),
        ),
        layout=("tydiqa-goldp-v1.1-train.json",
                "tydiqa-goldp-v1.1-dev/tydiqa-goldp-dev-{lang_name}.json"),
        notes="{lang_name}: " + ", ".join(f"{k}={v}" for k, v in TYDIQA_NAMES.items()),
        tasks=("tydiqa",),
    ),
    SourceSpec(
        name="bucc2018",
        description="BUCC 2018 mining corpora with gold pairs (sample and training releases)",
        homepage="https://comparable.limsi.fr/bucc2018/bucc2018-task.html",
        licence="BUCC 2018 shared-task terms (research use)",
        revision="bucc2018 *-gold archives",
        files=tuple(
            RemoteFile(name=f"bucc2018-{lang}-en.{part}.tar.bz2",
                       url=f"https://comparable.limsi.fr/bucc2018/bucc2018-{lang}-en.{part}.tar.bz2")
            for lang in _BUCC_LANGS
            for part in ("training-gold", "sample-gold")
        ),
        layout=tuple(
            f"bucc2018/{{lang}}-en/{{lang}}-en.{split}.{ext}"
            for split in ("sample", "training")
            for ext in ("{lang}", "en", "gold")
        ),
        notes="XTREME's dev = BUCC sample, XTREME's test = BUCC training (XTREME_SPEC.md §3.8).",
        tasks=("bucc2018",),
    ),
    SourceSpec(
        name="tatoeba",
        description="Tatoeba test sets from LASER (line-aligned plain text)",
        homepage="https://github.com/facebookresearch/LASER/tree/main/data/tatoeba/v1",
        licence="CC BY 2.0 FR",
        revision=f"facebookresearch/LASER main, content pinned by sha256 (seen at {_LASER_COMMIT})",
        files=tuple(
            RemoteFile(name=f"tatoeba.{TATOEBA_CODES[lang]}-eng.{side}",
                       url=f"https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/"
                           f"tatoeba.{TATOEBA_CODES[lang]}-eng.{side}")
            for lang in _TATOEBA_LANGS
            for side in (TATOEBA_CODES[lang], "eng")
        ),
        layout=("tatoeba.{lang3}-eng.{lang3}", "tatoeba.{lang3}-eng.eng"),
        notes="{lang3}: " + ", ".join(f"{k}={v}" for k, v in TATOEBA_CODES.items()),
        tasks=("tatoeba",),
    ),
    # ---------------------------------------------------------------- the MLM corpus
    SourceSpec(
        name="leipzig_wikipedia",
        description="Leipzig Corpora Collection, Wikipedia sentence corpora, one per XTREME "
                    "language (tar.gz; sentences file lines `<id>TAB<sentence>`)",
        homepage="https://wortschatz.uni-leipzig.de/en/download",
        licence="Leipzig Corpora Collection terms (CC BY 4.0 on its download page as third "
                "parties report it, earlier CC BY-NC; check https://wortschatz.uni-leipzig.de/"
                "en/usage); Wikipedia text CC BY-SA",
        revision="corpora named in xstilts.tasks.languages.LEIPZIG_WIKIPEDIA (each seen in "
                 "Leipzig's download list, LEIPZIG_EVIDENCE)",
        files=tuple(
            RemoteFile(name=f"{_LEIPZIG[lang]}.tar.gz", url=f"{_LEIPZIG_URL}/{_LEIPZIG[lang]}.tar.gz",
                       label=f"language {lang}")
            for lang in sorted(_LEIPZIG)
        ),
        layout=("{corpus}/{corpus}-sentences.txt",),
        notes=("Stand-in for the paper's continued-MLM corpus, which is unknown ('probably "
               "multilingual Wikipedia text', PAPER.md). Every corpus name was seen in a public "
               "list of Leipzig's downloads (where: xstilts.tasks.languages.LEIPZIG_EVIDENCE, "
               "per language); not downloaded here (no network), so the archives' digests are "
               "not pinned. Unverified names: "
               + (", ".join(f"{k}={_LEIPZIG[k]}" for k in LEIPZIG_UNVERIFIED) or "none") + ". "
               "Wikipedia 2021 100K except en (2016), zh (2018 300K), th and yo (10K, the "
               "largest Leipzig Wikipedia corpus of those languages) and my (Leipzig has no "
               "Burmese Wikipedia corpus: community 2022). A download that fails names the "
               "language and the URL tried. To use a local corpus instead (REPRODUCE.md section 6): "
               "put the 40 archives under DIR/leipzig_wikipedia/ by the names below (any may be "
               "your own text packed as `<name>.tar.gz` holding `<name>/<name>-sentences.txt`, "
               "lines `<id>TAB<sentence>`; an optional DIR/SHA256SUMS pins them) and run "
               "`xstilts fetch leipzig_wikipedia --from DIR`, or point a language at another "
               "Leipzig corpus in LEIPZIG_WIKIPEDIA. Only the sentences file is read; the "
               "archives hold Leipzig's other tables too. "
               "{corpus}: " + ", ".join(f"{k}={v}" for k, v in sorted(_LEIPZIG.items()))),
        tasks=("mlm_corpus",),
    ),
)



def _pinned(file: RemoteFile) -> RemoteFile:
    """`file` pinned to the public digest of its URL, when one is recorded."""
    public = PUBLIC_SHA256.get(file.url or "")
    if public is None:
        return file
    script, digest, _ = public
    if file.has_recorded_sha256:
        if file.sha256 != digest:
            raise ValueError(f"{file.name}: registry sha256 {file.sha256} disagrees with the "
                             f"public digest {digest} of {file.url}")
        return file
    return replace(file, sha256=digest,
                   sha256_source=f"huggingface/datasets {script} dataset_infos.json "
                                 "(docs/reference/DIGESTS.md; not verified here)")


_SOURCES = tuple(
    replace(s, files=tuple(_pinned(f) for f in s.files),
            alternatives=tuple(tuple(_pinned(f) for f in alt) for alt in s.alternatives))
    for s in _SOURCES
)
SOURCES: dict[str, SourceSpec] = {s.name: s for s in _SOURCES}


def sources() -> list[SourceSpec]:
    """Every data source, intermediate tasks first, in registry order."""
    return list(_SOURCES)


def source_names() -> list[str]:
    return [s.name for s in _SOURCES]


def get_source(name: str) -> SourceSpec:
    """The source called `name`; an unknown name raises an error listing the valid ones."""
    try:
        return SOURCES[name]
    except KeyError:
        raise UnknownNameError("source", name, source_names()) from None
