"""A declared name split into the names it holds, each scored on its own.

Bidders write "FGV Holdings Berhad (formerly FELDA Global Ventures Holdings)",
"Acme Ltd a/k/a Acme Trading", "Daqo New Energy Corp. (NYSE: DQ)". Scored as
one string, the extra words hold every part below the thresholds; scored part
by part, each name meets its own list name. Tickers and exchange codes are
dropped: they name a listing, not a firm.
"""

from __future__ import annotations

import re
from functools import lru_cache

# words that introduce another name of the same firm
_SEPARATORS = re.compile(
    r"\s*[,;]?\s*\b(?:a/k/a|aka|f/k/a|fka|d/b/a|dba|n/k/a|also known as|formerly known as|"
    r"formerly|previously known as|previously|now known as|trading as|t/a)\b\s*[:.]?\s*",
    re.IGNORECASE,
)
_BRACKET = re.compile(r"[(\[（【]([^()\[\]（）【】]*)[)\]）】]")
# "NYSE: DQ", "Bursa: 5222", "SSE:603260", "603260.SH", "2899.HK", "(601899)"
_TICKER = re.compile(
    r"^(?:(?:[A-Za-z][A-Za-z .&-]{0,24})?[:：]\s*[A-Za-z0-9][A-Za-z0-9.\-]{0,11}"
    r"|\d{3,6}(?:\.[A-Za-z]{1,3})?|[A-Z0-9]{1,6}\.[A-Z]{1,3})$"
)
MAX_PARTS = 8
# cheap first test: most names hold none of the signs of another name
_MAYBE = re.compile(
    r"[(\[（【/;,]|\b(?:aka|fka|dba|known|formerly|previously|trading|t/a)\b", re.IGNORECASE
)
# The non-ASCII letters IGNORECASE takes for ASCII ones (İ ı ſ and the Kelvin sign K):
# a name holding one skips the cheaper test below.
_CASE_TWINS = frozenset("\u0130\u0131\u017f\u212a")


def _clean(text: str) -> str:
    return " ".join(text.split()).strip(" ,;:-")


_NOW = re.compile(r"\s*[,;]\s*(?:now|renamed)\s+", re.IGNORECASE)  # "..., now SD Guthrie"


def _split(text: str) -> list[str]:
    return [p for x in _SEPARATORS.split(text) for p in (_clean(y) for y in _NOW.split(x)) if p]


def _may_hold_another(name: str) -> bool:
    """False when none of ``_BRACKET``, ``_SEPARATORS`` and ``_NOW`` can match: each
    needs a bracket, or a separator word, or a comma or semicolon before "now" or
    "renamed", and without a case twin those words show in ``name.lower()``. A few
    substring tests instead of three regular expressions, two with IGNORECASE."""
    if "(" in name or "[" in name or "/" in name or "（" in name or "【" in name:
        return True
    if not name.isascii() and not _CASE_TWINS.isdisjoint(name):
        return True
    low = name.lower()
    return (
        "aka" in low
        or "fka" in low
        or "dba" in low
        or "known as" in low
        or "formerly" in low
        or "previously" in low
        or "trading as" in low
        or (("," in name or ";" in name) and ("now" in low or "renamed" in low))
    )


def declared_parts(name: str) -> tuple[str, ...]:
    """The name as written first, then the other names it holds (deduplicated, in order).

    >>> declared_parts("FGV Holdings (formerly FELDA Global Ventures)")[1:]
    ('FGV Holdings', 'FELDA Global Ventures')
    """
    if not _may_hold_another(name):  # most names: no cache needed
        return (name,)
    return _parts(name)


@lru_cache(maxsize=1 << 16)
def _parts(name: str) -> tuple[str, ...]:
    if not _MAYBE.search(name) or not (
        _BRACKET.search(name) or _SEPARATORS.search(name) or _NOW.search(name)
    ):
        return (name,)
    parts: list[str] = [name]
    groups = [m.group(1) for m in _BRACKET.finditer(name)]
    base = _clean(_BRACKET.sub(" ", name))
    parts.extend(_split(base))
    tickers = [g for g in groups if _TICKER.match(_clean(g))]
    for group in groups:
        if group not in tickers:
            parts.extend(_split(group))
    if tickers:  # the name with its brackets, less the ticker ("Acme (Shanghai) Ltd (SSE: 1)")
        parts.append(
            _clean(_BRACKET.sub(lambda m: " " if m.group(1) in tickers else m.group(0), name))
        )
    seen: dict[str, None] = {}
    for p in parts:
        seen.setdefault(p, None)
    return tuple(seen)[:MAX_PARTS]


__all__ = ["declared_parts"]
