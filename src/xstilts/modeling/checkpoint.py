"""Checkpoints between the paper's phases, and strict encoder loading.

Layout (docs/INTERFACES.md): `encoder/` (HF `save_pretrained` of `XLMRobertaModel`, safetensors,
plus the tokenizer), `heads.safetensors` (keys `<head name>.<param>`), `xstilts.json` (head specs,
resolved config, final metrics).

Loading is strict because jiant loaded encoders with `strict=False` and so silently trained a
random model when names drifted: any missing, unexpected or mis-shaped encoder key raises
`EncoderMismatchError`. The only source keys not loaded into the encoder are named here:
`lm_head.*` (the pretrained MLM head, loaded into an `mlm` head when one is asked for),
`pooler.*` (XLM-R's MLM pretraining never trains a pooler; our heads read the <s> state) and the
non-persistent `embeddings.position_ids` buffer that older HF exports still carry.

Only safetensors are read: nothing downloaded is ever unpickled.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import torch
from safetensors.torch import load_file, save_file
from torch import nn

from xstilts.fileio import atomic_folder
from xstilts.modeling.heads import HeadSpec
from xstilts.modeling.model import XstiltsModel

ENCODER_DIR = "encoder"
HEADS_FILE = "heads.safetensors"
INFO_FILE = "xstilts.json"
FORMAT_VERSION = 1
# SDPA: flash/memory-efficient kernels on CUDA; on CPU PyTorch's fused path, same numbers each run.
DEFAULT_ATTENTION = "sdpa"
_DROPPED_PREFIXES = ("pooler.",)
_DROPPED_KEYS = ("embeddings.position_ids",)
# lm_head.decoder.* are tied to the word embeddings and lm_head.bias; checked, not loaded.
_TIED_LM_KEYS = ("decoder.weight", "decoder.bias")


class EncoderMismatchError(ValueError):
    """The weights on disk do not fit the encoder architecture exactly."""


def encoder_folder(source: Path) -> Path:
    """The HF folder holding the encoder: `source/encoder` for our checkpoints, else `source`."""
    source = Path(source)
    return source / ENCODER_DIR if (source / INFO_FILE).is_file() else source


def load_pretrained(
    source: Path, *, attn_implementation: str | None = None
) -> tuple[nn.Module, dict[str, torch.Tensor]]:
    """Load an `XLMRobertaModel` (no pooler) strictly from `source`; also return `lm_head.*`.

    `source` is an HF folder (hub layout, e.g. `xlm-roberta-large` or the demo's pretrained
    `XLMRobertaForMaskedLM`) or one of our checkpoints. Returns (encoder, lm_head_state) where
    lm_head_state has the `lm_head.` prefix stripped (empty when the folder has none).
    """
    from transformers import XLMRobertaConfig, XLMRobertaModel

    folder = encoder_folder(source)
    config = XLMRobertaConfig.from_pretrained(folder)
    config._attn_implementation = attn_implementation or DEFAULT_ATTENTION
    # The random init is overwritten below; fork_rng keeps it from shifting the caller's RNG.
    with torch.random.fork_rng(devices=[]):
        encoder = XLMRobertaModel(config, add_pooling_layer=False)
    state = read_safetensors_folder(folder)
    encoder_state, lm_head_state = split_source_state(state)
    load_encoder_state(encoder, encoder_state, source=str(folder))
    encoder.eval()
    return encoder, lm_head_state


def read_safetensors_folder(folder: Path) -> dict[str, torch.Tensor]:
    """All tensors of an HF folder (single file or sharded index), via safetensors only."""
    folder = Path(folder)
    single = folder / "model.safetensors"
    index = folder / "model.safetensors.index.json"
    if single.is_file():
        return load_file(single)
    if index.is_file():
        shards = sorted(set(json.loads(index.read_text())["weight_map"].values()))
        state: dict[str, torch.Tensor] = {}
        for shard in shards:
            state.update(load_file(folder / shard))
        return state
    if any(folder.glob("*.bin")) or any(folder.glob("*.pt")):
        raise FileNotFoundError(
            f"{folder} has only pickled weights (*.bin/*.pt); xstilts never unpickles downloaded "
            "files. Fetch the safetensors revision of the model (model.safetensors)."
        )
    raise FileNotFoundError(f"no model.safetensors (or sharded index) in {folder}")


def split_source_state(
    state: dict[str, torch.Tensor],
) -> tuple[dict[str, torch.Tensor], dict[str, torch.Tensor]]:
    """Split source tensors into (encoder keys, lm_head keys); drop the keys named above."""
    encoder_state: dict[str, torch.Tensor] = {}
    lm_head: dict[str, torch.Tensor] = {}
    for key, tensor in state.items():
        if key.startswith("lm_head."):
            lm_head[key.removeprefix("lm_head.")] = tensor
            continue
        key = key.removeprefix("roberta.")
        if key.startswith(_DROPPED_PREFIXES) or key in _DROPPED_KEYS:
            continue
        encoder_state[key] = tensor
    return encoder_state, lm_head


def load_encoder_state(encoder: nn.Module, state: dict[str, torch.Tensor], source: str) -> None:
    """Copy `state` into `encoder`; raise on any missing, unexpected or mis-shaped key."""
    expected = encoder.state_dict()
    missing = sorted(set(expected) - set(state))
    unexpected = sorted(set(state) - set(expected))
    mismatched = sorted(
        f"{k}: checkpoint {tuple(state[k].shape)} vs model {tuple(expected[k].shape)}"
        for k in set(state) & set(expected)
        if state[k].shape != expected[k].shape
    )
    if missing or unexpected or mismatched:
        raise EncoderMismatchError(
            f"encoder weights in {source} do not match the encoder architecture "
            f"(strict loading; nothing was loaded):\n"
            f"  missing keys: {missing or 'none'}\n"
            f"  unexpected keys: {unexpected or 'none'}\n"
            f"  shape mismatches: {mismatched or 'none'}\n"
            "Check that the checkpoint was written by the same model config (config.json)."
        )
    encoder.load_state_dict(state, strict=True)


def build_model(
    source: Path,
    heads: Sequence[HeadSpec],
    *,
    seed: int = 0,
    attn_implementation: str | None = None,
) -> XstiltsModel:
    """Encoder from `source` (pretrained folder or an earlier phase's checkpoint) + fresh heads.

    This is the phase transition: only the encoder is carried over, target heads start fresh
    (jiant's "encoder only" load mode). An `mlm` head starts from the source's pretrained LM
    head when the source has one.
    """
    encoder, lm_head = load_pretrained(source, attn_implementation=attn_implementation)
    model = XstiltsModel(encoder, heads, seed=seed)
    if lm_head:
        for spec in heads:
            if spec.kind == "mlm":
                _load_lm_head(model, spec.name, lm_head, source)
    model.train()
    return model


def _load_lm_head(
    model: XstiltsModel, name: str, lm_head: dict[str, torch.Tensor], source: Path
) -> None:
    embeddings = model.encoder.embeddings.word_embeddings.weight
    if "decoder.weight" in lm_head and not torch.equal(lm_head["decoder.weight"], embeddings):
        raise EncoderMismatchError(
            f"{source}: lm_head.decoder.weight is not tied to the word embeddings; "
            "xstilts' MLM head assumes XLM-R's tied decoder"
        )
    state = {k: v for k, v in lm_head.items() if k not in _TIED_LM_KEYS}
    _load_strict(model.heads[name], state, f"{source} (lm_head)")


def _load_strict(module: nn.Module, state: dict[str, torch.Tensor], source: str) -> None:
    expected = module.state_dict()
    problems = sorted(set(expected) ^ set(state)) + sorted(
        k for k in set(expected) & set(state) if expected[k].shape != state[k].shape
    )
    if problems:
        raise EncoderMismatchError(f"weights in {source} do not fit: {problems}")
    module.load_state_dict(state, strict=True)


def save_checkpoint(
    model: XstiltsModel, tokenizer: Any, out_dir: Path, info: dict[str, Any] | None = None
) -> Path:
    """Write the INTERFACES.md checkpoint atomically; `info` (config, metrics) goes to JSON."""
    out_dir = Path(out_dir)
    with atomic_folder(out_dir) as tmp:
        model.encoder.save_pretrained(tmp / ENCODER_DIR)
        if tokenizer is not None:
            tokenizer.save_pretrained(tmp / ENCODER_DIR)
        save_file(head_state(model), tmp / HEADS_FILE)
        payload = {
            "format": FORMAT_VERSION,
            "heads": [spec.to_dict() for spec in model.specs.values()],
            **(info or {}),
        }
        (tmp / INFO_FILE).write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n")
    return out_dir


def head_state(model: XstiltsModel) -> dict[str, torch.Tensor]:
    """`<head>.<param>` → contiguous CPU tensor, for heads.safetensors."""
    return {
        f"{name}.{key}": tensor.detach().cpu().contiguous()
        for name, module in model.heads.items()
        for key, tensor in module.state_dict().items()
    }


def load_checkpoint(
    path: Path, *, attn_implementation: str | None = None
) -> tuple[XstiltsModel, Any, dict[str, Any]]:
    """Load (model with all its trained heads, tokenizer, xstilts.json) strictly."""
    from transformers import AutoTokenizer

    path = Path(path)
    info_path = path / INFO_FILE
    if not info_path.is_file():
        raise FileNotFoundError(f"{path} is not an xstilts checkpoint (no {INFO_FILE})")
    info = json.loads(info_path.read_text())
    specs = [HeadSpec(**spec) for spec in info["heads"]]
    encoder, _ = load_pretrained(path, attn_implementation=attn_implementation)
    model = XstiltsModel(encoder, specs)
    heads = load_file(path / HEADS_FILE)
    for spec in specs:
        prefix = f"{spec.name}."
        state = {k.removeprefix(prefix): v for k, v in heads.items() if k.startswith(prefix)}
        _load_strict(model.heads[spec.name], state, f"{path / HEADS_FILE} [{spec.name}]")
    known = {f"{spec.name}." for spec in specs}
    stray = sorted(k for k in heads if not any(k.startswith(p) for p in known))
    if stray:
        raise EncoderMismatchError(f"{path / HEADS_FILE} holds keys of no declared head: {stray}")
    tokenizer = AutoTokenizer.from_pretrained(path / ENCODER_DIR)
    model.eval()
    return model, tokenizer, info


def export_masked_lm(model: XstiltsModel, tokenizer: Any, out_dir: Path, head: str) -> Path:
    """Save encoder + `head` (an mlm head) as an HF `XLMRobertaForMaskedLM` folder, atomically.

    This is the demo's phase-1 output: a folder that loads exactly like `xlm-roberta-large`.
    """
    from transformers import XLMRobertaForMaskedLM

    if model.specs[head].kind != "mlm":
        raise ValueError(f"head {head!r} is {model.specs[head].kind}, not mlm")
    config = model.encoder.config
    hf = XLMRobertaForMaskedLM(config)
    state = {f"roberta.{k}": v for k, v in model.encoder.state_dict().items()}
    state.update({f"lm_head.{k}": v for k, v in model.heads[head].state_dict().items()})
    expected = hf.state_dict()
    # The tied decoder is the word-embedding matrix and lm_head.bias, as in XLM-R itself.
    state["lm_head.decoder.weight"] = state["roberta.embeddings.word_embeddings.weight"]
    if "lm_head.decoder.bias" in expected:
        state["lm_head.decoder.bias"] = state["lm_head.bias"]
    _load_strict(hf, state, "exported MLM state")
    out_dir = Path(out_dir)
    with atomic_folder(out_dir) as tmp:
        hf.save_pretrained(tmp)
        tokenizer.save_pretrained(tmp)
    return out_dir
