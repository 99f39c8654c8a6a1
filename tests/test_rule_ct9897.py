"""CT9897: tariff item 9897.00.00 exposure of each solicitation good over its whole chain."""

from __future__ import annotations

from assessment_bids import add_party, bid, example, flags_of, party

import scrisk


def test_xinjiang_cotton_four_tiers_up_makes_the_shirts_critical():
    a = scrisk.assess(example("apparel_bid"))
    (flag,) = flags_of(a, "CT9897")
    assert (flag.severity, flag.good, flag.party) == ("critical", "G1", None)
    assert flag.path == ("C1", "Y1", "F1", "M1", "B")
    rules = {e.detail["rule"] for e in flag.evidence}
    assert {"REGION", "GOODS"} <= rules
    region = next(e for e in flag.evidence if e.detail["rule"] == "REGION")
    assert region.detail["path"] == ["C1", "Y1", "F1", "M1", "B"]


def test_listed_entity_makes_it_critical_and_listing_alone_high():
    assert [f.severity for f in flags_of(scrisk.assess(example("glove_bid")), "CT9897")] == [
        "critical"
    ]
    later = flags_of(scrisk.assess(example("glove_bid"), as_of="2024-01-01"), "CT9897")
    assert [(f.severity, f.message_key) for f in later] == [("high", "rule.CT9897.listing")]


def test_one_flag_per_affected_good_only():
    doc = bid(
        goods=[
            {"id": "G1", "description": "Work shirts", "hs_code": "6205.20"},
            {"id": "G2", "description": "Work trousers", "hs_code": "6203.42"},
        ]
    )
    doc["parties"].append(
        {
            "id": "M2",
            "role": "manufacturer",
            "name": "Dhaka Knit Ltd.",
            "address": "Road 3",
            "city": "Gazipur",
            "country": "Bangladesh",
            "supplies_to": ["B"],
            "goods": ["G2"],
        }
    )
    flags = flags_of(scrisk.assess(doc), "CT9897")
    assert [(f.good, f.severity) for f in flags] == [("G2", "high")]


def test_child_labour_only_counts_from_2024():
    doc = bid(closing_date="2023-06-30")
    party(doc, "M1").update(country="TR", name="Anadolu Konfeksiyon A.S.")
    assert flags_of(scrisk.assess(doc), "CT9897") == []
    (flag,) = flags_of(scrisk.assess(doc, as_of="2024-01-01"), "CT9897")
    assert flag.severity == "high"


def test_before_the_tariff_item_existed():
    a = scrisk.assess(example("apparel_bid"), as_of="2020-06-30")
    assert flags_of(a, "CT9897") == []
    assert next(c for c in a.clause_list if c.clause == "CT9897").status == "not_applicable"


def test_a_supplier_outside_the_chain_does_not_taint_the_good():
    # an unreachable Xinjiang party that supplies nobody in the chain
    doc = add_party(
        bid(),
        id="Z1",
        role="material_supplier",
        name="Hotan Yarn Co.",
        address="1 Road",
        city="Hotan",
        country="CN",
        materials=["cotton"],
    )
    a = scrisk.assess(doc)
    assert [f.party for f in flags_of(a, "REGION")] == ["Z1"]
    assert flags_of(a, "CT9897") == []
    assert a.risk_level == "critical"  # the bid level still considers every flag
