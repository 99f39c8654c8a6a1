"""Input faults, collected lazily and raised together.

A procurement officer fixing a spreadsheet wants every fault at once, each
with the cell it is in. Readers and validation append :class:`Fault` values
to a list and raise one :class:`DeclarationError` at the end (pandera's lazy
validation, applied to bid declarations).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from scrisk.vocab import FaultReason, values


@dataclass(frozen=True, slots=True)
class Message:
    """A fault message as a catalogue key and its parameters, rendered in the reader's
    language when printed (``input.*`` in ``scrisk/i18n/<lang>/input.json``)."""

    key: str
    params: tuple[tuple[str, Any], ...] = ()

    def render(self, lang: str = "en") -> str:
        """The message in ``lang``; a ``field`` parameter is named as that reader knows it."""
        from scrisk.i18n import t

        params = {
            k: (v.fr if lang == "fr" else v.en)
            if isinstance(v, Both)
            else field_label(v, lang)
            if k == "field" and isinstance(v, str)
            else v
            for k, v in self.params
        }
        return t(self.key, lang, **params)


@dataclass(frozen=True, slots=True)
class Both:
    """A message parameter that differs by language ("party id" / "identifiant de
    partie", a "did you mean" tail): each catalogue names the same placeholder."""

    en: str
    fr: str

    def __str__(self) -> str:
        return self.en


def msg(key: str, /, **params: Any) -> Message:
    """A translatable fault message; ``tests/test_i18n_keys.py`` checks every call."""
    return Message(key, tuple(sorted(params.items())))


def os_reason(error: OSError) -> Both:
    """Why a file could not be read, in both languages: the usual causes from the input
    catalogue; another system message as the system gives it, marked as English in French."""
    import errno

    from scrisk.i18n import t

    key = {
        errno.ENOENT: "input.os.not_found",
        errno.EACCES: "input.os.denied",
        errno.EPERM: "input.os.denied",
        errno.EISDIR: "input.os.is_directory",
        errno.ENOTDIR: "input.os.not_directory",
    }.get(error.errno or 0)
    if key is not None:
        return Both(t(key, "en"), t(key, "fr"))
    text = str(error.strerror or error)
    return Both(text, t("input.os.other", "fr", reason=text))


def parser_reason(text: str) -> Both:
    """A parser's own message (English only), marked as such in French."""
    from scrisk.i18n import t

    return Both(text, t("input.json.parser_reason", "fr", reason=text))


def field_label(field: str, lang: str) -> str:
    """A field as a reader of ``lang`` knows it: the key in English (as the JSON and the
    English template spell it), the French template's heading in French."""
    if lang == "en":
        return field
    from scrisk.i18n import catalogue

    base, dot, rest = field.partition("[")
    for key, text in catalogue(lang).items():
        if key.startswith("template.field.") and key.rsplit(".", 1)[-1] == base:
            return text + (dot + rest if dot else "")
    return field


_LINE = re.compile(r"^line (\d+), column (\d+)$")


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

    def render(self, lang: str = "en") -> str:
        """The location in ``lang``: words and field names translated, names kept."""
        if lang == "en":
            return str(self)
        from scrisk.i18n import t

        parts: list[str] = [self.file] if self.file else []
        if self.sheet:
            parts.append(t("input.where.sheet", lang, sheet=self.sheet))
        if self.row is not None:
            parts.append(t("input.where.row", lang, row=self.row))
        if self.path:
            at = _LINE.match(self.path)  # a JSON parse fault: "line 3, column 7"
            parts.append(t("input.where.line", lang, line=at[1], column=at[2]) if at else self.path)
        if self.field:
            parts.append(t("input.where.field", lang, field=field_label(self.field, lang)))
        if self.cell:
            parts.append(t("input.where.cell", lang, cell=self.cell))
        return ", ".join(parts) or t("input.where.input", lang)


# Reasons are a closed taxonomy so tools can group faults (scrisk.vocab.FaultReason).
REASONS = frozenset(values(FaultReason))


@dataclass(frozen=True, slots=True)
class Fault:
    """One structural problem in a declaration, with its location."""

    location: Location
    reason: str
    message: str  # in English (the JSON fault record and the API)
    text: Message | None = None  # the same message, translatable

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"

    def render(self, lang: str = "en") -> str:
        """The fault in ``lang``: location words, field names and message."""
        said = self.text.render(lang) if self.text is not None else self.message
        colon = "\u00a0: " if lang == "fr" else ": "  # French: a no-break space before
        return f"{self.location.render(lang)}{colon}{said}"

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

    def add(self, location: Location, reason: str, message: str | Message) -> None:
        """Record a fault; a :class:`Message` (see :func:`msg`) is kept translatable."""
        if len(self.faults) >= self.limit:
            self.truncated += 1
            return
        if isinstance(message, Message):
            self.faults.append(Fault(location, reason, message.render("en"), message))
        else:
            self.faults.append(Fault(location, reason, message))

    def __bool__(self) -> bool:
        return bool(self.faults)

    def raise_if_any(self) -> None:
        if self.truncated:
            more = msg("input.more_faults", count=self.truncated)
            self.faults.append(Fault(Location(), "too_large", more.render("en"), more))
        if self.faults:
            raise DeclarationError(self.faults)


__all__ = [
    "REASONS",
    "Both",
    "DeclarationError",
    "Fault",
    "FaultCollector",
    "Location",
    "Message",
    "PolicyError",
    "ScriskError",
    "field_label",
    "msg",
]
