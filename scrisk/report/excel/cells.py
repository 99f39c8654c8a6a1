"""Cells, styles and tables for the reviewer workbooks (write-only openpyxl).

Every sheet is written in openpyxl's write-only mode: rows stream to the
file, so a 10,000-party assessment stays fast and small in memory. That mode
fixes the order of work: column widths and frozen panes are set before the
first row, filters, validations and charts may be added until the save.

Declared text is data. :func:`cell` writes every ``str`` as a text cell
(``data_type = "s"``), so a party named ``=HYPERLINK(...)`` or
``+cmd|' /C calc'!A0`` stays text and never becomes a formula.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Iterable, Sequence
from copy import copy
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, TypeAlias

from scrisk.dates import parse_date
from scrisk.i18n import t
from scrisk.report.excel.page import RowValue, append, fit_row, footer, landscape
from scrisk.report.excel.save import new_workbook, save
from scrisk.vocab import UNKNOWN_LEVEL, ClauseStatus

if TYPE_CHECKING:  # pragma: no cover
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.styles.cell_style import StyleArray
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

# What a renderer hands :func:`cell`: text, a number, a date, a yes/no, or nothing
CellValue: TypeAlias = str | float | date | None
Band: TypeAlias = "tuple[PatternFill, Font]"  # (fill, font) of a level or status

FONT = "Calibri"  # named on every styled font: a font without a name prints in a serif
MAX_CELL_TEXT = 32_767  # Excel's limit on the characters of one cell
DATE_FORMAT = "yyyy-mm-dd"
SCORE_FORMAT = "0.0"
COUNT_FORMAT = "#,##0"
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")

# Colours a reviewer reads at a glance (fill, font); one band per risk level
# and per clause status.
LEVEL_COLOURS = {
    "critical": ("C00000", "FFFFFF"),
    "high": ("F8696B", "000000"),
    "medium": ("FFD966", "000000"),
    "low": ("A9D08E", "000000"),
    "info": ("D9E1F2", "000000"),
    "unknown": ("D9D9D9", "000000"),
}
STATUS_COLOURS = {
    "pass": ("C6EFCE", "006100"),
    "fail": ("FFC7CE", "9C0006"),
    "review": ("FFEB9C", "9C5700"),
    "not_applicable": ("EDEDED", "595959"),
    "high_risk": ("FFC7CE", "9C0006"),
    "no_indicator": ("C6EFCE", "006100"),
}


@dataclass
class Styles:
    """Style objects shared by every cell of a workbook (openpyxl dedups them)."""

    header_font: Font
    header_fill: PatternFill
    input_fill: PatternFill
    title_font: Font
    section_font: Font
    wrap: Alignment
    nowrap: Alignment  # titles and section headings: one line, spilling into the cells beside
    level: dict[str, Band] = field(default_factory=dict)
    status: dict[str, Band] = field(default_factory=dict)


@cache
def styles() -> Styles:
    from openpyxl.styles import Alignment, Font, PatternFill

    def band(colours: dict[str, tuple[str, str]]) -> dict[str, Band]:
        return {
            k: (PatternFill("solid", fgColor=fill), Font(name=FONT, color=font, bold=True))
            for k, (fill, font) in colours.items()
        }

    return Styles(
        header_font=Font(name=FONT, bold=True),
        header_fill=PatternFill("solid", fgColor="DDEBF7"),
        input_fill=PatternFill("solid", fgColor="FFF2CC"),
        title_font=Font(name=FONT, bold=True, size=14),
        section_font=Font(name=FONT, bold=True, size=12),
        wrap=Alignment(wrap_text=True, vertical="top"),
        nowrap=Alignment(wrap_text=False, vertical="top"),
        level=band(LEVEL_COLOURS),
        status=band(STATUS_COLOURS),
    )


def clean_text(value: str) -> str:
    """Characters Excel cannot store shown as U+FFFD; cut at Excel's cell limit."""
    from scrisk.xlsx_io import clean_text as clean

    return clean(value)


def cell(
    ws: WriteOnlyWorksheet,
    value: CellValue,
    *,
    number_format: str | None = None,
    font: Font | None = None,
    fill: PatternFill | None = None,
    alignment: Alignment | None = None,
) -> RowValue:
    """One write-only cell; a ``str`` is always a text cell, never a formula.

    An unstyled number or blank is passed through as a plain value (openpyxl
    makes a cell of it); styles are copied from one prototype cell per
    combination, which keeps big sheets fast.
    """
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, str) and not value:
        value = None  # an empty cell, not an empty string
    elif isinstance(value, numbers.Real) and not isinstance(value, bool):
        value = number(value)  # plain int / float; NaN and infinities blank
    styled = (
        number_format is not None or font is not None or fill is not None or alignment is not None
    )
    if not styled and (
        value is None or (isinstance(value, int | float) and not isinstance(value, bool))
    ):
        return value
    if isinstance(value, str):
        c = WriteOnlyCell(ws)
        c.value = clean_text(value)
        c.data_type = "s"  # text, even if it starts with = + - @ or reads like #N/A
    else:
        c = WriteOnlyCell(ws, value=value)
    if styled:
        c._style = copy(_prototype(ws, number_format, font, fill, alignment))
    return c


def _prototype(
    ws: WriteOnlyWorksheet,
    number_format: str | None,
    font: Font | None,
    fill: PatternFill | None,
    alignment: Alignment | None,
) -> StyleArray:
    """The style array of one style combination, registered once per workbook."""
    from openpyxl.cell import WriteOnlyCell

    cache = ws.parent.__dict__.setdefault("_scrisk_styles", {})
    key = (number_format, id(font), id(fill), id(alignment))
    style = cache.get(key)
    if style is None:
        c = WriteOnlyCell(ws)
        if number_format:
            c.number_format = number_format
        if font is not None:
            c.font = font
        if fill is not None:
            c.fill = fill
        if alignment is not None:
            c.alignment = alignment
        style = cache[key] = (c._style, font, fill, alignment)  # keep the objects alive
    return style[0]


def as_date(value: object) -> date | str | None:
    """An ISO date string as a real date (so Excel sorts and formats it); anything else
    as text."""
    if value is None:
        return None
    if isinstance(value, date):  # a datetime: its day
        return parse_date(value)
    if isinstance(value, str):
        try:
            return parse_date(value[:10]) if len(value) >= 10 else value
        except ValueError:
            return value
    return str(value)


def yes_no(value: bool | None, lang: str) -> str:
    if value is None:
        return t("excel.value.unknown", lang)
    return t("excel.value.yes" if value else "excel.value.no", lang)


def join(values: Iterable[object] | None, sep: str = ", ") -> str:
    return sep.join(str(v) for v in values or () if v is not None)


def number(value: object) -> float | str | None:
    """Numbers stay numbers (NaN and infinities, which Excel cannot store, become
    blank); anything else a renderer was given stays text."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, numbers.Real):
        if not math.isfinite(float(value)):
            return None
        return int(value) if isinstance(value, numbers.Integral) else float(value)
    return str(value)


def level_cell(ws: WriteOnlyWorksheet, level: str | None, lang: str) -> RowValue:
    """A risk level or severity, translated and coloured."""
    key = level or "unknown"
    label = t(f"severity.{key}", lang) if key != "unknown" else t("level.unknown", lang)
    fill, font = styles().level.get(key, styles().level[UNKNOWN_LEVEL])
    return cell(ws, label, fill=fill, font=font)


def status_cell(ws: WriteOnlyWorksheet, status: str | None, lang: str) -> RowValue:
    key = status or "not_applicable"
    fill, font = styles().status.get(key, styles().status[ClauseStatus.NOT_APPLICABLE])
    return cell(ws, t(f"status.{key}", lang), fill=fill, font=font)


def sheet_title(text: str, taken: set[str]) -> str:
    """A legal, unique sheet name: no []:*?/\\, at most 31 characters."""
    base = _SHEET_NAME_BAD.sub(" ", text).strip().strip("'") or "Sheet"
    base = base[:31]
    name, n = base, 2
    while name.casefold() in taken:
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(name.casefold())
    return name


def start_table(
    ws: WriteOnlyWorksheet,
    headers: Sequence[str],
    widths: Sequence[float],
    *,
    freeze: bool = True,
    inputs: Iterable[int] = (),
    hidden: Iterable[int] = (),
) -> None:
    """Column widths, frozen header row and the bold header (first row of the sheet).

    ``inputs`` are 0-based columns a reviewer fills in: their header is yellow.
    ``hidden`` are 0-based columns kept for the software (keys read back): not printed.
    """
    from openpyxl.utils import get_column_letter

    # a column at least as wide as the longest word of its header (bold: about one unit a
    # character, and the cell's padding): words never break
    widths = [
        max(w, math.ceil(max((len(word) for word in h.split()), default=0) * 1.0) + 2)
        for w, h in zip(widths, headers, strict=False)
    ] + list(widths[len(headers) :])
    hide = set(hidden)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
        if i - 1 in hide:
            ws.column_dimensions[get_column_letter(i)].hidden = True
    if freeze:
        ws.freeze_panes = "A2"
        ws.print_title_rows = "1:1"  # the header repeats on every printed page
    landscape(ws, [w for i, w in enumerate(widths) if i not in hide])
    st = styles()
    to_fill = set(inputs)
    append(
        ws,
        1,
        [
            cell(ws, h, font=st.header_font, fill=st.input_fill if i in to_fill else st.header_fill)
            for i, h in enumerate(headers)
        ],
        widths,
    )


def finish_table(
    ws: WriteOnlyWorksheet, n_columns: int, n_rows: int, *, first_row: int = 1
) -> None:
    """Auto-filter over the header and ``n_rows`` data rows."""
    from openpyxl.utils import get_column_letter

    last = first_row + max(n_rows, 1)
    ws.auto_filter.ref = f"A{first_row}:{get_column_letter(n_columns)}{last}"


__all__ = [
    "COUNT_FORMAT",
    "DATE_FORMAT",
    "FONT",
    "LEVEL_COLOURS",
    "MAX_CELL_TEXT",
    "SCORE_FORMAT",
    "STATUS_COLOURS",
    "Styles",
    "append",
    "as_date",
    "cell",
    "clean_text",
    "finish_table",
    "fit_row",
    "footer",
    "join",
    "landscape",
    "level_cell",
    "new_workbook",
    "number",
    "save",
    "sheet_title",
    "start_table",
    "status_cell",
    "styles",
    "yes_no",
]
