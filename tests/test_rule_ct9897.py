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
    # Bangladeshi garments: forced labour first listed in the 2022 edition (2022-09-28)
    flags = flags_of(scrisk.assess(doc, as_of="2022-10-01"), "CT9897")
    assert [(f.good, f.severity) for f in flags] == [("G2", "high")]
    assert flags_of(scrisk.assess(doc), "CT9897") == []  # closes 2022-06-30: not yet listed


def test_child_labour_only_counts_from_2024():
    doc = bid(closing_date="2023-06-30")
    party(doc, "M1").update(country="TR", name="Anadolu Konfeksiyon A.S.")
    assert flags_of(scrisk.assess(doc), "CT9897") == []
    (flag,) = flags_of(scrisk.assess(doc, as_of="2024-01-01"), "CT9897")
    assert flag.severity == "high"


def ct9897(a) -> str:
    return next(c.status for c in a.clause_list if c.clause == "CT9897")


def test_forced_labour_evidence_counts_from_july_2020_only():
    # before 2020-07-01 the item covered prison labour only: a forced-labour region
    # indicator raises no CT9897 flag, but the chain abroad is still checked
    a = scrisk.assess(example("apparel_bid"), as_of="2020-06-30")
    assert flags_of(a, "CT9897") == []
    assert ct9897(a) != "not_applicable"
    (flag,) = flags_of(scrisk.assess(example("apparel_bid"), as_of="2020-07-01"), "CT9897")
    assert flag.params["labour_type"] == "forced"


# The earliest CBP order in the shipped list naming convict labour: Tangshan Sanyou
# Group and its subsidiaries, WRO of 2016-03-29 ("use of convict labor").
SANYOU = "CBP-tangshan-sanyou-group-and-its-subsidiaries-wro"


def prison_ppe_bid() -> dict:
    """A PPE bid closing in 2019 whose maker is on a CBP order about convict labour."""
    doc = bid(
        category="ppe",
        closing_date="2019-06-03",
        goods=[
            {
                "id": "G1",
                "description": "Disposable isolation gowns, viscose nonwoven",
                "hs_code": "6210.10",
                "quantity": 100000,
                "unit": "pieces",
            }
        ],
    )
    party(doc, "M1").update(
        name="Tangshan Sanyou Group Co., Ltd.",
        address="1 Nanbao Road",
        city="Tangshan",
        region="Hebei",
        country="CN",
    )
    return doc


def test_ppe_bid_of_2019_with_a_maker_under_a_prison_labour_order_is_high_risk():
    from scrisk.reference import get_reference

    entry = get_reference().list_entry(SANYOU)
    assert entry.issued.isoformat() == "2016-03-29" and "convict" in entry.notes.casefold()
    a = scrisk.assess(prison_ppe_bid())
    (flag,) = flags_of(a, "CT9897")
    assert (flag.severity, flag.good, flag.params["labour_type"]) == ("critical", "G1", "prison")
    assert SANYOU in {e.record for e in flag.evidence}
    assert ct9897(a) == "high_risk"
    doc = a.to_dict()
    (row,) = [f for f in doc["flags"] if f["rule"] == "CT9897"]
    assert row["labour_type"] == "prison" and "prison labour" in row["message"]
    assert "US enforcement list" in row["message"]
    fr = next(f for f in a.to_dict("fr")["flags"] if f["rule"] == "CT9897")["message"]
    assert "travail pénitentiaire" in fr and "américaine" in fr
    assert "numéro tarifaire 9897.00.00" in fr


def test_labour_types_from_the_entry_or_its_own_text():
    from scrisk.assessment.rules.ct9897 import labour_types
    from scrisk.reference import get_reference

    ref = get_reference()
    assert labour_types(ref.list_entry(SANYOU)) == ("prison",)
    # "prison labor plus other forced-labor indicators": both
    meixin = ref.list_entry("CBP-lop-county-meixin-hair-product-co-ltd-wro")
    assert labour_types(meixin) == ("prison", "forced")
    supermax = next(e for e in ref.list_entries() if "supermax" in e.entity.casefold())
    assert labour_types(supermax) == ("forced",)
    # an entry whose data names its labour types is taken at its word
    from dataclasses import replace

    assert labour_types(replace(supermax, labour_types=("forced", "child"))) == ("forced", "child")


def test_one_flag_per_good_and_labour_type():
    # the Supermax order and the ILAB listing of Malaysian gloves are both forced
    # labour: one flag for the good, with both records behind it
    a = scrisk.assess(example("glove_bid"))
    (flag,) = flags_of(a, "CT9897")
    assert flag.params["labour_type"] == "forced"
    assert {e.detail["rule"] for e in flag.evidence} == {"WATCHLIST", "GOODS"}
    # a child-labour listing adds a second flag for the same good once the item covers it
    doc = bid(closing_date="2024-06-30")
    party(doc, "F1").update(country="KZ", name="Shymkent Cotton LLP", materials=["cotton"])
    kinds = sorted(f.params["labour_type"] for f in flags_of(scrisk.assess(doc), "CT9897"))
    assert kinds == ["child", "forced"]


def test_a_chain_wholly_in_canada_is_not_applicable():
    a = scrisk.assess(bid())
    assert all(a.graph.nodes[p]["country"] == "CA" for p in a.graph.nodes)
    assert flags_of(a, "CT9897") == [] and ct9897(a) == "not_applicable"
    # the same chain with its fabric mill abroad is checked
    moved = bid()
    party(moved, "F1").update(country="US", name="Carolina Mills Inc.")
    assert ct9897(scrisk.assess(moved)) == "no_indicator"


def test_parties_in_canada_are_excluded():
    # a Canadian maker matching a listed name raises WATCHLIST, not CT9897 (no import)
    doc = prison_ppe_bid()
    party(doc, "M1")["country"] = "CA"
    a = scrisk.assess(doc)
    assert [f.severity for f in flags_of(a, "WATCHLIST")] == ["critical"]
    assert flags_of(a, "CT9897") == []


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
