"""AUDIT: failed audits and ILO forced-labour indicators."""

from __future__ import annotations

import pytest
from assessment_bids import bid, flags_of

import scrisk


@pytest.mark.parametrize(
    "result,indicators,key",
    [
        ("fail", [], "rule.AUDIT.fail"),
        ("pass", ["excessive_overtime"], "rule.AUDIT.indicators"),
        ("conditional", ["debt_bondage", "withholding_of_wages"], "rule.AUDIT.indicators"),
    ],
)
def test_failed_audit_or_indicator_is_high(result, indicators, key):
    doc = bid()
    doc["audits"] = [
        {
            "party": "F1",
            "scheme": "SMETA",
            "date": "2022-01-10",
            "result": result,
            "indicators": indicators,
        }
    ]
    (flag,) = flags_of(scrisk.assess(doc), "AUDIT")
    assert (flag.severity, flag.party, flag.message_key) == ("high", "F1", key)
    assert flag.path == ("F1", "M1", "B")


def test_clean_audit_raises_nothing():
    doc = bid()
    doc["audits"] = [
        {"party": "M1", "scheme": "WRAP", "date": "2022-01-10", "result": "pass", "indicators": []}
    ]
    assert flags_of(scrisk.assess(doc), "AUDIT") == []


def test_audit_after_the_as_of_date_is_ignored():
    doc = bid()
    doc["audits"] = [
        {"party": "M1", "scheme": "WRAP", "date": "2022-09-10", "result": "fail", "indicators": []}
    ]
    assert flags_of(scrisk.assess(doc), "AUDIT") == []
    assert len(flags_of(scrisk.assess(doc, as_of="2022-10-01"), "AUDIT")) == 1
