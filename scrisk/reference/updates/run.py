"""``update()``: publisher files in, new editions of the lists out, with what changed.

Every file is read first, within the bounds of policy ``[updates]``; if any
cannot be used, nothing is written and the error names each file and why
(too large, wrong format, empty table, unreadable rows, a list that shrank by
more than half, an update that would end a large share of the entries in force,
a file older than the data in use). ``--force`` applies the last three; the
report then says so and names every entry that ended. A file already applied
(same bytes) or giving the same list changes nothing, so a second run with the
same file is a no-op.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrisk.reference.updates import Limits, Parsed, UpdateError, parse_file
from scrisk.reference.updates.edition import build_edition
from scrisk.reference.updates.store import in_use, load_index, record

if TYPE_CHECKING:  # pragma: no cover
    from scrisk.policy.settings import UpdatesSettings

REPORT_FORMAT = "scrisk-update/1"


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
    policy: Any = None,
) -> dict[str, Any]:
    """Apply publisher files to the lists in the user data folder; returns the report.

    ``reference`` is the data the update starts from (default: shipped data plus
    earlier updates in ``user_dir``); ``policy`` (a Settings, a mapping or a file) gives
    the ``[updates]`` bounds and guards (default: the shipped policy).
    """
    from scrisk.policy import load_policy
    from scrisk.reference.loader import Reference, reset_reference
    from scrisk.userdata import user_data_dir

    settings = policy if hasattr(policy, "updates") else load_policy(policy)
    limits = Limits.from_policy(settings)
    guards = settings.updates
    home = user_dir or user_data_dir()
    ref = reference or Reference(user_dir=home)
    faults: list[str] = []
    parsed: list[Parsed] = []
    for path in paths:
        try:
            parsed.append(parse_file(Path(path), limits=limits))
        except UpdateError as exc:
            faults.append(str(exc))
    current = {p.dataset: [e for e in ref.list_entries() if e.dataset == p.dataset] for p in parsed}
    plans: list[dict[str, Any]] = []
    for p in parsed:
        try:
            plans.append(_plan(p, current, ref, home, force, horizon, guards))
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
    guards: UpdatesSettings,
) -> dict[str, Any]:
    source_sha = _sha256(p.path)
    base: dict[str, Any] = {
        "source_file": p.path.name,
        "format": p.format,
        "dataset": p.dataset,
        "rows_read": len(p.rows),
        "rows_without_name": p.skipped,
    }
    applied = in_use(load_index(home).get(p.dataset, []))  # a rolled-back file may come back
    done = [e for e in applied if e["source_sha256"] == source_sha]
    if done:
        return {
            **base,
            "status": "unchanged",
            "edition": done[-1]["edition"],
            "reason": f"already applied ({done[-1]['file']})",
            "older": None,
            "ended": [],
            "diff": None,
            "meta": None,
            "rows": [],
        }
    when = _horizon(p, horizon)
    info = ref.dataset(p.dataset)
    older = bool(info.horizon and when < info.horizon)
    if older and not force:
        raise UpdateError(
            f"{p.path}: its latest date {when} is before the horizon of the edition in use "
            f"({info.horizon}, {info.edition}): an older edition would move the list back; "
            "give --horizon DATE (the day you downloaded it), or --force to apply an older file"
        )
    entries = current[p.dataset]
    in_force = sum(1 for e in entries if e.status == "active")
    names = len({(r.entity.casefold(), r.action) for r in p.rows})
    if not force and in_force and names < guards.min_kept_share * in_force:
        raise UpdateError(
            f"{p.path}: the list would shrink by more than "
            f"{_share(1 - guards.min_kept_share)} ({in_force} entries in force now, {names} "
            "in the file); if the file is right, run again with --force"
        )
    edition = f"{p.format}, {when}"
    source_type = "secondary export" if p.format.startswith("OpenSanctions") else "official file"
    rows, diff = build_edition(p, entries, edition=edition, horizon=when, source_type=source_type)
    after = _as_entries(rows)
    on = date.fromisoformat(max(when, info.horizon or when))
    ended, counted = _ended(entries, after, on)
    if not force and counted and len(ended) > guards.max_ended_share * counted:
        named = "".join(f"\n    {e['entity']} [{e['id']}]" for e in ended)
        raise UpdateError(
            f"{p.path}: the update would end {len(ended)} of the {counted} entries in force on "
            f"{on.isoformat()} (more than {_share(guards.max_ended_share)}; policy [updates] "
            f"max_ended_share); if the file is right, run again with --force. They are:{named}"
        )
    current[p.dataset] = after
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
        "older": {"file": when, "in_use": info.horizon} if older else None,
        "ended": ended if status == "updated" else [],
        "diff": diff.to_dict(),
        "meta": meta,
        "rows": rows,
    }


def _share(value: float) -> str:
    return "half" if value == 0.5 else f"{value:.0%}"


def _ended(before: list[Any], after: list[Any], on: date) -> tuple[list[dict[str, str]], int]:
    """Entries in force on ``on`` that the new edition ends (dropped from the file, marked
    inactive, or of unknown status now), sorted by id; and how many were in force."""
    now = {e.id: e for e in after}
    ended = []
    counted = 0
    for e in before:
        if e.active_on(on) is not True:
            continue
        counted += 1
        new = now.get(e.id)
        if new is None or new.active_on(on) is not True:
            state = "dropped" if new is None else (new.status or "?")
            ended.append(
                {
                    "id": e.id,
                    "entity": e.entity,
                    "now": state,
                    "status_date": new.status_date.isoformat()
                    if new is not None and new.status_date
                    else "",
                }
            )
    return sorted(ended, key=lambda x: x["id"]), counted


def _as_entries(rows: list[dict[str, Any]]) -> list[Any]:
    """Rows of a planned edition as ListEntry values (a second file in the same run)."""
    import tempfile

    from scrisk.reference._io import write_csv
    from scrisk.reference.lists import HEADER, load_entries

    with tempfile.TemporaryDirectory() as tmp:
        write_csv(Path(tmp) / "list.csv", HEADER, rows)
        return list(load_entries(Path(tmp), ("list.csv",)))


__all__ = ["REPORT_FORMAT", "update"]
