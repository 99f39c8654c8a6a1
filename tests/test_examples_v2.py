"""The examples added for rules v2: what each shows, in both languages, in both forms."""

from __future__ import annotations

import pytest
from assessment_bids import example

import scrisk
from scrisk.readers import load_declaration

NEW = ["gown_bidder_cert_bid", "gown_covers_gap_bid", "prison_labour_bid"]


def matrix(a) -> dict[str, str]:
    return {c.clause: c.status for c in a.clause_list}


@pytest.mark.parametrize("name", NEW)
def test_json_and_committed_workbook_are_the_same_bid(name):
    decl = load_declaration(example(name))
    assert load_declaration(example(name).with_suffix(".xlsx")) == decl
    assert all(p.country_code for p in decl.parties)


def test_bidder_certification_alone_covers_its_first_tier_makers():
    a = scrisk.assess(example("gown_bidder_cert_bid"))
    assert [c.party for c in a.declaration.certifications] == ["B"]
    assert matrix(a) == {
        "A3006T": "pass",
        "POW": "pass",
        "PN150": "not_applicable",
        "CT9897": "not_applicable",
        "CODE": "no_indicator",
        "S211": "pass",
    }
    assert a.risk_level == "low"
    pn150 = next(c for c in a.to_dict("fr")["clauses"] if c["clause"] == "PN150")
    assert "offre à commandes" in pn150["note"] and "clauses.PN150.standing_offer" in pn150["note"]


def test_covers_leaving_a_maker_out_review_then_fail():
    bid_stage = scrisk.assess(example("gown_covers_gap_bid"))
    assert matrix(bid_stage)["A3006T"] == "review"
    assert [(f.rule, f.party) for f in bid_stage.flag_list] == [("EP_CERT", "M2")]
    contract = scrisk.assess(example("gown_covers_gap_bid"), stage="contract", as_of="2025-09-01")
    assert matrix(contract)["A3006T"] == "fail" and contract.to_dict()["stage"] == "contract"


def test_prison_labour_order_before_2020_is_high_risk_under_the_tariff_item():
    a = scrisk.assess(example("prison_labour_bid"))
    assert str(a.as_of) == "2019-06-03" and a.risk_level == "critical"
    (flag,) = [f for f in a.flag_list if f.rule == "CT9897"]
    assert (flag.severity, flag.params["labour_type"]) == ("critical", "prison")
    assert matrix(a)["CT9897"] == "high_risk"
    # the PPE clauses and PN-150 came later: not applicable on the closing date
    assert {matrix(a)[c] for c in ("A3006T", "POW", "PN150", "CODE", "S211")} == {"not_applicable"}
