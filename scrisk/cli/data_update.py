"""``scrisk data update --from FILE...`` and ``scrisk data rollback``: what changed, on the
terminal or as JSON. Every entry an update ended is named, never cut short."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from scrisk.jsontext import dumps

SHOW = 12  # names shown per kind of change on the terminal (all are in --json)


def run_update(args: argparse.Namespace) -> int:
    from scrisk.errors import ScriskError
    from scrisk.reference.updates.run import update

    if not args.source:
        raise ScriskError(
            "scrisk data update needs --from FILE... (the DHS UFLPA Entity List page saved as "
            "HTML, CBP's WRO/Findings CSV, or an OpenSanctions export)"
        )
    if args.datasets or args.edition:
        raise ScriskError("scrisk data update: DATASET and --edition are for 'data rollback'")
    policy = None
    if args.policy:
        from scrisk.policy import load_policy

        policy = load_policy(args.policy)
    report = update(
        [Path(p) for p in args.source], force=args.force, horizon=args.horizon, policy=policy
    )
    if _json(args, report):
        return 0
    _print(report)
    return 0


def run_rollback(args: argparse.Namespace) -> int:
    """``scrisk data rollback [DATASET...] [--edition FILE|shipped]``."""
    from scrisk.errors import ScriskError
    from scrisk.reference.loader import reset_reference
    from scrisk.reference.updates.rows import LIST_DATASETS
    from scrisk.reference.updates.store import roll_back
    from scrisk.userdata import user_data_dir

    if args.source or args.force or args.horizon or args.policy:
        raise ScriskError("scrisk data rollback takes DATASET... and --edition only")
    unknown = [d for d in args.datasets if d not in LIST_DATASETS]
    if unknown:
        raise ScriskError(
            f"data rollback: {', '.join(map(repr, unknown))}: not an updatable list "
            f"(one of {', '.join(LIST_DATASETS)})"
        )
    done = roll_back(user_data_dir(), list(args.datasets) or None, to=args.edition)
    reset_reference()
    report = {"format": "scrisk-rollback/1", "rollbacks": done}
    if _json(args, report):
        return 0
    from rich.console import Console

    console = Console(highlight=False, soft_wrap=True)
    for r in done:
        if r["rolled_back"]:
            console.print(
                f"{r['dataset']}: rolled back from {r['from']} to {r['to']} (kept in the "
                "user data folder; 'scrisk data update --from' the same file applies it again)",
                markup=False,
            )
        else:
            console.print(f"{r['dataset']}: already at {r['to']}; nothing changed", markup=False)
    return 0


def _json(args: argparse.Namespace, report: dict[str, Any]) -> bool:
    """Write ``--json`` (stdout for '-': then nothing else is printed there); True if '-'."""
    if not args.json_path:
        return False
    text = dumps(report)
    if args.json_path == "-":
        sys.stdout.write(text)
        return True
    from scrisk.outputs import Output, plan_outputs, write_text

    plan_outputs([Output("--json", args.json_path, "json")], [*(args.source or [])])
    write_text(args.json_path, text)
    return False


def _print(report: dict[str, Any]) -> None:
    from rich.console import Console

    console = Console(highlight=False, soft_wrap=True)
    for u in report["updates"]:
        head = f"{u['source_file']} ({u['format']}) -> {u['dataset']}: "
        if u["status"] == "unchanged":
            console.print(head + f"unchanged ({u['reason']}); in use: {u['edition']}", markup=False)
            continue
        diff = u["diff"]
        counts = ", ".join(f"{len(diff[k])} {k}" for k in diff)
        console.print(head + f"updated to {u['edition']}: {counts}", markup=False)
        if u.get("older"):
            console.print(
                f"  warning: this file is older ({u['older']['file']}) than the edition that was "
                f"in use ({u['older']['in_use']}); applied with --force",
                markup=False,
                style="yellow",
            )
        if u.get("ended"):
            console.print(
                f"  {len(u['ended'])} entries in force end with this edition:",
                markup=False,
                style="bold yellow",
            )
            for item in u["ended"]:  # every one, never cut short
                when = f" {item['status_date']}" if item["status_date"] else ""
                console.print(
                    f"  ended    {item['entity']}: now {item['now']}{when} [{item['id']}]",
                    markup=False,
                )
        for kind in ("added", "removed", "renamed", "redated", "status"):
            for item in diff[kind][:SHOW]:
                console.print(f"  {kind:8} {_line(kind, item)}", markup=False)
            if len(diff[kind]) > SHOW:
                console.print(f"  {kind:8} ... {len(diff[kind]) - SHOW} more (--json)")
        if u["rows_without_name"]:
            console.print(f"  {u['rows_without_name']} rows without an entity name were skipped")
        console.print(f"  written to the user data folder: {u['file']}", markup=False)


def _line(kind: str, item: dict[str, str]) -> str:
    if kind == "added":
        return f"{item['entity']} (listed {item['issued'] or '?'}) [{item['id']}]"
    if kind == "removed":
        return f"{item['entity']}: no longer listed, taken as ended {item['ended']} [{item['id']}]"
    if kind == "renamed":
        return f"{item['from']} -> {item['to']} [{item['id']}]"
    kept = (
        f" (kept {item['kept']}, the earlier)" if item.get("kept", item["to"]) != item["to"] else ""
    )
    return f"{item['entity']}: {item['from'] or '?'} -> {item['to']}{kept} [{item['id']}]"


__all__ = ["run_update"]
