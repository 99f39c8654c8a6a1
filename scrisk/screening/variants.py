"""Other spellings of a declared name, screened as further queries.

A name can be written so that it reads the same to a person but not to a
matcher ("S u p e r m a x", "S.U.P.E.R.M.A.X.", "SupermaxGloveManufacturing",
"Non-Ferrous"), carry a scope or a unit the list does not ("... and its
subordinate and affiliated entities", "..., 1st Division", "...奇台糖业分公司"),
or be written in another script than the list's (新疆八一钢铁 for "Xinjiang Bayi
Iron & Steel", "Супермакс"). Each such spelling is one more query of the name;
a match through it says which (``Match.features["variant_<kind>"]``).

Bridged spellings (pinyin, Cyrillic transliteration) and units of an entry that
does not cover its subsidiaries are leads, not proof: their matches stay
"possible" at most (``CAPPED``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache

from scrisk.screening.unicode_fold import simplified
from scrisk.screening.words import data_file, word_tables

# kinds whose matches are "possible" at most ("unit": unless the entry covers
# subsidiaries, which the matcher knows)
CAPPED = frozenset({"pinyin", "cyrillic", "unit", "spelling"})

# pinyin is lossy (homophones: 美的 "meide", 美克 "meike"): a match across scripts counts
# only from this score on, and never pinyin against pinyin (Chinese characters are
# compared as written)
BRIDGE_MIN_SCORE = 90.0
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RUN = re.compile(f"[{_HAN}]+")
_SPACED = re.compile(
    r"(?<![A-Za-z])(?:[A-Za-z](?:[ .\-_]+|(?=[A-Z]\.)))(?:[A-Za-z][ .\-_]+){1,}[A-Za-z]\b\.?"
)
_CAMEL = re.compile(r"\b[A-Z][a-z]{2,}(?:[A-Z][a-z]{2,})+\b")
_NOTE = re.compile(r"\((?:and|subsidiar)[^()]*\)", re.IGNORECASE)
_ONE_LETTER = re.compile(r"(?:^|\s)[A-Za-z]\s+[A-Za-z](?:\s|$)")
_CAMEL_SIGN = re.compile(r"[a-z][A-Z]")
_HYPHEN = re.compile(r"(?<=[A-Za-z])-(?=[A-Za-z])")
# a unit of a firm after its name ("..., 1st Division", "..., Kashgar Branch")
_UNIT_WORDS = (
    "division",
    "branch",
    "regiment",
    "plant",
    "factory",
    "mill",
    "farm",
    "unit",
    "office",
    "subsidiary",
)
_UNIT = re.compile(
    rf"^(?P<head>[^,]{{6,}}),\s*(?P<unit>.*\b(?:{'|'.join(_UNIT_WORDS)}|no\.?\s*\d+|"
    r"\d+(?:st|nd|rd|th))\b.*)$",
    re.IGNORECASE,
)
_DIGIT = re.compile("[0-9]")
# a branch, plant or office of a firm: no legal person of its own
_BRANCH = ("分公司", "分厂", "工厂", "分部", "办事处", "营业部", "分店", "厂")
# Russian letters as the press transliterates foreign firm names ("Макс" = "Max")
_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch - y - e yu ya".split(),
        strict=True,
    )
)


@cache
def _words() -> tuple[tuple[str, str], ...]:
    """The bridge table (``hanzi_words.json``: trade words and places; the places of
    ``name_words.json`` in pinyin), longest Chinese word first."""
    data = data_file("hanzi_words.json")
    # places of ``name_words.json`` are words too, in pinyin ("石河子" -> "shihezi", not
    # "shihe zi..."), unless the lists write them otherwise ("places": 洛浦 "lop")
    places = data_file("name_words.json")["cjk_places"]
    table = {simplified(p): "".join(_pinyin(simplified(p))) for p in places}
    table.update(data["words"])
    table.update({word: latin for word, (latin, _) in data["places"].items()})
    return tuple(sorted(table.items(), key=lambda kv: (-len(kv[0]), kv[0])))


@cache
def _pinyin_places() -> frozenset[str]:
    """The places of the bridge table written in pinyin (one word a syllable when
    ``hanzi_to_latin`` spaces syllables), not by another name."""
    named = data_file("hanzi_words.json")["places"]
    places = data_file("name_words.json")["cjk_places"]
    return frozenset(simplified(p) for p in places) - frozenset(named)


# query kinds that bridge scripts (a list name of alias kind "pinyin" bridges too)
ACROSS = frozenset({"pinyin", "cyrillic"})


def bridged(kind: str, listed_kind: str, score: float) -> bool:
    """Whether a match of a query of ``kind`` ("" as written) with a list name of alias
    kind ``listed_kind`` is dropped: a bridge across scripts below the bridge score, or
    pinyin on both sides. (The matcher also prunes such pairs before scoring them.)"""
    if kind == "pinyin" and listed_kind == "pinyin":
        return True
    across = kind in ACROSS or listed_kind == "pinyin"
    return across and score < BRIDGE_MIN_SCORE


def _pinyin(chars: str) -> list[str]:
    """The pinyin syllables of ``chars``: from the shipped readings of the list names and
    places (``pinyin_readings.json``, what pypinyin gives for them), else from pypinyin.

    The shipped table spares every process the import of pypinyin and its dictionaries
    (about 0.5 s of CPU) to screen names in Latin letters against the lists."""
    for listen in _LISTENERS:
        listen(chars)
    known = _readings().get(chars)
    if known is not None:
        return list(known)
    return pypinyin_syllables(chars)


# told of every text read in pinyin (``readings.collect`` lists what the lists need)
_LISTENERS: list[Callable[[str], object]] = []


def pypinyin_syllables(chars: str) -> list[str]:
    """What pypinyin reads ``chars`` as (``lazy_pinyin``: no tones), one syllable an item."""
    from pypinyin import lazy_pinyin

    return [str(s) for s in lazy_pinyin(chars)]


READINGS = "pinyin_readings.json"


@cache
def _readings() -> dict[str, tuple[str, ...]]:
    """The shipped readings (``scrisk-pinyin/1``); none when the file is absent."""
    try:
        data = data_file(READINGS)
    except FileNotFoundError:
        return {}
    return {chars: tuple(syllables) for chars, syllables in data["readings"].items()}


def _syllable_words(run: str) -> list[str]:
    """Pinyin of a run of characters with no table word, two syllables a word (most
    Chinese place names and trade names are two characters; a run of three is one)."""
    syl = _pinyin(run)
    if len(syl) <= 3:
        return ["".join(syl)]
    words = ["".join(syl[i : i + 2]) for i in range(0, len(syl) - 1, 2)]
    if len(syl) % 2:
        words[-1] += syl[-1]
    return words


def _strip_cjk_legal(text: str) -> str:
    suffixes = word_tables().cjk_suffixes
    while True:
        for suffix in suffixes:
            if text.endswith(suffix) and len(text) > len(suffix):
                text = text[: -len(suffix)]
                break
        else:
            return text


_BY_LENGTH: dict[int, tuple[tuple[tuple[str, str], ...], dict[int, dict[str, str]]]] = {}


def _by_length(table: tuple[tuple[str, str], ...]) -> dict[int, dict[str, str]]:
    """The table's words by length, longest first (as the table is ordered); made once
    per table (``_words`` gives the same tuple each time)."""
    known = _BY_LENGTH.get(id(table))
    if known is not None and known[0] is table:
        return known[1]
    out: dict[int, dict[str, str]] = {}
    for word, latin in table:
        out.setdefault(len(word), {}).setdefault(word, latin)
    _BY_LENGTH.clear()
    _BY_LENGTH[id(table)] = (table, out)
    return out


def _segments(run: str, table: tuple[tuple[str, str], ...]) -> list[tuple[str, str | None]]:
    """A run of Chinese characters cut into the table's words (with their Latin form)
    and the runs between them (None), the longest word first from the end of the run
    (reverse maximum matching: 紫金矿业 is 紫金 + 矿业, not 紫 + 金矿 + 业)."""
    out: list[tuple[str, str | None]] = []
    end, plain = len(run), ""
    by_length = _by_length(table)
    while end > 0:
        # the longest table word ending here (one word of each length can): a lookup per
        # length, not a pass over the table
        hit = next(
            (
                (word, by_length[n][word])
                for n in by_length
                if n <= end and (word := run[end - n : end]) in by_length[n]
            ),
            None,
        )
        if hit is None:
            plain = run[end - 1] + plain
            end -= 1
            continue
        if plain:
            out.append((plain, None))
            plain = ""
        out.append(hit)
        end -= len(hit[0])
    if plain:
        out.append((plain, None))
    return out[::-1]


@lru_cache(maxsize=1 << 14)
def hanzi_to_latin(text: str, *, spaced: bool = False, translate: bool = True) -> str | None:
    """A name in Chinese characters written as the lists write Chinese firms in Latin
    letters: trade words translated (``hanzi_words.json``), the rest in pinyin
    ("新疆八一钢铁有限公司" -> "xinjiang bayi iron and steel"); ``spaced``: one word a
    syllable ("he sheng silicon industry"); not ``translate``: trade words in pinyin too,
    one word each, as a bidder writes a Chinese name in pinyin ("hesheng guiye").
    None without Chinese characters."""
    text = _strip_cjk_legal(simplified(text).replace(" ", ""))
    if not _HAN_RUN.search(text):
        return None
    table = _words()
    out: list[str] = []
    for piece in re.split(f"([{_HAN}]+)", text):
        if not _HAN_RUN.fullmatch(piece):
            out.extend(piece.split())
            continue
        for word, hit in _segments(piece, table):
            if hit is None:
                out.extend(_pinyin(word) if spaced else _syllable_words(word))
            elif translate and not (spaced and word in _pinyin_places()):
                out.append(hit)
            else:
                syllables = _pinyin(word)
                out.extend(syllables if spaced else ["".join(syllables)])
    latin = " ".join(w for w in " ".join(out).split() if w.isascii())
    return latin or None


def _branch_parent(text: str) -> str | None:
    """The firm a Chinese branch or plant name belongs to: the name up to its last legal
    form ("中粮糖业控股股份有限公司奇台糖业分公司" -> "中粮糖业控股股份有限公司"), else the
    name without the branch word."""
    name = simplified(text).strip()
    suffix = next((s for s in _BRANCH if name.endswith(s) and len(name) > len(s) + 1), None)
    if suffix is None:
        return None
    body = name[: -len(suffix)]
    ends = [body.rfind(s) + len(s) for s in word_tables().cjk_suffixes if body.rfind(s) > 0]
    return body[: max(ends)] if ends else body


def _cyrillic(text: str) -> str | None:
    letters = [c for c in text if c.isalpha()]
    if not letters or sum("\u0400" <= c <= "\u04ff" for c in letters) * 2 < len(letters):
        return None
    low = text.lower().replace("кс", "x")
    return "".join(_CYRILLIC.get(c, c) for c in low).replace("-", "")


# ASCII letters as "l" (lower case) and "U" (upper case), every other byte a space: the
# signs a Latin-script spelling needs are then plain substring tests (a lone letter,
# a lower-case letter before an upper-case one), not a regular-expression scan a name
_LETTER_CASE = bytes(
    ord("l") if 97 <= i <= 122 else ord("U") if 65 <= i <= 90 else 32 for i in range(256)
)


def declared_variants(name: str) -> tuple[tuple[str, str], ...]:
    """(spelling, kind) of the other spellings of ``name`` worth a query, deduplicated;
    most names have none."""
    return _latin_variants(name) if name.isascii() else _script_variants(name)


def _latin_variants(name: str) -> tuple[tuple[str, str], ...]:
    """``declared_variants`` of a name in ASCII. Each spelling is tried only when the
    name holds the sign it needs, tested cheaply first (most names hold none): a letter
    standing alone ("S u p", "S.U.P", "S-u-p") for the spaced one, a lower-case letter
    before an upper-case one for the camel one, a hyphen, a scope word, ";" or ","."""
    low = name.lower()
    scoped = "and" in low or "with" in low
    # searched as text: ``bytes in bytes`` first tries the needle as an int, and the
    # TypeError it makes and clears costs more than the search
    cases = f" {name.encode('ascii').translate(_LETTER_CASE).decode('ascii')} "
    lone = " l " in cases or " U " in cases
    camel = "lU" in cases
    spelt = _spelt()(low) is not None
    unit_sign = "," in name and _may_name_unit(low)
    if not (lone or camel or scoped or spelt or unit_sign or "-" in name or ";" in name):
        return ()
    out: dict[str, str] = {}
    if lone and _SPACED.search(name) and _spaced_sign(name, low):
        out.setdefault(
            _SPACED.sub(lambda m: re.sub(r"[ .\-_]", "", m.group(0)) + " ", name), "spaced"
        )
    if camel and _CAMEL.search(name):
        out.setdefault(
            _CAMEL.sub(lambda m: re.sub(r"(?<=[a-z])(?=[A-Z])", " ", m.group(0)), name),
            "camel",
        )
    if "-" in name and _HYPHEN.search(name):
        out.setdefault(_HYPHEN.sub("", name), "hyphen")
    scope = _scope_off(name) if scoped else None
    if scope:
        out.setdefault(scope, "scope")
    if ";" in name:  # several firms in one cell, as the lists write them
        for part in name.split(";"):
            out.setdefault(_scope_off(_NOTE.sub(" ", part)) or part.strip(), "parts")
    unit = _UNIT.match(name) if unit_sign else None
    if unit:
        out.setdefault(unit.group("head"), "unit")
    if spelt:
        _, pattern, others = _spellings()
        for word in dict.fromkeys(m.group(0).lower() for m in pattern.finditer(name)):
            for other in others[word]:
                out.setdefault(re.sub(rf"\b{word}\b", other, name, flags=re.IGNORECASE), "spelling")
    out.pop(name, None)
    return tuple((t, k) for t, k in out.items() if t.strip())


@cache
def _spellings() -> tuple[tuple[str, ...], re.Pattern[str], dict[str, tuple[str, ...]]]:
    """The words of ``name_words.json`` "spellings" (spellings of one word that differ
    in a known way), a pattern finding them as words, and each one's other spellings."""
    groups = [tuple(g) for g in data_file("name_words.json")["spellings"]]
    others = {w: tuple(o for o in g if o != w) for g in groups for w in g}
    words = tuple(sorted(others, key=lambda w: (-len(w), w)))
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)
    return words, pattern, others


@cache
def _spelt() -> Callable[[str], re.Match[str] | None]:
    """Whether a lower-case text holds a word of ``_spellings``, as a word or not (the
    cheap first test: one search, not a test a word)."""
    return re.compile("|".join(map(re.escape, _spellings()[0])) or "(?!)").search


def _may_name_unit(low: str) -> bool:
    """Whether the text after the first comma of a lower-case ASCII name holds a unit
    word or a digit (what ``_UNIT`` needs there; that pattern itself backtracks through
    every "..., Ltd." of a list of names)."""
    tail = low[low.index(",") + 1 :]
    return any(word in tail for word in _UNIT_WORDS) or _DIGIT.search(tail) is not None


def _spaced_sign(name: str, low: str) -> bool:
    """Whether a name with letters spaced apart also shows a separator sign: a
    punctuation mark, a scope word, two one-letter words or a lower-upper pair ("(A B C)"
    alone is not read as one word)."""
    return bool(
        any(c in name for c in ".-_;,")
        or "and" in low
        or "with" in low
        or _ONE_LETTER.search(name)
        or _CAMEL_SIGN.search(name)
    )


@lru_cache(maxsize=1 << 14)
def _script_variants(name: str) -> tuple[tuple[str, str], ...]:
    """``declared_variants`` of a name with letters outside ASCII: its firm when it
    names a branch, Chinese characters bridged to Latin letters, Cyrillic transliterated."""
    out: dict[str, str] = {}
    parent = _branch_parent(name)
    if parent:
        out.setdefault(parent, "branch")
    for text in (name, parent):
        latin = hanzi_to_latin(text) if text else None
        if latin:
            out.setdefault(latin, "pinyin")
    cyr = _cyrillic(name)
    if cyr:
        out.setdefault(cyr, "cyrillic")
    out.pop(name, None)
    return tuple((t, k) for t, k in out.items() if t.strip())


@cache
def _scope_phrases() -> tuple[re.Pattern[str], ...]:
    return tuple(
        re.compile(p, re.IGNORECASE) for p in data_file("list_phrases.json")["scope_phrases"]
    )


def _scope_off(name: str) -> str | None:
    """``name`` without a list's scope phrase ("... and its subordinate and affiliated
    entities"), the phrases of ``list_phrases.json``."""
    text = name
    for pattern in _scope_phrases():
        text = pattern.sub("", text)
    text = " ".join(text.split()).strip(" ,;")
    return text if text and text != name else None


__all__ = ["ACROSS", "BRIDGE_MIN_SCORE", "CAPPED", "bridged", "declared_variants", "hanzi_to_latin"]
