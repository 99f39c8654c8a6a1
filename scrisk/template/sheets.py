"""The hidden Lists sheet and one sheet per list section, blank or filled from a Declaration."""

from __future__ import annotations

from typing import Any

from scrisk.model import Declaration
from scrisk.readers import schema
from scrisk.schema import AUDIT_RESULTS, CERTIFICATION_TYPES, RIGHTS, ROLES
from scrisk.template.cells import (
    as_number,
    column_range,
    fill_sheet,
    hs_display,
    join_cell,
    list_validation,
    put_cell,
    quoted,
)
from scrisk.template_labels import Labels


def lists_sheet(wb: Any, labels: Labels) -> str:
    """Hidden sheet of ISO country names (pycountry); returns the validation range."""
    import pycountry

    title = labels.sheet("lists")
    ws = wb.create_sheet(title)
    put_cell(ws, 1, 1, labels.field("parties", "country"))
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
        put_cell(ws, row, 1, name)
    ws.sheet_state = "hidden"
    return f"{title}!$A$2:$A${len(names) + 1}"  # a name without spaces: no quotes


def goods_sheet(wb: Any, decl: Declaration | None, n_rows: int, labels: Labels) -> None:
    ws = wb.create_sheet(labels.sheet("goods"))
    names = schema.SHEET_COLUMNS["goods"]
    rows = [
        {
            "id": g.id,
            "description": g.description,
            "hs_code": hs_display(g.hs_code),
            "quantity": as_number(g.quantity),
            "unit": g.unit,
        }
        for g in (decl.solicitation.goods if decl else ())
    ]
    fill_sheet(
        ws,
        names,
        rows,
        text_cols=("id", "hs_code"),
        headers=[labels.field("goods", n) for n in names],
    )


def parties_sheet(
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
            "supplies_to": join_cell(p.supplies_to),
            "goods": join_cell(p.goods),
            "materials": join_cell(p.materials),
            "workers": p.workers,
            "annual_capacity": as_number(p.annual_capacity),
            **_s211_cells(p, labels),
        }
        for p in (decl.parties if decl else ())
    ]
    fill_sheet(
        ws,
        names,
        rows,
        text_cols=("id", "supplies_to", "goods", "s211_url"),
        date_cols=("s211_filed_on",),
        headers=[labels.field("parties", n) for n in names],
    )
    list_validation(
        ws,
        quoted((labels.yes, labels.no)),
        column_range(names, "s211_reporting_entity", n_rows),
        labels=labels,
    )
    list_validation(
        ws,
        quoted(labels.choices("role", ROLES)),
        column_range(names, "role", n_rows),
        labels=labels,
    )
    list_validation(
        ws, country_range, column_range(names, "country", n_rows), strict=False, labels=labels
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


def certifications_sheet(wb: Any, decl: Declaration | None, n_rows: int, labels: Labels) -> None:
    ws = wb.create_sheet(labels.sheet("certifications"))
    names = schema.SHEET_COLUMNS["certifications"]
    rows = []
    for c in decl.certifications if decl else ():
        record: dict[str, Any] = {
            "party": c.party,
            "type": labels.choice("type", c.type),
            "signed_on": c.signed_on,
            "signatory": c.signatory,
            "covers": join_cell(c.covers or ()),
        }
        record.update({r: labels.yes if r in c.rights else labels.no for r in RIGHTS})
        rows.append(record)
    fill_sheet(
        ws,
        names,
        rows,
        text_cols=("party", "covers"),
        date_cols=("signed_on",),
        headers=[labels.field("certifications", n) for n in names],
    )
    list_validation(
        ws,
        quoted(labels.choices("type", CERTIFICATION_TYPES)),
        column_range(names, "type", n_rows),
        labels=labels,
    )
    for right in RIGHTS:
        list_validation(
            ws, quoted((labels.yes, labels.no)), column_range(names, right, n_rows), labels=labels
        )


def audits_sheet(wb: Any, decl: Declaration | None, n_rows: int, labels: Labels) -> None:
    ws = wb.create_sheet(labels.sheet("audits"))
    names = schema.SHEET_COLUMNS["audits"]
    rows = [
        {
            "party": a.party,
            "scheme": a.scheme,
            "date": a.date,
            "result": labels.choice("result", a.result),
            "indicators": join_cell(a.indicators),
        }
        for a in (decl.audits if decl else ())
    ]
    fill_sheet(
        ws,
        names,
        rows,
        text_cols=("party",),
        date_cols=("date",),
        headers=[labels.field("audits", n) for n in names],
    )
    list_validation(
        ws,
        quoted(labels.choices("result", AUDIT_RESULTS)),
        column_range(names, "result", n_rows),
        labels=labels,
    )
