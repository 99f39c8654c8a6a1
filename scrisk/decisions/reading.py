"""A decisions file read defensively: a report workbook's Review sheet, or a CSV.

The zip is bounded before openpyxl opens it, values only (formulas never
evaluated), and every fault in the file is reported at once with its file,
sheet, row and field.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from scrisk.decisions.decision import Decision, fold
from scrisk.decisions.rows import REQUIRED, column_headings, decisions_of_rows
from scrisk.errors import DeclarationError, FaultCollector, Location, msg

if TYPE_CHECKING:  # pragma: no cover
    from openpyxl import Workbook
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_ROWS = 200_000


def _review_sheet_names() -> set[str]:
    from scrisk.i18n import LANGS, t

    return {fold(t("excel.sheet.review", lang)) for lang in LANGS} | {"decisions"}


def load_decisions(
    path: str | Path, *, max_rows: int = MAX_ROWS
) -> dict[tuple[str, str], Decision]:
    """Decisions keyed by ``(party id, entry id)`` from a report workbook or a CSV.

    Rows without a decision are questions not yet answered and are skipped.
    Raises :class:`~scrisk.errors.DeclarationError` with every fault found.
    """
    p = Path(path)
    file = str(path)
    faults = FaultCollector()
    where = Location(file=file)
    if not p.is_file():
        faults.add(where, "unreadable", "cannot read the file: no such file")
        faults.raise_if_any()
    if p.stat().st_size > MAX_FILE_BYTES:
        faults.add(where, "too_large", f"the file is larger than {MAX_FILE_BYTES:,} bytes")
        faults.raise_if_any()
    with p.open("rb") as fh:
        head = fh.read(4)
    rows: Iterable[Sequence[object]]
    if p.suffix.lower() in {".xlsx", ".xlsm"} or head.startswith(b"PK\x03\x04"):
        sheet, rows = _workbook_rows(p, file, faults)
    else:
        sheet, rows = None, _csv_rows(p, file, faults)
    out = decisions_of_rows(rows, file, sheet, faults, max_rows=max_rows)
    faults.raise_if_any()
    return out


def _workbook_rows(
    p: Path, file: str, faults: FaultCollector
) -> tuple[str | None, list[tuple[object, ...]]]:
    from scrisk.xlsx_io import check_zip, open_workbook

    where = Location(file=file)
    if not check_zip(
        p,
        faults,
        max_bytes=MAX_UNCOMPRESSED_BYTES,
        max_members=MAX_MEMBERS,
        file=file,
        max_sheet_bytes=2 * MAX_FILE_BYTES,
    ):
        raise DeclarationError(faults.faults)
    with p.open("rb") as stream:
        try:
            wb = open_workbook(stream)  # formulas kept as formulas, never their cache
        except Exception as error:  # openpyxl raises many types for corrupt parts
            faults.add(
                where,
                "unreadable",
                msg("input.file.not_workbook", reason=f"{type(error).__name__}: {error}"),
            )
            raise DeclarationError(faults.faults) from None
        try:
            ws = _find_sheet(wb)
            if ws is None:
                sheets = ", ".join(repr(n) for n in wb.sheetnames) or "none"
                faults.add(
                    where,
                    "missing_sheet",
                    msg("input.decisions.no_sheet", sheets=sheets),
                )
                raise DeclarationError(faults.faults)
            try:
                return ws.title, _bounded_rows(ws, file, faults)
            except DeclarationError:
                raise
            except Exception as error:
                faults.add(
                    Location(file=file, sheet=ws.title),
                    "unreadable",
                    f"the sheet is corrupt: {type(error).__name__}: {error}",
                )
                raise DeclarationError(faults.faults) from None
        finally:
            wb.close()


def _bounded_rows(
    ws: ReadOnlyWorksheet, file: str, faults: FaultCollector
) -> list[tuple[object, ...]]:
    """Every row to the last one read (row numbers kept), columns and rows bounded.

    A formula or error value is a fault naming the cell, its cache never read.
    """
    from scrisk.xlsx_io import CellProblem, RowLimit, sheet_rows

    out: list[tuple[object, ...]] = []
    for number, row in sheet_rows(ws, max_rows=MAX_ROWS + 1, max_columns=64):
        if isinstance(row, RowLimit):
            faults.add(
                Location(file=file, sheet=ws.title),
                "too_large",
                f"more than {MAX_ROWS:,} rows; split the file",
            )
            raise DeclarationError(faults.faults)
        out.extend(() for _ in range(len(out) + 1, number))
        values = list(row)
        for i, v in enumerate(values):
            if isinstance(v, CellProblem):
                faults.add(
                    Location(file=file, sheet=ws.title, row=number, cell=v.ref),
                    "bad_value",
                    v.fault_text(),
                )
                values[i] = None
        out.append(tuple(values))
    return out


def _find_sheet(wb: Workbook) -> ReadOnlyWorksheet | None:
    from scrisk.xlsx_io import visible_sheets

    names = _review_sheet_names()
    for ws in visible_sheets(wb):  # a hidden sheet is never the one read
        if fold(ws.title) in names:
            return ws
    headings = column_headings()
    for ws in visible_sheets(wb):
        first = next(ws.iter_rows(max_row=1, values_only=True), ())
        found = {headings.get(fold(v)) for v in first if v is not None}
        if set(REQUIRED) <= found:
            return ws
    return None


def _csv_rows(p: Path, file: str, faults: FaultCollector) -> Iterator[list[str]]:
    from scrisk.readers.values import decode_text

    text = decode_text(p.read_bytes())
    if not text:
        faults.add(
            Location(file=file),
            "unreadable",
            "not a decisions CSV (empty, binary or not UTF-8/Windows-1252 text)",
        )
        raise DeclarationError(faults.faults)
    try:
        dialect: type[csv.Dialect] = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    try:
        yield from csv.reader(io.StringIO(text, newline=""), dialect)
    except csv.Error as error:
        faults.add(Location(file=file), "unreadable", f"not a valid CSV file: {error}")
        raise DeclarationError(faults.faults) from None
