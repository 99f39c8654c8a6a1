"""CBP's Withhold Release Orders and Findings file (CSV, from cbp.gov).

Columns are found by name, case and spacing ignored: ``Entity``, ``Effective
Date`` (m/d/yyyy or yyyy-mm-dd), ``Country``, ``Merchandise``, ``Status``
(Active, Partially Modified, Inactive-Pending Litigation...), ``WRO/Finding``,
and where present ``Modified Date``, ``Industry``, ``Remarks``, ``Press
Release``. Entity cells may hold ``NAME, a/k/a NAME``. Rows without an entity
name cannot be screened: they are counted, not kept.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

from scrisk.reference.updates.names import collapse, split_aka, strip_scope
from scrisk.reference.updates.rows import CBP, Limits, Parsed, PublisherRow, UpdateError

SOURCE_URL = "https://www.cbp.gov/newsroom/stats/trade/withhold-release-orders-findings-dashboard"
REQUIRED = ("entity", "effective date")
_FORMATS = ("%m/%d/%Y", "%Y-%m-%d", "%m/%d/%y")


def _key(header: str) -> str:
    return collapse(header).lower()


def _date(text: str) -> str | None:
    for fmt in _FORMATS:
        try:
            return datetime.strptime(text.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _status(text: str, modified: str) -> tuple[str, str, str]:
    """(status, status_date, note) of CBP's status word, in scrisk's terms."""
    word = collapse(text).lower()
    if word in ("", "active", "partially active"):
        return "active", "", ""
    if word.startswith("partially modified"):
        return (
            "active",
            modified,
            (
                "Partially Modified per CBP's file: in force except for the parts lifted; "
                "review whether the party is one of those excluded"
            ),
        )
    if word.startswith("inactive"):
        return "modified", "", f"{collapse(text)} per CBP's file: status after issue unknown"
    if word in ("modified", "revoked"):
        return word, modified, ""
    return "active", modified, f"CBP status {collapse(text)!r} read as in force"


def parse(text: str, path: Path, limits: Limits | None = None) -> Parsed:
    limits = limits or Limits()
    reader = csv.reader(io.StringIO(text))
    try:
        header = [_key(h) for h in next(reader)]
    except (StopIteration, csv.Error) as exc:
        raise UpdateError(f"{path}: wrong format: not a CSV ({exc})") from None
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise UpdateError(
            f"{path}: wrong format: a CBP WRO/Findings CSV needs the columns "
            f"{', '.join(REQUIRED)}; missing: {', '.join(missing)}"
        )
    rows: list[PublisherRow] = []
    faults: list[str] = []
    skipped = 0
    number = 1
    while True:
        number += 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            faults.append(f"row {number}: {exc}")
            break  # the reader cannot resume inside an overlong field
        if not any(c.strip() for c in cells):
            continue
        too_long = limits.row(sum(len(c) for c in cells), f"row {number}")
        if too_long:
            faults.append(too_long)
            continue
        row = {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header)}
        where = f"row {number}"
        issued = _date(row["effective date"])
        if issued is None:
            faults.append(f"{where}, Effective Date: {row['effective date']!r} is not a date")
            continue
        modified = _date(row.get("modified date", "")) or ""
        name, aliases = split_aka(row["entity"])
        name, covers = strip_scope(name)
        if not name:
            skipped += 1
            continue
        action = collapse(row.get("wro/finding", "")).upper()
        action = {"WRO": "WRO", "FINDING": "Finding"}.get(action, "WRO")
        status, status_date, note = _status(row.get("status", ""), modified)
        notes = " ".join(x for x in (row.get("industry", ""), row.get("remarks", "")) if x)
        rows.append(
            PublisherRow(
                entity=name,
                aliases=aliases,
                country=row.get("country code", "")
                if len(row.get("country code", "")) == 2
                else "",
                country_declared=row.get("country", ""),
                action=action,
                issued=issued,
                status=status,
                status_date=status_date,
                status_note=note,
                merchandise=row.get("merchandise", ""),
                source_url=row.get("press release", "") or SOURCE_URL,
                notes=notes,
                covers_subsidiaries=covers,
                where=where,
            )
        )
        limits.count(rows, path)
    if faults:
        raise UpdateError(f"{path}: {len(faults)} unreadable row(s):\n  " + "\n  ".join(faults))
    dates = [r.issued for r in rows] + [r.status_date for r in rows if r.status_date]
    return Parsed(CBP, "CBP WRO/Findings CSV", rows, path, max(dates, default=""), skipped)


__all__ = ["parse"]
