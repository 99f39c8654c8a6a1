"""Rules v3: dated measures, order scope, evidence quality, stale data (rules.md v3).

Each case is a small bid of our own, assessed at several dates, at both stages,
with the messages read in English and French.
"""

from __future__ import annotations

import pytest
from assessment_bids import bid, example, flags_of, party

import scrisk


def one(a, rule: str):
    (f,) = flags_of(a, rule)
    return f


def message(a, rule: str, lang: str = "en") -> str:
    (text,) = [f["message"] for f in a.to_dict(lang)["flags"] if f["rule"] == rule]
    return text


def clauses(a) -> dict[str, str]:
    return {c.clause: c.status for c in a.clause_list}


# -- REGION names the measure in force on the as-of date ------------------------------------


def kashgar(material: str, closing: str = "2022-03-31") -> dict:
    """Shirts sewn in Canada from fabric woven by a mill in Kashgar, of ``material``."""
    doc = bid(closing_date=closing)
    party(doc, "F1").update(
        name="Kashgar Weaving Co.",
        address="8 Jiefang Road",
        city="Kashgar",
        region="Xinjiang",
        country="CN",
        materials=[material],
    )
    return doc


def test_a_2020_bid_in_kashgar_is_not_told_of_a_presumption_that_did_not_exist():
    a = scrisk.assess(kashgar("cotton poplin fabric", "2020-03-02"))
    f = one(a, "REGION")
    assert (f.severity, f.message_key) == ("high", "rule.REGION.documented")
    en, fr = message(a, "REGION"), message(a, "REGION", "fr")
    assert "presumed" not in en and "documented" in en and "2022-06-21" in en
    assert "présumés" not in fr and "documenté" in fr
    # before 2020-07-01 the item did not cover forced labour: no CT9897 flag from it
    assert flags_of(a, "CT9897") == []


@pytest.mark.parametrize(
    ("material", "severity", "variant"),
    [
        ("cotton poplin fabric", "critical", "cotton_order"),
        ("polyester filament fabric", "high", "cotton_order_outside"),
    ],
)
def test_from_january_2021_the_cotton_order_covers_only_chains_holding_cotton(
    material, severity, variant
):
    a = scrisk.assess(kashgar(material, "2021-06-30"))
    f = one(a, "REGION")
    assert (f.severity, f.message_key) == (severity, f"rule.REGION.{variant}")
    en = message(a, "REGION")
    assert "2021-01-13" in en and "cotton and tomato" in en and "presumed" not in en
    assert "coton" in message(a, "REGION", "fr")
    ct = one(a, "CT9897")
    assert ct.severity == severity
    assert ct.message_key == (
        "rule.CT9897.region_order" if severity == "critical" else ("rule.CT9897.region_dated")
    )
    assert clauses(a)["CT9897"] == ("high_risk" if severity == "critical" else "review")


def test_from_june_2022_the_uflpa_presumption_covers_every_good():
    a = scrisk.assess(kashgar("polyester filament fabric", "2022-06-21"))
    f = one(a, "REGION")
    assert (f.severity, f.message_key) == ("critical", "rule.REGION.located")
    assert "UFLPA" in message(a, "REGION") and "presumed" in message(a, "REGION")
    # the same contract re-screened later: the presumption applies on the as-of date
    old = scrisk.assess(
        kashgar("polyester filament fabric", "2021-06-30"), stage="contract", as_of="2023-01-10"
    )
    assert one(old, "REGION").message_key == "rule.REGION.located"


# -- an order covers its merchandise ----------------------------------------------------------


def supermax_bid(description: str, hs: str, closing: str = "2022-06-30") -> dict:
    """A PPE bid whose maker matches Supermax (WRO on disposable gloves, 2021-10-21 to
    2023-09-18)."""
    doc = bid(
        category="ppe",
        closing_date=closing,
        goods=[{"id": "G1", "description": description, "hs_code": hs, "quantity": 1000}],
    )
    party(doc, "M1").update(
        name="Supermax Glove Manufacturing Sdn. Bhd.",
        address="Lot 1288, Jalan Meru Industri 3",
        city="Klang",
        region="Selangor",
        country="MY",
    )
    return doc


def test_a_face_mask_maker_on_a_glove_order_is_high_naming_what_the_order_covers():
    a = scrisk.assess(supermax_bid("Non-medical textile face masks", "6307.90"))
    assert one(a, "WATCHLIST").severity == "critical"  # the match itself is kept
    ct = one(a, "CT9897")
    assert (ct.severity, ct.message_key) == ("high", "rule.CT9897.entity_outside")
    assert "disposable gloves" in message(a, "CT9897")
    assert "disposable gloves" in message(a, "CT9897", "fr")
    assert clauses(a)["CT9897"] == "review" and clauses(a)["PN150"] == "review"
    assert any(e.detail.get("at_most_high") == "outside" for e in ct.evidence)


def test_a_capped_entity_stays_capped_beside_uncapped_evidence_sorted_after_it():
    doc = supermax_bid("Non-medical textile face masks", "6307.90")
    party(doc, "M1")["materials"] = ["garments"]  # an ILAB listing in Malaysia: GOODS
    a = scrisk.assess(doc)
    ct = one(a, "CT9897")
    assert (ct.severity, ct.message_key) == ("high", "rule.CT9897.entity_outside")
    assert {e.detail["rule"] for e in ct.evidence} == {"WATCHLIST", "GOODS"}
    capped = {e.detail["rule"]: e.detail.get("at_most_high") for e in ct.evidence}
    assert capped == {"WATCHLIST": "outside", "GOODS": None}


def test_gloves_from_the_same_maker_are_within_the_order():
    a = scrisk.assess(supermax_bid("Nitrile examination gloves", "4015.19"))
    ct = one(a, "CT9897")
    assert (ct.severity, ct.message_key) == ("critical", "rule.CT9897.entity")
    assert clauses(a)["CT9897"] == "high_risk"


def test_a_declared_material_named_by_the_order_brings_it_within():
    doc = example("prison_labour_bid")
    import json

    data = json.loads(doc.read_text(encoding="utf-8"))
    data["solicitation"]["goods"][0]["description"] = "Disposable gowns, polypropylene"
    assert one(scrisk.assess(data), "CT9897").message_key == "rule.CT9897.entity_outside"
    party(data, "M1")["materials"] = ["caustic soda"]  # Tangshan Sanyou's order names it
    assert one(scrisk.assess(data), "CT9897").severity == "critical"


def test_a_uflpa_entity_covers_everything_it_makes():
    from scrisk.reference import get_reference
    from scrisk.reference.model import LIST_UFLPA

    entry = next(
        e
        for e in get_reference().list_entries()
        if e.list_name == LIST_UFLPA
        and not e.merchandise
        and e.country == "CN"
        and e.issued is not None
        and e.issued.isoformat() < "2023-06-01"
        and "(" not in e.entity
        and "subsidiar" not in e.entity.casefold()
    )
    doc = supermax_bid("Non-medical textile face masks", "6307.90", "2024-06-28")
    party(doc, "M1").update(name=entry.entity, country="CN", city="Shanghai", region="")
    a = scrisk.assess(doc)
    found = [f for f in flags_of(a, "WATCHLIST") if f.severity == "critical"]
    assert found, entry.entity
    forced = [f for f in flags_of(a, "CT9897") if f.params["labour_type"] == "forced"]
    assert [(f.severity, f.message_key) for f in forced] == [("critical", "rule.CT9897.entity")]


# -- evidence quality -------------------------------------------------------------------------


def test_an_unverified_candidate_name_is_at_most_high_and_says_so():
    doc = supermax_bid("Rubber gloves, household", "4015.19", "2019-05-01")
    party(doc, "M1").update(
        name="Shenyang New Life Rubber Factory", city="Shenyang", region="Liaoning", country="CN"
    )
    a = scrisk.assess(doc)
    w = one(a, "WATCHLIST")
    assert (w.severity, w.message_key) == ("high", "rule.WATCHLIST.unverified")
    assert "unverified" in message(a, "WATCHLIST")
    assert "n'est pas vérifié" in message(a, "WATCHLIST", "fr")
    ct = one(a, "CT9897")  # prison labour: covered at any date
    assert (ct.severity, ct.message_key) == ("high", "rule.CT9897.entity_unverified")
    assert a.risk_level != "critical"
    # at the contract stage as well, years later
    later = scrisk.assess(doc, stage="contract", as_of="2025-03-03")
    assert one(later, "WATCHLIST").severity == "high"


def test_an_entity_named_in_the_publishers_release_stays_verified():
    from scrisk.reference import get_reference

    ref = get_reference()
    taida = ref.list_entry("CBP-hetian-taida-apparel-co-ltd-wro")
    supermax = ref.list_entry("CBP-supermax-corporation-bhd-and-its-wholly-owned-subsidiaries-wro")
    shenyang = ref.list_entry("CBP-shenyang-new-life-rubber-factory-wro")
    assert taida.verified and supermax.verified and not shenyang.verified


def taida_bid(closing: str) -> dict:
    doc = bid(closing_date=closing)
    party(doc, "M1").update(
        name="Hetian Taida Apparel Co., Ltd.", city="Jinhua", region="Zhejiang", country="CN"
    )
    return doc


def test_prison_or_forced_labour_before_july_2020_is_high_quoting_the_wording():
    a = scrisk.assess(taida_bid("2020-03-02"))
    cbp = [f for f in flags_of(a, "WATCHLIST") if f.evidence[0].record.startswith("CBP-")]
    assert [f.severity for f in cbp] == ["critical"]  # named in CBP's release
    ct = one(a, "CT9897")
    assert (ct.severity, ct.message_key) == ("high", "rule.CT9897.entity_ambiguous")
    assert ct.params["labour_type"] == "prison"
    assert '"prison or forced labor"' in message(a, "CT9897")
    assert "«\u00a0prison or forced labor\u00a0»" in message(a, "CT9897", "fr")
    after = scrisk.assess(taida_bid("2020-08-03"))
    severities = {f.params["labour_type"]: f.severity for f in flags_of(after, "CT9897")}
    assert severities == {"prison": "critical", "forced": "critical"}


# -- ILAB listings are dated ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("closing", "listed"), [("2019-06-03", False), ("2020-09-29", False), ("2020-09-30", True)]
)
def test_malaysian_rubber_gloves_are_listed_from_the_2020_edition(closing, listed):
    doc = supermax_bid("Nitrile examination gloves", "4015.19", closing)
    party(doc, "M1").update(name="Klang Latex Products Sdn. Bhd.")
    goods = flags_of(scrisk.assess(doc), "GOODS")
    assert bool(goods) is listed
    if listed:
        (f,) = goods
        assert f.evidence[0].detail["listed_from"] == "2020-09-30"
        assert f.evidence[0].edition == "2020"  # the edition in force then, not 2022
        assert "2020" in f.evidence[0].detail["dated_by"]


def test_every_shipped_listing_is_dated():
    from datetime import date

    from scrisk.reference import get_reference

    listings = get_reference().all_goods_listings()
    assert listings and all(g.listed_from is not None and g.dated_by for g in listings)
    pk = get_reference().goods_listings("PK", "Garments")[0]  # a 2022 addition
    assert pk.listed_from.isoformat() == "2022-09-28"
    assert get_reference().goods_listings("PK", "Garments", as_of=pk.listed_from) != []
    assert get_reference().goods_listings("PK", "Garments", as_of=date(2022, 9, 27)) == []


def test_edition_days_and_ranges():
    from datetime import date

    from scrisk.reference.goods_dates import edition_day, parse_range

    assert edition_day("2020-09-30") == date(2020, 9, 30)
    assert edition_day("2018-09") == date(2018, 9, 30)  # month only: its last day
    assert edition_day("2011") == date(2011, 12, 31)
    assert parse_range("2009-") == (2009, None) and parse_range("2009-2017") == (2009, 2017)
    assert parse_range("") is None


# -- stale data informs, never decides --------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_all_canadian_chain_rescreened_in_2026_stays_low(lang):
    a = scrisk.assess(example("clean_bid"), stage="contract", as_of="2026-12-06")
    assert a.risk_level == "low"
    assert {f.rule for f in a.flag_list if f.severity != "info"} == set()
    assert any(f.message_key == "rule.DATA_GAP.past_horizon" for f in a.flag_list)
    m = clauses(a)
    assert m["CT9897"] == "not_applicable" and m["PN150"] == "no_indicator"
    assert a.to_dict(lang)["warnings"]


# -- PN-150's two start dates -----------------------------------------------------------------


def test_pn150_notes_name_both_start_dates_and_the_one_used():
    a = scrisk.assess(bid(closing_date="2021-11-05"))
    assert clauses(a)["PN150"] == "no_indicator"  # 2021-11-04 is used
    early = scrisk.assess(bid(closing_date="2021-11-03"))
    note = {c["clause"]: c["note"] for c in early.to_dict()["clauses"]}["PN150"]
    assert "2021-11-04" in note and "2021-11-11" in note and "is used" in note
    fr = {c["clause"]: c["note"] for c in early.to_dict("fr")["clauses"]}["PN150"]
    assert "2021-11-11" in fr and "retenue" in fr
    pol = scrisk.assess(bid()).policy
    assert set(pol["clause_start_sources"]["PN150"]) == {"2021-11-04", "2021-11-11"}


def test_merchandise_that_cannot_be_identified_counts_as_within():
    # Hefei Bitland's order covers "computer parts": no taxonomy good; conservative
    doc = supermax_bid("Nitrile examination gloves", "4015.19", "2022-06-30")
    party(doc, "M1").update(
        name="Hefei Bitland Information Technology Co., Ltd.",
        city="Hefei",
        region="Anhui",
        country="CN",
    )
    a = scrisk.assess(doc)
    cbp = [f for f in flags_of(a, "WATCHLIST") if f.evidence[0].record.startswith("CBP-")]
    assert [f.severity for f in cbp] == ["critical"]
    forced = [f for f in flags_of(a, "CT9897") if f.params["labour_type"] == "forced"]
    assert [(f.severity, f.message_key) for f in forced] == [("critical", "rule.CT9897.entity")]


def test_what_an_order_covers_is_read_from_its_own_words():
    from scrisk.assessment.rules._scope import _named_goods, covers_everything
    from scrisk.reference import get_reference

    ref = get_reference()
    entries = {e.id: e for e in ref.list_entries()}
    assert covers_everything(entries["CBP-huizhou-mink-industrial-co-ltd-wro"])  # All Products
    turkmen = next(e for e in entries.values() if e.merchandise.startswith("all Turkmenistan"))
    assert not covers_everything(turkmen)  # cotton and what is made of it, not everything
    assert "Cotton" in _named_goods(ref, turkmen.merchandise)
    assert _named_goods(ref, "Carpets, Hand-Knotted Wool") >= {"Carpets"}
    assert _named_goods(ref, "disposable gloves") == {"Gloves"}
