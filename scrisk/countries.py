"""Country resolution: declared text -> ISO 3166-1 alpha-2, or None.

Accepts alpha-2 and alpha-3 codes, English names (short, official, common),
French names (pycountry's ISO 3166 translations) and a table of common
variants kept as data. Never guesses: text that matches nothing stays
unresolved (``None``).

(Minimal first version; the reference-data work extends the variants table.)
"""

from __future__ import annotations

import unicodedata
from functools import cache


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.replace("’", "'").replace(".", " ").split())


@cache
def _index() -> dict[str, str]:
    import gettext

    import pycountry

    fr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
    index: dict[str, str] = {}
    for c in pycountry.countries:
        names = {c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)}
        for name in [n for n in names if n]:
            index.setdefault(_fold(name), c.alpha_2)
            index.setdefault(_fold(fr.gettext(name)), c.alpha_2)
        index[_fold(c.alpha_3)] = c.alpha_2
        index[_fold(c.alpha_2)] = c.alpha_2
    return index


def resolve_country(text: str | None) -> str | None:
    """ISO alpha-2 code for ``text``, or None when it cannot be resolved."""
    if text is None:
        return None
    key = _fold(str(text))
    if not key:
        return None
    return _index().get(key)


__all__ = ["resolve_country"]
