"""The fast name analysis gives exactly what the plain one gave.

``analyze_name``, ``declared_parts`` and ``declared_token_class`` were made
faster (an ASCII path, per-word caches, a cheap first test, one ``cdist`` call
for a batch of words). The plain code they replaced is kept in
tests/fastnorm_reference.py, unchanged but for names, as the reference: every
real name of ``bench/data`` (Latin and Chinese), synthetic bench names and
hostile inputs (look-alike letters,
invisible and direction characters, full-width letters, Chinese legal
suffixes, a/k/a and ticker forms) must give equal results, field by field.
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrisk.screening import normalize, parts, word_classes
from scrisk.screening.normalize import analyze_name
from scrisk.screening.parts import declared_parts
from scrisk.screening.word_classes import declared_token_class, declared_token_classes, token_class
from scrisk.screening.words import DISTINCTIVE

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data"

from fastnorm_reference import (  # noqa: E402  (the plain code the fast one replaced)
    _REF_LONG_LIST,
    _REF_LONG_WORDS,
    _REF_TABLES,
    _ref_is_cjk,
    _ref_legal_typo,
    ref_analyze_name,
    ref_declared_parts,
    ref_declared_token_class,
    ref_token_class,
)

# ----------------------------------------------------------------------------- inputs

TRICKY = [
    "",
    " ",
    "Company Limited",
    "The Co",
    "Ltd",
    "Co Ltd Co Ltd",
    "S.A. de C.V.",
    "PT Sritex Tbk",
    "Acme AG",
    "Sino Ag Pt Textiles Co",
    "GX Corpoiration Sdn Bhd",
    "YTY Industry Lmited",
    "Laglove (M) Sdn. Bhd.",
    "SUPERMAX GLOVE MFG SDN. BHD.",
    "Supermax Glove Mfg",
    "Hero Vast Intl Trading",
    "Sigma Glove Ind",
    "Brightway Hldgs",
    "XI'AN  Café & Co.",
    "O'Neil & Sons + Partners`s",
    "Bonechar Carvão Ativado Do Brasil Ltda.",
    "Ѕupermаx Glove Manufacturing",
    "ООО Ромашка",
    "ООО Ѕupermаx",
    "S\u200du\u200dp\u200de\u200drmax Glove Manufacturing",
    "S\u0336u\u0336permax Glove Manufacturing",
    "\u202egnirutcafunaM evolG xamrepuS",
    "\u202egnirutcafunaM\u202c evolG xamrepuS",
    "ＳＵＰＥＲＭＡＸ Glove Manufacturing",
    "\u00a0Acme Ltd\u00a0",
    "上海精选安全用品有限公司",
    "喀什建工(集团)有限责任公司",
    "新疆合盛硅业有限公司有限公司",
    "有限公司",
    "合盛硅业股份有限公司 Hoshine Silicon",
    "東京株式会社",
    "Acme合盛硅业Ltd有限公司",
    "3M中国 Co",
    "ｶﾀｶﾅ工業株式会社",
    "合𠀀盛 서울abc東",
    "Ltd 有限公司",
    "서울 주식회사",
    "Daqo New Energy Corp. (NYSE: DQ)",
    "Acme (Shanghai) Ltd (SSE: 603260)",
    "Zijin Mining (2899.HK)",
    "Zijin Mining (601899)",
    "Zijin Mining [SSE:601899]",
    "Zijin Mining（601899）",
    "Zijin Mining【SSE：601899】",
    "A Ltd a/k/a B Ltd",
    "A Ltd A.K.A. B Ltd",
    "A Ltd aka B Ltd; fka C Ltd, dba D",
    "A Ltd, now B Ltd",
    "A Ltd; renamed B Ltd",
    "A Ltd,now  B Ltd",
    "A Ltd (formerly FELDA Global Ventures Holdings)",
    "FGV Holdings Berhad (formerly FELDA Global Ventures Holdings)",
    "Acme Trading Co a/k/a Supermax Glove Manufacturing",
    "Acme Trading As Ltd",
    "Acme trading as Beta",
    "Acme t/a Beta",
    "Acme D/B/A Beta N/K/A Gamma F/K/A Delta",
    "Acme also known as Beta, previously known as Gamma",
    "Acme now known as Beta",
    "Acme previously Beta",
    (
        "Anhui Xinya New Materials Co., Ltd. (formerly known as Chaohu Youngor Color Spinning "
        "Technology Co., Ltd.; and Chaohu Xinya Color Spinning Technology Co., Ltd.)"
    ),
    "Yunnan Machinery, a/k/a Golden Horse (JinMa) Diesel Factory, a/k/a Yunnan 1st Prison",
    "A (B (C) D) E",
    "A ( ) B",
    "A () B [] C",
    "Acme \u212aa Beta",  # Kelvin sign: IGNORECASE matches it to "k"
    "Acme a\u212aa Beta",
    "Acme \u017fomething formerly Beta",
    "Acme formerly Beta",
    "Acme formerly\u00a0Beta",
    "Acme ,\u2003now Beta",
    "Acme, NOW Beta",
    "Acme, Now\tBeta",
    "Acme, re\u0130named Beta",
    "Acme, \u0131\u0130 Beta",
    "Acme Previou\u017fly Beta",
    "Acme tradıng as Beta",
    "Acme trad\u0130ng as Beta",
    "_Acme_ Ltd",
    "Acme_aka_Beta",
    "Acme-aka-Beta",
    "1234",
    "a b c d e f g h",
    "Co",
    "Xinjiang",
    "Industnies",
    "Corporaton Limted",
    "Acme Ltd (M) Sdn Bhd Co Ltd Inc",
    "The And Of",
    "Ltd Acme Ltd",
    "Sa Acme Sa",
    "Pt Pt",
    "AG",
]


def _csv_names(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [row["name"] for row in csv.DictReader(fh)]


@pytest.fixture(scope="module")
def names() -> list[str]:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from bench_screening import synthetic_names
        from screening_quality import list_entries
    finally:
        sys.path.remove(str(ROOT / "bench"))
    entries = list(list_entries())
    synthetic, _ = synthetic_names(4000, entries, 7)
    listed = [n for e in entries for n in (e.entity, *e.aliases)]
    real = _csv_names(DATA / "real_negatives.csv") + _csv_names(DATA / "real_names.csv")
    assert len(real) > 26_000 and any(not n.isascii() for n in real)
    out = list(dict.fromkeys([*TRICKY, *real, *listed, *synthetic]))
    # the same names with every letter's case turned: legal forms and keywords in capitals
    return out + [n.swapcase() for n in out[:3000]]


def _fresh() -> None:
    normalize.clear_caches()
    parts._parts.cache_clear()


# ----------------------------------------------------------------------------- identity


def test_analyze_name_equals_the_plain_implementation(names):
    _fresh()
    differ = [n for n in names if analyze_name(n) != ref_analyze_name(n)]
    assert differ == []
    # and again from warm word caches (an order-dependent cache would show here)
    normalize._NAMES.clear()
    assert [n for n in reversed(names) if analyze_name(n) != ref_analyze_name(n)] == []


def test_declared_parts_equals_the_plain_implementation(names):
    _fresh()
    assert [n for n in names if declared_parts(n) != ref_declared_parts(n)] == []
    spaced = [n.replace(" ", "  ").replace(",", " , ") for n in names[:3000]]
    assert [n for n in spaced if declared_parts(n) != ref_declared_parts(n)] == []


def _words(names: list[str]) -> list[str]:
    words = {t for n in names for p in ref_declared_parts(n) for t in ref_analyze_name(p).tokens}
    words |= set(_REF_LONG_LIST)  # every known long word, and one typo in each
    rng = random.Random(3)
    for w in _REF_LONG_LIST:
        i = rng.randrange(len(w))
        words |= {w[:i] + w[i + 1 :], w[:i] + "x" + w[i + 1 :], w + "s", w[:i] + w[i] + w[i:]}
    return sorted(words)


def test_declared_token_class_one_by_one_and_in_a_batch_equal_the_plain_one(names, monkeypatch):
    words = _words(names)
    expected = [ref_declared_token_class(w) for w in words]
    assert len(words) > 30_000 and expected.count(DISTINCTIVE) < len(words)
    # fuzzy-found classes (a typo of a known word) are among them
    assert sum(1 for w, c in zip(words, expected, strict=True) if c != ref_token_class(w)) > 500
    _fresh()
    assert declared_token_classes(words) == expected
    # the batch filled the cache the one-by-one function reads: no fuzzy search is left
    with monkeypatch.context() as m:
        m.setattr(word_classes, "nearest_word", _no_search)
        assert [declared_token_class(w) for w in words] == expected
    _fresh()
    assert [declared_token_class(w) for w in words] == expected
    _fresh()
    half = words[::2]
    assert [declared_token_class(w) for w in half] == expected[::2]
    shuffled = words[::-1] + words[:50]  # repeated words and a warm cache
    assert declared_token_classes(shuffled) == expected[::-1] + expected[:50]
    assert declared_token_classes([]) == []


def _no_search(*args, **kwargs):
    raise AssertionError("a word the batch classed was searched again")


def test_a_batch_split_into_blocks_gives_the_same_classes(names, monkeypatch):
    words = _words(names)[:3000]
    expected = [ref_declared_token_class(w) for w in words]
    _fresh()
    monkeypatch.setattr(word_classes, "_CDIST_BLOCK_BYTES", 8 * 360 * 7)  # a few rows a block
    assert declared_token_classes(words) == expected


def test_ties_take_the_first_choice_like_extract_one():
    from rapidfuzz import fuzz, process

    # words equally near two known words: extractOne keeps the first in order
    ties = []
    for w in _REF_LONG_LIST:
        for i in range(len(w)):
            for typo in (w[:i] + w[i + 1 :], w[:i] + "e" + w[i + 1 :]):
                if len(typo) < 6 or ref_token_class(typo) != DISTINCTIVE:
                    continue
                scores = [fuzz.ratio(typo, c) for c in _REF_LONG_LIST]
                best = max(scores)
                tied = [c for c, s in zip(_REF_LONG_LIST, scores, strict=True) if s == best]
                if best >= 85 and len(tied) > 1:
                    ties.append((typo, tied[0], len({_REF_LONG_WORDS[c] for c in tied})))
    # ties, some between known words of different classes: the order decides the class
    assert len(ties) >= 20 and any(kinds > 1 for _, _, kinds in ties), ties
    _fresh()
    got = declared_token_classes([t for t, _, _ in ties])
    for (typo, first, _), cls in zip(ties, got, strict=True):
        best = process.extractOne(typo, _REF_LONG_LIST, scorer=fuzz.ratio, score_cutoff=85)
        assert best is not None and best[0] == first
        assert cls == _REF_LONG_WORDS[first] == ref_declared_token_class(typo)


# pieces random names are made of, "|" between them
PIECES = st.sampled_from(
    "| |,|;|(|)|[|]|（|）|【|】|/|.|:|&|'|-|a/k/a|aka|AKA|fka|dba|n/k/a|t/a|known as|formerly|"
    "previously|trading as|now |renamed |NYSE: DQ|601899|2899.HK|Co|Ltd|Co., Ltd.|Sdn Bhd|"
    "S.A. de C.V.|Limited|Lmited|PT|AG|the|and|of|Mfg|Intl|Glove|Xinjiang|Supermax|Corporaton|"
    "有限公司|(集团)|合盛硅业|\u212a|\u017f|\u0131|\u0130|\u00a0|\u200d|\u202e|\u202c|"
    "Ｓ|Ѕ|а|é|\u0336|\t|_|`|+|\u3000|\x1c".split("|")[1:]
)


@given(st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=12).map("".join))
def test_random_names_give_what_the_plain_implementation_gives(text):
    assert analyze_name(text) == ref_analyze_name(text)
    assert declared_parts(text) == ref_declared_parts(text)
    for word in ref_analyze_name(text).tokens:
        assert declared_token_class(word) == ref_declared_token_class(word)
    assert declared_token_classes(list(ref_analyze_name(text).tokens)) == [
        ref_declared_token_class(w) for w in ref_analyze_name(text).tokens
    ]


def test_token_class_is_unchanged():
    words = [*_REF_LONG_LIST, *_REF_TABLES.classes, "a", "Z", "7", "é", "supermax", ""]
    assert [token_class(w) for w in words] == [ref_token_class(w) for w in words]


def test_the_name_cache_drops_its_older_half_when_full_and_answers_alike(names, monkeypatch):
    import dataclasses

    monkeypatch.setattr(normalize, "_MAX_NAMES", 64)
    _fresh()
    sample = names[:300]
    first = [analyze_name(n) for n in sample]
    assert len(normalize._NAMES) <= 64
    assert sample[-1] in normalize._NAMES and sample[0] not in normalize._NAMES
    assert [analyze_name(n) for n in sample] == first == [ref_analyze_name(n) for n in sample]
    parts = analyze_name("Supermax Glove Manufacturing Sdn. Bhd.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        parts.core = "x"  # type: ignore[misc]
    assert hash(parts) == hash(ref_analyze_name("Supermax Glove Manufacturing Sdn. Bhd."))


def test_cjk_runs_are_the_characters_of_the_plain_test():
    every = "".join(map(chr, range(0x110000)))
    found = "".join(normalize._CJK_RUN.findall(every))
    assert found == "".join(c for c in every if _ref_is_cjk(c))


def test_typos_of_legal_words_are_put_right_as_before():
    rng = random.Random(5)
    words = []
    for w in _REF_TABLES.long_legal:
        if not w.isascii():
            continue
        for i in range(len(w) + 1):
            c = rng.choice("abcdefghijklmnopqrstuvwxyz")
            words += [w[:i] + w[i + 1 :], w[:i] + c + w[i + 1 :], w[:i] + c + w[i:]]
            words += [w[:i] + w[i + 2 :], w[:i] + c + c + w[i:], (w + w)[i : i + len(w) + 4]]
    words += ["".join(rng.choices("aeilmnoprstdc", k=rng.randint(5, 20))) for _ in range(3000)]
    assert sum(1 for w in words if _ref_legal_typo(w) != w) > 100
    normalize.clear_caches()
    assert [normalize._legal_typo(w) for w in words] == [_ref_legal_typo(w) for w in words]
    # and through whole names
    names = [f"Acme {w} Glove {w.upper()}" for w in words[:2000]]
    assert [analyze_name(n) for n in names] == [ref_analyze_name(n) for n in names]
