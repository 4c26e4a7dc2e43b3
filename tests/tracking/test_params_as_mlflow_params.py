"""Resolved params become flat MLflow params plus one hash."""

from xstilts.tracking.params import MAX_PARAM_VALUE_CHARS, flatten_params, params_hash


def test_nested_params_are_flattened_with_dots_and_lists_stay_one_value():
    flat = flatten_params({"training": {"lr": 1e-5, "langs": ["en", "de"]}, "seed": 1})
    assert flat == {"training.lr": "1e-05", "training.langs": '["en", "de"]', "seed": "1"}


def test_param_keys_lose_characters_mlflow_refuses():
    assert flatten_params({"head[xnli]": 3}) == {"head_xnli_": "3"}


def test_overlong_param_values_are_cut_to_mlflow_limit():
    flat = flatten_params({"vocab": "x" * (MAX_PARAM_VALUE_CHARS + 10)})
    assert len(flat["vocab"]) == MAX_PARAM_VALUE_CHARS


def test_params_hash_ignores_key_order():
    assert params_hash({"a": 1, "b": {"c": 2, "d": 3}}) == params_hash(
        {"b": {"d": 3, "c": 2}, "a": 1}
    )


def test_params_hash_changes_with_any_value():
    assert params_hash({"a": 1, "b": {"c": 2}}) != params_hash({"a": 1, "b": {"c": 3}})
