"""Classification readers on the official-format samples (GLUE, SNLI, ANLI, XNLI, PAWS-X)."""

from __future__ import annotations

from xstilts.tasks import read_examples
from xstilts.tasks.schema import ClassificationExample


def test_mnli_reads_glue_tsv_by_header(raw_root):
    train = read_examples("mnli", "train", "en", raw_root)
    assert [ex.label for ex in train] == ["neutral", "entailment", "contradiction"]
    assert train[0].text_a.startswith("Conceptually cream skimming")
    assert train[2].text_a == 'He said "no" and left.'  # quotes are text, not CSV quoting
    dev = read_examples("mnli", "dev", "en", raw_root)
    assert [ex.label for ex in dev] == ["neutral", "contradiction"]  # gold_label, not label1
    test = read_examples("mnli", "test", "en", raw_root)
    assert test[0].label is None


def test_snli_drops_pairs_without_consensus(raw_root):
    dev = read_examples("snli", "dev", "en", raw_root)
    assert [ex.label for ex in dev] == ["neutral"]


def test_anli_combines_rounds_one_to_three(raw_root):
    train = read_examples("anli", "train", "en", raw_root)
    assert [ex.id for ex in train][::2] == ["anli-r1-train-0", "anli-r2-train-0",
                                            "anli-r3-train-0"]
    assert {ex.label for ex in train} == {"contradiction", "entailment"}


def test_anli_with_mnli_and_snli_adds_their_training_sets_only(raw_root):
    plain = read_examples("anli", "train", "en", raw_root)
    combined = read_examples("anli_mnli_snli", "train", "en", raw_root)
    assert len(combined) == len(plain) + 3 + 3
    assert read_examples("anli_mnli_snli", "dev", "en", raw_root) == \
        read_examples("anli", "dev", "en", raw_root)


def test_qqp_and_sst2_read_glue_tsv(raw_root):
    qqp = read_examples("qqp", "train", "en", raw_root)
    assert [ex.label for ex in qqp] == ["0", "1"] and qqp[1].text_b.startswith("How do you")
    assert read_examples("qqp", "test", "en", raw_root)[0].label is None
    sst = read_examples("sst2", "train", "en", raw_root)
    assert sst[2] == ClassificationExample(
        id="sst2-train-3", text_a="that loves its characters and communicates something rather "
        "beautiful about human nature ", text_b=None, label="1")
    assert read_examples("sst2", "test", "en", raw_root)[0].id == "sst2-test-0"


def test_xnli_reads_one_language_from_the_all_language_file(raw_root):
    de = read_examples("xnli", "dev", "de", raw_root)
    assert [ex.label for ex in de] == ["contradiction", "entailment"]
    assert all(ex.lang == "de" for ex in de)
    assert de[1].text_a == 'Er sagte: "Mama, ich bin daheim."'
    assert de[1].text_b == "Er sprach mit seiner Mutter."  # stripped, as XTREME does


def test_xnli_contradictory_maps_to_contradiction(raw_root):
    train = read_examples("xnli", "train", "en", raw_root)
    assert [ex.label for ex in train] == ["neutral", "entailment", "contradiction"]


def test_pawsx_reads_without_csv_quoting(raw_root):
    """A lone '"' is text: with CSV quoting the two rows below would merge into one."""
    dev = read_examples("pawsx", "dev", "en", raw_root)
    assert len(dev) == 2
    assert dev[0].text_a.startswith('In 1951 , Bob Saggers studied "Business')
    assert dev[0].text_b.endswith('Ontario in 1951 ."')
    assert [ex.label for ex in dev] == ["1", "0"]
    assert read_examples("pawsx", "dev", "de", raw_root)[0].text_a == \
        '1975 wurde er Direktor des "Hauses .'


def test_pawsx_trains_on_english_only(raw_root):
    import pytest

    from xstilts.tasks import UnknownNameError

    assert len(read_examples("pawsx", "train", "en", raw_root)) == 2
    with pytest.raises(UnknownNameError, match="English only"):
        read_examples("pawsx", "train", "de", raw_root)


def test_mnli_translated_reads_xnli_mt_translations_like_the_english_file(raw_root):
    de = read_examples("mnli_translated", "train", "de", raw_root)
    assert [ex.label for ex in de] == ["neutral", "entailment", "contradiction"]  # contradictory
    assert all(ex.lang == "de" for ex in de)
    assert de[0].id == "mnli_translated-de-train-1"
    assert de[0].text_a.startswith("Konzeptionell hat die Rahmabschöpfung")
    assert de[2].text_b == "Wir haben im Moment niemanden frei , also müssen Sie selbst handeln ."
