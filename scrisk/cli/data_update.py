"""``scrisk data update --from FILE...`` and ``scrisk data rollback``: what changed, on the
terminal or as JSON. Every entry an update ended is named, never cut short."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from scrisk.assessment.document_part import Part
from scrisk.jsontext import dumps
from scrisk.jsontypes import JsonObject

SHOW = 12  # names shown per kind of change on the terminal (all are in --json)
KINDS = ("added", "removed", "renamed", "redated", "status")  # of a change, in print order

Extra = JsonObject  # keys a report has that are not read here


@dataclass(frozen=True, slots=True, kw_only=True)
class EntryChange(Part):
    """One entry an update adds, removes, renames, re-dates or changes the status of."""

    id: str
    entity: str | None = None
    issued: str | None = None  # added
    ended: str | None = None  # removed
    from_: str | None = None  # renamed, redated, status
    to: str | None = None
    kept: str | None = None  # redated: the date kept (the earlier)
    extra: Extra = field(default_factory=dict)

    json_names: ClassVar[Mapping[str, str]] = {"from_": "from"}

    def line(self, kind: str) -> str:
        """The change in words, for the terminal."""
        if kind == "added":
            return f"{self.entity} (listed {self.issued or '?'}) [{self.id}]"
        if kind == "removed":
            return f"{self.entity}: no longer listed, taken as ended {self.ended} [{self.id}]"
        if kind == "renamed":
            return f"{self.from_} -> {self.to} [{self.id}]"
        kept = (
            f" (kept {self.kept}, the earlier)"
            if self.kept is not None and self.kept != self.to
            else ""
        )
        return f"{self.entity}: {self.from_ or '?'} -> {self.to}{kept} [{self.id}]"


@dataclass(frozen=True, slots=True)
class EditionDiff(Part):
    """What an update changes, by kind of change."""

    added: tuple[EntryChange, ...]
    removed: tuple[EntryChange, ...]
    renamed: tuple[EntryChange, ...]
    redated: tuple[EntryChange, ...]
    status: tuple[EntryChange, ...]
    extra: Extra = field(default_factory=dict)

    def by_kind(self) -> tuple[tuple[str, tuple[EntryChange, ...]], ...]:
        return tuple((kind, getattr(self, kind)) for kind in KINDS)


@dataclass(frozen=True, slots=True)
class Older(Part):
    """A file older than the edition in use, applied with --force."""

    file: str
    in_use: str
    extra: Extra = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Ended(Part):
    """An entry in force that the new edition ends."""

    id: str
    entity: str
    now: str
    status_date: str
    extra: Extra = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class ListUpdate(Part):
    """One publisher file applied (or not) to a list (``scrisk-update/1``)."""

    source_file: str
    format: str
    dataset: str
    status: str  # updated | unchanged
    edition: str
    reason: str
    rows_without_name: int
    older: Older | None = None
    ended: tuple[Ended, ...] = ()
    diff: EditionDiff | None = None
    file: str | None = None  # where the new edition was written
    extra: Extra = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class UpdateReport(Part):
    """What ``scrisk data update`` did (``scrisk-update/1``), file by file."""

    format: str
    updates: tuple[ListUpdate, ...]
    extra: Extra = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Rollback(Part):
    """One list rolled back (``scrisk-rollback/1``)."""

    dataset: str
    from_: str
    to: str
    rolled_back: tuple[str, ...]
    extra: Extra = field(default_factory=dict)

    json_names: ClassVar[Mapping[str, str]] = {"from_": "from"}


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
    _print(UpdateReport.from_dict(report))
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
    report: JsonObject = {"format": "scrisk-rollback/1", "rollbacks": done}
    if _json(args, report):
        return 0
    from rich.console import Console

    console = Console(highlight=False, soft_wrap=True)
    for r in (Rollback.from_dict(item) for item in done):
        if r.rolled_back:
            console.print(
                f"{r.dataset}: rolled back from {r.from_} to {r.to} (kept in the "
                "user data folder; 'scrisk data update --from' the same file applies it again)",
                markup=False,
            )
        else:
            console.print(f"{r.dataset}: already at {r.to}; nothing changed", markup=False)
    return 0


def _json(args: argparse.Namespace, report: JsonObject) -> bool:
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


def _print(report: UpdateReport) -> None:
    from rich.console import Console

    console = Console(highlight=False, soft_wrap=True)
    for u in report.updates:
        head = f"{u.source_file} ({u.format}) -> {u.dataset}: "
        if u.status == "unchanged" or u.diff is None:
            console.print(head + f"unchanged ({u.reason}); in use: {u.edition}", markup=False)
            continue
        kinds = u.diff.by_kind()
        counts = ", ".join(f"{len(items)} {kind}" for kind, items in kinds)
        console.print(head + f"updated to {u.edition}: {counts}", markup=False)
        if u.older:
            console.print(
                f"  warning: this file is older ({u.older.file}) than the edition that was "
                f"in use ({u.older.in_use}); applied with --force",
                markup=False,
                style="yellow",
            )
        if u.ended:
            console.print(
                f"  {len(u.ended)} entries in force end with this edition:",
                markup=False,
                style="bold yellow",
            )
            for e in u.ended:  # every one, never cut short
                when = f" {e.status_date}" if e.status_date else ""
                console.print(f"  ended    {e.entity}: now {e.now}{when} [{e.id}]", markup=False)
        for kind, items in kinds:
            for change in items[:SHOW]:
                console.print(f"  {kind:8} {change.line(kind)}", markup=False)
            if len(items) > SHOW:
                console.print(f"  {kind:8} ... {len(items) - SHOW} more (--json)")
        if u.rows_without_name:
            console.print(f"  {u.rows_without_name} rows without an entity name were skipped")
        console.print(f"  written to the user data folder: {u.file}", markup=False)


__all__ = ["run_update"]
