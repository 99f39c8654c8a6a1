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
    assert len(ids) == len(set(ids)) == 44 + 70
    assert ref.list_entry("CBP-top-glove-corporation-bhd-finding") is not None
    assert all(i.startswith(("CBP-", "UFLPA-")) for i in ids)


def test_unknown_issue_date_and_blank_status(ref) -> None:
    baoanzhao_wro = ref.list_entry("CBP-inner-mongolia-hengzheng-group-baoanzhao-agriculture-wro")
    assert baoanzhao_wro.issued is None and baoanzhao_wro.active_on(date(2024, 1, 1)) is None
    kingtom = ref.list_entry("CBP-kingtom-aluminio-s-r-l-finding")
    assert kingtom.status == "active" and "blank" in kingtom.status_note
    assert kingtom.active_on(date(2025, 1, 1)) is True
    assert kingtom.active_on(date(2024, 12, 3)) is False


def test_uflpa_entities_are_prc_unless_the_row_says_otherwise(ref) -> None:
    uflpa = [e for e in ref.list_entries() if e.list_name == LIST_UFLPA]
    assert len(uflpa) == 70
    by_name = {e.entity: e for e in uflpa}
    assert by_name["Changji Esquel Textile Co. Ltd."].country == "CN"
    assert by_name["Century Sunshine Group Holdings, Ltd."].country == "HK"
    meiling = by_name["Changhong Meiling Co., Ltd."]
    assert meiling.aliases == ("Hefei Meiling Co., Ltd.",)  # "(former name)" dropped
    assert meiling.active_on(date(2022, 6, 21)) is True
    assert meiling.active_on(date(2022, 6, 20)) is False
    assert (
        by_name["Xinjiang East Hope Nonferrous Metals Co., Ltd."].active_on(date(2025, 1, 1))
        is None
    )


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
