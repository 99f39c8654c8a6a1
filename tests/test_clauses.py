"""The clause matrix: pass / fail / review / not_applicable on the as-of date."""

from __future__ import annotations

import pytest
from assessment_bids import bid, example, party

import scrisk
from scrisk.assessment.clauses import CLAUSES


def matrix(a) -> dict[str, str]:
    return {c.clause: c.status for c in a.clause_list}


def test_clean_bid_passes_every_applicable_clause():
    a = scrisk.assess(example("clean_bid"))
    assert matrix(a) == {
        "A3006T": "pass",
        "POW": "pass",
        "PN150": "pass",
        "CT9897": "pass",
        "CODE": "not_applicable",
    }


def test_code_of_conduct_applies_from_april_2023():
    assert matrix(scrisk.assess(bid(closing_date="2023-03-31")))["CODE"] == "not_applicable"
    assert matrix(scrisk.assess(bid(closing_date="2023-04-01")))["CODE"] == "pass"


@pytest.mark.parametrize(
    "closing,status", [("2021-11-03", "not_applicable"), ("2021-11-04", "pass")]
)
def test_pn150_date(closing, status):
    assert matrix(scrisk.assess(bid(closing_date=closing)))["PN150"] == status


def test_other_category_has_no_certification_or_place_of_work_clause():
    a = scrisk.assess(bid(category="other"))
    assert matrix(a)["A3006T"] == "not_applicable" and matrix(a)["POW"] == "not_applicable"
    note = next(c for c in a.to_dict()["clauses"] if c["clause"] == "POW")["note"]
    assert "other" in note


def test_gaps_bid_fails_certification_and_place_of_work_with_the_flags_behind():
    a = scrisk.assess(example("apparel_gaps_bid"))
    doc = {c["clause"]: c for c in a.to_dict()["clauses"]}
    assert doc["A3006T"]["status"] == "fail" and doc["A3006T"]["flags"] == ["EP_CERT:S1:"]
    assert doc["POW"]["status"] == "fail" and doc["POW"]["flags"] == ["POW:S1:"]
    # a chain gap means the chain could not be checked: review, not pass
    assert doc["CT9897"]["status"] == "review"


def test_forced_labour_evidence_fails_ct9897_and_pn150():
    a = scrisk.assess(example("glove_bid"))
    assert (matrix(a)["CT9897"], matrix(a)["PN150"]) == ("fail", "fail")


def test_listing_only_is_review_and_code_reviews_labour_risk():
    a = scrisk.assess(example("glove_bid"), as_of="2024-01-01")
    assert matrix(a) == {
        "A3006T": "pass",
        "POW": "pass",
        "PN150": "review",
        "CT9897": "review",
        "CODE": "review",
    }


def test_failed_audit_fails_the_code_of_conduct():
    doc = bid(closing_date="2023-06-30")
    doc["audits"] = [
        {"party": "F1", "scheme": "SMETA", "date": "2023-01-10", "result": "fail", "indicators": []}
    ]
    a = scrisk.assess(doc)
    assert matrix(a)["CODE"] == "fail" and matrix(a)["PN150"] == "review"


def test_every_clause_has_a_title_and_note_in_both_languages():
    for lang in ("en", "fr"):
        doc = scrisk.assess(example("apparel_gaps_bid")).to_dict(lang)
        assert [c["clause"] for c in doc["clauses"]] == list(CLAUSES)
        assert all(c["title"] and c["note"] and "{" not in c["note"] for c in doc["clauses"])


def test_unresolved_country_in_chain_fails_place_of_work():
    doc = bid()
    party(doc, "M1")["country"] = "Freedonia"
    assert matrix(scrisk.assess(doc))["POW"] == "fail"
