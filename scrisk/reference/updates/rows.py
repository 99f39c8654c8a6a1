"""The shapes every publisher parser produces: rows, the parsed file, the error.

Kept apart from :mod:`scrisk.reference.updates` (which dispatches to the
parsers) so the parsers import these without importing their dispatcher.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from scrisk.errors import ScriskError

if TYPE_CHECKING:  # pragma: no cover
    from scrisk.policy import Settings

UFLPA = "uflpa_entity_list"
CBP = "cbp_wro_findings"
LIST_DATASETS = (UFLPA, CBP)


class UpdateError(ScriskError):
    """A publisher file that cannot be used (wrong format, empty table, bad rows...)."""


@dataclass
class PublisherRow:
    """One entry as a publisher's file gives it (fields it does not give stay empty)."""

    entity: str
    aliases: list[str] = field(default_factory=list)
    former_names: list[str] = field(default_factory=list)
    country: str = ""  # ISO alpha-2 when the file gives one
    country_declared: str = ""
    action: str = ""  # CBP: "WRO" | "Finding"; UFLPA: "Entity List"
    issued: str = ""  # ISO date
    status: str = "active"
    status_date: str = ""
    status_note: str = ""
    section: str = ""  # UFLPA section code: i, ii, iii, iv, v
    merchandise: str = ""
    source_url: str = ""
    notes: str = ""
    covers_subsidiaries: bool = False
    where: str = ""  # the row's place in the file (for messages)


@dataclass(frozen=True)
class Limits:
    """What one publisher file may hold (policy ``[updates]``): checked while reading, so
    an oversized file is refused after at most ``max_file_bytes`` read, never parsed whole."""

    max_file_bytes: int = 33_554_432
    max_entries: int = 20_000
    max_row_chars: int = 65_536

    @classmethod
    def from_policy(cls, policy: Settings) -> Limits:
        table = policy.updates
        return cls(
            max_file_bytes=table.max_file_bytes,
            max_entries=table.max_entries,
            max_row_chars=table.max_row_chars,
        )

    def count(self, rows: list[PublisherRow], path: Path) -> None:
        """Refuse a file as soon as it holds one entry more than ``max_entries``."""
        if len(rows) > self.max_entries:
            raise UpdateError(
                f"{path}: too large: more than {self.max_entries:,} entries (the lists hold a "
                "few hundred; policy [updates] max_entries); nothing was read further"
            )

    def row(self, size: int, where: str) -> str | None:
        """The fault of a row longer than ``max_row_chars``, or None."""
        if size > self.max_row_chars:
            return (
                f"{where}: {size:,} characters, more than one row may hold "
                f"({self.max_row_chars:,}, policy [updates] max_row_chars)"
            )
        return None


@dataclass
class Parsed:
    """What a publisher file holds: the list it updates and its rows."""

    dataset: str  # UFLPA or CBP
    format: str  # "DHS UFLPA page (HTML)", "CBP WRO/Findings CSV", ...
    rows: list[PublisherRow]
    path: Path
    latest: str = ""  # the latest date the file itself states (ISO), "" if none
    skipped: int = 0  # rows without an entity name (cannot be screened)


__all__ = ["CBP", "LIST_DATASETS", "UFLPA", "Limits", "Parsed", "PublisherRow", "UpdateError"]
