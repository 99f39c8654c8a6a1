"""Reading a names file (CSV or XLSX) for ``scrisk screen``: one name a row, bounded.

Input problems become a :class:`~scrisk.errors.DeclarationError` whose faults
name the file, the sheet and the column, so ``scrisk screen`` exits 2 with a
message instead of a traceback. The results are written by
:mod:`scrisk.report.screen`.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scrisk.errors import DeclarationError, Fault, Location

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


__all__ = ["NamesFile", "NamesTable", "read_names", "scan_names"]
