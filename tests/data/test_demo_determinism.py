"""The demo world is a function of its seed and sizes: same seed, same bytes."""

from __future__ import annotations

from pathlib import Path

from xstilts.demo_world import DemoSizes, generate_demo_world

SIZES = DemoSizes.scaled(0.1)


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def _generate(root: Path, seed: int) -> dict[str, bytes]:
    generate_demo_world(root / "mirror", root / "corpus.txt", seed=seed, sizes=SIZES)
    return _files(root)


def test_same_seed_gives_identical_bytes(tmp_path):
    first = _generate(tmp_path / "a", seed=11)
    second = _generate(tmp_path / "b", seed=11)
    assert len(first) > 100  # every download (archives included) plus manifest and corpus
    assert first == second


def test_different_seed_gives_different_data(tmp_path):
    first = _generate(tmp_path / "a", seed=11)
    other = _generate(tmp_path / "b", seed=12)
    assert first.keys() == other.keys()
    same = [name for name in first if first[name] == other[name]]
    assert same == []


def test_regenerating_replaces_the_whole_mirror(tmp_path):
    generate_demo_world(tmp_path / "mirror", tmp_path / "corpus.txt", seed=1, sizes=SIZES)
    stale = tmp_path / "mirror" / "stale.txt"
    stale.write_text("left over from an older world")
    generate_demo_world(tmp_path / "mirror", tmp_path / "corpus.txt", seed=1, sizes=SIZES)
    assert not stale.exists()
