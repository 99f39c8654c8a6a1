"""The parties section: ids, roles, goods and supplies_to references, country, s211 report.

References between parties (``supplies_to``) are checked once every id is
known; exactly one party must be the bidder.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

from scrisk import schema
from scrisk.countries import near_country, resolve_country
from scrisk.errors import Both, FaultCollector, msg
from scrisk.jsontext import parsed_keys
from scrisk.model import Party, S211Report
from scrisk.readers import values as v
from scrisk.readers.fields import (
    IdHint,
    hints,
    is_blank,
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
from scrisk.readers.schema import NO, YES
from scrisk.schema import ROLES, FieldSpec


def _country_code(
    text: str | None, cache: dict[str, Any]
) -> tuple[str | None, bool, tuple[str, ...]]:
    """(ISO code, read from a near-miss spelling?, suggestions when unresolved)."""
    if text is None:
        return None, False, ()
    if text not in cache:
        code = resolve_country(text)
        if code is not None:
            cache[text] = (code, False, ())
        else:
            near = near_country(text)
            cache[text] = (near.code, near.code is not None, near.suggestions)
    return cache[text]  # type: ignore[no-any-return]


def read_parties(
    data: Mapping[str, Any],
    locator: Locator,
    faults: FaultCollector,
    good_ids: set[str] | None,
    *,
    check_bidder: bool,
) -> list[Party]:
    records = list_records(data, "parties", "parties", locator, faults)
    parties: list[Party] = []
    ids: set[str] = set()
    pending: list[tuple[int, list[tuple[int, str]]]] = []  # supplies_to checked after all ids
    countries: dict[str, Any] = {}  # declared text -> (ISO code, near, suggestions), once
    good_hint, party_hint = IdHint(good_ids), IdHint(ids)
    specs = plain_specs("parties", schema.PARTY_FIELDS)
    for i, rec in records:
        fast = _plain_party(rec, i, locator, good_ids, ids, countries, specs)
        if fast is not None:
            party, supplies = fast
            pending.append((i, supplies))
            ids.add(party.id)
            parties.append(party)
            continue

        def at(field: str, i: int = i) -> Where:
            return Where(locator, "parties", i, field)

        pid = v.text(rec.get("id"), at("id"), faults)
        if pid is None:
            require(None, "parties", i, "id", locator, faults, "party id")
        elif pid in ids:
            faults.add(
                at("id").location(),
                "duplicate_id",
                msg(
                    "input.id.duplicate",
                    what=Both("party id", "identifiant de partie"),
                    value=repr(pid),
                ),
            )
        role = v.choice(rec.get("role"), ROLES, at("role"), faults, "role")
        if is_blank(rec.get("role")):
            require(None, "parties", i, "role", locator, faults, f"role of party {pid!r}")
        supplies = v.items(rec.get("supplies_to"), at("supplies_to"), faults)
        made = v.items(rec.get("goods"), at("goods"), faults)
        for j, gid in made:
            if good_ids is not None and gid not in good_ids:
                faults.add(
                    locator.at("parties", i, "goods", j),
                    "unknown_id",
                    msg(
                        "input.id.unknown",
                        field="goods",
                        value=repr(gid),
                        kind=Both("good", "bien"),
                        **hints(good_hint(gid)),
                    ),
                )
        country = v.text(rec.get("country"), at("country"), faults)
        code, near, suggestions = _country_code(country, countries)
        plain = plain_fields(rec, "parties", schema.PARTY_FIELDS, at, faults)
        party = Party(
            id=pid or "",
            role=role or "",
            country=country,
            country_code=code,
            country_near=near,
            country_suggestions=suggestions,
            supplies_to=tuple(dict.fromkeys(s for _, s in supplies)),
            goods=tuple(dict.fromkeys(g for _, g in made)),
            **plain,
            s211=_s211(rec.get("s211"), at, faults),
            source=locator.at("parties", i),
        )
        pending.append((i, supplies))
        if pid is not None and pid not in ids:
            ids.add(pid)
            parties.append(party)
    for i, supplies in pending:
        for j, target in supplies:
            if target not in ids:
                faults.add(
                    locator.at("parties", i, "supplies_to", j),
                    "unknown_id",
                    msg(
                        "input.id.unknown",
                        field="supplies_to",
                        value=repr(target),
                        kind=Both("party", "partie"),
                        **hints(party_hint(target)),
                    ),
                )
    bidders = [p.id for p in parties if p.role == "bidder"]
    if len(bidders) != 1 and check_bidder:
        found = ", ".join(repr(b) for b in bidders) or "none"
        faults.add(
            locator.at("parties", field="role"),
            "bidder_count",
            msg(
                "input.bidder_count",
                count=len(bidders),
                found=Both(found, found if bidders else "aucune"),
            ),
        )
    return parties


def _plain_party(
    rec: Mapping[str, Any],
    i: int,
    locator: Locator,
    good_ids: set[str] | None,
    ids: set[str],
    countries: dict[str, Any],
    specs: tuple[FieldSpec, ...],
) -> tuple[Party, list[tuple[int, str]]] | None:
    """The party of a record whose every value reads as itself (plain text, lists of plain
    text, non-negative numbers), with its supplies_to items: the Party the full reader
    makes of it, made with no fault possible; None for anything else (the full reader then
    reads the record and says what is wrong; so for a value past the size limits).
    Nothing is recorded either way."""
    pid, role = rec.get(_ID), rec.get(_ROLE)
    if type(pid) is not str or type(role) is not str or "\r" in pid or "\r" in role:
        return None
    if len(pid) > MAX_TEXT or len(role) > MAX_TEXT:
        return None
    pid = pid.strip()
    role = _ROLE_OF.get(role) or _role(role)
    if not pid or pid in ids or role is None:
        return None
    supplies, made = rec.get(_SUPPLIES_TO), rec.get(_GOODS)  # often absent: no call then
    supplies = [] if supplies is None else plain_items(supplies)
    made = [] if made is None else plain_items(made)
    country = rec.get(_COUNTRY)
    if supplies is None or made is None or rec.get(_S211) is not None:
        return None
    goods = _ids(made) if made else ()
    if good_ids is not None and not good_ids.issuperset(goods):
        return None
    if country is not None:
        if type(country) is not str or "\r" in country or len(country) > MAX_TEXT:
            return None
        country = country.strip() or None
    plain = plain_values(rec, specs)
    if plain is None:
        return None
    known = countries.get(country) if country is not None else None
    code, near, suggestions = known or _country_code(country, countries)
    if _POSITIONAL:  # the fields by position: no keyword dict built and unpacked
        party = _PARTY(
            pid,
            role,
            plain["name"],
            plain["address"],
            plain["city"],
            plain["region"],
            country,
            code,
            _ids(supplies) if supplies else (),
            goods,
            plain["materials"],
            plain["workers"],
            plain["annual_capacity"],
            None,
            locator.at("parties", i),
            near,
            suggestions,
            False,
        )
        return party, supplies
    party = _PARTY(
        id=pid,
        role=role,
        country=country,
        country_code=code,
        country_near=near,
        country_suggestions=suggestions,
        supplies_to=_ids(supplies),
        goods=goods,
        **plain,
        source=locator.at("parties", i),
    )
    return party, supplies


# the keys _plain_party reads, as jsontext.loads gives them (pointer comparisons)
_ID, _ROLE, _SUPPLIES_TO, _GOODS, _COUNTRY, _S211 = parsed_keys(
    "id", "role", "supplies_to", "goods", "country", "s211"
)

# A declared role's text -> its vocabulary form, or None when not a role: the same few
# texts over every bid
_ROLE_OF: dict[str, str | None] = {}


def _role(text: str) -> str | None:
    """The role ``text`` reads as (``values.token``), None when not one (kept in _ROLE_OF)."""
    role = v.token(text)
    if len(_ROLE_OF) >= 1_000:
        _ROLE_OF.clear()
    found = _ROLE_OF[text] = role if role in ROLES else None
    return found


_PARTY = maker(Party)
# Party's fields in order, and those read by ``plain_values``, as ``_plain_party`` passes
# them by position; a field added to the schema (and so to Party) leaves this off and
# the Party is made by keyword
_POSITIONAL = tuple(f.name for f in dataclasses.fields(Party)) == (
    "id",
    "role",
    "name",
    "address",
    "city",
    "region",
    "country",
    "country_code",
    "supplies_to",
    "goods",
    "materials",
    "workers",
    "annual_capacity",
    "s211",
    "source",
    "country_near",
    "country_suggestions",
    "country_assumed",
) and tuple(f.name for f in plain_specs("parties", schema.PARTY_FIELDS)) == (
    "name",
    "address",
    "city",
    "region",
    "materials",
    "workers",
    "annual_capacity",
)


def _ids(items: list[tuple[int, str]]) -> tuple[str, ...]:
    """The ids of (position, id) items, each once, in order."""
    if not items:
        return ()
    if len(items) == 1:
        return (items[0][1],)
    return tuple(dict.fromkeys([t for _, t in items]))


def _s211(raw: Any, at: Callable[[str], Where], faults: FaultCollector) -> S211Report | None:
    """The optional Supply Chains Act report of a party (every key optional)."""
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        faults.add(
            at("s211").location(),
            "bad_type",
            msg("input.s211.not_object"),
        )
        return None
    keys = tuple(f.name for f in schema.S211_FIELDS)
    from scrisk.readers.json_keys import nearest

    for key in sorted(set(raw) - set(keys)):
        hint = nearest(str(key), frozenset(keys))
        faults.add(
            at(f"s211.{key}").location(),
            "unknown_key",
            msg(
                "input.s211.unknown_key",
                key=repr(key),
                known=", ".join(keys),
                **hints(f" (did you mean {hint!r}?)" if hint else ""),
            ),
        )
    flag = raw.get("reporting_entity")
    entity: bool | None = None
    if isinstance(flag, bool):
        entity = flag
    elif flag is not None and not (isinstance(flag, str) and not flag.strip()):
        word = " ".join(str(flag).strip().casefold().split())
        if word in YES:
            entity = True
        elif word in NO:
            entity = False
        else:
            faults.add(
                at("s211.reporting_entity").location(),
                "bad_value",
                msg("input.s211.yes_no", value=repr(flag)),
            )
    report = S211Report(
        reporting_entity=entity,
        **plain_fields(raw, "s211", schema.S211_FIELDS, lambda f: at(f"s211.{f}"), faults),
    )
    return None if report == S211Report() else report
