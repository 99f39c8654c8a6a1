"""Coercion of raw declared values (JSON or cell values) into typed values.

Each coercer either returns the typed value or records one fault and returns
None, so validation goes on and every fault is found in one pass.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from scrisk.dates import parse_date
from scrisk.errors import Both, FaultCollector, Location, field_label, msg
from scrisk.readers.locate import Where

HS_TEXT = re.compile(r"^[0-9][0-9. ]*$")  # what an HS code may look like as typed
# Numbers typed as text the way Canadian suppliers write them: "3,000" and
# "25,000,000.50" (comma thousands in groups of three), "3 000" (space, no-break
# or narrow no-break space thousands), "12,5" and "25 000 000,00" (decimal comma).
_GROUP_SPACES = re.compile(r"[\s\u00a0\u202f\u2009_]")
_COMMA_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,(?:\d{1,2}|\d{4,})$")


def decode_text(raw: bytes) -> str | None:
    """Bytes of a text table as str: UTF-8 (BOM allowed), else Windows-1252.

    None for binary content (a NUL byte) or bytes neither encoding reads, so
    callers can name the file as unreadable.
    """
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        return None if "\x00" in text else text
    return None


def mixed_encoding(raw: bytes) -> tuple[list[int], list[int]] | None:
    """Line numbers written in UTF-8 and in another encoding, when a file mixes both.

    A file that is not UTF-8 as a whole is read as Windows-1252; if some of
    its lines are UTF-8 text (accented letters as two bytes), those lines would
    be silently misread (``SociÃ©tÃ©``). None when the file is one encoding.
    """
    if raw.isascii():
        return None
    try:
        raw.decode("utf-8-sig")
        return None
    except UnicodeDecodeError:
        pass
    utf8: list[int] = []
    other: list[int] = []
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8.append(number)
        except UnicodeDecodeError:
            other.append(number)
    return (utf8, other) if utf8 and other else None


def _at(loc: Where | Location) -> Location:
    return loc.location() if isinstance(loc, Where) else loc


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def text(value: Any, loc: Where | Location, faults: FaultCollector) -> str | None:
    """Trimmed text; numbers become text (ids typed as numbers in a sheet); '' is None."""
    if value is None:
        return None
    if isinstance(value, str):
        if "\r" in value:  # line endings as XML (and so the workbook form) keeps them
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        return value.strip() or None
    if isinstance(value, bool):
        faults.add(
            _at(loc), "bad_type", msg("input.value.not_text", field=loc.field, value=_show(value))
        )
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and math.isfinite(value):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    faults.add(
        _at(loc), "bad_type", msg("input.value.not_text", field=loc.field, value=_show(value))
    )
    return None


def items(value: Any, loc: Where | Location, faults: FaultCollector) -> list[tuple[int, str]]:
    """A list of (position, text) from a JSON list or a comma-separated cell.

    A cell whose items contain commas may separate them with ';', or with new
    lines when items hold ';' too; the workbook writer does so.
    """
    if value is None:
        return []
    if type(value) is list and all(type(x) is str and _plain_item(x) for x in value):
        # the common case, as ``text`` reads each item: trimmed, blanks left out
        return [(i, t) for i, x in enumerate(value) if (t := x.strip())]
    if isinstance(value, str):
        sep = "\n" if "\n" in value else ";" if ";" in value else ","
        parts = value.split(sep)
        return [(i, p.strip()) for i, p in enumerate(parts) if p.strip()]
    if isinstance(value, (list, tuple)):
        out: list[tuple[int, str]] = []
        for i, v in enumerate(value):
            if isinstance(v, (list, tuple, dict)) or isinstance(v, bool):
                faults.add(
                    _at(loc),
                    "bad_type",
                    msg("input.value.item_not_text", field=loc.field, index=i, value=_show(v)),
                )
                continue
            t = text(v, loc, faults)
            if t:  # one line per item, so the workbook form can hold the list
                out.append((i, " ".join(t.split("\n")) if "\n" in t else t))
        return out
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        t = text(value, loc, faults)
        return [(0, t)] if t else []
    faults.add(
        _at(loc), "bad_type", msg("input.value.not_list", field=loc.field, value=_show(value))
    )
    return []


def _plain_item(text: str) -> bool:
    """A list item ``text`` reads as itself trimmed (no line ending to rewrite)."""
    return "\n" not in text and "\r" not in text


@lru_cache(maxsize=4096)  # a few vocabularies' words, over and over
def token(value: str) -> str:
    """Vocabulary form: 'Material supplier' -> 'material_supplier'."""
    return "_".join(value.strip().casefold().replace("-", " ").replace("/", " ").split())


def choice(
    value: Any, allowed: tuple[str, ...], loc: Where | Location, faults: FaultCollector, what: str
) -> str | None:
    raw = text(value, loc, faults)
    if raw is None:
        return None
    key = token(raw)
    if key in allowed:
        return key
    faults.add(
        _at(loc),
        "bad_value",
        msg(
            "input.value.unknown_choice",
            what=Both(what, field_label(loc.field, "fr") if loc.field else what),
            value=repr(raw),
            allowed=allowed_values(loc.field, allowed),
        ),
    )
    return None


def allowed_values(field: str | None, allowed: tuple[str, ...]) -> Both:
    """The accepted values of a drop-down field: the ids in English; in French the French
    template's labels, each with the id a JSON file may use ("autre (other)")."""
    from scrisk.i18n import catalogue

    fr = catalogue("fr")
    shown = []
    for value in allowed:
        label = fr.get(f"template.choice.{field}.{value}")
        shown.append(f"{label} ({value})" if label and label != value else value)
    return Both(", ".join(allowed), ", ".join(shown))


def iso_date(value: Any, loc: Where | Location, faults: FaultCollector) -> date | None:
    """A date from an ISO ``YYYY-MM-DD`` string or a real date cell."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    # a datetime is a date (its day); text may carry the time part tools add when they
    # write a date cell out as text ("2021-03-15 00:00:00", "2021-03-15T00:00:00Z")
    if isinstance(value, date | str):
        try:
            return parse_date(value, with_time=True)
        except ValueError:
            pass
    faults.add(
        _at(loc), "bad_date", msg("input.value.not_date", field=loc.field, value=_show(value))
    )
    return None


def number(
    value: Any, loc: Where | Location, faults: FaultCollector, *, integer: bool = False
) -> float | int | None:
    """A non-negative number; numeric text is accepted (typed into a text cell)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    x: float | None = None
    if isinstance(value, bool):
        x = None
    elif isinstance(value, (int, float)):
        try:
            x = float(value)
        except OverflowError:  # an integer too large for any real count
            x = None
    elif isinstance(value, str):
        x = _numeric_text(value)
    if x is None or not math.isfinite(x):
        faults.add(
            _at(loc),
            "bad_number",
            msg("input.value.not_number", field=loc.field, value=_show(value)),
        )
        return None
    if x < 0:
        faults.add(
            _at(loc), "bad_number", msg("input.value.negative", field=loc.field, value=_show(value))
        )
        return None
    if integer:
        if not x.is_integer():
            faults.add(
                _at(loc),
                "bad_number",
                msg("input.value.not_whole", field=loc.field, value=_show(value)),
            )
            return None
        return int(x)
    return x


def _numeric_text(value: str) -> float | None:
    """A number written as text, with thousands separators or a decimal comma; else None."""
    s = _GROUP_SPACES.sub("", value)
    if _COMMA_THOUSANDS.match(s):
        s = s.replace(",", "")
    elif _DECIMAL_COMMA.match(s):  # "1,234" stays thousands: three digits after the comma
        s = s.replace(",", ".")
    try:
        return float(s)
    except ValueError:
        return None


def _hs_from_number(value: float) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return value
    head, _, tail = (str(value) if isinstance(value, int) else repr(value)).partition(".")
    if "e" in head or "e" in tail:
        return value
    if isinstance(value, float) and tail == "0":
        tail = ""
    if tail:
        head = head.zfill(4)
        tail += "0" * (len(tail) % 2)
        return f"{head}.{tail}"
    return head.zfill(len(head) + len(head) % 2)


def hs_code(value: Any, loc: Where | Location, faults: FaultCollector) -> str | None:
    """HS code digits only ('4015.19' -> '401519'); 4 to 10 digits.

    A code that arrives as a number (typed or pasted into a General cell) has
    lost its zeros: 6109.10 is stored as 6109.1 and 0901.11 as 901.11. HS
    headings are four digits and subheadings come in pairs, so the zeros are
    put back rather than reading a different, five-digit code.
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
        value = _hs_from_number(value)
    raw = text(value, loc, faults)
    if raw is None:
        return None
    digits = raw.replace(".", "").replace(" ", "")
    if HS_TEXT.match(raw) and digits.isdigit() and 4 <= len(digits) <= 10:
        return digits
    faults.add(_at(loc), "bad_value", msg("input.value.not_hs", value=repr(raw)))
    return None


__all__ = [
    "HS_TEXT",
    "allowed_values",
    "choice",
    "hs_code",
    "iso_date",
    "items",
    "number",
    "text",
    "token",
]
