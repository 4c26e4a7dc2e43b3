"""Claim verdicts: compare a reproduced value with the claimed one, and mark seed noise.

reproduced      the computation ran and the value meets the claim within its tolerance
not reproduced  it ran and does not
not run         the grid (or config) lacks what it needs; `reason` names what is missing
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from statistics import stdev
from typing import Any

from xstilts.analysis.claims import Claim
from xstilts.analysis.computations import REGISTRY, Context, NotRun, Value
from xstilts.tasks.spec import SELECTION

Aliases = Mapping[str, Sequence[str]]

# A difference is "within seed noise" when it is no larger than two standard deviations of the
# statistic across seeds: roughly the 95% band of a single run around its expectation.
NOISE_SDS = 2.0


@dataclass(frozen=True)
class ClaimResult:
    id: str
    claim: str
    claimed: Any
    reproduced: Any
    verdict: str
    difference: float | None
    tolerance: float
    reason: str
    within_seed_noise: bool | None
    seed_std: float | None
    n_seeds: int
    status: str
    source: str
    compute: str
    split: str

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("reproduced", "difference", "seed_std"):
            if isinstance(out[key], float):
                out[key] = round(out[key], 4)
        return out


def compute(claim: Claim, ctx: Context, aliases: Aliases | None = None) -> Value:
    """Run the claim's named computation on `ctx` (raises NotRun).

    Run names in the arguments go through `aliases` to the folder present in the grid, and run
    names in the result come back to the claim's spelling, so `squad` matches `squad_v2/`.
    """
    fn = REGISTRY.get(claim.compute.name)
    if fn is None:
        raise NotRun(f"unknown computation '{claim.compute.name}' (known: {', '.join(sorted(REGISTRY))})")
    aliases = aliases or {}
    present = set(ctx.cells.get(claim.split, {})) | set(ctx.cells.get(SELECTION, {}))
    kwargs = {k: resolve_name(v, aliases, present) if k == "inter" else v
              for k, v in claim.compute.kwargs().items()}
    return canonical(fn(ctx, claim.split, **kwargs), aliases)


def resolve_name(name: object, aliases: Aliases, present: set[str]) -> object:
    """The first folder name listed for `name` that the grid has (else `name` unchanged)."""
    if not isinstance(name, str):
        return name
    return next((n for n in aliases.get(name, ()) if n in present), name)


def canonical(value: Value, aliases: Aliases) -> Value:
    """Grid folder names in a result, written back as the claims file names them."""
    back = {folder: name for name, folders in aliases.items() for folder in folders}
    if isinstance(value, str):
        return back.get(value, value)
    if isinstance(value, list):
        return [back.get(v, v) for v in value]
    return value


def meets(claim: Claim, reproduced: Value) -> tuple[bool, float | None, str]:
    """(claim met?, reproduced - claimed for numeric comparisons, explanation)."""
    c, tol = claim.claimed, claim.tolerance
    if claim.compare == "equals":
        ok = _same(reproduced, c)
        return ok, None, f"{reproduced!r} {'==' if ok else '!='} claimed {c!r}"
    if claim.compare == "same_set":
        ok = {str(v) for v in reproduced} == {str(v) for v in c}  # type: ignore[union-attr]
        return ok, None, f"{sorted(map(str, reproduced))} vs claimed {sorted(map(str, c))}"  # type: ignore[arg-type]
    r = float(reproduced)  # type: ignore[arg-type]
    diff = r - float(c)
    if claim.compare == "approx":
        ok = abs(diff) <= tol + 1e-9
        return ok, diff, f"|{r:.2f} - {c}| = {abs(diff):.2f} {'<=' if ok else '>'} tolerance {tol}"
    if claim.compare == "at_least":
        ok = r >= float(c) - tol - 1e-9
        return ok, diff, f"{r:.2f} {'>=' if ok else '<'} {c} - tolerance {tol}"
    ok = r <= float(c) + tol + 1e-9  # at_most
    return ok, diff, f"{r:.2f} {'<=' if ok else '>'} {c} + tolerance {tol}"


def _same(a: Value, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return bool(a) == bool(b) and isinstance(a, bool) == isinstance(b, bool)
    if isinstance(a, int | float) and isinstance(b, int | float):
        return math.isclose(a, b)
    return str(a) == str(b)


def check_claim(
    claim: Claim,
    ctx: Context,
    seed_contexts: Sequence[Context] = (),
    aliases: Aliases | None = None,
) -> ClaimResult:
    """The verdict of one claim on the replicate-mean grid `ctx`.

    `seed_contexts` (one per seed) give the spread of the statistic across seeds; with fewer than
    two that compute, seed noise is unknown (None).
    """
    base = dict(
        id=claim.id, claim=claim.claim, claimed=claim.claimed, tolerance=claim.tolerance,
        status=claim.status, source=claim.source, compute=str(claim.compute), split=claim.split,
    )
    try:
        reproduced = compute(claim, ctx, aliases)
        ok, diff, why = meets(claim, reproduced)
    except NotRun as err:
        return ClaimResult(**base, reproduced=None, verdict="not run", difference=None,
                           reason=str(err), within_seed_noise=None, seed_std=None, n_seeds=0)
    except (TypeError, ValueError) as err:
        # A malformed entry of claims.yaml should not take the whole report down with it.
        return ClaimResult(**base, reproduced=None, verdict="not run", difference=None,
                           reason=f"claims.yaml entry {claim.id} cannot be computed: {err}",
                           within_seed_noise=None, seed_std=None, n_seeds=0)
    per_seed = _numeric_per_seed(claim, seed_contexts, aliases) if diff is not None else []
    std = stdev(per_seed) if len(per_seed) >= 2 else None
    within = None if std is None or diff is None else abs(diff) <= NOISE_SDS * std
    return ClaimResult(**base, reproduced=reproduced, verdict="reproduced" if ok else "not reproduced",
                       difference=diff, reason=why, within_seed_noise=within, seed_std=std,
                       n_seeds=len(per_seed))


def _numeric_per_seed(
    claim: Claim, seed_contexts: Sequence[Context], aliases: Aliases | None
) -> list[float]:
    values = []
    for sctx in seed_contexts:
        try:
            values.append(float(compute(claim, sctx, aliases)))  # type: ignore[arg-type]
        except NotRun:
            continue
    return values


def check_claims(
    claims: Sequence[Claim],
    ctx: Context,
    seed_contexts: Sequence[Context] = (),
    aliases: Aliases | None = None,
) -> list[ClaimResult]:
    return [check_claim(c, ctx, seed_contexts, aliases) for c in claims]
