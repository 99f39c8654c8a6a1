"""UFLPA Entity List from the DHS page (2026-07-09 scrape) and the named August 2026 changes.

One entry per DHS entity (``entity_id``), however many sections list it: the
first-listed date is the entry's ``issued`` date, each section keeps its own
DHS effective date in ``section_dates``, every alias and former name DHS
writes is kept (former names are named in the notes), and "and subsidiaries" /
"and its subordinate and affiliated entities" sets ``covers_subsidiaries``.

Ids stay those of the earlier compiled list (``UFLPA-<slug of our name>``) for
the 70 entities it had, so a reviewer's decision keyed on an id survives.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from scrisk.reference._io import BuildError, fold_text, read_csv
from scrisk.reference.lists import (
    UFLPA_FILE,
    clean_aliases,
    entity_slug,
    names_subsidiaries,
    write_list,
)
from scrisk.reference.model import LIST_UFLPA
from scrisk.reference.names import CountryMapper

DHS_URL = "https://www.dhs.gov/uflpa-entity-list"
SECTION_ORDER = ("i", "ii", "iii", "iv", "v")
# The listing's wording about subsidiaries is a scope, not part of the name.
_SUBSIDIARY_SUFFIX = re.compile(
    r",?\s+and\s+(?:its\s+subordinate\s+and\s+affiliated\s+entities|(?:its\s+)?subsidiaries)\s*$",
    re.I,
)
_FORMER = re.compile(r"\(former(?: name)?\)", re.I)
# The earlier compiled list located a few entities outside the PRC in its notes.
_HK_NOTE = re.compile(r"\bBased in Hong Kong\b")
_PRODUCTS = re.compile(r"(?:Listed product|Products?):\s*([^.]+)\.")


def clean_name(name: str) -> tuple[str, bool]:
    """(name without the subsidiaries clause, whether the clause was there)."""
    stripped = _SUBSIDIARY_SUFFIX.sub("", name.strip()).strip().rstrip(",").strip()
    return stripped, stripped != name.strip() or names_subsidiaries(name)


def _section_key(code: str) -> int:
    return SECTION_ORDER.index(code) if code in SECTION_ORDER else len(SECTION_ORDER)


def _former_names(text: str) -> list[str]:
    return [
        _FORMER.sub("", part).strip()
        for part in text.split(";")
        if _FORMER.search(part) and _FORMER.sub("", part).strip()
    ]


def _sentence(text: str) -> str:
    """A note ending with a full stop, so joined notes read as sentences."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _unique(items: list[str]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for item in items:
        key = fold_text(item)
        if item and key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _entity_row(
    rows: list[dict[str, str]], compiled: dict[str, dict[str, str]], dataset: str
) -> dict[str, Any]:
    rows = sorted(rows, key=lambda r: (_section_key(r["section_code"]), r["dhs_page_row"]))
    names = [clean_name(r["entity"]) for r in rows]
    entity = names[0][0]
    covers = any(flag for _, flag in names)
    alias_text = "; ".join(r["aliases_any_section"] for r in rows if r["aliases_any_section"])
    aliases = _unique([n for n, _ in names[1:]] + clean_aliases(alias_text))
    aliases = [a for a in aliases if fold_text(a) != fold_text(entity)]
    former = _unique(_former_names(alias_text))
    ours_name = next((r["our_compiled_entity"] for r in rows if r["our_compiled_entity"]), "")
    ours = compiled.get(ours_name, {})
    slug_of = ours_name or entity
    country, declared = "CN", "China (PRC entity, per the list's scope)"
    if ours and _HK_NOTE.search(ours.get("notes", "")):
        country, declared = "HK", "Hong Kong (per the earlier compiled row's notes)"
    products = _PRODUCTS.search(ours.get("notes", ""))
    first = min(r["first_listed_date"] for r in rows)
    inferred = [r for r in rows if r["first_listed_basis"].startswith("inferred")]
    sections = _unique([r["section_code"] for r in rows])
    notes = [f"Former names (as DHS writes them): {'; '.join(former)}"] if former else []
    notes += _unique([r["conflict_with_ours"] for r in rows if r["conflict_with_ours"]])
    notes += _unique([r["notes"] for r in rows if r["notes"]])
    basis = rows[0]["section_basis"].replace("see README", "see LISTS-2026.md")
    notes.append(f"Sections from table position ({basis})")
    return {
        "id": f"UFLPA-{entity_slug(slug_of)}",
        "list_name": LIST_UFLPA,
        "entity": entity,
        "aliases": "; ".join(aliases),
        "country": country,
        "country_declared": declared,
        "merchandise": products.group(1).strip() if products else "",
        "action": "Entity List",
        "issued": first,
        "status": "active",
        "status_date": "",
        "status_note": "first-listed date inferred from the batch counts (see notes)"
        if inferred
        else "",
        "list_section": "; ".join(f"2(d)(2)(B)({c})" for c in sections),
        "section_dates": "; ".join(
            f"({r['section_code']}) {r['dhs_effective_date']}" for r in rows
        ),
        "notice": "; ".join(_unique([r["fr_notice"] for r in rows if r["fr_notice"]])),
        "source_url": DHS_URL,
        "source_type": rows[0]["source_type"],
        "notes": " ".join(_sentence(n) for n in notes),
        # the Act's presumption: goods of a listed entity are made with forced labour
        "labour_types": "forced",
        "covers_subsidiaries": covers,
        "jurisdiction": "US",
        "dataset": dataset,
    }


def _apply_changes(
    rows: list[dict[str, Any]], changes: list[dict[str, str]], raw: str, dataset: str
) -> int:
    """Apply the August 2026 additions and renaming; returns how many rows were applied."""
    by_name = {fold_text(n): r for r in rows for n in (r["entity"], *r["aliases"].split("; ")) if n}
    applied = 0
    for ch in changes:
        name, covers = clean_name(ch["entity"])
        code = ch["list_section"].rsplit("(", 1)[-1].rstrip(")")
        if ch["change_type"] == "addition":
            row = {
                "id": f"UFLPA-{entity_slug(name)}",
                "list_name": LIST_UFLPA,
                "entity": name,
                "aliases": "; ".join(clean_aliases(ch["aliases"])),
                "country": "CN",
                "country_declared": "China (PRC entity, per the list's scope)",
                "merchandise": "",
                "action": "Entity List",
                "issued": ch["dhs_effective_date"],
                "status": "active",
                "status_date": "",
                "status_note": "",
                "list_section": ch["list_section"],
                "section_dates": f"({code}) {ch['dhs_effective_date']}",
                "notice": ch["fr_notice"],
                "source_url": ch["fr_notice_url_as_cited"],
                "source_type": ch["source_type"],
                "notes": ch["notes"],
                "labour_types": "forced",
                "covers_subsidiaries": covers,
                "jurisdiction": "US",
                "dataset": dataset,
            }
            rows.append(row)
        elif ch["change_type"].startswith("renaming"):
            formers = [fold_text(n) for n in clean_aliases(ch["aliases"])]
            target = next((by_name[f] for f in formers if f in by_name), None)
            if target is None:
                raise BuildError(
                    f"{raw}: renaming of {name!r}: no listed entity has its former names"
                )
            old = target["entity"]
            target["entity"] = name
            target["aliases"] = "; ".join(
                _unique([old, *clean_aliases(ch["aliases"]), *target["aliases"].split("; ")])
            )
            target["section_dates"] += f"; ({code}) {ch['dhs_effective_date']}"
            target["notice"] = "; ".join(_unique([target["notice"], ch["fr_notice"]]))
            target["notes"] = (
                f"Renamed {ch['dhs_effective_date']} from {old} ({ch['fr_notice']}; that this "
                f"is a renaming of the same listing is inferred from the former names). "
                f"{ch['notes']} " + target["notes"]
            )
        else:
            raise BuildError(f"{raw}: unknown change_type {ch['change_type']!r} for {name!r}")
        applied += 1
    return applied


def build_uflpa_dhs(
    raw: Path,
    changes: Path,
    compiled: Path,
    out: Path,
    mapper: CountryMapper,
    dataset: str,
) -> dict[str, Any]:
    """DHS rows (+ the named changes) -> ``sector_data/uflpa_entity_list.csv``."""
    groups: dict[str, list[dict[str, str]]] = {}
    for row in read_csv(raw):
        groups.setdefault(row["entity_id"], []).append(row)
    ours = {r["entity"]: r for r in read_csv(compiled)}
    rows = [
        _entity_row(g, ours, dataset) for _, g in sorted(groups.items(), key=lambda kv: int(kv[0]))
    ]
    dhs_entities = len(rows)
    for row in rows:
        mapper(dataset, row["country"], column="country (derived)")
    change_rows = read_csv(changes)
    applied = _apply_changes(rows, change_rows, changes.name, dataset)
    scraped = max(r["source_fetched_at"][:10] for g in groups.values() for r in g)
    dates = sorted({r["dhs_effective_date"] for r in change_rows})
    edition = f"DHS list of {scraped}" + (f" + named changes of {dates[-1]}" if dates else "")
    stats = write_list(rows, out / UFLPA_FILE, edition)
    stats["dhs_entities"] = dhs_entities
    stats["changes_applied"] = applied
    return stats


__all__ = ["DHS_URL", "build_uflpa_dhs", "clean_name"]
