"""Documented limits on what one declaration may hold (README, "Limits and guarantees").

A real bid declares tens to a few thousand parties a handful of tiers deep;
these bounds sit far above that, and far below what would make an
assessment run for minutes or fill the memory. Every limit crossed is a
``too_large`` fault naming where (JSON path or sheet and row), found before
any costly step, so a hostile file is refused in time linear in its size.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Sequence
from typing import Any

from scrisk.errors import FaultCollector, msg
from scrisk.readers.locate import Locator

MAX_TEXT = 1_000  # characters of one text value (a name, an address, a material)
MAX_LIST = 1_000  # items of one list (supplies_to, goods, materials, rights, indicators)
MAX_PARTIES = 20_000
MAX_GOODS = 1_000
MAX_RECORDS = 20_000  # certifications, audits
MAX_LINKS = 200_000  # supplies_to links over the whole declaration
MAX_TIERS = 100  # how far a party may sit from the bidder (tier 1 ships to the bidder)

_SECTIONS = (
    ("parties", "parties", MAX_PARTIES),
    ("certifications", "certifications", MAX_RECORDS),
    ("audits", "audits", MAX_RECORDS),
)


def check_sizes(data: Mapping[str, Any], locator: Locator, faults: FaultCollector) -> bool:
    """Faults for every value past a limit; False when any was found.

    Walks the raw declaration once: text values longer than MAX_TEXT, lists
    longer than MAX_LIST, more records or links than the section limits.
    """
    before = len(faults.faults)
    sol = data.get("solicitation")
    if isinstance(sol, Mapping):
        _record(sol, "solicitation", None, locator, faults, skip=("goods",))
        goods = sol.get("goods")
        if isinstance(goods, list):
            _section(goods, "goods", MAX_GOODS, locator, faults)
    links = 0
    for key, section, limit in _SECTIONS:
        records = data.get(key)
        if isinstance(records, list):
            _section(records, section, limit, locator, faults)
            if key == "parties":
                links = sum(
                    len(to)
                    for r in records[:MAX_PARTIES]
                    if (type(r) is dict or isinstance(r, Mapping))
                    and isinstance(to := r.get("supplies_to"), list)
                )
    if links > MAX_LINKS:
        faults.add(
            locator.at("parties"),
            "too_large",
            msg("input.limit.links", count=f"{links:,}", limit=f"{MAX_LINKS:,}"),
        )
    return len(faults.faults) == before


def _section(
    records: list[Any], section: str, limit: int, locator: Locator, faults: FaultCollector
) -> None:
    if len(records) > limit:
        faults.add(
            locator.at(section),
            "too_large",
            msg(
                "input.limit.records",
                count=f"{len(records):,}",
                section=section,
                limit=f"{limit:,}",
            ),
        )
        return
    for i, record in enumerate(records):
        if type(record) is dict or isinstance(record, Mapping):  # a dict: no ABC check
            _record(record, section, i, locator, faults)


def _record(
    record: Mapping[str, Any],
    section: str,
    index: int | None,
    locator: Locator,
    faults: FaultCollector,
    skip: Sequence[str] = (),
) -> None:
    for field, value in record.items():
        if type(value) is str and len(value) <= MAX_TEXT:  # nearly every value: nothing to say
            continue
        if field in skip:
            continue
        if isinstance(value, str) and len(value) > MAX_TEXT:
            faults.add(
                locator.at(section, index, str(field)),
                "too_large",
                msg(
                    "input.limit.text",
                    field=str(field),
                    count=f"{len(value):,}",
                    limit=f"{MAX_TEXT:,}",
                ),
            )
        elif isinstance(value, list):
            if len(value) > MAX_LIST:
                faults.add(
                    locator.at(section, index, str(field)),
                    "too_large",
                    msg(
                        "input.limit.list",
                        field=str(field),
                        count=f"{len(value):,}",
                        limit=f"{MAX_LIST:,}",
                    ),
                )
                continue
            for j, item in enumerate(value):
                if isinstance(item, str) and len(item) > MAX_TEXT:
                    faults.add(
                        locator.at(section, index, str(field), j),
                        "too_large",
                        msg(
                            "input.limit.item",
                            field=str(field),
                            index=j,
                            count=f"{len(item):,}",
                            limit=f"{MAX_TEXT:,}",
                        ),
                    )


def check_depth(parties: Sequence[Any], locator: Locator, faults: FaultCollector) -> None:
    """A fault when a party sits more than MAX_TIERS tiers from the bidder.

    One breadth-first walk up the supplies_to links from the bidder (linear in
    links). Past that depth every flag's path to the bidder would be longer
    than any real chain, and the report would grow with the square of the
    chain's length.
    """
    bidder = next((p.id for p in parties if p.role == "bidder"), None)
    if bidder is None:
        return
    suppliers: dict[str, list[str]] = {}
    for p in parties:
        for to in p.supplies_to:
            suppliers.setdefault(to, []).append(p.id)
    tier = {bidder: 0}
    queue = deque([bidder])
    while queue:
        node = queue.popleft()
        for s in suppliers.get(node, ()):
            if s not in tier:
                tier[s] = tier[node] + 1
                if tier[s] > MAX_TIERS:
                    party = next(p for p in parties if p.id == s)
                    where = (
                        party.source.with_field("supplies_to")
                        if party.source is not None
                        else locator.at("parties", None, "supplies_to")
                    )
                    faults.add(
                        where,
                        "too_large",
                        msg(
                            "input.limit.tiers", party=repr(s), tiers=MAX_TIERS + 1, limit=MAX_TIERS
                        ),
                    )
                    return
                queue.append(s)


__all__ = [
    "MAX_GOODS",
    "MAX_LINKS",
    "MAX_LIST",
    "MAX_PARTIES",
    "MAX_RECORDS",
    "MAX_TEXT",
    "MAX_TIERS",
    "check_depth",
    "check_sizes",
]
