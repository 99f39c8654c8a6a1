"""Real facts from the shipped reference data (the processed files in the checkout)."""

from __future__ import annotations

from datetime import date

import pytest

from scrisk.reference import LIST_CBP, LIST_UFLPA, get_reference


@pytest.fixture(scope="module")
def ref():
    return get_reference()


def test_malaysian_rubber_gloves_are_listed_for_forced_labour(ref) -> None:
    [listing] = ref.goods_listings("MY", "Rubber Gloves")
    assert listing.forced_labour and not listing.child_labour
    assert (listing.dataset, listing.edition) == ("ilab_goods_2022", "2022")
    assert listing.record == "ILAB-2022:MY:rubber-gloves"


def test_chinese_cotton_is_listed_for_child_and_forced_labour(ref) -> None:
    [listing] = ref.goods_listings("CN", "cotton")
    assert listing.child_labour and listing.forced_labour


def test_tainted_input_listing_names_its_source_country(ref) -> None:
    [batteries] = ref.goods_listings("CN", "Lithium-Ion Batteries")
    assert batteries.tainted_input and batteries.tainted_input_source_iso2 == "CD"


def test_2024_removal_keeps_both_editions_visible(ref) -> None:
    [shrimp] = ref.goods_listings("TH", "Shrimp")
    assert shrimp.child_labour and shrimp.forced_labour  # as published in 2022
    assert shrimp.removed_on == date(2024, 9, 5) and shrimp.removed_labour == "child"
    [before] = ref.goods_listings("TH", "Shrimp", as_of=date(2024, 9, 4))
    assert before.child_labour
    [after] = ref.goods_listings("TH", "Shrimp", as_of=date(2024, 9, 5))
    assert after.forced_labour and not after.child_labour
    # child labour was Argentine blueberries' only listing: gone after the 2024 edition
    assert ref.goods_listings("AR", "Blueberries", as_of=date(2024, 1, 1))
    assert ref.goods_listings("AR", "Blueberries", as_of=date(2025, 1, 1)) == []
    # the 2024 "Fluorspar" is the 2022 "Fluorspar (mineral)"
    [fluorspar] = ref.goods_listings("MN", "Fluorspar (mineral)")
    assert fluorspar.change_record == "ILAB-2024-removed:MN:fluorspar"


def test_goods_list_coverage(ref) -> None:
    listings = ref.all_goods_listings()
    assert len(listings) == ref.dataset("ilab_goods_2022").rows == 467
    assert len({g.iso2 for g in listings}) == 78
    assert len({g.record for g in listings}) == len(listings)


def test_hs_codes_map_to_goods_most_specific_first(ref) -> None:
    assert "Rubber Gloves" in ref.goods_for_hs("4015.19")
    assert "Rubber Gloves" in ref.goods_for_hs("401512")  # HS 2022 medical gloves
    assert "Rubber Gloves" in ref.goods_for_hs("4015.11")  # HS 2017 code falls back to 4015
    assert ref.goods_for_hs("4015.90") == ()  # reviewed: not gloves
    assert ref.goods_for_hs("6205.20.00") == ("Garments",)
    assert ref.goods_for_hs("5201") == ("Cotton",)
    assert ref.goods_for_hs("5205.11")[0] == "Thread/Yarn"
    assert ref.goods_for_hs("6116.10")[0] == "Gloves"
    assert ref.goods_for_hs("8471") == ()
    assert ref.goods_for_hs(None) == ()


def test_material_words_map_to_goods(ref) -> None:
    assert ref.goods_for_material("nitrile butadiene rubber latex") == ("Synthetic Rubber",)
    assert ref.goods_for_material("Nitrile latex") == ("Synthetic Rubber",)
    assert ref.goods_for_material("natural rubber latex") == ("Rubber",)
    assert ref.goods_for_material("cotton lint") == ("Cotton",)
    assert ref.goods_for_material("Greige fabric") == ("Textiles",)
    assert ref.goods_for_material("polyester/cotton yarn") == (
        "Synthetic Fibres",
        "Cotton",
        "Thread/Yarn",
    )
    assert ref.goods_for_material("viscose") == ("Man-made Cellulosic Fibres",)
    assert ref.goods_for_material("cardboard boxes") == ()
    assert not ref.is_ilab_good("Synthetic Rubber") and ref.is_ilab_good("Rubber")


def test_risk_inputs_walk_upstream(ref) -> None:
    garments = ref.risk_inputs("Garments")
    assert garments.index("Textiles") < garments.index("Thread/Yarn") < garments.index("Cotton")
    assert set(ref.risk_inputs("Rubber Gloves")) == {"Rubber", "Synthetic Rubber"}
    assert "Rubber" in ref.risk_inputs("Gloves")
    assert ref.risk_inputs("Cotton") == ()


def test_supermax_order_active_in_2022_not_in_2024(ref) -> None:
    [supermax] = [e for e in ref.list_entries() if e.entity.startswith("Supermax")]
    assert supermax.list_name == LIST_CBP and supermax.country == "MY"
    assert supermax.issued == date(2021, 10, 21) and supermax.status == "modified"
    assert supermax.active_on(date(2021, 10, 20)) is False
    assert supermax.active_on(date(2022, 1, 1)) is True
    assert supermax.active_on(date(2023, 9, 18)) is False
    assert supermax.active_on(date(2024, 1, 1)) is False
    assert "Supermax Glove Manufacturing" in supermax.aliases
    assert supermax.source_url.startswith("https://www.cbp.gov/")


def test_top_glove_and_other_malaysian_glove_makers_present(ref) -> None:
    entities = " | ".join(e.entity for e in ref.list_entries() if e.country == "MY")
    for name in ("Top Glove", "Smart Glove", "YTY", "Brightway", "WRP Asia Pacific"):
        assert name in entities
    top = [e for e in ref.list_entries() if "Top Glove" in e.entity]
    assert {e.action for e in top} == {"WRO", "Finding"}


def test_list_entry_ids_are_stable_and_unique(ref) -> None:
    entries = ref.list_entries()
    ids = [e.id for e in entries]
    # CBP: 44 compiled orders + 7 named and 15 second-source candidates from CBP's file;
    # UFLPA: 144 DHS entities + 4 named August 2026 additions; Canada: 5 SEMA listings
    assert len(ids) == len(set(ids)) == 66 + 148 + 5
    assert ref.list_entry("CBP-top-glove-corporation-bhd-finding") is not None
    # ids of entities the earlier compiled list had are kept (COFCO: DHS spells it Holdings)
    assert ref.list_entry("UFLPA-cofco-sugar-holding-co-ltd").entity == (
        "COFCO Sugar Holdings Co., Ltd."
    )
    assert all(i.startswith(("CBP-", "UFLPA-", "CA-SEMA-")) for i in ids)


def test_cbp_file_settles_dates_and_statuses(ref) -> None:
    baoanzhao_wro = ref.list_entry("CBP-inner-mongolia-hengzheng-group-baoanzhao-agriculture-wro")
    assert baoanzhao_wro.issued == date(2016, 5, 20)  # blank in ours, dated by CBP's file
    assert baoanzhao_wro.active_on(date(2024, 1, 1)) is True
    hoshine = ref.list_entry("CBP-hoshine-silicon-industry-co-ltd-and-its-subsidiaries-wro")
    assert hoshine.issued == date(2021, 6, 23) and hoshine.covers_subsidiaries
    kingtom = ref.list_entry("CBP-kingtom-aluminio-s-r-l-finding")
    assert "Inactive-Pending Litigation" in kingtom.status_note
    assert kingtom.active_on(date(2024, 12, 3)) is False
    assert kingtom.active_on(date(2025, 1, 1)) is None  # the day it went inactive is unknown
    sanyou = ref.list_entry("CBP-tangshan-sanyou-group-and-its-subsidiaries-wro")
    assert sanyou.active_on(date(2026, 1, 1)) is True and "Partially Modified" in sanyou.status_note
    sunfar = ref.list_entry("CBP-tangshan-sunfar-silicon-company-wro")
    assert sunfar.active_on(date(2016, 4, 12)) is False
    assert sunfar.active_on(date(2020, 1, 1)) is None
    # a lifted order stays, with its dates
    wrp = [e for e in ref.list_entries() if e.entity.startswith("WRP Asia Pacific")][0]
    assert wrp.active_on(date(2020, 1, 1)) is True and wrp.active_on(date(2020, 3, 23)) is False


def test_candidate_names_rest_on_a_second_source(ref) -> None:
    cbp = [e for e in ref.list_entries() if e.list_name == LIST_CBP]
    candidates = [e for e in cbp if e.source_type.startswith("candidate")]
    assert len(candidates) == 15
    assert all("OpenSanctions" in e.notes and "unverified" in e.status_note for e in candidates)
    # the candidate named only by the hand-typed list (Tianjin Pipe Fitting Factory) is left out
    assert not [e for e in cbp if "Tianjin Pipe Fitting" in " ".join(e.names)]
    shenyang = ref.list_entry("CBP-shenyang-new-life-rubber-factory-wro")
    assert shenyang.labour_types == ("prison",) and shenyang.issued == date(1993, 9, 1)
    assert "Shenyang Dabei Prison" in shenyang.aliases


def test_uflpa_entities_are_prc_unless_the_row_says_otherwise(ref) -> None:
    uflpa = [e for e in ref.list_entries() if e.list_name == LIST_UFLPA]
    assert len(uflpa) == 148
    by_name = {e.entity: e for e in uflpa}
    assert by_name["Changji Esquel Textile Co., Ltd."].country == "CN"
    assert by_name["Century Sunshine Group Holdings, Ltd."].country == "HK"
    meiling = by_name["Changhong Meiling Co., Ltd."]
    assert "Hefei Meiling Co., Ltd." in meiling.aliases  # former name kept as an alias
    assert meiling.active_on(date(2022, 6, 21)) is True
    assert meiling.active_on(date(2022, 6, 20)) is False
    east_hope = by_name["Xinjiang East Hope Nonferrous Metals Co., Ltd."]
    assert east_hope.issued == date(2022, 6, 21) and "inferred" in east_hope.status_note
    assert east_hope.section_dates == "(i) 2024-11-25"
    assert all(e.labour_types == ("forced",) and e.jurisdiction == "US" for e in uflpa)


def test_uflpa_sections_notices_and_subsidiaries(ref) -> None:
    xpcc = ref.list_entry("UFLPA-xinjiang-production-and-construction-corps")
    assert xpcc.list_section.count("2(d)(2)(B)") == 3 and xpcc.covers_subsidiaries
    assert {"XPCC", "Bingtuan", "Xinjiang Corps"} <= set(xpcc.aliases)
    assert "2022-16754" in xpcc.notice
    daqo = [e for e in ref.list_entries() if e.entity.startswith("Xinjiang Daqo")][0]
    assert daqo.issued == date(2022, 6, 21) and "(v) 2024-11-25" in daqo.section_dates
    goens = [e for e in ref.list_entries() if e.entity.startswith("Xinjiang Goens")][0]
    assert goens.id == "UFLPA-xinjiang-gcl-new-energy-material-technology-co-ltd"
    assert goens.issued == date(2022, 6, 21) and "2026-15628" in goens.notice
    tbea = ref.list_entry("UFLPA-tbea-co-ltd")
    assert tbea.issued == date(2026, 8, 3) and tbea.active_on(date(2026, 8, 2)) is False


def test_canadian_sema_listings(ref) -> None:
    ca = [e for e in ref.list_entries() if e.jurisdiction == "CA"]
    assert len(ca) == 5 and {e.dataset for e in ca} == {"ca_sema_prc_2021"}
    assert all(e.issued == date(2021, 3, 22) and e.source_url.startswith("https://") for e in ca)
    names = {e.entity for e in ca}
    assert "Xinjiang Production and Construction Corps Public Security Bureau" in names
    assert ref.dataset("ca_sema_prc_2021").jurisdiction == "CA"


def test_every_record_says_where_it_came_from(ref) -> None:
    ids = {d.id for d in ref.datasets}
    for entry in ref.list_entries():
        assert entry.dataset in ids and entry.edition and entry.source_url
    for listing in ref.all_goods_listings():
        assert listing.dataset in ids and listing.record
    for match in ref.find_regions("Kashgar, Xinjiang"):
        assert match.dataset in ids and match.edition
    profile = ref.country("MY")
    assert set(profile.sources) <= ids


def test_gsi_government_response_is_shown_but_not_scored(ref) -> None:
    canada = ref.country("CA")
    assert canada.indicators["gsi_response_total_pct"] == 60
    assert canada.indicators["gsi_response_supply_chains_pct"] == 25
    assert "walkfree_gsi_2023_gov_response" in canada.sources
    assert not any("response" in c for c in canada.components)


def test_labour_types_follow_the_sources_words(ref) -> None:
    malawi = ref.list_entry("CBP-tobacco-from-malawi-wro")
    assert malawi.labour_types == ("forced", "child")  # "forced child labor" in its notes
    supermax = [e for e in ref.list_entries() if e.entity.startswith("Supermax")][0]
    assert supermax.labour_types == ("forced",)  # a 19 U.S.C. 1307 order naming no other
    penitentiary = ref.list_entry(
        "CBP-state-penitentiary-ciudad-victoria-tamaulipas-mexico-finding"
    )
    assert penitentiary.labour_types == ("prison",)
    assert all(e.labour_types == () for e in ref.list_entries() if e.jurisdiction == "CA")
