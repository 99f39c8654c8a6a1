"""What a decision applies by: the supplier and the state of the list entry decided against."""

from __future__ import annotations

from typing import Protocol


class Stated(Protocol):
    """A list entry as a decision is made against it (``scrisk.reference`` entries)."""

    @property
    def status(self) -> str | None: ...

    @property
    def status_date(self) -> object: ...

    @property
    def issued(self) -> object: ...


def supplier_key(name: str, country: str | None, entry_id: str) -> tuple[str, str, str]:
    """The key a decision applies by: normalised name, resolved country, list entry id."""
    from scrisk.screening import normalize_name

    return (normalize_name(name), country or "", entry_id)


def entry_state(entry: Stated | None) -> str:
    """What a decision was made against: the entry's status, status date and issue date.

    A new edition of a list that leaves the entry as it was keeps its state (the
    answer stands); a modification, revocation or re-issue changes it (the
    question is asked again).
    """
    if entry is None:
        return ""
    parts = (entry.status or "", entry.status_date, entry.issued)
    return "|".join("" if v is None else str(v) for v in parts)
