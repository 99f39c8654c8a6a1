"""Read a declaration from the Excel workbook made by ``scrisk template``.

The workbook is turned into the JSON form (comma lists split, Y/N right
columns turned into a rights list, each record's row number kept) and
validated by the same code as JSON, so both forms give equal declarations.

Reading is defensive (:mod:`scrisk.xlsx_io`): the zip is checked for size,
member count and duplicate members before openpyxl opens it (no zip bombs),
openpyxl parses XML through defusedxml, and any corrupt file becomes an
``unreadable`` fault, not a traceback. A cell holding a formula is a fault
naming the cell ("enter the value, not a formula"): its cached result is
controlled by the file's author and may differ from what Excel shows, so it is
never read. Error values (``#REF!``, ``#N/A``) are faults too. A hidden sheet
with a template role is refused; the sheet read is the visible one the
template names. Fault locations carry the Excel cell (``Parties!G3``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scrisk.errors import DeclarationError, FaultCollector, Location, msg
from scrisk.model import Declaration
from scrisk.readers import excel_lang, schema
from scrisk.readers.locate import SheetLocator
from scrisk.readers.sheet_checks import (
    above_header,
    blank,
    duplicate_column,
    fold,
    sheet_sections,
    unknown_heading,
    unread_row,
)
from scrisk.readers.validate import declaration_from_dict
from scrisk.schema import RIGHTS
from scrisk.xlsx_io import (
    MAX_COLUMNS,
    MAX_MEMBERS,
    MAX_ROWS,
    MAX_UNCOMPRESSED_BYTES,
    CellProblem,
    RowLimit,
    check_zip,
    sheet_rows,
)

_HEADER_SEARCH_ROWS = 20
# The fields a Solicitation sheet row may name ("contract_date": rules v3, named here
# too so it is read whichever branch of the schema declares it first).
_SOLICITATION_KEYS = frozenset({f.name for f in schema.SOLICITATION_FIELDS} | {"contract_date"})


def _key(value: Any) -> str:
    if isinstance(value, CellProblem):
        return ""
    return fold(value).replace(" ", "_").replace("-", "_")


def _check_zip(path: Path, faults: FaultCollector, *, max_bytes: int, max_members: int) -> bool:
    """Kept for callers of the old name: :func:`scrisk.xlsx_io.check_zip`."""
    return check_zip(path, faults, max_bytes=max_bytes, max_members=max_members)


def _rows(
    ws: Any, sheet: str, file: str, faults: FaultCollector, *, limit: int | None = None
) -> list[tuple[int, tuple[Any, ...]]]:
    """Non-empty rows with their 1-based row numbers as Excel shows them.

    Bounded, and never cut short by a wrong declared size
    (:func:`scrisk.xlsx_io.sheet_rows`); formula and error cells arrive as
    :class:`~scrisk.xlsx_io.CellProblem` and become faults where they are read.
    """
    out = []
    for number, row in sheet_rows(ws, max_rows=MAX_ROWS, max_columns=MAX_COLUMNS):
        if isinstance(row, RowLimit):
            faults.add(Location(file=file, sheet=sheet, row=number), "too_large", row.message())
            break
        out.append((number, row))
        if limit is not None and len(out) > limit + _HEADER_SEARCH_ROWS:  # refused early
            faults.add(
                Location(file=file, sheet=sheet, row=number),
                "too_large",
                msg("input.sheet.too_many_records", limit=f"{limit:,}"),
            )
            break
    return out


def _take(value: Any, where: Location, faults: FaultCollector) -> Any:
    """The value of a cell, or None with a fault when it is a formula or an error."""
    if isinstance(value, CellProblem):
        faults.add(
            Location(where.file, where.sheet, where.row, where.path, where.field, value.ref),
            "bad_value",
            value.fault_text(),
        )
        return None
    return value


def _read_solicitation(
    ws: Any, sheet: str, file: str, faults: FaultCollector
) -> tuple[dict[str, Any], dict[str, int], int | None]:
    rows = _rows(ws, sheet, file, faults, limit=1_000)

    def key(cell: Any) -> str:  # English or French ("champ", "numéro")
        return excel_lang.header("solicitation", cell) if not blank(cell) else _key(cell)

    header = next(
        (
            (n, r)
            for n, r in rows[:_HEADER_SEARCH_ROWS]
            if "field" in map(key, r) and "value" in map(key, r)
        ),
        None,
    )
    if header is None:
        faults.add(
            Location(file=file, sheet=sheet, field="field"),
            "missing_column",
            msg("input.sheet.solicitation_header"),
        )
        return {}, {}, None
    head_row, cells = header
    above_header(rows, head_row, sheet, file, faults)
    keys = [key(c) for c in cells]
    for name in ("field", "value"):
        at = [i for i, k in enumerate(keys) if k == name]
        for later in at[1:]:
            duplicate_column(name, at[0], later, head_row, sheet, file, faults)
    fcol, vcol = keys.index("field"), keys.index("value")
    values: dict[str, Any] = {}
    where: dict[str, int] = {}
    for number, row in rows:
        if number <= head_row:
            continue
        if fcol >= len(row) or blank(row[fcol]):
            if any(not blank(c) for c in row):  # a value without its field name
                unread_row(row, number, sheet, file, faults)
            continue
        name = _take(row[fcol], Location(file=file, sheet=sheet, row=number), faults)
        field = key(name) if not blank(name) else ""
        if field and field not in _SOLICITATION_KEYS:
            value = row[vcol] if vcol < len(row) else None
            if not blank(value):
                unknown_heading(
                    name, field, _SOLICITATION_KEYS, (sheet, number, fcol), file, faults
                )
            continue
        if field in values:  # a second "closing_date" row: which one counts?
            faults.add(
                Location(file=file, sheet=sheet, row=number, field=field),
                "duplicate_id",
                msg(
                    "input.sheet.duplicate_field_row",
                    field=field,
                    first=where[field],
                    second=number,
                ),
            )
        elif field:
            values[field] = _take(
                row[vcol] if vcol < len(row) else None,
                Location(file=file, sheet=sheet, row=number, field=field),
                faults,
            )
            where[field] = number
    return values, where, vcol + 1


def _read_records(
    ws: Any, section: str, sheet: str, file: str, faults: FaultCollector
) -> tuple[list[dict[str, Any]], list[int], dict[str, int]]:
    """Records of a list sheet keyed by header (case-insensitive), with row numbers."""
    from scrisk.readers import limits

    cap = {"parties": limits.MAX_PARTIES, "goods": limits.MAX_GOODS}.get(
        section, limits.MAX_RECORDS
    )
    rows = _rows(ws, sheet, file, faults, limit=cap)
    known = set(schema.SHEET_COLUMNS[section]) | {"rights"}

    def key(cell: Any) -> str:  # English or French header ("rôle" -> role)
        return excel_lang.header(section, cell) if not blank(cell) else _key(cell)

    header = next(((n, r) for n, r in rows[:_HEADER_SEARCH_ROWS] if known & set(map(key, r))), None)
    if header is None:
        faults.add(
            Location(file=file, sheet=sheet, row=1),
            "missing_column",
            msg("input.sheet.no_header", columns=", ".join(schema.SHEET_COLUMNS[section])),
        )
        return [], [], {}
    head_row, cells = header
    above_header(rows, head_row, sheet, file, faults)
    columns: dict[str, int] = {}
    for i, cell in enumerate(cells):
        name = key(cell)
        if name in columns:
            duplicate_column(name, columns[name], i, head_row, sheet, file, faults)
        elif name:
            columns[name] = i
    required = schema.REQUIRED_COLUMNS[section]
    if section == "certifications" and "rights" in columns:
        required = ("party",)  # a single comma-separated rights column is accepted too
    missing = [c for c in required if c not in columns]
    for name in missing:
        faults.add(
            Location(file=file, sheet=sheet, row=head_row, field=name),
            "missing_column",
            msg("input.sheet.missing_column", field=name),
        )
    if missing:
        return [], [], {}
    records, numbers = [], []
    unknown = {i: name for name, i in columns.items() if name not in known}
    for number, row in rows:
        if number <= head_row:
            continue
        for i in [i for i in unknown if i < len(row) and not blank(row[i])]:
            unknown_heading(cells[i], unknown.pop(i), known, (sheet, head_row, i), file, faults)
        where = Location(file=file, sheet=sheet, row=number)
        records.append(
            {
                name: _take(row[i] if i < len(row) else None, where.with_field(name), faults)
                for name, i in columns.items()
            }
        )
        numbers.append(number)
    return records, numbers, {name: i + 1 for name, i in columns.items()}


def _rights(record: dict[str, Any], loc: Location, faults: FaultCollector) -> Any:
    """Y/N columns -> list of rights affirmed (blank = N)."""
    if "rights" in record and not any(r in record for r in RIGHTS):
        return record.get("rights")
    out = []
    for right in RIGHTS:
        value = record.get(right)
        if blank(value) or value is False:
            continue
        key = fold(value)
        if value is True or key in schema.YES:
            out.append(right)
        elif key not in schema.NO:
            faults.add(
                loc.with_field(right),
                "bad_value",
                msg("input.sheet.yes_no", field=right, value=repr(value)),
            )
    return out


def _nest_s211(record: dict[str, Any]) -> None:
    """The ``s211_<key>`` columns of a Parties row -> one ``s211`` object (none if all blank)."""
    report = {}
    for column in schema.S211_COLUMNS:
        value = record.pop(column, None)
        if not blank(value):
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
    from scrisk import xlsx_io

    if not check_zip(
        path,
        faults,
        max_bytes=max_bytes,
        max_members=max_members,
        file=file,
        max_sheet_bytes=xlsx_io.MAX_SHEET_BYTES,
    ):
        faults.raise_if_any()
    from scrisk.xlsx_io import open_workbook

    # Opened through a file object so a workbook uploaded under another suffix
    # still reads (openpyxl refuses unknown suffixes on paths).
    with path.open("rb") as stream:
        try:
            wb = open_workbook(stream)  # formulas kept as formulas, never their cache
        except Exception as error:  # openpyxl raises many types for corrupt parts
            faults.add(
                Location(file=file),
                "unreadable",
                msg("input.file.not_workbook", reason=f"{type(error).__name__}: {error}"),
            )
            faults.raise_if_any()
        try:
            raw, locator, broken = _workbook_to_raw(wb, file, faults)
        except DeclarationError:
            raise
        except Exception as error:  # a part that fails to parse while streaming rows
            faults.add(
                Location(file=file),
                "unreadable",
                msg("input.file.corrupt", reason=f"{type(error).__name__}: {error}"),
            )
            faults.raise_if_any()
            raise  # pragma: no cover
        finally:
            wb.close()
    try:
        return declaration_from_dict(
            raw, locator=locator, faults=faults, source=str(path), unusable=broken
        )
    except DeclarationError as error:  # a formula cell is one fault, not also "missing"
        problems = {
            f.location.cell
            for f in error.faults
            if f.location.cell and f.message.startswith(f.location.cell)
        }
        kept = [
            f
            for f in error.faults
            if not (f.reason == "missing_field" and f.location.cell in problems)
        ]
        raise DeclarationError(kept) from None


def _workbook_to_raw(
    wb: Any, file: str, faults: FaultCollector
) -> tuple[dict[str, Any], SheetLocator, frozenset[str]]:
    """The JSON form of the workbook, its locator, and the sections that could not be read."""
    sheets = sheet_sections(wb, file, faults)
    missing = [s for s in schema.REQUIRED_SHEETS if s not in sheets]
    for section in missing:
        faults.add(
            Location(file=file, sheet=schema.SHEETS[section]),
            "missing_sheet",
            msg(
                "input.sheet.missing",
                sheet=repr(schema.SHEETS[section]),
                sheets=", ".join(repr(n) for n in wb.sheetnames),
            ),
        )
    if missing:
        faults.raise_if_any()
    solicitation, sol_rows, value_column = _read_solicitation(
        wb[sheets["solicitation"]], sheets["solicitation"], file, faults
    )
    rows: dict[str, list[int]] = {}
    records: dict[str, list[dict[str, Any]]] = {}
    columns: dict[str, dict[str, int]] = {}
    broken: set[str] = set()
    for section in ("goods", "parties", "certifications", "audits"):
        if section in sheets:
            before = len(faults.faults)
            records[section], rows[section], columns[section] = _read_records(
                wb[sheets[section]], section, sheets[section], file, faults
            )
            if not columns[section] and len(faults.faults) > before:
                broken.add(section)  # header unusable: one fault, no cascade
        else:
            records[section], rows[section] = [], []
    locator = SheetLocator(
        file,
        sheets=sheets,
        rows=rows,
        solicitation_rows=sol_rows,
        columns=columns,
        value_column=value_column,
    )
    for i, record in enumerate(records["certifications"]):
        record["rights"] = _rights(record, locator.at("certifications", i), faults)
    for record in records["parties"]:
        _nest_s211(record)
    solicitation["goods"] = records["goods"]
    raw = excel_lang.canonical_values(
        {  # French drop-down labels as their ids
            "solicitation": solicitation,
            "parties": records["parties"],
            "certifications": records["certifications"],
            "audits": records["audits"],
        }
    )
    return raw, locator, frozenset(broken)


__all__ = ["read_workbook"]
