"""How the declaration workbook prints: Letter pages, the header row on every page, a
sheet as wide as its columns allow, and rows as tall as their wrapped text.

LibreOffice does not grow a row to its wrapped text as Excel does, so the rows of the
Instructions sheet are given the height their text needs (:func:`row_height`).
"""

from __future__ import annotations

import math
from typing import Any

# A landscape Letter page holds about 125 column-width units at 100 %; a sheet up to
# ONE_PAGE wide is scaled to one page wide (>= about 62 %, still legible), a wider one
# to two pages wide, its first column (the id) repeated on the second.
PAGE_WIDTH = 125
ONE_PAGE = 200
LINE_POINTS = 15  # one line of Calibri 11


def page_setup(
    ws: Any, width: float, *, portrait: bool = False, title_rows: str | None = "1:1"
) -> None:
    """Letter, narrow margins, ``title_rows`` repeated, one page wide (two past ONE_PAGE)."""
    ws.page_setup.orientation = "portrait" if portrait else "landscape"
    ws.page_setup.paperSize = 1  # Letter
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top, ws.page_margins.bottom = 0.5, 0.6
    ws.page_margins.header, ws.page_margins.footer = 0.25, 0.3
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1 if portrait or width <= ONE_PAGE else 2
    ws.page_setup.fitToHeight = 0
    if ws.page_setup.fitToWidth == 2:
        ws.page_setup.pageOrder = "overThenDown"
        ws.print_title_cols = "A:A"
    if title_rows:
        ws.print_title_rows = title_rows
    for part in (ws.oddFooter, ws.evenFooter):
        part.center.text, part.center.size = "&A · &P / &N", 8  # sheet, page of pages


def row_height(texts: list[tuple[str, float]]) -> float:
    """Points a row needs for its wrapped cells, each (text, column width)."""
    lines = 1
    for text, width in texts:
        usable = max(width - 1.5, 1)
        need = sum(max(1, math.ceil(len(part) * 1.05 / usable)) for part in text.split("\n"))
        lines = max(lines, need)
    return lines * LINE_POINTS


def header_row(ws: Any, names: list[str], widths: list[float]) -> None:
    """The header row wrapped, as tall as its longest heading needs."""
    from openpyxl.styles import Alignment

    wrap = Alignment(wrap_text=True, vertical="top")
    for col in range(1, len(names) + 1):
        ws.cell(row=1, column=col).alignment = wrap
    ws.row_dimensions[1].height = row_height(
        [(n, w * 0.9) for n, w in zip(names, widths, strict=True)]  # bold: 10 % wider
    )


__all__ = ["LINE_POINTS", "ONE_PAGE", "PAGE_WIDTH", "header_row", "page_setup", "row_height"]
