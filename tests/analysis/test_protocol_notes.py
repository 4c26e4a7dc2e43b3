"""The report's protocol notes and REPRODUCE.md §6 name every selection set and every
replication default (one list in xstilts/analysis/protocol.py, the registry for the sets)."""

from __future__ import annotations

from pathlib import Path

from xstilts.analysis.names import TARGETS
from xstilts.analysis.protocol import REPLICATION_DEFAULTS, protocol_lines, selection_notes
from xstilts.tasks.registry import get_task

ROOT = Path(__file__).resolve().parents[2]


def _section_6() -> str:
    text = (ROOT / "REPRODUCE.md").read_text(encoding="utf-8")
    return " ".join(text[text.index("## 6."):text.index("## 7.")].split())


def test_report_notes_give_every_targets_selection_set() -> None:
    notes = dict(selection_notes())
    assert list(notes) == list(TARGETS)
    for target in TARGETS:
        sel = get_task(target).selection
        expected = "nothing is selected" if sel is None else f"{sel.task} {sel.split}"
        assert notes[target].startswith(expected), target


def test_report_notes_list_every_replication_default() -> None:
    text = "\n".join(protocol_lines())
    assert all(f"**{name}**" in text for name, _ in REPLICATION_DEFAULTS)


def test_reproduce_section_6_lists_every_selection_set_and_default() -> None:
    section = _section_6()
    for target in TARGETS:
        sel = get_task(target).selection
        assert target in section
        if sel is not None:
            assert f"`{sel.task}` `{sel.split}`" in section or f"its own `{sel.split}`" in section
    for name, _ in REPLICATION_DEFAULTS:
        assert name.lower() in section.lower(), name
