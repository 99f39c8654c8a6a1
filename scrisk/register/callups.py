"""A call-up against a standing offer or supply arrangement, screened as of its date.

The standing offer's stored declaration is assessed again at the contract
stage, with the award date as the contract date (the clauses it was signed
with) and the call-up date as the as-of date (the lists in force when goods
are ordered), with the register's reviewer decisions and the evidence valid
that day. The result is kept with the call-up; rescreen and history show it.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from scrisk.assessment.document import AssessmentDocument
from scrisk.register import schema as S
from scrisk.register.codec import Award, CallUp, read_document

if TYPE_CHECKING:  # pragma: no cover
    from scrisk.model import Declaration
    from scrisk.register.store import Register


def stored_bid(register: Register, record: str) -> tuple[Declaration, AssessmentDocument]:
    """The declaration and the first assessment document of an awarded record."""
    from sqlalchemy import select

    from scrisk.register.rescreen import load_stored

    with register.engine.connect() as conn:
        row = conn.execute(
            select(S.records.c.declaration, S.records.c.document).where(S.records.c.id == record)
        ).one()
    body = register.declaration(row.declaration)
    return load_stored(body, sha256=row.declaration), read_document(row.document)


def screen_on(register: Register, award: Award, on: date) -> tuple[str, float, str]:
    """(level, score, document JSON) of the awarded bid assessed as of ``on``."""
    from scrisk.assessment import assess
    from scrisk.jsontext import compact
    from scrisk.register.evidence import attach
    from scrisk.register.rescreen import recorded_policy

    decl, first = stored_bid(register, award.record)
    overrides = first.provenance.policy_overrides if first.provenance else {}
    a = assess(
        decl,
        as_of=on,
        policy=recorded_policy(overrides or {}),
        decisions=register.decisions_for(decl),
        stage="contract",
        contract_date=award.awarded_on,
    )
    d = a.document("en")
    doc = attach(a.to_dict("en"), register.read_evidence(), typed=d)
    return d.risk_level, float(d.score), compact(doc)


def callup(
    register: Register,
    contract: str,
    *,
    number: str,
    on: date | str,
    value: float | None = None,
) -> CallUp:
    """Record and screen call-up ``number`` against ``contract`` (number or record id)."""
    return register.add_callup(
        contract,
        number=number,
        on=on,
        value=value,
        screened=lambda award, when: screen_on(register, award, when),
    )


__all__ = ["callup", "screen_on", "stored_bid"]
