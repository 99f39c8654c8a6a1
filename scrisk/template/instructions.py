"""The Instructions sheet of the English template: both languages side by side, every field.

The French template writes its own with :func:`scrisk.template_labels.instructions_fr`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrisk.model import AUDIT_RESULTS, CATEGORIES, ILO_INDICATORS, INSTRUMENTS, RIGHTS, ROLES
from scrisk.readers import schema
from scrisk.template.cells import SECTIONS, put_cell

if TYPE_CHECKING:  # pragma: no cover
    from openpyxl.worksheet.worksheet import Worksheet

# The instructions sheet: catalogue keys template.intro.1 ... (English and French side by side).
INTRO_LINES = 6


def write_instructions(ws: Worksheet) -> None:
    from openpyxl.styles import Alignment, Font

    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    from scrisk.i18n import t

    put_cell(ws, 1, 1, t("template.title", "en")).font = Font(bold=True, size=14)
    row = 3
    for n in range(1, INTRO_LINES + 1):
        put_cell(ws, row, 1, t(f"template.intro.{n}", "en")).alignment = wrap
        put_cell(ws, row, 4, t(f"template.intro.{n}", "fr")).alignment = wrap
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        ws.merge_cells(start_row=row, start_column=4, end_row=row, end_column=5)
        ws.row_dimensions[row].height = 45
        row += 1
    row += 1
    for col, head in enumerate(
        ("Sheet / Feuille", "Field / Champ", "Required / Requis", "Meaning", "Signification"),
        start=1,
    ):
        put_cell(ws, row, col, head).font = bold
    header_row = row
    for section, specs in SECTIONS:
        for spec in specs:
            row += 1
            put_cell(ws, row, 1, schema.SHEETS[section])
            put_cell(ws, row, 2, spec.name)
            put_cell(ws, row, 3, "yes / oui" if spec.required else "")
            put_cell(ws, row, 4, spec.help_en).alignment = wrap
            put_cell(ws, row, 5, spec.help_fr).alignment = wrap
    for label, ids in (
        ("rights (Certifications: Y/N columns)", RIGHTS),
        ("indicators (Audits)", ILO_INDICATORS),
        ("role (Parties)", ROLES),
        ("category (Solicitation)", CATEGORIES),
        ("instrument (Solicitation)", INSTRUMENTS),
        ("result (Audits)", AUDIT_RESULTS),
    ):
        row += 2
        put_cell(ws, row, 1, label).font = bold
        put_cell(ws, row, 2, ", ".join(ids)).alignment = wrap
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=5)
        ws.row_dimensions[row].height = 45
    for letter, width in zip("ABCDE", (16, 20, 14, 60, 60), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
