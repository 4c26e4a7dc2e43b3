"""`xstilts tasks [--json] [--role ROLE]`: print the task registry."""

from __future__ import annotations

import argparse
import json
import sys

from xstilts.tasks.registry import all_tasks
from xstilts.tasks.spec import ROLES


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true",
                        help="print a JSON list, one object per task (name, role, kind, head, "
                             "languages, labels, sources, ...)")
    parser.add_argument("--role", choices=ROLES, help="only tasks of this role")


def run(args: argparse.Namespace) -> int:
    tasks = [t for t in all_tasks() if args.role is None or t.role == args.role]
    if args.json:
        json.dump([t.to_json() for t in tasks], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    width = max(len(t.name) for t in tasks)
    for t in tasks:
        langs = ",".join(t.languages) if len(t.languages) <= 4 else f"{len(t.languages)} langs"
        manual = "  [manual data]" if t.needs_manual else ""
        print(f"{t.name:<{width}}  v{t.version}  {t.role:<12}  {t.kind:<15}  "
              f"head={t.head or '-':<13}  {langs}{manual}")
    return 0
