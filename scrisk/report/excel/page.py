"""Printing the reviewer workbooks: page setup, footers, and rows as tall as their text.

LibreOffice does not fit a row to its wrapped text as Excel does, so every row is
given the height its text needs (:func:`fit_row`, :func:`append`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, TypeAlias

from scrisk.i18n import t

if TYPE_CHECKING:  # pragma: no cover
    from openpyxl.cell.cell import Cell
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

# One value of a written row: a cell (text, styled), or a plain number, date or blank
# openpyxl makes a cell of (scrisk.report.excel.cells.cell)
RowValue: TypeAlias = "Cell | float | date | None"

# Printing. A landscape Letter page holds about 125 column-width units of Calibri 11 at
# 100 %; a sheet up to FIT_WIDTH wide is scaled to one page wide (>= about 60 %, still
# legible); a wider one prints at full size across pages, its first column repeated.
# The reviewer's tables are designed one page wide (scrisk.report.excel.columns).
PAGE_WIDTH = 125
FIT_WIDTH = 210
LINE_POINTS = 15  # row height of one line of Calibri 11
PAGE_HEIGHT_POINTS = 500  # a landscape Letter page less margins, header row and footer
MAX_LINES = 27  # Excel's tallest row is 409 points


def landscape(ws: WriteOnlyWorksheet, widths: Sequence[float] | None = None) -> None:
    """Page setup: landscape Letter, narrow margins, one page wide only when legible."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 1  # Letter
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top, ws.page_margins.bottom = 0.5, 0.6
    ws.page_margins.header, ws.page_margins.footer = 0.25, 0.3
    total = sum(widths) if widths else 0
    if total and total > FIT_WIDTH:
        ws.sheet_properties.pageSetUpPr.fitToPage = False
        ws.page_setup.pageOrder = "overThenDown"  # read a row of pages, then the next
        ws.print_title_cols = "A:A"  # the id column on every page
        return
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


def sheet_points_per_page(widths: Sequence[float]) -> float:
    """Row points a landscape page holds once the sheet is scaled to one page wide."""
    scale = min(1.0, PAGE_WIDTH / max(sum(widths), 1))
    return PAGE_HEIGHT_POINTS / scale


def keep_together(
    ws: WriteOnlyWorksheet, last_row: int, needed: float, widths: Sequence[float]
) -> None:
    """A page break after ``last_row`` when what follows (``needed`` points: a heading and
    its first rows, a picture) would not fit on the page ``last_row`` ends: the rows
    printed so far are laid on pages as LibreOffice lays them (a row is never split)."""
    from openpyxl.worksheet.pagebreak import Break

    page = sheet_points_per_page(widths)
    manual = {b.id for b in ws.row_breaks.brk}
    used = 0.0
    for row in range(1, last_row + 1):
        height = ws.row_dimensions[row].height or LINE_POINTS
        if used + height > page:
            used = 0.0
        used += height
        if row in manual:
            used = 0.0
    if used and used + needed > page:
        ws.row_breaks.append(Break(id=last_row))


def portrait_one_page(ws: WriteOnlyWorksheet) -> None:
    """Page setup of a one-page sheet (the Summary): portrait Letter, scaled to one page."""
    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = 1  # Letter
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top, ws.page_margins.bottom = 0.5, 0.6
    ws.page_margins.header, ws.page_margins.footer = 0.25, 0.3
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1


def not_printed(ws: WriteOnlyWorksheet) -> None:
    """A sheet a reviewer does not print (Sources): hidden, which both Excel and
    LibreOffice leave out of a printed workbook (a tab's Unhide shows it)."""
    ws.sheet_state = "hidden"


def nothing_to_print(ws: WriteOnlyWorksheet) -> None:
    """A sheet that stays visible (a Review sheet ``--decisions`` looks for, which must
    never be hidden) but has no rows under its header: its print area is the empty row
    below the header, and an empty print area prints no page."""
    ws.print_area = "A2:A2"


def footer(ws: WriteOnlyWorksheet, left: str, disclaimer: str, lang: str) -> None:
    """Footer on every printed page: solicitation and bidder, page x of y, the disclaimer."""

    def safe(text: str, limit: int) -> str:
        text = " ".join(text.split()).replace("&", "&&")
        return text if len(text) <= limit else text[: limit - 1] + "\u2026"

    for part in (ws.oddFooter, ws.evenFooter):
        part.left.text, part.left.size = safe(left, 60), 8
        part.center.text, part.center.size = t("excel.footer.page", lang), 8
        part.right.text, part.right.size = safe(disclaimer, 110), 8


# Calibri's average character is narrower than the digit a column-width unit is made of
# (LibreOffice sets about 1.15 characters of running text a unit); a little margin kept
CHAR_UNITS = 0.9


def text_width(text: str, font: Font | None = None) -> float:
    """Estimated rendered width of one line, in column-width units (Calibri 11 digits):
    ``CHAR_UNITS`` a character, bold 10 % wider, scaled by the font size."""
    size = float(getattr(font, "sz", None) or getattr(font, "size", None) or 11)
    bold = 1.1 if getattr(font, "b", None) or getattr(font, "bold", None) else 1.0
    return len(text) * CHAR_UNITS * bold * size / 11


def line_count(paragraph: str, usable: float, font: Font | None = None) -> int:
    """Lines one paragraph takes when wrapped at spaces into ``usable`` units (a word
    longer than a line is broken, as LibreOffice and Excel break it)."""
    space = text_width(" ", font)
    lines, room = 1, usable
    for word in paragraph.split(" "):
        width = text_width(word, font)
        if room < usable:  # not the first word of the line
            if width + space <= room:
                room -= width + space
                continue
            lines += 1
            room = usable
        while width > room:  # a word wider than a line
            width -= room
            lines += 1
        room -= width
    return lines


def _style_of(c: RowValue) -> tuple[Font | None, Alignment | None]:
    """(font, alignment) of a write-only cell, read from the workbook's style tables (the
    cell's own ``font``/``alignment`` properties build proxies: slow on big sheets)."""
    if c is None or isinstance(c, (int, float, date, str)):  # a plain value: no style
        return None, None
    style = getattr(c, "_style", None)
    if style is None:  # a cell with no style of its own
        return None, None
    wb = c.parent.parent
    return wb._fonts[style.fontId], wb._alignments[style.alignmentId]


def wrapped_lines(c: RowValue, width: float) -> int:
    """Lines a text cell needs at ``width`` (1 for numbers, and for cells set not to wrap)."""
    value = getattr(c, "value", c)
    if not isinstance(value, str):
        return 1
    usable = max(width - 1, 1)  # the cell's padding
    if "\n" not in value and len(value) * 1.4 <= usable:  # fits even bold at 14 pt
        return 1
    font, alignment = _style_of(c)
    if alignment is not None and alignment.wrap_text is False:
        return 1
    return sum(line_count(part, usable, font) for part in value.split("\n"))


def fit_row(
    ws: WriteOnlyWorksheet, row: int, cells: Sequence[RowValue], widths: Sequence[float]
) -> None:
    """Give ``row`` (not yet appended) the height its wrapped cells need.

    Excel fits such rows itself, LibreOffice does not: without a height, a
    two-line message overlaps the next row, and a printed page cuts it.
    """
    lines = max((wrapped_lines(c, w) for c, w in zip(cells, widths, strict=False)), default=1)
    size = max(
        (
            float(getattr(_style_of(c)[0], "sz", None) or 11)
            for c in cells
            if isinstance(getattr(c, "value", None), str)
        ),
        default=11,
    )
    if lines > 1 or size > 11:
        ws.row_dimensions[row].height = round(LINE_POINTS * size / 11 * min(lines, MAX_LINES), 1)


def append(
    ws: WriteOnlyWorksheet, row: int, cells: Sequence[RowValue], widths: Sequence[float]
) -> None:
    """Append ``cells`` as row number ``row`` with the height its text needs."""
    fit_row(ws, row, cells, widths)
    ws.append(cells)
