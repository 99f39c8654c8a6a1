"""What a declaration sheet holds besides its records, checked so nothing is read
from the wrong place or dropped without a word (#20).

Two visible sheets of one role (English and French names) are refused, as are a
second column of one field, a non-empty row above the header row, a value on a
Solicitation row without a field name, and a column or field the sheet does not
know that holds values: each a fault naming both sheets or the cell.
"""

from __future__ import annotations

from typing import Any

from scrisk.errors import Both, FaultCollector, Location, msg
from scrisk.readers import excel_lang, schema
from scrisk.readers.fields import hints


def fold(value: Any) -> str:
    return " ".join(str(value).strip().casefold().split()) if value is not None else ""


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def sheet_sections(wb: Any, file: str, faults: FaultCollector) -> dict[str, str]:
    """section -> the visible sheet of that role, matching names and aliases case-insensitively
    (English, or the French template's sheet names).

    A hidden or very hidden sheet with a template role is refused: what the
    bidder's reviewer sees in Excel must be what is assessed. Two visible sheets
    of one role ("Goods" and "Biens") are refused too: which one is read would
    decide the verdict (a decoy closing date, a decoy certification), so the
    bidder must keep one.
    """
    found: dict[str, list[str]] = {}
    for ws in wb.worksheets:
        name = ws.title
        for section, aliases in schema.SHEET_ALIASES.items():
            french = excel_lang.sheet_section(name) == section  # or the French template's
            if fold(name) not in aliases and not french:
                continue
            state = getattr(ws, "sheet_state", "visible")
            if state != "visible":
                faults.add(
                    Location(file=file, sheet=name),
                    "bad_value",
                    msg(
                        "input.sheet.hidden_very"
                        if state == "veryHidden"
                        else "input.sheet.hidden",
                        sheet=repr(name),
                    ),
                )
            else:
                found.setdefault(section, []).append(name)
    for section, names in found.items():
        if len(names) > 1:
            faults.add(
                Location(file=file, sheet=names[1]),
                "duplicate_id",
                msg(
                    "input.sheet.two_for_one",
                    sheets=Both(
                        " and ".join(repr(n) for n in names), " et ".join(repr(n) for n in names)
                    ),
                    section=schema.SHEETS[section],
                ),
            )
    return {section: names[0] for section, names in found.items()}


def above_header(
    rows: list[tuple[int, tuple[Any, ...]]],
    head_row: int,
    sheet: str,
    file: str,
    faults: FaultCollector,
) -> None:
    """A fault for each non-empty row above the header row: it would not be read, and a
    party or a value there must never be dropped without a word."""
    from scrisk.xlsx_io import cell_ref

    for number, row in rows:
        if number >= head_row:
            break
        column = next((i for i, c in enumerate(row) if not blank(c)), 0)
        ref = cell_ref(sheet, number, column + 1)
        faults.add(
            Location(file=file, sheet=sheet, row=number, cell=ref),
            "bad_value",
            msg("input.sheet.above_header", cell=ref, header=head_row),
        )


def duplicate_column(
    name: str, first: int, second: int, head_row: int, sheet: str, file: str, faults: FaultCollector
) -> None:
    """Two header cells naming one field (a second 'name', or 'name' and 'nom'): only one
    would be read, so a value written in the other would never be assessed."""
    from scrisk.xlsx_io import cell_ref

    a, b = cell_ref(sheet, head_row, first + 1), cell_ref(sheet, head_row, second + 1)
    faults.add(
        Location(file=file, sheet=sheet, row=head_row, field=name, cell=b),
        "duplicate_id",
        msg("input.sheet.duplicate_column", first=a, second=b, field=name),
    )


def unread_row(
    row: tuple[Any, ...], number: int, sheet: str, file: str, faults: FaultCollector
) -> None:
    from scrisk.xlsx_io import cell_ref

    column = next((i for i, c in enumerate(row) if not blank(c)), 0)
    ref = cell_ref(sheet, number, column + 1)
    faults.add(
        Location(file=file, sheet=sheet, row=number, field="field", cell=ref),
        "bad_value",
        msg("input.sheet.value_without_field", cell=ref),
    )


def unknown_heading(
    heading: Any,
    name: str,
    known: Any,
    at: tuple[str, int, int],
    file: str,
    faults: FaultCollector,
) -> None:
    """A column (or Solicitation field) the declaration does not know, holding values
    that would otherwise be dropped without a word: a fault naming its cell and the
    field probably meant."""
    from scrisk.readers.json_keys import nearest
    from scrisk.xlsx_io import cell_ref

    sheet, row, column = at
    ref = cell_ref(sheet, row, column + 1)
    hint = nearest(name, frozenset(known))
    faults.add(
        Location(file=file, sheet=sheet, row=row, field=name, cell=ref),
        "unknown_key",
        msg(
            "input.sheet.unknown_heading",
            cell=ref,
            heading=repr(str(heading).strip()),
            **hints(f" (did you mean {hint!r}?)"),
        )
        if hint
        else msg("input.sheet.unknown_heading_plain", cell=ref, heading=repr(str(heading).strip())),
    )


__all__ = [
    "above_header",
    "blank",
    "duplicate_column",
    "fold",
    "sheet_sections",
    "unknown_heading",
    "unread_row",
]
