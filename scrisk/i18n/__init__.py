"""Message catalogues, English and French.

Catalogues are JSON files ``scrisk/i18n/<lang>/<domain>.json`` mapping a key to
a ``str.format`` template. Every domain must exist in every language with the
same keys (a test checks it). ``t("rule.WATCHLIST.strong", "fr", party="M1")``.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

LANGS = ("en", "fr")
DEFAULT_LANG = "en"


@cache
def catalogue(lang: str) -> dict[str, str]:
    """All keys of one language, merged over its domain files."""
    if lang not in LANGS:
        raise ValueError(f"unsupported language {lang!r}; use one of {', '.join(LANGS)}")
    merged: dict[str, str] = {}
    folder = resources.files("scrisk.i18n").joinpath(lang)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            merged.update(json.loads(entry.read_text(encoding="utf-8")))
    return merged


_VOWELS = frozenset("aeiouàâäéèêëîïôöùûüœæ")


def elide(word: str, article: str) -> str:
    """French elision: ``de``/``le`` before ``word``, or ``d'``/``l'`` before a vowel
    ("d'Atlantis", "de Malaisie", "l'Inde"). An ``h`` is not elided: in company names
    it is usually aspirated."""
    first = word.lstrip("«\u00a0 \"'")[:1].casefold()
    if first in _VOWELS:
        return article[0] + "'" + word
    return f"{article} {word}"


class _Word(str):
    """A parameter a French template may elide: ``{country:de}`` gives "d'Inde" or
    "de Malaisie", ``{name:le}`` "l'..." or "le ..."; any other format as ``str``."""

    __slots__ = ()

    def __format__(self, spec: str) -> str:
        if spec in ("de", "le", "De", "Le"):
            return elide(str(self), spec)
        return str.__format__(str(self), spec)


def t(key: str, lang: str = DEFAULT_LANG, /, **params: Any) -> str:
    """Render ``key`` in ``lang``; a missing key falls back to English, then to the key.

    Text parameters accept the French elision formats ``{name:de}`` and ``{name:le}``.
    """
    template = catalogue(lang).get(key) or catalogue(DEFAULT_LANG).get(key)
    if template is None:
        return key
    params = {k: _Word(v) if isinstance(v, str) else v for k, v in params.items()}
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


def tn(key: str, count: int, lang: str = DEFAULT_LANG, /, **params: Any) -> str:
    """``key.one`` or ``key.other`` by ``count``: English singular for 1 only, French
    for 0 and 1 (OQLF); ``count`` is passed to the template."""
    one = count == 1 if lang != "fr" else abs(count) < 2
    return t(f"{key}.{'one' if one else 'other'}", lang, count=count, **params)


def term(prefix: str, value: str, lang: str = DEFAULT_LANG) -> str:
    """A vocabulary value in ``lang`` (``term("ilab_good", "Cotton", "fr")`` is "Coton");
    a value without a translation stays as it is."""
    return catalogue(lang).get(f"{prefix}.{value}") or value


def source_name(source: str, lang: str = DEFAULT_LANG) -> str:
    """A dataset title for display: the bid's own declaration is named in ``lang``;
    published datasets keep their own titles."""
    return catalogue(lang).get(f"source.{source}") or source


__all__ = ["DEFAULT_LANG", "LANGS", "catalogue", "elide", "source_name", "t", "term", "tn"]
