"""The padded reference step: what XTREME's and HF's example scripts do.

Every feature is padded to a fixed max length when it is prepared (128 for classification,
tagging and multiple choice; 384 for QA), batches are drawn by a random sampler, and an HF
`XLMRobertaFor…` class computes the loss. The same optimizer as ours (AdamW, lr, betas, eps,
weight decay on matrices only) in torch's default implementation for the device, as those
scripts get it (per-tensor loop on CPU, fused on CUDA as recent HF Trainers use), the same
linear schedule and clipping at 1.0; fp32, or bf16 autocast on CUDA. The loss is read every
step (a host sync), as our loop does.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

from bench.timing import StepClock
from bench.workloads import Case, hf_config, train_flops


def padded_tensors(case: Case, columns: dict[str, list]) -> dict[str, torch.Tensor]:
    """All features padded to `case.pad_to` once, as a TensorDataset would hold them."""
    n, width = len(columns["input_ids"]), case.pad_to
    rows = columns["input_ids"]
    if case.kind == "multiple_choice":
        rows = [choice for row in rows for choice in row]
    ids = torch.full((len(rows), width), 1, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for i, row in enumerate(rows):
        ids[i, : len(row)] = torch.tensor(row)
        mask[i, : len(row)] = 1
    if case.kind == "multiple_choice":
        ids, mask = ids.view(n, case.choices, width), mask.view(n, case.choices, width)
    out = {"input_ids": ids, "attention_mask": mask}
    if case.kind in ("classification", "multiple_choice"):
        out["labels"] = torch.tensor(columns["label"])
    elif case.kind == "tagging":
        labels = torch.full((n, width), -100, dtype=torch.long)
        for i, row in enumerate(columns["labels"]):
            labels[i, : len(row)] = torch.tensor(row)
        out["labels"] = labels
    else:
        out["start_positions"] = torch.tensor(columns["start_position"])
        out["end_positions"] = torch.tensor(columns["end_position"])
    return out


def hf_model(case: Case, shape: dict[str, Any], device: str) -> torch.nn.Module:
    import transformers

    config = hf_config(shape)
    config.num_labels = max(case.labels, 2)
    cls = {
        "classification": transformers.XLMRobertaForSequenceClassification,
        "multiple_choice": transformers.XLMRobertaForMultipleChoice,
        "tagging": transformers.XLMRobertaForTokenClassification,
        "span_extraction": transformers.XLMRobertaForQuestionAnswering,
    }[case.kind]
    torch.manual_seed(0)
    with torch.device(device):
        return cls(config)


def adamw(model: torch.nn.Module, lr: float, weight_decay: float, fused: bool) -> Any:
    """AdamW, no decay on biases and LayerNorm gains (XTREME's `no_decay` groups)."""
    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    groups = [{"params": decay, "weight_decay": weight_decay},
              {"params": no_decay, "weight_decay": 0.0}]
    return torch.optim.AdamW(groups, lr=lr, eps=1e-8, fused=fused or None)


def run_reference(
    case: Case,
    shape: dict[str, Any],
    columns: dict[str, list],
    device: str,
    precision: str,
    warmup: int,
    steps: int,
) -> dict[str, Any]:
    """Time `steps` optimizer steps after `warmup` at `precision` (fp32 | bf16)."""
    from xstilts.training.optim import linear_schedule

    data = padded_tensors(case, columns)
    model = hf_model(case, shape, device)
    model.train()
    total = warmup + steps + 1
    optimizer = adamw(model, 1e-5, 0.01, fused=device.startswith("cuda"))
    scheduler = linear_schedule(optimizer, round(0.1 * total), total)
    bf16 = precision == "bf16" and device.startswith("cuda")
    rng = np.random.default_rng(0)
    order = rng.permutation(len(data["input_ids"]))
    clock = StepClock(device)
    lengths = data["attention_mask"].reshape(-1, case.pad_to).sum(-1)
    real: list[int] = []
    for step in range(total):
        start = (step * case.batch) % (len(order) - case.batch)
        index = torch.from_numpy(order[start : start + case.batch])
        batch = {k: v[index].to(device, non_blocking=True) for k, v in data.items()}
        with torch.autocast("cuda", dtype=torch.bfloat16, enabled=bf16):
            loss = model(**batch).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad(set_to_none=True)
        float(loss.detach())
        clock.stamp()
        if step > warmup:
            rows = index if case.kind != "multiple_choice" else (
                index[:, None] * case.choices + torch.arange(case.choices)
            ).flatten()
            real.extend(lengths[rows].tolist())
    out = {
        **clock.summary(warmup, case.batch),
        "precision": "bf16" if bf16 else "fp32",
        "padded_lengths": [case.pad_to],
        "mean_padded_length": case.pad_to,
    }
    out["model_flops_per_s"] = train_flops(shape, real) / out["seconds"]
    out.update(clock.memory())
    del model, optimizer
    clock.release()
    return out
