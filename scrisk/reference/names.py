"""Mapping of every source country name to ISO alpha-2, with a report (build time).

Every country name or code read from a source goes through one
:class:`CountryMapper`, which remembers how it was resolved (pycountry, alias
table, source-specific table) or why it was deliberately left unmapped. The
build fails, naming each one, if any name is unmapped without a listed reason.
The record of all mappings is shipped as ``country_profiles/country_names.csv``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from scrisk.countries import (
    alias_table,
    fold,
    resolve_country,
    resolve_source_country,
    unmapped_reason,
)
from scrisk.reference._io import BuildError, write_csv


@dataclass
class CountryMapper:
    """Resolve source country names; collect the mapping report."""

    mapped: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    failures: dict[tuple[str, str], str] = field(default_factory=dict)

    def __call__(self, dataset: str, name: str, *, column: str = "country") -> str | None:
        """ISO alpha-2 for ``name`` as written in ``dataset`` (None if deliberately unmapped)."""
        name = name.strip()
        if not name:
            return None
        key = (f"{dataset}:{column}", name)
        if key in self.mapped:
            return self.mapped[key][0] or None
        code: str | None = resolve_country(name)
        how = "pycountry/alias"
        if code is not None and fold(name) in _alias_keys():
            how = "alias table"
        elif code is not None:
            how = "pycountry"
        if code is None:
            code = resolve_source_country(name)
            how = "source table"
        if code is None:
            reason = unmapped_reason(name)
            if reason is None:
                self.failures[key] = f"{dataset} ({column}): country {name!r} has no ISO code"
                return None
            self.mapped[key] = ("", f"unmapped: {reason}")
            return None
        self.mapped[key] = (code, how)
        return code

    def check(self) -> None:
        """Raise naming every unmapped source name that has no listed reason."""
        if self.failures:
            lines = "\n  ".join(sorted(self.failures.values()))
            raise BuildError(
                "country names not mapped to ISO 3166 (add them to "
                f"scrisk/data/country_aliases.json):\n  {lines}"
            )

    def unmapped(self) -> list[tuple[str, str, str]]:
        """(dataset:column, name, reason) of names deliberately left unmapped."""
        return sorted((k[0], k[1], how) for k, (code, how) in self.mapped.items() if not code)

    def write(self, path: Path) -> int:
        rows = [
            {
                "dataset": k[0].split(":")[0],
                "column": k[0].split(":")[1],
                "source_name": k[1],
                "iso2": code,
                "how": how,
            }
            for k, (code, how) in self.mapped.items()
        ]
        rows.sort(key=lambda r: (r["dataset"], r["column"], r["source_name"]))
        return write_csv(path, ["dataset", "column", "source_name", "iso2", "how"], rows)


def _alias_keys() -> set[str]:
    return {fold(k) for k in alias_table().get("aliases", {})}


__all__ = ["CountryMapper"]
