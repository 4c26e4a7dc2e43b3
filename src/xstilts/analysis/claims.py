"""The paper's claims as data: `claims.yaml` beside this module, one entry per claim or number.

Each entry names the computation on the results grid that reproduces it, written like a call:
`mean_gain(inter=squad)`, `top_by_mean_gain(k=3, pool=single)`, `min_mean_gain(targets=[bucc2018,
tatoeba])`. The names are the functions registered in `computations.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml

Compare = Literal["approx", "at_least", "at_most", "equals", "same_set"]
Status = Literal["verified", "secondary", "unverified"]
COMPARES: tuple[str, ...] = ("approx", "at_least", "at_most", "equals", "same_set")
STATUSES: tuple[str, ...] = ("verified", "secondary", "unverified")
_REQUIRED = ("id", "claim", "claimed", "compute", "compare", "source", "status")

Arg = str | int | float | list[str]


@dataclass(frozen=True)
class Computation:
    """A parsed `name(key=value, ...)`; values are numbers, bare words or [lists, of, words]."""

    name: str
    args: tuple[tuple[str, Arg], ...] = ()

    def kwargs(self) -> dict[str, Arg]:
        return dict(self.args)

    def __str__(self) -> str:
        def show(v: Arg) -> str:
            return "[" + ",".join(v) + "]" if isinstance(v, list) else str(v)

        return f"{self.name}({', '.join(f'{k}={show(v)}' for k, v in self.args)})"


@dataclass(frozen=True)
class Claim:
    id: str
    claim: str
    claimed: Any
    compute: Computation
    compare: Compare
    source: str
    status: Status
    tolerance: float = 0.0
    split: str = "dev"


@dataclass(frozen=True)
class ClaimsFile:
    """The claims and the name aliases (a name used in claims -> grid folder names it may have)."""

    claims: tuple[Claim, ...]
    aliases: dict[str, tuple[str, ...]]


class ClaimsFileError(ValueError):
    """claims.yaml does not follow the schema; the message names the entry and the key."""


_CALL = re.compile(r"^\s*([A-Za-z_]\w*)\s*(?:\((.*)\))?\s*$")
_ARG = re.compile(r"\s*([A-Za-z_]\w*)\s*=\s*(\[[^\]]*\]|[^,\[\]]+)\s*(?:,|$)")


def parse_computation(text: str) -> Computation:
    """Parse `name`, `name()` or `name(k=v, k2=[a, b])`."""
    match = _CALL.match(text)
    if not match:
        raise ValueError(f"not a computation call: {text!r} (expected name(key=value, ...))")
    name, body = match.group(1), (match.group(2) or "").strip()
    args: list[tuple[str, Arg]] = []
    pos = 0
    while pos < len(body):
        arg = _ARG.match(body, pos)
        if not arg:
            raise ValueError(f"cannot parse arguments of {text!r} at {body[pos:]!r}")
        args.append((arg.group(1), _value(arg.group(2).strip())))
        pos = arg.end()
    return Computation(name, tuple(args))


def _value(raw: str) -> Arg:
    if raw.startswith("["):
        return [item.strip() for item in raw[1:-1].split(",") if item.strip()]
    for cast in (int, float):
        try:
            return cast(raw)
        except ValueError:
            pass
    return raw


def parse_claims_file(data: Any, where: str = "claims.yaml") -> ClaimsFile:
    """Validate parsed YAML `{aliases: {...}, claims: [...]}` (pure: data in, claims out)."""
    if not isinstance(data, dict) or "claims" not in data:
        raise ClaimsFileError(f"{where}: expected a mapping with a 'claims' list")
    aliases = data.get("aliases") or {}
    if not isinstance(aliases, dict) or not all(isinstance(v, list) for v in aliases.values()):
        raise ClaimsFileError(f"{where}: aliases must map a name to a list of grid names")
    return ClaimsFile(
        tuple(parse_claims(data["claims"], where)),
        {str(k): tuple(str(n) for n in v) for k, v in aliases.items()},
    )


def parse_claims(entries: Any, where: str = "claims.yaml") -> list[Claim]:
    """Validate a list of claim entries."""
    if not isinstance(entries, list):
        raise ClaimsFileError(f"{where}: 'claims' must be a list")
    claims: list[Claim] = []
    seen: set[str] = set()
    for n, entry in enumerate(entries):
        label = f"{where}: entry {n} ({entry.get('id', '?') if isinstance(entry, dict) else '?'})"
        if not isinstance(entry, dict):
            raise ClaimsFileError(f"{label}: expected a mapping")
        missing = [k for k in _REQUIRED if k not in entry]
        if missing:
            raise ClaimsFileError(f"{label}: missing key(s) {', '.join(missing)}")
        if entry["compare"] not in COMPARES:
            raise ClaimsFileError(f"{label}: compare={entry['compare']!r}, allowed: {COMPARES}")
        if entry["status"] not in STATUSES:
            raise ClaimsFileError(f"{label}: status={entry['status']!r}, allowed: {STATUSES}")
        if entry["id"] in seen:
            raise ClaimsFileError(f"{label}: duplicate id")
        seen.add(entry["id"])
        try:
            compute = parse_computation(str(entry["compute"]))
        except ValueError as err:
            raise ClaimsFileError(f"{label}: compute: {err}") from err
        claims.append(
            Claim(
                id=str(entry["id"]),
                claim=str(entry["claim"]).strip(),
                claimed=entry["claimed"],
                compute=compute,
                compare=entry["compare"],
                source=str(entry["source"]),
                status=entry["status"],
                tolerance=float(entry.get("tolerance", 0.0)),
                split=str(entry.get("split", "dev")),
            )
        )
    return claims


def load_claims(path: Path | None = None) -> ClaimsFile:
    """The claims file given, or the package's own `claims.yaml`."""
    if path is None:
        text = resources.files("xstilts.analysis").joinpath("claims.yaml").read_text("utf-8")
        where = "xstilts/analysis/claims.yaml"
    else:
        text, where = path.read_text(encoding="utf-8"), str(path)
    return parse_claims_file(yaml.safe_load(text), where)
