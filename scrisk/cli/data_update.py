"""``scrisk data update --from FILE...``: the report of what changed, on the terminal or as JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

SHOW = 12  # names shown per kind of change on the terminal (all are in --json)


def run_update(args: argparse.Namespace) -> int:
    from scrisk.errors import ScriskError
    from scrisk.reference.updates.run import update

    if not args.source:
        raise ScriskError(
            "scrisk data update needs --from FILE... (the DHS UFLPA Entity List page saved as "
            "HTML, CBP's WRO/Findings CSV, or an OpenSanctions export)"
        )
    report = update([Path(p) for p in args.source], force=args.force, horizon=args.horizon)
    if args.json_path:
        text = json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        if args.json_path == "-":
            sys.stdout.write(text)
            return 0
        Path(args.json_path).write_text(text, encoding="utf-8")
    _print(report)
    return 0


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
