"""Declaring a typed policy table: :class:`Section`, ``setting(...)`` and :class:`Problem`.

A policy table is a frozen dataclass deriving from :class:`Section`; its
field annotations are the types and ``setting(...)`` adds the range, the
allowed words or the allowed keys of a mapping. Checking a plain table
against it is :mod:`scrisk.policy.values`.

Supported field types: ``float``, ``int``, ``bool``, ``str``, ``datetime.date``
(TOML dates or ISO strings from JSON), :data:`PolicyDate` (a date, or "YYYY-MM"
kept as text when only the month is known), ``tuple[str, ...]``, ``Mapping[str, X]``
(X any of these, mappings nested), and another ``Section``. Numbers must be
finite (TOML ``nan``/``inf`` are refused).
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from scrisk.jsontext import plain

# keys of a mapping setting: a fixed collection, a function of the shipped
# default table (called with it), or None for free keys (e.g. goods names)
Keys = tuple[str, ...] | Callable[[Mapping[str, Any]], Any] | None

# A policy date: a full date, or text "YYYY-MM" when the source gives only the month
# (kept as that text, so notes can say the day is not known; it counts from the 1st).
PolicyDate = date | str


@dataclass(frozen=True, slots=True)
class Problem:
    """One unusable setting: dotted key, what is wrong, and the fault reason."""

    key: str
    message: str
    reason: str = "bad_value"

    def __str__(self) -> str:
        return f"{self.key}: {self.message}"


def setting(
    *,
    low: float | None = None,
    high: float | None = None,
    choices: tuple[str, ...] | None = None,
    keys: Keys | str = "defaults",
    item_keys: Keys | str = "defaults",
) -> Any:
    """Field metadata: numeric range, allowed words, allowed mapping keys.

    ``keys="defaults"`` (the default) allows the keys the shipped table has,
    so a misspelt key is refused by name while new defaults need no code;
    ``item_keys`` does the same for the tables inside a table of tables.
    """
    return field(
        metadata={
            "low": low,
            "high": high,
            "choices": choices,
            "keys": keys,
            "item_keys": item_keys,
        }
    )


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _no_untyped() -> Mapping[str, Any]:
    return types.MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Section:
    """Base of a typed policy table: a frozen dataclass, read by attribute only
    (``settings.levels.critical``); :meth:`to_dict` gives the plain table.

    ``untyped`` holds settings the shipped TOML has but no field describes yet
    (added by a policy file or key whose dataclass field is still to write):
    they are checked by example and read from ``untyped``, and a test lists them.
    """

    untyped: Mapping[str, Any] = field(default_factory=_no_untyped, kw_only=True)

    def check(self) -> list[Problem]:
        """Faults that involve several fields (e.g. thresholds in order); keys are relative."""
        return []

    def __deepcopy__(self, memo: dict[int, Any]) -> Section:
        return self  # immutable: copies may share it

    @classmethod
    def _field_names(cls) -> tuple[str, ...]:
        found = _FIELD_NAMES.get(cls)
        if found is None:  # computed once per class
            found = _FIELD_NAMES[cls] = tuple(
                f.name for f in dataclasses.fields(cls) if f.name != "untyped"
            )
        return found

    def to_dict(self) -> dict[str, Any]:
        """The plain table (nested dicts, lists for tuples), as a TOML file would hold it."""
        out = {name: plain(getattr(self, name)) for name in self._field_names()}
        out.update({k: plain(v) for k, v in self.untyped.items()})
        return out


__all__ = ["Keys", "PolicyDate", "Problem", "Section", "setting"]
