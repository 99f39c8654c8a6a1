"""Finding the Xinjiang Uyghur Autonomous Region in address text, without false positives."""

from __future__ import annotations

import pytest

from scrisk.reference import get_reference


@pytest.fixture(scope="module")
def find():
    return get_reference().find_regions


@pytest.mark.parametrize(
    "texts",
    [
        ("Hotan, XUAR",),
        ("No. 8 Beijing Road", "Ürümqi"),
        ("Urumqi",),
        ("WULUMUQI ECONOMIC ZONE",),
        ("Hetian", None, "CN"),
        ("新疆维吾尔自治区和田地区",),
        ("Kashi Prefecture",),
        ("Lop County industrial park",),
        ("Shihezi",),
        ("Sinkiang",),
        ("East Turkestan",),
        ("Aksu, Xinjiang",),
    ],
)
def test_xinjiang_places_are_found(find, texts) -> None:
    matches = find(*texts)
    assert matches and {m.region_id for m in matches} == {"CN-XJ"}


def test_match_says_which_alias_and_place(find) -> None:
    [hotan, region] = find("Hotan, XUAR")
    assert (hotan.place, hotan.alias, hotan.matched_text) == ("Hotan", "Hotan", "Hotan, XUAR")
    assert region.kind == "region" and region.alias == "XUAR"
    assert hotan.dataset == "scrisk_regions" and hotan.edition


def test_city_names_abroad_do_not_match(find) -> None:
    assert find("Aksu", country="KZ") == []
    assert find("Aksu", "Antalya", country="TR") == []
    assert find("Aral", country="KZ") == []
    assert find("Kashi", "Varanasi", country="IN") == []
    # but a region-level name matches wherever the country is declared
    assert find("Aksu, Xinjiang", country="KZ")


def test_a_homonym_town_elsewhere_in_china_and_streets_stay_out(find) -> None:
    assert find("Hetian Town", "Changting County", "Fujian", country="CN") == []
    assert find("和田镇", "长汀县", "福建", country="CN") == []
    assert find("Urumqi Middle Road", "Shanghai", country="CN") == []
    assert find("Hotan", "Xinjiang", "via Guangdong") != []
    # without another province, "Hetian Town" may be the prefecture: kept for review
    assert [m.place for m in find("Hetian Town", country="CN")] == ["Hotan"]


@pytest.mark.parametrize(
    "texts",
    [
        ("Zhejiang Industrial Park", "Aksu", None),  # address, city, region
        ("No. 1 Zhejiang Industrial Park, Aksu City", None, None),
        ("Guangdong Industrial Park", "Kashgar", "Guangdong"),
        ("浙江产业园", "阿克苏", None),
        ("Shanghai Road", "Aksu", "Zhejiang"),  # a region field that lies does not hide it
        ("Aksu Town", "Zhejiang Industrial Park", "Xinjiang"),
    ],
)
def test_naming_another_province_never_hides_a_xinjiang_place(find, texts) -> None:
    """Aid-Xinjiang parks carry the funding province's name (#20)."""
    assert {m.region_id for m in find(*texts, country="CN")} == {"CN-XJ"}


@pytest.mark.parametrize(
    "texts",
    [
        ("阿 克 苏",),
        ("新 疆",),
        ("新\u200b疆",),
        ("乌 鲁 木 齐 市",),
        ("X i n j i a n g",),
        ("A K S U",),
    ],
)
def test_spaced_out_names_are_found(find, texts) -> None:
    assert {m.region_id for m in find(*texts, country="CN")} == {"CN-XJ"}


def test_spelled_out_letters_do_not_make_new_names(find) -> None:
    assert find("Unit A B C", "Toronto", country="CA") == []
    assert find("Block H A M", "Changzhou", country="CN") == []


def test_streets_named_after_xinjiang_cities_abroad_stay_out(find) -> None:
    assert find("12 Kashgar Street", "Istanbul", country="TR") == []
    assert find("Urumqi Road", "Almaty", country="KZ") == []
    assert find("Hotan Road", "Bishkek") == []  # country unknown: the street word decides


def test_word_boundaries_and_no_match(find) -> None:
    assert find("Hamilton Road", "Ontario") == []  # "Hami" inside a word
    assert find("Shenzhen", "Guangdong", country="CN") == []
    assert find(None, "", "   ") == []
    assert find() == []


def test_each_place_reported_once(find) -> None:
    matches = find("Kashgar", "Kashi, Xinjiang")
    places = [m.place for m in matches if m.place]
    assert places == ["Kashgar"]


def test_chinese_character_names_and_street_names(find) -> None:
    assert [m.place for m in find("乌鲁木齐市")] == ["Urumqi"]
    # a street named after a province is not that province: 北京路 in Ürümqi
    assert [m.place for m in find("北京路", "乌鲁木齐")] == ["Urumqi"]
    assert [m.place for m in find("No. 8 Beijing Road", "Urumqi")] == ["Urumqi"]
    assert find("和田", country="JP") == []  # Wada, a Japanese name


def test_streets_named_after_xinjiang_places_are_not_the_places(find) -> None:
    # real addresses from the OAR facility fixtures: Fukang Road in Dongguan and Changzhou
    assert find("NO.32 FUKANG ROAD, HUOJIE TOWN,DONGGUAN") == []
    assert find("Fukang Road, Xinbei District, Changzhou", country="CN") == []
    assert find("Xinjiang Road, Shibei District, Qingdao") == []
    assert find("新疆路") == [] and find("乌鲁木齐中路") == []  # Xinjiang Road, Urumqi Middle Road
    assert [m.place for m in find("Aksu Road, Aksu")] == ["Aksu"]
    assert [m.place for m in find("Hotan Road", "Urumqi")] == ["Urumqi"]


def test_no_false_positive_in_the_oar_facility_sample() -> None:
    """932 real-looking apparel facility addresses (China, Vietnam, Bangladesh, India...)."""
    import csv
    from pathlib import Path

    from scrisk.countries import resolve_country

    sample = Path(__file__).resolve().parent / "fixtures" / "oar_facility_fixtures_sample.csv"
    find = get_reference().find_regions
    with sample.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 932
    hits = [r["address"] for r in rows if find(r["address"], country=resolve_country(r["country"]))]
    assert hits == []


def test_aid_xinjiang_park_address_raises_region_in_an_assessment() -> None:
    import json
    from pathlib import Path

    from scrisk.assessment import assess

    bid = json.loads(
        (Path(__file__).resolve().parent.parent / "examples" / "glove_bid.json").read_text()
    )
    maker = bid["parties"][1]
    maker.update(
        address="No. 1 Zhejiang Industrial Park", city="阿 克 苏", region="Zhejiang", country="CN"
    )
    flags = assess(bid).flag_list
    assert any(f.rule == "REGION" and f.party == maker["id"] for f in flags)
