"""Every knob of a training run: one flat dataclass, a named value with a default each.

Defaults are the authors' jiant replication defaults (PAPER.md, *unverified* against the paper):
AdamW, lr 1e-5, weight decay 0.01, 10% linear warmup, grad clip 1.0, intermediate batch 4 for 3
epochs, early stopping every 1000 steps on 500 dev examples with patience 30.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

SAMPLING = ("proportional", "temperature", "uniform")
PRECISIONS = ("auto", "fp32", "bf16")
DEVICES = ("auto", "cpu", "cuda")
SWITCHES = ("auto", "on", "off")
SDPA_BACKENDS = ("auto", "torch", "flash", "efficient", "math", "cudnn")


@dataclass(frozen=True)
class TrainConfig:
    lr: float = 1e-5
    weight_decay: float = 0.01
    warmup_ratio: float = 0.1
    epochs: float = 3.0
    max_steps: int | None = None  # optimizer steps; overrides `epochs` when set
    batch_size: int = 4  # examples per micro-batch (per rank)
    grad_accum: int = 1  # micro-batches per optimizer step
    max_grad_norm: float = 1.0
    seed: int = 0
    eval_every: int = 1000  # optimizer steps between dev evaluations; 0 = only at the end
    eval_examples: int = 500  # dev examples the evaluation callback should use
    patience: int = 30  # evaluations without improvement before stopping; 0 = never stop
    save_every: int = 1000  # optimizer steps between resumable states; 0 = only at the end
    precision: str = "auto"  # auto/bf16: bf16 autocast on CUDA; fp32: none. CPU is always fp32
    compile: bool = False
    sampling: str = "proportional"  # multi-task: proportional | temperature | uniform
    temperature: float = 1.0  # p_task ∝ size^(1/temperature) when sampling = temperature
    size_cap: int | None = None  # examples per task counted per epoch and for its weight
    mlm_ratio: float = 0.0  # share of micro-batches that are MLM co-training batches
    mlm_probability: float = 0.15  # tokens masked per MLM batch (BERT/XLM-R's 15%)
    freeze_word_embeddings: bool = False  # train every parameter but the word embeddings
    log_every: int = 50
    length_grouped: bool = True  # batch examples of similar length (less padding)
    device: str = "auto"
    # GPU speed (bench/README: `make bench-gpu`). None of these changes a CPU run unless asked.
    # length_buckets: pad each micro-batch up to a few fixed lengths (collate.LENGTH_BUCKETS) so
    # the GPU sees a handful of shapes, not one per batch. auto = on for CUDA, off on CPU.
    length_buckets: str = "auto"
    # sdpa_backend: which attention kernels SDPA may use. auto = on CUDA every backend but cuDNN
    # (cuDNN plans anew per sequence length: ~170 ms a step at XLM-R Large on an H200);
    # on CPU torch's own choice. torch = torch's own choice everywhere; else only that backend.
    sdpa_backend: str = "auto"
    # cuda_graphs: replay forward+backward as CUDA graphs, torch.compile(mode="reduce-overhead")
    # with static shapes, one graph per (head, batch size, length bucket). Needs length_buckets
    # (auto turns them on). Opt-in: each new shape is compiled and captured once first. On CPU
    # the same static-shape compile without graphs (what the CPU tests check). Not yet run on a
    # GPU, with grad_accum > 1 least of all: test_cuda_graphs checks both where CUDA is present.
    cuda_graphs: bool = False

    def __post_init__(self) -> None:
        problems = []
        if self.lr <= 0:
            problems.append(f"lr must be > 0, got {self.lr}")
        if not 0 <= self.warmup_ratio <= 1:
            problems.append(f"warmup_ratio must be in [0, 1], got {self.warmup_ratio}")
        if self.max_steps is None and self.epochs <= 0:
            problems.append(f"epochs must be > 0 when max_steps is unset, got {self.epochs}")
        if self.max_steps is not None and self.max_steps < 1:
            problems.append(f"max_steps must be >= 1, got {self.max_steps}")
        for name in ("batch_size", "grad_accum", "log_every"):
            if getattr(self, name) < 1:
                problems.append(f"{name} must be >= 1, got {getattr(self, name)}")
        for name in ("eval_every", "eval_examples", "patience", "save_every"):
            if getattr(self, name) < 0:
                problems.append(f"{name} must be >= 0, got {getattr(self, name)}")
        if self.precision not in PRECISIONS:
            problems.append(f"precision must be one of {PRECISIONS}, got {self.precision!r}")
        if self.sampling not in SAMPLING:
            problems.append(f"sampling must be one of {SAMPLING}, got {self.sampling!r}")
        if self.temperature <= 0:
            problems.append(f"temperature must be > 0, got {self.temperature}")
        if self.size_cap is not None and self.size_cap < 1:
            problems.append(f"size_cap must be >= 1 or None, got {self.size_cap}")
        if not 0 <= self.mlm_ratio < 1:
            problems.append(f"mlm_ratio must be in [0, 1), got {self.mlm_ratio}")
        if not 0 < self.mlm_probability < 1:
            problems.append(f"mlm_probability must be in (0, 1), got {self.mlm_probability}")
        if self.device not in DEVICES:
            problems.append(f"device must be one of {DEVICES}, got {self.device!r}")
        if self.length_buckets not in SWITCHES:
            problems.append(
                f"length_buckets must be one of {SWITCHES}, got {self.length_buckets!r}"
            )
        if self.sdpa_backend not in SDPA_BACKENDS:
            problems.append(
                f"sdpa_backend must be one of {SDPA_BACKENDS}, got {self.sdpa_backend!r}"
            )
        if self.cuda_graphs and self.length_buckets == "off":
            problems.append(
                "cuda_graphs needs length_buckets on or auto (one graph per bucket), got off"
            )
        if problems:
            raise ValueError("invalid TrainConfig: " + "; ".join(problems))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def buckets_on(self, device_type: str) -> bool:
        """Whether micro-batches are padded to LENGTH_BUCKETS on a device of this type."""
        if self.length_buckets == "auto":
            return device_type == "cuda" or self.cuda_graphs
        return self.length_buckets == "on"

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> TrainConfig:
        """Build from a params section; unknown keys are an error that names them."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown TrainConfig keys {unknown}; allowed: {sorted(known)}")
        return cls(**values)
