"""The declaration model: what a bidder declares, validated and typed.

Values are frozen dataclasses holding tuples, so two declarations read from
equivalent JSON and Excel inputs compare equal with ``==``. Provenance of each
party (file, sheet/row or JSON path) is kept in ``source`` but excluded from
equality.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from scrisk import schema
from scrisk.errors import Location

# The vocabularies are declared with the fields that use them, in scrisk.schema.
from scrisk.schema import (
    AUDIT_RESULTS,
    CATEGORIES,
    CERTIFICATION_TYPES,
    ILO_INDICATORS,
    INSTRUMENTS,
    RIGHTS,
    ROLES,
    FieldSpec,
)

FORMAT = "scrisk-declaration/1"


@dataclass(frozen=True, slots=True)
class Good:
    id: str
    description: str
    hs_code: str | None = None  # digits only, as declared minus dots/spaces
    quantity: float | None = None
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class Solicitation:
    id: str
    category: str  # one of CATEGORIES
    closing_date: date
    goods: tuple[Good, ...]
    title: str | None = None
    value_cad: float | None = None
    instrument: str | None = None  # one of INSTRUMENTS; None = not declared (a contract)
    # award / issue date (rules.md v3): which clauses the instrument carries; None = closing date
    contract_date: date | None = None


@dataclass(frozen=True, slots=True)
class S211Report:
    """A party's Supply Chains Act (S-211) report, as declared; every field optional."""

    reporting_entity: bool | None = None
    year: int | None = None  # the financial year reported on
    filed_on: date | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Party:
    id: str
    role: str  # one of ROLES
    name: str | None = None
    address: str | None = None
    city: str | None = None
    region: str | None = None
    country: str | None = None  # as declared
    country_code: str | None = None  # resolved ISO 3166 alpha-2, None if unresolved
    supplies_to: tuple[str, ...] = ()
    goods: tuple[str, ...] = ()
    materials: tuple[str, ...] = ()
    workers: int | None = None
    annual_capacity: float | None = None
    s211: S211Report | None = None
    source: Location | None = field(default=None, compare=False, repr=False)
    # A near-miss country spelling: the declared text was read as country_code
    # (countries.near_country), or, unresolved, the close countries suggested.
    country_near: bool = False
    country_suggestions: tuple[str, ...] = ()
    # Text equally close to several countries (country_suggestions): country_code is
    # the candidate assumed for the assessment, the riskiest (assessment/assumed.py).
    country_assumed: bool = False


@dataclass(frozen=True, slots=True)
class Certification:
    party: str
    type: str
    rights: tuple[str, ...]
    signed_on: date | None = None
    signatory: str | None = None
    # Ids of the parties the certification speaks for; None = not said (the bidder's
    # certification then covers the bidder and every first-tier party).
    covers: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class Audit:
    party: str
    scheme: str | None
    date: date | None
    result: str | None  # one of AUDIT_RESULTS
    indicators: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Declaration:
    solicitation: Solicitation
    parties: tuple[Party, ...]
    certifications: tuple[Certification, ...] = ()
    audits: tuple[Audit, ...] = ()
    format: str = FORMAT
    source: str | None = field(default=None, compare=False)  # file name, if read from one

    @property
    def bidder(self) -> Party:
        """The one party with role ``bidder``."""
        for p in self.parties:
            if p.role == "bidder":
                return p
        raise LookupError("declaration has no bidder")  # validation prevents this

    def party(self, party_id: str) -> Party:
        """The party with id ``party_id`` (KeyError if none)."""
        for p in self.parties:
            if p.id == party_id:
                return p
        raise KeyError(party_id)

    def to_dict(self) -> dict[str, Any]:
        """The declaration in its JSON form (spec/declaration.md), ready for json.dumps."""
        return declaration_to_dict(self)


# --- The JSON form (spec/declaration.md) ---
# Each record's keys are the names of its section's fields in scrisk.schema, in that
# order, written by kind. Absent optional values are left out, lists keep their
# declared order, and whole numbers are written as integers, so
# ``load_declaration(decl.to_dict()) == decl`` and the JSON stays readable.


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


__all__ = [
    "declaration_to_dict",
    "record_to_dict",
    "AUDIT_RESULTS",
    "CATEGORIES",
    "CERTIFICATION_TYPES",
    "FORMAT",
    "ILO_INDICATORS",
    "INSTRUMENTS",
    "RIGHTS",
    "ROLES",
    "Audit",
    "Certification",
    "Declaration",
    "Good",
    "Party",
    "S211Report",
    "Solicitation",
]
