"""Names written in Chinese, in another script or spelled to evade still reach the
lists; bridged spellings stay "possible"; precision is held by the negatives test."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from list_entries import list_entry

from scrisk.reference import get_reference
from scrisk.screening import Screener, default_screener, variants
from scrisk.screening.entries import aliases_by_entity, entry_names, trade_words_off
from scrisk.screening.unicode_fold import fold_unicode, simplified
from scrisk.screening.variants import declared_variants, hanzi_to_latin

AS_OF = date(2025, 6, 30)
ROOT = Path(__file__).resolve().parents[1]
# ../shared/data beside the checkout, or beside the folder of worktrees (wt/NAME)
DATA_2026_12 = (
    next(
        (p for p in (ROOT.parent / "shared", ROOT.parents[1] / "shared") if p.is_dir()),
        ROOT.parent / "shared",
    )
    / "data"
    / "2026-12"
)


def _top(name: str, country: str | None = None):
    ms = default_screener().match([name], [country], AS_OF)[0]
    return ms[0] if ms else None


@pytest.mark.parametrize(
    ("declared", "entity"),
    [
        ("S u p e r m a x", "Supermax"),
        ("S.U.P.E.R.M.A.X.", "Supermax"),
        ("S-u-p-e-r-m-a-x", "Supermax"),
        ("ꜱᴜᴘᴇʀᴍᴀx", "Supermax"),
        ("SupermaxGloveManufacturing", "Supermax"),
        ("合 盛 硅 业", "Hoshine"),
        ("X.P.C.C.", "Xinjiang Production and Construction Corps"),
        ("Xinjiang East Hope Non-Ferrous Metals", "East Hope"),
        ("东莞绿洲鞋业有限公司", "Dongguan Oasis"),  # listed in traditional characters
        ("中粮糖业控股股份有限公司奇台糖业分公司", "COFCO Sugar"),  # a branch of a listed firm
        (
            (
                "Xinjiang Production and Construction Corps and its subordinate and affiliated "
                "entities"
            ),
            "Xinjiang Production and Construction Corps",
        ),
        (
            "Xinjiang Production & Construction Corps, 1st Division",
            "Xinjiang Production and Construction Corps",
        ),  # the entry covers its subordinate entities
    ],
)
def test_evasion_spellings_scripts_and_units_are_strong_matches(declared, entity):
    m = _top(declared)
    assert m is not None and entity in m.entry.entity
    assert m.cls == "strong"


@pytest.mark.parametrize(
    ("declared", "entity", "variant"),
    [
        ("新疆八一钢铁", "Xinjiang Bayi Iron", "variant_pinyin"),
        ("Супермакс", "Supermax", "variant_cyrillic"),
    ],
)
def test_bridged_spellings_are_possible_never_strong(declared, entity, variant):
    ms = default_screener().match([declared], None, AS_OF)[0]
    assert ms and entity in ms[0].entry.entity
    assert {m.cls for m in ms} == {"possible"}
    assert ms[0].features[variant] == 1.0


def test_a_latin_name_reaches_a_chinese_alias_through_pinyin_as_possible():
    ms = default_screener().match(["He Sheng Silicon Industry"], None, AS_OF)[0]
    assert ms and "Hoshine" in ms[0].entry.entity
    assert ms[0].cls == "possible" and ms[0].features.get("short_form") == 1.0


@pytest.mark.parametrize(
    ("declared", "entity", "through"),
    [
        # a short form without the trade words
        ("Xinjiang East Hope", "Xinjiang East Hope Nonferrous", "alias_trade_words_off"),
        ("Xinjiang East Hope Group", "Xinjiang East Hope Nonferrous", "alias_trade_words_off"),
        # another trade word
        (
            "Zhuhai Pantum Technology Co., Ltd.",
            "Zhuhai Pantum Electronics",
            "alias_trade_words_off",
        ),
        # a word spelt another known way (Bidi, Beedi)
        ("Mangalore Ganesh Bidi", "Mangalore Ganesh Beedi", "variant_spelling"),
        ("Mangalore Ganesh Bidi Works", "Mangalore Ganesh Beedi", "variant_spelling"),
    ],
)
def test_one_word_differing_in_a_known_way_is_a_possible_match_never_strong(
    declared, entity, through
):
    ms = default_screener().match([declared], None, AS_OF)[0]
    assert ms and entity in ms[0].entry.entity
    assert {m.cls for m in ms} == {"possible"}
    assert ms[0].features[through] == 1.0


@pytest.mark.parametrize(
    ("declared", "entity"),
    [
        # another firm's words beside the listed firm's place and name
        ("Xinjiang Tianshan Animal Husbandry Bio-Engineering Co., Ltd.", "Tianshan Wool"),
        # a name word not written as listed
        ("Zhejiang Weixing Industrial Development Co., Ltd.", "Zhejiang Weixin"),
        ("Zhuhai Pantom Technology", "Zhuhai Pantum"),
    ],
)
def test_a_name_without_its_trade_words_matches_only_the_same_words(declared, entity):
    ms = default_screener().match([declared], None, AS_OF)[0]
    assert not any(entity in m.entry.entity for m in ms), ms


def test_trade_words_off_keeps_the_list_spelling_and_needs_a_firm_word():
    assert trade_words_off("Xinjiang East Hope Nonferrous Metals Co., Ltd.") == "Xinjiang East Hope"
    assert trade_words_off("Zhuhai Pantum Electronics Co. Ltd.") == "Zhuhai Pantum"
    assert trade_words_off("Hoshine Silicon Industry") is None  # one word left
    assert trade_words_off("Xinjiang Cotton Industry") is None  # a place left
    assert trade_words_off("Supermax Corporation Berhad") is None  # no trade word


def test_a_unit_of_an_entry_not_covering_subsidiaries_is_only_possible():
    entries = [list_entry("E1", "Qilin Zorvath Textile Co., Ltd.", country=None)]
    got = Screener(entries, aliases=[]).match(["Qilin Zorvath Textile, 3rd Branch"], None, AS_OF)
    assert [m.cls for m in got[0]] == ["possible"]
    assert got[0][0].features["variant_unit"] == 1.0


def test_script_folding_and_pinyin():
    assert simplified("東莞綠洲鞋業 有限公司") == "东莞绿洲鞋业有限公司"
    assert fold_unicode("ꜱᴜᴘᴇʀᴍᴀx") == ("supermax", ("confusable",))
    assert hanzi_to_latin("新疆八一钢铁有限公司") == "xinjiang bayi iron and steel"
    assert hanzi_to_latin("合盛硅业", spaced=True) == "he sheng silicon industry"
    assert hanzi_to_latin("Supermax") is None
    assert declared_variants("Maple Leaf Textiles") == ()


def test_every_listed_name_screens_strong_by_its_own_listed_text():
    reference = get_reference()
    screener = default_screener()
    extra = aliases_by_entity(reference.entity_aliases())
    texts, wanted = [], []
    for entry in screener.entries:
        names = [n.text for n in entry_names(entry, extra) if n.kind != "short_form"]
        if names:  # an entry naming a party: its own entity cell too
            names.append(str(entry.entity))
        texts += names
        wanted += [entry.id] * len(names)
    assert len(texts) > 400
    results = screener.match(texts, None, AS_OF)
    missed = [
        (t, w)
        for t, w, ms in zip(texts, wanted, results, strict=True)
        if not any(m.entry.id == w and m.cls == "strong" for m in ms)
    ]
    assert not missed, missed[:40]


@pytest.mark.skipif(not DATA_2026_12.is_dir(), reason="../shared/data/2026-12 not present")
@pytest.mark.parametrize(
    ("file", "name_col", "entity_col"),
    [
        ("chinese_names_held_under_other_key.csv", "chinese_name", "entity_in_shipped_list"),
        ("uflpa_cbp_chinese_names_found.csv", "chinese_name", "entity"),
    ],
)
def test_the_chinese_names_found_in_2026_12_reach_their_shipped_entity(file, name_col, entity_col):
    with (DATA_2026_12 / file).open(encoding="utf-8", newline="") as fh:
        rows = [
            r
            for r in csv.DictReader(fh)
            if r["source_url" if "source_url" in r else "source"].startswith("http")
        ]
    assert rows
    results = default_screener().match([r[name_col] for r in rows], None, AS_OF)
    for row, ms in zip(rows, results, strict=True):
        assert any(m.cls == "strong" and m.entry.entity == row[entity_col] for m in ms), row


# --- the cheap sign tests of the Latin-script spellings change no result -------------

_ONE_LETTER = re.compile(r"(?:^|\s)[A-Za-z]\s+[A-Za-z](?:\s|$)")
_CAMEL_SIGN = re.compile(r"[a-z][A-Z]")


def _latin_reference(name: str) -> tuple[tuple[str, str], ...]:
    """``declared_variants`` of an ASCII name as first written: every pattern tried on
    every name holding one of the signs, no cheaper test in front (the reference)."""
    out: dict[str, str] = {}
    low = name.lower()
    if not (
        any(c in name for c in ".-_;,")
        or "and" in low
        or "with" in low
        or _ONE_LETTER.search(name)
        or _CAMEL_SIGN.search(name)
    ):
        return ()
    if variants._SPACED.search(name):
        out.setdefault(
            variants._SPACED.sub(lambda m: re.sub(r"[ .\-_]", "", m.group(0)) + " ", name),
            "spaced",
        )
    if _CAMEL_SIGN.search(name) and variants._CAMEL.search(name):
        out.setdefault(
            variants._CAMEL.sub(lambda m: re.sub(r"(?<=[a-z])(?=[A-Z])", " ", m.group(0)), name),
            "camel",
        )
    if variants._HYPHEN.search(name):
        out.setdefault(variants._HYPHEN.sub("", name), "hyphen")
    scoped = variants._scope_off(name) if ("and" in low or "with" in low) else None
    if scoped:
        out.setdefault(scoped, "scope")
    if ";" in name:
        for part in name.split(";"):
            out.setdefault(
                variants._scope_off(variants._NOTE.sub(" ", part)) or part.strip(), "parts"
            )
    unit = variants._UNIT.match(name) if "," in name else None
    if unit:
        out.setdefault(unit.group("head"), "unit")
    _, pattern, others = variants._spellings()
    for word in dict.fromkeys(m.group(0).lower() for m in pattern.finditer(name)):
        for other in others[word]:
            out.setdefault(re.sub(rf"\b{word}\b", other, name, flags=re.IGNORECASE), "spelling")
    out.pop(name, None)
    return tuple((t, k) for t, k in out.items() if t.strip())


_PIECES = (
    "Xinjiang",
    " ",
    ",",
    ", ",
    "Co.",
    "Ltd",
    "1st",
    "no. 3",
    "No",
    "Division",
    "branch",
    "Plant",
    "mill",
    "\n",
    "-",
    "_",
    ".",
    ";",
    "and",
    "With",
    "its subsidiaries",
    "and its subordinate and affiliated entities",
    "S",
    "u",
    "p",
    "A",
    "b",
    "Ab",
    "aB",
    "3",
    "M",
    "(",
    ")",
    "Top",
    "Glove",
    "TopGlove",
    "x",
    "Unit",
    "office",
    "farm",
    "2nd",
    "Non-Ferrous",
    "S.U.P.E.R",
    "S u p e r",
    "Regiment",
)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=10))
def test_latin_spellings_are_those_of_trying_every_pattern(pieces):
    name = "".join(pieces)
    assert declared_variants(name) == _latin_reference(name)


@pytest.mark.parametrize(
    "name",
    [
        "S u p e r m a x",
        "(A B C)",
        "SU.P",
        "3M Company",
        "Xinjiang Foo Textile Co., Ltd.",
        "Xinjiang Production & Construction Corps, 1st Division",
        "Qilin Zorvath Textile, 3rd Branch",
        "A; B Holdings and its subsidiaries",
    ],
)
def test_latin_spellings_of_known_shapes_match_the_reference(name):
    assert declared_variants(name) == _latin_reference(name)
