"""Fixtures for the data tests: the tiny model's fast tokenizer (built once per session)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def tokenizer(tiny_model_dir: Path):
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(tiny_model_dir)
    assert len(tok) > 5, "vocabulary ignored (transformers 5 trap, STACK.md)"
    assert tok.is_fast
    return tok


# A small demo world (a quarter of the default sizes), generated and fetched once: the
# readers, oracles and prepare tests all read the same raw files.
DEMO_SEED = 7
DEMO_SCALE = 0.25


@pytest.fixture(scope="session")
def demo_world(tmp_path_factory: pytest.TempPathFactory):
    from xstilts.demo_world import DemoSizes, generate_demo_world

    root = tmp_path_factory.mktemp("demo-world")
    return generate_demo_world(
        root / "mirror", root / "corpus.txt", seed=DEMO_SEED, sizes=DemoSizes.scaled(DEMO_SCALE)
    )


@pytest.fixture(scope="session")
def demo_raw(demo_world, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo mirror fetched the way the pipeline fetches it (`fetch --from`)."""
    from xstilts.data.fetch import fetch

    raw = tmp_path_factory.mktemp("demo-raw") / "raw"
    fetch(raw_root=raw, mirror=demo_world.mirror, log=lambda message: None)
    return raw
