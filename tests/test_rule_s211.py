"""S211: the Supply Chains Act report of the bidder (and of makers that report)."""

from __future__ import annotations

from datetime import date

import pytest
from assessment_bids import bid, flags_of, party

import scrisk
from scrisk.assessment.rules.s211 import latest_year_due


def s211_status(a) -> str:
    return next(c.status for c in a.clause_list if c.clause == "S211")


@pytest.mark.parametrize(
    "as_of,due",
    [("2024-05-31", 2023), ("2025-05-30", 2023), ("2025-05-31", 2024), ("2026-12-01", 2025)],
)
def test_latest_financial_year_due(as_of, due):
    assert latest_year_due(date.fromisoformat(as_of)) == due


def test_not_applicable_before_the_first_reports_were_due():
    doc = bid(closing_date="2024-05-30")
    a = scrisk.assess(doc)
    assert flags_of(a, "S211") == [] and s211_status(a) == "not_applicable"
    note = next(c for c in a.to_dict()["clauses"] if c["clause"] == "S211")["note"]
    assert "2024-05-31" in note


def test_bidder_silent_about_reporting_is_info_and_review():
    a = scrisk.assess(bid(closing_date="2024-05-31"))
    (flag,) = flags_of(a, "S211")
    assert (flag.severity, flag.party, flag.message_key) == ("info", "B", "rule.S211.not_said")
    assert s211_status(a) == "review"
    assert flag.evidence[0].jurisdiction == "CA"


def test_reporting_entity_without_a_report_is_low():
    doc = bid(closing_date="2025-06-30")
    party(doc, "B")["s211"] = {"reporting_entity": True}
    (flag,) = flags_of(scrisk.assess(doc), "S211")
    assert (flag.severity, flag.message_key) == ("low", "rule.S211.no_report")
    assert flag.params["due"] == 2024


def test_a_report_for_an_older_year_is_low_and_the_latest_passes():
    doc = bid(closing_date="2025-06-30")
    party(doc, "B")["s211"] = {"reporting_entity": True, "year": 2023, "filed_on": "2024-05-20"}
    (flag,) = flags_of(scrisk.assess(doc), "S211")
    assert (flag.severity, flag.message_key) == ("low", "rule.S211.old_report")
    party(doc, "B")["s211"] = {"reporting_entity": True, "year": 2024, "filed_on": "2025-05-28"}
    a = scrisk.assess(doc)
    assert flags_of(a, "S211") == [] and s211_status(a) == "pass"


def test_a_report_filed_after_the_as_of_date_does_not_count():
    doc = bid(closing_date="2025-06-30")
    party(doc, "B")["s211"] = {"reporting_entity": True, "year": 2024, "filed_on": "2025-07-15"}
    (flag,) = flags_of(scrisk.assess(doc), "S211")
    assert flag.message_key == "rule.S211.filed_later"
    assert flags_of(scrisk.assess(doc, as_of="2025-08-01"), "S211") == []


def test_not_a_reporting_entity_raises_nothing():
    doc = bid(closing_date="2025-06-30")
    party(doc, "B")["s211"] = {"reporting_entity": False}
    a = scrisk.assess(doc)
    assert flags_of(a, "S211") == [] and s211_status(a) == "pass"


def test_makers_are_checked_only_when_they_declare_they_report():
    doc = bid(closing_date="2025-06-30")
    party(doc, "B")["s211"] = {"reporting_entity": False}
    party(doc, "M1")["s211"] = {"reporting_entity": True, "year": 2022}
    (flag,) = flags_of(scrisk.assess(doc), "S211")
    assert (flag.party, flag.severity) == ("M1", "low")
    party(doc, "M1")["s211"] = {"year": 2022}  # does not say it reports: not asked
    assert flags_of(scrisk.assess(doc), "S211") == []


def test_french_message_names_the_act():
    a = scrisk.assess(bid(closing_date="2024-06-30"))
    fr = next(f for f in a.to_dict("fr")["flags"] if f["rule"] == "S211")["message"]
    assert (
        "Loi sur la lutte contre le travail forcé et le travail des enfants dans les "
        "chaînes d'approvisionnement"
        in fr
        and "2023" in fr
    )
