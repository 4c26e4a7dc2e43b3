"""Dynamic padding per batch (jiant padded to a fixed length) and BERT-style MLM masking."""

from __future__ import annotations

import torch

from xstilts.training.collate import TokenIds, collate, loss_terms, mask_tokens, split_batch

TOKENS = TokenIds(pad_id=1, mask_id=67, vocab_size=68, special_ids=(0, 1, 2, 3, 67))


def test_batches_pad_to_their_own_longest_row():
    batch = collate(
        "classification", {"input_ids": [[0, 9, 2], [0, 9, 9, 9, 2]], "label": [1, 0]}, TOKENS
    )
    assert batch["input_ids"].tolist() == [[0, 9, 2, 1, 1], [0, 9, 9, 9, 2]]
    assert batch["attention_mask"].tolist() == [[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]]


def test_multiple_choice_pads_every_choice_to_one_width():
    rows = {"input_ids": [[[0, 9, 2], [0, 9, 9, 2]], [[0, 2], [0, 9, 9, 9, 9, 2]]], "label": [0, 1]}
    batch = collate("multiple_choice", rows, TOKENS)
    assert batch["input_ids"].shape == (2, 2, 6)
    assert batch["attention_mask"][1, 1].tolist() == [1] * 6


def test_unlabelled_features_do_not_enter_the_loss():
    batch = collate("classification", {"input_ids": [[0, 2], [0, 2]], "label": [-1, 2]}, TOKENS)
    assert batch["labels"].tolist() == [-100, 2]
    assert loss_terms("classification", batch) == 1


def test_tagging_labels_pad_with_the_ignore_index():
    batch = collate(
        "tagging",
        {"input_ids": [[0, 9, 2], [0, 9, 9, 2]], "labels": [[-100, 1, -100], [-100, 0, 2, -100]]},
        TOKENS,
    )
    assert batch["labels"][0].tolist() == [-100, 1, -100, -100]
    assert loss_terms("tagging", batch) == 3


def test_mlm_masks_about_15_percent_of_real_tokens_and_never_specials_or_padding():
    rows = {"input_ids": [[0, *range(10, 40), 2]] * 50 + [[0, 11, 2]]}
    batch = collate("mlm", rows, TOKENS)
    masked = mask_tokens(batch, TOKENS, 0.15, torch.Generator().manual_seed(0))
    chosen = masked["labels"] != -100
    real = batch["attention_mask"].bool() & (batch["input_ids"] > 3)
    assert not (chosen & ~real).any()
    assert 0.12 < chosen.sum() / real.sum() < 0.18
    assert (masked["labels"][chosen] == batch["input_ids"][chosen]).all()
    replaced_by_mask = (masked["input_ids"][chosen] == TOKENS.mask_id).float().mean()
    assert 0.7 < replaced_by_mask < 0.9


def test_mlm_masks_are_a_function_of_the_generator_seed():
    batch = collate("mlm", {"input_ids": [list(range(5, 60))] * 4}, TOKENS)
    a = mask_tokens(batch, TOKENS, 0.15, torch.Generator().manual_seed(1))
    b = mask_tokens(batch, TOKENS, 0.15, torch.Generator().manual_seed(1))
    c = mask_tokens(batch, TOKENS, 0.15, torch.Generator().manual_seed(2))
    assert torch.equal(a["input_ids"], b["input_ids"])
    assert not torch.equal(a["input_ids"], c["input_ids"])


def test_split_parts_are_trimmed_to_their_own_longest_row():
    batch = collate(
        "tagging",
        {
            "input_ids": [[0, 9, 9, 9, 9, 2], [0, 9, 2], [0, 2], [0, 9, 2]],
            "labels": [[-100] * 6, [-100] * 3, [-100] * 2, [-100] * 3],
        },
        TOKENS,
    )
    first, second = split_batch(batch, 2)
    assert first["input_ids"].shape == (2, 6) and second["input_ids"].shape == (2, 3)
    assert second["labels"].shape == (2, 3)
