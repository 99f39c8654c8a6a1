"""Read a declaration from the Excel workbook made by ``scrisk template``.

The workbook is turned into the JSON form (comma lists split, Y/N right
columns turned into a rights list, each record's row number kept) and
validated by the same code as JSON, so both forms give equal declarations.

Reading is defensive: the zip is checked for size and member count before
openpyxl opens it (no zip bombs), openpyxl parses XML through defusedxml, the
workbook is opened read-only with cached values only (formulas are never
evaluated), and any corrupt file becomes an ``unreadable`` fault, not a
traceback.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from scrisk.errors import DeclarationError, FaultCollector, Location
from scrisk.model import RIGHTS, Declaration
from scrisk.readers import schema
from scrisk.readers.locate import SheetLocator
from scrisk.readers.validate import declaration_from_dict

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_ROWS = 1_048_576  # Excel's last row: no workbook saved by Excel goes past it
MAX_COLUMNS = 256  # the template uses 12; extra notes columns past this are not read
_MIN_COLUMNS = 64  # read at least this wide whatever width the sheet declares
_HEADER_SEARCH_ROWS = 20


def _fold(value: Any) -> str:
    return " ".join(str(value).strip().casefold().split()) if value is not None else ""


def _key(value: Any) -> str:
    return _fold(value).replace(" ", "_").replace("-", "_")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _check_zip(path: Path, faults: FaultCollector, *, max_bytes: int, max_members: int) -> bool:
    where = Location(file=path.name)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except FileNotFoundError:
        faults.add(where, "unreadable", "cannot read the file: no such file")
        return False
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        faults.add(where, "unreadable",
                   f"not a readable Excel workbook (.xlsx): {error or 'truncated or corrupt'}")
        return False
    total = sum(i.file_size for i in infos)
    if len(infos) > max_members or total > max_bytes:
        faults.add(where, "too_large",
                   f"the workbook holds {len(infos):,} parts and {total:,} bytes uncompressed; "
                   f"the limit is {max_members:,} parts and {max_bytes:,} bytes")
        return False
    return True


# Public names for the other workbook readers (screening names files), until the xlsx
# guards live in one module of their own.
check_zip = _check_zip
MIN_COLUMNS = _MIN_COLUMNS


def _sheet_sections(names: list[str]) -> dict[str, str]:
    """section -> actual sheet name, matching names and aliases case-insensitively."""
    found: dict[str, str] = {}
    for name in names:
        for section, aliases in schema.SHEET_ALIASES.items():
            if _fold(name) in aliases and section not in found:
                found[section] = name
    return found


def _rows(ws: Any, sheet: str, file: str, faults: FaultCollector
          ) -> list[tuple[int, tuple[Any, ...]]]:
    """Non-empty rows with their 1-based row numbers as Excel shows them.

    Bounded, and never cut short by a wrong declared size. A 17 kB workbook
    with one cell in the last column (XFD) and one in the last row would
    otherwise be read as a million rows of 16,384 blanks each (minutes of
    work). Columns past MAX_COLUMNS are not read, the blank filler rows
    openpyxl yields for gaps are skipped in one test, and rows past Excel's
    own limit stop the reading with a ``too_large`` fault.
    """
    # The <dimension> a sheet declares is only a hint: openpyxl stops at its
    # last row, so a wrong one (written by some tools) would silently drop
    # parties. Rows are read to the real end; the declared width is trusted only
    # above the template's columns.
    width = min(max(ws.max_column or MAX_COLUMNS, _MIN_COLUMNS), MAX_COLUMNS)
    ws.reset_dimensions()
    out = []
    blank: tuple[Any, ...] | None = None
    for number, row in enumerate(ws.iter_rows(max_col=width, values_only=True), start=1):
        if number > MAX_ROWS:
            faults.add(Location(file=file, sheet=sheet, row=number), "too_large",
                       f"the sheet goes past row {MAX_ROWS:,}, Excel's last row")
            break
        if row is blank:  # openpyxl yields one shared tuple for every missing row
            continue
        if row and not all(_blank(v) for v in row):
            out.append((number, tuple(row)))
        else:
            blank = row
    return out


def _read_solicitation(ws: Any, sheet: str, file: str, faults: FaultCollector
                       ) -> tuple[dict[str, Any], dict[str, int]]:
    rows = _rows(ws, sheet, file, faults)
    header = next(((n, r) for n, r in rows[:_HEADER_SEARCH_ROWS]
                   if "field" in map(_key, r) and "value" in map(_key, r)), None)
    if header is None:
        faults.add(Location(file=file, sheet=sheet, field="field"), "missing_column",
                   "the Solicitation sheet needs a header row with columns 'field' and 'value'")
        return {}, {}
    head_row, cells = header
    keys = [_key(c) for c in cells]
    fcol, vcol = keys.index("field"), keys.index("value")
    values: dict[str, Any] = {}
    where: dict[str, int] = {}
    for number, row in rows:
        if number <= head_row or fcol >= len(row):
            continue
        field = _key(row[fcol])
        if field and field not in values:
            values[field] = row[vcol] if vcol < len(row) else None
            where[field] = number
    return values, where


def _read_records(ws: Any, section: str, sheet: str, file: str, faults: FaultCollector
                  ) -> tuple[list[dict[str, Any]], list[int]]:
    """Records of a list sheet keyed by header (case-insensitive), with row numbers."""
    rows = _rows(ws, sheet, file, faults)
    known = set(schema.SHEET_COLUMNS[section]) | {"rights"}
    header = next(((n, r) for n, r in rows[:_HEADER_SEARCH_ROWS]
                   if known & set(map(_key, r))), None)
    if header is None:
        faults.add(Location(file=file, sheet=sheet, row=1), "missing_column",
                   f"no header row found; expected columns: "
                   f"{', '.join(schema.SHEET_COLUMNS[section])}")
        return [], []
    head_row, cells = header
    columns: dict[str, int] = {}
    for i, cell in enumerate(cells):
        key = _key(cell)
        if key and key not in columns:
            columns[key] = i
    required = schema.REQUIRED_COLUMNS[section]
    if section == "certifications" and "rights" in columns:
        required = ("party",)  # a single comma-separated rights column is accepted too
    missing = [c for c in required if c not in columns]
    for name in missing:
        faults.add(Location(file=file, sheet=sheet, row=head_row, field=name), "missing_column",
                   f"column {name!r} is missing from the header row")
    if missing:
        return [], []
    records, numbers = [], []
    for number, row in rows:
        if number <= head_row:
            continue
        records.append({name: row[i] for name, i in columns.items() if i < len(row)})
        numbers.append(number)
    return records, numbers


def _rights(record: dict[str, Any], loc: Location, faults: FaultCollector) -> Any:
    """Y/N columns -> list of rights affirmed (blank = N)."""
    if "rights" in record and not any(r in record for r in RIGHTS):
        return record.get("rights")
    out = []
    for right in RIGHTS:
        value = record.get(right)
        if _blank(value) or value is False:
            continue
        key = _fold(value)
        if value is True or key in schema.YES:
            out.append(right)
        elif key not in schema.NO:
            faults.add(loc.with_field(right), "bad_value",
                       f"{right} must be Y or N, not {value!r}")
    return out


def _nest_s211(record: dict[str, Any]) -> None:
    """The ``s211_<key>`` columns of a Parties row -> one ``s211`` object (none if all blank)."""
    report = {}
    for column in schema.S211_COLUMNS:
        value = record.pop(column, None)
        if not _blank(value):
            report[column.removeprefix("s211_")] = value
    if report:
        record["s211"] = report


def read_workbook(
    path: str | Path,
    *,
    max_bytes: int = MAX_UNCOMPRESSED_BYTES,
    max_members: int = MAX_MEMBERS,
) -> Declaration:
    """Read and validate a declaration workbook; every fault raised together."""
    path = Path(path)
    file = path.name
    faults = FaultCollector()
    if not _check_zip(path, faults, max_bytes=max_bytes, max_members=max_members):
        faults.raise_if_any()
    import openpyxl

    # Opened through a file object so a workbook uploaded under another suffix
    # still reads (openpyxl refuses unknown suffixes on paths).
    with path.open("rb") as stream:
        try:
            wb = openpyxl.load_workbook(stream, read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many types for corrupt parts
            faults.add(Location(file=file), "unreadable",
                       f"not a readable Excel workbook (.xlsx): {type(error).__name__}: {error}")
            faults.raise_if_any()
        try:
            raw, locator, broken = _workbook_to_raw(wb, file, faults)
        except DeclarationError:
            raise
        except Exception as error:  # a part that fails to parse while streaming rows
            faults.add(Location(file=file), "unreadable",
                       f"the workbook is corrupt: {type(error).__name__}: {error}")
            faults.raise_if_any()
            raise  # pragma: no cover
        finally:
            wb.close()
    return declaration_from_dict(raw, locator=locator, faults=faults, source=str(path),
                                 unusable=broken)


def _workbook_to_raw(wb: Any, file: str, faults: FaultCollector
                     ) -> tuple[dict[str, Any], SheetLocator, frozenset[str]]:
    """The JSON form of the workbook, its locator, and the sections that could not be read."""
    sheets = _sheet_sections(list(wb.sheetnames))
    missing = [s for s in schema.REQUIRED_SHEETS if s not in sheets]
    for section in missing:
        faults.add(Location(file=file, sheet=schema.SHEETS[section]), "missing_sheet",
                   f"sheet {schema.SHEETS[section]!r} is missing; the workbook has: "
                   f"{', '.join(repr(n) for n in wb.sheetnames)}")
    if missing:
        faults.raise_if_any()
    solicitation, sol_rows = _read_solicitation(
        wb[sheets["solicitation"]], sheets["solicitation"], file, faults)
    rows: dict[str, list[int]] = {}
    records: dict[str, list[dict[str, Any]]] = {}
    broken: set[str] = set()
    for section in ("goods", "parties", "certifications", "audits"):
        if section in sheets:
            before = len(faults.faults)
            records[section], rows[section] = _read_records(
                wb[sheets[section]], section, sheets[section], file, faults)
            if len(faults.faults) > before:  # header unusable: one fault, no cascade
                broken.add(section)
        else:
            records[section], rows[section] = [], []
    locator = SheetLocator(file, sheets=sheets, rows=rows, solicitation_rows=sol_rows)
    for i, record in enumerate(records["certifications"]):
        record["rights"] = _rights(record, locator.at("certifications", i), faults)
    for record in records["parties"]:
        _nest_s211(record)
    solicitation["goods"] = records["goods"]
    raw = {
        "solicitation": solicitation,
        "parties": records["parties"],
        "certifications": records["certifications"],
        "audits": records["audits"],
    }
    return raw, locator, frozenset(broken)


__all__ = ["MAX_COLUMNS", "MAX_MEMBERS", "MAX_ROWS", "MAX_UNCOMPRESSED_BYTES", "MIN_COLUMNS",
           "check_zip", "read_workbook"]
