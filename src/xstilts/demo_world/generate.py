"""Generate the demo world: a mirror of every official download, its checksum manifest, and
a multilingual pretraining corpus. SIMULATED data, in the real formats and layouts.

The mirror is laid out as `xstilts fetch --from` expects (`xstilts.tasks.sources`):
`<mirror>/<source>/<download name>` with archives where the official download is an archive,
and `<mirror>/SHA256SUMS` in `sha256sum` format. Same seed and sizes, same bytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from xstilts.demo_world import choice, corpus, nli, paraphrase, qa, retrieval, sentiment, tagging
from xstilts.demo_world.archives import archive_bytes
from xstilts.demo_world.world import DemoSizes, World
from xstilts.fileio import atomic_folder, write_text_atomic
from xstilts.tasks.languages import TATOEBA_CODES, TYDIQA_NAMES, XTREME_LANGUAGES

MANIFEST = "SHA256SUMS"
L = XTREME_LANGUAGES

Downloads = dict[str, bytes]


def _archive(name: str, members: dict[str, bytes]) -> Downloads:
    return {name: archive_bytes(name, members)}


def _panx(world: World) -> Downloads:
    inner = {
        f"panx_dataset/{lang}.tar.gz": archive_bytes(".tar.gz", members)
        for lang, members in tagging.panx_archives(world, L["panx"]).items()
    }
    return _archive("AmazonPhotos.zip", inner)


def _tydiqa(world: World) -> Downloads:
    files = qa.tydiqa_files(world, L["tydiqa"], TYDIQA_NAMES)
    train = "tydiqa-goldp-v1.1-train.json"
    dev = {k: v for k, v in files.items() if k != train}
    return {train: files[train], **_archive("tydiqa-goldp-v1.1-dev.tgz", dev)}


def _bucc(world: World) -> Downloads:
    out: Downloads = {}
    for lang in L["bucc2018"]:
        for part, _ in retrieval.BUCC_PARTS:
            name = f"bucc2018-{lang}-en.{part}-gold.tar.bz2"
            out.update(_archive(name, retrieval.bucc_corpus(world, lang, part)))
    return out


def _leipzig(world: World) -> Downloads:
    # Imported here: the corpus names live in the registry's language tables.
    from xstilts.tasks.languages import LEIPZIG_WIKIPEDIA

    out: Downloads = {}
    for name, members in corpus.leipzig_archives(world, LEIPZIG_WIKIPEDIA).items():
        out.update(_archive(f"{name}.tar.gz", members))
    return out


SOURCES: dict[str, Callable[[World], Downloads]] = {
    "mnli": lambda w: _archive("MNLI.zip", nli.mnli_files(w)),
    "snli": lambda w: _archive("snli_1.0.zip", nli.snli_files(w)),
    "anli": lambda w: _archive("anli_v1.0.zip", nli.anli_files(w)),
    "qqp": lambda w: _archive("QQP-clean.zip", paraphrase.qqp_files(w)),
    "sst2": lambda w: _archive("SST-2.zip", sentiment.sst2_files(w)),
    "ccg": lambda w: _archive("LDC2005T13.tgz", tagging.ccg_files(w)),
    "commonsenseqa": choice.commonsenseqa_files,
    "cosmosqa": lambda w: _archive("cosmosqa-data.zip", choice.cosmosqa_files(w)),
    "hellaswag": choice.hellaswag_files,
    "socialiqa": lambda w: _archive("socialiqa-train-dev.zip", choice.socialiqa_files(w)),
    "squad_v1": qa.squad_v1_files,
    "squad_v2": qa.squad_v2_files,
    "xnli": lambda w: _archive("XNLI-1.0.zip", nli.xnli_files(w, L["xnli"])),
    "xnli_mt": lambda w: _archive("XNLI-MT-1.0.zip", nli.xnli_mt_files(w, L["xnli"])),
    "pawsx": lambda w: _archive("x-final.tar.gz", paraphrase.pawsx_files(w, L["pawsx"])),
    "udpos": lambda w: _archive("ud-treebanks-v2.5.tgz", tagging.udpos_files(w, L["udpos"])),
    "panx": _panx,
    "xquad": lambda w: qa.xquad_files(w, L["xquad"]),
    "mlqa": lambda w: _archive("MLQA_V1.zip", qa.mlqa_files(w, L["mlqa"])),
    "tydiqa": _tydiqa,
    "bucc2018": _bucc,
    "tatoeba": lambda w: retrieval.tatoeba_files(w, L["tatoeba"], TATOEBA_CODES),
    "leipzig_wikipedia": _leipzig,
}


@dataclass(frozen=True)
class DemoWorld:
    """Where the generated world was written."""

    mirror: Path
    manifest: Path
    corpus: Path
    num_files: int
    num_bytes: int
    corpus_lines: int


def downloads(world: World, source: str) -> Downloads:
    """The files of one source's official download, generated; names checked against the
    registry so the mirror never drifts from what `fetch` expects."""
    from xstilts.tasks.sources import get_source

    files = SOURCES[source](world)
    expected = {f.name for f in get_source(source).files}
    if set(files) != expected:
        raise AssertionError(
            f"demo source {source}: generated {sorted(files)}, registry expects {sorted(expected)}"
        )
    return files


def generate_demo_world(
    mirror: Path,
    corpus_path: Path,
    seed: int = 0,
    sizes: DemoSizes | None = None,
    sources: Sequence[str] | None = None,
) -> DemoWorld:
    """Write the mirror (every source, or `sources`), its SHA256SUMS, and the corpus.

    The mirror folder is replaced as a whole, in one rename, so a stale file from an earlier
    run with other sizes never survives and a failed run leaves the previous mirror intact.
    """
    from xstilts.tasks.sources import source_names

    world = World(seed, sizes or DemoSizes())
    # The registry decides what the mirror holds: every source `fetch` will ask for.
    registered = source_names()
    names = list(sources) if sources is not None else registered
    unknown = [n for n in names if n not in registered or n not in SOURCES]
    if unknown:
        raise ValueError(
            f"no demo generator for sources {unknown}; generated: "
            f"{sorted(set(SOURCES) & set(registered))}"
        )
    generated = {
        (name, file): data for name in names for file, data in downloads(world, name).items()
    }
    manifest = "".join(
        f"{hashlib.sha256(data).hexdigest()}  {name}/{file}\n"
        for (name, file), data in sorted(generated.items())
    )

    def write(tmp: Path) -> None:
        for (name, file), data in generated.items():
            path = tmp / name / file
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        (tmp / MANIFEST).write_text(manifest, encoding="utf-8")

    mirror = Path(mirror)
    with atomic_folder(mirror) as tmp:
        write(tmp)
    lines = corpus.corpus_lines(
        world, tuple(sorted({lang for langs in L.values() for lang in langs}))
    )
    write_text_atomic(Path(corpus_path), "".join(f"{line}\n" for line in lines))
    return DemoWorld(
        mirror=mirror,
        manifest=mirror / MANIFEST,
        corpus=Path(corpus_path),
        num_files=len(generated),
        num_bytes=sum(len(d) for d in generated.values()),
        corpus_lines=len(lines),
    )
