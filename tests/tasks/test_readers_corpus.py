"""The MLM corpus: Leipzig sentences files read as plain strings, every language in one entry."""

from __future__ import annotations

from xstilts.tasks import get_task
from xstilts.tasks.readers import READERS
from xstilts.tasks.readers.corpus import read_leipzig_sentences

DEU = "leipzig_wikipedia/deu_wikipedia_2021_100K/deu_wikipedia_2021_100K-sentences.txt"
ENG = "leipzig_wikipedia/eng_wikipedia_2016_100K/eng_wikipedia_2016_100K-sentences.txt"


def test_leipzig_sentences_are_plain_strings_without_their_ids(raw_root):
    sentences = read_leipzig_sentences(raw_root / DEU)
    assert sentences == [
        '"Die Brücke" war eine Künstlergruppe in Dresden.',  # a quote is text, not CSV quoting
        "Berlin ist die Hauptstadt Deutschlands.",
        "Der Rhein fließt durch Basel, Straßburg und Köln.",
    ]
    assert all(type(s) is str for s in sentences)


def test_mlm_corpus_reader_concatenates_files_in_the_order_given(raw_root):
    spec = get_task("mlm_corpus")
    lines = READERS[spec.reader](spec, "train", "multi", [raw_root / ENG, raw_root / DEU])
    assert lines[:2] == ["Paris is the capital of France.", "The Nile is a river in Africa."]
    assert lines[2:] == read_leipzig_sentences(raw_root / DEU)
