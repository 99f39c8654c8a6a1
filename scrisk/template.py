"""The declaration workbook: a blank template, or one filled from a Declaration.

``write_template`` gives bidders the Excel form of spec/declaration.md: an
Instructions sheet (English and French), one sheet per section with bold,
frozen headers, and drop-down lists for role, category, Y/N, audit result and
country (ISO names from pycountry, on a hidden "Lists" sheet).
``write_declaration_workbook`` fills the same workbook from a declaration, so
examples exist in both forms and the Excel reader can be tested against JSON.

Declared text is data: every string is written as a text cell, never a
formula, whatever character it starts with.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrisk.model import (
    AUDIT_RESULTS,
    CATEGORIES,
    CERTIFICATION_TYPES,
    ILO_INDICATORS,
    RIGHTS,
    ROLES,
    Declaration,
)
from scrisk.readers import schema

if TYPE_CHECKING:  # pragma: no cover
    from openpyxl.worksheet.worksheet import Worksheet

# Rows that carry drop-down validation below the header in a blank template.
TEMPLATE_ROWS = 500

INTRO_EN = (
    "scrisk bid declaration: every party in the production chain of the goods "
    "(place of work), how they supply each other, and the certifications and audits.",
    "Fill the Solicitation, Goods, Parties, Certifications and Audits sheets. Keep the "
    "header row; add one row per record. Empty rows are ignored.",
    "Lists (supplies_to, goods, materials, indicators) are comma-separated ids or words.",
    "Dates are YYYY-MM-DD. Tier is not declared: scrisk derives it from supplies_to.",
    "Numbers may be typed with thousands separators (3,000 or 3 000) or a decimal comma "
    "(12,5); 1,234 reads as one thousand two hundred thirty-four.",
    "A missing name, address or country is not an input error: it is flagged by the "
    "place-of-work check. Check the workbook with: scrisk assess THIS_FILE.xlsx",
)
INTRO_FR = (
    "Déclaration de soumission scrisk : chaque partie de la chaîne de production des biens "
    "(lieu de travail), leurs liens d'approvisionnement, les attestations et les audits.",
    "Remplissez les feuilles Solicitation, Goods, Parties, Certifications et Audits. "
    "Conservez la ligne d'en-tête; une ligne par enregistrement. Les lignes vides sont ignorées.",
    "Les listes (supplies_to, goods, materials, indicators) sont séparées par des virgules.",
    "Dates au format AAAA-MM-JJ. Le niveau (tier) n'est pas déclaré : scrisk le déduit.",
    "Les nombres peuvent porter des séparateurs de milliers (3 000 ou 3,000) ou une virgule "
    "décimale (12,5); 1,234 se lit mille deux cent trente-quatre.",
    "Un nom, une adresse ou un pays manquant n'est pas une erreur de saisie : la vérification "
    "du lieu de travail le signale. Vérifiez avec : scrisk assess CE_FICHIER.xlsx",
)

_SECTIONS = (
    ("solicitation", schema.SOLICITATION_FIELDS),
    ("goods", schema.GOOD_FIELDS),
    ("parties", schema.PARTY_FIELDS),
    ("certifications", schema.CERTIFICATION_FIELDS),
    ("audits", schema.AUDIT_FIELDS),
)


def _put(ws: Worksheet, row: int, col: int, value: Any) -> Any:
    """Write one cell; strings stay text (never a formula), as :func:`scrisk.xlsx_io.put`."""
    from scrisk.xlsx_io import put

    return put(ws, row, col, value)


def _num(value: float | int | None) -> float | int | None:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _hs(code: str | None) -> str | None:
    """Digits back to the usual display: 620520 -> 6205.20."""
    if not code or len(code) <= 4:
        return code
    rest = code[4:]
    return code[:4] + "." + ".".join(rest[i:i + 2] for i in range(0, len(rest), 2))


def _join(values: Sequence[str]) -> str | None:
    """One cell for a list, split back exactly by the reader.

    Comma-separated as the spec says; when an item holds a comma the items are
    separated by ';', and when one holds a ';' by new lines. A single such
    item gets a trailing separator so the reader does not split inside it.
    """
    if not values:
        return None
    if any(";" in v for v in values):
        sep = "\n"
    elif any("," in v for v in values):
        sep = "; "
    else:
        return ", ".join(values)
    text = sep.join(values)
    if len(values) == 1:
        text += sep.strip() or sep
    return text


def _header(ws: Worksheet, names: Sequence[str], widths: Sequence[int]) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for col, (name, width) in enumerate(zip(names, widths, strict=True), start=1):
        cell = _put(ws, 1, col, name)
        cell.font, cell.fill = bold, fill
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"


def _list_validation(ws: Worksheet, formula: str, cells: str, *, strict: bool = True) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(type="list", formula1=formula, allow_blank=True)
    dv.showErrorMessage = strict  # country also accepts codes and French names
    dv.error = "Choose a value from the list."
    ws.add_data_validation(dv)
    dv.add(cells)


def _quoted(values: Iterable[str]) -> str:
    return '"' + ",".join(values) + '"'


def _lists_sheet(wb: Any) -> str:
    """Hidden sheet of ISO country names (pycountry); returns the validation range."""
    import pycountry

    ws = wb.create_sheet("Lists")
    _put(ws, 1, 1, "country")
    from scrisk.countries import AMBIGUOUS_NAMES, fold

    # An ambiguous short name ("Congo") is offered under its official name.
    names = sorted(c.official_name if fold(c.name) in AMBIGUOUS_NAMES else c.name
                   for c in pycountry.countries)
    for row, name in enumerate(names, start=2):
        _put(ws, row, 1, name)
    ws.sheet_state = "hidden"
    return f"Lists!$A$2:$A${len(names) + 1}"


def _instructions(ws: Worksheet) -> None:
    from openpyxl.styles import Alignment, Font

    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    _put(ws, 1, 1, "scrisk declaration template / Gabarit de déclaration scrisk").font = Font(
        bold=True, size=14)
    row = 3
    for en, fr in zip(INTRO_EN, INTRO_FR, strict=True):
        _put(ws, row, 1, en).alignment = wrap
        _put(ws, row, 4, fr).alignment = wrap
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        ws.merge_cells(start_row=row, start_column=4, end_row=row, end_column=5)
        ws.row_dimensions[row].height = 45
        row += 1
    row += 1
    for col, head in enumerate(("Sheet / Feuille", "Field / Champ", "Required / Requis",
                                "Meaning", "Signification"), start=1):
        _put(ws, row, col, head).font = bold
    header_row = row
    for section, specs in _SECTIONS:
        for spec in specs:
            row += 1
            _put(ws, row, 1, schema.SHEETS[section])
            _put(ws, row, 2, spec.name)
            _put(ws, row, 3, "yes / oui" if spec.required else "")
            _put(ws, row, 4, spec.help_en).alignment = wrap
            _put(ws, row, 5, spec.help_fr).alignment = wrap
    for label, ids in (("rights (Certifications: Y/N columns)", RIGHTS),
                       ("indicators (Audits)", ILO_INDICATORS),
                       ("role (Parties)", ROLES), ("category (Solicitation)", CATEGORIES),
                       ("result (Audits)", AUDIT_RESULTS)):
        row += 2
        _put(ws, row, 1, label).font = bold
        _put(ws, row, 2, ", ".join(ids)).alignment = wrap
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=5)
        ws.row_dimensions[row].height = 45
    for letter, width in zip("ABCDE", (16, 20, 14, 60, 60), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)


def _build(decl: Declaration | None, category: str | None) -> Any:
    from openpyxl import Workbook

    wb = Workbook()
    _instructions(wb.active)
    wb.active.title = "Instructions"
    country_range = _lists_sheet(wb)
    n_rows = TEMPLATE_ROWS
    if decl is not None:
        n_rows = max(TEMPLATE_ROWS, len(decl.parties) + 100)

    # Solicitation: field / value rows
    ws = wb.create_sheet(schema.SHEETS["solicitation"], 1)
    _header(ws, ("field", "value", "required", "meaning"), (16, 40, 10, 60))
    sol = decl.solicitation if decl else None
    values = {
        "id": sol.id if sol else None,
        "title": sol.title if sol else None,
        "category": sol.category if sol else category,
        "closing_date": sol.closing_date if sol else None,
        "value_cad": _num(sol.value_cad) if sol else None,
    }
    for row, spec in enumerate(schema.SOLICITATION_FIELDS, start=2):
        _put(ws, row, 1, spec.name)
        cell = _put(ws, row, 2, values[spec.name])
        if spec.kind == "date":
            cell.number_format = "yyyy-mm-dd"
        elif spec.kind in ("id", "text"):
            cell.number_format = "@"
        _put(ws, row, 3, "yes" if spec.required else "")
        _put(ws, row, 4, spec.help_en)
        if spec.name == "category":
            _list_validation(ws, _quoted(CATEGORIES), f"B{row}")

    _goods_sheet(wb, decl, n_rows)
    _parties_sheet(wb, decl, n_rows, country_range)
    _certifications_sheet(wb, decl, n_rows)
    _audits_sheet(wb, decl, n_rows)
    wb.move_sheet("Lists", offset=len(wb.sheetnames))
    return wb


def _fill(ws: Worksheet, names: Sequence[str], rows: Iterable[dict[str, Any]],
          *, text_cols: Sequence[str] = (), date_cols: Sequence[str] = ()) -> None:
    """Header, records, and column formats (text for ids and codes, ISO dates).

    Formats are set on whole columns, not cell by cell, so a blank template
    holds no empty styled cells and typing 4015.10 into hs_code stays text.
    """
    from openpyxl.utils import get_column_letter

    _header(ws, names, _columns_widths(ws, names))
    for row, record in enumerate(rows, start=2):
        for col, name in enumerate(names, start=1):
            if record.get(name) is not None:
                cell = _put(ws, row, col, record[name])
                if name in date_cols:
                    cell.number_format = "yyyy-mm-dd"
    for name, fmt in [*((n, "@") for n in text_cols), *((n, "yyyy-mm-dd") for n in date_cols)]:
        ws.column_dimensions[get_column_letter(names.index(name) + 1)].number_format = fmt


def _columns_widths(ws: Worksheet, names: Sequence[str]) -> tuple[int, ...]:
    widths = {f.name: f.width for _, specs in _SECTIONS for f in specs}
    return tuple(widths.get(n, 12) for n in names)


def _range(names: Sequence[str], name: str, n_rows: int) -> str:
    from openpyxl.utils import get_column_letter

    col = get_column_letter(names.index(name) + 1)
    return f"{col}2:{col}{n_rows + 1}"


def _goods_sheet(wb: Any, decl: Declaration | None, n_rows: int) -> None:
    ws = wb.create_sheet(schema.SHEETS["goods"])
    names = schema.SHEET_COLUMNS["goods"]
    rows = [{"id": g.id, "description": g.description, "hs_code": _hs(g.hs_code),
             "quantity": _num(g.quantity), "unit": g.unit}
            for g in (decl.solicitation.goods if decl else ())]
    _fill(ws, names, rows, text_cols=("id", "hs_code"))


def _parties_sheet(wb: Any, decl: Declaration | None, n_rows: int, country_range: str) -> None:
    ws = wb.create_sheet(schema.SHEETS["parties"])
    names = schema.SHEET_COLUMNS["parties"]
    rows = [{"id": p.id, "role": p.role, "name": p.name, "address": p.address, "city": p.city,
             "region": p.region, "country": p.country, "supplies_to": _join(p.supplies_to),
             "goods": _join(p.goods), "materials": _join(p.materials), "workers": p.workers,
             "annual_capacity": _num(p.annual_capacity)}
            for p in (decl.parties if decl else ())]
    _fill(ws, names, rows, text_cols=("id", "supplies_to", "goods"))
    _list_validation(ws, _quoted(ROLES), _range(names, "role", n_rows))
    _list_validation(ws, country_range, _range(names, "country", n_rows), strict=False)


def _certifications_sheet(wb: Any, decl: Declaration | None, n_rows: int) -> None:
    ws = wb.create_sheet(schema.SHEETS["certifications"])
    names = schema.SHEET_COLUMNS["certifications"]
    rows = []
    for c in decl.certifications if decl else ():
        record: dict[str, Any] = {"party": c.party, "type": c.type, "signed_on": c.signed_on,
                                  "signatory": c.signatory}
        record.update({r: "Y" if r in c.rights else "N" for r in RIGHTS})
        rows.append(record)
    _fill(ws, names, rows, text_cols=("party",), date_cols=("signed_on",))
    _list_validation(ws, _quoted(CERTIFICATION_TYPES), _range(names, "type", n_rows))
    for right in RIGHTS:
        _list_validation(ws, '"Y,N"', _range(names, right, n_rows))


def _audits_sheet(wb: Any, decl: Declaration | None, n_rows: int) -> None:
    ws = wb.create_sheet(schema.SHEETS["audits"])
    names = schema.SHEET_COLUMNS["audits"]
    rows = [{"party": a.party, "scheme": a.scheme, "date": a.date, "result": a.result,
             "indicators": _join(a.indicators)} for a in (decl.audits if decl else ())]
    _fill(ws, names, rows, text_cols=("party",), date_cols=("date",))
    _list_validation(ws, _quoted(AUDIT_RESULTS), _range(names, "result", n_rows))


def _save(wb: Any, path: Path) -> None:
    """Save with fixed document and zip timestamps: same input, same bytes.

    Not marked as a report: a filled template is a declaration, which scrisk
    never replaces without ``--force``.
    """
    from scrisk.xlsx_io import save

    save(wb, path, report=False)


def write_template(path: str | Path, *, category: str | None = None) -> Path:
    """Write the blank declaration workbook; ``category`` preselects the category value."""
    if category is not None and category not in CATEGORIES:
        raise ValueError(f"category must be one of {', '.join(CATEGORIES)}, not {category!r}")
    path = Path(path)
    _save(_build(None, category), path)
    return path


def write_declaration_workbook(decl: Declaration, path: str | Path) -> Path:
    """Write ``decl`` into the template workbook; reading it back gives an equal Declaration."""
    path = Path(path)
    _save(_build(decl, None), path)
    return path


__all__ = ["write_declaration_workbook", "write_template"]
