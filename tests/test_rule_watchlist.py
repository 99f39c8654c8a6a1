"""WATCHLIST: name matches against CBP orders / UFLPA, status as of the as-of date, decisions."""

from __future__ import annotations

import pytest
from assessment_bids import example, flags_of

import scrisk
from scrisk.assessment.rules.watchlist import severity_of
from scrisk.decisions import Decision

SUPERMAX = "CBP-supermax-corporation-bhd-and-its-wholly-owned-subsidiaries-wro"


def test_supermax_glove_maker_is_a_critical_match_while_the_order_is_in_force():
    a = scrisk.assess(example("glove_bid"))  # closes 2021-12-10; WRO issued 2021-10-21
    (flag,) = flags_of(a, "WATCHLIST")
    assert (flag.severity, flag.party, flag.path) == ("critical", "M1", ("M1", "B"))
    (ev,) = flag.evidence
    assert ev.record == SUPERMAX
    assert ev.score is not None and ev.score >= 86
    assert ev.edition and ev.source
    assert ev.detail["matched_name"] and ev.detail["features"]


@pytest.mark.parametrize(
    ("as_of", "variant"), [("2021-06-01", "not_yet"), ("2024-01-01", "inactive")]
)
def test_order_not_yet_issued_or_modified_before_as_of_is_info(as_of, variant):
    a = scrisk.assess(example("glove_bid"), as_of=as_of)
    (flag,) = flags_of(a, "WATCHLIST")
    assert flag.severity == "info"
    assert flag.message_key == f"rule.WATCHLIST.{variant}"
    assert flag.evidence[0].record == SUPERMAX


def test_severity_by_class_and_status():
    assert severity_of("strong", True) == ("critical", "strong")
    assert severity_of("possible", True) == ("medium", "possible")
    assert severity_of("strong", False)[0] == "info"
    assert severity_of("possible", None)[0] == "medium"


def test_possible_match_needs_review():
    from assessment_bids import bid, party

    doc = bid()
    party(doc, "M1").update(name="Supermax Healthcare Trading", country="MY")
    a = scrisk.assess(doc)
    (flag,) = flags_of(a, "WATCHLIST")
    assert flag.severity == "medium" and flag.message_key == "rule.WATCHLIST.possible"


def test_not_a_match_decision_drops_the_flag_and_is_recorded():
    decisions = {("M1", SUPERMAX): Decision("M1", SUPERMAX, "not_a_match", "R. Roy", "2021-12-01")}
    a = scrisk.assess(example("glove_bid"), decisions=decisions)
    assert flags_of(a, "WATCHLIST") == []
    doc = a.to_dict()
    assert doc["decisions"] == [
        {
            "party": "M1",
            "entry_id": SUPERMAX,
            "decision": "not_a_match",
            "reviewer": "R. Roy",
            "date": "2021-12-01",
            "comment": None,
        }
    ]
    # the match itself stays visible for the Review sheet
    assert [m["entry_id"] for m in doc["screening"]] == [SUPERMAX]
    # without the named entity, CT9897 rests on the ILAB listing only
    (ct,) = flags_of(a, "CT9897")
    assert ct.severity == "high"


def test_confirmed_decision_keeps_the_flag_with_reviewer():
    decisions = {
        ("M1", SUPERMAX): Decision(
            "M1", SUPERMAX, "confirmed", "R. Roy", "2021-12-01", "same company"
        )
    }
    a = scrisk.assess(example("glove_bid"), decisions=decisions)
    (flag,) = flags_of(a, "WATCHLIST")
    assert flag.severity == "critical"
    assert flag.reviewed == {
        "decision": "confirmed",
        "reviewer": "R. Roy",
        "date": "2021-12-01",
        "comment": "same company",
    }


def test_unsure_decision_keeps_the_flag_as_is():
    a = scrisk.assess(
        example("glove_bid"), decisions={("M1", SUPERMAX): Decision("M1", SUPERMAX, "unsure")}
    )
    (flag,) = flags_of(a, "WATCHLIST")
    assert flag.severity == "critical" and flag.reviewed["decision"] == "unsure"


def test_decisions_for_another_party_change_nothing():
    a = scrisk.assess(
        example("glove_bid"), decisions={("R1", SUPERMAX): Decision("R1", SUPERMAX, "not_a_match")}
    )
    assert [f.severity for f in flags_of(a, "WATCHLIST")] == ["critical"]
    assert a.to_dict()["decisions"] == []
