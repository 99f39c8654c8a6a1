"""The alias dataset: names of listed firms that the lists themselves do not give.

``entity_aliases.csv`` (authored in ``scrisk/reference/authored/``, shipped in
``sector_data/``) holds, per listed entity, its names in Chinese characters,
former and new names, acronyms and stock short names, each with the public
page that gives it. The screener adds them to the names of every entry whose
entity name is the record's ``entity`` (compared folded, legal forms off), so
the dataset survives list rebuilds; records whose entity is on no loaded list
are simply unused (``scrisk.screening.entries.unmatched_aliases`` reports them).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from scrisk.errors import ScriskError

FILE = "entity_aliases.csv"
COLUMNS = ("list", "entity", "alias", "kind", "script", "source_url", "source_title", "note")
KINDS = ("chinese_name", "former_name", "new_name", "acronym", "short_name")
SCRIPTS = ("Latn", "Hans", "Hant")


@dataclass(frozen=True, slots=True)
class EntityAlias:
    """One more name of a listed entity, with the page that gives it."""

    list: str  # list whose spelling ``entity`` follows ("UFLPA Entity List", "CBP WRO/Findings")
    entity: str  # the entity name as that list writes it
    alias: str
    kind: str  # one of KINDS
    script: str  # ISO 15924: Latn, Hans (simplified Chinese), Hant (traditional)
    source_url: str
    source_title: str
    note: str = ""


def read_aliases(path: Path) -> tuple[EntityAlias, ...]:
    """Read and check the alias file; every fault is reported at once, by row and column."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise ScriskError(f"{path}: missing columns {', '.join(missing)}")
        rows = list(reader)
    faults: list[str] = []
    out: list[EntityAlias] = []
    for n, row in enumerate(rows, start=2):
        values = {c: (row.get(c) or "").strip() for c in COLUMNS}
        for c in ("list", "entity", "alias", "kind", "script", "source_url"):
            if not values[c]:
                faults.append(f"{path} row {n}, column {c}: empty")
        if values["kind"] and values["kind"] not in KINDS:
            faults.append(
                f"{path} row {n}, column kind: {values['kind']!r} is not one of {', '.join(KINDS)}"
            )
        if values["script"] and values["script"] not in SCRIPTS:
            faults.append(
                f"{path} row {n}, column script: {values['script']!r} is not one of "
                f"{', '.join(SCRIPTS)}"
            )
        if values["source_url"] and not values["source_url"].startswith(("http://", "https://")):
            faults.append(f"{path} row {n}, column source_url: not a web address")
        out.append(EntityAlias(**values))
    if faults:
        raise ScriskError("the alias dataset has faults:\n  " + "\n  ".join(faults))
    return tuple(out)


def load_aliases(sector_dir: Path) -> tuple[EntityAlias, ...]:
    """The shipped aliases, or none if the dataset is absent."""
    path = Path(sector_dir) / FILE
    return read_aliases(path) if path.is_file() else ()


__all__ = [
    "COLUMNS",
    "KINDS",
    "EntityAlias",
    "load_aliases",
    "read_aliases",
]
