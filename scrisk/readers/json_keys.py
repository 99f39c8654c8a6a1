"""Every key a JSON declaration may hold, and a fault for any other, with the nearest known key.

A misspelt key (``"nmae"``) or a case variant (``"Name"``) used to be ignored,
and with it the value: a listed maker's name never screened. JSON keys are case
sensitive and the format is fixed (spec/declaration.md), so any key not in the
schema is a fault naming its JSON path and, when one is close, the key that
was probably meant ("did you mean 'name'?"). A key starting with ``x_`` or
``x-`` is an extension another tool added for itself (its own notes, a CRM id):
never a field of the format, so never a misspelling of one, and not read.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from scrisk import schema
from scrisk.errors import FaultCollector, Location, msg
from scrisk.readers.fields import hints


def _names(fields: tuple[schema.FieldSpec, ...], *extra: str) -> frozenset[str]:
    return frozenset({f.name for f in fields} | set(extra))


# "contract_date" (rules v3) is named here too so it is accepted whichever branch
# of the schema declares it first.
ROOT = frozenset({"format", "solicitation", "parties", "certifications", "audits"})
SOLICITATION = _names(schema.SOLICITATION_FIELDS, "goods", "contract_date")
GOOD = _names(schema.GOOD_FIELDS)
PARTY = _names(schema.PARTY_FIELDS, "s211")
CERTIFICATION = _names(schema.CERTIFICATION_FIELDS)
AUDIT = _names(schema.AUDIT_FIELDS)


def nearest(key: str, known: frozenset[str]) -> str | None:
    """The known key ``key`` most likely meant: the same in another case, else the
    closest spelling (difflib ratio at least 0.6), else None."""
    folded = key.casefold().strip()
    same = sorted(k for k in known if k.casefold() == folded)
    if same:
        return same[0]
    close = difflib.get_close_matches(folded, sorted(known), n=1, cutoff=0.6)
    return close[0] if close else None


def check_keys(data: Any, file: str, faults: FaultCollector) -> None:
    """A fault for each key the declaration format does not know, at its JSON path."""
    if not isinstance(data, Mapping):
        return
    _check(data, ROOT, "$", file, faults)
    sol = data.get("solicitation")
    if isinstance(sol, Mapping):
        _check(sol, SOLICITATION, "$.solicitation", file, faults)
        _each(sol.get("goods"), GOOD, "$.solicitation.goods", file, faults)
    _each(data.get("parties"), PARTY, "$.parties", file, faults)  # s211: readers.parties
    _each(data.get("certifications"), CERTIFICATION, "$.certifications", file, faults)
    _each(data.get("audits"), AUDIT, "$.audits", file, faults)


def _each(
    records: Any, known: frozenset[str], path: str, file: str, faults: FaultCollector
) -> None:
    if isinstance(records, list):
        for i, record in enumerate(records):
            if isinstance(record, Mapping):
                _check(record, known, f"{path}[{i}]", file, faults)


def _check(
    record: Mapping[str, Any], known: frozenset[str], path: str, file: str, faults: FaultCollector
) -> None:
    for key in record:
        if key in known or str(key)[:2] in ("x_", "x-"):
            continue
        hint = nearest(str(key), known)
        faults.add(
            Location(file=file, path=f"{path}.{key}", field=str(key)),
            "unknown_key",
            msg(
                "input.unknown_key",
                key=repr(key),
                known=", ".join(sorted(known)),
                **hints(f" (did you mean {hint!r}?)" if hint else ""),
            ),
        )


__all__ = ["check_keys", "nearest"]
