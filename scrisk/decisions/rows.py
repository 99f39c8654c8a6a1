"""The rows of a decisions file as Decisions: columns found by heading, every fault at its row."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class Answer:
    """One row of a decisions file, its cells by field (None: no such column or cell)."""

    party: object = None
    entry_id: object = None
    decision: object = None
    reviewer: object = None
    date: object = None
    comment: object = None
    party_name: object = None
    party_country: object = None

    @classmethod
    def of(cls, row: Sequence[object], columns: dict[str, int]) -> Answer:
        return cls(**{f: row[i] for f, i in columns.items() if i < len(row)})


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    return text or None


def _iso_date(value: object) -> str | None:
    """ISO date of a cell; raises ValueError when it is not a date."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_date(value, with_time=True).isoformat()


def _supplier(values: Answer, columns: dict[str, int]) -> tuple[str | None, str | None]:
    """(name, resolved ISO-2 country) of the supplier decided about; (None, None) when
    the file does not say (a CSV of ids only: applied by party id, as before)."""
    if "party_name" not in columns:
        return None, None
    name = _text(values.party_name)
    if name is None:
        return None, None
    from scrisk.countries import resolve_country

    country = _text(values.party_country)
    return name, (resolve_country(country) or country.upper()) if country else None


def decisions_of_rows(
    rows: Iterable[Sequence[object]],
    file: str,
    sheet: str | None,
    faults: FaultCollector,
    *,
    max_rows: int,
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
        values = Answer.of(row, columns)
        answer = _text(values.decision)
        if answer is None:
            continue  # a question not answered yet
        loc = Location(file=file, sheet=sheet, row=number)
        party, entry = _text(values.party), _text(values.entry_id)
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
            when = _iso_date(values.date)
        except ValueError:
            faults.add(
                loc.with_field("date"),
                "bad_date",
                msg("input.decisions.not_date", value=repr(values.date)),
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
            _text(values.reviewer),
            when,
            _text(values.comment),
            name=name,
            country=country,
        )
        seen_row[key] = number
    return out
