"""`xstilts tasks`: the JSON list other tools read."""

from __future__ import annotations

import argparse
import json

from xstilts.tools import tasks as cli


def _run(argv, capsys):
    parser = argparse.ArgumentParser()
    cli.add_arguments(parser)
    code = cli.run(parser.parse_args(argv))
    return code, capsys.readouterr().out


def test_tasks_json_lists_every_task_with_name_role_kind_head_languages(capsys):
    code, out = _run(["--json"], capsys)
    doc = json.loads(out)
    assert code == 0 and len(doc) == 24
    for item in doc:
        assert {"name", "role", "kind", "head", "languages"} <= set(item)
    udpos = next(d for d in doc if d["name"] == "udpos")
    assert udpos["role"] == "target" and udpos["kind"] == "tagging" and len(udpos["labels"]) == 17


def test_tasks_role_filter(capsys):
    _, out = _run(["--json", "--role", "target"], capsys)
    assert {d["name"] for d in json.loads(out)} == {
        "xnli", "pawsx", "udpos", "panx", "xquad", "mlqa", "tydiqa", "bucc2018", "tatoeba"}


def test_tasks_table_marks_manual_data(capsys):
    _, out = _run([], capsys)
    line = next(ln for ln in out.splitlines() if ln.startswith("ccg "))
    assert "[manual data]" in line
