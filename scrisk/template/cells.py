"""Cells of the declaration workbook: text-safe values, headers, column formats, drop-downs.

Declared text is data: every string is written as a text cell, never a
formula, whatever character it starts with.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from scrisk.readers import schema
from scrisk.template_labels import Labels

if TYPE_CHECKING:  # pragma: no cover
    from openpyxl.worksheet.worksheet import Worksheet

SECTIONS = (
    ("solicitation", schema.SOLICITATION_FIELDS),
    ("goods", schema.GOOD_FIELDS),
    ("parties", schema.PARTY_FIELDS),
    ("parties", tuple(replace(f, name=f"s211_{f.name}") for f in schema.S211_FIELDS)),
    ("certifications", schema.CERTIFICATION_FIELDS),
    ("audits", schema.AUDIT_FIELDS),
)


def put_cell(ws: Worksheet, row: int, col: int, value: Any) -> Any:
    """Write one cell; strings stay text (never a formula), as :func:`scrisk.xlsx_io.put`."""
    from scrisk.xlsx_io import put

    return put(ws, row, col, value)


def as_number(value: float | int | None) -> float | int | None:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def hs_display(code: str | None) -> str | None:
    """Digits back to the usual display: 620520 -> 6205.20."""
    if not code or len(code) <= 4:
        return code
    rest = code[4:]
    return code[:4] + "." + ".".join(rest[i : i + 2] for i in range(0, len(rest), 2))


def join_cell(values: Sequence[str]) -> str | None:
    """One cell for a list, split back exactly by the reader.

    Comma-separated as the spec says; when an item holds a comma the items are
    separated by ';', and when one holds a ';' by new lines. A single such
    item gets a trailing separator so the reader does not split inside it.
    """
    if not values:
        return None
    if any(";" in v for v in values):
        sep = "\n"
    elif any("," in v for v in values):
        sep = "; "
    else:
        return ", ".join(values)
    text = sep.join(values)
    if len(values) == 1:
        text += sep.strip() or sep
    return text


def write_header(ws: Worksheet, names: Sequence[str], widths: Sequence[int]) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold, fill = Font(name="Calibri", bold=True), PatternFill("solid", fgColor="DDEBF7")
    widths = [  # wide enough for the longest word of its heading, in bold
        max(w, math.ceil(max(map(len, n.split()), default=0) * 1.25) + 2)
        for w, n in zip(widths, names, strict=True)
    ]
    for col, (name, width) in enumerate(zip(names, widths, strict=True), start=1):
        cell = put_cell(ws, 1, col, name)
        cell.font, cell.fill = bold, fill
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"
    from scrisk.template.printing import header_row, page_setup

    header_row(ws, list(names), list(widths))
    page_setup(ws, sum(widths))


def list_validation(
    ws: Worksheet, formula: str, cells: str, *, strict: bool = True, labels: Labels | None = None
) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    from scrisk.i18n import t

    dv = DataValidation(type="list", formula1=formula, allow_blank=True)
    dv.showErrorMessage = strict  # country also accepts codes and French names
    dv.error = t("template.choose", labels.lang if labels else "en")
    ws.add_data_validation(dv)
    dv.add(cells)


def quoted(values: Iterable[str]) -> str:
    return '"' + ",".join(values) + '"'


def fill_sheet(
    ws: Worksheet,
    names: Sequence[str],
    rows: Iterable[dict[str, Any]],
    *,
    text_cols: Sequence[str] = (),
    date_cols: Sequence[str] = (),
    headers: Sequence[str] | None = None,
) -> None:
    """Header, records, and column formats (text for ids and codes, ISO dates).

    Formats are set on whole columns, not cell by cell, so a blank template
    holds no empty styled cells and typing 4015.10 into hs_code stays text.
    """
    from openpyxl.utils import get_column_letter

    write_header(ws, headers or names, _columns_widths(ws, names))
    for row, record in enumerate(rows, start=2):
        for col, name in enumerate(names, start=1):
            if record.get(name) is not None:
                cell = put_cell(ws, row, col, record[name])
                if name in date_cols:
                    cell.number_format = "yyyy-mm-dd"
    for name, fmt in [*((n, "@") for n in text_cols), *((n, "yyyy-mm-dd") for n in date_cols)]:
        ws.column_dimensions[get_column_letter(names.index(name) + 1)].number_format = fmt


def _columns_widths(ws: Worksheet, names: Sequence[str]) -> tuple[int, ...]:
    widths = {f.name: f.width for _, specs in SECTIONS for f in specs}
    return tuple(widths.get(n, 12) for n in names)


def column_range(names: Sequence[str], name: str, n_rows: int) -> str:
    from openpyxl.utils import get_column_letter

    col = get_column_letter(names.index(name) + 1)
    return f"{col}2:{col}{n_rows + 1}"
