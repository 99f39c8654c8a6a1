"""Screening on real names: Chinese script, former names, subsidiaries, look-alike
letters, names holding several names, short words, and the candidate index."""

from __future__ import annotations

import random
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from list_entries import list_entry

from scrisk.reference import get_reference
from scrisk.reference.aliases import EntityAlias, read_aliases
from scrisk.reference.model import ListEntry
from scrisk.screening import Screener, default_screener
from scrisk.screening.entries import unmatched_aliases
from scrisk.screening.parts import declared_parts
from scrisk.screening.unicode_fold import fold_unicode
from scrisk.screening.word_classes import token_class

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2025, 6, 30)


def entry(
    eid: str,
    entity: str,
    *,
    aliases: tuple[str, ...] = (),
    country: str = "CN",
    covers: bool = False,
) -> ListEntry:
    return list_entry(eid, entity, aliases=aliases, country=country, covers=covers)


def alias(entity: str, text: str, kind: str) -> EntityAlias:
    return EntityAlias("Test list", entity, text, kind, "Hans", "https://example.org/", "t")


def best(screener: Screener, name: str, country: str | None = None):
    found = screener.match([name], [country], AS_OF)[0]
    return found[0] if found else None


@pytest.fixture(scope="module")
def lists() -> Screener:
    return default_screener()


# ----------------------------------------------------------------------------- look-alikes


@pytest.mark.parametrize(
    ("declared", "kind"),
    [
        ("Ѕupermаx Glove Manufacturing", "confusable"),  # Cyrillic Ѕ and а
        ("S\u200du\u200dp\u200de\u200drmax Glove Manufacturing", "invisible"),
        ("S\u0336u\u0336permax Glove Manufacturing", "combining"),
        ("\u202egnirutcafunaM evolG xamrepuS", "bidi"),
        ("ＳＵＰＥＲＭＡＸ Glove Manufacturing", "width"),
    ],
)
def test_a_name_written_to_look_like_a_listed_one_is_matched_and_flagged(lists, declared, kind):
    plain = best(lists, "Supermax Glove Manufacturing", "MY")
    m = best(lists, declared, "MY")
    assert m is not None and plain is not None
    assert (m.entry.id, m.cls, m.score) == (plain.entry.id, plain.cls, plain.score)
    assert m.features["folded"] == 1.0 and m.features[f"folded_{kind}"] == 1.0
    assert "folded" not in plain.features


def test_the_screen_row_shows_the_name_exactly_as_declared():
    from scrisk.screening.results import screen_rows

    name = "Ѕupermаx Glove Manufacturing"
    [row] = screen_rows([name], ["MY"], as_of=AS_OF, screener=default_screener())
    assert row.name == name and row.class_ == "strong"
    assert row.to_dict()["name"] == name and row.to_dict()["class"] == "strong"


def test_real_cyrillic_words_are_not_rewritten_as_latin():
    assert fold_unicode("ООО Ромашка") == ("ООО Ромашка", ())
    assert fold_unicode("ООО Ѕupermаx")[0] == "OOO Supermax"


# ----------------------------------------------------------------------------- Chinese script


def test_chinese_names_match_by_character_pairs_with_legal_suffixes_dropped():
    hoshine = entry("H", "Hoshine Silicon Industry Co. Ltd.")
    s = Screener(
        [hoshine],
        aliases=[
            alias("Hoshine Silicon Industry Co., Ltd.", "合盛硅业股份有限公司", "chinese_name")
        ],
    )
    for declared in ("合盛硅业股份有限公司", "合盛硅业有限公司", "合盛硅业（集团）有限公司"):
        m = best(s, declared, "CN")
        assert m is not None and m.matched_name == "合盛硅业股份有限公司", declared
    m = best(s, "浙江合盛硅业有限公司", "CN")  # the province in front: still found
    assert m is not None and m.cls in ("strong", "possible")
    assert best(s, "浙江龙盛集团股份有限公司", "CN") is None  # another firm of the province
    assert best(s, "合肥美菱有限公司", "CN") is None


def test_stock_short_names_and_acronyms_reach_possible_never_strong():
    e = entry("S", "Sime Darby Plantation Berhad", country="MY")
    s = Screener([e], aliases=[alias("Sime Darby Plantation Berhad", "SDP", "acronym")])
    m = best(s, "SDP", "MY")
    assert m is not None and m.cls == "possible"
    assert m.features["short_form"] == 1.0 and m.features["alias_acronym"] == 1.0


def test_former_names_from_the_alias_dataset_are_matched(lists):
    m = best(lists, "Felda Global Ventures Holdings Bhd", "MY")
    assert m is not None and "fgv" in m.entry.id and m.features["alias_former_name"] == 1.0
    m = best(lists, "SD Guthrie Berhad", "MY")
    assert m is not None and "sime-darby" in m.entry.id


# entities the alias dataset names that were only on the DHS 2026-07 edition of the
# UFLPA list when the aliases were compiled: the shipped lists now carry them
DHS_2026_07_ONLY = (
    "Hoshine Silicon Industry (Shanshan) Co., Ltd and subsidiaries",
    "Xinjiang GCL New Energy Material Technology, Co. Ltd",
    "KTK Group",
    "Nanjing Synergy Textiles Co., Ltd.",
    "Tanyuan Technology Co. Ltd.",
    "Hubei Yinfeng Cotton Co., Ltd.",
    "Aksu Huafu Color Spinning Co., Ltd.",
)


def test_every_shipped_alias_has_a_source_and_names_a_listed_entity():
    aliases = get_reference().entity_aliases()
    assert len(aliases) >= 40
    assert all(a.source_url.startswith("http") and a.source_title for a in aliases)
    assert unmatched_aliases(aliases, get_reference().list_entries()) == []
    # the ten aliases of entities only the DHS 2026-07 edition had now attach
    later = [a for a in aliases if a.entity in DHS_2026_07_ONLY]
    assert len(later) == 10 and {a.entity for a in later} == set(DHS_2026_07_ONLY)


@pytest.mark.parametrize("entity", DHS_2026_07_ONLY)
def test_aliases_of_entities_added_by_the_dhs_2026_list_screen_to_that_entity(lists, entity):
    from scrisk.screening.entries import entity_key, entry_names

    def names(e: ListEntry) -> set[str]:  # the entry's own names (a renamed entity: both)
        return {entity_key(n.text) for n in entry_names(e) if n.kind != "short_form"}

    for a in (a for a in get_reference().entity_aliases() if a.entity == entity):
        found = lists.match([a.alias], ["CN"], AS_OF)[0]
        m = next((m for m in found if entity_key(entity) in names(m.entry)), None)
        assert m is not None, (a.alias, [f.entry.entity for f in found])
        assert m.features[f"alias_{a.kind}"] == 1.0
        if a.kind not in ("acronym", "short_name"):
            assert m.cls == "strong", (a.alias, m.score)


def test_a_faulty_alias_file_is_refused_naming_every_row(tmp_path):
    from scrisk.errors import ScriskError

    path = tmp_path / "entity_aliases.csv"
    path.write_text(
        "list,entity,alias,kind,script,source_url,source_title,note\n"
        "L,A Co,甲,nickname,Hans,https://x.org/,t,\n"
        "L,B Co,乙,chinese_name,Hans,,t,\n",
        encoding="utf-8",
    )
    with pytest.raises(ScriskError) as err:
        read_aliases(path)
    assert "row 2, column kind" in str(err.value) and "row 3, column source_url" in str(err.value)


# ----------------------------------------------------------------------------- subsidiaries


def test_a_subsidiary_carrying_the_listed_names_distinctive_words_is_at_least_possible():
    listed = entry("H", "Hoshine Silicon Industry Co. Ltd. and its subsidiaries")
    by_field = entry("H", "Hoshine Silicon Industry Co. Ltd.", covers=True)
    plain = entry("H", "Hoshine Silicon Industry Co. Ltd.")
    name = "Xinjiang East Hoshine Silicon Co Ltd"
    for e in (listed, by_field):
        m = best(Screener([e], aliases=[]), name, "CN")
        assert m is not None and m.cls == "possible" and m.score == 72.0
        assert m.features["subsidiary"] == 1.0
    assert best(Screener([plain], aliases=[]), name, "CN") is None
    # a similar word is not the distinctive word
    assert best(Screener([listed], aliases=[]), "Shine Embroidery Ltd.", "CN") is None


def test_the_subsidiary_floor_needs_a_second_listed_word_and_no_other_country():
    # found among real unlisted firms: "Nantong Hesheng Garment", "HESHENG CO., LTD." (VN)
    listed = entry("H", "Hesheng Silicon Industry (Shanshan) Co.", covers=True)
    screener = Screener([listed], aliases=[])
    m = best(screener, "Heihe Hesheng Silicon Co Ltd", "CN")  # a second word: Silicon
    assert m is not None and m.cls == "possible" and m.features["subsidiary"] == 1.0
    assert best(screener, "Nantong Hesheng Garment Co Ltd", "CN") is None
    assert best(screener, "Hesheng Silicon Co., Ltd.", "VN") is None  # another country
    lax = Screener([listed], aliases=[], policy={"screening": {"subsidiary_floor_strict": False}})
    for name, country in (("Nantong Hesheng Garment Co Ltd", "CN"), ("Hesheng Silicon", "VN")):
        m = best(lax, name, country)
        assert m is not None and m.features["subsidiary"] == 1.0


@pytest.mark.parametrize(
    ("listed", "declared"),
    [
        # the listed name's distinctive word is missing from a name of generic words
        ("Jiangsu Gaozhao New Energy Development Co., Ltd.", "Jiangsu New Energy Development"),
        # names of generic words and a place: another place is another firm
        (
            "Kashgar Construction Engineering (Group) Co., Ltd.",
            "Shaanxi Construction Engineering Group Corporation Limited",
        ),
    ],
)
def test_names_of_generic_words_need_the_listed_key_words(listed, declared):
    screener = Screener([entry("G", listed)], aliases=[])
    assert best(screener, declared, "CN") is None
    assert best(screener, listed, "CN").cls == "strong"  # the listed name itself still is
    lax = Screener(
        [entry("G", listed)],
        aliases=[],
        policy={"screening": {"generic_names_need_key_words": False}},
    )
    assert best(lax, declared, "CN") is not None


def test_a_single_letter_names_no_firm():
    screener = Screener([entry("Z", "Zhuhai G&G Digital Technology Co., Ltd.")], aliases=[])
    assert token_class("g") == "generic" and token_class("合") == "distinctive"
    assert best(screener, "G.tech Technology Ltd.", "CN") is None
    assert best(screener, "Zhuhai G&G Digital Technology Co Ltd", "CN").cls == "strong"


def test_a_strong_match_carries_every_listed_word_but_places(lists):
    # Sime Darby Berhad is another firm of the group than the listed plantation company
    # (its best match is the listed name without its trade word, a short form: possible)
    m = best(lists, "Sime Darby Berhad", "MY")
    assert m is not None and m.cls == "possible" and m.features["alias_trade_words_off"] == 1.0
    assert {x.cls for x in lists.match(["Sime Darby Berhad"], ["MY"], AS_OF)[0]} == {"possible"}
    m = best(lists, "Sime Darby Plantation Bhd", "MY")
    assert m is not None and m.cls == "strong" and "listed_words_missing" not in m.features
    m = best(lists, "Daqo New Energy Co Ltd", "CN")  # the province left out: still strong
    assert m is not None and m.cls == "strong"


# ----------------------------------------------------------------------------- name parts


def test_names_holding_other_names_are_scored_part_by_part(lists):
    assert declared_parts("Daqo New Energy Corp. (NYSE: DQ)")[1:] == ("Daqo New Energy Corp.",)
    assert declared_parts("A Ltd a/k/a B Ltd")[1:] == ("A Ltd", "B Ltd")
    assert declared_parts("A Ltd, now B Ltd")[1:] == ("A Ltd", "B Ltd")
    m = best(lists, "FGV Holdings Berhad (formerly FELDA Global Ventures Holdings)", "MY")
    assert m is not None and m.cls == "strong" and m.features["name_part"] == 1.0
    m = best(lists, "Acme Trading Co a/k/a Supermax Glove Manufacturing", "MY")
    assert m is not None and m.cls == "strong" and "supermax" in m.entry.id


# ----------------------------------------------------------------------------- short words


@pytest.mark.parametrize(
    ("declared", "country"),
    [("OLIN Corp", "CN"), ("FG Holdings Ltd", "MY"), ("Western Copper & Gold", "CN")],
)
def test_short_words_and_generic_words_alone_do_not_match(lists, declared, country):
    assert best(lists, declared, country) is None


# ----------------------------------------------------------------------------- blocking


def _harness_cases():
    sys.path.insert(0, str(ROOT / "bench"))
    from screening_quality import build_cases

    entries = list(get_reference().list_entries())
    return entries, build_cases(entries, variants=2, seed=7)


def _same(a, b) -> bool:
    return [(m.entry.id, m.cls, m.score, m.matched_name) for m in a] == [
        (m.entry.id, m.cls, m.score, m.matched_name) for m in b
    ]


def test_the_candidate_index_gives_the_same_results_as_scoring_every_list_name():
    entries, cases = _harness_cases()
    names = [c.name for c in cases]
    rng = random.Random(3)
    # and random perturbations: letters swapped, dropped, doubled
    for c in rng.sample(cases, 300):
        w = list(c.name)
        i = rng.randrange(len(w))
        op = rng.choice(("drop", "double", "swap"))
        if op == "drop":
            del w[i]
        elif op == "double":
            w.insert(i, w[i])
        elif i + 1 < len(w):
            w[i], w[i + 1] = w[i + 1], w[i]
        names.append("".join(w))
    countries = [rng.choice(("CN", "MY", None)) for _ in names]
    full = Screener(entries, blocking=False).match(names, countries, AS_OF)
    blocked = Screener(entries).match(names, countries, AS_OF)
    diff = [n for n, a, b in zip(names, blocked, full, strict=True) if not _same(a, b)]
    assert not diff, diff[:5]
    assert sum(1 for r in blocked if r) > len(cases) // 5  # the sets do hold matches


def test_the_piece_index_for_glued_words_gives_the_same_results_too(monkeypatch):
    from scrisk.screening import index

    monkeypatch.setattr(index, "PIECES_FROM", 0)  # the path of long lists
    monkeypatch.setattr(index, "MOST_CROWDING", float("inf"))
    entries, cases = _harness_cases()
    names, countries = [c.name for c in cases], [c.country for c in cases]
    blocked = Screener(entries)
    got = blocked.match(names, countries, AS_OF)
    assert blocked.listed.index._pieces is not None
    full = Screener(entries, blocking=False).match(names, countries, AS_OF)
    assert all(_same(a, b) for a, b in zip(got, full, strict=True))


def test_pieces_find_every_word_within_the_ratio():
    from rapidfuzz import fuzz

    from scrisk.screening.index import _partner_lengths
    from scrisk.screening.pieces import PieceIndex

    rng = random.Random(3)
    alphabet = "abcdefgh"  # few letters: pieces shared by many words, many near pairs
    words = ["".join(rng.choice(alphabet) for _ in range(rng.randint(6, 18))) for _ in range(2000)]
    pieces = PieceIndex(words, list(range(len(words))), 90.0)
    found = 0
    for _ in range(1500):
        w = list(rng.choice(words))
        for _ in range(rng.randint(0, 3)):  # deletions, insertions, substitutions
            op, i = rng.choice("dis"), rng.randrange(len(w))
            if op == "d" and len(w) > 6:
                del w[i]
            elif op == "i":
                w.insert(i, rng.choice(alphabet))
            else:
                w[i] = rng.choice(alphabet)
        word = "".join(w)
        low, high = _partner_lengths(len(word), 90.0)
        want = [
            i
            for i, g in enumerate(words)
            if low <= len(g) <= high and fuzz.ratio(word, g, score_cutoff=90)
        ]
        assert pieces.near(word, low, high) == want, word
        found += len(want)
    assert found > 500  # words were found, not only none


def test_pairs_scored_in_small_batches_give_the_same_results(monkeypatch):
    from scrisk.screening import pairs

    entries, cases = _harness_cases()
    names, countries = [c.name for c in cases], [c.country for c in cases]
    whole = Screener(entries).match(names, countries, AS_OF)
    monkeypatch.setattr(pairs, "MAX_PAIRS", 7)
    batched = Screener(entries).match(names, countries, AS_OF)
    assert all(_same(a, b) for a, b in zip(whole, batched, strict=True))


def test_an_alias_record_for_an_entity_on_no_list_is_harmless():
    e = entry("X", "Xinjiang Example Textile Co., Ltd.")
    extra = [alias("Not Listed Anywhere Co., Ltd.", "无名公司", "chinese_name")]
    s = Screener([e], aliases=extra)
    # the entry's own name and that name without its trade word: no alias
    assert [n for _, n, _ in s.names] == ["Xinjiang Example Textile Co., Ltd.", "Xinjiang Example"]
    assert unmatched_aliases(extra, [e]) == extra
    assert replace(extra[0], entity=e.entity) not in unmatched_aliases(
        [replace(extra[0], entity=e.entity)], [e]
    )
