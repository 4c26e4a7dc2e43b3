"""claims.yaml holds every claim and reference number of PAPER.md, each checkable on the grid."""

import pytest

from xstilts.analysis.claims import ClaimsFileError, load_claims, parse_claims, parse_computation
from xstilts.analysis.computations import Context
from xstilts.analysis.verdict import check_claim


def test_a_computation_is_written_as_a_call_with_words_numbers_and_lists():
    c = parse_computation("min_mean_gain(targets=[bucc2018, tatoeba], k=3, inter=mnli+mlm)")
    assert c.name == "min_mean_gain"
    assert c.kwargs() == {"targets": ["bucc2018", "tatoeba"], "k": 3, "inter": "mnli+mlm"}
    assert parse_computation("count_intermediates").kwargs() == {}


def test_every_claim_of_the_paper_is_in_the_file():
    ids = {c.id for c in load_claims().claims}
    for prefix in ("C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "v1"):
        assert any(i.startswith(prefix) for i in ids), prefix


def test_reference_numbers_keep_both_disagreeing_sources():
    claims = {c.id: c for c in load_claims().claims}
    assert claims["C5"].claimed == 5.4 and claims["C5"].split == "test"
    assert claims["ref-rembert-xnli"].claimed == 80.0
    assert claims["ref-mt5-xnli"].claimed == 80.4
    assert claims["ref-xlmr-xtreme"].claimed == 68.2
    assert {c.status for c in claims.values()} == {"verified", "secondary", "unverified"}


def test_every_claim_names_a_known_computation_with_valid_arguments():
    # On an empty grid each claim must be "not run" for want of cells, never crash on its
    # arguments or name an unknown computation.
    for claim in load_claims().claims:
        result = check_claim(claim, Context({}))
        assert result.verdict == "not run", claim.id
        assert not result.reason.startswith("unknown computation"), claim.id


def test_a_claim_with_an_unknown_status_is_rejected_naming_it():
    entry = {"id": "Z", "claim": "z", "claimed": 1, "compute": "count_intermediates",
             "compare": "equals", "source": "s", "status": "probably"}
    with pytest.raises(ClaimsFileError, match=r"entry 0 \(Z\): status='probably'"):
        parse_claims([entry])
