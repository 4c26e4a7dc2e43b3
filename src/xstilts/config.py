"""params.yaml → a typed, validated config.

One section per stage (DVC's example-get-started layout) plus `base`; each DVC stage declares
only the sections it reads. Validation never touches anything but the params file: every
problem becomes one line naming the key, the bad value and what is allowed.

Defaults marked "jiant" are the authors' jiant replication defaults (PAPER.md), not values
recovered from the paper itself; the paper's own hyperparameters are unverified.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

PositiveInt = Annotated[int, Field(strict=True, gt=0)]
NonNegInt = Annotated[int, Field(strict=True, ge=0)]
PositiveFloat = Annotated[float, Field(gt=0)]
Fraction = Annotated[float, Field(ge=0, le=1)]
RETRIEVAL_TASKS: tuple[str, ...] = ("bucc2018", "tatoeba")


def known_tasks(role: str) -> list[str]:
    """Task names the registry knows for a role; `trained_target` excludes retrieval tasks."""
    from xstilts.tasks.registry import task_names

    if role == "trained_target":
        return [t for t in task_names(role="target") if t not in RETRIEVAL_TASKS]
    if role == "retrieval":
        return list(RETRIEVAL_TASKS)
    return list(task_names(role=role))


def _task_list(role: str) -> AfterValidator:
    def check(values: list[str]) -> list[str]:
        allowed = known_tasks(role)
        if not values:
            raise ValueError(f"got [] (empty task list); allowed: one or more of {allowed}")
        bad = [name for name in values if name not in allowed]
        if bad:
            raise ValueError(f"got {bad} (unknown task); allowed: {allowed}")
        return values

    return AfterValidator(check)


def _finetune_list(values: list[str]) -> list[str]:
    from xstilts.tasks.registry import finetunes

    allowed = list(finetunes())
    if not values:
        raise ValueError(f"got [] (empty list); allowed: one or more of {allowed}")
    bad = [name for name in values if name not in allowed]
    if bad:
        raise ValueError(f"got {bad} (unknown fine-tune); allowed: {allowed} (xquad and mlqa "
                         "share the fine-tune 'squad')")
    if len(set(values)) != len(values):
        raise ValueError(f"got {values} (a fine-tune listed twice); allowed: each at most once")
    return values


IntermediateTasks = Annotated[list[str], _task_list("intermediate")]
Finetunes = Annotated[list[str], AfterValidator(_finetune_list)]
RetrievalTasks = Annotated[list[str], _task_list("retrieval")]


class _Section(BaseModel):
    # strict: a string batch size ("32") is an error, not silently coerced. No inf/nan: YAML's
    # `.inf` would pass `gt=0` and only fail deep inside training (`math.ceil(inf)`).
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)


# The one revision that is not a commit: the hub's default branch, accepted until a run has
# resolved it (the pretrain stage warns and prints the commit to paste into the params file).
UNPINNED_REVISION = "main"
_COMMIT = re.compile(r"[0-9a-f]{40}")


def _check_revision(value: str) -> str:
    if value == UNPINNED_REVISION or _COMMIT.fullmatch(value):
        return value
    raise ValueError(
        f"got {value!r}; allowed: a 40-hex lowercase commit of base.model on the Hugging Face "
        f"Hub (a branch or tag can move; a short hash is ambiguous), or the placeholder "
        f"{UNPINNED_REVISION!r} (unpinned: `xstilts pretrain` resolves it and prints the commit "
        "to paste here)"
    )


class Base(_Section):
    seed: NonNegInt = 42
    seeds: list[NonNegInt] = Field(default_factory=lambda: [42], min_length=1)
    model: str = "xlm-roberta-large"
    revision: Annotated[str, AfterValidator(_check_revision)] = UNPINNED_REVISION
    num_layers: PositiveInt = 24
    precision: Literal["bf16", "fp32"] = "bf16"
    compile: bool = False
    # GPU speed knobs of the training loop (training/config.py; bench/README.md measures them):
    # pad batches to a few fixed lengths (auto: on CUDA only), the attention kernels SDPA may
    # use (auto: never cuDNN's per-length plans on CUDA), CUDA-graph replay (opt-in).
    length_buckets: Literal["auto", "on", "off"] = "auto"
    sdpa_backend: Literal["auto", "torch", "flash", "efficient", "math", "cudnn"] = "auto"
    cuda_graphs: bool = False
    # CPU threads for torch; None = torch's default. Tiny models on a small CPU run faster
    # on one thread (measured: 2 threads up to 30x slower under load, bench/train_throughput.py).
    threads: PositiveInt | None = None


class Fetch(_Section):
    mirror: str | None = None
    retries: NonNegInt = 5
    # Demo profile: first generate the simulated demo world (seeded by demo_seed) into
    # `mirror`, then fetch from it through the same checksummed code path as real data.
    demo_world: bool = False
    demo_seed: NonNegInt = 1
    demo_scale: PositiveFloat = 1.0
    # Bounds on what one archive may unpack to (a corrupt or hostile archive fails instead of
    # filling the disk); the largest real source, UD 2.5, unpacks to about 4 GB.
    max_unpacked_gib: PositiveFloat = 64.0
    max_members: PositiveInt = 200_000


class TinyModel(_Section):
    vocab_size: PositiveInt = 2000
    hidden_size: PositiveInt = 64
    num_layers: PositiveInt = 4
    num_heads: PositiveInt = 4
    intermediate_size: PositiveInt = 128
    max_position: PositiveInt = 512


class Pretrain(_Section):
    """Phase 1 for the demo profile only: the paper starts from the hub's XLM-R Large."""

    enabled: bool = False
    tiny: TinyModel = TinyModel()
    steps: PositiveInt = 300
    lr: PositiveFloat = 1e-3
    batch_size: PositiveInt = 32
    max_length: PositiveInt = 64
    mask_prob: Annotated[float, Field(gt=0, lt=1)] = 0.15
    weight_decay: Annotated[float, Field(ge=0)] = 0.01
    warmup_ratio: Fraction = 0.05


class Prepare(_Section):
    max_length: PositiveInt = 256  # jiant: classification/tagging/MC
    qa_max_length: PositiveInt = 384
    doc_stride: PositiveInt = 128
    max_query_length: PositiveInt = 64
    retrieval_max_length: PositiveInt = 512


class Optim(_Section):
    lr: PositiveFloat = 1e-5  # jiant
    weight_decay: Annotated[float, Field(ge=0)] = 0.01
    warmup_ratio: Fraction = 0.1
    max_grad_norm: PositiveFloat = 1.0
    epochs: PositiveFloat = 3.0
    max_steps: PositiveInt | None = None
    batch_size: PositiveInt = 4
    grad_accum: PositiveInt = 1


class MlmCotrain(_Section):
    """Ablation 1 (run `<task>+mlm` of the grid): the MLM batches mixed into intermediate training."""

    ratio: Annotated[float, Field(gt=0, lt=1)] = 0.5  # mixing ratio unknown in the paper
    mask_prob: Annotated[float, Field(gt=0, lt=1)] = 0.15


class Translated(_Section):
    """Machine-translated intermediate data (second ablation): an input dataset, MT unknown."""

    tasks: IntermediateTasks = Field(default_factory=lambda: ["mnli"])
    languages: list[str] = Field(default_factory=list)


class Intermediate(_Section):
    tasks: IntermediateTasks = Field(
        default_factory=lambda: [
            # Unverified (PAPER.md): "ANLI" probably means rounds 1-3 plus MNLI and SNLI
            # (jiant); SQuAD v1.1 or v2.0 is unknown. `anli`/`squad_v2` are selectable.
            "anli_mnli_snli",
            "ccg",
            "commonsenseqa",
            "cosmosqa",
            "hellaswag",
            "mnli",
            "qqp",
            "squad_v1",
            "sst2",
        ]
    )
    sampling: Literal["proportional", "temperature", "uniform"] = "proportional"
    temperature: PositiveFloat = 2.0
    size_cap: PositiveInt | None = None
    save_every: PositiveInt = 1000
    # The paper trains every parameter (false). True leaves the word embeddings as pretrained:
    # English-only training at a high learning rate (the demo's tiny model) moves the English
    # words away from their translations, which it never sees, and zero-shot transfer falls.
    freeze_word_embeddings: bool = False
    optim: Optim = Optim()
    mlm_cotrain: MlmCotrain = MlmCotrain()
    translated: Translated = Translated()


class FinetuneOverrides(_Section):
    epochs: PositiveFloat | None = None
    batch_size: PositiveInt | None = None
    grad_accum: PositiveInt | None = None
    lr: PositiveFloat | None = None


class EarlyStopping(_Section):
    enabled: bool = True
    eval_every: PositiveInt = 1000  # jiant
    eval_examples: PositiveInt = 500
    patience: PositiveInt = 30


class Target(_Section):
    """Phase 3. `finetunes` are the fine-tuned checkpoints of each run (one DVC cell each,
    `target@<run>-<finetune>`); the target tasks they predict come from the registry
    (`squad` -> XQuAD and MLQA: one SQuAD v1.1 model serves both)."""

    finetunes: Finetunes = Field(
        default_factory=lambda: ["xnli", "pawsx", "udpos", "panx", "squad", "tydiqa"]
    )
    optim: Optim = Optim(batch_size=32, epochs=2.0)
    per_finetune: dict[str, FinetuneOverrides] = Field(default_factory=dict)
    early_stopping: EarlyStopping = EarlyStopping()
    save_every: PositiveInt = 1000

    @property
    def tasks(self) -> list[str]:
        """The target tasks the fine-tunes predict, in the order of `finetunes`."""
        from xstilts.tasks.registry import finetune_targets

        return [task for name in self.finetunes for task in finetune_targets(name)]


class Grid(_Section):
    """The intermediate runs of the results grid: each is fine-tuned on every target task and
    evaluated on BUCC/Tatoeba. Names: `none` (the baseline), `multitask` (all of
    intermediate.tasks at once), an intermediate task, `<task>+mlm` (ablation 1: continued
    multilingual MLM) or `<task>+translated` (ablation 2: machine-translated data)."""

    intermediates: list[str] = Field(
        default_factory=lambda: [
            "none",
            "multitask",
            "anli_mnli_snli",
            "ccg",
            "commonsenseqa",
            "cosmosqa",
            "hellaswag",
            "mnli",
            "qqp",
            "squad_v1",
            "sst2",
            "mnli+mlm",
            "mnli+translated",
        ]
    )


class Retrieval(_Section):
    tasks: RetrievalTasks = Field(default_factory=lambda: list(RETRIEVAL_TASKS))
    layer: NonNegInt | None = None  # None: 14 of 24, scaled to the model's depth
    pooling: Literal["mean", "cls"] = "mean"
    batch_size: PositiveInt = 100
    layer_sweep: bool = False
    # Hidden states kept in memory per encoder pass during a sweep: all 25 of XLM-R Large for
    # a BUCC language would need ~80 GB of host RAM.
    layers_per_pass: PositiveInt = 4


class Evaluate(_Section):
    splits: list[Literal["dev", "test"]] = Field(default_factory=lambda: ["dev", "test"])
    batch_size: PositiveInt = 64
    n_best: PositiveInt = 20
    max_answer_length: PositiveInt = 30


class Report(_Section):
    """The `report` stage: claims, tables, plots and the domain-similarity study."""

    split: Literal["dev", "test"] = "dev"  # gains, plots, similarity; best model: selection sets
    bootstrap: PositiveInt = 1000
    permutations: PositiveInt = 1000  # Monte-Carlo permutations above 8 pairs
    # Sentence embedder of the similarity measures: the pretrained encoder (models/pretrained,
    # mean-pooled; computable before any training), a model-free hashed bag of words (lexical
    # only), or none (vocabulary overlap only).
    embedder: Literal["pretrained", "hashed-bow", "none"] = "pretrained"
    fixed_choice: str = "mnli"  # the always-pick-one baseline of intermediate-task selection
    top_k: PositiveInt = 10_000  # word types of the vocabulary-overlap measure
    max_texts: PositiveInt = 500  # texts per task and language in the similarity study


class Tracking(_Section):
    enabled: bool = True
    uri: str | None = None
    experiment: str = "xstilts"
    # live: each stage writes to the store as it runs (watch it in the UI); at_end: each stage
    # writes only its local spool and `xstilts sync-runs` delivers every run after `dvc repro`
    # (scripts/repro.sh does), saving the MLflow start-up of every stage (seconds each).
    deliver: Literal["live", "at_end"] = "live"


class Params(_Section):
    profile: Literal["paper", "demo"] = "paper"
    base: Base = Base()
    fetch: Fetch = Fetch()
    pretrain: Pretrain = Pretrain()
    prepare: Prepare = Prepare()
    intermediate: Intermediate = Intermediate()
    target: Target = Target()
    grid: Grid = Grid()
    retrieval: Retrieval = Retrieval()
    evaluate: Evaluate = Evaluate()
    report: Report = Report()
    tracking: Tracking = Tracking()

    @model_validator(mode="after")
    def _cross_checks(self) -> Params:
        problems = list(_semantic_problems(self))
        if problems:
            raise ValueError("\n".join(problems))
        return self


class ConfigError(ValueError):
    """A params file is invalid; `problems` holds one line per problem."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        super().__init__(f"{path}: " + "; ".join(problems))


def _semantic_problems(p: Params) -> list[str]:
    """Checks that need more than one section (run once every section is well-typed)."""
    out: list[str] = []
    for name in p.target.per_finetune:
        if name not in p.target.finetunes:
            out.append(f"target.per_finetune.{name}: got {name!r} (not in target.finetunes); "
                       f"allowed: {p.target.finetunes}")
    missing = [t for t in p.target.finetunes if t not in p.target.per_finetune]
    if missing and "per_finetune" in p.target.model_fields_set:
        # dvc.yaml makes each target cell depend on target.per_finetune.<name> alone, so that
        # changing one fine-tune's settings re-runs only its cells.
        out.append(f"target.per_finetune: got no entry for {missing}; allowed: an entry per "
                   "fine-tune of target.finetunes (`{}` when it has no overrides)")
    for i, run in enumerate(p.grid.intermediates):
        problem = _run_problem(run, p)
        if problem:
            out.append(
                f"grid.intermediates[{i}]: got {run!r} ({problem}); allowed: none, "
                "multitask, an intermediate task, <task>+mlm, <task>+translated"
            )
    if len(set(p.grid.intermediates)) != len(p.grid.intermediates):
        out.append(
            f"grid.intermediates: got duplicates in {p.grid.intermediates}; allowed: each run once"
        )
    depth = model_depth(p)
    if p.retrieval.layer is not None and p.retrieval.layer > depth:
        out.append(
            f"retrieval.layer: got {p.retrieval.layer} (outside the model's depth); "
            f"allowed: 0..{depth} (hidden state index, 0 = embeddings)"
        )
    if p.base.seed not in p.base.seeds:
        out.append(f"base.seed: got {p.base.seed}; allowed: one of base.seeds {p.base.seeds}")
    return out


RUN_KINDS: tuple[str, ...] = ("none", "multitask", "single", "mlm", "translated")


def parse_run(run: str) -> tuple[str, str | None]:
    """`none` → ("none", None); `mnli` → ("single", "mnli"); `mnli+mlm` → ("mlm", "mnli")."""
    if run in ("none", "multitask"):
        return run, None
    task, _, variant = run.partition("+")
    if not variant:
        return "single", task
    return variant, task


def _run_problem(run: str, p: Params) -> str | None:
    kind, task = parse_run(run)
    if kind not in RUN_KINDS:
        return f"unknown variant {kind!r}"
    if task is not None and task not in known_tasks("intermediate"):
        return f"unknown task {task!r}"
    if kind == "translated" and task not in p.intermediate.translated.tasks:
        return "task not in intermediate.translated.tasks"
    return None


MLM_CORPUS_TASK = "mlm_corpus"


def tasks_to_prepare(p: Params) -> list[str]:
    """Every task whose features some stage reads: intermediate tasks (multitask and single
    runs), their translated sets, the MLM corpus, target and retrieval tasks."""
    tasks = list(p.intermediate.tasks)
    needs_mlm = p.pretrain.enabled
    for run in p.grid.intermediates:
        kind, task = parse_run(run)
        if task is not None:
            tasks.append(task if kind != "translated" else f"{task}_translated")
        needs_mlm = needs_mlm or kind == "mlm"
    if needs_mlm:
        tasks.append(MLM_CORPUS_TASK)
    tasks += [*p.target.tasks, *p.retrieval.tasks]
    tasks += _target_sources(p.target.tasks)
    return list(dict.fromkeys(tasks))


def _target_sources(targets: list[str]) -> list[str]:
    """Tasks whose data a target fine-tune reads besides its own: its training data (XQuAD ->
    SQuAD v1.1 train) and its selection set (XQuAD -> SQuAD v1.1 dev)."""
    from xstilts.tasks.registry import get_task

    out: list[str] = []
    for name in targets:
        spec = get_task(name)
        out += [t for t in (spec.train_task, spec.selection and spec.selection.task) if t]
    return out


def model_depth(p: Params) -> int:
    """Number of transformer layers of the starting model (tiny model in the demo profile)."""
    return p.pretrain.tiny.num_layers if p.pretrain.enabled else p.base.num_layers


def retrieval_layer(p: Params) -> int:
    """Hidden-state index for retrieval: explicit, or jiant's 14 of 24 scaled to the depth."""
    if p.retrieval.layer is not None:
        return p.retrieval.layer
    return round(14 * model_depth(p) / 24)


def _format_error(err: dict[str, Any]) -> str:
    loc = [str(part) for part in err["loc"]]
    key = ".".join(loc) or "(top level)"
    if err["type"] == "value_error":
        # Our own validators already say "got X; allowed: Y"; the cross-section one
        # (empty loc) carries complete lines with their keys.
        message = str(err["ctx"]["error"])
        return message if not loc else f"{key}: {message}"
    value = err.get("input")
    if err["type"] == "extra_forbidden":
        return (f"{key}: got {_short_repr(value)} (unknown key); "
                f"allowed keys: {_allowed_keys(loc[:-1])}")
    shown = (f"{_short_repr(value)} ({type(value).__name__})" if not isinstance(value, dict)
             else "a mapping")
    return f"{key}: got {shown}; allowed: {_describe(err)}"


def _short_repr(value: object, limit: int = 80) -> str:
    """A value as shown in an error line; long ones (a YAML alias bomb) are cut."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + f"... ({len(text)} characters)"


def _describe(err: dict[str, Any]) -> str:
    ctx = err.get("ctx") or {}
    kind = err["type"]
    if kind == "greater_than":
        return f"a number > {ctx['gt']}"
    if kind == "greater_than_equal":
        return f"a number >= {ctx['ge']}"
    if kind == "less_than":
        return f"a number < {ctx['lt']}"
    if kind == "less_than_equal":
        return f"a number <= {ctx['le']}"
    if kind == "literal_error":
        return f"one of {ctx.get('expected')}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return "an integer"
    if kind in ("float_type", "float_parsing"):
        return "a number"
    if kind == "finite_number":
        return "a finite number (not .inf or .nan)"
    if kind in ("bool_type", "bool_parsing"):
        return "true or false"
    if kind in ("string_type",):
        return "a string"
    if kind in ("list_type",):
        return "a list"
    if kind == "too_short":
        return f"at least {ctx.get('min_length')} item(s)"
    return err["msg"]


def _allowed_keys(loc: list[str]) -> list[str]:
    model: Any = Params
    for part in loc:
        field = model.model_fields.get(part) if isinstance(model, type) else None
        if field is None:
            return []
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            model = annotation
        elif getattr(annotation, "__origin__", None) is dict:
            model = annotation.__args__[1]
        else:
            return []
    if isinstance(model, type) and issubclass(model, BaseModel):
        return sorted(model.model_fields)
    if part_is_per_finetune(loc):
        return sorted(FinetuneOverrides.model_fields)
    return []


def part_is_per_finetune(loc: list[str]) -> bool:
    return len(loc) >= 3 and loc[0] == "target" and loc[1] == "per_finetune"


def parse_params(data: object, path: Path = Path("params.yaml")) -> Params:
    """Validate an already-loaded params mapping; raise ConfigError listing every problem."""
    if not isinstance(data, dict):
        raise ConfigError(path, [f"(top level): got {type(data).__name__}; allowed: a mapping"])
    try:
        return Params.model_validate(data)
    except ValidationError as exc:
        lines: list[str] = []
        for err in exc.errors(include_url=False):
            lines.extend(_format_error(err).splitlines())
        raise ConfigError(path, lines) from None


def load_params(path: str | Path = "params.yaml") -> Params:
    """Read and validate a params file. Reads only `path`; writes nothing."""
    path = Path(path)
    return parse_params(read_params_file(path), path)


def read_params_file(path: str | Path) -> Any:
    """The parsed YAML of a params file, unvalidated, read strictly (params_yaml: duplicate
    keys, an empty file, alias bombs are errors); raises ConfigError. Every reader of a params
    file (load_params, `xstilts report --config`) goes through here."""
    path = Path(path)
    if path.is_dir():
        raise ConfigError(path, [f"(file): {path} is a folder; allowed: a params YAML file "
                                 "(e.g. params.yaml or demo/params.yaml)"])
    if not path.is_file():
        raise ConfigError(path, [f"(file): {path} does not exist; allowed: a params YAML file "
                                 "(e.g. params.yaml or demo/params.yaml)"])
    from xstilts.params_yaml import ParamsYamlError, read_params_yaml

    try:
        data = read_params_yaml(path)
    except ParamsYamlError as exc:
        raise ConfigError(path, [str(exc)]) from None
    return data


def target_optim(p: Params, finetune: str) -> Optim:
    """The target section's optimiser settings with the fine-tune's overrides applied."""
    override = p.target.per_finetune.get(finetune)
    if override is None:
        return p.target.optim
    changes = {k: v for k, v in override.model_dump().items() if v is not None}
    return p.target.optim.model_copy(update=changes)
