"""``update()``: publisher files in, new editions of the lists out, with what changed.

Every file is read first; if any cannot be used, nothing is written and the
error names each file and why (wrong format, empty table, unreadable rows, a
list that shrank by more than half, a file older than the data in use). A file
already applied (same bytes) or giving the same list changes nothing, so a
second run with the same file is a no-op.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

from scrisk.reference.updates import Parsed, UpdateError, parse_file
from scrisk.reference.updates.edition import build_edition
from scrisk.reference.updates.store import load_index, record

REPORT_FORMAT = "scrisk-update/1"
SHRINK = 0.5  # refuse a list that keeps fewer than half of the entries in force


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _horizon(parsed: Parsed, given: date | None) -> str:
    if given is not None:
        return given.isoformat()
    if parsed.latest:
        return parsed.latest
    raise UpdateError(
        f"{parsed.path}: the file states no date to date this edition by: give --horizon DATE "
        "(the day you downloaded it)"
    )


def update(
    paths: list[Path],
    *,
    force: bool = False,
    horizon: date | None = None,
    user_dir: Path | None = None,
    reference: Any = None,
) -> dict[str, Any]:
    """Apply publisher files to the lists in the user data folder; returns the report.

    ``reference`` is the data the update starts from (default: shipped data plus
    earlier updates in ``user_dir``).
    """
    from scrisk.reference.loader import Reference, reset_reference
    from scrisk.userdata import user_data_dir

    home = user_dir or user_data_dir()
    ref = reference or Reference(user_dir=home)
    faults: list[str] = []
    parsed: list[Parsed] = []
    for path in paths:
        try:
            parsed.append(parse_file(Path(path)))
        except UpdateError as exc:
            faults.append(str(exc))
    current = {p.dataset: [e for e in ref.list_entries() if e.dataset == p.dataset] for p in parsed}
    plans: list[dict[str, Any]] = []
    for p in parsed:
        try:
            plans.append(_plan(p, current, ref, home, force, horizon))
        except UpdateError as exc:
            faults.append(str(exc))
    if faults:
        raise UpdateError("nothing was updated:\n" + "\n".join(f"- {f}" for f in faults))
    report: list[dict[str, Any]] = []
    changed = False
    for plan in plans:
        meta = plan.pop("meta")
        rows = plan.pop("rows")
        if plan["status"] == "updated":
            entry = record(home, plan["dataset"], rows, meta)
            plan["file"] = entry["file"]
            changed = True
        report.append(plan)
    if changed and reference is None:
        reset_reference()
    return {"format": REPORT_FORMAT, "updates": report}


def _plan(
    p: Parsed,
    current: dict[str, list[Any]],
    ref: Any,
    home: Path,
    force: bool,
    horizon: date | None,
) -> dict[str, Any]:
    source_sha = _sha256(p.path)
    base: dict[str, Any] = {
        "source_file": p.path.name,
        "format": p.format,
        "dataset": p.dataset,
        "rows_read": len(p.rows),
        "rows_without_name": p.skipped,
    }
    done = [e for e in load_index(home).get(p.dataset, []) if e["source_sha256"] == source_sha]
    if done:
        return {
            **base,
            "status": "unchanged",
            "edition": done[-1]["edition"],
            "reason": f"already applied ({done[-1]['file']})",
            "diff": None,
            "meta": None,
            "rows": [],
        }
    when = _horizon(p, horizon)
    info = ref.dataset(p.dataset)
    if info.horizon and when < info.horizon and not force:
        raise UpdateError(
            f"{p.path}: its latest date {when} is before the horizon of the edition in use "
            f"({info.horizon}, {info.edition}): give --horizon DATE (the day you downloaded it), "
            "or --force to apply an older file"
        )
    entries = current[p.dataset]
    in_force = sum(1 for e in entries if e.status == "active")
    names = len({(r.entity.casefold(), r.action) for r in p.rows})
    if not force and in_force and names < SHRINK * in_force:
        raise UpdateError(
            f"{p.path}: the list would shrink by more than half ({in_force} entries in force "
            f"now, {names} in the file); if the file is right, run again with --force"
        )
    edition = f"{p.format}, {when}"
    source_type = "secondary export" if p.format.startswith("OpenSanctions") else "official file"
    rows, diff = build_edition(p, entries, edition=edition, horizon=when, source_type=source_type)
    current[p.dataset] = _as_entries(rows)
    status = "unchanged" if diff.empty() else "updated"
    meta = {
        "edition": edition,
        "horizon": when,
        "format": p.format,
        "source_file": p.path.name,
        "source_sha256": source_sha,
    }
    return {
        **base,
        "status": status,
        "edition": edition if status == "updated" else info.edition,
        "horizon": when,
        "reason": "" if status == "updated" else "same entries as the edition in use",
        "diff": diff.to_dict(),
        "meta": meta,
        "rows": rows,
    }


def _as_entries(rows: list[dict[str, Any]]) -> list[Any]:
    """Rows of a planned edition as ListEntry values (a second file in the same run)."""
    import tempfile

    from scrisk.reference._io import write_csv
    from scrisk.reference.lists import HEADER, load_entries

    with tempfile.TemporaryDirectory() as tmp:
        write_csv(Path(tmp) / "list.csv", HEADER, rows)
        return list(load_entries(Path(tmp), ("list.csv",)))


__all__ = ["REPORT_FORMAT", "update"]
