"""Reading a names file (CSV or XLSX) and writing screen results (JSON, Excel).

Input problems become a :class:`~scrisk.errors.DeclarationError` whose faults
name the file, the sheet and the column, so ``scrisk screen`` exits 2 with a
message instead of a traceback. Declared names are data: they are written to
Excel as text, never as formulas.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from scrisk.errors import DeclarationError, Fault, Location
from scrisk.screening.results import COLUMNS, FORMAT, ScreenRow

XLSX_SUFFIXES = {".xlsx", ".xlsm"}
CSV_DELIMITERS = ",;\t|"
# Two million names of ~60 bytes each: anything larger is refused before reading.
MAX_CSV_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class NamesTable:
    """The names to screen, as read: one item per non-blank data row, in file order."""

    file: str
    sheet: str | None
    names: list[str]
    countries: list[str | None]  # as declared (resolve with scrisk.countries.resolve_country)
    rows: list[int]  # 1-based data row of each name (header excluded)


def _fault(file: str, reason: str, message: str, **where: Any) -> DeclarationError:
    return DeclarationError([Fault(Location(file=file, **where), reason, message)])


def read_names(path: str | Path, *, max_rows: int = 250_000) -> NamesTable:
    """Read ``name`` (and optional ``country``) columns of a CSV or XLSX file.

    Headers are matched case-insensitively, surrounding spaces ignored. Blank
    rows are skipped; every other row is kept, even with a blank name, so that
    nothing that came in is silently dropped.
    """
    file, sheet, rows = _open_rows(path)
    return _table(file, sheet, rows, max_rows=max_rows)


@dataclass(frozen=True, slots=True)
class NamesFile:
    """A names file checked whole (:func:`scan_names`) and read again, a name at a time."""

    path: str
    file: str
    sheet: str | None
    count: int  # names (non-blank data rows)
    max_rows: int

    def entries(self) -> Iterator[tuple[str, str | None, int]]:
        """(name, country as declared, 1-based data row) of each name, in file order."""
        file, sheet, rows = _open_rows(self.path)
        return _entries(file, sheet, rows, max_rows=self.max_rows)


def scan_names(path: str | Path, *, max_rows: int = 250_000) -> NamesFile:
    """Read the file once, raising every fault :func:`read_names` would, keeping only its
    count: the names are then read a block at a time (:meth:`NamesFile.entries`), so no
    output starts before the whole file is known to be good, and none is held."""
    file, sheet, rows = _open_rows(path)
    count = sum(1 for _ in _entries(file, sheet, rows, max_rows=max_rows))
    return NamesFile(str(path), file, sheet, count, max_rows)


def _open_rows(path: str | Path) -> tuple[str, str | None, Iterator[list[Any]]]:
    """(file, sheet, raw rows) of a CSV or XLSX names file."""
    p = Path(path)
    file = str(path)
    if not p.is_file():
        raise _fault(file, "unreadable", "file not found" if not p.exists() else "not a file")
    try:
        with p.open("rb") as fh:
            head = fh.read(4)
    except OSError as exc:
        raise _fault(file, "unreadable", f"cannot read the file ({exc.strerror})") from None
    if p.suffix.lower() in XLSX_SUFFIXES or head.startswith(b"PK\x03\x04"):
        sheet, rows = _xlsx_rows(p, file)
        return file, sheet, rows
    return file, None, _csv_rows(p, file)


def _csv_rows(p: Path, file: str, *, max_bytes: int | None = None) -> Iterator[list[Any]]:
    limit = MAX_CSV_BYTES if max_bytes is None else max_bytes
    size = p.stat().st_size
    if size > limit:  # refused before reading: the whole text is held in memory
        raise _fault(
            file,
            "too_large",
            f"the file is {size:,} bytes; names files are "
            f"limited to {limit:,} bytes; split the file",
        )
    from scrisk.readers.values import decode_text, mixed_encoding

    raw = p.read_bytes()
    text = decode_text(raw)
    if text is None:
        raise _fault(file, "unreadable", "not a CSV file (binary, or not UTF-8/Windows-1252 text)")
    mixed = mixed_encoding(raw)
    if mixed is not None:  # some names would be misread (SociÃ©tÃ©): refused, lines named
        utf8, other = mixed
        raise _fault(
            file,
            "unreadable",
            f"the file mixes two text encodings: line(s) {_lines(utf8)} are UTF-8, "
            f"line(s) {_lines(other)} are not (Windows-1252?); names would be misread: "
            "save the file again as UTF-8",
        )
    # The delimiter is the one the header line uses (a one-column file has none):
    # sniffing data rows misreads names such as "Acme, Inc.".
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in CSV_DELIMITERS}
    # one column: split on nothing (the ASCII unit separator never occurs in names)
    delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else "\x1f"
    del raw  # the text is what is read now
    # the text's lines, one at a time (as ``io.StringIO(text, newline="")`` gives them, but
    # without its copy of the whole text at four bytes a character)
    lines = (m.group(0) for m in _LINE.finditer(text))
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    try:
        for row in reader:
            if any("\n" in v or "\r" in v for v in row):  # a quote left open swallows rows
                raise _fault(
                    file,
                    "unreadable",
                    f"line {reader.line_num}: a quoted value runs over several lines "
                    "(a quote left open?); close the quote or remove it",
                    row=None,
                )
            yield row
    except csv.Error as exc:
        raise _fault(
            file,
            "unreadable",
            f"line {reader.line_num}: not valid CSV ({exc}); a quote left open "
            "would swallow the rows after it: close the quote or remove it",
        ) from None


# a line and its end (\r\n, \r or \n), or the last line without one
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def _lines(numbers: list[int], limit: int = 5) -> str:
    shown = ", ".join(str(n) for n in numbers[:limit])
    return shown + (f" and {len(numbers) - limit} more" if len(numbers) > limit else "")


def _xlsx_rows(p: Path, file: str) -> tuple[str, Iterator[list[Any]]]:
    from scrisk.errors import FaultCollector
    from scrisk.xlsx_io import check_zip, open_workbook, visible_sheets

    faults = FaultCollector()  # zip bomb, duplicate member and corrupt archive checks
    if not check_zip(p, faults, file=file):
        raise DeclarationError(faults.faults)
    try:
        wb = open_workbook(p)
    except Exception as exc:  # openpyxl raises many types for corrupt parts
        raise _fault(file, "unreadable", f"not a readable .xlsx workbook ({exc})") from None
    for ws in visible_sheets(wb):  # a hidden sheet is never the one screened
        first = next(ws.iter_rows(max_row=1, values_only=True), ())
        if any(_header(v) == "name" for v in first):
            return ws.title, _sheet_rows(ws, file)
    sheets = ", ".join(repr(ws.title) for ws in visible_sheets(wb)) or "none"
    raise _fault(
        file,
        "missing_column",
        f"no visible sheet has a 'name' column in its first row (sheets: {sheets})",
        field="name",
    )


def _sheet_rows(ws: Any, file: str) -> Iterator[list[Any]]:
    """Rows of a sheet, bounded like the declaration reader's (:func:`scrisk.xlsx_io.sheet_rows`).

    A formula or error value in a cell is a fault naming the cell (its cached
    value is not read). Blank rows come through as ``[]``.
    """
    from scrisk.xlsx_io import CellProblem, RowLimit, sheet_rows

    last = 0
    problems: list[Fault] = []
    try:
        for number, row in sheet_rows(ws):
            if isinstance(row, RowLimit):
                raise _fault(file, "too_large", row.message(), sheet=ws.title, row=number)
            for _ in range(last + 1, number):
                yield []
            last = number
            values = list(row)
            for i, v in enumerate(values):
                if isinstance(v, CellProblem):
                    problems.append(
                        Fault(
                            Location(file=file, sheet=ws.title, row=number, cell=v.ref),
                            "bad_value",
                            v.message(),
                        )
                    )
                    values[i] = None
            yield values
    except DeclarationError:
        raise
    except Exception as exc:  # a sheet part that fails to parse while streaming
        raise _fault(
            file,
            "unreadable",
            f"the workbook is corrupt ({type(exc).__name__}: {exc})",
            sheet=ws.title,
        ) from None
    if problems:
        raise DeclarationError(problems)


def _header(value: Any) -> str:
    return str(value).strip().lower() if value is not None else ""


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _table(file: str, sheet: str | None, rows: Iterable[list[Any]], *, max_rows: int) -> NamesTable:
    names: list[str] = []
    countries: list[str | None] = []
    numbers: list[int] = []
    for name, country, n in _entries(file, sheet, rows, max_rows=max_rows):
        names.append(name)
        countries.append(country)
        numbers.append(n)
    return NamesTable(file, sheet, names, countries, numbers)


def _entries(
    file: str, sheet: str | None, rows: Iterable[list[Any]], *, max_rows: int
) -> Iterator[tuple[str, str | None, int]]:
    """(name, country or None, data row) of each non-blank row, the header checked first."""
    it = iter(rows)
    header = next(it, None)
    if header is None:
        raise _fault(
            file, "missing_column", "the file is empty: no 'name' column", sheet=sheet, field="name"
        )
    heads = [_header(v) for v in header]
    if "name" not in heads:
        found = ", ".join(repr(h) for h in heads if h) or "none"
        raise _fault(
            file,
            "missing_column",
            f"no 'name' column (columns found: {found})",
            sheet=sheet,
            field="name",
        )
    for column in ("name", "country"):
        if heads.count(column) > 1:  # which one is meant cannot be told: never one silently
            places = ", ".join(str(i + 1) for i, h in enumerate(heads) if h == column)
            raise _fault(
                file,
                "bad_value",
                f"two {column!r} columns (columns {places}); keep one",
                sheet=sheet,
                field=column,
            )
    i_name = heads.index("name")
    i_country = heads.index("country") if "country" in heads else None
    count = 0
    for n, row in enumerate(it, start=1):
        values = [_cell(v) for v in row]
        if not any(values):
            continue
        if count >= max_rows:
            raise _fault(
                file, "too_large", f"more than {max_rows:,} names; split the file", sheet=sheet
            )
        count += 1
        country = values[i_country] if i_country is not None and i_country < len(values) else ""
        yield (values[i_name] if i_name < len(values) else ""), country or None, n


# ----------------------------------------------------------------------------- writers


def screen_document(
    rows: Sequence[ScreenRow], *, as_of: date, warnings: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
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
    sources: list[dict[str, Any]] | None = None,
    warnings: list[dict[str, Any]] | None = None,
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


def _values(row: ScreenRow) -> tuple[Any, ...]:
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
    sources: list[dict[str, Any]] | None,
    warnings: list[dict[str, Any]] | None,
) -> list[tuple[str, Any]]:
    """The Summary sheet's (item, value) lines, its header first."""
    lines: list[tuple[str, Any]] = [
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
    lines.extend(("data warning", w["message"]) for w in warnings or [])
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
    def _widths(ws: Any, widths: Sequence[float]) -> None:
        from openpyxl.utils import get_column_letter

        for c, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(c)].width = width

    @staticmethod
    def _bold(ws: Any, values: Iterable[str]) -> list[Any]:
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
        sources: list[dict[str, Any]] | None = None,
        warnings: list[dict[str, Any]] | None = None,
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


def _text(ws: Any, value: str) -> Any:
    """A write-only text cell: never a formula nor an error value, whatever it starts with."""
    from openpyxl.cell import WriteOnlyCell

    from scrisk.xlsx_io import clean_text

    cell = WriteOnlyCell(ws, value=clean_text(value))
    cell.data_type = "s"
    return cell


def _put(ws: Any, row: int, column: int, value: Any) -> None:
    from scrisk.xlsx_io import put

    put(ws, row, column, value)  # text, even if it starts with = + - @


__all__ = [
    "STREAM_EXCEL_FROM",
    "NamesFile",
    "NamesTable",
    "StreamedWorkbook",
    "read_names",
    "scan_names",
    "screen_document",
    "write_excel",
]
