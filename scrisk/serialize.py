"""A :class:`Declaration` back to its JSON form (spec/declaration.md).

Used by ``Declaration.to_dict()``. Each record's keys are the names of its
section's fields in scrisk.schema, in that order, written by kind. Absent
optional values are left out, lists keep their declared order, and whole
numbers are written as integers, so ``load_declaration(decl.to_dict()) == decl``
and the JSON stays readable.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from scrisk import schema
from scrisk.schema import FieldSpec

if TYPE_CHECKING:  # pragma: no cover (annotations only: the model calls this module)
    from scrisk.model import Audit, Certification, Declaration, Good, Party


def _num(value: float | int | None) -> float | int | None:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _value(spec: FieldSpec, value: Any) -> Any:
    """One field's JSON value, by kind; None = left out."""
    if value is None:
        return None
    if spec.kind == "date" and isinstance(value, date):
        return value.isoformat()
    if spec.kind in ("number", "integer"):
        return _num(value)
    if spec.kind in ("ids", "list"):
        # a required list is written even when empty; an optional one left out
        return list(value) if value or spec.required else None
    return value


def record_to_dict(obj: Any, fields: tuple[FieldSpec, ...]) -> dict[str, Any]:
    """The JSON record of a model object: its schema fields, in schema order."""
    out = {}
    for spec in fields:
        value = _value(spec, getattr(obj, spec.name))
        if value is not None:
            out[spec.name] = value
    return out


def good_to_dict(good: Good) -> dict[str, Any]:
    return record_to_dict(good, schema.GOOD_FIELDS)


def party_to_dict(party: Party) -> dict[str, Any]:
    record = record_to_dict(party, schema.PARTY_FIELDS)
    if party.s211 is not None:
        record["s211"] = record_to_dict(party.s211, schema.S211_FIELDS)
    return record


def certification_to_dict(cert: Certification) -> dict[str, Any]:
    return record_to_dict(cert, schema.CERTIFICATION_FIELDS)


def audit_to_dict(audit: Audit) -> dict[str, Any]:
    return record_to_dict(audit, schema.AUDIT_FIELDS)


def declaration_to_dict(decl: Declaration) -> dict[str, Any]:
    """The JSON form of ``decl``, ready for ``json.dumps``."""
    solicitation = record_to_dict(decl.solicitation, schema.SOLICITATION_FIELDS)
    solicitation["goods"] = [good_to_dict(g) for g in decl.solicitation.goods]
    return {
        "format": decl.format,
        "solicitation": solicitation,
        "parties": [party_to_dict(p) for p in decl.parties],
        "certifications": [certification_to_dict(c) for c in decl.certifications],
        "audits": [audit_to_dict(a) for a in decl.audits],
    }


__all__ = ["declaration_to_dict", "record_to_dict"]
