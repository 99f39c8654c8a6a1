"""The solicitation section and its goods: fields, required values, good ids."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from scrisk import schema
from scrisk.errors import Both, FaultCollector, msg
from scrisk.model import Good
from scrisk.readers import values as v
from scrisk.readers.fields import (
    is_blank,
    list_records,
    plain_fields,
    plain_specs,
    plain_values,
    require,
)
from scrisk.readers.limits import MAX_GOODS, MAX_TEXT
from scrisk.readers.locate import Locator, Where
from scrisk.readers.values import HS_TEXT


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


_SOLICITATION_KEYS = frozenset(f.name for f in schema.SOLICITATION_FIELDS) | {"goods"}
_GOOD_KEYS = frozenset(f.name for f in schema.GOOD_FIELDS)
_CHOICES = tuple(f for f in schema.SOLICITATION_FIELDS if f.kind == "choice")
_NOT_CHOICES = tuple(f for f in schema.SOLICITATION_FIELDS if f.kind != "choice")
_REQUIRED = tuple(f.name for f in schema.SOLICITATION_FIELDS if f.required)


def plain_solicitation(raw: Mapping[str, Any]) -> tuple[dict[str, Any], list[Good]] | None:
    """:func:`read_solicitation` of a solicitation object holding only its fields and
    ``goods``, every value plain and within the size limits, with no fault possible: the
    same fields and goods; None for anything else (nothing recorded: the caller reads it
    the usual way)."""
    if not raw.keys() <= _SOLICITATION_KEYS:
        return None
    sol = plain_values(raw, _NOT_CHOICES)
    if sol is None:
        return None
    for f in _CHOICES:
        text = _plain_text(raw.get(f.name))
        if text is False:
            return None
        choice = None if text is None else v.token(text)
        if choice is not None and choice not in f.vocab:
            return None
        sol[f.name] = choice
    for name in _REQUIRED:
        if sol[name] is None:
            return None
    records = raw.get("goods")
    if type(records) is not list or not records or len(records) > MAX_GOODS:
        return None
    goods: list[Good] = []
    seen: set[str] = set()
    specs = plain_specs("goods", schema.GOOD_FIELDS)
    for rec in records:
        if type(rec) is not dict or not rec.keys() <= _GOOD_KEYS:
            return None
        gid, desc = _plain_text(rec.get("id")), _plain_text(rec.get("description"))
        hs = _plain_text(rec.get("hs_code"))
        if not gid or not desc or gid in seen or hs is False:
            return None
        if hs is not None:
            digits = hs.replace(".", "").replace(" ", "")
            if not (HS_TEXT.match(hs) and digits.isdigit() and 4 <= len(digits) <= 10):
                return None
            hs = digits
        plain = plain_values(rec, specs)
        if plain is None:
            return None
        seen.add(gid)
        goods.append(Good(id=gid, description=desc, hs_code=hs, **plain))
    return sol, goods


def _plain_text(value: Any) -> str | None | Literal[False]:
    """``values.text`` of an absent value or plain text within the size limit; False for
    any other value."""
    if value is None:
        return None
    if type(value) is not str or "\r" in value or len(value) > MAX_TEXT:
        return False
    return value.strip() or None
