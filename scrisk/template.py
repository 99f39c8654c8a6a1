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
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrisk.model import (
    AUDIT_RESULTS,
    CATEGORIES,
    CERTIFICATION_TYPES,
    ILO_INDICATORS,
    INSTRUMENTS,
    RIGHTS,
    ROLES,
    Declaration,
)
from scrisk.readers import schema
from scrisk.template_labels import Labels, instructions_fr

if TYPE_CHECKING:  # pragma: no cover
    from openpyxl.worksheet.worksheet import Worksheet

# Rows that carry drop-down validation below the header in a blank template.
TEMPLATE_ROWS = 500

# The instructions sheet: catalogue keys template.intro.1 ... (English and French side by side).
INTRO_LINES = 6

_SECTIONS = (
    ("solicitation", schema.SOLICITATION_FIELDS),
    ("goods", schema.GOOD_FIELDS),
    ("parties", schema.PARTY_FIELDS),
    ("parties", tuple(replace(f, name=f"s211_{f.name}") for f in schema.S211_FIELDS)),
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
    return code[:4] + "." + ".".join(rest[i : i + 2] for i in range(0, len(rest), 2))


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


def _list_validation(
    ws: Worksheet, formula: str, cells: str, *, strict: bool = True, labels: Labels | None = None
) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    from scrisk.i18n import t

    dv = DataValidation(type="list", formula1=formula, allow_blank=True)
    dv.showErrorMessage = strict  # country also accepts codes and French names
    dv.error = t("template.choose", labels.lang if labels else "en")
    ws.add_data_validation(dv)
    dv.add(cells)


def _quoted(values: Iterable[str]) -> str:
    return '"' + ",".join(values) + '"'


def _lists_sheet(wb: Any, labels: Labels) -> str:
    """Hidden sheet of ISO country names (pycountry); returns the validation range."""
    import pycountry

    title = labels.sheet("lists")
    ws = wb.create_sheet(title)
    _put(ws, 1, 1, labels.field("parties", "country"))
    from scrisk.countries import AMBIGUOUS_NAMES, country_name, fold, resolve_country

    # An ambiguous short name ("Congo") is offered under its official name.
    names = sorted(
        c.official_name if fold(c.name) in AMBIGUOUS_NAMES else c.name for c in pycountry.countries
    )
    if labels.lang == "fr":  # French names the reader resolves back to the same country
        french = []
        for c in pycountry.countries:
            name = country_name(c.alpha_2, "fr") or c.name
            english = c.official_name if fold(c.name) in AMBIGUOUS_NAMES else c.name
            french.append(name if resolve_country(name) == c.alpha_2 else english)
        names = sorted(french, key=fold)
    for row, name in enumerate(names, start=2):
        _put(ws, row, 1, name)
    ws.sheet_state = "hidden"
    return f"{title}!$A$2:$A${len(names) + 1}"  # a name without spaces: no quotes


def _instructions(ws: Worksheet) -> None:
    from openpyxl.styles import Alignment, Font

    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    from scrisk.i18n import t

    _put(ws, 1, 1, t("template.title", "en")).font = Font(bold=True, size=14)
    row = 3
    for n in range(1, INTRO_LINES + 1):
        _put(ws, row, 1, t(f"template.intro.{n}", "en")).alignment = wrap
        _put(ws, row, 4, t(f"template.intro.{n}", "fr")).alignment = wrap
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        ws.merge_cells(start_row=row, start_column=4, end_row=row, end_column=5)
        ws.row_dimensions[row].height = 45
        row += 1
    row += 1
    for col, head in enumerate(
        ("Sheet / Feuille", "Field / Champ", "Required / Requis", "Meaning", "Signification"),
        start=1,
    ):
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
    for label, ids in (
        ("rights (Certifications: Y/N columns)", RIGHTS),
        ("indicators (Audits)", ILO_INDICATORS),
        ("role (Parties)", ROLES),
        ("category (Solicitation)", CATEGORIES),
        ("instrument (Solicitation)", INSTRUMENTS),
        ("result (Audits)", AUDIT_RESULTS),
    ):
        row += 2
        _put(ws, row, 1, label).font = bold
        _put(ws, row, 2, ", ".join(ids)).alignment = wrap
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=5)
        ws.row_dimensions[row].height = 45
    for letter, width in zip("ABCDE", (16, 20, 14, 60, 60), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)


def _build(decl: Declaration | None, category: str | None, labels: Labels | None = None) -> Any:
    from openpyxl import Workbook

    from scrisk.i18n import t

    labels = labels or Labels("en")
    fr = labels.lang == "fr"
    wb = Workbook()
    if fr:
        instructions_fr(wb.active, labels, _SECTIONS, _put)
    else:
        _instructions(wb.active)
    wb.active.title = labels.sheet("instructions")
    country_range = _lists_sheet(wb, labels)
    n_rows = TEMPLATE_ROWS
    if decl is not None:
        n_rows = max(TEMPLATE_ROWS, len(decl.parties) + 100)

    # Solicitation: field / value rows
    ws = wb.create_sheet(labels.sheet("solicitation"), 1)
    _header(
        ws,
        [t(f"template.col.{k}", labels.lang) for k in ("field", "value", "required", "meaning")],
        (22, 40, 10, 60),
    )
    sol = decl.solicitation if decl else None
    values = {
        "id": sol.id if sol else None,
        "title": sol.title if sol else None,
        "category": sol.category if sol else category,
        "closing_date": sol.closing_date if sol else None,
        "value_cad": _num(sol.value_cad) if sol else None,
        "instrument": sol.instrument if sol else None,
    }
    for row, spec in enumerate(schema.SOLICITATION_FIELDS, start=2):
        _put(ws, row, 1, labels.field("solicitation", spec.name))
        cell = _put(ws, row, 2, labels.choice(spec.name, values[spec.name]))
        if spec.kind == "date":
            cell.number_format = "yyyy-mm-dd"
        elif spec.kind in ("id", "text"):
            cell.number_format = "@"
        _put(ws, row, 3, t("template.yes", labels.lang) if spec.required else "")
        _put(ws, row, 4, spec.help_fr if fr else spec.help_en)
        if spec.name == "category":
            _list_validation(
                ws, _quoted(labels.choices("category", CATEGORIES)), f"B{row}", labels=labels
            )
        elif spec.name == "instrument":
            _list_validation(
                ws, _quoted(labels.choices("instrument", INSTRUMENTS)), f"B{row}", labels=labels
            )

    _goods_sheet(wb, decl, n_rows, labels)
    _parties_sheet(wb, decl, n_rows, country_range, labels)
    _certifications_sheet(wb, decl, n_rows, labels)
    _audits_sheet(wb, decl, n_rows, labels)
    wb.move_sheet(labels.sheet("lists"), offset=len(wb.sheetnames))
    return wb


def _fill(
    ws: Worksheet,
    names: Sequence[str],
    rows: Iterable[dict[str, Any]],
    *,
    text_cols: Sequence[str] = (),
    date_cols: Sequence[str] = (),
    headers: Sequence[str] | None = None,
) -> None:
    """Header, records, and column formats (text for ids and codes, ISO dates).

    Formats are set on whole columns, not cell by cell, so a blank template
    holds no empty styled cells and typing 4015.10 into hs_code stays text.
    """
    from openpyxl.utils import get_column_letter

    _header(ws, headers or names, _columns_widths(ws, names))
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


def _goods_sheet(wb: Any, decl: Declaration | None, n_rows: int, labels: Labels) -> None:
    ws = wb.create_sheet(labels.sheet("goods"))
    names = schema.SHEET_COLUMNS["goods"]
    rows = [
        {
            "id": g.id,
            "description": g.description,
            "hs_code": _hs(g.hs_code),
            "quantity": _num(g.quantity),
            "unit": g.unit,
        }
        for g in (decl.solicitation.goods if decl else ())
    ]
    _fill(
        ws,
        names,
        rows,
        text_cols=("id", "hs_code"),
        headers=[labels.field("goods", n) for n in names],
    )


def _parties_sheet(
    wb: Any, decl: Declaration | None, n_rows: int, country_range: str, labels: Labels
) -> None:
    ws = wb.create_sheet(labels.sheet("parties"))
    names = schema.SHEET_COLUMNS["parties"]
    rows = [
        {
            "id": p.id,
            "role": labels.choice("role", p.role),
            "name": p.name,
            "address": p.address,
            "city": p.city,
            "region": p.region,
            "country": p.country,
            "supplies_to": _join(p.supplies_to),
            "goods": _join(p.goods),
            "materials": _join(p.materials),
            "workers": p.workers,
            "annual_capacity": _num(p.annual_capacity),
            **_s211_cells(p, labels),
        }
        for p in (decl.parties if decl else ())
    ]
    _fill(
        ws,
        names,
        rows,
        text_cols=("id", "supplies_to", "goods", "s211_url"),
        date_cols=("s211_filed_on",),
        headers=[labels.field("parties", n) for n in names],
    )
    _list_validation(
        ws,
        _quoted((labels.yes, labels.no)),
        _range(names, "s211_reporting_entity", n_rows),
        labels=labels,
    )
    _list_validation(
        ws, _quoted(labels.choices("role", ROLES)), _range(names, "role", n_rows), labels=labels
    )
    _list_validation(
        ws, country_range, _range(names, "country", n_rows), strict=False, labels=labels
    )


def _s211_cells(party: Any, labels: Labels) -> dict[str, Any]:
    """The Supply Chains Act report of a party as its four s211_* cells."""
    r = party.s211
    if r is None:
        return {}
    entity = (
        None if r.reporting_entity is None else (labels.yes if r.reporting_entity else labels.no)
    )
    return {
        "s211_reporting_entity": entity,
        "s211_year": r.year,
        "s211_filed_on": r.filed_on,
        "s211_url": r.url,
    }


def _certifications_sheet(wb: Any, decl: Declaration | None, n_rows: int, labels: Labels) -> None:
    ws = wb.create_sheet(labels.sheet("certifications"))
    names = schema.SHEET_COLUMNS["certifications"]
    rows = []
    for c in decl.certifications if decl else ():
        record: dict[str, Any] = {
            "party": c.party,
            "type": labels.choice("type", c.type),
            "signed_on": c.signed_on,
            "signatory": c.signatory,
            "covers": _join(c.covers or ()),
        }
        record.update({r: labels.yes if r in c.rights else labels.no for r in RIGHTS})
        rows.append(record)
    _fill(
        ws,
        names,
        rows,
        text_cols=("party", "covers"),
        date_cols=("signed_on",),
        headers=[labels.field("certifications", n) for n in names],
    )
    _list_validation(
        ws,
        _quoted(labels.choices("type", CERTIFICATION_TYPES)),
        _range(names, "type", n_rows),
        labels=labels,
    )
    for right in RIGHTS:
        _list_validation(
            ws, _quoted((labels.yes, labels.no)), _range(names, right, n_rows), labels=labels
        )


def _audits_sheet(wb: Any, decl: Declaration | None, n_rows: int, labels: Labels) -> None:
    ws = wb.create_sheet(labels.sheet("audits"))
    names = schema.SHEET_COLUMNS["audits"]
    rows = [
        {
            "party": a.party,
            "scheme": a.scheme,
            "date": a.date,
            "result": labels.choice("result", a.result),
            "indicators": _join(a.indicators),
        }
        for a in (decl.audits if decl else ())
    ]
    _fill(
        ws,
        names,
        rows,
        text_cols=("party",),
        date_cols=("date",),
        headers=[labels.field("audits", n) for n in names],
    )
    _list_validation(
        ws,
        _quoted(labels.choices("result", AUDIT_RESULTS)),
        _range(names, "result", n_rows),
        labels=labels,
    )


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


__all__ = ["Labels", "write_declaration_workbook", "write_template"]
