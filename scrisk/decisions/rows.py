"""The rows of a decisions file as Decisions: columns found by heading, every fault at its row."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from scrisk.dates import parse_date
from scrisk.decisions.decision import Decision, fold, normalise_decision
from scrisk.errors import FaultCollector, Location, msg

FIELDS = ("party", "entry_id", "decision", "reviewer", "date", "comment")
REQUIRED = ("party", "entry_id", "decision")
# Who the decision was made about (the Review sheet's "Party name" and "Country"
# columns; a CSV's name/supplier and country): a decision applies only to that
# supplier, never to another bid's party that happens to share the id (#20).
SUPPLIER = ("party_name", "party_country")
_SUPPLIER_HEADINGS = {
    "party_name": ("party_name", "name", "supplier", "supplier_name", "nom"),
    "party_country": ("party_country", "country", "pays"),
}


def column_headings() -> dict[str, str]:
    """Folded column heading -> field, from the field names and both catalogues."""
    from scrisk.i18n import LANGS, t

    out = {fold(f): f for f in FIELDS}
    for lang in LANGS:
        for f in (*FIELDS, *SUPPLIER):
            out.setdefault(fold(t(f"excel.col.{f}", lang)), f)
    for f, spellings in _SUPPLIER_HEADINGS.items():
        for spelling in spellings:
            out.setdefault(fold(spelling), f)
    return out


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    return text or None


def _iso_date(value: Any) -> str | None:
    """ISO date of a cell; raises ValueError when it is not a date."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_date(value, with_time=True).isoformat()


def _supplier(values: dict[str, Any], columns: dict[str, int]) -> tuple[str | None, str | None]:
    """(name, resolved ISO-2 country) of the supplier decided about; (None, None) when
    the file does not say (a CSV of ids only: applied by party id, as before)."""
    if "party_name" not in columns:
        return None, None
    name = _text(values.get("party_name"))
    if name is None:
        return None, None
    from scrisk.countries import resolve_country

    country = _text(values.get("party_country"))
    return name, (resolve_country(country) or country.upper()) if country else None


def decisions_of_rows(
    rows: Iterable[Any], file: str, sheet: str | None, faults: FaultCollector, *, max_rows: int
) -> dict[tuple[str, str], Decision]:
    it = iter(rows)
    header = next(it, None)
    where = Location(file=file, sheet=sheet)
    if header is None:
        faults.add(
            where.with_field("party"),
            "missing_column",
            msg("input.decisions.empty"),
        )
        return {}
    headings = column_headings()
    columns: dict[str, int] = {}
    for i, value in enumerate(header):
        f = headings.get(fold(value)) if value is not None else None
        if f and f not in columns:
            columns[f] = i
    missing = [f for f in REQUIRED if f not in columns]
    for f in missing:
        faults.add(
            Location(file=file, sheet=sheet, row=1, field=f),
            "missing_column",
            msg("input.decisions.no_column", field=repr(f)),
        )
    if missing:
        return {}
    out: dict[tuple[str, str], Decision] = {}
    seen_row: dict[tuple[str, str], int] = {}
    for number, row in enumerate(it, start=2):
        if number - 1 > max_rows:
            faults.add(where, "too_large", f"more than {max_rows:,} rows; split the file")
            break
        values = {f: (row[i] if i < len(row) else None) for f, i in columns.items()}
        answer = _text(values.get("decision"))
        if answer is None:
            continue  # a question not answered yet
        loc = Location(file=file, sheet=sheet, row=number)
        party, entry = _text(values.get("party")), _text(values.get("entry_id"))
        ok = True
        for f, v in (("party", party), ("entry_id", entry)):
            if v is None:
                faults.add(
                    loc.with_field(f), "missing_field", msg("input.decisions.needs", field=f)
                )
                ok = False
        decision = normalise_decision(answer)
        if decision is None:
            faults.add(
                loc.with_field("decision"),
                "bad_value",
                msg("input.decisions.unknown", value=repr(answer)),
            )
            ok = False
        try:
            when = _iso_date(values.get("date"))
        except ValueError:
            faults.add(
                loc.with_field("date"),
                "bad_date",
                msg("input.decisions.not_date", value=repr(values.get("date"))),
            )
            ok = False
        if not ok:
            continue
        assert party is not None and entry is not None and decision is not None
        key = (party, entry)
        previous = out.get(key)
        if previous is not None and previous.decision != decision:
            faults.add(
                loc.with_field("decision"),
                "duplicate_id",
                msg(
                    "input.decisions.twice",
                    party=party,
                    entry=entry,
                    decision=repr(previous.decision),
                    row=seen_row[key],
                ),
            )
            continue
        name, country = _supplier(values, columns)
        out[key] = Decision(
            party,
            entry,
            decision,
            _text(values.get("reviewer")),
            when,
            _text(values.get("comment")),
            name=name,
            country=country,
        )
        seen_row[key] = number
    return out
