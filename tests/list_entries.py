"""A list entry for screening tests: only what a test says differs from a plain WRO."""

from __future__ import annotations

from datetime import date

from scrisk.reference.model import ListEntry


def list_entry(
    eid: str,
    entity: str,
    *,
    aliases: tuple[str, ...] = (),
    country: str | None = "MY",
    merchandise: str = "",
    issued: date | None = date(2020, 1, 1),
    status: str = "active",
    status_date: date | None = None,
    covers: bool = False,
) -> ListEntry:
    return ListEntry(
        id=eid,
        list_name="Test list",
        entity=entity,
        aliases=aliases,
        country=country,
        merchandise=merchandise,
        action="WRO",
        issued=issued,
        status=status,
        status_date=status_date,
        source_url="",
        dataset="test",
        edition="test",
        covers_subsidiaries=covers,
    )
