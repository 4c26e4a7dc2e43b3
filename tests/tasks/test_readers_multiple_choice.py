"""Multiple-choice readers: CommonsenseQA, Cosmos QA, HellaSwag, Social IQa."""

from __future__ import annotations

from xstilts.data.featurize.multiple_choice import choice_segments
from xstilts.tasks import read_examples


def test_commonsenseqa_label_is_the_answer_keys_position(raw_root):
    train = read_examples("commonsenseqa", "train", "en", raw_root)
    assert [ex.label for ex in train] == [0, 1]
    assert train[1].choices[1] == "populated areas" and len(train[1].choices) == 5
    assert train[1].question.startswith("Sammy wanted")
    assert read_examples("commonsenseqa", "test", "en", raw_root)[0].label is None


def test_cosmosqa_labels_come_from_the_zero_based_lst_file(raw_root):
    train = read_examples("cosmosqa", "train", "en", raw_root)
    assert [ex.label for ex in train] == [1, 0]
    assert train[1].choices[0] == "I will swat it ."
    assert train[0].context.startswith("Good Old War")
    assert read_examples("cosmosqa", "test", "en", raw_root)[0].label is None


def test_cosmosqa_first_segment_is_context_and_question_second_is_the_answer(raw_root):
    # jiant's CosmosQATask: prompt = context + " " + question, then one (prompt, answer) pair
    # per choice; the question must not travel with the answer.
    ex = read_examples("cosmosqa", "train", "en", raw_root)[1]
    assert ex.context == "A fly was bothering me . What may happen after the fly bothers me ?"
    assert ex.question == ""
    assert [choice_segments(ex, c) for c in ex.choices] == [
        ("A fly was bothering me . What may happen after the fly bothers me ?", answer)
        for answer in ("I will swat it .", "I will feed it .", "I will adopt it .",
                       "None of the above choices .")
    ]


def test_cosmosqa_encodes_the_answer_alone_after_the_separator(raw_root, tiny_model_dir):
    from transformers import AutoTokenizer

    from xstilts.data.featurize.multiple_choice import featurize_multiple_choice

    tokenizer = AutoTokenizer.from_pretrained(tiny_model_dir)
    ex = read_examples("cosmosqa", "train", "en", raw_root)[1]
    rows = featurize_multiple_choice([ex], tokenizer, max_length=128)["input_ids"][0]
    for row, answer in zip(rows, ex.choices, strict=True):
        second = row[row.index(tokenizer.sep_token_id) + 2:-1]  # XLM-R pairs: </s></s> between
        assert tokenizer.decode(second) == tokenizer.decode(
            tokenizer(answer, add_special_tokens=False)["input_ids"])


def test_hellaswag_choice_is_ctx_b_plus_ending(raw_root):
    train = read_examples("hellaswag", "train", "en", raw_root)
    assert train[0].context == "A man is sitting on a roof."
    assert train[0].choices[3] == "he starts pulling up roofing on a roof."
    assert train[0].label == 3
    test = read_examples("hellaswag", "test", "en", raw_root)
    assert test[0].label is None and test[0].choices[0].startswith("The child")


def test_socialiqa_labels_are_one_based_in_the_lst_file(raw_root):
    train = read_examples("socialiqa", "train", "en", raw_root)
    assert [ex.label for ex in train] == [0, 1]
    assert train[1].choices == ("disagree with Jan", "get to work", "argue with the assignments")
    assert read_examples("socialiqa", "dev", "en", raw_root)[0].label == 2
