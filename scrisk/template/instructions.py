"""The Instructions sheet, in the workbook's language: what to fill, every column by the
heading the bidder sees, and the values each drop-down offers.

One language a workbook, as its headings and drop-downs are (``scrisk template --lang
fr`` writes the French one); a line in the other language says how to get the other.
It prints portrait, one page wide, on two pages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrisk.schema import AUDIT_RESULTS, CATEGORIES, ILO_INDICATORS, INSTRUMENTS, RIGHTS, ROLES
from scrisk.template.cells import SECTIONS, put_cell
from scrisk.template.printing import page_setup, row_height
from scrisk.template_labels import Labels

if TYPE_CHECKING:  # pragma: no cover
    from openpyxl.worksheet.worksheet import Worksheet

# The instructions sheet: catalogue keys template.intro.1 ... in the workbook's language.
INTRO_LINES = 6
WIDTHS = (15, 22, 10, 64)  # sheet, heading, required, meaning


def write_instructions(ws: Worksheet, labels: Labels) -> None:
    from openpyxl.styles import Alignment, Font

    from scrisk.i18n import t

    lang = labels.lang
    bold, wrap = Font(name="Calibri", bold=True), Alignment(wrap_text=True, vertical="top")
    full = sum(WIDTHS)
    put_cell(ws, 1, 1, t("template.title", lang)).font = Font(name="Calibri", bold=True, size=14)
    row = 2
    other = "fr" if lang == "en" else "en"
    lines = [t(f"template.intro.{n}", lang) for n in range(1, INTRO_LINES + 1)]
    lines.append(t("template.other_lang", other))
    for text in lines:
        row += 1
        put_cell(ws, row, 1, text).alignment = wrap
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        ws.row_dimensions[row].height = row_height([(text, full)])
    row += 2
    for col, key in enumerate(
        ("template.col.sheet", "template.col.field_name", "template.col.required"), start=1
    ):
        put_cell(ws, row, col, t(key, lang)).font = bold
    put_cell(ws, row, 4, t("template.col.meaning", lang)).font = bold
    header_row = row
    for section, specs in SECTIONS:
        for spec in specs:
            row += 1
            heading = labels.field(section, spec.name)
            meaning = spec.help_fr if lang == "fr" else spec.help_en
            put_cell(ws, row, 1, labels.sheet(section)).alignment = wrap
            put_cell(ws, row, 2, heading).alignment = wrap
            put_cell(ws, row, 3, t("template.yes", lang) if spec.required else "").alignment = wrap
            put_cell(ws, row, 4, meaning).alignment = wrap
            ws.row_dimensions[row].height = row_height(
                [(labels.sheet(section), WIDTHS[0]), (heading, WIDTHS[1]), (meaning, WIDTHS[3])]
            )
    row += 1
    for key, field, ids in (
        ("rights", "", RIGHTS),
        ("indicators", "", ILO_INDICATORS),
        ("role", "role", ROLES),
        ("category", "category", CATEGORIES),
        ("instrument", "instrument", INSTRUMENTS),
        ("result", "result", AUDIT_RESULTS),
    ):
        row += 1
        if key == "rights":
            shown = [labels.field("certifications", r) for r in ids]
        elif key == "indicators":
            shown = [f"{i} ({t(f'indicator.{i}', lang)})" for i in ids]
        else:
            shown = labels.choices(field, ids)
        vocab, values = t(f"template.vocab.{key}", lang), ", ".join(shown)
        label = put_cell(ws, row, 1, vocab)
        label.font, label.alignment = bold, wrap
        put_cell(ws, row, 3, values).alignment = wrap
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=4)
        ws.row_dimensions[row].height = row_height(
            [(vocab, WIDTHS[0] + WIDTHS[1]), (values, WIDTHS[2] + WIDTHS[3])]
        )
    for letter, width in zip("ABCD", WIDTHS, strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    page_setup(ws, full, portrait=True, title_rows=f"{header_row}:{header_row}")


__all__ = ["INTRO_LINES", "write_instructions"]
