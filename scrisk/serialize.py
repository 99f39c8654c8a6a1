"""A :class:`Declaration` back to its JSON form (spec/declaration.md).

Used by ``Declaration.to_dict()``. Absent optional values are left out, lists
keep their declared order, and whole numbers are written as integers, so
``load_declaration(decl.to_dict()) == decl`` and the JSON stays readable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover (annotations only: the model calls this module)
    from scrisk.model import Audit, Certification, Declaration, Good, Party


def _num(value: float | int | None) -> float | int | None:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if v is not None and v != ()}


def good_to_dict(good: Good) -> dict[str, Any]:
    return _clean(
        {
            "id": good.id,
            "description": good.description,
            "hs_code": good.hs_code,
            "quantity": _num(good.quantity),
            "unit": good.unit,
        }
    )


def party_to_dict(party: Party) -> dict[str, Any]:
    return _clean(
        {
            "id": party.id,
            "role": party.role,
            "name": party.name,
            "address": party.address,
            "city": party.city,
            "region": party.region,
            "country": party.country,
            "supplies_to": list(party.supplies_to) or None,
            "goods": list(party.goods) or None,
            "materials": list(party.materials) or None,
            "workers": party.workers,
            "annual_capacity": _num(party.annual_capacity),
            "s211": _s211(party),
        }
    )


def _s211(party: Party) -> dict[str, Any] | None:
    r = party.s211
    if r is None:
        return None
    return _clean(
        {
            "reporting_entity": r.reporting_entity,
            "year": r.year,
            "filed_on": r.filed_on.isoformat() if r.filed_on else None,
            "url": r.url,
        }
    )


def certification_to_dict(cert: Certification) -> dict[str, Any]:
    record = _clean(
        {
            "party": cert.party,
            "type": cert.type,
            "signed_on": cert.signed_on.isoformat() if cert.signed_on else None,
            "signatory": cert.signatory,
            "covers": list(cert.covers) if cert.covers is not None else None,
        }
    )
    record["rights"] = list(cert.rights)  # required, even when empty
    return record


def audit_to_dict(audit: Audit) -> dict[str, Any]:
    return _clean(
        {
            "party": audit.party,
            "scheme": audit.scheme,
            "date": audit.date.isoformat() if audit.date else None,
            "result": audit.result,
            "indicators": list(audit.indicators) or None,
        }
    )


def declaration_to_dict(decl: Declaration) -> dict[str, Any]:
    """The JSON form of ``decl``, ready for ``json.dumps``."""
    sol = decl.solicitation
    solicitation = _clean(
        {
            "id": sol.id,
            "title": sol.title,
            "category": sol.category,
            "closing_date": sol.closing_date.isoformat(),
            "value_cad": _num(sol.value_cad),
            "instrument": sol.instrument,
        }
    )
    solicitation["goods"] = [good_to_dict(g) for g in sol.goods]
    return {
        "format": decl.format,
        "solicitation": solicitation,
        "parties": [party_to_dict(p) for p in decl.parties],
        "certifications": [certification_to_dict(c) for c in decl.certifications],
        "audits": [audit_to_dict(a) for a in decl.audits],
    }


__all__ = ["declaration_to_dict"]
