"""Lines wrapped as French is written: never at a no-break space.

French puts a no-break space (U+00A0, or the narrow U+202F) before « : », « ; », « ? »,
« ! » and « » » and after « « », so that the sign never starts a line. rich wraps a text
at every character Python's ``\\s`` matches, no-break spaces included, and so printed
lines that began with « : ». :func:`keep_no_break_spaces` makes rich's word splitter
(``rich._wrap.re_word``, the one pattern its wrapping reads) treat those spaces as part
of the word. tests/test_terminal_layout.py checks the result at several widths, so a
rich release that wraps another way fails there rather than on an officer's screen.
"""

from __future__ import annotations

import re

# A word: breakable spaces before it, then letters and no-break spaces, then the
# breakable spaces after it (rich keeps the trailing spaces with the word).
_BREAKABLE = r"[^\S\u00a0\u202f\u2007]"
_WORD = re.compile(rf"{_BREAKABLE}*(?:[^\s]|[\u00a0\u202f\u2007])+{_BREAKABLE}*")


def keep_no_break_spaces() -> None:
    """Make rich wrap lines only at breakable spaces (idempotent)."""
    from rich import _wrap

    if getattr(_wrap, "re_word", None) is not _WORD:
        _wrap.re_word = _WORD


__all__ = ["keep_no_break_spaces"]
