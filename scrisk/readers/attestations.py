"""Certifications and audits: what the bid attests of its parties, each naming a party id."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from scrisk import schema
from scrisk.errors import Both, FaultCollector, msg
from scrisk.model import Audit, Certification
from scrisk.readers import values as v
from scrisk.readers.fields import IdHint, hints, known_items, list_records, plain_fields, require
from scrisk.readers.locate import Locator, Where
from scrisk.schema import ILO_INDICATORS, RIGHTS


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
    for i, rec in list_records(data, "certifications", "certifications", locator, faults):

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
