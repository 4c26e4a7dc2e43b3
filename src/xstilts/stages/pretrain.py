"""`xstilts pretrain`: phase 1, the pretrained MLM every later stage starts from.

Paper profile: XLM-R Large from the hub at `base.revision`, resolved to a commit before anything
is downloaded; model and tokenizer both come from that commit (safetensors weights only), and the
commit is recorded in models/pretrained/xstilts-source.json and as the MLflow tag
`pretrained_commit`.

Demo profile (simulated): a tiny XLM-R-shaped model with a unigram tokenizer built from the demo
corpus, then a short MLM pretraining on that multilingual corpus so zero-shot transfer between
demo languages can happen. `base.revision` is unused there.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from xstilts.config import MLM_CORPUS_TASK as CORPUS_TASK
from xstilts.config import UNPINNED_REVISION, Params
from xstilts.fileio import atomic_folder, write_text_atomic
from xstilts.layout import PRETRAINED, RAW
from xstilts.stages.common import add_params_argument

SOURCE_FILE = "xstilts-source.json"
# Only safetensors: a pickled checkpoint (pytorch_model.bin) can run code when loaded.
WEIGHTS_FILE = "model.safetensors"
# Top-level files a model and its tokenizer are read from; other weight formats (.bin, .h5,
# .msgpack, onnx/) are never downloaded.
_SNAPSHOT_SUFFIXES = (".json", ".model", ".txt")


class UnsafeWeightsError(ValueError):
    """The requested hub revision has no safetensors weights (only pickled ones, or none)."""


@dataclass(frozen=True)
class HubRevision:
    """`base.revision` of `base.model` resolved on the hub: the commit and what to download."""

    model: str
    requested: str
    commit: str
    files: tuple[str, ...]

    @property
    def pinned(self) -> bool:
        return self.requested == self.commit


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_params_argument(parser)


def run(args: argparse.Namespace, params: Params) -> int:
    from xstilts.stages.tracked import current_tracker

    tracker = current_tracker()
    try:
        if params.pretrain.enabled:
            pretrain_tiny(params, Path("."), tracker.log_step)
        else:
            hub = snapshot_hub_model(params, Path("."), params_file=args.params)
            tracker.set_tags({"pretrained_commit": hub.commit,
                              "pretrained_revision": hub.requested})
    except (FileNotFoundError, OSError, UnsafeWeightsError) as err:
        print(f"pretrain: {err}", file=sys.stderr)
        return 2
    tracker.log_artifact(PRETRAINED / SOURCE_FILE)
    return 0


def resolve_hub_revision(model: str, revision: str) -> HubRevision:
    """Ask the hub which commit `revision` of `model` is, and which files to take from it.

    Nothing is downloaded here. Raises UnsafeWeightsError when the commit has no
    model.safetensors, OSError (the hub's own errors) when the model or revision is unknown or
    the hub is unreachable.
    """
    from huggingface_hub import HfApi

    try:
        info = HfApi().model_info(model, revision=revision)
    except OSError as err:
        raise OSError(f"could not resolve base.revision {revision!r} of base.model {model!r} "
                      f"on the Hugging Face Hub ({err}); check both keys in the params file "
                      "and that the hub is reachable (HF_HUB_OFFLINE unset)") from err
    commit = info.sha
    if not commit:
        raise OSError(f"the Hugging Face Hub returned no commit for {model!r} at {revision!r}; "
                      "retry, or set base.revision to a 40-hex commit")
    names = sorted(s.rfilename for s in info.siblings or [])
    if WEIGHTS_FILE not in names:
        weights = [n for n in names if n.endswith((".bin", ".pt", ".pth", ".ckpt", ".h5"))]
        raise UnsafeWeightsError(
            f"{model} at base.revision {revision!r} (commit {commit}) has no {WEIGHTS_FILE}"
            f" (weight files there: {weights or 'none'}); pickled weights are not loaded. "
            f"Set base.revision in the params file to a commit of {model} that has "
            f"{WEIGHTS_FILE}.")
    files = tuple(n for n in names if "/" not in n
                  and (n == WEIGHTS_FILE or n.endswith(_SNAPSHOT_SUFFIXES)))
    return HubRevision(model=model, requested=revision, commit=commit, files=files)


def snapshot_hub_model(params: Params, root: Path,
                       params_file: Path | str = "params.yaml") -> HubRevision:
    """Resolve `base.revision`, download model and tokenizer from that one commit, save them
    to models/pretrained and record the commit there."""
    from huggingface_hub import snapshot_download
    from transformers import AutoModelForMaskedLM, AutoTokenizer

    hub = resolve_hub_revision(params.base.model, params.base.revision)
    if params.base.revision == UNPINNED_REVISION:
        print(f"pretrain: WARNING: this run is unpinned: base.revision is "
              f"{UNPINNED_REVISION!r}, resolved to commit {hub.commit} of {hub.model}. "
              f"To pin it, set `base.revision: {hub.commit}` in {params_file}.",
              file=sys.stderr)
    # Both read from one local snapshot of the resolved commit (not the branch name, which may
    # move between the two downloads).
    snapshot = Path(snapshot_download(hub.model, revision=hub.commit,
                                      allow_patterns=list(hub.files)))
    model = AutoModelForMaskedLM.from_pretrained(snapshot, use_safetensors=True)
    tokenizer = AutoTokenizer.from_pretrained(snapshot)
    out = root / PRETRAINED
    with atomic_folder(out) as tmp:  # a killed save must not leave a model later stages load
        model.save_pretrained(tmp, safe_serialization=True)
        tokenizer.save_pretrained(tmp)
        _record(tmp, {"model": hub.model, "requested_revision": hub.requested,
                      "resolved_commit": hub.commit, "pinned": hub.pinned,
                      "files": list(hub.files)})
    return hub


def corpus_lines(root: Path) -> list[str]:
    """Every line of the multilingual MLM corpus, all languages (demo pretraining)."""
    from xstilts.tasks.readers import read_examples
    from xstilts.tasks.registry import get_task

    spec = get_task(CORPUS_TASK)
    lines: list[str] = []
    for entry in spec.entries:
        if "train" in entry.splits:
            lines.extend(str(t) for t in read_examples(CORPUS_TASK, "train", entry.lang,
                                                       root / RAW))
    return lines


def pretrain_tiny(params: Params, root: Path, log_step: object = None) -> Path:
    from transformers import AutoTokenizer

    from xstilts.modeling.tiny import build_tiny_model, is_complete_model
    from xstilts.stages.state import training_state
    from xstilts.stages.train_config import pretrain_config, tiny_spec
    from xstilts.training.pretrain import corpus_features, pretrain_mlm

    lines = corpus_lines(root)
    spec = tiny_spec(params)
    config = pretrain_config(params)
    identity = {"spec": spec.__dict__, "config": config.to_dict(), "lines": len(lines)}
    out = root / PRETRAINED
    with training_state("pretrain", identity, root) as work:
        initial = work / "initial"
        # Reused only when whole: build_tiny_model swaps the folder in complete, and a folder
        # missing its tokenizer files (an older, in-place build killed mid-write) is rebuilt.
        if not is_complete_model(initial):
            shutil.rmtree(initial, ignore_errors=True)
            build_tiny_model(lines, initial, spec)
        tokenizer = AutoTokenizer.from_pretrained(initial)
        features = corpus_features(lines, tokenizer, params.pretrain.max_length)
        result = pretrain_mlm(initial, features, out, config, run_dir=work / "run",
                              metrics_callback=log_step)
    _record(out, {"model": "tiny-xlmr (simulated, built locally)", "spec": spec.__dict__,
                  "corpus_lines": len(lines), "train": result.metrics()})
    return out


def _record(out: Path, info: dict[str, object]) -> None:
    write_text_atomic(out / SOURCE_FILE, json.dumps(info, indent=2, default=str) + "\n")
