"""A new edition of an enforcement list from a publisher's rows: ids, merge, diff.

- **Ids stay stable**: a row whose name (or an alias or former name) folds to a
  name of a current entry keeps that entry's id; others get a new slug id.
- **The publisher wins where it speaks**: names, dates, status, section;
  what it does not say (merchandise, notes, labour types, country) is kept.
- **Nothing is lost for past dates**: a current entry the file no longer has
  stays, ended on the new edition's horizon unless it had already ended.
- **An older file cannot undo later news**: an entry issued after the file's
  horizon is not ended by its absence, and a status change dated after the
  horizon (an order lifted later) is kept over the file's older status.
- **The diff**: added, removed, renamed, re-dated (and status changes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scrisk.countries import resolve_country
from scrisk.dates import parse_date
from scrisk.reference._io import fold_text
from scrisk.reference.lists import entity_slug, names_subsidiaries
from scrisk.reference.lists_cbp import cbp_labour_types
from scrisk.reference.model import LIST_CBP, LIST_UFLPA, ListEntry
from scrisk.reference.updates.names import strip_scope
from scrisk.reference.updates.rows import UFLPA, Parsed, PublisherRow

PREFIX = {UFLPA: "UFLPA", "cbp_wro_findings": "CBP"}
LIST_NAME = {UFLPA: LIST_UFLPA, "cbp_wro_findings": LIST_CBP}


@dataclass
class Diff:
    """What an update changes, entry by entry (ids and names, sorted)."""

    added: list[dict[str, str]] = field(default_factory=list)
    removed: list[dict[str, str]] = field(default_factory=list)
    renamed: list[dict[str, str]] = field(default_factory=list)
    redated: list[dict[str, str]] = field(default_factory=list)
    status: list[dict[str, str]] = field(default_factory=list)

    def empty(self) -> bool:
        return not (self.added or self.removed or self.renamed or self.redated or self.status)

    def to_dict(self) -> dict[str, list[dict[str, str]]]:
        key = lambda r: r["id"]  # noqa: E731
        return {
            "added": sorted(self.added, key=key),
            "removed": sorted(self.removed, key=key),
            "renamed": sorted(self.renamed, key=key),
            "redated": sorted(self.redated, key=key),
            "status": sorted(self.status, key=key),
        }


def _entry_row(e: ListEntry) -> dict[str, Any]:
    return {
        "id": e.id,
        "list_name": e.list_name,
        "entity": e.entity,
        "aliases": "; ".join(e.aliases),
        "country": e.country or "",
        "country_declared": e.country_declared,
        "merchandise": e.merchandise,
        "action": e.action,
        "issued": e.issued.isoformat() if e.issued else "",
        "status": e.status,
        "status_date": e.status_date.isoformat() if e.status_date else "",
        "status_note": e.status_note,
        "list_section": e.list_section,
        "source_url": e.source_url,
        "source_type": e.source_type,
        "notes": e.notes,
        "dataset": e.dataset,
        "edition": e.edition,
        "jurisdiction": e.jurisdiction,
        "labour_types": ";".join(e.labour_types),
        "covers_subsidiaries": e.covers_subsidiaries,
        "section_dates": e.section_dates,
        "notice": e.notice,
    }


def _names(row: PublisherRow) -> list[str]:
    return [row.entity, *row.aliases, *row.former_names]


def _unique(items: list[str]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for item in items:
        key = fold_text(item)
        if item and key and key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _merge_rows(rows: list[PublisherRow]) -> list[PublisherRow]:
    """One row per entity: DHS lists an entity once per section (earliest date first)."""
    by_key: dict[tuple[str, str, str], PublisherRow] = {}
    order: list[tuple[str, str, str]] = []
    for row in rows:
        # DHS repeats an entity in each section; CBP may issue two orders against one entity
        key = (fold_text(row.entity), row.action, "" if row.action == "Entity List" else row.issued)
        found = by_key.get(key)
        if found is None:
            by_key[key] = PublisherRow(**{**row.__dict__, "aliases": list(row.aliases)})
            by_key[key].notes = row.notes
            order.append(key)
            by_key[key].section = row.section
            by_key[key].__dict__["sections"] = [(row.section, row.issued)]
            continue
        found.__dict__["sections"].append((row.section, row.issued))
        found.aliases = _unique(found.aliases + row.aliases)
        found.former_names = _unique(found.former_names + row.former_names)
        found.covers_subsidiaries = found.covers_subsidiaries or row.covers_subsidiaries
        if row.issued and (not found.issued or row.issued < found.issued):
            found.issued = row.issued
    return [by_key[k] for k in order]


def build_edition(
    parsed: Parsed,
    current: list[ListEntry],
    *,
    edition: str,
    horizon: str,
    source_type: str = "official file",
) -> tuple[list[dict[str, Any]], Diff]:
    """The new edition's rows (list CSV shape) and the diff against ``current``."""
    ds = parsed.dataset
    by_name: dict[str, list[ListEntry]] = {}
    for e in current:
        for n in e.names:  # with and without a scope clause ("... and its subsidiaries")
            for key in {fold_text(n), fold_text(strip_scope(n)[0])}:
                by_name.setdefault(key, []).append(e)
    diff = Diff()
    out: dict[str, dict[str, Any]] = {}
    used: set[str] = set()
    for row in _merge_rows(parsed.rows):
        match = _match(row, by_name, used)
        sections = row.__dict__.get("sections", [])
        new = _publisher_row(row, ds, edition, sections, source_type)
        if match is None:
            new["id"] = _new_id(ds, row, out)
            diff.added.append({"id": new["id"], "entity": row.entity, "issued": row.issued})
        else:
            used.add(match.id)
            published = new["issued"]
            if _same_name(match.entity, new["entity"]):  # only the scope clause differs
                new["entity"] = match.entity
            new = _merged(_entry_row(match), new)
            if match.status_date and match.status_date.isoformat() > horizon:
                # the file predates the change the edition in use records: keep the change
                for key in ("status", "status_date", "status_note"):
                    new[key] = _entry_row(match)[key]
            _changes(diff, match, new, published)
        out[new["id"]] = new
    for e in current:
        if e.id in out or e.id in used:
            continue
        kept = _entry_row(e)
        kept["edition"] = edition
        issued_later = e.issued is not None and e.issued > _iso(horizon)  # the file cannot know
        if (
            not issued_later
            and e.active_on(_iso(horizon)) is not False
            and e.status not in ("modified", "revoked")
        ):
            kept["status"] = "modified"
            kept["status_date"] = horizon
            kept["status_note"] = (
                f"not in {parsed.format} of {horizon} ({parsed.path.name}): taken as ended on "
                f"that date (it was listed in the previous edition, {e.edition})"
            )
            diff.removed.append({"id": e.id, "entity": e.entity, "ended": horizon})
        out[e.id] = kept
    return sorted(out.values(), key=lambda r: r["id"]), diff


def _same_name(a: str, b: str) -> bool:
    return fold_text(strip_scope(a)[0]) == fold_text(strip_scope(b)[0])


def _iso(text: str) -> Any:
    return parse_date(text)


def _match(
    row: PublisherRow, by_name: dict[str, list[ListEntry]], used: set[str]
) -> ListEntry | None:
    candidates: list[ListEntry] = []
    for n in _names(row):
        for e in by_name.get(fold_text(strip_scope(n)[0]), []) + by_name.get(fold_text(n), []):
            if e.id not in used and e not in candidates:
                candidates.append(e)
    if not candidates:
        return None
    # an entry whose action is not stated (WRO or Finding) matches either
    same_action = [
        e
        for e in candidates
        if not row.action or e.action == row.action or e.action not in ("WRO", "Finding")
    ]
    pool = same_action or ([] if row.action in ("WRO", "Finding") else candidates)
    if not pool:
        return None
    if row.issued:  # two orders against one entity: the one of the same date first
        pool.sort(key=lambda e: e.issued is None or e.issued.isoformat() != row.issued)
    return pool[0]


def _new_id(ds: str, row: PublisherRow, taken: dict[str, Any]) -> str:
    base = f"{PREFIX[ds]}-{entity_slug(row.entity)}"
    if ds != UFLPA:
        base += f"-{(row.action or 'WRO').lower()}"
    out, n = base, 2
    while out in taken:
        out = f"{base}-{row.issued[:4] or n}"
        n += 1
    return out


def _publisher_row(
    row: PublisherRow,
    ds: str,
    edition: str,
    sections: list[tuple[str, str]],
    source_type: str,
) -> dict[str, Any]:
    country = row.country or (resolve_country(row.country_declared) or "")
    codes = _unique([s for s, _ in sections if s])
    notes = row.notes
    if row.former_names:
        notes = (f"Former names: {'; '.join(row.former_names)}. " + notes).strip()
    return {
        "list_name": LIST_NAME[ds],
        "entity": row.entity,
        "aliases": "; ".join(_unique(row.aliases + row.former_names)),
        "country": country,
        "country_declared": row.country_declared,
        "merchandise": row.merchandise,
        "action": row.action or ("Entity List" if ds == UFLPA else "WRO"),
        "issued": row.issued,
        "status": row.status,
        "status_date": row.status_date,
        "status_note": row.status_note,
        "list_section": "; ".join(f"2(d)(2)(B)({c})" for c in codes),
        "section_dates": "; ".join(f"({s}) {d}" for s, d in sections if s),
        "source_url": row.source_url,
        "source_type": source_type,
        "notes": notes,
        "dataset": ds,
        "edition": edition,
        "jurisdiction": "US",
        "labour_types": "forced"
        if ds == UFLPA
        else ";".join(cbp_labour_types(row.entity, *row.aliases, row.notes)),
        "covers_subsidiaries": row.covers_subsidiaries or names_subsidiaries(row.entity),
        "notice": "",
    }


def _merged(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """The publisher's values where given; the current entry's where the file is silent."""
    out = dict(old)
    for key, value in new.items():
        if key in ("notes",):
            continue
        if value not in ("", None, False):
            out[key] = value
    aliases = _unique(
        [a for a in new["aliases"].split("; ") if a]
        + [a for a in old["aliases"].split("; ") if a]
        + ([old["entity"]] if fold_text(old["entity"]) != fold_text(new["entity"]) else [])
    )
    out["aliases"] = "; ".join(a for a in aliases if fold_text(a) != fold_text(out["entity"]))
    if new["notes"] and new["notes"] not in old["notes"]:
        out["notes"] = (old["notes"] + " " + new["notes"]).strip()
    out["labour_types"] = ";".join(
        t for t in ("prison", "forced", "child") if t in (old["labour_types"] + new["labour_types"])
    )
    # the earlier date wins: DHS shows the date of a later change (renaming, section move)
    # for some entities listed long before; an entity listed then stays in force since
    dates = sorted(d for d in (old["issued"], new["issued"]) if d)
    out["issued"] = dates[0] if dates else ""
    if new["status"] == old["status"] == "active" and not new["status_note"]:
        out["status_note"], out["status_date"] = old["status_note"], old["status_date"]
    elif new["status"] == "active" and not new["status_note"]:
        out["status_note"], out["status_date"] = "", new["status_date"]
    return out


def _changes(diff: Diff, old: ListEntry, new: dict[str, Any], published: str) -> None:
    """Renamed, re-dated (the publisher's date differs; the earlier one is kept), status."""
    if fold_text(old.entity) != fold_text(new["entity"]):
        diff.renamed.append({"id": old.id, "from": old.entity, "to": new["entity"]})
    was = old.issued.isoformat() if old.issued else ""
    if published and was != published:
        diff.redated.append(
            {
                "id": old.id,
                "entity": new["entity"],
                "from": was,
                "to": published,
                "kept": new["issued"],
            }
        )
    was_status = (old.status, old.status_date.isoformat() if old.status_date else "")
    if was_status != (new["status"], new["status_date"]):
        diff.status.append(
            {
                "id": old.id,
                "entity": new["entity"],
                "from": " ".join(x for x in was_status if x),
                "to": " ".join(x for x in (new["status"], new["status_date"]) if x),
            }
        )


__all__ = ["Diff", "build_edition"]
