"""Company-name normalisation: each rule, and the splitting of list entries into names."""

from __future__ import annotations

import pytest
from list_entries import list_entry

from scrisk.reference.model import ListEntry
from scrisk.screening import analyze_name, entry_names, normalize_name
from scrisk.screening.word_classes import token_class
from scrisk.screening.words import fold


def entry(entity: str, aliases: tuple[str, ...] = (), country: str | None = "MY") -> ListEntry:
    return list_entry("TEST-1", entity, aliases=aliases, country=country)


def test_case_accents_and_punctuation_fold():
    assert (
        fold("Bonechar Carvão Ativado Do Brasil Ltda.") == "bonechar carvao ativado do brasil ltda"
    )
    assert fold("XI'AN  Café & Co.") == "xian cafe and co"
    assert normalize_name("SUPERMAX GLOVE MFG SDN. BHD.") == normalize_name(
        "supermax glove mfg sdn bhd"
    )


@pytest.mark.parametrize(
    ("text", "core", "legal"),
    [
        ("Supermax Corporation Bhd.", "supermax", ("corporation", "bhd")),
        ("Maxter Glove Manufacturing Sdn. Bhd.", "maxter glove manufacturing", ("sdn bhd",)),
        ("Sime Darby Plantation Berhad", "sime darby plantation", ("berhad",)),
        ("Dalian Ocean Fishing Co., Ltd.", "dalian ocean fishing", ("co ltd",)),
        ("Central Romana Corporation Limited", "central romana", ("corporation", "limited")),
        ("Agropecuarios Tom S.A. de C.V.", "agropecuarios tom", ("s a de c v",)),
        ("Kingtom Aluminio S.R.L.", "kingtom aluminio", ("s r l",)),
        ("Hero Vast Canada Inc.", "hero vast canada", ("inc",)),
        ("Acme Textil GmbH", "acme textil", ("gmbh",)),
        ("Arvind Knits Pvt. Ltd.", "arvind knits", ("pvt ltd",)),
        ("Acme Apparel LLC", "acme apparel", ("llc",)),
        ("上海精选安全用品有限公司", "上海 海精 精选 选安 安全 全用 用品", ("有限公司",)),
        ("Laglove (M) Sdn. Bhd.", "laglove", ("m sdn bhd",)),
    ],
)
def test_legal_forms_are_split_from_the_distinctive_part(text, core, legal):
    parts = analyze_name(text)
    assert parts.core == core
    assert set(parts.legal_forms) == set(legal)


def test_edge_only_legal_forms_stay_inside_a_name():
    # "PT" is an Indonesian legal form at the start, "AG" a Swiss/German one at the end;
    # the same letters in the middle of a name are part of it.
    assert normalize_name("PT Sritex Tbk") == "sritex"
    assert normalize_name("Acme AG") == "acme"
    assert normalize_name("Sino Ag Pt Textiles Co") == "sino ag pt textile"


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("Supermax Glove Mfg", "Supermax Glove Manufacturing"),
        ("Hero Vast Intl Trading", "Hero Vast International Trading"),
        ("Sigma Glove Ind", "Sigma Glove Industries"),
        ("Brightway Hldgs", "Brightway Holdings"),
        ("Sigma Gloves", "Sigma Glove"),
    ],
)
def test_abbreviations_and_plurals_expand_to_one_spelling(short, long):
    assert normalize_name(short) == normalize_name(long)


def test_a_typo_in_a_long_legal_form_is_still_a_legal_form():
    assert normalize_name("GX Corpoiration Sdn Bhd") == "gx"
    assert normalize_name("YTY Industry Lmited") == "yty industry"


def test_a_name_never_normalises_to_nothing():
    assert normalize_name("Company Limited") == "company limited"
    assert normalize_name("The Co") != ""


def test_word_classes_come_from_the_word_tables():
    assert token_class("glove") == "generic"
    assert token_class("textile") == "generic"
    assert token_class("industry") == "generic"  # "Industrial" folds to it
    assert token_class("xinjiang") == "place"
    assert token_class("top") == "common"
    assert token_class("supermax") == "distinctive"


def _names(e: ListEntry) -> dict[str, str]:
    return {n.text: n.kind for n in entry_names(e)}


def test_scope_phrases_are_not_part_of_a_name():
    names = _names(
        entry(
            "Supermax Corporation Bhd. and its wholly owned subsidiaries",
            ("Supermax Glove Manufacturing",),
        )
    )
    assert names == {"Supermax Corporation Bhd.": "entity", "Supermax Glove Manufacturing": "alias"}
    names = _names(entry("FGV Holdings Berhad (and its subsidiaries and joint ventures)"))
    assert names == {"FGV Holdings Berhad": "entity"}


def test_several_firms_in_one_cell_and_aka_phrases_become_separate_names():
    names = _names(
        entry(
            "Top Glove Sdn. Bhd.; TG Medical Sdn. Bhd. (subsidiaries of Top Glove Corporation Bhd)"
        )
    )
    assert names == {"Top Glove Sdn. Bhd.": "entity", "TG Medical Sdn. Bhd.": "entity"}
    names = _names(
        entry("Tangshan Sunfar Silicon Company a/k/a Tangshan SunFar Silicon Industries Co. Ltd.")
    )
    assert set(names) == {
        "Tangshan Sunfar Silicon Company",
        "Tangshan SunFar Silicon Industries Co. Ltd.",
        "Tangshan Sunfar",  # without its trade words: a short form, possible at most
    }
    assert names["Tangshan Sunfar"] == "short_form"


def test_parenthesised_aliases_short_forms_and_notes():
    names = _names(entry("Smart Glove Corporation Sdn Bhd and group (collectively 'Smart Glove')"))
    assert names == {"Smart Glove Corporation Sdn Bhd": "entity"}  # same core as "Smart Glove"
    names = _names(entry("Hetian Haolin Hair Accessories Co. Ltd. (Haolin)", country="CN"))
    assert names == {
        "Hetian Haolin Hair Accessories Co. Ltd.": "entity",
        "Haolin": "short_form",
        "Hetian Haolin": "short_form",  # the name without its trade words (possible at most)
    }
    names = _names(
        entry(
            "Hoshine Silicon Industry Co. Ltd.",
            ("Hoshine Silicon (Jia Xing) Industry Co., Ltd. (subsidiary)",),
        )
    )
    assert "Hoshine Silicon Jia Xing Industry Co., Ltd." in names  # inner group kept, note dropped
    names = _names(entry("Da Wang (fishing vessel)", ("owner: Yong Feng Fishery Ltd.",)))
    assert names == {
        "Da Wang": "entity",
        "Yong Feng Fishery Ltd.": "alias",
        "Yong Feng": "short_form",  # the alias without its trade words (possible at most)
    }


def test_country_and_region_wide_orders_give_no_party_names():
    assert entry_names(entry("Turkmenistan cotton (country-wide)")) == []
    assert (
        entry_names(
            entry("Xinjiang Uyghur Autonomous Region (region-wide): cotton and tomato products")
        )
        == []
    )


def test_every_shipped_list_entry_with_a_party_gives_names():
    from scrisk.reference import get_reference

    entries = get_reference().list_entries()
    named = [e for e in entries if entry_names(e)]
    wide = [e for e in entries if not entry_names(e)]
    assert len(named) >= 100
    assert all("wide" in e.entity for e in wide)
    assert all(n.text.strip() and "(" not in n.text for e in named for n in entry_names(e))
