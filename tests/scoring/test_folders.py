

def test_dev_split_averages_over_the_languages_that_have_a_dev_set(tmp_path):
    # UD-POS publishes no dev set for kk, tl, th, yo; XTREME only defines test scoring.
    from xstilts.scoring.folders import score_folders
    from xstilts.scoring.languages import TASK_LANGUAGES

    pred, gold = tmp_path / "p", tmp_path / "g"
    langs = [lang for lang in TASK_LANGUAGES["udpos"] if lang not in ("kk", "tl", "th", "yo")]
    for root in (pred, gold):
        (root / "udpos").mkdir(parents=True)
    for i, lang in enumerate(langs):
        (gold / "udpos" / f"dev-{lang}.tsv").write_text("NOUN\nVERB\n")
        tags = "NOUN\nADJ\n" if i == 0 else "NOUN\nVERB\n"  # chunks: 1 of 2 right: F1 50
        (pred / "udpos" / f"dev-{lang}.tsv").write_text(tags)
    result = score_folders(pred, gold, split="dev")["tasks"]["udpos"]
    assert list(result["languages"]) == langs
    assert abs(result["score"] - (50.0 + 100.0 * (len(langs) - 1)) / len(langs)) < 1e-9


def test_test_split_still_requires_every_xtreme_language(tmp_path):
    import pytest

    from xstilts.scoring.errors import ScoringError
    from xstilts.scoring.folders import score_folders

    pred, gold = tmp_path / "p", tmp_path / "g"
    for root in (pred, gold):
        (root / "udpos").mkdir(parents=True)
        (root / "udpos" / "test-en.tsv").write_text("NOUN\n")
    with pytest.raises(ScoringError, match="udpos"):
        score_folders(pred, gold, split="test")
