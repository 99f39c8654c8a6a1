"""One folding of look-alike and invisible characters, applied to declared and listed names.

A bidder can make "Supermax" unreadable to a matcher yet identical on screen:
Cyrillic "Ѕ" and "а" for Latin "S" and "a", zero-width joiners between the
letters, combining strokes over them, full-width letters, or the name typed
backwards inside a right-to-left override. :func:`fold_unicode` undoes all of
these before matching and says which it undid, so the screen can flag the
name for a reviewer (a name written to look like another deserves a look)
while still showing it exactly as declared.

The look-alike table is Unicode's confusables data (``confusables.txt``,
Unicode Technical Standard #39) as packaged by ``confusable-homoglyphs``:
every Cyrillic or Greek letter whose confusable is one Latin letter, and the
Latin small capitals ("ꜱᴜᴘᴇʀᴍᴀx"), which NFKC leaves alone.

Chinese is written in two scripts: the lists and the press write a firm in
simplified characters (东莞绿洲鞋业) or in traditional ones (東莞綠洲鞋業). Both
are folded to simplified with OpenCC's ``t2s`` tables (the converter most
Chinese software uses), and spaces between Chinese characters ("合 盛 硅 业")
are dropped; neither is reported (writing a name in either script is normal).
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources

# kinds reported in Match.features as "folded_<kind>"
KINDS = ("bidi", "combining", "confusable", "invisible", "width")

_RLO, _PDF = "\u202e", "\u202c"
# explicit directional formatting characters (UAX #9) and the Arabic letter mark
_BIDI = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_SCRIPTS = ("CYRILLIC", "GREEK")


@cache
def _confusables() -> dict[str, str]:
    """Cyrillic and Greek letters -> the one Latin letter they are confusable with."""
    root = resources.files("confusable_homoglyphs")
    data = json.loads(root.joinpath("confusables.json").read_text(encoding="utf-8"))
    table: dict[str, str] = {}
    for char, glyphs in data.items():
        if len(char) != 1 or not unicodedata.name(char, "").startswith(_SCRIPTS):
            continue
        latin = [g["c"] for g in glyphs if len(g["c"]) == 1 and g["n"].startswith("LATIN ")]
        if latin:
            table[char] = latin[0]
    for code in range(0x0250, 0xA800):  # Latin small capitals: IPA ... Latin extended-D
        char = chr(code)
        name = unicodedata.name(char, "")
        if name.startswith("LATIN LETTER SMALL CAPITAL ") and len(name) == 28:
            table[char] = name[-1].lower()
    return table


# Han ideographs (CJK unified, extension A, compatibility) with spaces between them
_HAN_SPACED = re.compile(
    r"(?<=[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])\s+(?=[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])"
)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@cache
def _t2s() -> object:
    import opencc

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """``text`` with traditional Chinese characters written simplified and no spaces
    between Chinese characters; text without any is returned unchanged."""
    if _HAN.search(text) is None:
        return text
    text = _HAN_SPACED.sub("", text)
    return str(_t2s().convert(text))  # type: ignore[attr-defined]


def _unreverse(text: str) -> str:
    """Text inside a right-to-left override is shown backwards: put it in display order."""
    out: list[str] = []
    i = 0
    while i < len(text):
        j = text.find(_RLO, i)
        if j < 0:
            out.append(text[i:])
            break
        out.append(text[i:j])
        k = text.find(_PDF, j + 1)
        end = len(text) if k < 0 else k
        out.append(text[j + 1 : end][::-1])
        i = end + 1
    return "".join(out)


def _latin(c: str) -> bool:
    return c.isascii() and c.isalpha()


def _native(word: str, table: dict[str, str]) -> bool:
    """A real Cyrillic or Greek word: it has letters with no Latin look-alike ("Ромашка")."""
    return any(c.isalpha() and not _latin(c) and c not in table for c in word)


def _map_word(word: str, table: dict[str, str], *, native_name: bool) -> str:
    """Map look-alikes in a word that mixes them with Latin letters, or is made only of
    them (unless the name has real Cyrillic or Greek words: "ООО Ромашка" stays)."""
    if not any(c in table for c in word) or _native(word, table):
        return word
    if native_name and not any(_latin(c) for c in word):
        return word
    return "".join(table.get(c, c) for c in word)


@lru_cache(maxsize=1 << 16)
def fold_unicode(text: str) -> tuple[str, tuple[str, ...]]:
    """``text`` with look-alikes, invisible characters and overrides undone, and what was undone.

    Returns the folded text and the sorted kinds found: ``bidi`` (direction
    overrides; reversed runs are put back in display order), ``invisible``
    (zero-width and other format characters), ``combining`` (combining marks
    not part of a composed letter, such as strokes laid over a letter),
    ``width`` (full-width Latin letters and digits), ``confusable`` (Cyrillic or
    Greek letters written for Latin ones). Plain ASCII is returned unchanged.
    """
    if text.isascii():
        return text, ()
    kinds: set[str] = set()
    if any(c in _BIDI for c in text):
        kinds.add("bidi")
        if _RLO in text:
            text = _unreverse(text)
        text = "".join(c for c in text if c not in _BIDI)
    if any(unicodedata.category(c) == "Cf" for c in text):
        kinds.add("invisible")
        text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    composed = unicodedata.normalize("NFC", text)
    if any(unicodedata.combining(c) for c in composed):
        kinds.add("combining")
        text = "".join(c for c in composed if not unicodedata.combining(c))
    if any("\uff10" <= c <= "\uff5a" and c.isalnum() for c in text):
        kinds.add("width")
    text = unicodedata.normalize("NFKC", text)
    table = _confusables()
    if any(c in table for c in text):
        words = text.split(" ")
        native = any(_native(w, table) for w in words)
        folded = [_map_word(w, table, native_name=native) for w in words]
        if folded != words:
            kinds.add("confusable")
            text = " ".join(folded)
    return simplified(text), tuple(sorted(kinds))


__all__ = ["KINDS", "fold_unicode", "simplified"]
