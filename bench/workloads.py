"""What the training benchmark runs: model shapes, the paper's cases and their token lengths.

Lengths are *assumptions*, not measured on the real data (the paper's datasets are not on the
benchmark machines). Each is a lognormal around an estimate of the XLM-R-tokenized length of the
task family, clipped to the reference's padded length; the reasoning is in `LENGTHS`. They agree
with REPRODUCE.md §4's A3 (MNLI 50, QQP 32, UD-POS 25, PAN-X 14, SQuAD windows 175 tokens; per
choice: CommonsenseQA 22, HellaSwag 75, Cosmos QA 110), fixed before any timing. What matters
for the comparison is that both loops see exactly the same features: the reference pads every one
to `pad_to` (XTREME/jiant style, fixed max_seq_length), ours pads each batch to its own longest
row (CPU) or to the next length bucket (CUDA).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

# XLM-R Large (xlm-roberta-large's config.json).
LARGE = {
    "vocab_size": 250002,
    "hidden_size": 1024,
    "num_layers": 24,
    "num_heads": 16,
    "intermediate_size": 4096,
}
# Both loops must fit QA's 384 tokens: XLM-R's 514 positions (the demo's tiny model has 256).
MAX_POSITIONS = 514


@dataclass(frozen=True)
class Lengths:
    """Tokens per feature (per choice for multiple choice): lognormal(median, sigma), clipped."""

    median: float
    sigma: float
    low: int
    high: int
    why: str

    def sample(self, n: int, rng: np.random.Generator) -> np.ndarray:
        x = rng.lognormal(math.log(self.median), self.sigma, size=n)
        return np.clip(np.round(x), self.low, self.high).astype(np.int64)


LENGTHS = {
    "pair": Lengths(
        38, 0.45, 8, 128,
        "MNLI/XNLI/PAWS-X premise+hypothesis under XLM-R's tokenizer: ~33 words a pair (MNLI), "
        "~1.2 pieces a word, 4 specials; PAWS-X pairs run longer (the upper tail)",
    ),
    "choice": Lengths(
        60, 0.45, 16, 128,
        "HellaSwag/CosmosQA context+ending per choice (~40-110 pieces; CommonsenseQA's ~20 "
        "is the lower tail); choices of one example differ by up to 12 pieces",
    ),
    "sentence": Lengths(
        24, 0.55, 4, 128,
        "UD-POS/PAN-X sentences: ~15 words (UD English EWT median), ~1.4 pieces a word, 2 specials; "
        "PAN-X entity snippets are shorter",
    ),
    "qa": Lengths(
        170, 0.45, 64, 384,
        "SQuAD v1.1 question+context: ~12 + ~150 words at ~1.1 pieces; longer contexts are cut "
        "into 384-piece windows (doc stride 128), hence the mass at 384",
    ),
}


@dataclass(frozen=True)
class Case:
    """One training workload: a head kind at one of the paper's batch sizes."""

    name: str
    kind: str  # classification | multiple_choice | tagging | span_extraction
    batch: int
    lengths: str  # key of LENGTHS
    pad_to: int  # the reference's fixed length: 128, or 384 for QA
    why: str
    choices: int = 0
    labels: int = 0

    def describe(self) -> dict[str, Any]:
        out = asdict(self)
        out["lengths"] = {"family": self.lengths, **asdict(LENGTHS[self.lengths])}
        return out


# Batch sizes: intermediate 4 (jiant's default); targets 32, QA 16 (PAPER.md, params.yaml).
CASES = (
    Case("cls-b4", "classification", 4, "pair", 128, "intermediate MNLI/QQP/SST-2/ANLI", labels=3),
    Case("mc-b4", "multiple_choice", 4, "choice", 128, "intermediate HellaSwag/CosmosQA/CSQA",
         choices=4),
    Case("qa-b4", "span_extraction", 4, "qa", 384, "intermediate SQuAD"),
    Case("cls-b32", "classification", 32, "pair", 128, "target XNLI (on MNLI), PAWS-X", labels=3),
    Case("tag-b32", "tagging", 32, "sentence", 128, "target UD-POS, PAN-X", labels=17),
    Case("qa-b16", "span_extraction", 16, "qa", 384, "target XQuAD/MLQA (on SQuAD), TyDiQA"),
)
CASES_BY_NAME = {c.name: c for c in CASES}


# (stage, runs, optimizer steps per run, benchmark case): REPRODUCE.md §4's step counts.
INTERMEDIATE = {
    "anli_mnli_snli": (828_702, "cls-b4"),
    "mnli": (294_528, "cls-b4"),
    "qqp": (272_886, "cls-b4"),
    "squad_v1": (66_450, "qa-b4"),
    "sst2": (50_514, "cls-b4"),
    "hellaswag": (29_931, "mc-b4"),
    "ccg": (29_703, "cls-b4"),
    "cosmosqa": (18_948, "mc-b4"),
    "commonsenseqa": (7_308, "mc-b4"),
}
GRID: list[tuple[str, int, int, str]] = [
    *[(f"intermediate@{task}", 1, steps, case) for task, (steps, case) in INTERMEDIATE.items()],
    # multitask: one epoch is one pass over all 9, so its steps are the single-task steps.
    *[(f"intermediate@multitask ({task} share)", 1, steps, case)
      for task, (steps, case) in INTERMEDIATE.items()],
    ("intermediate@mnli+mlm", 1, 589_056, "cls-b4"),
    ("intermediate@mnli+translated", 1, 4_123_371, "cls-b4"),
    ("target@*-xnli", 13, 24_544, "cls-b32"),
    ("target@*-pawsx", 13, 7_720, "cls-b32"),
    ("target@*-udpos", 13, 6_650, "tag-b32"),
    ("target@*-panx", 13, 6_250, "tag-b32"),
    ("target@*-squad", 13, 11_076, "qa-b16"),
    ("target@*-tydiqa", 13, 490, "qa-b16"),
]


def grid_speedup(ours_ms: dict[str, float], reference_ms: dict[str, float]) -> float | None:
    """Ours ÷ reference over the paper grid: the reference's total step time of every optimizer
    step of the grid (GRID) over ours, the cases weighted by how many steps they stand for.
    None unless every case of the grid was measured on both sides."""
    cases = {case for *_, case in GRID}
    if not cases <= set(ours_ms) or not cases <= set(reference_ms):
        return None
    ours = sum(runs * steps * ours_ms[case] for _, runs, steps, case in GRID)
    reference = sum(runs * steps * reference_ms[case] for _, runs, steps, case in GRID)
    return round(reference / ours, 2)


def features(case: Case, n: int, vocab_size: int, seed: int) -> dict[str, list]:
    """`n` synthetic features of `case` in the INTERFACES.md columns (random ids, <s> … </s>)."""
    rng = np.random.default_rng(seed)
    spec = LENGTHS[case.lengths]
    lengths = spec.sample(n, rng)

    def ids(k: int) -> list[int]:
        return [0, *rng.integers(4, vocab_size - 1, size=max(k - 2, 0)).tolist(), 2]

    if case.kind == "multiple_choice":
        rows = [
            [ids(min(int(k) + int(rng.integers(0, 13)), spec.high)) for _ in range(case.choices)]
            for k in lengths
        ]
        return {"input_ids": rows, "label": rng.integers(0, case.choices, size=n).tolist()}
    rows = [ids(int(k)) for k in lengths]
    if case.kind == "classification":
        return {"input_ids": rows, "label": rng.integers(0, case.labels, size=n).tolist()}
    if case.kind == "tagging":
        # The first piece of each word is labelled; about a third of pieces continue a word.
        labels = [
            [-100, *[int(rng.integers(case.labels)) if rng.random() < 0.7 else -100
                     for _ in row[1:-1]], -100]
            for row in rows
        ]
        return {"input_ids": rows, "labels": labels}
    starts = [int(rng.integers(1, len(r) - 1)) for r in rows]
    ends = [min(s + int(rng.integers(0, 8)), len(r) - 2) for s, r in zip(starts, rows, strict=True)]
    return {"input_ids": rows, "start_position": starts, "end_position": ends}


def demo_tiny_shape(params_file: Path) -> dict[str, Any]:
    """The demo's tiny model (params `pretrain.tiny`) and its thread count (`base.threads`)."""
    import yaml

    params = yaml.safe_load(Path(params_file).read_text())
    tiny = params["pretrain"]["tiny"]
    keys = ("vocab_size", "hidden_size", "num_layers", "num_heads", "intermediate_size")
    return {**{k: int(tiny[k]) for k in keys}, "threads": int(params["base"].get("threads", 1))}


def hf_config(shape: dict[str, Any]) -> Any:
    """An XLM-R config of `shape` (random weights), SDPA attention, XLM-R's special ids."""
    from transformers import XLMRobertaConfig

    config = XLMRobertaConfig(
        vocab_size=shape["vocab_size"],
        hidden_size=shape["hidden_size"],
        num_hidden_layers=shape["num_layers"],
        num_attention_heads=shape["num_heads"],
        intermediate_size=shape["intermediate_size"],
        max_position_embeddings=MAX_POSITIONS,
        type_vocab_size=1,
        pad_token_id=1,
        bos_token_id=0,
        eos_token_id=2,
    )
    config._attn_implementation = "sdpa"
    return config


def train_flops(shape: dict[str, Any], lengths: list[int]) -> float:
    """Model FLOPs of forward+backward over sequences of these (real, unpadded) lengths:
    6·N per token (N = non-embedding parameters) + 12·L·H·t per token for attention."""
    h, layers, inner = shape["hidden_size"], shape["num_layers"], shape["intermediate_size"]
    n = layers * (4 * h * h + 2 * h * inner + 9 * h + inner)
    return float(sum(t * (6 * n + 12 * layers * h * t) for t in lengths))


# Dense bf16 tensor-core peaks (vendor datasheets), for MFU. Unknown cards get no MFU.
PEAK_BF16 = (("H100 PCIe", 756e12), ("H100", 989.4e12), ("H200", 989.4e12), ("A100", 312e12))


def peak_flops(device_name: str) -> float | None:
    for key, peak in PEAK_BF16:
        if key in device_name:
            return peak
    return None
