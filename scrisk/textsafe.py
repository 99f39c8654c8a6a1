"""Declared text shown inert: what a bidder typed can never drive a terminal or a report.

A declaration is untrusted input. A party name holding ``ESC[2J`` would clear the
officer's screen; one holding rich markup (``[bold red]``) would restyle the
report; an OSC 8 hyperlink or window-title sequence would pass through a pipe.
:func:`inert` makes every control and invisible formatting character visible
(``\\x1b`` -> ``␛``, other C0/C1 controls as ``\\xNN``, bidirectional overrides
and zero-width characters as ``<U+202E>``) and, with ``markup=True``, escapes
rich markup, so the text reads exactly as declared and does nothing.
"""

from __future__ import annotations

import unicodedata

# Invisible or reordering characters shown by code point: bidirectional embeddings,
# overrides and isolates, zero-width joiners and spaces, the BOM, interlinear marks.
_FORMAT_SHOWN = frozenset(
    [0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xFEFF]
    + list(range(0x202A, 0x202F))
    + list(range(0x2066, 0x206A))
    + list(range(0xFFF9, 0xFFFC))
)


def _visible(ch: str) -> str:
    code = ord(ch)
    if code == 0x1B:
        return "␛"
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return f"\\x{code:02x}"
    if code in _FORMAT_SHOWN or 0xD800 <= code <= 0xDFFF:
        return f"<U+{code:04X}>"
    return ch


def inert(text: object, *, markup: bool = False, keep_newlines: bool = False) -> str:
    """``text`` as a string that displays as declared and controls nothing.

    Control characters (C0, C1, DEL, ESC), lone surrogates and invisible
    bidirectional / zero-width characters become visible escapes. Tabs become a
    space; newlines too unless ``keep_newlines``. With ``markup=True`` rich markup
    is escaped as well (for text printed through rich).
    """
    s = "" if text is None else str(text)
    if s.isprintable():  # nearly all text: nothing to show (every shown character is unprintable)
        return _escape(s) if markup else s
    out: list[str] = []
    for ch in s:
        if ch == "\t":
            out.append(" ")
        elif ch == "\n" and keep_newlines:
            out.append(ch)
        elif ch == "\n" or ch == "\r":
            out.append(" ")
        elif ch.isprintable() or (ch == " "):
            out.append(ch)
        elif unicodedata.category(ch) == "Zs":
            out.append(ch)  # no-break and thin spaces (French typography) are inert
        else:
            out.append(_visible(ch))
    result = "".join(out)
    # isprintable() lets through some format characters we still want shown.
    result = "".join(_visible(c) if ord(c) in _FORMAT_SHOWN else c for c in result)
    return _escape(result) if markup else result


def _escape(text: str) -> str:
    """Rich markup escaped; text without a ``[`` or a final backslash needs none."""
    if "[" not in text and not text.endswith("\\"):
        return text
    from rich.markup import escape

    return escape(text)


__all__ = ["inert"]
