"""Which record, contract or action a person means: full ids, unambiguous prefixes, numbers.

``scrisk history`` shows the first 8 characters of a record id, so every command
that takes an id accepts any prefix that names one row only; a prefix naming
several is refused with the candidates, never resolved by guess.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from scrisk.dates import parse_date
from scrisk.register.connect import RegisterError

if TYPE_CHECKING:  # pragma: no cover
    from sqlalchemy import Column
    from sqlalchemy.engine import Connection

    from scrisk.register.schema import StoredRow

SHOWN = 8  # characters of an id shown in tables
CANDIDATES = 5  # candidates named when a prefix is ambiguous


def by_prefix(conn: Connection, column: Column[str], given: str, *, what: str, where: str) -> str:
    """The one value of ``column`` starting with ``given`` (exit 2 when none or several)."""
    from sqlalchemy import select

    text = str(given).strip()
    if not text:
        raise RegisterError(f"{what}: an id is needed")
    if any(c in text for c in "%_\\"):  # an id has none of LIKE's special characters
        raise RegisterError(f"{what}: no {what} {text!r} in the register {where}")
    found = list(
        conn.execute(
            select(column).where(column.like(text + "%")).order_by(column).limit(CANDIDATES + 1)
        ).scalars()
    )
    if text in found:
        return text
    if not found:
        raise RegisterError(f"{what}: no {what} {text!r} in the register {where}")
    if len(found) > 1:
        shown = ", ".join(found[:CANDIDATES]) + (", ..." if len(found) > CANDIDATES else "")
        raise RegisterError(
            f"{what}: {text!r} is the start of several ids ({shown}); give more characters"
        )
    return str(found[0])


def contract_record(conn: Connection, given: str, *, where: str) -> StoredRow:
    """The award row of a contract named by its number or by (a prefix of) its record id."""
    from sqlalchemy import select

    from scrisk.register import schema as S

    text = str(given).strip()
    rows = conn.execute(select(S.awards).where(S.awards.c.contract == text)).all()
    if len(rows) > 1:
        ids = ", ".join(r.record[:SHOWN] for r in rows)
        raise RegisterError(
            f"contract: {text!r} names {len(rows)} awarded records ({ids}); give the record id"
        )
    if rows:
        return rows[0]
    try:
        record = by_prefix(conn, S.awards.c.record, text, what="contract", where=where)
    except RegisterError:
        raise RegisterError(
            f"contract: no awarded contract {text!r} (a contract number given to "
            f"'scrisk award', or its record id) in the register {where}"
        ) from None
    return conn.execute(select(S.awards).where(S.awards.c.record == record)).one()


def as_date(value: date | str, what: str) -> date:
    """A date, or a clear error naming the option."""
    try:
        return parse_date(value)
    except ValueError:
        raise RegisterError(f"{what}: not a date (YYYY-MM-DD): {value!r}") from None


__all__ = ["SHOWN", "as_date", "by_prefix", "contract_record"]
