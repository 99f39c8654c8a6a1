"""Certifications and audits: what the bid attests of its parties, each naming a party id."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from scrisk import schema
from scrisk.errors import Both, FaultCollector, msg
from scrisk.model import Audit, Certification
from scrisk.readers import values as v
from scrisk.readers.fields import (
    IdHint,
    hints,
    known_items,
    list_records,
    plain_fields,
    plain_items,
    plain_specs,
    plain_values,
    require,
)
from scrisk.readers.limits import MAX_TEXT
from scrisk.readers.locate import Locator, Where
from scrisk.readers.makers import maker
from scrisk.schema import ILO_INDICATORS, RIGHTS, FieldSpec


def _party_ref(
    rec: Mapping[str, Any],
    section: str,
    i: int,
    locator: Locator,
    faults: FaultCollector,
    ids: set[str] | None,
    hint: IdHint,
) -> str | None:
    loc = Where(locator, section, i, "party")
    pid = v.text(rec.get("party"), loc, faults)
    if pid is None:
        require(None, section, i, "party", locator, faults, "party id")
    elif ids is not None and pid not in ids:
        faults.add(
            loc.location(),
            "unknown_id",
            msg(
                "input.id.unknown",
                field="party",
                value=repr(pid),
                kind=Both("party", "partie"),
                **hints(hint(pid)),
            ),
        )
    return pid


def read_certifications(
    data: Mapping[str, Any], locator: Locator, faults: FaultCollector, ids: set[str] | None
) -> list[Certification]:
    out = []
    hint = IdHint(ids)
    specs = plain_specs("certifications", schema.CERTIFICATION_FIELDS)
    for i, rec in list_records(data, "certifications", "certifications", locator, faults):
        fast = _plain_certification(rec, ids, specs)
        if fast is not None:
            out.append(fast)
            continue

        def at(field: str, i: int = i) -> Where:
            return Where(locator, "certifications", i, field)

        pid = _party_ref(rec, "certifications", i, locator, faults, ids, hint)
        ctype = v.text(rec.get("type"), at("type"), faults)
        if ctype is None:
            require(None, "certifications", i, "type", locator, faults, "certification type")
        if "rights" not in rec:
            require(
                None,
                "certifications",
                i,
                "rights",
                locator,
                faults,
                "rights (the list of rights affirmed)",
            )
        declared = set(
            known_items(
                rec.get("rights"), RIGHTS, "right", "certifications", i, "rights", locator, faults
            )
        )
        out.append(
            Certification(
                party=pid or "",
                type=v.token(ctype) if ctype else "",
                rights=tuple(r for r in RIGHTS if r in declared),  # canonical order
                **plain_fields(rec, "certifications", schema.CERTIFICATION_FIELDS, at, faults),
                covers=_covers(rec.get("covers"), i, locator, faults, ids, hint),
            )
        )
    return out


def _plain_certification(
    rec: Mapping[str, Any], ids: set[str] | None, specs: tuple[FieldSpec, ...]
) -> Certification | None:
    """The certification of a record whose every value reads as itself (a known party, a
    type, rights in the vocabulary, covers of known parties, plain fields): what the full
    reader makes of it, with no fault possible; None for anything else (the full reader
    then reads it and says what is wrong; so for a value past the size limits). Records
    nothing."""
    pid, ctype = rec.get("party"), rec.get("type")
    if type(pid) is not str or type(ctype) is not str or "\r" in pid or "\r" in ctype:
        return None
    if len(pid) > MAX_TEXT or len(ctype) > MAX_TEXT:
        return None
    pid = pid.strip()
    if not pid or not ctype.strip() or "rights" not in rec or (ids is not None and pid not in ids):
        return None
    rights, covers = _known_rights(rec.get("rights")), plain_items(rec.get("covers"))
    if rights is None or covers is None:
        return None
    if covers and ids is not None and any(c not in ids for _, c in covers):
        return None
    plain = plain_values(rec, specs)
    if plain is None:
        return None
    if _POSITIONAL:  # the fields by position: no keyword dict built and unpacked
        return _CERTIFICATION(
            pid,
            v.token(ctype),
            rights,
            plain["signed_on"],
            plain["signatory"],
            tuple(dict.fromkeys([c for _, c in covers])) if covers else None,
        )
    return _CERTIFICATION(
        party=pid,
        type=v.token(ctype),
        rights=rights,
        **plain,
        covers=tuple(dict.fromkeys(c for _, c in covers)) or None,
    )


_CERTIFICATION = maker(Certification)
# Certification's fields in order, and those read by ``plain_values``, as
# ``_plain_certification`` passes them by position; a field added to the schema (and so
# to Certification) leaves this off and the Certification is made by keyword
_POSITIONAL = tuple(f.name for f in dataclasses.fields(Certification)) == (
    "party",
    "type",
    "rights",
    "signed_on",
    "signatory",
    "covers",
) and tuple(f.name for f in plain_specs("certifications", schema.CERTIFICATION_FIELDS)) == (
    "signed_on",
    "signatory",
)
_RIGHTS = frozenset(RIGHTS)
# A certification's declared rights (a list of plain text) -> the rights in canonical order,
# or None when one is not in the vocabulary: the same few lists recur over every bid
_RIGHTS_OF: dict[tuple[str, ...], tuple[str, ...] | None] = {}


def _known_rights(value: Any) -> tuple[str, ...] | None:
    """The rights the full reader reads of a list of plain text items, all in the
    vocabulary, in canonical order; None for any other value."""
    if type(value) is not list:
        return () if value is None else None
    key = tuple(value)
    try:  # only lists of text are kept, and no text equals another value
        return _RIGHTS_OF[key]
    except (KeyError, TypeError):  # not seen, or an item not hashable
        pass
    if not all(type(x) is str for x in value):
        return None
    items = plain_items(value)
    found: tuple[str, ...] | None = None
    if items is not None:
        declared = {v.token(r) for _, r in items}
        if declared <= _RIGHTS:
            found = tuple(r for r in RIGHTS if r in declared)  # canonical order
    if len(_RIGHTS_OF) >= 1_000:
        _RIGHTS_OF.clear()
    _RIGHTS_OF[key] = found
    return found


def _covers(
    value: Any, i: int, locator: Locator, faults: FaultCollector, ids: set[str] | None, hint: IdHint
) -> tuple[str, ...] | None:
    """Party ids a certification covers; blank or empty = not said (None)."""
    items = v.items(value, Where(locator, "certifications", i, "covers"), faults)
    for j, pid in items:
        if ids is not None and pid not in ids:
            faults.add(
                locator.at("certifications", i, "covers", j),
                "unknown_id",
                msg(
                    "input.id.unknown",
                    field="covers",
                    value=repr(pid),
                    kind=Both("party", "partie"),
                    **hints(hint(pid)),
                ),
            )
    return tuple(dict.fromkeys(p for _, p in items)) or None


def read_audits(
    data: Mapping[str, Any], locator: Locator, faults: FaultCollector, ids: set[str] | None
) -> list[Audit]:
    out = []
    hint = IdHint(ids)
    for i, rec in list_records(data, "audits", "audits", locator, faults):

        def at(field: str, i: int = i) -> Where:
            return Where(locator, "audits", i, field)

        pid = _party_ref(rec, "audits", i, locator, faults, ids, hint)
        indicators = known_items(
            rec.get("indicators"),
            ILO_INDICATORS,
            "ILO indicator",
            "audits",
            i,
            "indicators",
            locator,
            faults,
        )
        out.append(
            Audit(
                party=pid or "",
                **plain_fields(rec, "audits", schema.AUDIT_FIELDS, at, faults),
                indicators=tuple(dict.fromkeys(indicators)),
            )
        )
    return out
