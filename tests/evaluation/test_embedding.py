import shutil
from pathlib import Path

import numpy as np
import pytest

from xstilts.evaluation.embedding import effective_max_length, embed_sentences, load_encoder

SENTENCES = [
    "the cat sat",
    "a person reads a book near the river because it is quiet today",
    "der hund",
    "le chat dort sur le tapis while dogs ran in the park",
    "birds",
]


@pytest.fixture(scope="module")
def encoder(tiny_model_dir: Path):
    return load_encoder(tiny_model_dir)


def test_length_sorted_dynamic_batches_give_each_sentence_its_own_embedding_in_input_order(encoder):
    model, tokenizer = encoder
    batched = embed_sentences(model, tokenizer, SENTENCES, [0, 2], batch_size=3)
    for i, sentence in enumerate(SENTENCES):
        alone = embed_sentences(model, tokenizer, [sentence], [0, 2], batch_size=1)
        for layer in (0, 2):
            np.testing.assert_allclose(batched[layer][i], alone[layer][0], atol=1e-5)
    assert batched[2].dtype == np.float32
    assert batched[2].shape == (len(SENTENCES), model.config.hidden_size)


def test_sentences_are_truncated_to_max_length_tokens_including_specials(encoder):
    model, tokenizer = encoder
    long = " ".join(["park"] * 300)  # longer than the tiny model's 128 positions
    ids = tokenizer(long)["input_ids"][:5]
    truncated = tokenizer.decode(ids[1:4])  # what survives max_length 5: <s> + 3 + </s>
    got = embed_sentences(model, tokenizer, [long, truncated], [1], max_length=5)
    np.testing.assert_allclose(got[1][0], got[1][1], atol=1e-5)


def test_max_length_is_capped_by_the_position_embeddings(encoder):
    model, _ = encoder
    # 130 position embeddings, XLM-R positions start after padding index 1: 128 tokens.
    assert effective_max_length(model, 512) == 128
    assert effective_max_length(model, 64) == 64


def test_a_checkpoint_folder_with_encoder_subfolder_loads_its_encoder(tiny_model_dir: Path,
                                                                      tmp_path: Path):
    shutil.copytree(tiny_model_dir, tmp_path / "ckpt" / "encoder")
    model, tokenizer = load_encoder(tmp_path / "ckpt")
    assert model.config.num_hidden_layers == 2
    assert len(tokenizer) > 5


def test_an_encoder_with_a_missing_weight_is_refused(tiny_model_dir: Path, tmp_path: Path):
    from safetensors.torch import load_file, save_file

    broken = tmp_path / "broken"
    shutil.copytree(tiny_model_dir, broken)
    weights = load_file(broken / "model.safetensors")
    name = next(k for k in weights if "encoder.layer.1.output.dense.weight" in k)
    del weights[name]
    save_file(weights, broken / "model.safetensors", metadata={"format": "pt"})
    with pytest.raises(RuntimeError, match="missing"):
        load_encoder(broken)
