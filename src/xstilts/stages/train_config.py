"""params sections → the training engine's TrainConfig (one place for the mapping)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from xstilts.config import Optim, Params, target_optim

if TYPE_CHECKING:
    from xstilts.modeling.tiny import TinyModelSpec


def _from_optim(optim: Optim, params: Params, **extra: Any) -> Any:
    from xstilts.training.config import TrainConfig

    return TrainConfig(
        lr=optim.lr,
        weight_decay=optim.weight_decay,
        warmup_ratio=optim.warmup_ratio,
        epochs=optim.epochs,
        max_steps=optim.max_steps,
        batch_size=optim.batch_size,
        grad_accum=optim.grad_accum,
        max_grad_norm=optim.max_grad_norm,
        seed=params.base.seed,
        precision="bf16" if params.base.precision == "bf16" else "fp32",
        compile=params.base.compile,
        length_buckets=params.base.length_buckets,
        sdpa_backend=params.base.sdpa_backend,
        cuda_graphs=params.base.cuda_graphs,
        **extra,
    )


def intermediate_config(params: Params, *, mlm: bool) -> Any:
    i = params.intermediate
    return _from_optim(
        i.optim,
        params,
        sampling=i.sampling,
        temperature=i.temperature,
        size_cap=i.size_cap,
        save_every=i.save_every,
        eval_every=0,
        patience=0,
        mlm_ratio=i.mlm_cotrain.ratio if mlm else 0.0,
        mlm_probability=i.mlm_cotrain.mask_prob,
        freeze_word_embeddings=i.freeze_word_embeddings,
    )


def target_config(params: Params, finetune: str) -> Any:
    es = params.target.early_stopping
    return _from_optim(
        target_optim(params, finetune),
        params,
        save_every=params.target.save_every,
        eval_every=es.eval_every if es.enabled else 0,
        eval_examples=es.eval_examples,
        patience=es.patience if es.enabled else 0,
    )


def pretrain_config(params: Params) -> Any:
    from xstilts.training.config import TrainConfig

    p = params.pretrain
    return TrainConfig(
        lr=p.lr,
        weight_decay=p.weight_decay,
        warmup_ratio=p.warmup_ratio,
        max_steps=p.steps,
        batch_size=p.batch_size,
        seed=params.base.seed,
        mlm_probability=p.mask_prob,
        save_every=max(p.steps // 4, 1),
        eval_every=0,
        patience=0,
        precision="bf16" if params.base.precision == "bf16" else "fp32",
    )


def tiny_spec(params: Params) -> TinyModelSpec:
    """The demo encoder's shape from `pretrain.tiny`, seeded by `base.seed`."""
    from xstilts.modeling.tiny import TinyModelSpec

    return TinyModelSpec(**params.pretrain.tiny.model_dump(), seed=params.base.seed)
