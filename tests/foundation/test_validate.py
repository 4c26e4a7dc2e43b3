"""`xstilts validate`: exit 0 when valid, else exit 2 with one line per problem naming the key,
the bad value and what is allowed, and nothing written."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from xstilts.cli import main
from xstilts.config import ConfigError, load_params, parse_params, retrieval_layer, target_optim

ROOT = Path(__file__).resolve().parents[2]
PROFILES = [ROOT / "params.yaml", ROOT / "demo" / "params.yaml"]


def _paper() -> dict:
    return yaml.safe_load((ROOT / "params.yaml").read_text())


def _problems(data: dict) -> list[str]:
    with pytest.raises(ConfigError) as info:
        parse_params(data)
    return info.value.problems


def _write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "params.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


@pytest.mark.parametrize("path", PROFILES, ids=["paper", "demo"])
def test_both_profiles_are_valid(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(path)]) == 0
    assert "valid" in capsys.readouterr().out


def test_paper_profile_holds_the_papers_model_and_nine_tasks() -> None:
    params = load_params(ROOT / "params.yaml")
    assert params.base.model == "xlm-roberta-large"
    assert params.base.num_layers == 24
    assert len(params.intermediate.tasks) == 9
    assert params.target.finetunes == ["xnli", "pawsx", "udpos", "panx", "squad", "tydiqa"]
    assert params.target.tasks == ["xnli", "pawsx", "udpos", "panx", "xquad", "mlqa", "tydiqa"]
    assert retrieval_layer(params) == 14


def test_demo_profile_is_tiny_and_offline() -> None:
    params = load_params(ROOT / "demo" / "params.yaml")
    assert params.pretrain.enabled and params.pretrain.tiny.hidden_size <= 128
    assert params.fetch.mirror is not None
    # The demo mines from the paper's hidden state, 14/24 of the depth (2 of its 4 layers).
    assert params.retrieval.layer is None
    assert retrieval_layer(params) == round(14 * params.pretrain.tiny.num_layers / 24) == 2


def test_unknown_key_is_named_with_the_allowed_keys() -> None:
    data = _paper()
    data["target"]["optim"]["learning_rate"] = 1e-5  # typo for lr
    (line,) = _problems(data)
    assert line.startswith("target.optim.learning_rate:")
    assert "unknown key" in line and "'lr'" in line


def test_unknown_top_level_section_is_an_error() -> None:
    data = _paper()
    data["traning"] = {}
    (line,) = _problems(data)
    assert line.startswith("traning:") and "'target'" in line


def test_unknown_task_name_is_named_with_the_known_tasks() -> None:
    data = _paper()
    data["intermediate"]["tasks"] = ["mnli", "mnlii"]
    (line,) = _problems(data)
    assert line.startswith("intermediate.tasks:")
    assert "'mnlii'" in line and "'hellaswag'" in line


def test_retrieval_task_is_not_a_fine_tune() -> None:
    data = _paper()
    data["target"]["finetunes"] = ["xnli", "bucc2018"]
    data["target"]["per_finetune"] = {"xnli": {}, "bucc2018": {}}
    lines = _problems(data)
    assert lines[0].startswith("target.finetunes:") and "'bucc2018'" in lines[0]


def test_xquad_and_mlqa_are_one_fine_tune_named_squad() -> None:
    data = _paper()
    data["target"]["finetunes"] = ["xnli", "xquad"]
    data["target"]["per_finetune"] = {"xnli": {}}
    lines = _problems(data)
    assert lines[0].startswith("target.finetunes:") and "'squad'" in lines[0]


def test_a_fine_tune_is_listed_once() -> None:
    data = _paper()
    data["target"]["finetunes"] = ["xnli", "squad", "xnli"]
    data["target"]["per_finetune"] = {"xnli": {}, "squad": {}}
    (line,) = _problems(data)
    assert line.startswith("target.finetunes:") and "twice" in line


def test_string_batch_size_is_a_type_error() -> None:
    data = _paper()
    data["intermediate"]["optim"]["batch_size"] = "32"
    (line,) = _problems(data)
    assert line.startswith("intermediate.optim.batch_size:")
    assert "'32' (str)" in line and "integer" in line


@pytest.mark.parametrize(
    ("section", "key", "value"),
    [("optim", "lr", 0.0), ("optim", "lr", -1e-5), ("optim", "batch_size", 0),
     ("optim", "batch_size", -4)],
)
def test_zero_or_negative_learning_rate_or_batch_size(section: str, key: str, value: float) -> None:
    data = _paper()
    data["target"][section][key] = value
    (line,) = _problems(data)
    assert line.startswith(f"target.{section}.{key}:")
    assert repr(value) in line and "> 0" in line


def test_retrieval_layer_outside_model_depth() -> None:
    data = _paper()
    data["retrieval"]["layer"] = 25
    (line,) = _problems(data)
    assert line.startswith("retrieval.layer:") and "25" in line and "0..24" in line


def test_empty_task_list() -> None:
    data = _paper()
    data["intermediate"]["tasks"] = []
    (line,) = _problems(data)
    assert line.startswith("intermediate.tasks:") and "empty" in line


def test_every_problem_gets_its_own_line() -> None:
    data = _paper()
    data["intermediate"]["optim"]["batch_size"] = "4"
    data["target"]["optim"]["lr"] = 0
    data["target"]["finetunes"] = ["nope"]
    assert len(_problems(data)) == 3


def test_per_finetune_override_applies_to_its_fine_tune_only() -> None:
    params = load_params(ROOT / "params.yaml")
    assert target_optim(params, "squad").batch_size == 16
    assert target_optim(params, "xnli").batch_size == 32
    assert target_optim(params, "udpos").epochs == 10.0


def test_cli_exits_2_with_key_lines_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = copy.deepcopy(_paper())
    data["intermediate"]["optim"]["batch_size"] = "32"
    data["retrieval"]["layer"] = 99
    path = _write(tmp_path, data)
    before = sorted(p.name for p in tmp_path.iterdir())
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1  # type errors come first; the depth check needs well-typed sections
    assert "intermediate.optim.batch_size" in err[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_missing_params_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "absent.yaml")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_grid_run_names_are_checked() -> None:
    data = _paper()
    data["grid"]["intermediates"] = ["none", "mnli+mlm", "mnli+typo", "nope", "qqp+translated"]
    lines = _problems(data)
    assert [ln.split(":")[0] for ln in lines] == [
        "grid.intermediates[2]", "grid.intermediates[3]", "grid.intermediates[4]"]
    assert "'mnli+typo'" in lines[0] and "'nope'" in lines[1]
    assert "translated.tasks" in lines[2]


def test_a_given_per_finetune_section_needs_every_fine_tune() -> None:
    # dvc.yaml makes each target cell depend on target.per_finetune.<name> alone.
    data = _paper()
    del data["target"]["per_finetune"]["udpos"]
    (line,) = _problems(data)
    assert line.startswith("target.per_finetune:") and "'udpos'" in line


def test_gpu_speed_knobs_reach_the_training_config() -> None:
    from xstilts.stages.train_config import intermediate_config, target_config

    data = _paper()
    data["base"].update(length_buckets="on", sdpa_backend="math", cuda_graphs=True)
    params = parse_params(data)
    for config in (intermediate_config(params, mlm=False), target_config(params, "xnli")):
        assert (config.length_buckets, config.sdpa_backend, config.cuda_graphs) == (
            "on", "math", True)
    data["base"]["sdpa_backend"] = "fast"
    (line,) = _problems(data)
    assert line.startswith("base.sdpa_backend:") and "'fast'" in line


def test_freezing_the_word_embeddings_is_an_intermediate_setting_off_in_the_paper() -> None:
    from xstilts.stages.train_config import intermediate_config, target_config

    data = _paper()
    assert not intermediate_config(parse_params(data), mlm=False).freeze_word_embeddings
    data["intermediate"]["freeze_word_embeddings"] = True
    params = parse_params(data)
    assert intermediate_config(params, mlm=True).freeze_word_embeddings
    assert not target_config(params, "xnli").freeze_word_embeddings
