"""The three phases chained as the pipeline runs them: demo MLM pretraining → intermediate
(multi-task, with MLM co-training) → target, from the intermediate checkpoint or the baseline."""

from __future__ import annotations

import json

import numpy as np
import torch
from safetensors.torch import load_file

from tests.conftest import tiny_corpus
from tests.training.synthetic import NUM_LABELS, classification, fast_config, mlm, tagging
from xstilts.modeling.checkpoint import load_checkpoint
from xstilts.modeling.heads import HeadSpec
from xstilts.training.data import TaskData
from xstilts.training.intermediate import train_intermediate
from xstilts.training.predict import predict_logits
from xstilts.training.pretrain import corpus_features, pretrain_mlm
from xstilts.training.target import train_target

MNLI = HeadSpec("mnli", "classification", NUM_LABELS)
POS = HeadSpec("udpos", "tagging", NUM_LABELS)


def test_demo_pretraining_writes_a_pretrained_mlm_folder(tiny_model_dir, tmp_path):
    from transformers import AutoTokenizer, XLMRobertaForMaskedLM

    tokenizer = AutoTokenizer.from_pretrained(tiny_model_dir)
    corpus = corpus_features(tiny_corpus(200, seed=3), tokenizer, max_length=32)
    losses = []
    result = pretrain_mlm(
        tiny_model_dir,
        corpus,
        tmp_path / "pretrained",
        fast_config(max_steps=40, log_every=5),
        run_dir=tmp_path / "run",
        metrics_callback=lambda s, m: losses.append(m["train_loss"]),
    )
    assert result.steps == 40 and losses[-1] < losses[0]
    model = XLMRobertaForMaskedLM.from_pretrained(tmp_path / "pretrained")
    before = load_file(tiny_model_dir / "model.safetensors")
    assert not torch.equal(
        model.roberta.embeddings.word_embeddings.weight,
        before["roberta.embeddings.word_embeddings.weight"],
    )
    assert len(AutoTokenizer.from_pretrained(tmp_path / "pretrained")) == len(tokenizer)


def test_intermediate_then_target_training_chain(tiny_model_dir, tmp_path):
    tasks = [TaskData("mnli", MNLI, classification(200, 1)), TaskData("udpos", POS, tagging(80, 2))]
    inter = train_intermediate(
        tiny_model_dir,
        tasks,
        tmp_path / "intermediate",
        fast_config(max_steps=30, mlm_ratio=0.2),
        run_dir=tmp_path / "run-i",
        mlm_corpus=mlm(100, 3),
        info={"params": {"inter": "multi"}},
    )
    info = json.loads((tmp_path / "intermediate" / "xstilts.json").read_text())
    assert [h["name"] for h in info["heads"]] == ["mnli", "udpos", "mlm"]
    assert info["metrics"]["steps"] == inter.steps == 30
    assert info["params"] == {"inter": "multi"} and info["phase"] == "intermediate"

    dev = classification(60, 5)

    def accuracy(model) -> float:
        return float((predict_logits(model, dev, "mnli").argmax(-1) == dev["label"]).mean())

    xnli = TaskData("xnli", MNLI, classification(200, 4))
    for source, name in ((tmp_path / "intermediate", "from-inter"), (tiny_model_dir, "baseline")):
        result = train_target(
            source,
            xnli,
            tmp_path / name,
            fast_config(max_steps=20, eval_every=10),
            run_dir=tmp_path / f"run-{name}",
            evaluate=accuracy,
        )
        model, _, target_info = load_checkpoint(tmp_path / name)
        assert list(model.heads) == ["mnli"]
        assert target_info["metrics"]["best_score"] == result.best_score
        assert np.isclose(accuracy(model), result.best_score)


def test_intermediate_training_can_leave_the_word_embeddings_as_pretrained(
    tiny_model_dir, tmp_path
):
    """intermediate.freeze_word_embeddings: every other weight trains; the word embeddings (and
    so the MLM decoder tied to them) stay as the source checkpoint has them."""
    before = load_file(tiny_model_dir / "model.safetensors")
    tasks = [TaskData("mnli", MNLI, classification(200, 1))]
    for freeze in (True, False):
        out = tmp_path / f"freeze-{freeze}"
        train_intermediate(
            tiny_model_dir,
            tasks,
            out,
            fast_config(max_steps=10, mlm_ratio=0.3, freeze_word_embeddings=freeze),
            run_dir=tmp_path / f"run-{freeze}",
            mlm_corpus=mlm(100, 3),
        )
        encoder = load_checkpoint(out)[0].encoder
        words = encoder.embeddings.word_embeddings.weight
        query = encoder.encoder.layer[0].attention.self.query.weight
        assert torch.equal(words, before["roberta.embeddings.word_embeddings.weight"]) is freeze
        assert not torch.equal(query, before["roberta.encoder.layer.0.attention.self.query.weight"])
