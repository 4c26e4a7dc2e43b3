"""Done criterion (b): loading an encoder is strict. jiant loaded with strict=False and silently
trained a random encoder when keys drifted; here any missing, unexpected or mis-shaped key fails."""

from __future__ import annotations

import shutil

import pytest
import torch
from safetensors.torch import load_file, save_file

from xstilts.modeling.checkpoint import EncoderMismatchError, build_model, load_pretrained
from xstilts.modeling.heads import HeadSpec

WORDS = "roberta.embeddings.word_embeddings.weight"
QUERY = "roberta.encoder.layer.0.attention.self.query.weight"


def edited_copy(model_dir, tmp_path, edit):
    out = tmp_path / "edited"
    shutil.copytree(model_dir, out)
    state = load_file(out / "model.safetensors")
    edit(state)
    save_file(state, out / "model.safetensors")
    return out


def test_a_missing_encoder_key_is_an_error(tiny_model_dir, tmp_path):
    folder = edited_copy(tiny_model_dir, tmp_path, lambda s: s.pop(QUERY))
    with pytest.raises(EncoderMismatchError, match="missing keys: \\['encoder.layer.0.attention"):
        load_pretrained(folder)


def test_an_unexpected_encoder_key_is_an_error(tiny_model_dir, tmp_path):
    def add_layer_key(state):
        state["roberta.encoder.layer.7.output.dense.weight"] = torch.zeros(2, 2)

    folder = edited_copy(tiny_model_dir, tmp_path, add_layer_key)
    with pytest.raises(EncoderMismatchError, match="unexpected keys: \\['encoder.layer.7"):
        load_pretrained(folder)


def test_a_shape_mismatch_is_an_error(tiny_model_dir, tmp_path):
    def shrink(state):
        state[QUERY] = state[QUERY][:-1].clone()

    folder = edited_copy(tiny_model_dir, tmp_path, shrink)
    with pytest.raises(EncoderMismatchError, match="shape mismatches: \\['encoder.layer.0"):
        load_pretrained(folder)


def test_loaded_encoder_holds_exactly_the_weights_on_disk(tiny_model_dir):
    encoder, lm_head = load_pretrained(tiny_model_dir)
    on_disk = load_file(tiny_model_dir / "model.safetensors")
    assert torch.equal(encoder.embeddings.word_embeddings.weight, on_disk[WORDS])
    assert torch.equal(encoder.encoder.layer[0].attention.self.query.weight, on_disk[QUERY])
    assert set(lm_head) >= {"dense.weight", "layer_norm.weight", "bias"}


def test_pickled_weights_are_never_loaded(tiny_model_dir, tmp_path):
    folder = tmp_path / "pickled"
    shutil.copytree(tiny_model_dir, folder)
    (folder / "model.safetensors").unlink()
    torch.save({}, folder / "pytorch_model.bin")
    with pytest.raises(FileNotFoundError, match="never unpickles"):
        load_pretrained(folder)


def test_mlm_head_starts_from_the_pretrained_lm_head(tiny_model_dir):
    model = build_model(tiny_model_dir, [HeadSpec("mlm", "mlm")])
    on_disk = load_file(tiny_model_dir / "model.safetensors")
    assert torch.equal(model.heads["mlm"].dense.weight, on_disk["lm_head.dense.weight"])
