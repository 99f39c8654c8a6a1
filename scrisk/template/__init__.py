"""The declaration workbook: a blank template, or one filled from a Declaration.

``write_template`` gives bidders the Excel form of spec/declaration.md: an
Instructions sheet in the workbook's language, one sheet per section with bold,
frozen headers, and drop-down lists for role, category, Y/N, audit result and
country (ISO names from pycountry, on a hidden "Lists" sheet).
``write_declaration_workbook`` fills the same workbook from a declaration, so
examples exist in both forms and the Excel reader can be tested against JSON.

Declared text is data: every string is written as a text cell, never a
formula, whatever character it starts with.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scrisk.model import Declaration
from scrisk.readers import schema
from scrisk.schema import CATEGORIES, INSTRUMENTS
from scrisk.template.cells import (
    as_number,
    list_validation,
    put_cell,
    quoted,
    write_header,
)
from scrisk.template.instructions import INTRO_LINES, write_instructions
from scrisk.template.printing import row_height
from scrisk.template.sheets import (
    audits_sheet,
    certifications_sheet,
    goods_sheet,
    lists_sheet,
    parties_sheet,
)
from scrisk.template_labels import Labels

# Rows that carry drop-down validation below the header in a blank template.
TEMPLATE_ROWS = 500


def _build(decl: Declaration | None, category: str | None, labels: Labels | None = None) -> Any:
    from openpyxl import Workbook

    from scrisk.i18n import t

    labels = labels or Labels("en")
    fr = labels.lang == "fr"
    wb = Workbook()
    write_instructions(wb.active, labels)
    wb.active.title = labels.sheet("instructions")
    country_range = lists_sheet(wb, labels)
    n_rows = TEMPLATE_ROWS
    if decl is not None:
        n_rows = max(TEMPLATE_ROWS, len(decl.parties) + 100)

    # Solicitation: field / value rows
    from openpyxl.styles import Alignment

    wrap = Alignment(wrap_text=True, vertical="top")
    ws = wb.create_sheet(labels.sheet("solicitation"), 1)
    write_header(
        ws,
        [t(f"template.col.{k}", labels.lang) for k in ("field", "value", "required", "meaning")],
        (22, 40, 10, 60),  # field, value, required, meaning
    )
    sol = decl.solicitation if decl else None
    values = {
        "id": sol.id if sol else None,
        "title": sol.title if sol else None,
        "category": sol.category if sol else category,
        "closing_date": sol.closing_date if sol else None,
        "value_cad": as_number(sol.value_cad) if sol else None,
        "instrument": sol.instrument if sol else None,
        "contract_date": sol.contract_date if sol else None,
    }
    for row, spec in enumerate(schema.SOLICITATION_FIELDS, start=2):
        put_cell(ws, row, 1, labels.field("solicitation", spec.name)).alignment = wrap
        cell = put_cell(ws, row, 2, labels.choice(spec.name, values[spec.name]))
        cell.alignment = wrap
        if spec.kind == "date":
            cell.number_format = "yyyy-mm-dd"
        elif spec.kind in ("id", "text"):
            cell.number_format = "@"
        put_cell(
            ws, row, 3, t("template.yes", labels.lang) if spec.required else ""
        ).alignment = wrap
        meaning = spec.help_fr if fr else spec.help_en
        put_cell(ws, row, 4, meaning).alignment = wrap
        ws.row_dimensions[row].height = row_height([(meaning, 60)])
        if spec.name == "category":
            list_validation(
                ws, quoted(labels.choices("category", CATEGORIES)), f"B{row}", labels=labels
            )
        elif spec.name == "instrument":
            list_validation(
                ws, quoted(labels.choices("instrument", INSTRUMENTS)), f"B{row}", labels=labels
            )

    goods_sheet(wb, decl, n_rows, labels)
    parties_sheet(wb, decl, n_rows, country_range, labels)
    certifications_sheet(wb, decl, n_rows, labels)
    audits_sheet(wb, decl, n_rows, labels)
    wb.move_sheet(labels.sheet("lists"), offset=len(wb.sheetnames))
    return wb


def _save(wb: Any, path: Path) -> None:
    """Save with fixed document and zip timestamps: same input, same bytes.

    Not marked as a report: a filled template is a declaration, which scrisk
    never replaces without ``--force``.
    """
    from scrisk.xlsx_io import save

    save(wb, path, report=False)


def write_template(path: str | Path, *, category: str | None = None, lang: str = "en") -> Path:
    """Write the blank declaration workbook; ``category`` preselects the category value.

    ``lang="fr"``: French sheet names, headers, instructions and drop-down labels
    (the reader accepts both languages).
    """
    if category is not None and category not in CATEGORIES:
        raise ValueError(f"category must be one of {', '.join(CATEGORIES)}, not {category!r}")
    path = Path(path)
    _save(_build(None, category, Labels(lang)), path)
    return path


def write_declaration_workbook(decl: Declaration, path: str | Path, *, lang: str = "en") -> Path:
    """Write ``decl`` into the template workbook; reading it back gives an equal Declaration."""
    path = Path(path)
    _save(_build(decl, None, Labels(lang)), path)
    return path


__all__ = ["INTRO_LINES", "Labels", "write_declaration_workbook", "write_template"]
