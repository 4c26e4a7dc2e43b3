"""Bad raw input fails with a DataFormatError naming the file, the line or record, the problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from xstilts.tasks import DataFormatError, read_corpus, read_examples


def _replace_line(path: Path, number: int, text: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[number - 1] = text
    path.write_text("\n".join(lines), encoding="utf-8")


def test_malformed_tsv_row_names_file_and_line(raw_copy):
    path = raw_copy / "mnli/MNLI/train.tsv"
    _replace_line(path, 3, "1\t101457\t101457e\ttelephone\tonly five fields")
    with pytest.raises(DataFormatError, match="expected 12 TAB-separated fields") as err:
        read_examples("mnli", "train", "en", raw_copy)
    assert err.value.path == path and err.value.line == 3
    assert str(path) in str(err.value) and "line 3" in str(err.value)


def test_unknown_label_names_file_and_line(raw_copy):
    path = raw_copy / "xnli_mt/XNLI-MT-1.0/multinli/multinli.train.en.tsv"
    _replace_line(path, 2, "A premise .\tA hypothesis .\tmaybe")
    with pytest.raises(DataFormatError, match="unknown label 'maybe'") as err:
        read_examples("xnli", "train", "en", raw_copy)
    assert err.value.path == path and err.value.line == 2


def test_unknown_tag_names_file_and_line(raw_copy):
    path = raw_copy / "panx/panx_dataset/de/dev"
    path.write_text("de:Berlin\tB-CITY\n\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match="unknown label 'B-CITY'") as err:
        read_examples("panx", "dev", "de", raw_copy)
    assert err.value.line == 1


def test_empty_file_is_an_error(raw_copy):
    path = raw_copy / "sst2/SST-2/dev.tsv"
    path.write_bytes(b"")
    with pytest.raises(DataFormatError, match="file is empty") as err:
        read_examples("sst2", "dev", "en", raw_copy)
    assert err.value.path == path


def test_missing_file_names_the_file(raw_copy):
    path = raw_copy / "xquad/xquad.de.json"
    path.unlink()
    with pytest.raises(DataFormatError, match="file not found.*xstilts fetch") as err:
        read_examples("xquad", "test", "de", raw_copy)
    assert err.value.path == path


def test_wrong_encoding_names_file_and_line(raw_copy):
    path = raw_copy / "tatoeba/tatoeba.deu-eng.deu"
    path.write_bytes("Ich bin da.\nGr\xfc\xdfe\n".encode("latin-1"))
    with pytest.raises(DataFormatError, match="not valid UTF-8") as err:
        read_corpus("tatoeba", "test", "de", raw_copy)
    assert err.value.path == path and err.value.line == 2


def test_truncated_json_is_an_error(raw_copy):
    path = raw_copy / "squad_v1/dev-v1.1.json"
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(DataFormatError, match="invalid JSON.*truncated") as err:
        read_examples("squad_v1", "dev", "en", raw_copy)
    assert err.value.path == path


def test_truncated_jsonl_is_an_error(raw_copy):
    path = raw_copy / "hellaswag/hellaswag_train.jsonl"
    data = path.read_bytes()
    path.write_bytes(data[:-40])
    with pytest.raises(DataFormatError, match="invalid JSON") as err:
        read_examples("hellaswag", "train", "en", raw_copy)
    assert err.value.path == path and err.value.line == 2


def test_truncated_conllu_is_an_error(raw_copy):
    path = raw_copy / "udpos/ud-treebanks-v2.5/UD_German-GSD/de_gsd-ud-test.conllu"
    text = path.read_text(encoding="utf-8")
    cut = text.index("\n", text.index("4\tdem")) + 1  # after a whole token line, mid-sentence
    path.write_text(text[:cut], encoding="utf-8")
    with pytest.raises(DataFormatError, match="ends inside a sentence") as err:
        read_examples("udpos", "test", "de", raw_copy)
    assert err.value.path == path and err.value.line == 6


def test_conllu_line_with_wrong_column_count(raw_copy):
    path = raw_copy / "udpos/ud-treebanks-v2.5/UD_Vietnamese-VTB/vi_vtb-ud-test.conllu"
    path.write_text("1\tsinh viên\tNOUN\n\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match="10 TAB-separated CoNLL-U columns") as err:
        read_examples("udpos", "test", "vi", raw_copy)
    assert err.value.line == 1


def test_labels_file_shorter_than_features(raw_copy):
    path = raw_copy / "cosmosqa/train-labels.lst"
    path.write_text("1\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match="1 labels for 2 examples") as err:
        read_examples("cosmosqa", "train", "en", raw_copy)
    assert err.value.path == path


def test_multiple_choice_with_wrong_number_of_choices(raw_copy):
    path = raw_copy / "commonsenseqa/dev_rand_split.jsonl"
    path.write_text('{"id": "x", "answerKey": "A", "question": {"stem": "Q?", "choices": '
                    '[{"label": "A", "text": "a"}]}}\n', encoding="utf-8")
    with pytest.raises(DataFormatError, match="expected 5 answer strings") as err:
        read_examples("commonsenseqa", "dev", "en", raw_copy)
    assert err.value.line == 1


def test_squad_answer_outside_context_names_the_record(raw_copy):
    path = raw_copy / "xquad/xquad.en.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"answer_start": 48',
                                                             '"answer_start": 4800'),
                    encoding="utf-8")
    with pytest.raises(DataFormatError, match="outside the context") as err:
        read_examples("xquad", "test", "en", raw_copy)
    assert "56beb4343aeaaa14008c925b" in err.value.record


def test_bucc_gold_pair_with_unknown_id(raw_copy):
    path = raw_copy / "bucc2018/bucc2018/de-en/de-en.sample.gold"
    path.write_text("de-000001\ten-999999\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match="en-999999") as err:
        read_corpus("bucc2018", "dev", "de", raw_copy)
    assert err.value.path == path and err.value.line == 1


def test_bucc_line_without_tab(raw_copy):
    path = raw_copy / "bucc2018/bucc2018/de-en/de-en.training.en"
    path.write_text("en-000101 It is raining.\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match="TAB") as err:
        read_corpus("bucc2018", "test", "de", raw_copy)
    assert err.value.line == 1


def test_tatoeba_sides_must_be_line_aligned(raw_copy):
    path = raw_copy / "tatoeba/tatoeba.deu-eng.eng"
    path.write_text("I am tired.\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match="line-aligned") as err:
        read_corpus("tatoeba", "test", "de", raw_copy)
    assert err.value.path == path


def test_ccg_sentence_without_derivation(raw_copy):
    path = raw_copy / "ccg/ccgbank_1_1/data/AUTO/23/wsj_2301.auto"
    path.write_text("ID=wsj_2301.1 PARSER=GOLD NUMPARSE=1\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match="wsj_2301.1 has no derivation") as err:
        read_examples("ccg", "test", "en", raw_copy)
    assert err.value.path == path


def test_missing_ccg_files_point_to_the_manual_step(tmp_path):
    with pytest.raises(DataFormatError, match="manual step"):
        read_examples("ccg", "train", "en", tmp_path)


def test_xnli_language_absent_from_file(raw_copy):
    with pytest.raises(DataFormatError, match="no rows with language 'sw'"):
        read_examples("xnli", "dev", "sw", raw_copy)


def test_leipzig_line_without_an_id_names_file_and_line(raw_copy):
    from xstilts.tasks.readers.corpus import read_leipzig_sentences

    path = (raw_copy / "leipzig_wikipedia/deu_wikipedia_2021_100K/"
            "deu_wikipedia_2021_100K-sentences.txt")
    _replace_line(path, 2, "Berlin ist die Hauptstadt Deutschlands.")
    with pytest.raises(DataFormatError, match="<sentence id>TAB<sentence>") as err:
        read_leipzig_sentences(path)
    assert err.value.path == path and err.value.line == 2
