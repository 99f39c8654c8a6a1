"""Where a raw value came from: JSON paths or workbook sheet + row.

The validator works on one JSON-shaped dict whatever the input format; a
locator turns (section, index, field, item) into the :class:`Location` a
procurement officer can find in *their* file: ``$.parties[3].supplies_to[0]``
for JSON, ``sheet 'Parties', row 5, field 'supplies_to'`` for a workbook.
"""

from __future__ import annotations

from typing import Protocol

from scrisk.errors import Location

LIST_SECTIONS = ("goods", "parties", "certifications", "audits")

_JSON_BASE = {
    "root": "$",
    "solicitation": "$.solicitation",
    "goods": "$.solicitation.goods",
    "parties": "$.parties",
    "certifications": "$.certifications",
    "audits": "$.audits",
}


class Locator(Protocol):
    """Turns a position in the raw declaration into a :class:`Location`."""

    file: str

    def at(
        self,
        section: str,
        index: int | None = None,
        field: str | None = None,
        item: int | None = None,
    ) -> Location: ...


class Where:
    """A position not yet turned into a Location: built only when a fault needs it.

    Validation touches every field of every record; most are fine, so the
    Location (and its JSON path string) is made lazily.
    """

    __slots__ = ("field", "index", "locator", "section")

    def __init__(self, locator: Locator, section: str, index: int | None, field: str):
        self.locator, self.section, self.index, self.field = locator, section, index, field

    def location(self) -> Location:
        return self.locator.at(self.section, self.index, self.field)


class JsonLocator:
    """Locations as JSON paths, e.g. ``$.parties[2].supplies_to[0]``."""

    def __init__(self, file: str):
        self.file = file

    def at(
        self,
        section: str,
        index: int | None = None,
        field: str | None = None,
        item: int | None = None,
    ) -> Location:
        if field is None and item is None:  # a record's place (each party's source)
            key = (self.file, section, index)
            found = _RECORDS.get(key)
            if found is None:
                if len(_RECORDS) >= _RECORDS_KEPT:
                    _RECORDS.clear()
                found = _RECORDS[key] = self._at(section, index, None, None)
            return found
        return self._at(section, index, field, item)

    def _at(self, section: str, index: int | None, field: str | None, item: int | None) -> Location:
        path = _JSON_BASE[section]
        if index is not None:
            path += f"[{index}]"
        # A fault about a whole list (e.g. "no bidder") names the list, not a key in it.
        if field is not None and not (section in LIST_SECTIONS and index is None):
            path += f".{field}"
            if item is not None:
                path += f"[{item}]"
        return Location(file=self.file, path=path, field=field)


# A record's Location (immutable) by file, section and index: the same few thousand recur
# over every declaration a run reads (a re-screen's thousands of "<dict>" declarations)
_RECORDS: dict[tuple[str, str, int | None], Location] = {}
_RECORDS_KEPT = 50_000


class SheetLocator:
    """Locations as sheet + 1-based row as Excel shows it + column header."""

    def __init__(
        self,
        file: str,
        *,
        sheets: dict[str, str],
        rows: dict[str, list[int]],
        solicitation_rows: dict[str, int],
        columns: dict[str, dict[str, int]] | None = None,
        value_column: int | None = None,
    ):
        self.file = file
        self.sheets = sheets  # section -> actual sheet name
        self.rows = rows  # section -> row number of each record
        self.solicitation_rows = solicitation_rows  # field -> row number
        self.columns = columns or {}  # section -> field -> 1-based column
        self.value_column = value_column  # the Solicitation sheet's 'value' column

    def at(
        self,
        section: str,
        index: int | None = None,
        field: str | None = None,
        item: int | None = None,
    ) -> Location:
        if section == "root":
            return Location(file=self.file, field=field)
        sheet = self.sheets.get(section)
        row: int | None = None
        if section == "solicitation" and field == "goods":
            sheet = self.sheets.get("goods", sheet)  # "no goods" points at the Goods sheet
        elif section == "solicitation":
            row = self.solicitation_rows.get(field or "")
        elif index is not None:
            rows = self.rows.get(section, [])
            row = rows[index] if index < len(rows) else None
        column = (
            self.value_column
            if section == "solicitation"
            else self.columns.get(section, {}).get(field or "")
        )
        cell = None
        if sheet and row is not None and column is not None:
            from scrisk.xlsx_io import cell_ref

            cell = cell_ref(sheet, row, column)
        return Location(file=self.file, sheet=sheet, row=row, field=field, cell=cell)


__all__ = ["JsonLocator", "Locator", "SheetLocator", "Where"]
