"""Resumable training state under `<run>/state/step-XXXXXXXX/`, written atomically.

A state folder holds `model.safetensors` (all weights), `trainer.pt` (optimizer, scheduler and
torch RNG states: tensors and plain values only, read back with `weights_only=True`),
`progress.json` (step, sampler counters, early stopping, running losses) and, written last,
`complete.json` listing every file with its size. The folder is renamed into place only when
whole; a folder without a matching `complete.json` (copied by hand, a filesystem without atomic
rename) is skipped with a warning, and the previous complete state is used. Early stopping's
best weights live next to it in `<run>/best-XXXXXXXX/`.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import torch
from safetensors.torch import load_file, save_file
from torch import nn

from xstilts.fileio import atomic_folder
from xstilts.modeling.atomic import sweep_folder

log = logging.getLogger(__name__)

STATE_DIR = "state"
BEST_PREFIX = "best-"
_PREFIX = "step-"
_MARKER = "complete.json"
_REQUIRED = {"model.safetensors", "trainer.pt", "progress.json"}


def save_state(
    run_dir: Path,
    step: int,
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    scheduler: Any,
    progress: dict[str, Any],
    keep: int = 1,
) -> Path:
    """Write the state of `step`; then delete all but the newest `keep` complete states."""
    root = Path(run_dir) / STATE_DIR
    final = root / f"{_PREFIX}{step:08d}"
    with atomic_folder(final) as tmp:
        save_file(_weights(model), tmp / "model.safetensors")
        trainer = {
            "optimizer": optimizer.state_dict(),
            "scheduler": scheduler.state_dict(),
            "torch_rng": torch.get_rng_state(),
            "cuda_rng": torch.cuda.get_rng_state_all() if torch.cuda.is_available() else [],
        }
        torch.save(trainer, tmp / "trainer.pt")
        (tmp / "progress.json").write_text(json.dumps(progress, indent=1, sort_keys=True))
        sizes = {p.name: p.stat().st_size for p in sorted(tmp.iterdir())}
        (tmp / _MARKER).write_text(json.dumps({"step": step, "files": sizes}))
    for old in complete_states(run_dir)[:-keep]:
        _remove(old)
    return final


def complete_states(run_dir: Path) -> list[Path]:
    """Complete state folders, oldest first."""
    root = Path(run_dir) / STATE_DIR
    if not root.is_dir():
        return []
    found = []
    for path in sorted(root.glob(f"{_PREFIX}*")):
        if _is_complete(path):
            found.append(path)
        else:
            log.warning("ignoring incomplete training state %s", path)
    return found


def latest_state(run_dir: Path) -> Path | None:
    sweep_folder(Path(run_dir))
    sweep_folder(Path(run_dir) / STATE_DIR)
    states = complete_states(run_dir)
    return states[-1] if states else None


def load_state(
    path: Path, model: nn.Module, optimizer: torch.optim.Optimizer, scheduler: Any
) -> dict[str, Any]:
    """Restore weights, optimizer, scheduler and RNG from `path`; return its progress dict."""
    path = Path(path)
    model.load_state_dict(_to_device(load_file(path / "model.safetensors"), model), strict=True)
    trainer = torch.load(path / "trainer.pt", weights_only=True, map_location="cpu")
    optimizer.load_state_dict(trainer["optimizer"])
    scheduler.load_state_dict(trainer["scheduler"])
    torch.set_rng_state(trainer["torch_rng"])
    if trainer["cuda_rng"] and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(trainer["cuda_rng"])
    return json.loads((path / "progress.json").read_text())


def save_best(run_dir: Path, model: nn.Module, step: int, score: float) -> None:
    """Keep the best weights so far (early stopping reloads them at the end).

    One folder per best step, the older one deleted only after the new one is in place: a kill
    at any moment leaves the best that the last saved state refers to, or a newer one that the
    resumed run rewrites identically.
    """
    run_dir = Path(run_dir)
    with atomic_folder(run_dir / f"{BEST_PREFIX}{step:08d}") as tmp:
        save_file(_weights(model), tmp / "model.safetensors")
        (tmp / "best.json").write_text(json.dumps({"step": step, "score": score}))
    for old in run_dir.glob(f"{BEST_PREFIX}*"):
        if old.name != f"{BEST_PREFIX}{step:08d}":
            _remove(old)


def load_best(run_dir: Path, model: nn.Module, step: int) -> None:
    path = Path(run_dir) / f"{BEST_PREFIX}{step:08d}" / "model.safetensors"
    if not path.is_file():
        raise FileNotFoundError(f"best weights of step {step} are missing: {path}")
    model.load_state_dict(_to_device(load_file(path), model), strict=True)


def _weights(model: nn.Module) -> dict[str, torch.Tensor]:
    return {k: v.detach().cpu().contiguous() for k, v in model.state_dict().items()}


def _to_device(state: dict[str, torch.Tensor], model: nn.Module) -> dict[str, torch.Tensor]:
    device = next(model.parameters()).device
    return {k: v.to(device) for k, v in state.items()}


def _is_complete(path: Path) -> bool:
    marker = path / _MARKER
    if not marker.is_file():
        return False
    try:
        files = json.loads(marker.read_text())["files"]
    except (ValueError, KeyError):
        return False
    if not _REQUIRED <= set(files):
        return False
    return all(
        (path / name).is_file() and (path / name).stat().st_size == size
        for name, size in files.items()
    )


def _remove(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)
