"""COUNTRY and DATA_GAP: country profiles; unknown risk is never low."""

from __future__ import annotations

from assessment_bids import bid, example, flags_of, party

import scrisk
from scrisk.reference import get_reference


def test_high_risk_malaysia_is_medium_for_every_malaysian_party():
    a = scrisk.assess(example("glove_bid"))
    flags = flags_of(a, "COUNTRY")
    assert {(f.party, f.severity) for f in flags} == {("M1", "medium"), ("R1", "medium")}
    assert flags[0].evidence[0].record == "country:MY"


def test_low_risk_canada_raises_nothing():
    a = scrisk.assess(bid())
    assert flags_of(a, "COUNTRY") == [] and flags_of(a, "DATA_GAP") == []


def test_severity_mapping_comes_from_the_policy():
    policy = {"rules": {"country_severity": {"high": "high", "medium": "low", "low": ""}}}
    a = scrisk.assess(example("glove_bid"), policy=policy)
    assert {f.severity for f in flags_of(a, "COUNTRY")} == {"high"}


def test_unknown_profile_is_a_data_gap_and_the_bid_is_not_low():
    unknown = next(p for p in get_reference().countries() if p.risk_level == "unknown")
    doc = bid()
    party(doc, "F1")["country"] = unknown.iso2
    a = scrisk.assess(doc)
    assert flags_of(a, "COUNTRY") == []
    (gap,) = flags_of(a, "DATA_GAP")
    assert (gap.severity, gap.party, gap.message_key) == (
        "info",
        "F1",
        "rule.DATA_GAP.profile_unknown",
    )
    assert a.risk_level == "medium"
    assert a.graph.nodes["F1"]["risk_level"] == "unknown"
