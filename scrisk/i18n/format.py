"""Numbers written for a reader, in English or French: one place for the decimal comma.

French writes a decimal comma (66,7) and groups thousands with a narrow
no-break space (24 000 000); English writes 66.7 and 24,000,000.
"""

from __future__ import annotations

from typing import Any

THIN_SPACE = "\u202f"  # French thousands separator (narrow no-break space)


def decimal(value: float, lang: str, digits: int = 1) -> str:
    """``value`` with ``digits`` decimals: ``66.7`` in English, ``66,7`` in French."""
    text = f"{float(value):.{digits}f}"
    return text.replace(".", ",") if lang == "fr" else text


def whole(value: float, lang: str) -> str:
    """A whole number with thousands separators: ``24,000,000`` / ``24 000 000``."""
    text = f"{value:,.0f}"
    return text.replace(",", THIN_SPACE) if lang == "fr" else text


def score_text(value: object, lang: str) -> str:
    """A score with one decimal (decimal comma in French); missing is "unknown"."""
    if not isinstance(value, int | float) or value != value:  # None, NaN
        from scrisk.i18n import t

        return t("level.unknown", lang)
    return decimal(value, lang)


def as_written(value: Any, lang: str) -> Any:
    """A message parameter as written in ``lang``: floats take a decimal comma in French
    (``str(66.7)`` -> ``66,7``); anything else is left as it is."""
    if isinstance(value, float) and lang == "fr":
        return str(value).replace(".", ",")
    return value


__all__ = ["THIN_SPACE", "as_written", "decimal", "score_text", "whole"]
