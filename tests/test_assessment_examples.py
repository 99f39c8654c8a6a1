"""The bundled example bids give the verdicts a procurement officer expects."""

from __future__ import annotations

import json

from assessment_bids import example, flags_of

import scrisk

SEVERITY = {"critical", "high", "medium", "low", "info"}


def rules(a, *severities):
    return {f.rule for f in a.flag_list if not severities or f.severity in severities}


def test_supermax_glove_bid_closing_december_2021_is_critical():
    a = scrisk.assess(example("glove_bid"))
    assert a.as_of.isoformat() == "2021-12-10"  # the closing date
    assert a.risk_level == "critical" and a.score >= 75
    assert {"WATCHLIST", "CT9897"} <= rules(a, "critical")


def test_same_glove_bid_in_2024_loses_the_order_but_keeps_the_ilab_listing():
    a = scrisk.assess(example("glove_bid"), as_of="2024-01-01")
    assert [f.severity for f in flags_of(a, "WATCHLIST")] == ["info"]
    (goods,) = flags_of(a, "GOODS")
    assert (
        goods.params["country"]["en"],
        goods.params["ilab_good"]["en"],
        goods.params["labour"],
    ) == (
        "Malaysia",
        "Rubber Gloves",
        "forced",
    )
    assert a.risk_level == "high"


def test_xinjiang_cotton_apparel_bid_is_critical():
    a = scrisk.assess(example("apparel_bid"))
    assert a.risk_level == "critical"
    assert {"REGION", "CT9897"} <= rules(a, "critical")


def test_clean_canadian_bid_is_low_and_passes():
    a = scrisk.assess(example("clean_bid"))
    assert a.risk_level == "low" and a.score < 25
    assert rules(a, "critical", "high", "medium") == set()
    assert {c.status for c in a.clause_list} <= {"pass", "no_indicator", "not_applicable"}


def test_gaps_bid_is_flagged_and_fails_place_of_work():
    a = scrisk.assess(example("apparel_gaps_bid"))
    assert "POW" in rules(a, "high") and "EP_CERT" not in rules(a, "high", "medium")
    status = {c.clause: c.status for c in a.clause_list}
    # place of work is a condition of award (PN-132): review at the bid stage
    assert (status["A3006T"], status["POW"]) == ("pass", "review")
    assert a.risk_level == "high"
    after = scrisk.assess(example("apparel_gaps_bid"), stage="contract", as_of="2024-01-10")
    assert {c.clause: c.status for c in after.clause_list}["POW"] == "fail"


def test_every_party_appears_and_json_is_byte_identical():
    for name in ("glove_bid", "apparel_bid", "clean_bid", "apparel_gaps_bid"):
        decl = scrisk.load_declaration(example(name))
        first = scrisk.assess(example(name))
        second = scrisk.assess(example(name))
        doc = first.to_dict()
        assert sorted(p["id"] for p in doc["parties"]) == sorted(p.id for p in decl.parties)
        assert first.to_json() == second.to_json()
        assert first.to_json("fr") == second.to_json("fr")
        assert first.to_json().endswith("}\n")
        assert json.loads(first.to_json()) == doc
        for f in doc["flags"]:
            assert f["severity"] in SEVERITY and f["message"] and f["title"]
            assert not f["message"].startswith("rule.") and "{" not in f["message"]
            assert f["evidence"], f  # every flag cites a dataset record or a declared field
            assert all(e["source"] and e["edition"] and e["record"] for e in f["evidence"])
            if f["party"]:
                assert f["path"][0] == f["party"] and f["path"][-1] == doc["bidder"]["id"]


def test_glove_bid_reads_the_same_from_the_workbook():
    from pathlib import Path

    xlsx = Path(example("glove_bid")).with_suffix(".xlsx")
    a, b = scrisk.assess(xlsx), scrisk.assess(example("glove_bid"))
    assert a.to_json() == b.to_json()
