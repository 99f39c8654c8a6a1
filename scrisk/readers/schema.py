"""The declaration schema as the workbook lays it out: sheet names, columns, Y/N words.

The fields themselves (name, kind, required-ness, vocabulary, help text) are
declared once in scrisk.schema and re-exported here for the readers and the
template.
"""

from __future__ import annotations

from scrisk.schema import (
    AUDIT_FIELDS,
    CERTIFICATION_FIELDS,
    GOOD_FIELDS,
    PARTY_FIELDS,
    RIGHTS,
    S211_FIELDS,
    SOLICITATION_FIELDS,
    FieldSpec,
)

S211_COLUMNS = tuple(f"s211_{f.name}" for f in S211_FIELDS)


# Sheet name -> section; aliases (case-insensitive) accepted when reading.
SHEETS = {
    "solicitation": "Solicitation",
    "goods": "Goods",
    "parties": "Parties",
    "certifications": "Certifications",
    "audits": "Audits",
}
SHEET_ALIASES = {
    "solicitation": ("solicitation", "sollicitation", "demande de soumissions"),
    "goods": ("goods", "biens"),
    "parties": ("parties",),
    "certifications": ("certifications", "attestations"),
    "audits": ("audits",),
}
REQUIRED_SHEETS = ("solicitation", "goods", "parties")

# Columns of each list sheet, in template order (Certifications: rights as Y/N columns).
SHEET_COLUMNS: dict[str, tuple[str, ...]] = {
    "goods": tuple(f.name for f in GOOD_FIELDS),
    "parties": (*(f.name for f in PARTY_FIELDS), *S211_COLUMNS),
    # covers comes after the rights: columns filled by position in older templates stay put
    "certifications": (
        *(f.name for f in CERTIFICATION_FIELDS if f.name not in ("rights", "covers")),
        *RIGHTS,
        "covers",
    ),
    "audits": tuple(f.name for f in AUDIT_FIELDS),
}
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "goods": ("id",),
    "parties": ("id", "role"),
    "certifications": ("party", *RIGHTS),
    "audits": ("party",),
}

YES = frozenset({"y", "yes", "o", "oui", "true", "1", "x"})
NO = frozenset({"n", "no", "non", "false", "0"})

__all__ = [
    "AUDIT_FIELDS",
    "CERTIFICATION_FIELDS",
    "GOOD_FIELDS",
    "NO",
    "PARTY_FIELDS",
    "REQUIRED_COLUMNS",
    "REQUIRED_SHEETS",
    "S211_COLUMNS",
    "S211_FIELDS",
    "SHEETS",
    "SHEET_ALIASES",
    "SHEET_COLUMNS",
    "SOLICITATION_FIELDS",
    "FieldSpec",
    "YES",
]
