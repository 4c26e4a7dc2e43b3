"""`xstilts sync-runs`: deliver the runs a stage kept in the local spool because the MLflow
store was unreachable (down at start, or died mid-run).

    xstilts sync-runs                      # from the pipeline root, to the store each run named
    xstilts sync-runs --root demo          # the demo profile's pipeline root
    xstilts sync-runs --tracking-uri http://127.0.0.1:5000   # to another store
    xstilts sync-runs --dry-run            # list what is waiting

Exit status: 0 when nothing is left to deliver (runs still being written by a live stage are
reported and left for later), 1 when a run could not be delivered (it stays in the spool; run
the command again once the store is up).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from xstilts.tracking.journal import claimed, pending_journals, read_events, spool_dir


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--root",
        type=Path,
        default=Path("."),
        help="pipeline root holding .mlflow-spool/ (default: current directory)",
    )
    parser.add_argument(
        "--tracking-uri",
        default=None,
        help="deliver to this store instead of the one each run was started against",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="list the spooled runs, deliver nothing"
    )


def run(args: argparse.Namespace) -> int:
    journals = pending_journals(args.root)
    if not journals:
        print(f"nothing to sync: no spooled runs in {spool_dir(args.root)}")
        return 0
    if args.dry_run:
        for path in journals:
            start = next((e for e in read_events(path) if e["op"] == "start"), {})
            target = args.tracking_uri or start.get("tracking_uri", "?")
            with claimed(path) as ended:
                state = "waiting" if ended else "running (its stage is still writing it)"
            print(f"{state}: {start.get('run_name', '?')} ({path.name}) -> {target}")
        return 0

    from xstilts.tracking.sync import sync_journal

    failed = 0
    for path in journals:
        result = sync_journal(path, args.tracking_uri)
        if result.outcome == "synced":
            print(
                f"synced {path.name} -> run {result.run_id} in {result.tracking_uri}"
                f" ({result.detail})"
            )
        elif result.outcome == "running":
            print(f"skipped {path.name}: {result.detail}")
        else:
            failed += 1
            print(f"FAILED {path.name} -> {result.tracking_uri}: {result.detail}")
    if failed:
        print(
            f"{failed} run(s) not delivered; they stay in {spool_dir(args.root)}. "
            "Run this command again once the store is reachable."
        )
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    """Standalone entry point (`python -m xstilts.tools.sync_runs`) until the CLI wires it."""
    parser = argparse.ArgumentParser(prog="xstilts sync-runs", description=__doc__.split("\n")[0])
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
