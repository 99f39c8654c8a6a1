"""Reviewer decisions on name matches, read back from a report or a CSV.

A reviewer answers each name match once, in the Review sheet of the report
workbook (or a CSV with the columns ``party, entry_id, decision, reviewer,
date, comment``). ``scrisk assess BID --decisions FILE`` reads the answers
back so the same question is never asked twice: a match marked "not a
match" is no longer raised for that party and list entry; a "confirmed" one
stays, noted as reviewed, with who and when (nomenklatura's judgements,
applied to bid screening).

Reading is defensive like the declaration reader: the zip is bounded before
openpyxl opens it, values only (formulas never evaluated), and every fault in
the file is reported at once with its file, sheet, row and field.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from scrisk.errors import DeclarationError, FaultCollector, Location
from scrisk.vocab import Decision as DecisionValue
from scrisk.vocab import values

DECISIONS = values(DecisionValue)  # declared once in scrisk.vocab
FIELDS = ("party", "entry_id", "decision", "reviewer", "date", "comment")
REQUIRED = ("party", "entry_id", "decision")
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_ROWS = 200_000

# Folded spellings (see _fold) of each decision, English and French.
_SPELLINGS = {
    "confirmed": {"confirmed", "confirm", "confirme", "confirmee"},
    "not_a_match": {"not a match", "no match", "pas une correspondance", "pas de correspondance"},
    "unsure": {"unsure", "not sure", "incertain", "incertaine"},
}
_BY_SPELLING = {s: d for d, spellings in _SPELLINGS.items() for s in spellings}


def _fold(value: Any) -> str:
    """Case, accents, underscores, hyphens and apostrophes folded; spaces collapsed."""
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    for ch in "_-'\u2019":
        text = text.replace(ch, " ")
    return " ".join(text.split())


def normalise_decision(value: Any) -> str | None:
    """``"confirmed" | "not_a_match" | "unsure"``, or None when ``value`` is none of them.

    Accepts the English and French labels of the Review sheet's drop-down
    ("not a match", "pas une correspondance", "Confirmé" ...), the ids
    themselves, in any case, with or without accents.
    """
    if value is None:
        return None
    return _BY_SPELLING.get(_fold(value))


@dataclass(frozen=True, slots=True)
class Decision:
    """A reviewer's answer about one name match: a supplier x a list entry.

    ``party`` is the party id in the bid the answer was given on. It applies in
    any bid to the same *supplier*: the same normalised ``name`` and resolved
    ``country`` (ISO-2), against the same list entry; a party id alone says
    nothing about who the supplier is in another bid. ``entry_state`` is the
    state of the list entry decided against (see :func:`entry_state`); when the
    entry changes later, the question is open again.
    """

    party: str
    entry_id: str
    decision: str  # "confirmed" | "not_a_match" | "unsure"
    reviewer: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD
    comment: str | None = None
    name: str | None = None  # the supplier's name as declared
    country: str | None = None  # the supplier's resolved ISO-2 country
    entry_state: str | None = None  # the list entry's state decided against

    def __post_init__(self) -> None:
        normal = normalise_decision(self.decision)
        if normal is None:
            raise ValueError(
                f"decision must be one of {', '.join(DECISIONS)}, not {self.decision!r}"
            )
        object.__setattr__(self, "decision", normal)

    @property
    def key(self) -> tuple[str, str]:
        return (self.party, self.entry_id)

    @property
    def supplier_key(self) -> tuple[str, str, str] | None:
        """(normalised name, country, entry id), or None when no name is known."""
        if not self.name:
            return None
        return supplier_key(self.name, self.country, self.entry_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "party": self.party,
            "entry_id": self.entry_id,
            "decision": self.decision,
            "reviewer": self.reviewer,
            "date": self.date,
            "comment": self.comment,
        }


def supplier_key(name: str, country: str | None, entry_id: str) -> tuple[str, str, str]:
    """The key a decision applies by: normalised name, resolved country, list entry id."""
    from scrisk.screening import normalize_name

    return (normalize_name(name), country or "", entry_id)


def entry_state(entry: Any) -> str:
    """What a decision was made against: the entry's status, status date and issue date.

    A new edition of a list that leaves the entry as it was keeps its state (the
    answer stands); a modification, revocation or re-issue changes it (the
    question is asked again).
    """
    if entry is None:
        return ""
    parts = (entry.status or "", entry.status_date, entry.issued)
    return "|".join("" if v is None else str(v) for v in parts)


def _headings() -> dict[str, str]:
    """Folded column heading -> field, from the field names and both catalogues."""
    from scrisk.i18n import LANGS, t

    out = {_fold(f): f for f in FIELDS}
    for lang in LANGS:
        for f in FIELDS:
            out.setdefault(_fold(t(f"excel.col.{f}", lang)), f)
    return out


def _review_sheet_names() -> set[str]:
    from scrisk.i18n import LANGS, t

    return {_fold(t("excel.sheet.review", lang)) for lang in LANGS} | {"decisions"}


def load_decisions(
    path: str | Path, *, max_rows: int = MAX_ROWS
) -> dict[tuple[str, str], Decision]:
    """Decisions keyed by ``(party id, entry id)`` from a report workbook or a CSV.

    Rows without a decision are questions not yet answered and are skipped.
    Raises :class:`~scrisk.errors.DeclarationError` with every fault found.
    """
    p = Path(path)
    file = str(path)
    faults = FaultCollector()
    where = Location(file=file)
    if not p.is_file():
        faults.add(where, "unreadable", "cannot read the file: no such file")
        faults.raise_if_any()
    if p.stat().st_size > MAX_FILE_BYTES:
        faults.add(where, "too_large", f"the file is larger than {MAX_FILE_BYTES:,} bytes")
        faults.raise_if_any()
    with p.open("rb") as fh:
        head = fh.read(4)
    rows: Iterable[Sequence[Any]]
    if p.suffix.lower() in {".xlsx", ".xlsm"} or head.startswith(b"PK\x03\x04"):
        sheet, rows = _workbook_rows(p, file, faults)
    else:
        sheet, rows = None, _csv_rows(p, file, faults)
    out = _decisions(rows, file, sheet, faults, max_rows=max_rows)
    faults.raise_if_any()
    return out


def _workbook_rows(
    p: Path, file: str, faults: FaultCollector
) -> tuple[str | None, list[tuple[Any, ...]]]:
    from scrisk.xlsx_io import check_zip, open_workbook

    where = Location(file=file)
    if not check_zip(
        p,
        faults,
        max_bytes=MAX_UNCOMPRESSED_BYTES,
        max_members=MAX_MEMBERS,
        file=file,
        max_sheet_bytes=2 * MAX_FILE_BYTES,
    ):
        raise DeclarationError(faults.faults)
    with p.open("rb") as stream:
        try:
            wb = open_workbook(stream)  # formulas kept as formulas, never their cache
        except Exception as error:  # openpyxl raises many types for corrupt parts
            faults.add(
                where,
                "unreadable",
                f"not a readable Excel workbook (.xlsx): {type(error).__name__}: {error}",
            )
            raise DeclarationError(faults.faults) from None
        try:
            ws = _find_sheet(wb)
            if ws is None:
                sheets = ", ".join(repr(n) for n in wb.sheetnames) or "none"
                faults.add(
                    where,
                    "missing_sheet",
                    f"no Review sheet (or sheet with party, entry_id and decision "
                    f"columns); sheets found: {sheets}",
                )
                raise DeclarationError(faults.faults)
            try:
                return ws.title, _bounded_rows(ws, file, faults)
            except DeclarationError:
                raise
            except Exception as error:
                faults.add(
                    Location(file=file, sheet=ws.title),
                    "unreadable",
                    f"the sheet is corrupt: {type(error).__name__}: {error}",
                )
                raise DeclarationError(faults.faults) from None
        finally:
            wb.close()


def _bounded_rows(ws: Any, file: str, faults: FaultCollector) -> list[tuple[Any, ...]]:
    """Every row to the last one read (row numbers kept), columns and rows bounded.

    A formula or error value is a fault naming the cell, its cache never read.
    """
    from scrisk.xlsx_io import CellProblem, RowLimit, sheet_rows

    out: list[tuple[Any, ...]] = []
    for number, row in sheet_rows(ws, max_rows=MAX_ROWS + 1, max_columns=64):
        if isinstance(row, RowLimit):
            faults.add(
                Location(file=file, sheet=ws.title),
                "too_large",
                f"more than {MAX_ROWS:,} rows; split the file",
            )
            raise DeclarationError(faults.faults)
        out.extend(() for _ in range(len(out) + 1, number))
        values = list(row)
        for i, v in enumerate(values):
            if isinstance(v, CellProblem):
                faults.add(
                    Location(file=file, sheet=ws.title, row=number, cell=v.ref),
                    "bad_value",
                    v.message(),
                )
                values[i] = None
        out.append(tuple(values))
    return out


def _find_sheet(wb: Any) -> Any:
    from scrisk.xlsx_io import visible_sheets

    names = _review_sheet_names()
    for ws in visible_sheets(wb):  # a hidden sheet is never the one read
        if _fold(ws.title) in names:
            return ws
    headings = _headings()
    for ws in visible_sheets(wb):
        first = next(ws.iter_rows(max_row=1, values_only=True), ())
        found = {headings.get(_fold(v)) for v in first if v is not None}
        if set(REQUIRED) <= found:
            return ws
    return None


def _csv_rows(p: Path, file: str, faults: FaultCollector) -> Iterator[list[str]]:
    from scrisk.readers.values import decode_text

    text = decode_text(p.read_bytes())
    if not text:
        faults.add(
            Location(file=file),
            "unreadable",
            "not a decisions CSV (empty, binary or not UTF-8/Windows-1252 text)",
        )
        raise DeclarationError(faults.faults)
    try:
        dialect: Any = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    try:
        yield from csv.reader(io.StringIO(text, newline=""), dialect)
    except csv.Error as error:
        faults.add(Location(file=file), "unreadable", f"not a valid CSV file: {error}")
        raise DeclarationError(faults.faults) from None


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
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        text = value.strip()
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            return datetime.fromisoformat(text).date().isoformat()
    raise ValueError(str(value))


def _decisions(
    rows: Iterable[Any], file: str, sheet: str | None, faults: FaultCollector, *, max_rows: int
) -> dict[tuple[str, str], Decision]:
    it = iter(rows)
    header = next(it, None)
    where = Location(file=file, sheet=sheet)
    if header is None:
        faults.add(
            where.with_field("party"),
            "missing_column",
            "the file is empty: no party, entry_id and decision columns",
        )
        return {}
    headings = _headings()
    columns: dict[str, int] = {}
    for i, value in enumerate(header):
        f = headings.get(_fold(value)) if value is not None else None
        if f and f not in columns:
            columns[f] = i
    missing = [f for f in REQUIRED if f not in columns]
    for f in missing:
        faults.add(
            Location(file=file, sheet=sheet, row=1, field=f),
            "missing_column",
            f"no {f!r} column in the header row",
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
                faults.add(loc.with_field(f), "missing_field", f"a decision needs a {f}")
                ok = False
        decision = normalise_decision(answer)
        if decision is None:
            faults.add(
                loc.with_field("decision"),
                "bad_value",
                f"unknown decision {answer!r}; use confirmed, not a match or unsure "
                f"(confirmé, pas une correspondance, incertain)",
            )
            ok = False
        try:
            when = _iso_date(values.get("date"))
        except ValueError:
            faults.add(
                loc.with_field("date"),
                "bad_date",
                f"not a date: {values.get('date')!r} (use YYYY-MM-DD)",
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
                f"{party} x {entry} was already decided {previous.decision!r} on row "
                f"{seen_row[key]}; keep one answer",
            )
            continue
        out[key] = Decision(
            party,
            entry,
            decision,
            _text(values.get("reviewer")),
            when,
            _text(values.get("comment")),
        )
        seen_row[key] = number
    return out


__all__ = [
    "DECISIONS",
    "Decision",
    "entry_state",
    "load_decisions",
    "normalise_decision",
    "supplier_key",
]
