"""`xstilts fetch`: download, verify and unpack data sources into data/raw/<source>/.

    xstilts fetch                         every source
    xstilts fetch xnli pawsx              some sources
    xstilts fetch --task xquad            the sources a task reads (xquad, squad_v1)
    xstilts fetch --from DIR              every file from a local mirror (DIR/<source>/<name>)
    xstilts fetch --list [--json]         every source: URL/revision, file names, sha256, layout
    xstilts fetch --params params.yaml    validated first; fetch.mirror and fetch.retries apply
                                          (explicit --from / --retries win)

Exit codes: 0 ok, 1 a source failed (message names file and fix), 2 unknown source/task name.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from xstilts.tasks.errors import UnknownNameError

if TYPE_CHECKING:
    from xstilts.config import Params


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sources", nargs="*", metavar="SOURCE",
                        help="source names (default: all; see --list)")
    parser.add_argument("--params", type=Path, default=None,
                        help="params file: validated first; its fetch section (mirror, retries) "
                             "gives defaults")
    parser.add_argument("--task", action="append", default=[], metavar="TASK",
                        help="also fetch the sources this task reads (repeatable)")
    parser.add_argument("--from", dest="mirror", type=Path, metavar="DIR",
                        help="take every file from DIR/<source>/<name> instead of the network "
                             "(checksums still apply; DIR/SHA256SUMS is used for unpinned files)")
    parser.add_argument("--raw-root", type=Path, default=Path("data/raw"),
                        help="where sources are unpacked (default: data/raw)")
    parser.add_argument("--manual-root", type=Path, default=Path("data/manual"),
                        help="where hand-placed licensed files live (default: data/manual)")
    parser.add_argument("--retries", type=_retry_count, default=None,
                        help="retries per file on transient network errors (default: 5)")
    parser.add_argument("--force", action="store_true",
                        help="fetch again even if a source is complete")
    parser.add_argument("--list", action="store_true",
                        help="print every source with URL/revision, file names and sha256")
    parser.add_argument("--json", action="store_true", help="with --list: print JSON")


def _retry_count(text: str) -> int:
    """--retries: a whole number >= 0 (argparse turns the error into exit 2 with usage)."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(
            f"got {text!r}; allowed: a whole number >= 0 (0 = no retry; default 5)")
    return value


def run(args: argparse.Namespace, params: Params | None) -> int:
    from xstilts.data.fetch import (
        ExtractLimits,
        FetchError,
        describe_sources,
        fetch,
        format_listing,
        sources_for_tasks,
    )

    mirror, retries = args.mirror, args.retries
    limits = ExtractLimits()
    needed: list[str] = []
    if params is not None:
        if mirror is None and params.fetch.mirror is not None:
            mirror = Path(params.fetch.mirror)  # relative to the pipeline root (the cwd)
        if params.fetch.demo_world and not args.list:
            if mirror is None:
                print("fetch: fetch.demo_world needs fetch.mirror (where to generate it)",
                      file=sys.stderr)
                return 2
            _generate_demo_world(mirror, params.fetch.demo_seed, params.fetch.demo_scale)
        retries = params.fetch.retries if retries is None else retries
        limits = ExtractLimits(max_bytes=int(params.fetch.max_unpacked_gib * 2**30),
                               max_members=params.fetch.max_members)
        from xstilts.config import tasks_to_prepare

        needed = tasks_to_prepare(params)  # only what the profile's stages read
    retries = 5 if retries is None else retries
    try:
        names: list[str] | None = list(args.sources) + sources_for_tasks(args.task)
        if not names and needed and not args.list:
            names = sources_for_tasks(needed)
        if not names:
            names = None
        else:
            names = list(dict.fromkeys(names))  # keep order, drop repeats
        if args.list:
            if args.json:
                json.dump(describe_sources(names), sys.stdout, indent=1)
                sys.stdout.write("\n")
            else:
                print(format_listing(names))
            return 0
        results = fetch(names, raw_root=args.raw_root, manual_root=args.manual_root,
                        mirror=mirror, retries=retries, force=args.force, limits=limits)
    except UnknownNameError as err:
        print(f"xstilts fetch: {err}", file=sys.stderr)
        return 2
    except FetchError as err:
        print(f"xstilts fetch: {err}", file=sys.stderr)
        _print_manual_summary(err, names)
        return 1
    for result in results:
        print(f"{result.source}\t{result.status}\t{result.path}")
    return 0


def _print_manual_summary(err: Exception, names: list[str] | None) -> None:
    """A missing licensed file: end with one line a summary or report can show as the reason."""
    from xstilts.data.fetch import ManualSourceError
    from xstilts.tasks.sources import get_source

    if not isinstance(err, ManualSourceError) or not names:
        return
    for name in names:
        spec = get_source(name)
        if spec.needs_manual and spec.manual_summary and f"{name}:" in str(err):
            print(f"xstilts fetch: {name}: {spec.manual_summary}", file=sys.stderr)


WORLD_MARKER = ".world.json"


def _generate_demo_world(mirror: Path, seed: int, scale: float) -> None:
    """The demo profile's "download": a seeded, simulated world written as a local mirror,
    once per (seed, scale, generator code). Every fetch@<source> stage calls this; the first
    generates, the others (and re-runs) find the marker and reuse it, so a source removed from
    the mirror stays missing, like a dead link."""
    import hashlib

    from xstilts.demo_world import generate
    from xstilts.demo_world.world import DemoSizes
    from xstilts.locks import lock_path, waiting_lock

    code = hashlib.sha256()
    for module in sorted(Path(generate.__file__).parent.glob("*.py")):
        code.update(module.read_bytes())
    stamp = {"seed": seed, "scale": scale, "generator": code.hexdigest()}
    marker = mirror / WORLD_MARKER
    with waiting_lock(lock_path(mirror)):
        if marker.is_file() and json.loads(marker.read_text()) == stamp:
            return
        world = generate.generate_demo_world(mirror, mirror / "corpus.txt", seed=seed,
                                             sizes=DemoSizes.scaled(scale))
        marker.write_text(json.dumps(stamp, sort_keys=True) + "\n")
    print(f"fetch: generated the SIMULATED demo world (seed {seed}) in {world.mirror}",
          file=sys.stderr)
