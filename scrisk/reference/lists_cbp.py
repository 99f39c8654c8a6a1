"""CBP Withhold Release Orders and Findings: CBP's own file merged with the orders we hold.

Inputs: CBP's file of orders in force (2026-06-23, one row per order, entity
named where known), our earlier compiled file (which also holds lifted and
modified orders, with their dates) and the reconciliation of the two. Rules,
written down in ``sector_data/README.md``:

- an order in both: CBP's effective date and status win (its own file);
  "Partially Modified" keeps the order in force (CBP lists it in force);
  "Inactive-Pending Litigation" ends certainty: status unknown after issue;
- an order only in ours, lifted or modified: kept with its dates, so an
  as-of answer for a past date stays right;
- an order only in ours marked active but absent from CBP's in-force file:
  lifted on a date not found, so its status after issue is unknown;
- an order only in CBP's file: kept when the entity is named by a source, or
  when an unverified candidate name is also named by a second source (the
  OpenSanctions CBP lookup table, ``authored/cbp_candidates_second_source.csv``);
  an order with no name cannot be screened and is only counted.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from scrisk.reference._io import BuildError, fold_text, read_csv
from scrisk.reference.lists import (
    CBP_FILE,
    clean_aliases,
    entity_slug,
    labour_types_in,
    names_subsidiaries,
    write_list,
)
from scrisk.reference.model import LIST_CBP
from scrisk.reference.names import CountryMapper

NO_ACTION = "order (WRO or Finding not stated)"
CBP_STATUSES = ("Active", "Partially Modified", "Inactive-Pending Litigation")
_AKA = re.compile(r",?\s*a/k/a\s+", re.I)


def _base_row(src: dict[str, str], mapper: CountryMapper, dataset: str) -> dict[str, Any]:
    """A row of our compiled file as an entry (the earlier build's rules)."""
    action = src["action"]
    if action not in ("WRO", "Finding"):
        raise BuildError(f"cbp compiled file: unknown action {action!r} for {src['entity']!r}")
    return {
        "id": f"CBP-{entity_slug(src['entity'])}-{action.lower()}",
        "list_name": LIST_CBP,
        "entity": src["entity"],
        "aliases": "; ".join(clean_aliases(src["aliases"])),
        "country": mapper(dataset, src["country"]) or "",
        "country_declared": src["country"],
        "merchandise": src["merchandise"],
        "action": action,
        "issued": src["issued"],
        "status": src["status"] or "active",
        "status_date": src["status_date"],
        "status_note": "",
        "list_section": "",
        "source_url": src["source_url"],
        "source_type": src["source_type"],
        "notes": src["notes"],
        "dataset": dataset,
        "jurisdiction": "US",
    }


def _merge_cbp(row: dict[str, Any], cbp: dict[str, str]) -> None:
    """Our row, corrected by CBP's row of the same order (date and status)."""
    notes = []
    if row["issued"] != cbp["effective_date"]:
        was = row["issued"] or "blank"
        notes.append(
            f"Date: ours {was}, CBP's file {cbp['effective_date']}; CBP's effective date is "
            "used (a press release may be dated a day or two after the order)."
        )
        row["issued"] = cbp["effective_date"]
    status = cbp["status_cbp"]
    if status == "Partially Modified":
        if row["status"] == "modified" and row["status_date"]:
            notes.append(
                f"Ours: modified {row['status_date']} (in part); CBP's file lists the order in "
                "force as Partially Modified, so it stays in force for everyone not excluded."
            )
        row["status"] = "active"
        row["status_note"] = (
            "Partially Modified per CBP's file of 2026-06-23: in force except for the parts "
            "lifted (named in the notes where the sources read name them); review whether "
            "the party is one of those excluded"
        )
    elif status == "Inactive-Pending Litigation":
        row["status"] = "modified"
        row["status_date"] = ""
        row["status_note"] = (
            "Inactive-Pending Litigation per CBP's file of 2026-06-23 (the day it became "
            "inactive is not in the sources read): status after issue unknown"
        )
    elif status != "Active":
        raise BuildError(f"CBP file row {cbp['cbp_csv_row']}: unknown status {status!r}")
    notes.append(f"Confirmed in CBP's WRO/Findings file (2026-06-23), row {cbp['cbp_csv_row']}.")
    row["notes"] = " ".join([row["notes"], *notes]).strip()


def cbp_labour_types(*texts: str) -> tuple[str, ...]:
    """Labour types of a CBP order: those its texts name; "forced" when they name none.

    19 U.S.C. 1307 orders concern goods made with forced labour (the statute's
    term covers forced child labour); an order against a prison, laogai or
    penitentiary is convict ("prison") labour, named by its texts.
    """
    return labour_types_in(*texts) or ("forced",)


def _new_row(
    cbp: dict[str, str],
    entity: str,
    aliases: list[str],
    action: str,
    mapper: CountryMapper,
    dataset: str,
    source_url: str,
    source_type: str,
    notes: str,
) -> dict[str, Any]:
    status = cbp["status_cbp"]
    if action not in ("WRO", "Finding"):  # not stated by any source
        action = NO_ACTION
    row = {
        "id": f"CBP-{entity_slug(entity)}-{'order' if action == NO_ACTION else action.lower()}",
        "list_name": LIST_CBP,
        "entity": entity,
        "aliases": "; ".join(a for a in aliases if fold_text(a) != fold_text(entity)),
        "country": mapper(dataset, cbp["country_code_cbp"], column="country_code_cbp") or "",
        "country_declared": cbp["country"],
        "merchandise": cbp["merchandise_cbp"],
        "action": action,
        "issued": cbp["effective_date"],
        "status": "active",
        "status_date": "",
        "status_note": "",
        "list_section": "",
        "source_url": source_url,
        "source_type": source_type,
        "notes": notes,
        "dataset": dataset,
        "jurisdiction": "US",
    }
    if status != "Active":
        _merge_cbp(row, cbp)
    return row


def build_cbp_merged(
    cbp_file: Path,
    compiled: Path,
    candidates: Path,
    out: Path,
    mapper: CountryMapper,
    dataset: str,
) -> dict[str, Any]:
    """Merge CBP's file with ours -> ``sector_data/cbp_wro_findings.csv``; returns stats."""
    ours = {(r["entity"], r["action"]): _base_row(r, mapper, dataset) for r in read_csv(compiled)}
    second = {r["cbp_csv_row"]: r for r in read_csv(candidates)}
    matched: set[tuple[str, str]] = set()
    rows: list[dict[str, Any]] = []
    counts = {"matched": 0, "named": 0, "candidates_kept": 0, "candidates_dropped": 0}
    counts["unidentified"] = 0
    candidate_rows: list[str] = []
    for cbp in read_csv(cbp_file):
        if cbp["status_cbp"] not in CBP_STATUSES:
            raise BuildError(
                f"{cbp_file.name} row {cbp['cbp_csv_row']}: status {cbp['status_cbp']!r}"
            )
        if cbp["in_our_compiled_list"] == "yes":
            key = (cbp["our_compiled_entity"], cbp["action"])
            if key not in ours:
                raise BuildError(f"{cbp_file.name} row {cbp['cbp_csv_row']}: no compiled row {key}")
            _merge_cbp(ours[key], cbp)
            matched.add(key)
            counts["matched"] += 1
        elif cbp["entity"]:
            rows.append(
                _new_row(
                    cbp,
                    cbp["entity"],
                    [],
                    cbp["action"],
                    mapper,
                    dataset,
                    cbp["entity_source_url"],
                    cbp["entity_source_type"],
                    cbp["notes"],
                )
            )
            counts["named"] += 1
        elif cbp["entity_candidate"] and cbp["cbp_csv_row"] in second:
            src = second[cbp["cbp_csv_row"]]
            aliases = clean_aliases(src["aliases"]) + _AKA.split(cbp["entity_candidate"])
            note = (
                f"UNVERIFIED candidate name: CBP's file has no entity for row "
                f"{cbp['cbp_csv_row']}; the name comes from a hand-typed list matched on date and "
                f"country ({cbp['candidate_basis']}) and is also named by a second source, the "
                f"OpenSanctions CBP lookup table, which quotes CBP's Entity column "
                f"({src['source_repo']} {src['source_path']} @ {src['source_commit']}: "
                f"'{src['lookup_match']}'). Action (WRO/Finding) from the hand-typed list. "
                f"{src['note']}"
            ).strip()
            row = _new_row(
                cbp,
                src["entity"],
                _unique(aliases),
                cbp["action_candidate"],
                mapper,
                dataset,
                cbp["source_csv_url"],
                "candidate name (unverified; named by a second source)",
                note,
            )
            row["status_note"] = (row["status_note"] + "; " if row["status_note"] else "") + (
                "entity name unverified (candidate named by two sources)"
            )
            rows.append(row)
            candidate_rows.append(cbp["cbp_csv_row"])
            counts["candidates_kept"] += 1
        elif cbp["entity_candidate"]:
            counts["candidates_dropped"] += 1
        else:
            counts["unidentified"] += 1
    for key, row in ours.items():
        if key not in matched and row["status"] == "active":
            row["status"] = "modified"
            row["status_date"] = ""
            row["status_note"] = (
                "absent from CBP's file of orders in force (2026-06-23); the day it was lifted "
                "was not found: status after issue unknown"
            )
        rows.append(row)
    _ids_by_date(rows)
    for row in rows:
        row["labour_types"] = ";".join(
            cbp_labour_types(row["entity"], row["aliases"], row["notes"])
        )
        row["covers_subsidiaries"] = names_subsidiaries(row["entity"])
    stats = write_list(rows, out / CBP_FILE, "CBP file of 2026-06-23 + compiled lifted orders")
    stats.update(counts)
    stats["candidate_rows"] = ", ".join(candidate_rows)
    return stats


def _unique(items: list[str]) -> list[str]:
    out: list[str] = []
    for item in (i.strip() for i in items):
        if item and fold_text(item) not in {fold_text(o) for o in out}:
            out.append(item)
    return out


def _ids_by_date(rows: list[dict[str, Any]]) -> None:
    """Two orders of the same action against one entity: the later gets its year in its id."""
    seen: dict[str, str] = {}
    for row in sorted(rows, key=lambda r: (r["id"], r["issued"])):
        if row["id"] in seen:
            row["id"] = f"{row['id']}-{row['issued'][:4]}"
        seen[row["id"]] = row["issued"]


__all__ = ["build_cbp_merged", "cbp_labour_types"]
