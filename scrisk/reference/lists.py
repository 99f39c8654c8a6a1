"""Enforcement lists: CBP Withhold Release Orders / Findings and the UFLPA Entity List.

Build: ``*_compiled.csv`` (one row per order or entity, each citing its page)
-> ``sector_data/cbp_wro_findings.csv`` and ``sector_data/uflpa_entity_list.csv``
with ISO countries, cleaned aliases and stable ids (entity slug + action, not
row numbers, so a reviewer's decision keyed on an id survives a rebuild).
Load: those files -> :class:`~scrisk.reference.model.ListEntry`.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from scrisk.reference._io import BuildError, read_csv, slug, write_csv
from scrisk.reference.model import LIST_CBP, LIST_UFLPA, ListEntry
from scrisk.reference.names import CountryMapper

CBP_FILE = "cbp_wro_findings.csv"
UFLPA_FILE = "uflpa_entity_list.csv"

HEADER = [
    "id",
    "list_name",
    "entity",
    "aliases",
    "country",
    "country_declared",
    "merchandise",
    "action",
    "issued",
    "status",
    "status_date",
    "status_note",
    "list_section",
    "source_url",
    "source_type",
    "notes",
    "dataset",
    "edition",
]

# Alias annotations that are commentary, not part of the name.
_ALIAS_NOTE = re.compile(
    r"\s*\((?:former(?: name)?|subsidiary|name in [^)]*|the source says [^)]*)\)\s*$", re.I
)
_ALIAS_PREFIX = re.compile(r"^(?:owner|a/k/a|aka):\s*", re.I)
# UFLPA rows are PRC entities unless their notes say otherwise (PROVENANCE.md).
_UFLPA_COUNTRY_FROM_NOTES = ((re.compile(r"\bBased in Hong Kong\b"), "HK", "Hong Kong"),)
_PRODUCTS = re.compile(r"(?:Listed product|Products?):\s*([^.]+)\.")


def clean_aliases(text: str) -> list[str]:
    """Split a ';'-separated alias cell and drop commentary such as '(former name)'."""
    out: list[str] = []
    for part in text.split(";"):
        alias = _ALIAS_PREFIX.sub("", _ALIAS_NOTE.sub("", part.strip())).strip()
        if alias and alias not in out:
            out.append(alias)
    return out


def entity_slug(entity: str) -> str:
    """Slug of an entity name without its parenthesised asides ('(fishing vessel)', '(XPCC)')."""
    return slug(re.sub(r"\([^)]*\)", " ", entity))


def _edition(rows: list[dict[str, Any]]) -> str:
    dates = [r[k] for r in rows for k in ("issued", "status_date") if r.get(k)]
    return f"compiled to {max(dates)}" if dates else "compiled"


def _unique_ids(rows: list[dict[str, Any]]) -> None:
    seen: dict[str, int] = {}
    for row in rows:
        seen[row["id"]] = seen.get(row["id"], 0) + 1
    dupes = sorted(k for k, n in seen.items() if n > 1)
    if dupes:
        raise BuildError(f"list entry ids are not unique: {dupes}")


def build_cbp(raw: Path, out: Path, mapper: CountryMapper, dataset: str) -> dict[str, Any]:
    """Process the compiled CBP file; returns {'rows', 'edition', 'files'}."""
    rows: list[dict[str, Any]] = []
    for src in read_csv(raw):
        action = src["action"]
        if action not in ("WRO", "Finding"):
            raise BuildError(f"{raw.name}: unknown action {action!r} for {src['entity']!r}")
        status = src["status"]
        if status not in ("active", "modified", "revoked", ""):
            raise BuildError(f"{raw.name}: unknown status {status!r} for {src['entity']!r}")
        rows.append(
            {
                "id": f"CBP-{entity_slug(src['entity'])}-{action.lower()}",
                "list_name": LIST_CBP,
                "entity": src["entity"],
                "aliases": "; ".join(clean_aliases(src["aliases"])),
                "country": mapper(dataset, src["country"]) or "",
                "country_declared": src["country"],
                "merchandise": src["merchandise"],
                "action": action,
                "issued": src["issued"],
                "status": status or "active",
                "status_date": src["status_date"],
                "status_note": ""
                if status
                else "status blank in the source (pending); treated as active",
                "list_section": "",
                "source_url": src["source_url"],
                "source_type": src["source_type"],
                "notes": src["notes"],
                "dataset": dataset,
            }
        )
    return _write_list(rows, out / CBP_FILE)


def build_uflpa(raw: Path, out: Path, mapper: CountryMapper, dataset: str) -> dict[str, Any]:
    """Process the compiled UFLPA Entity List file."""
    rows: list[dict[str, Any]] = []
    for src in read_csv(raw):
        country, declared = "CN", "China (PRC entity, per the list)"
        for pattern, code, name in _UFLPA_COUNTRY_FROM_NOTES:
            if pattern.search(src["notes"]):
                country, declared = code, f"{name} (per the row's notes)"
        mapper(dataset, country, column="country (derived)")
        products = _PRODUCTS.search(src["notes"])
        rows.append(
            {
                "id": f"UFLPA-{entity_slug(src['entity'])}",
                "list_name": LIST_UFLPA,
                "entity": src["entity"],
                "aliases": "; ".join(clean_aliases(src["aliases"])),
                "country": country,
                "country_declared": declared,
                "merchandise": products.group(1).strip() if products else "",
                "action": "Entity List",
                "issued": src["date_added"],
                "status": "active",
                "status_date": "",
                "status_note": ""
                if src["date_added"]
                else "date added not found in the pages read; activity on a date is unknown",
                "list_section": src["list_section"],
                "source_url": src["source_url"],
                "source_type": src["source_type"],
                "notes": src["notes"],
                "dataset": dataset,
            }
        )
    return _write_list(rows, out / UFLPA_FILE)


def _write_list(rows: list[dict[str, Any]], path: Path) -> dict[str, Any]:
    """Stamp the edition, sort by stable id, check ids are unique, write the CSV."""
    edition = _edition(rows)
    for row in rows:
        row["edition"] = edition
    rows.sort(key=lambda r: r["id"])
    _unique_ids(rows)
    n = write_csv(path, HEADER, rows)
    return {"rows": n, "edition": edition, "files": [path.name]}


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def load_entries(folder: Path) -> tuple[ListEntry, ...]:
    """All list entries, CBP first then UFLPA, each file in id order."""
    entries: list[ListEntry] = []
    for name in (CBP_FILE, UFLPA_FILE):
        for row in read_csv(folder / name):
            entries.append(
                ListEntry(
                    id=row["id"],
                    list_name=row["list_name"],
                    entity=row["entity"],
                    aliases=tuple(a.strip() for a in row["aliases"].split(";") if a.strip()),
                    country=row["country"] or None,
                    merchandise=row["merchandise"],
                    action=row["action"],
                    issued=_date(row["issued"]),
                    status=row["status"],
                    status_date=_date(row["status_date"]),
                    source_url=row["source_url"],
                    dataset=row["dataset"],
                    edition=row["edition"],
                    notes=row["notes"],
                    country_declared=row["country_declared"],
                    source_type=row["source_type"],
                    list_section=row["list_section"],
                    status_note=row["status_note"],
                )
            )
    return tuple(entries)


__all__ = ["CBP_FILE", "UFLPA_FILE", "build_cbp", "build_uflpa", "clean_aliases", "load_entries"]
