"""The word tables of company names, and the folding both sides share.

Legal forms (``legal_forms.json``), abbreviations and word classes
(``name_words.json``): data a reviewer can read and extend without touching
code, compiled once (:func:`word_tables`). :func:`fold` lowers a text and
takes accents and punctuation off, keeping letters of every script.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from importlib import resources
from typing import Any

from scrisk.screening.unicode_fold import fold_unicode

# Token weight classes; the numbers live in the policy ([screening.token_weights]).
GENERIC, PLACE, COMMON, DISTINCTIVE = "generic", "place", "common", "distinctive"


@cache
def data_file(name: str) -> dict[str, Any]:
    text = resources.files("scrisk.screening").joinpath(name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


class WordTables:
    """The word tables, compiled once."""

    def __init__(self) -> None:
        legal = data_file("legal_forms.json")
        words = data_file("name_words.json")
        self.cjk_suffixes: tuple[str, ...] = tuple(
            sorted(legal["cjk_suffixes"], key=len, reverse=True)
        )
        self.cjk_parenthesised = re.compile(
            r"\((?:" + "|".join(map(re.escape, legal["cjk_parenthesised"])) + r")\)"
        )
        self.anywhere = sequences(legal["anywhere"])
        self.edges = sequences(legal["edges"])
        # single words of legal forms: leftovers ("de", "sdn") count as generic, and
        # long ones are recognised through one typo ("Lmited", "Corpoiration")
        self.legal_words = frozenset(
            t
            for index in (self.anywhere, self.edges)
            for seqs in index.values()
            for s in seqs
            for t in s
        )
        self.long_legal = tuple(sorted(w for w in self.legal_words if len(w) >= 6))
        self.abbreviations: dict[str, str] = dict(words["abbreviations"])
        self.stopwords = frozenset(words["stopwords"])
        classes: dict[str, str] = {}
        # later classes do not override earlier ones: generic < place < common
        for cls, key in ((GENERIC, "generic"), (PLACE, "places"), (COMMON, "common")):
            for word in words[key]:
                for token in fold(word).split():
                    classes.setdefault(self.abbreviations.get(token, token), cls)
        for word in self.legal_words:
            classes.setdefault(word, GENERIC)
        # Chinese names are compared by character pairs: a pair inside a place or
        # generic word takes that word's class ("新疆" place, "能源" generic).
        for cls, key in ((PLACE, "cjk_places"), (GENERIC, "cjk_generic")):
            for word in words[key]:
                for pair in bigrams(word):
                    classes.setdefault(pair, cls)
        self.classes = classes
        # the legal-form sequences in the shapes the strip loops want
        self.anywhere_steps = steps(self.anywhere)
        self.edge_first = frozenset(self.edges)
        self.edge_last = frozenset(by_last(self.edges))


def sequences(items: list[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Token sequences indexed by their first token, longest first."""
    seqs = sorted({tuple(fold(i).split()) for i in items if fold(i)}, key=lambda s: (-len(s), s))
    index: dict[str, list[tuple[str, ...]]] = {}
    for seq in seqs:
        index.setdefault(seq[0], []).append(seq)
    return {k: tuple(v) for k, v in index.items()}


Steps = dict[str, tuple[dict[str, tuple[tuple[int, list[str], str], ...]], str | None]]


def steps(seqs: dict[str, tuple[tuple[str, ...], ...]]) -> Steps:
    """The sequences by first token: those of two or more tokens by their second token, as
    (length, tokens, joined) in ``seqs`` order (longest first), and the one-token one."""
    steps: Steps = {}
    for first, group in seqs.items():
        by_second: dict[str, list[tuple[int, list[str], str]]] = {}
        single = None
        for s in group:
            if len(s) == 1:
                single = s[0]
            else:
                by_second.setdefault(s[1], []).append((len(s), list(s), " ".join(s)))
        steps[first] = ({k: tuple(v) for k, v in by_second.items()}, single)
    return steps


def bigrams(run: str) -> list[str]:
    """Character pairs of a CJK run ("合盛硅业" -> 合盛 盛硅 硅业); one character stays one."""
    return [run] if len(run) < 2 else [run[i : i + 2] for i in range(len(run) - 1)]


_LAST_CACHE: dict[int, dict[str, tuple[tuple[str, ...], ...]]] = {}


def by_last(
    seqs: dict[str, tuple[tuple[str, ...], ...]],
) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The same sequences indexed by their last token (built once per table)."""
    index = _LAST_CACHE.get(id(seqs))
    if index is None:
        grouped: dict[str, list[tuple[str, ...]]] = {}
        for group in seqs.values():
            for seq in group:
                grouped.setdefault(seq[-1], []).append(seq)
        index = {k: tuple(sorted(v, key=lambda s: (-len(s), s))) for k, v in grouped.items()}
        _LAST_CACHE[id(seqs)] = index
    return index


@cache
def word_tables() -> WordTables:
    """The word tables (legal forms, abbreviations, word classes), compiled once."""
    return WordTables()


_APOSTROPHES = str.maketrans({"'": "", "’": "", "‘": "", "`": "", "´": ""})
_NON_WORD = re.compile(r"[^\w]+|_+")
_ASCII_WORD = re.compile(r"[a-z0-9]+")  # words of lower-case ASCII text (``_`` splits)


def fold(text: str) -> str:
    """Lower case, accents off, punctuation to spaces, ``&`` to ``and``.

    ``Xi'an`` becomes ``xian`` (apostrophes join), ``S.A.`` becomes ``s a``.
    Letters of every script are kept, so Chinese names survive.
    """
    text = str(text)
    if text.isascii():  # the common case, without the Unicode passes
        text = text.lower()
        if "'" in text or "`" in text:
            text = text.replace("'", "").replace("`", "")
        if "&" in text or "+" in text:
            text = text.replace("&", " and ").replace("+", " and ")
        return " ".join(_ASCII_WORD.findall(text))
    text = unicodedata.normalize("NFKC", fold_unicode(text)[0]).casefold()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.translate(_APOSTROPHES).replace("&", " and ").replace("+", " and ")
    return " ".join(_NON_WORD.sub(" ", text).split())


__all__ = [
    "COMMON",
    "DISTINCTIVE",
    "GENERIC",
    "PLACE",
    "Steps",
    "WordTables",
    "bigrams",
    "by_last",
    "data_file",
    "fold",
    "word_tables",
]
