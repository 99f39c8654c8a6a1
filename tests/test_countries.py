"""Country resolution: codes, English and French names, common variants; never a guess."""

from __future__ import annotations

import pytest

from scrisk.countries import country_name, resolve_country

RESOLVED = {
    "MY": "MY",
    "MYS": "MY",
    "my": "MY",
    "Malaysia": "MY",
    "Malaisie": "MY",
    "Viet Nam": "VN",
    "Vietnam": "VN",
    "VIET NAM": "VN",
    "Viêt Nam": "VN",
    "Viet nam": "VN",
    "Turkey": "TR",
    "Türkiye": "TR",
    "Turkiye": "TR",
    "Turquie": "TR",
    "Turkey (Türkiye)": "TR",
    "Burma": "MM",
    "Myanmar": "MM",
    "Birmanie": "MM",
    "South Korea": "KR",
    "Korea, South": "KR",
    "Republic of Korea": "KR",
    "Corée du Sud": "KR",
    "North Korea": "KP",
    "Korea, Democratic People's Republic": "KP",
    "UK": "GB",
    "United Kingdom": "GB",
    "Royaume-Uni": "GB",
    "USA": "US",
    "United States": "US",
    "États-Unis": "US",
    "Etats-Unis": "US",
    "Ivory Coast": "CI",
    "Côte d'Ivoire": "CI",
    "Cote d’Ivoire": "CI",
    "Russia": "RU",
    "Russie": "RU",
    "Laos": "LA",
    "Lao PDR": "LA",
    "Iran": "IR",
    "Syria": "SY",
    "Tanzania": "TZ",
    "Bolivia": "BO",
    "Czech Republic": "CZ",
    "Czechia": "CZ",
    "DRC": "CD",
    "Congo, Democratic Republic of the": "CD",
    "Congo (Republic of)": "CG",
    "Chine": "CN",
    "China": "CN",
    "CHN": "CN",
    "Cabo Verde": "CV",
    "Cape Verde": "CV",
    "Kyrgyz Republic": "KG",
    "The Gambia": "GM",
    "Kosovo": "XK",
    "West Bank and Gaza": "PS",
    "Taiwan": "TW",
    "Hong Kong": "HK",
    "Hong Kong SAR": "HK",
    "Macau": "MO",
    "  malaysia  ": "MY",
}


@pytest.mark.parametrize(("text", "iso2"), sorted(RESOLVED.items()))
def test_declared_country_resolves(text: str, iso2: str) -> None:
    assert resolve_country(text) == iso2


@pytest.mark.parametrize(
    "text", [None, "", "   ", "Narnia", "Korea", "Malaysiaa", "Europe", "Asia"]
)
def test_unresolvable_text_is_none_not_a_guess(text: str | None) -> None:
    assert resolve_country(text) is None


def test_source_typos_do_not_resolve_declared_text() -> None:
    # "Boliva" is a typo kept in an ILAB source file; declared text must not use it
    assert resolve_country("Boliva") is None


def test_country_name_in_english_and_french() -> None:
    assert country_name("VN") == "Vietnam"
    assert country_name("VN", lang="fr") == "Viêt Nam"
    assert country_name("my", lang="fr") == "Malaisie"
    assert country_name("XK") == "Kosovo"
    assert country_name("ZZ") is None
    assert country_name(None) is None
    with pytest.raises(ValueError, match="lang"):
        country_name("MY", lang="de")


def test_every_alias_points_at_a_real_code() -> None:
    import pycountry

    from scrisk.countries import alias_table

    table = alias_table()
    extra = set(table["user_assigned_codes"])
    for name, code in table["aliases"].items():
        assert code in extra or pycountry.countries.get(alpha_2=code) is not None, name
        assert resolve_country(name) == code, name
