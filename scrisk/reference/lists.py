"""Enforcement lists: the shared file shape, labels and loading.

Built by ``lists_cbp`` (CBP Withhold Release Orders / Findings), ``lists_uflpa``
(the UFLPA Entity List) and ``lists_ca`` (Canadian measures) into
``sector_data/*.csv`` with one ``HEADER``, ISO countries, cleaned aliases and
stable ids (entity slug + action, not row numbers, so a reviewer's decision
keyed on an id survives a rebuild). Load: those files (or an updated edition in
the user data folder) -> :class:`~scrisk.reference.model.ListEntry`.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from scrisk.dates import to_date
from scrisk.reference._io import BuildError, read_csv, slug, write_csv
from scrisk.reference.model import LABOUR_TYPES, ListEntry

CBP_FILE = "cbp_wro_findings.csv"
UFLPA_FILE = "uflpa_entity_list.csv"
CA_FILE = "ca_sema_prc.csv"
# Every list file the loader reads, in order (a missing one is skipped).
LIST_FILES = (CBP_FILE, UFLPA_FILE, CA_FILE)
FILE_DATASETS = {
    CBP_FILE: "cbp_wro_findings",
    UFLPA_FILE: "uflpa_entity_list",
    CA_FILE: "ca_sema_prc_2021",
}

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
    "jurisdiction",
    "labour_types",
    "covers_subsidiaries",
    "section_dates",
    "notice",
]

# Labour types named by the source's own words (an order against a prison, laogai,
# penitentiary or reform-through-labour unit is prison labour).
_PRISON = re.compile(
    r"\b(?:prisons?|penitentiar\w*|laogai|reform[- ]through[- ]labou?r|"
    r"re-?education[- ]through[- ]labou?r|labou?r reform|convict labou?r)\b",
    re.I,
)
_CHILD = re.compile(r"\bchild labou?r", re.I)
_FORCED = re.compile(r"\bforced[- ](?:child )?labou?r", re.I)
_SUBSIDIARIES = re.compile(
    r"\band (?:its|their) (?:\w+ )*?(?:subsidiaries|subordinates?)\b|,? and subsidiaries\b|"
    r"\bsubordinate and affiliated entities\b",
    re.I,
)


def labour_types_in(*texts: str) -> tuple[str, ...]:
    """Labour types the texts name, in LABOUR_TYPES order (() = the source does not say)."""
    text = " ".join(t for t in texts if t)
    found = {
        "prison": bool(_PRISON.search(text)),
        "forced": bool(_FORCED.search(text)),
        "child": bool(_CHILD.search(text)),
    }
    return tuple(k for k in LABOUR_TYPES if found[k])


def names_subsidiaries(*texts: str) -> bool:
    """True when a listing's wording covers subsidiaries ("and its subsidiaries")."""
    return any(_SUBSIDIARIES.search(t or "") for t in texts)


# Alias annotations that are commentary, not part of the name.
_ALIAS_NOTE = re.compile(
    r"\s*\((?:former(?: name)?|subsidiary|name in [^)]*|the source says [^)]*)\)\s*$", re.I
)
_ALIAS_PREFIX = re.compile(r"^(?:owner|a/k/a|aka):\s*", re.I)


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


def write_list(
    rows: list[dict[str, Any]], path: Path, edition: str | None = None
) -> dict[str, Any]:
    """Stamp the edition, sort by stable id, check ids are unique, write the CSV."""
    return _write_list(rows, path, edition)


def _write_list(
    rows: list[dict[str, Any]], path: Path, edition: str | None = None
) -> dict[str, Any]:
    edition = edition or _edition(rows)
    for row in rows:
        row["edition"] = edition
    rows.sort(key=lambda r: r["id"])
    _unique_ids(rows)
    n = write_csv(path, HEADER, rows)
    return {"rows": n, "edition": edition, "files": [path.name]}


def _date(text: str) -> date | None:
    return to_date(text, with_time=False, month=False)


def load_entries(folder: Path, files: tuple[str, ...] = LIST_FILES) -> tuple[ListEntry, ...]:
    """All list entries, CBP first then UFLPA then Canadian, each file in id order.

    ``folder`` may also map a file name to the folder holding it (an updated
    edition in the user data folder replaces the shipped file of that name).
    """
    entries: list[ListEntry] = []
    for name in files:
        path = folder / name
        if not path.is_file():
            continue
        for row in read_csv(path):
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
                    jurisdiction=row.get("jurisdiction") or "US",
                    labour_types=tuple(t for t in (row.get("labour_types") or "").split(";") if t),
                    covers_subsidiaries=row.get("covers_subsidiaries") == "true",
                    section_dates=row.get("section_dates", ""),
                    notice=row.get("notice", ""),
                )
            )
    return tuple(entries)


__all__ = [
    "CA_FILE",
    "CBP_FILE",
    "FILE_DATASETS",
    "HEADER",
    "LIST_FILES",
    "UFLPA_FILE",
    "clean_aliases",
    "entity_slug",
    "labour_types_in",
    "load_entries",
    "names_subsidiaries",
    "write_list",
]
