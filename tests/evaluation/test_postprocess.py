from pathlib import Path

import numpy as np
import pytest

from xstilts.evaluation.postprocess import predictions_from_logits, write_predictions
from xstilts.tasks.schema import TaggingExample


def test_predictions_go_to_the_leaderboard_file_of_their_kind(tmp_path: Path):
    cases = [
        ("xnli", "classification", ["neutral"], "xnli/test-de.tsv", "neutral\n"),
        ("panx", "tagging", [["B-LOC", "O"]], "panx/test-de.tsv", "B-LOC\nO\n\n"),
        ("mlqa", "span_extraction", {"q": "Rom"}, "mlqa/test-de.json", '{\n "q": "Rom"\n}\n'),
    ]
    for task, kind, predictions, name, text in cases:
        path = write_predictions(tmp_path, task, kind, "test", "de", predictions)
        assert path == tmp_path / name
        assert path.read_text(encoding="utf-8") == text


def test_features_from_a_datasets_dataset_are_read_by_column():
    from datasets import Dataset

    features = Dataset.from_dict({"word_index": [[-1, 0, -1, 1, -1]], "example_index": [0],
                                  "input_ids": [[0, 5, 6, 7, 2]]})
    logits = np.array([[[0, 0], [0, 1], [1, 0], [1, 0], [0, 0]]], dtype=np.float32)
    example = TaggingExample("s", ("Rom", "ist"), None)
    assert predictions_from_logits("tagging", logits, features, [example], ("O", "B-LOC")) == [
        ["B-LOC", "O"]
    ]


def test_a_missing_feature_column_names_the_columns_that_exist():
    from datasets import Dataset

    with pytest.raises(KeyError, match="input_ids"):
        predictions_from_logits("classification", np.zeros((1, 2)),
                                Dataset.from_dict({"input_ids": [[0, 2]]}), [object()], ("a", "b"))


def test_span_logits_in_predict_logits_mapping_form_are_split():
    import numpy as np

    from xstilts.evaluation.postprocess import split_span_logits

    start, end = [np.array([0.1, 0.9])], [np.array([0.8, 0.2])]
    got = split_span_logits({"start": start, "end": end})
    assert got[0] is start and got[1] is end
