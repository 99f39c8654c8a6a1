"""The solicitation section and its goods: fields, required values, good ids."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from scrisk import schema
from scrisk.errors import Both, FaultCollector, msg
from scrisk.model import Good
from scrisk.readers import values as v
from scrisk.readers.fields import is_blank, list_records, plain_fields, require
from scrisk.readers.locate import Locator, Where


def read_solicitation(
    data: Mapping[str, Any],
    locator: Locator,
    faults: FaultCollector,
    *,
    goods_unusable: bool = False,
) -> tuple[dict[str, Any], list[Good]]:
    raw = data.get("solicitation")
    if not isinstance(raw, Mapping):
        reason = "missing_field" if raw is None else "bad_type"
        faults.add(
            locator.at("root", field="solicitation"),
            reason,
            msg("input.solicitation.missing" if raw is None else "input.solicitation.not_object"),
        )
        raw = {}

    def at(field: str) -> Where:
        return Where(locator, "solicitation", None, field)

    sol = plain_fields(raw, "solicitation", schema.SOLICITATION_FIELDS, at, faults)
    for spec in schema.SOLICITATION_FIELDS:
        if spec.required and is_blank(raw.get(spec.name)):
            require(None, "solicitation", None, spec.name, locator, faults, spec.label)

    goods: list[Good] = []
    seen: set[str] = set()
    records = list_records(raw, "goods", "goods", locator, faults)
    if not records and not goods_unusable:
        faults.add(
            locator.at("solicitation", field="goods"),
            "no_goods",
            msg("input.no_goods"),
        )
    for i, rec in records:

        def gat(field: str, i: int = i) -> Where:
            return Where(locator, "goods", i, field)

        gid = v.text(rec.get("id"), gat("id"), faults)
        desc = v.text(rec.get("description"), gat("description"), faults)
        if gid is None:
            require(None, "goods", i, "id", locator, faults, "good id")
        elif gid in seen:
            faults.add(
                gat("id").location(),
                "duplicate_id",
                msg(
                    "input.id.duplicate",
                    what=Both("good id", "identifiant de bien"),
                    value=repr(gid),
                ),
            )
        if desc is None:
            require(None, "goods", i, "description", locator, faults, "good description")
        good = Good(
            id=gid or "",
            description=desc or "",
            hs_code=v.hs_code(rec.get("hs_code"), gat("hs_code"), faults),
            **plain_fields(rec, "goods", schema.GOOD_FIELDS, gat, faults),
        )
        if gid is not None and gid not in seen:
            seen.add(gid)
            goods.append(good)
    return sol, goods
