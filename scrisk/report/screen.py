"""The screen results as a reviewer reads them: the Screen JSON document and the workbook.

Declared names are data: they are written to Excel as text, never as formulas.
A large run's workbook is written row by row (:class:`StreamedWorkbook`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from scrisk.jsontypes import JsonValue
from scrisk.screening.results import COLUMNS, FORMAT, ScreenRow

if TYPE_CHECKING:  # pragma: no cover
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet
    from openpyxl.worksheet.worksheet import Worksheet

Warnings = Sequence[Mapping[str, JsonValue]]  # freshness warnings: their "message" is written
Sources = Sequence[Mapping[str, str]]  # the list datasets: id, source, edition
Cell = str | int | float | None  # what a Results or Summary cell holds

# ----------------------------------------------------------------------------- writers


def screen_document(
    rows: Sequence[ScreenRow], *, as_of: date, warnings: Warnings | None = None
) -> dict[str, JsonValue]:
    """The Screen JSON document (format ``scrisk-screen/1``); ``warnings``: data freshness.
    Each result is its typed row's serialisation (:meth:`ScreenRow.to_dict`)."""
    return {
        "format": FORMAT,
        "as_of": as_of.isoformat(),
        "results": [r.to_dict() for r in rows],
        "warnings": list(warnings or []),
    }


def _features_text(features: Mapping[str, float]) -> str:
    return "; ".join(f"{k}={v:g}" for k, v in sorted(features.items()))


def write_excel(
    rows: Sequence[ScreenRow],
    path: str | Path,
    *,
    as_of: date,
    sources: Sources | None = None,
    warnings: Warnings | None = None,
) -> None:
    """A workbook a reviewer can filter: a Results sheet and a Summary sheet.

    Every string is written as a text cell (``data_type = "s"``), so a declared
    name such as ``=HYPERLINK(...)`` stays text and never becomes a formula.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "Results"
    headers = list(COLUMNS)
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(_values(row), start=1):  # the columns of COLUMNS, in order
            _put(ws, r, c, value)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(1, len(rows) + 1)}"
    for c, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width

    summary = wb.create_sheet("Summary")
    counts = {k: sum(1 for r in rows if r.class_ == k) for k in ("strong", "possible", "none")}
    in_force = sum(1 for r in rows if r.class_ != "none" and r.active is True)
    for i, (k, v) in enumerate(_summary(as_of, counts, in_force, sources, warnings), start=1):
        _put(summary, i, 1, k)
        _put(summary, i, 2, v)
    for cell in summary[1]:
        cell.font = Font(bold=True)
    summary.column_dimensions["A"].width = 48
    summary.column_dimensions["B"].width = 60
    summary.freeze_panes = "A2"
    from scrisk.xlsx_io import save

    save(wb, path, report=True)  # fixed document properties: same input, same bytes


WIDTHS = (6, 40, 8, 9, 8, 18, 50, 40, 7, 60, 40, 30, 60)  # of the Results columns


def _values(row: ScreenRow) -> tuple[Cell, ...]:
    """The Results cells of one row, in the order of COLUMNS."""
    active = "" if row.active is None else ("yes" if row.active else "no")
    return (
        row.row,
        row.name,
        row.country,
        row.class_,
        active,
        row.list,
        row.entity,
        row.matched_name,
        row.score,
        _features_text(row.features),
        row.entry_id,
        "; ".join(row.lists),
        "; ".join(
            f"{m['entity']} ({m['list']}, {m['class']} {m['score']})" for m in row.other_matches
        ),
    )


def _summary(
    as_of: date,
    counts: Mapping[str, int],
    in_force: int,
    sources: Sources | None,
    warnings: Warnings | None,
) -> list[tuple[str, Cell]]:
    """The Summary sheet's (item, value) lines, its header first."""
    lines: list[tuple[str, Cell]] = [
        ("item", "value"),
        ("format", FORMAT),
        ("as of", as_of.isoformat()),
        ("names screened", sum(counts.values())),
        *((f"{k} matches", counts[k]) for k in ("strong", "possible", "none")),
        ("matches to entries in force on the as-of date", in_force),
    ]
    for source in sources or []:
        lines.append(
            (
                f"source: {source.get('id', '')}",
                f"{source.get('source', '')}, edition {source.get('edition', '')}",
            )
        )
    lines.extend(("data warning", str(w.get("message") or "")) for w in warnings or [])
    return lines


# From this many names the workbook is written as the results come (openpyxl's write-only
# mode): a normal workbook holds every cell, some hundreds of bytes each, until saved
STREAM_EXCEL_FROM = 50_000


class StreamedWorkbook:
    """The screen workbook of :func:`write_excel` (same sheets, columns, widths, frozen
    header, filter and Summary) written a row at a time: memory stays flat in the number
    of rows but for openpyxl's table of distinct strings. Declared names stay text."""

    def __init__(self) -> None:
        from openpyxl import Workbook

        self._wb = Workbook(write_only=True)
        self._ws = self._wb.create_sheet("Results")
        self._ws.freeze_panes = "A2"
        self._widths(self._ws, WIDTHS)
        self._ws.append(self._bold(self._ws, COLUMNS))
        self.counts = {"strong": 0, "possible": 0, "none": 0}
        self.in_force = 0

    @staticmethod
    def _widths(ws: WriteOnlyWorksheet, widths: Sequence[float]) -> None:
        from openpyxl.utils import get_column_letter

        for c, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(c)].width = width

    @staticmethod
    def _bold(ws: WriteOnlyWorksheet, values: Iterable[str]) -> list[WriteOnlyCell]:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        cells = []
        for value in values:
            cell = WriteOnlyCell(ws, value=_text(ws, value).value)
            cell.data_type = "s"
            cell.font = Font(bold=True)
            cells.append(cell)
        return cells

    def add(self, row: ScreenRow) -> None:
        ws = self._ws
        self.counts[row.class_] += 1
        self.in_force += row.class_ != "none" and row.active is True
        ws.append([_text(ws, v) if isinstance(v, str) else v for v in _values(row)])

    def save(
        self,
        path: str | Path,
        *,
        as_of: date,
        sources: Sources | None = None,
        warnings: Warnings | None = None,
    ) -> None:
        from openpyxl.utils import get_column_letter

        ws, rows = self._ws, sum(self.counts.values())
        ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(1, rows + 1)}"
        summary = self._wb.create_sheet("Summary")
        summary.freeze_panes = "A2"
        self._widths(summary, (48, 60))
        lines = _summary(as_of, self.counts, self.in_force, sources, warnings)
        summary.append(self._bold(summary, [str(v) for v in lines[0]]))
        for k, v in lines[1:]:
            summary.append([_text(summary, k), _text(summary, v) if isinstance(v, str) else v])
        from scrisk.xlsx_io import save

        save(self._wb, path, report=True)


def _text(ws: WriteOnlyWorksheet, value: str) -> WriteOnlyCell:
    """A write-only text cell: never a formula nor an error value, whatever it starts with."""
    from openpyxl.cell import WriteOnlyCell

    from scrisk.xlsx_io import clean_text

    cell = WriteOnlyCell(ws, value=clean_text(value))
    cell.data_type = "s"
    return cell


def _put(ws: Worksheet, row: int, column: int, value: Cell) -> None:
    from scrisk.xlsx_io import put

    put(ws, row, column, value)  # text, even if it starts with = + - @


__all__ = ["STREAM_EXCEL_FROM", "StreamedWorkbook", "screen_document", "write_excel"]
