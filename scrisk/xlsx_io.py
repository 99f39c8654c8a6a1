"""The one place scrisk reads untrusted workbooks and writes its own.

Reading (declarations, decisions, names files): the zip is checked before
openpyxl opens it (size, member count, duplicate members), sheets are read
row by row with a bound on rows and columns, and each cell keeps its type: a
formula is never read from the cache its author controls, an error value
(``#REF!``) is never taken as data. Readers turn these into faults naming the
cell (``Parties!G3``).

Writing (reports, screen results, the template): a declared string is always
a text cell (never a formula, whatever it starts with), characters Excel
cannot store become U+FFFD (one rule everywhere), and the file is saved with
fixed document and zip timestamps, so the same input gives the same bytes.
Reports carry a marker in their document properties so scrisk can tell its
own untouched report from a user's workbook (see :mod:`scrisk.outputs`).
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scrisk.errors import Both, FaultCollector, Location, Message, msg

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_SHARED_STRINGS_BYTES = 50 * 1024 * 1024  # the shared strings part, uncompressed
# One sheet of a declaration: 20,000 parties of 12 filled cells are ~20 MB of XML.
# (openpyxl reads a whole sheet that states no size before the first row is read.)
MAX_SHEET_BYTES = 64 * 1024 * 1024
MAX_ROWS = 1_048_576  # Excel's last row: no workbook saved by Excel goes past it
MAX_COLUMNS = 256  # the template uses at most 14; columns past this are not read
MIN_COLUMNS = 64  # read at least this wide whatever width the sheet declares
MAX_CELL_TEXT = 32_767  # Excel's own limit on the characters of one cell

STAMP = "2000-01-01T00:00:00Z"
ZIP_TIME = (2000, 1, 1, 0, 0, 0)
REPORT_MARKER = "scrisk-report"  # the keywords property of every report scrisk writes
_CORE_TIME = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")
_MODIFIED = re.compile(rb"<dcterms:modified[^>]*>([^<]*)</dcterms:modified>")
_SURROGATE = re.compile("[\ud800-\udfff]")
_KEYWORDS = re.compile(rb"<cp:keywords>([^<]*)</cp:keywords>")


# ------------------------------------------------------------------------------ reading
def check_zip(
    path: Path,
    faults: FaultCollector,
    *,
    max_bytes: int | None = None,
    max_members: int | None = None,
    file: str | None = None,
    max_sheet_bytes: int | None = None,
) -> bool:
    """False (with a fault) when ``path`` is not a zip scrisk may open.

    Refused: unreadable or corrupt archives, more than ``max_members`` parts or
    ``max_bytes`` uncompressed, a shared strings part past
    MAX_SHARED_STRINGS_BYTES, and two members of the same name (which one a
    reader takes differs between programs: what Excel shows need not be what
    is read).
    """
    where = Location(file=file or path.name)
    max_bytes = MAX_UNCOMPRESSED_BYTES if max_bytes is None else max_bytes
    max_members = MAX_MEMBERS if max_members is None else max_members
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except FileNotFoundError:
        faults.add(
            where,
            "unreadable",
            msg("input.file.cannot_read", reason=Both("no such file", "fichier introuvable")),
        )
        return False
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        faults.add(
            where,
            "unreadable",
            msg(
                "input.file.not_workbook",
                reason=str(error) or Both("truncated or corrupt", "tronqué ou corrompu"),
            ),
        )
        return False
    total = sum(i.file_size for i in infos)
    if len(infos) > max_members or total > max_bytes:
        faults.add(
            where,
            "too_large",
            msg(
                "input.zip.too_large",
                parts=f"{len(infos):,}",
                size=f"{total:,}",
                max_parts=f"{max_members:,}",
                max_size=f"{max_bytes:,}",
            ),
        )
        return False
    seen: set[str] = set()
    for info in infos:
        key = info.filename.replace("\\", "/").casefold()
        if key in seen:
            faults.add(
                where,
                "unreadable",
                msg("input.zip.twice", part=repr(info.filename)),
            )
            return False
        seen.add(key)
        if (
            max_sheet_bytes is not None
            and key.startswith("xl/worksheets/")
            and info.file_size > max_sheet_bytes
        ):
            faults.add(
                where,
                "too_large",
                msg(
                    "input.zip.sheet_too_large",
                    part=info.filename,
                    size=f"{info.file_size:,}",
                    limit=f"{max_sheet_bytes:,}",
                ),
            )
            return False
        if key.endswith("sharedstrings.xml") and info.file_size > MAX_SHARED_STRINGS_BYTES:
            faults.add(
                where,
                "too_large",
                msg(
                    "input.zip.text_too_large",
                    size=f"{info.file_size:,}",
                    limit=f"{MAX_SHARED_STRINGS_BYTES:,}",
                ),
            )
            return False
    from scrisk.xlsx_parts import parts_parse_safely

    sheet_limit = max_sheet_bytes or MAX_SHEET_BYTES
    return parts_parse_safely(path, infos, where, faults, (sheet_limit, MAX_SHARED_STRINGS_BYTES))


def open_workbook(source: Any) -> Any:
    """openpyxl read-only workbook with formulas kept as formulas (never their cache)."""
    import openpyxl

    return openpyxl.load_workbook(source, read_only=True, data_only=False)


@dataclass(frozen=True, slots=True)
class CellProblem:
    """A cell whose content cannot be taken as data: a formula or an error value."""

    ref: str  # "Parties!G3"
    kind: str  # "formula" | "error" | "shared_index"
    text: str  # the formula or the error code

    def message(self) -> str:
        return self.fault_text().render("en")

    def fault_text(self) -> Message:
        """The message, translatable (``input.cell.*``)."""
        if self.kind == "formula":
            return msg("input.cell.formula", cell=self.ref, formula=_short(self.text))
        if self.kind == "shared_index":
            return msg("input.cell.shared_index", cell=self.ref, index=self.text)
        return msg("input.cell.error", cell=self.ref, code=self.text)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def cell_ref(sheet: str, row: int, column: int) -> str:
    """``Parties!G3``; a sheet name with spaces or quotes is quoted as Excel does."""
    from openpyxl.utils import get_column_letter

    name = sheet if re.fullmatch(r"[A-Za-z0-9_.]+", sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{name}!{get_column_letter(column)}{row}"


def sheet_rows(
    ws: Any, *, max_rows: int = MAX_ROWS, max_columns: int = MAX_COLUMNS
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """Rows of a read-only sheet as ``(row number, values)``, blank rows skipped.

    A formula or error cell is a :class:`CellProblem` in place of its value.
    Bounded, and never cut short by a wrong declared size: the <dimension> a
    sheet declares is ignored and rows are read to the real end; columns past
    ``max_columns`` are not read. Past ``max_rows`` a :class:`RowLimit` is
    yielded in place of the row and reading stops.

    Rows come straight from openpyxl's sheet parser (cell type and value, no
    cell objects, no filler rows for gaps): a million rows read in about a
    quarter of the time openpyxl's ``iter_rows`` takes.
    """
    sheet = ws.title
    for number, cells in _parsed_rows(ws):
        if number > max_rows:
            yield number, RowLimit(max_rows)  # type: ignore[misc]
            return
        values: list[Any] = []
        blank = True
        for c in cells:
            column = c["column"]
            if column > max_columns:
                break
            value, kind = c["value"], c["data_type"]
            if kind == "f":
                value = CellProblem(cell_ref(sheet, number, column), "formula", str(value))
            elif kind == "e":
                value = CellProblem(cell_ref(sheet, number, column), "error", str(value))
            elif isinstance(value, _MissingText):
                value = CellProblem(cell_ref(sheet, number, column), "shared_index", value.index)
            elif value is None or (isinstance(value, str) and not value.strip()):
                continue
            if len(values) < column - 1:
                values.extend([None] * (column - 1 - len(values)))
            if len(values) == column - 1:
                values.append(value)
            else:  # a cell repeated in one row: the last one, as openpyxl reads it
                values[column - 1] = value
            blank = False
        if not blank:
            yield number, tuple(values)


def _parsed_rows(ws: Any) -> Iterator[tuple[int, list[dict[str, Any]]]]:
    """(row number, cells as openpyxl's parser gives them) for a read-only sheet."""
    try:
        from openpyxl.worksheet._reader import WorkSheetParser

        wb = ws.parent
        source = ws._get_source()
        parser = WorkSheetParser(
            source,
            _SharedText(ws._shared_strings),
            data_only=False,
            epoch=wb.epoch,
            date_formats=wb._date_formats,
            timedelta_formats=wb._timedelta_formats,
        )
    except (ImportError, AttributeError, TypeError):  # another openpyxl: its public API
        yield from _cells_of(ws)
        return
    with source:
        yield from parser.parse()


class _MissingText:
    """What a cell gets for a shared-text index the workbook does not hold."""

    __slots__ = ("index",)

    def __init__(self, index: str) -> None:
        self.index = index


class _SharedText:
    """The shared text table, indexed as the sheet parser does, except that an index
    out of range (-1 would be the last string in Python) gives a :class:`_MissingText`
    rather than another cell's text or an IndexError."""

    __slots__ = ("strings",)

    def __init__(self, strings: Any) -> None:
        self.strings = strings

    def __getitem__(self, index: int) -> Any:
        if 0 <= index < len(self.strings):
            return self.strings[index]
        return _MissingText(str(index))


def _cells_of(ws: Any) -> Iterator[tuple[int, list[dict[str, Any]]]]:
    from openpyxl.cell.read_only import EMPTY_CELL

    ws.reset_dimensions()
    filler: Any = None
    for number, row in enumerate(ws.iter_rows(max_col=MAX_COLUMNS), start=1):
        if row is filler:
            continue
        filler = row
        yield (
            number,
            [
                {"column": i, "value": c.value, "data_type": c.data_type}
                for i, c in enumerate(row, start=1)
                if c is not EMPTY_CELL
            ],
        )


@dataclass(frozen=True, slots=True)
class RowLimit:
    """Yielded by :func:`sheet_rows` in place of a row past the limit."""

    limit: int

    def message(self) -> str:
        return f"the sheet goes past row {self.limit:,}, the most scrisk reads"


def visible_sheets(wb: Any) -> list[Any]:
    """The worksheets a user sees (hidden and very hidden ones left out)."""
    return [ws for ws in wb.worksheets if getattr(ws, "sheet_state", "visible") == "visible"]


# ------------------------------------------------------------------------------ writing
def clean_text(value: str) -> str:
    """Characters Excel cannot store become U+FFFD; cut at Excel's cell limit."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    # lone surrogates ("\\ud800" in JSON) cannot be encoded in the file at all
    text: str = _SURROGATE.sub("\ufffd", ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))
    return text if len(text) <= MAX_CELL_TEXT else text[: MAX_CELL_TEXT - 1] + "\u2026"


def put(ws: Any, row: int, column: int, value: Any) -> Any:
    """Write one cell of a normal worksheet: a ``str`` is always text, never a formula."""
    c = ws.cell(row=row, column=column)
    if isinstance(value, str):
        c.value = clean_text(value)
        c.data_type = "s"  # text, even if it starts with = + - @ or reads like #N/A
    else:
        c.value = value
    return c


def save(
    wb: Any,
    path: str | Path,
    *,
    report: bool = True,
    rewrite: Mapping[str, Callable[[bytes], bytes]] | None = None,
) -> Path:
    """Save with fixed document and zip timestamps: same input, same bytes.

    openpyxl stamps the save time into docProps/core.xml and every zip entry;
    the archive is rewritten with a fixed stamp. ``report`` marks the file as a
    scrisk report (keywords property), which lets a later run replace it.
    ``rewrite`` maps a zip member name to a function applied to its bytes
    (the report's style sheet, for instance).
    """
    path = Path(path)
    if report:
        wb.properties.keywords = REPORT_MARKER
    wb.properties.creator = "scrisk"
    # through a temporary file, each part copied a block at a time: a workbook of a
    # million rows is never held whole (the bytes are those of reading it all at once)
    with tempfile.TemporaryFile() as buffer:
        wb.save(buffer)
        buffer.seek(0)
        with (
            zipfile.ZipFile(buffer) as src,
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out,
        ):
            for info in src.infolist():
                entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
                entry.compress_type = zipfile.ZIP_DEFLATED
                if info.filename == "docProps/core.xml" or (rewrite and info.filename in rewrite):
                    data = src.read(info.filename)
                    if info.filename == "docProps/core.xml":
                        data = _CORE_TIME.sub(rb"\g<1>" + STAMP.encode() + rb"\g<2>", data)
                    if rewrite and info.filename in rewrite:
                        data = rewrite[info.filename](data)
                    out.writestr(entry, data)
                    continue
                entry.file_size = info.file_size  # as writestr sets it (it decides zip64)
                with src.open(info) as part, out.open(entry, "w") as copy:
                    shutil.copyfileobj(part, copy, 1 << 20)
    return path


def is_scrisk_report(path: Path) -> bool:
    """True when ``path`` is a workbook scrisk wrote as a report and nobody saved since.

    Excel, LibreOffice and openpyxl all rewrite the modified time on save, so a
    report a reviewer opened and saved (answers in its Review sheet) is a
    user's work, not scrisk's.
    """
    try:
        with zipfile.ZipFile(path) as zf:
            core = zf.read("docProps/core.xml")
    except (OSError, KeyError, zipfile.BadZipFile, ValueError, EOFError):
        return False
    keywords = _KEYWORDS.search(core)
    modified = _MODIFIED.search(core)
    return bool(
        keywords
        and keywords.group(1).strip() == REPORT_MARKER.encode()
        and modified
        and modified.group(1).strip() == STAMP.encode()
    )


__all__ = [
    "MAX_CELL_TEXT",
    "MAX_COLUMNS",
    "MAX_MEMBERS",
    "MAX_ROWS",
    "MAX_SHARED_STRINGS_BYTES",
    "MAX_SHEET_BYTES",
    "MAX_UNCOMPRESSED_BYTES",
    "REPORT_MARKER",
    "CellProblem",
    "RowLimit",
    "cell_ref",
    "check_zip",
    "clean_text",
    "is_scrisk_report",
    "open_workbook",
    "put",
    "save",
    "sheet_rows",
    "visible_sheets",
]
