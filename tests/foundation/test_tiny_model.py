"""Demo phase 1: the tiny XLM-R and its unigram tokenizer are real and round-trip offline.

Simulated: a randomly initialised 2-layer encoder built from generated text, standing in for
xlm-roberta-large so that tests and the demo never reach the hub.
"""

from __future__ import annotations

from pathlib import Path

import torch
from transformers import AutoModel, AutoModelForMaskedLM, AutoTokenizer


def test_tokenizer_vocabulary_is_real(tiny_model_dir: Path) -> None:
    tok = AutoTokenizer.from_pretrained(tiny_model_dir)
    # The transformers-5 trap yields 5 tokens and maps everything to <unk>.
    assert len(tok) > 5
    ids = tok("the cat sat on a mat")["input_ids"]
    assert tok.unk_token_id not in ids


def test_tokenizer_has_xlmr_special_tokens_in_xlmr_order(tiny_model_dir: Path) -> None:
    tok = AutoTokenizer.from_pretrained(tiny_model_dir)
    assert tok.convert_ids_to_tokens([0, 1, 2, 3]) == ["<s>", "<pad>", "</s>", "<unk>"]
    assert tok.mask_token == "<mask>" and tok.mask_token_id == len(tok) - 1


def test_text_round_trips_through_the_tokenizer(tiny_model_dir: Path) -> None:
    tok = AutoTokenizer.from_pretrained(tiny_model_dir)
    text = "der hund lief im park und die katze schlief"
    ids = tok(text)["input_ids"]
    assert tok.decode(ids, skip_special_tokens=True) == text


def test_tokenizer_gives_offsets_word_ids_and_sequence_ids(tiny_model_dir: Path) -> None:
    tok = AutoTokenizer.from_pretrained(tiny_model_dir)
    assert tok.is_fast
    text = "a person reads a book"
    enc = tok(text, "le chat", return_offsets_mapping=True)
    spans = [text[s:e] for (s, e), seq in zip(enc["offset_mapping"], enc.sequence_ids(), strict=True)
             if seq == 0]
    assert "".join(spans).replace(" ", "") == text.replace(" ", "")
    assert enc.word_ids()[1] == 0 and set(enc.sequence_ids()) == {None, 0, 1}


def test_model_and_tokenizer_round_trip_through_save_and_load(
    tiny_model_dir: Path, tmp_path: Path
) -> None:
    model = AutoModelForMaskedLM.from_pretrained(tiny_model_dir)
    tok = AutoTokenizer.from_pretrained(tiny_model_dir)
    model.save_pretrained(tmp_path)
    tok.save_pretrained(tmp_path)
    again = AutoModelForMaskedLM.from_pretrained(tmp_path)
    batch = tok(["the cat sat"], return_tensors="pt")
    with torch.no_grad():
        assert torch.equal(model(**batch).logits, again(**batch).logits)
    assert AutoTokenizer.from_pretrained(tmp_path).get_vocab() == tok.get_vocab()
    assert (tmp_path / "model.safetensors").is_file()


def test_encoder_loads_with_automodel(tiny_model_dir: Path) -> None:
    encoder = AutoModel.from_pretrained(tiny_model_dir, add_pooling_layer=False)
    assert encoder.config.model_type == "xlm-roberta"
    assert encoder.config.num_hidden_layers == 2
