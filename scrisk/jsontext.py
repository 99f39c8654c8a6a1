"""JSON as scrisk writes it, in one place: reports, documents and the register's rows.

:func:`dumps` is every JSON report and document (the assessment, the comparison,
the Screen, Register, Rescreen and S-211 JSON): sorted keys, UTF-8 text, indent 2,
a final newline, never ``NaN`` (refused, not written). :func:`compact` is the
register's stored form (no spaces). :func:`plain` turns what a report is built
from (read-only mappings, tuples, typed policy tables) into plain dicts and lists.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any, Literal, overload

from scrisk.errors import ScriskError

MAX_OUTPUT_CHARS = 256 * 1024 * 1024  # one JSON report (20,000 parties at the limits: 80 MB)


def dumps(value: Any, *, indent: int | None = 2, finite: bool = False) -> str:
    """JSON text: sorted keys, UTF-8 text, ``indent``, final newline; at most
    :data:`MAX_OUTPUT_CHARS`.

    Never invalid JSON: a NaN or infinity is a ``ScriskError`` (exit 2), not written
    as ``NaN``. The bytes are those of ``json.dumps(value, sort_keys=True,
    ensure_ascii=False, indent=indent)``; with indent 2, orjson writes them 10-20 times
    faster (the standard library's C encoder does not indent), and the standard library
    writes whatever orjson would write differently (see :func:`_fast`).

    ``finite``: the caller vouches that ``value`` holds no NaN or infinity (an assessment
    document: the readers and the policy refuse them, as for :func:`compact`), so the
    standard library's pass that finds them is not made; what else orjson writes
    differently is still found, in its own text.
    """
    text = (_fast_finite(value) if finite else _fast(value)) if indent == 2 else None
    if text is None:
        try:
            text = (
                json.dumps(
                    value, sort_keys=True, ensure_ascii=False, indent=indent, allow_nan=False
                )
                + "\n"
            )
        except ValueError:
            raise ScriskError(
                "the result holds a number that is not finite (NaN or infinity), which JSON "
                "cannot hold; check the policy file's numbers"
            ) from None
    too_large(len(text))
    return text


def too_large(chars: int) -> None:
    """Refuse a JSON text of ``chars`` characters past :data:`MAX_OUTPUT_CHARS`."""
    if chars > MAX_OUTPUT_CHARS:  # the input limits keep real reports far below this
        raise ScriskError(
            f"the JSON report would be {chars:,} characters; the limit is "
            f"{MAX_OUTPUT_CHARS:,}: assess fewer bids at once"
        )


# A float orjson writes unlike json.dumps in compact text: Python's repr turns to
# exponent form (1e-05, 1.5e-07, 1e+16) where orjson writes 0.00001, 1.5e-7. Inside an
# object or array such a number stands after ":", "," or "[" (compact text has no
# spaces) and is either in exponent form (orjson always signs the exponent: "e+", "e-")
# or below 1e-4 (its digits start "0.0000"); the regular expression is run only when
# that text is there at all. Hex digests ("...1e5...") do not match; text that merely
# looks like such a number ("a:1e-5,") sends the value to json.dumps, same result.
_ORJSON_FLOAT = re.compile(rb"[:,\[]-?(?:\d+(?:\.\d+)?e[-+]|0\.0000)")


def _orjson_differs(raw: bytes) -> bool:
    """Whether orjson's compact ``raw`` may not be json.dumps's text (see above)."""
    if raw[:1] not in (b"{", b"["):  # a bare value: json.dumps writes it, as fast
        return True
    if _may_hold_unlike_float(raw):
        return _ORJSON_FLOAT.search(raw) is not None
    return False


# What a float orjson writes unlike json.dumps must hold: "e-" or "e+" after a digit, or
# "0.0000". In a short text, found by two searches with a literal start (the regular
# expression engine's fast scan: 2-3 times the speed of three ``in`` tests; a long text
# is scanned as an array, see _float_scan_array); an "e-" in words ("re-screen")
# is passed over where no digit stands before it, so the full expression above runs
# only where such a number may be.
_E_SIGN = re.compile(rb"e[-+]")
_SMALL = re.compile(rb"0\.0000")
_DIGIT_BYTES = frozenset(b"0123456789")


def _may_hold_unlike_float(raw: bytes) -> bool:
    """Whether ``raw`` (orjson's text) may hold a float json.dumps writes otherwise."""
    if len(raw) >= _SCAN_AS_ARRAY:
        return _float_scan_array(raw)
    if _SMALL.search(raw) is not None:
        return True
    return any(m.start() > 0 and raw[m.start() - 1] in _DIGIT_BYTES for m in _E_SIGN.finditer(raw))


# From this length a text is scanned as an array of bytes (numpy): an assessment document
# (some 50 KB) holds an "e" every 17 bytes, each of which the regular expression engine
# stops at; the array scan compares every byte at once, then looks beside the few hits
_SCAN_AS_ARRAY = 4096
_E, _MINUS, _PLUS, _ZERO = b"e-+0"


# Texts are scanned as arrays piece by piece: the comparisons' temporary arrays stay a
# few times this size, whatever the text's (a 100,000-party document is some 400 MB)
_SCAN_PIECE = 1 << 18


def _float_scan_array(raw: bytes) -> bool:
    """:func:`_may_hold_unlike_float` of ``raw``: "0.0000" by a substring search (C, no
    copy: rare, and its 6 bytes let the search skip), then a digit before "e-" or "e+"
    by numpy: an "e" followed by a sign found by comparisons of the text shifted by one
    byte (a few in a document: "re-screen"), the places listed only where there is one
    and the byte before each read from the text. In pieces of :data:`_SCAN_PIECE` bytes
    that overlap by 5 (an "e" and its sign lie whole in one piece)."""
    if b"0.0000" in raw:
        return True
    import numpy as np

    n = len(raw)
    for start in range(0, max(n - 5, 1), _SCAN_PIECE):
        size = min(_SCAN_PIECE + 5, n - start)
        piece = np.frombuffer(raw, dtype=np.uint8, count=size, offset=start)
        if _float_scan_piece(piece):
            at = _e_sign_at(piece)
            if any(start + i > 0 and raw[start + i - 1] in _DIGIT_BYTES for i in at):
                return True
    return False


def _float_scan_piece(a: Any) -> bool:
    """Whether an "e" followed by "-" or "+" stands in the array ``a`` (cheap, then
    :func:`_e_sign_at` finds where)."""
    n = len(a)
    if n < 2:
        return False
    sign = a[1:] == _MINUS
    sign |= a[1:] == _PLUS
    sign &= a[: n - 1] == _E
    return bool(sign.any())


def _e_sign_at(a: Any) -> list[int]:
    """The places in ``a`` of an "e" followed by "-" or "+" (a few: read when there are)."""
    import numpy as np

    at: list[int] = np.flatnonzero((a[:-1] == _E) & ((a[1:] == _MINUS) | (a[1:] == _PLUS))).tolist()
    return at


def compact(value: Any) -> str:
    """The register's stored JSON: sorted keys, UTF-8 text, no spaces, no newline:
    ``json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))`` byte
    for byte, written by orjson (5-10 times faster) where its text is the same.

    json.dumps is used for what orjson refuses (non-text keys, integers past 64 bits,
    lone surrogates) or writes differently (floats in exponent form). Non-finite
    numbers, which orjson would write as null, cannot reach a document: the readers
    and the policy refuse them.
    """
    import orjson

    try:
        raw = orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
    except TypeError:  # orjson.JSONEncodeError
        raw = None
    if raw is None or _orjson_differs(raw):
        return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return raw.decode()


# Where orjson writes a float unlike json.dumps: Python's repr turns to exponent form
# (1e-05, 1e+16) where orjson writes the digits out. Looked for in the standard
# library's compact text (same float repr); text looking so ("Lot 5e-2") merely
# sends the value to json.dumps, with the same result.
_EXPONENT = re.compile(r"\de[-+]\d")


def _fast(value: Any) -> str | None:
    """orjson's text of ``value`` when it is byte for byte json.dumps's, else None.

    None too for anything orjson refuses or writes differently: non-text keys,
    integers past 64 bits, lone surrogates, floats in exponent form, NaN and
    infinity (orjson writes null). The standard library's C encoder, fast without
    indent, finds the last three first.
    """
    try:
        import orjson
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    try:
        compact_text = json.dumps(value, allow_nan=False, ensure_ascii=False)
        if ("e-" in compact_text or "e+" in compact_text) and _EXPONENT.search(compact_text):
            return None
        raw = orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)
    except (TypeError, ValueError):  # orjson.JSONEncodeError is a TypeError
        return None
    return raw.decode() + "\n"


# The same floats in orjson's indented text: a number there stands after ": " or at the
# start of a line (an array's item); text inside a string that looks so merely sends the
# value to json.dumps, with the same result.
_ORJSON_INDENTED_FLOAT = re.compile(rb"(?:: |\n *|\[)-?(?:\d+(?:\.\d+)?e[-+]|0\.0000)")


def _fast_finite(value: Any) -> str | None:
    """:func:`_fast` for a value without NaN or infinity: orjson's indented text, checked
    in itself for what it writes unlike json.dumps (floats in exponent form or below 1e-4;
    non-text keys, integers past 64 bits and lone surrogates it refuses)."""
    import orjson

    try:
        raw = orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)
    except TypeError:  # orjson.JSONEncodeError
        return None
    return None if _indented_differs(raw) else raw.decode() + "\n"


def _indented_differs(raw: bytes) -> bool:
    """Whether orjson's indented ``raw`` may not be json.dumps's text (see above)."""
    if raw[:1] not in (b"{", b"["):  # a bare value: json.dumps writes it, as fast
        return True
    if _may_hold_unlike_float(raw):
        return _ORJSON_INDENTED_FLOAT.search(raw) is not None
    return False


@overload
def typed_json(
    value: Any,
    default: Callable[[Any], Any],
    *,
    indent: bool = False,
    item: bool = False,
    as_bytes: Literal[False] = False,
) -> str | None: ...
@overload
def typed_json(
    value: Any, default: Callable[[Any], Any], *, as_bytes: Literal[True]
) -> bytes | None: ...
def typed_json(
    value: Any,
    default: Callable[[Any], Any],
    *,
    indent: bool = False,
    item: bool = False,
    as_bytes: bool = False,
) -> str | bytes | None:
    """The text of ``value``, typed parts written through ``default`` (one level of plain
    data each), with no plain copy made first: byte for byte :func:`compact` of its plain
    copy, or with ``indent`` :func:`dumps` of it (``finite=True``). None where orjson's
    text may not be json.dumps's (the caller then writes the plain copy).

    ``item`` (with ``indent``): the text of ``value`` as an item of an indented array,
    as :func:`dumps` of a list holds it (every line two spaces further in, no newline
    at the end), written so by orjson at once. ``as_bytes`` (compact text only): the
    text's UTF-8 bytes, not decoded (for a database driver that would encode it again)."""
    import orjson

    option = orjson.OPT_SORT_KEYS | orjson.OPT_PASSTHROUGH_DATACLASS
    if indent:
        option |= orjson.OPT_INDENT_2
    try:
        raw = orjson.dumps([value] if indent and item else value, default=default, option=option)
    except TypeError:  # orjson.JSONEncodeError
        return None
    if not indent:
        if _orjson_differs(raw):
            return None
        return raw if as_bytes else raw.decode()
    if _indented_differs(raw):
        return None
    text = raw[2:-2].decode() if item else raw.decode() + "\n"  # item: "[\n" ... "\n]"
    too_large(len(text))
    return text


# Every decimal digit as "0": a run of 20 digits (an integer past 64 bits, which orjson
# reads as a float) is then one substring search
_DIGITS_AS_ZERO = bytes.maketrans(b"123456789", b"000000000")


def holds_long_integer(data: bytes) -> bool:
    """Whether JSON bytes hold a run of 20 digits: an integer past 64 bits, which orjson
    reads as a float where json.loads reads an int (a text that merely looks so, inside
    a string, says yes too: the caller then parses with json.loads, same values)."""
    if len(data) >= _SCAN_AS_ARRAY:
        return _long_run_array(data)
    return b"0" * 20 in data.translate(_DIGITS_AS_ZERO)


_LONG_RUN = 20
_EIGHT_DIGITS = 0x0101010101010101  # 8 bytes each 1: an aligned block of 8 digits


def _long_run_array(data: bytes) -> bool:
    """:func:`holds_long_integer` of a long text, by numpy: a run of 20 digits holds a
    whole block of 8 bytes aligned on 8 (any run of 15 does), so only the runs through
    such blocks (rare: a hex digest's) are measured, byte by byte. The blocks are found
    in pieces of :data:`_SCAN_PIECE` bytes (a multiple of 8)."""
    import numpy as np

    whole = len(data) // 8 * 8
    end = 0  # where the last run measured ends
    for first in range(0, whole, _SCAN_PIECE):
        piece = np.frombuffer(
            data, dtype=np.uint8, count=min(_SCAN_PIECE, whole - first), offset=first
        )
        digit = (piece - _ZERO) < 10  # a byte below "0" wraps past 10
        for k in np.flatnonzero(digit.view(np.uint64) == _EIGHT_DIGITS).tolist():
            start = first + 8 * k
            if start < end:  # inside the run already measured
                continue
            begin, end = start, start + 8
            while begin > 0 and data[begin - 1] in _DIGIT_BYTES:
                begin -= 1
            while end < len(data) and data[end] in _DIGIT_BYTES:
                end += 1
            if end - begin >= _LONG_RUN:
                return True
    return False


def loads(raw: bytes | str) -> Any:
    """``json.loads(raw)`` (bytes as UTF-8, a byte-order mark allowed), the same values read
    by orjson (about twice as fast) unless orjson refuses the text (NaN, lone surrogates,
    a byte-order mark ...) or it holds an integer of 20 digits or more."""
    import orjson

    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    if not holds_long_integer(data):
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            pass
    return json.loads(raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw)


def parsed_keys(*names: str) -> tuple[str, ...]:
    """``names`` as :func:`loads` gives them as a dict's keys: orjson keeps one text object
    per short key from one text to the next, and a dict lookup by that very object is a
    pointer comparison, not a comparison of texts (the names themselves where it gives
    other objects: the same lookups, a little slower)."""
    import orjson

    parsed = tuple(orjson.loads(orjson.dumps(dict.fromkeys(names))))
    return parsed if parsed == names else names


def plain(value: Any) -> Any:
    """A plain copy: mappings as dicts, lists and tuples as lists, all the way down; an
    object with ``to_dict()`` (a typed policy table) as that. Shares nothing mutable."""
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return plain(to_dict())
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


__all__ = [
    "MAX_OUTPUT_CHARS",
    "compact",
    "dumps",
    "holds_long_integer",
    "loads",
    "parsed_keys",
    "plain",
    "too_large",
    "typed_json",
]
