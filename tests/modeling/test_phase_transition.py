"""Between phases only the encoder is carried over: target heads start fresh, and the checkpoint
written by one phase loads back exactly (INTERFACES.md layout)."""

from __future__ import annotations

import json

import torch
from safetensors.torch import load_file

from xstilts.modeling.checkpoint import (
    build_model,
    export_masked_lm,
    load_checkpoint,
    save_checkpoint,
)
from xstilts.modeling.heads import HeadSpec

MNLI = HeadSpec("mnli", "classification", 3)
POS = HeadSpec("udpos", "tagging", 17)


def perturbed_intermediate(tiny_model_dir, tmp_path):
    """An 'intermediate checkpoint' whose encoder differs from the pretrained one."""
    from transformers import AutoTokenizer

    model = build_model(tiny_model_dir, [MNLI, POS], seed=1)
    with torch.no_grad():
        for param in model.parameters():
            param.add_(0.01)
    tokenizer = AutoTokenizer.from_pretrained(tiny_model_dir)
    save_checkpoint(model, tokenizer, tmp_path / "intermediate", {"metrics": {"loss": 1.0}})
    return model, tmp_path / "intermediate"


def test_checkpoint_has_the_interfaces_layout(tiny_model_dir, tmp_path):
    _, path = perturbed_intermediate(tiny_model_dir, tmp_path)
    assert (path / "encoder" / "model.safetensors").is_file()
    assert (path / "encoder" / "config.json").is_file()
    assert (path / "encoder" / "tokenizer.json").is_file()
    info = json.loads((path / "xstilts.json").read_text())
    assert info["heads"] == [MNLI.to_dict(), POS.to_dict()]
    assert info["metrics"] == {"loss": 1.0}
    assert set(load_file(path / "heads.safetensors")) == {
        "mnli.scorer.dense.weight",
        "mnli.scorer.dense.bias",
        "mnli.scorer.out_proj.weight",
        "mnli.scorer.out_proj.bias",
        "udpos.classifier.weight",
        "udpos.classifier.bias",
    }


def test_checkpoint_round_trip_reproduces_every_head(tiny_model_dir, tmp_path):
    model, path = perturbed_intermediate(tiny_model_dir, tmp_path)
    loaded, tokenizer, _ = load_checkpoint(path)
    model.eval()
    ids = torch.tensor([[0, 12, 13, 14, 2]])
    mask = torch.ones_like(ids)
    for head in ("mnli", "udpos"):
        assert torch.equal(model(head, ids, mask).logits, loaded(head, ids, mask).logits)
    assert len(tokenizer) > 40


def test_target_model_gets_the_intermediate_encoder_and_fresh_heads(tiny_model_dir, tmp_path):
    intermediate, path = perturbed_intermediate(tiny_model_dir, tmp_path)
    target = build_model(path, [MNLI], seed=1)
    fresh = build_model(tiny_model_dir, [MNLI], seed=1)
    for key, value in intermediate.encoder.state_dict().items():
        assert torch.equal(target.encoder.state_dict()[key], value), key
    for key, value in fresh.heads["mnli"].state_dict().items():
        assert torch.equal(target.heads["mnli"].state_dict()[key], value), key
        assert not torch.equal(intermediate.heads["mnli"].state_dict()[key], value) or "bias" in key


def test_exported_masked_lm_is_a_pretrained_folder_with_its_lm_head(tiny_model_dir, tmp_path):
    from transformers import AutoTokenizer, XLMRobertaForMaskedLM

    model = build_model(tiny_model_dir, [HeadSpec("mlm", "mlm")])
    with torch.no_grad():
        model.heads["mlm"].dense.weight.add_(0.5)
    tokenizer = AutoTokenizer.from_pretrained(tiny_model_dir)
    export_masked_lm(model, tokenizer, tmp_path / "pretrained", "mlm")
    hf = XLMRobertaForMaskedLM.from_pretrained(tmp_path / "pretrained").eval()
    reloaded = build_model(tmp_path / "pretrained", [HeadSpec("mlm", "mlm")]).eval()
    model.eval()
    ids = torch.tensor([[0, 12, 13, 67, 2]])
    mask = torch.ones_like(ids)
    expected = model("mlm", ids, mask).logits
    torch.testing.assert_close(hf(input_ids=ids, attention_mask=mask).logits, expected)
    assert torch.equal(reloaded("mlm", ids, mask).logits, expected)
