"""EP_CERT: A3006T certification of the bidder and its first-tier subcontractors."""

from __future__ import annotations

import pytest
from assessment_bids import ALL_RIGHTS, add_party, bid, example, flags_of

import scrisk


def a3006t(a) -> str:
    return next(c.status for c in a.clause_list if c.clause == "A3006T")


def bidder_only() -> dict:
    """The bidder certifies all eight rights; two tier-1 makers sign nothing."""
    doc = add_party(
        bid(),
        id="M2",
        role="manufacturer",
        name="Beauce Couture Inc.",
        address="9 Rue Principale",
        city="Saint-Georges",
        region="Québec",
        country="CA",
        supplies_to=["B"],
        goods=["G1"],
    )
    doc["certifications"] = [c for c in doc["certifications"] if c["party"] == "B"]
    return doc


def test_bidder_certifies_for_itself_and_its_first_tier_subcontractors():
    a = scrisk.assess(bidder_only())
    assert sorted(a.graph.nodes[p]["tier"] for p in ("M1", "M2")) == [1, 1]
    assert flags_of(a, "EP_CERT") == [] and a3006t(a) == "pass"


def test_covers_leaving_a_tier1_maker_out_is_review_at_bid_and_fail_at_contract():
    doc = bidder_only()
    doc["certifications"][0]["covers"] = ["B", "M1"]
    bid_stage = scrisk.assess(doc)
    (flag,) = flags_of(bid_stage, "EP_CERT")
    assert (flag.severity, flag.party, flag.message_key) == (
        "high",
        "M2",
        "rule.EP_CERT.not_covered",
    )
    assert a3006t(bid_stage) == "review"
    note = next(c for c in bid_stage.to_dict()["clauses"] if c["clause"] == "A3006T")["note"]
    assert "before award" in note
    contract = scrisk.assess(doc, stage="contract", as_of="2023-01-15")
    assert a3006t(contract) == "fail"
    fr = next(c for c in contract.to_dict("fr")["clauses"] if c["clause"] == "A3006T")
    assert fr["status"] == "fail" and "autorité contractante" in fr["note"]


def test_a_tier1_partys_own_certification_covers_it():
    doc = bidder_only()
    doc["certifications"][0]["covers"] = ["B", "M1"]
    doc["certifications"].append(
        {
            "party": "M2",
            "type": "ethical_procurement",
            "signed_on": "2022-06-01",
            "rights": ALL_RIGHTS,
        }
    )
    assert flags_of(scrisk.assess(doc), "EP_CERT") == []


def test_no_bidder_certification_flags_the_bidder_and_uncovered_tier1_parties():
    doc = bidder_only()
    doc["certifications"] = []
    flags = flags_of(scrisk.assess(doc), "EP_CERT")
    assert [(f.party, f.message_key.rsplit(".", 1)[1]) for f in flags] == [
        ("B", "missing"),
        ("M1", "tier1_missing"),
        ("M2", "tier1_missing"),
    ]


def test_gaps_bid_first_tier_subcontractor_is_covered_by_the_bidder():
    a = scrisk.assess(example("apparel_gaps_bid"))
    assert flags_of(a, "EP_CERT") == [] and a3006t(a) == "pass"


def test_clean_bid_has_no_flag():
    assert flags_of(scrisk.assess(bid()), "EP_CERT") == []


def test_missing_right_names_it():
    doc = bid()
    doc["certifications"][0]["rights"] = [r for r in ALL_RIGHTS if r != "hours_of_work"]
    a = scrisk.assess(doc)
    (flag,) = flags_of(a, "EP_CERT")  # M1 is covered by its own certification
    assert (flag.party, flag.message_key) == ("B", "rule.EP_CERT.incomplete")
    fr = next(f for f in a.to_dict("fr")["flags"] if f["rule"] == "EP_CERT")
    assert "heures de travail" in fr["message"]
    en = next(f for f in a.to_dict("en")["flags"] if f["rule"] == "EP_CERT")
    assert "hours of work" in en["message"] and "hours_of_work" not in en["message"]


def test_rights_required_come_from_the_policy():
    doc = bid()
    doc["certifications"][0]["rights"] = [r for r in ALL_RIGHTS if r != "hours_of_work"]
    policy = {"rights": {"A3006T": [r for r in ALL_RIGHTS if r != "hours_of_work"]}}
    assert flags_of(scrisk.assess(doc, policy=policy), "EP_CERT") == []


def test_signed_after_the_closing_date_does_not_count():
    doc = bid()
    doc["certifications"][0]["signed_on"] = "2022-07-02"
    (flag,) = flags_of(scrisk.assess(doc), "EP_CERT")
    assert (flag.party, flag.message_key) == ("B", "rule.EP_CERT.late")
    # assessed later, the same certification counts
    assert flags_of(scrisk.assess(doc, as_of="2022-08-01"), "EP_CERT") == []


def test_undated_certification_counts_with_a_note():
    doc = bid()
    del doc["certifications"][0]["signed_on"]
    a = scrisk.assess(doc)
    (flag,) = flags_of(a, "EP_CERT")
    assert (flag.severity, flag.party) == ("info", "B")
    a3006t = next(c for c in a.to_dict()["clauses"] if c["clause"] == "A3006T")
    assert a3006t["status"] == "pass" and "B" in a3006t["note"]


@pytest.mark.parametrize(
    "category,closing", [("other", "2022-06-30"), ("apparel", "2018-08-31"), ("ppe", "2020-06-30")]
)
def test_not_required_outside_apparel_and_ppe_or_before_the_clause(category, closing):
    doc = bid(category=category, closing_date=closing)
    doc["certifications"] = []
    assert flags_of(scrisk.assess(doc), "EP_CERT") == []


def test_ppe_requires_it_from_july_2020():
    doc = bid(category="ppe", closing_date="2020-07-01")
    doc["certifications"] = []
    assert {f.party for f in flags_of(scrisk.assess(doc), "EP_CERT")} == {"B", "M1"}


def test_second_tier_parties_need_no_certification():
    a = scrisk.assess(bid())
    assert a.graph.nodes["F1"]["tier"] == 2 and flags_of(a, "EP_CERT") == []
