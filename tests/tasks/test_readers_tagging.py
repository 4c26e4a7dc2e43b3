"""Tagging readers: UD-POS with XTREME's conversion, PAN-X, CCGbank supertags."""

from __future__ import annotations

from xstilts.tasks import label_set, read_examples


def test_udpos_multiword_token_takes_head_upos(raw_root):
    """`zum` = zu (ADP) + dem (DET), both attached to Bahnhof: a tie at equal depth, broken by
    the precedence list (ADP before DET); `don't` = do (AUX) + n't (PART) -> AUX."""
    de = read_examples("udpos", "test", "de", raw_root)[0]
    assert de.tokens == ("Ich", "gehe", "zum", "Bahnhof", ".")
    assert de.tags == ("PRON", "VERB", "ADP", "NOUN", "PUNCT")
    en = read_examples("udpos", "train", "en", raw_root)
    dont = next(ex for ex in en if "don't" in ex.tokens)
    assert dont.tokens == ("I", "don't", "know", ".")
    assert dont.tags == ("PRON", "AUX", "VERB", "PUNCT")


def test_udpos_multiword_head_is_the_subword_closest_to_the_root():
    from xstilts.tasks.readers.udpos import _Sentence, _Word, convert

    # "del" = de (ADP, depth 2) + el (DET, depth 1): the shallower DET wins despite precedence.
    words = {1: _Word("vino", "VERB", 0), 2: _Word("de", "ADP", 3), 3: _Word("el", "DET", 1)}
    forms, tags = convert(_Sentence(words, [(2, 3, "del")], 1), "es")
    assert forms == ["vino", "del"] and tags == ["VERB", "DET"]


def test_udpos_drops_empty_nodes(raw_root):
    dev = read_examples("udpos", "dev", "en", raw_root)
    assert dev[0].tokens == ("Sue", "likes", "tea")


def test_udpos_drops_withheld_text_sentences(raw_root):
    """en_esl's forms are all `_` (text withheld): its sentence is dropped, EWT's kept."""
    test = read_examples("udpos", "test", "en", raw_root)
    assert [ex.tokens for ex in test] == [("Yes",)]


def test_udpos_withheld_text_rule_boundary():
    from xstilts.tasks.readers.udpos import withholds_text

    assert withholds_text(["_", "_", "."]) and withholds_text(["_"])
    assert not withholds_text(["_", "a", "b"]) and not withholds_text(["a", "b"])


def test_udpos_removes_zwnj_and_spaces_inside_tokens(raw_root):
    assert read_examples("udpos", "test", "vi", raw_root)[0].tokens == ("sinhviên", "học")
    assert read_examples("udpos", "test", "fa", raw_root)[0].tokens[0] == "میروم"


def test_udpos_concatenates_treebanks_in_sorted_file_name_order(raw_root):
    train = read_examples("udpos", "train", "en", raw_root)
    # en_ewt-ud-train.conllu sorts before en_gum-ud-train.conllu
    assert [ex.tokens[0] for ex in train] == ["I", "Go", "Birds"]


def test_panx_token_after_first_colon(raw_root):
    train = read_examples("panx", "train", "en", raw_root)
    assert train[0].tokens == ("Bruce", "Springsteen", "plays", "in", "New", "Jersey")
    assert train[0].tags == ("B-PER", "I-PER", "O", "O", "B-LOC", "I-LOC")
    assert train[1].tokens == ("http://example.org", ":", "Apple")


def test_panx_drops_lines_without_colon(tmp_path):
    from xstilts.tasks.readers.panx import read_panx_file

    path = tmp_path / "train"
    path.write_text("en:Paris\tB-LOC\nnocolon\tO\nen:is\tO\n\n", encoding="utf-8")
    [sentence] = read_panx_file(path, "en", "train", ("O", "B-LOC"))
    assert sentence.tokens == ("Paris", "is")


def test_ccg_reads_supertags_from_auto_leaves(raw_root):
    dev = read_examples("ccg", "dev", "en", raw_root)
    assert dev[0].id == "ccg-wsj_0001.1"
    assert dev[0].tokens == ("Pierre", "Vinken", "will", "join")
    assert dev[0].tags == ("N/N", "N", "(S[dcl]\\NP)/(S[b]\\NP)", "S[b]\\NP")
    assert len(read_examples("ccg", "train", "en", raw_root)) == 2
    assert read_examples("ccg", "test", "en", raw_root)[0].tokens == ("It", "rained")


def test_ccg_label_set_is_built_from_training_supertags(raw_root):
    assert label_set("ccg", raw_root) == ("(S[dcl]\\NP)/NP", ".", "N", "S[dcl]\\NP")
    assert label_set("panx", raw_root)[0] == "O"
