"""GOODS: ILAB good x country listings for the goods and materials a party handles."""

from __future__ import annotations

from assessment_bids import add_party, bid, example, flags_of, party

import scrisk


def test_malaysian_rubber_gloves_are_listed_for_forced_labour():
    a = scrisk.assess(example("glove_bid"))
    (flag,) = flags_of(a, "GOODS")
    assert (flag.severity, flag.party, flag.good) == ("high", "M1", "G1")
    assert flag.params["ilab_good"] == {"en": "Rubber Gloves", "fr": "Gants en caoutchouc"}
    assert flag.evidence[0].record == "ILAB-2022:MY:rubber-gloves"
    # the glove bid closes 2021-12-10: the edition in force then is 2020's (v3)
    assert flag.evidence[0].edition == "2020"
    later = flags_of(scrisk.assess(example("glove_bid"), as_of="2022-10-01"), "GOODS")
    assert later[0].evidence[0].edition == "2022"


def test_listing_stays_after_the_order_is_lifted():
    a = scrisk.assess(example("glove_bid"), as_of="2024-01-01")
    (flag,) = flags_of(a, "GOODS")
    assert flag.severity == "high" and flag.params["labour"] == "forced"


def test_declared_cotton_from_china_is_flagged_through_its_material():
    doc = add_party(
        bid(),
        id="C9",
        role="material_supplier",
        name="Huaxia Cotton Trading Co.",
        address="8 Zhongshan Road",
        city="Jinan",
        region="Shandong",
        country="China",
        supplies_to=["F1"],
        materials=["cotton"],
    )
    a = scrisk.assess(doc)
    goods = [f for f in flags_of(a, "GOODS") if f.party == "C9"]
    assert [f.params["ilab_good"]["en"] for f in goods] == ["Cotton"]
    assert goods[0].severity == "high" and goods[0].good is None
    assert goods[0].path == ("C9", "F1", "M1", "B")


def test_child_labour_only_listing_is_medium():
    doc = bid()
    party(doc, "M1").update(
        country="Türkiye",
        name="Anadolu Konfeksiyon A.S.",
        address="Organize Sanayi 5",
        city="Denizli",
        region="Denizli",
    )
    a = scrisk.assess(doc)
    (flag,) = [f for f in flags_of(a, "GOODS") if f.party == "M1"]
    assert (flag.severity, flag.params["labour"], flag.params["ilab_good"]["en"]) == (
        "medium",
        "child",
        "Garments",
    )


def test_nothing_listed_for_canada():
    assert flags_of(scrisk.assess(bid()), "GOODS") == []
