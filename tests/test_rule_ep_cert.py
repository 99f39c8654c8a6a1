"""EP_CERT: A3006T certification of the bidder and its first-tier subcontractors."""

from __future__ import annotations

import pytest
from assessment_bids import ALL_RIGHTS, bid, example, flags_of

import scrisk


def test_first_tier_subcontractor_without_certification():
    a = scrisk.assess(example("apparel_gaps_bid"))
    (flag,) = flags_of(a, "EP_CERT")
    assert (flag.severity, flag.party, flag.message_key) == ("high", "S1", "rule.EP_CERT.missing")


def test_clean_bid_has_no_flag():
    assert flags_of(scrisk.assess(bid()), "EP_CERT") == []


def test_missing_right_names_it():
    doc = bid()
    doc["certifications"][1]["rights"] = [r for r in ALL_RIGHTS if r != "hours_of_work"]
    a = scrisk.assess(doc)
    (flag,) = flags_of(a, "EP_CERT")
    assert (flag.party, flag.message_key) == ("M1", "rule.EP_CERT.incomplete")
    fr = next(f for f in a.to_dict("fr")["flags"] if f["rule"] == "EP_CERT")
    assert "heures de travail" in fr["message"]
    en = next(f for f in a.to_dict("en")["flags"] if f["rule"] == "EP_CERT")
    assert "hours of work" in en["message"] and "hours_of_work" not in en["message"]


def test_rights_required_come_from_the_policy():
    doc = bid()
    doc["certifications"][1]["rights"] = [r for r in ALL_RIGHTS if r != "hours_of_work"]
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
