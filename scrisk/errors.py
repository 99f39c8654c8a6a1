"""Input faults, collected lazily and raised together.

A procurement officer fixing a spreadsheet wants every fault at once, each
with the cell it is in. Readers and validation append :class:`Fault` values
to a list and raise one :class:`DeclarationError` at the end (pandera's lazy
validation, applied to bid declarations).
"""

from __future__ import annotations

from dataclasses import dataclass

from scrisk.vocab import FaultReason, values


@dataclass(frozen=True, slots=True)
class Location:
    """Where a value sits in the input: file, then sheet + row or JSON path, then field."""

    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    path: str | None = None
    field: str | None = None
    cell: str | None = None  # the Excel cell, e.g. "Parties!G3", when known

    def with_field(self, name: str | None) -> Location:
        """The same location, naming field ``name``."""
        return Location(self.file, self.sheet, self.row, self.path, name)

    def __str__(self) -> str:
        parts: list[str] = []
        if self.file:
            parts.append(self.file)
        if self.sheet:
            parts.append(f"sheet {self.sheet!r}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.path:
            parts.append(self.path)
        if self.field:
            parts.append(f"field {self.field!r}")
        if self.cell:
            parts.append(f"cell {self.cell}")
        return ", ".join(parts) or "<input>"


# Reasons are a closed taxonomy so tools can group faults (scrisk.vocab.FaultReason).
REASONS = frozenset(values(FaultReason))


@dataclass(frozen=True, slots=True)
class Fault:
    """One structural problem in a declaration, with its location."""

    location: Location
    reason: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"

    def to_dict(self) -> dict[str, object]:
        """The fault as a flat JSON record (location fields, reason, message)."""
        loc = self.location
        return {
            "file": loc.file,
            "sheet": loc.sheet,
            "row": loc.row,
            "path": loc.path,
            "field": loc.field,
            **({"cell": loc.cell} if loc.cell else {}),
            "reason": self.reason,
            "message": self.message,
        }


class ScriskError(Exception):
    """Base class of the errors scrisk raises on purpose (never a bug)."""


class DeclarationError(ScriskError, ValueError):
    """A declaration that cannot be assessed; carries every fault found."""

    def __init__(self, faults: list[Fault]):
        self.faults: list[Fault] = list(faults)
        super().__init__(self._summary())

    def _summary(self) -> str:
        n = len(self.faults)
        head = f"{n} fault{'s' if n != 1 else ''} in the declaration:"
        return "\n".join([head, *(f"  - {f}" for f in self.faults)])


class PolicyError(ScriskError, ValueError):
    """A policy file or parameter that cannot be used; ``faults`` names every unusable setting."""

    def __init__(self, message: str, faults: list[Fault] | None = None):
        self.faults: list[Fault] = list(faults or [])
        super().__init__(message)

    @classmethod
    def from_faults(cls, faults: list[Fault]) -> PolicyError:
        """One error listing every fault (file, dotted key, what was expected)."""
        if len(faults) == 1:
            return cls(str(faults[0]), faults)
        lines = [f"{len(faults)} faults in the policy:", *(f"  - {f}" for f in faults)]
        return cls("\n".join(lines), faults)


class FaultCollector:
    """Accumulates faults; ``raise_if_any`` raises them all at once."""

    def __init__(self, limit: int = 10_000):
        self.faults: list[Fault] = []
        self.limit = limit
        self.truncated = 0

    def add(self, location: Location, reason: str, message: str) -> None:
        if len(self.faults) >= self.limit:
            self.truncated += 1
            return
        self.faults.append(Fault(location, reason, message))

    def __bool__(self) -> bool:
        return bool(self.faults)

    def raise_if_any(self) -> None:
        if self.truncated:
            self.faults.append(
                Fault(Location(), "too_large", f"{self.truncated} more faults not listed")
            )
        if self.faults:
            raise DeclarationError(self.faults)


__all__ = [
    "REASONS",
    "DeclarationError",
    "Fault",
    "FaultCollector",
    "Location",
    "PolicyError",
    "ScriskError",
]
