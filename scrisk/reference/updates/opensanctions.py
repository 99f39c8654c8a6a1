"""OpenSanctions exports of ``us_dhs_uflpa`` and ``us_cbp_forced_labor``.

Two formats, as OpenSanctions publishes them:

- FollowTheMoney JSON lines (``entities.ftm.json``): one entity per line,
  ``{"id", "schema", "properties": {...}, "datasets": [...]}``; listed
  entities (Organization, Company, LegalEntity, Vessel...) carry ``name``,
  ``alias``, ``previousName``, ``country``, ``notes``; ``Sanction`` entities
  point at them (``entity``) with ``program`` and ``startDate``;
- ``targets.simple.csv``: ``id, schema, name, aliases, birth_date, countries,
  addresses, identifiers, sanctions, phones, emails, program_ids, dataset,
  first_seen, last_seen, last_change`` with ``;`` between values.

Which list the file updates comes from its ``datasets`` / ``dataset`` values.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from scrisk.reference.lists import names_subsidiaries
from scrisk.reference.updates.names import collapse
from scrisk.reference.updates.rows import (
    CBP,
    UFLPA,
    Limits,
    Parsed,
    PublisherRow,
    UpdateError,
)

_SECTION = re.compile(r"2\s*\(d\)\s*\(2\)\s*\(B\)\s*\((i{1,3}|iv|v)\)", re.I)
_ISO = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
LISTED = ("Organization", "Company", "LegalEntity", "Vessel", "Person", "PublicBody")
OS_NAMES = {UFLPA: "us_dhs_uflpa", CBP: "us_cbp_forced_labor"}
SOURCES = {
    UFLPA: "https://www.opensanctions.org/datasets/us_dhs_uflpa/",
    CBP: "https://www.opensanctions.org/datasets/us_cbp_forced_labor/",
}


def _which(values: list[str], path: Path) -> str:
    text = " ".join(values).lower()
    if "uflpa" in text:
        return UFLPA
    if "cbp" in text or "forced_labor" in text or "withhold" in text:
        return CBP
    raise UpdateError(
        f"{path}: an OpenSanctions export, but not of us_dhs_uflpa or us_cbp_forced_labor "
        f"(datasets: {', '.join(sorted(set(values))) or 'none'})"
    )


def _first(props: dict[str, Any], key: str) -> str:
    values = props.get(key) or []
    return collapse(str(values[0])) if values else ""


def _all(props: dict[str, Any], key: str) -> list[str]:
    return [collapse(str(v)) for v in props.get(key) or [] if collapse(str(v))]


def parse_ftm(text: str, path: Path, limits: Limits | None = None) -> Parsed:
    limits = limits or Limits()
    entities: dict[str, dict[str, Any]] = {}
    sanctions: dict[str, list[dict[str, Any]]] = {}
    faults: list[str] = []
    datasets: list[str] = []
    latest = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        too_long = limits.row(len(line), f"line {number}")
        if too_long:
            faults.append(too_long)
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            faults.append(f"line {number}: not JSON ({exc.msg})")
            continue
        if not isinstance(obj, dict) or "schema" not in obj or "properties" not in obj:
            faults.append(f"line {number}: not a FollowTheMoney entity (no schema/properties)")
            continue
        datasets.extend(obj.get("datasets") or [])
        latest = max(latest, str(obj.get("last_change") or obj.get("last_seen") or "")[:10])
        props = obj["properties"]
        if obj["schema"] == "Sanction":
            for target in props.get("entity") or []:
                sanctions.setdefault(str(target), []).append(props)
        elif obj["schema"] in LISTED:
            entities[str(obj.get("id"))] = obj
            if len(entities) > limits.max_entries:
                limits.count([PublisherRow("")] * len(entities), path)
    if faults:
        raise UpdateError(f"{path}: {len(faults)} unreadable line(s):\n  " + "\n  ".join(faults))
    if not entities and not sanctions:
        raise UpdateError(f"{path}: wrong format: no FollowTheMoney entities")
    dataset = _which(datasets, path)
    rows: list[PublisherRow] = []
    for ent_id, obj in entities.items():
        props = obj["properties"]
        names = _all(props, "name")
        if not names:
            continue
        linked = sanctions.get(ent_id, [])
        starts = sorted(d[:10] for s in linked for d in s.get("startDate") or [] if d)
        programs = " ".join(str(p) for s in linked for p in s.get("program") or [])
        section = (_SECTION.findall(programs) or [""])[0].lower()
        notes = " ".join(_all(props, "notes"))
        description = " ".join(_all(props, "description"))
        action = (
            "Entity List"
            if dataset == UFLPA
            else ("Finding" if "finding" in description.lower() else "WRO")
        )
        in_force = dataset == UFLPA or bool(linked) or "sanction" in (props.get("topics") or [])
        country = _first(props, "country")
        rows.append(
            PublisherRow(
                entity=names[0],
                aliases=names[1:] + _all(props, "alias"),
                former_names=_all(props, "previousName"),
                country=country.upper() if len(country) == 2 else "",
                country_declared=country,
                action=action,
                issued=starts[0] if starts else "",
                status="active" if in_force else "modified",
                status_note=""
                if in_force
                else "the export does not mark it in force (no sanction): status unknown",
                section=section,
                merchandise=" ".join(_all(props, "sector") + _all(props, "keywords")),
                source_url=_first(props, "sourceUrl") or SOURCES[dataset],
                notes=notes,
                covers_subsidiaries=names_subsidiaries(notes, *names),
                where=f"entity {ent_id}",
            )
        )
    return Parsed(
        dataset,
        f"OpenSanctions {OS_NAMES[dataset]} export (FollowTheMoney JSON)",
        rows,
        path,
        latest,
    )


def parse_targets(text: str, path: Path, limits: Limits | None = None) -> Parsed:
    limits = limits or Limits()
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    for needed in ("name", "dataset"):
        if needed not in header:
            raise UpdateError(
                f"{path}: wrong format: targets.simple.csv without a {needed!r} column"
            )
    rows: list[PublisherRow] = []
    datasets: list[str] = []
    latest = ""
    faults: list[str] = []
    number = 1
    while True:
        number += 1
        try:
            raw = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            faults.append(f"row {number}: {exc}")
            break  # the reader cannot resume inside an overlong field
        too_long = limits.row(sum(len(str(v or "")) for v in raw.values()), f"row {number}")
        if too_long:
            faults.append(too_long)
            continue
        row = {str(k).strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        datasets.append(row.get("dataset", ""))
        latest = max(latest, (row.get("last_change") or row.get("last_seen") or "")[:10])
        if not row.get("name"):
            continue
        sanctions = row.get("sanctions", "")
        dates = sorted(_ISO.findall(sanctions))
        section = (_SECTION.findall(sanctions) or [""])[0].lower()
        countries = [c.strip() for c in row.get("countries", "").split(";") if c.strip()]
        country = countries[0] if countries else ""
        rows.append(
            PublisherRow(
                entity=row["name"],
                aliases=[a.strip() for a in row.get("aliases", "").split(";") if a.strip()],
                country=country.upper() if len(country) == 2 else "",
                country_declared=country,
                action="",
                issued=dates[0] if dates else "",
                section=section,
                notes=sanctions,
                covers_subsidiaries=names_subsidiaries(row["name"], sanctions),
                where=f"row {number}",
            )
        )
        limits.count(rows, path)
    if faults:
        raise UpdateError(f"{path}: {len(faults)} unreadable row(s):\n  " + "\n  ".join(faults))
    dataset = _which(datasets, path)
    for r in rows:
        r.action = "Entity List" if dataset == UFLPA else "WRO"
        r.source_url = SOURCES[dataset]
        if not r.issued:
            r.status_note = "the export gives no listing date"
    return Parsed(
        dataset,
        f"OpenSanctions {OS_NAMES[dataset]} export (targets.simple.csv)",
        rows,
        path,
        latest,
    )


__all__ = ["parse_ftm", "parse_targets"]
