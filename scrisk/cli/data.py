"""`scrisk data`: the reference datasets; `build` rebuilds them; `update` refreshes the lists.

scrisk data                      # table: source, edition in use, horizon, age, rows, licence
scrisk data --json -             # the same as JSON on stdout
scrisk data build --from DIR [--to DIR]
scrisk data update --from FILE... [--force] [--horizon DATE] [--policy FILE] [--json PATH|-]
scrisk data rollback [DATASET...] [--edition FILE|shipped] [--json PATH|-]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from scrisk.cli.common import as_of_date
from scrisk.jsontext import dumps

if TYPE_CHECKING:  # pragma: no cover
    from scrisk.cli.data_status import DatasetRow

DATA_FORMAT = "scrisk-data/1"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "data",
        help="list the reference datasets shipped (source, edition, date, rows, licence)",
        description="List the reference datasets shipped with scrisk, rebuild them from raw "
        "source files ('scrisk data build --from DIR'), refresh the enforcement lists from the "
        "publishers' files ('scrisk data update --from FILE...'), or go back to the edition "
        "before ('scrisk data rollback [DATASET...]').",
        epilog="rollback: puts the edition before the one in use back in use (per DATASET, "
        "e.g. cbp_wro_findings, or every updated list when none is named); the rolled-back "
        "file is kept and can be applied again. '--edition FILE|shipped' goes back to that "
        "edition, and running it again changes nothing. Nothing to roll back: exit 2. "
        "Exit status: 0 done; 2 bad usage, an unusable file or nothing to roll back.",
    )
    p.add_argument(
        "action",
        nargs="?",
        choices=("list", "build", "update", "rollback"),
        default="list",
        help="'list' (default), 'build' (from raw files), 'update' (the enforcement lists "
        "from the publishers' own files) or 'rollback' (back to the previous edition)",
    )
    p.add_argument(
        "datasets",
        nargs="*",
        metavar="DATASET",
        help="rollback: the lists to roll back (uflpa_entity_list, cbp_wro_findings; "
        "default every updated list)",
    )
    p.add_argument(
        "--edition",
        metavar="FILE",
        help="rollback: the edition to go back to, as 'scrisk data' names it "
        "(e.g. cbp_wro_findings/001-2026-06-23.csv) or 'shipped'",
    )
    p.add_argument(
        "--policy",
        metavar="FILE",
        help="update: policy file whose [updates] table bounds what a file may hold and "
        "when --force is needed (default: scrisk/policy/data.toml)",
    )
    p.add_argument(
        "--json",
        metavar="PATH",
        dest="json_path",
        help="write the dataset list as JSON to PATH ('-' for stdout)",
    )
    p.add_argument(
        "--from",
        dest="source",
        metavar="PATH",
        nargs="+",
        help="build: folder of raw source files with PROVENANCE.md (in the project: "
        "../shared/data); update: publisher files (the DHS UFLPA Entity List page saved as "
        "HTML, CBP's WRO/Findings CSV, OpenSanctions us_dhs_uflpa / us_cbp_forced_labor "
        "exports as FollowTheMoney JSON lines or targets.simple.csv)",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="update: apply a file even if the list shrinks by more than half, ends a large "
        "share of the entries in force, or is older than the edition in use (every entry "
        "ended is named)",
    )
    p.add_argument(
        "--horizon",
        metavar="DATE",
        type=as_of_date,
        help="update: the date the file's content is current to (the day you downloaded "
        "it); default: the latest date the file states",
    )
    p.add_argument(
        "--to",
        dest="target",
        metavar="DIR",
        help="build: folder to write country_profiles/ and sector_data/ into "
        "(default: the source checkout's root)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.action == "build":
        return _build(args)
    if args.action == "update":
        from scrisk.cli.data_update import run_update

        return run_update(args)
    if args.action == "rollback":
        from scrisk.cli.data_update import run_rollback

        return run_rollback(args)
    if args.datasets:
        from scrisk.errors import ScriskError

        raise ScriskError(f"scrisk data {args.action}: unexpected {' '.join(args.datasets)!r}")
    from scrisk.cli.data_status import dataset_status
    from scrisk.reference import get_reference

    ref = get_reference()
    rows = [dataset_status(ref, d) for d in ref.datasets]
    if args.json_path:
        text = dumps({"format": DATA_FORMAT, "datasets": [r.to_dict() for r in rows]})
        if args.json_path == "-":
            sys.stdout.write(text)
        else:
            _write_json(args.json_path, text)
        return 0
    _print_table(rows)
    return 0


def _print_table(rows: list[DatasetRow]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(
        title="scrisk reference data",
        show_lines=True,
        highlight=False,
        caption="Full publisher, source commit and notes: scrisk data --json -",
    )
    table.add_column("source", ratio=3)
    table.add_column("edition (in use)", ratio=2)
    table.add_column("horizon / age", no_wrap=True)
    table.add_column("rows", justify="right", no_wrap=True)
    table.add_column("licence", ratio=2)
    for r in rows:
        age = "-" if r.age_months is None else f"{r.age_months} months"
        stale = " [yellow](stale)[/]" if r.stale else ""
        # the licence's first clause is its name; the caveats are in --json
        table.add_row(
            f"[bold]{r.id}[/]\n{r.title}",
            f"{r.edition}\n[dim]{r.in_use}[/]",
            f"{r.horizon or 'not time-bound'}\n{age}{stale}",
            str(r.rows),
            r.licence.split(";")[0],
        )
    console.print(table)
    for r in rows:
        for gap in r.gaps:
            console.print(f"[bold]{r.id}[/]: {gap}", highlight=False)


def _build(args: argparse.Namespace) -> int:
    from scrisk.errors import ScriskError
    from scrisk.reference.build import PROFILES_DIR, SECTOR_DIR, build

    if not args.source or len(args.source) != 1:
        raise ScriskError(
            "scrisk data build needs --from DIR, one folder (the raw source files, e.g. "
            "../shared/data)"
        )
    target = Path(args.target) if args.target else _checkout_root()
    report = build(Path(args.source[0]), target)
    out = sys.stderr if args.json_path == "-" else sys.stdout
    for ds, entry in report["datasets"].items():
        print(f"{ds:28} {entry['rows']:>6} rows  {entry['edition']}", file=out)
    for where, name, reason in report["unmapped"]:
        print(f"unmapped (listed): {where} {name!r}: {reason}", file=out)
    print(f"wrote {target / SECTOR_DIR} and {target / PROFILES_DIR}", file=out)
    if args.json_path:
        text = dumps(report)
        if args.json_path == "-":
            sys.stdout.write(text)
        else:
            _write_json(args.json_path, text, check=False)
    return 0


def _write_json(path: str, text: str, *, check: bool = True) -> None:
    """Written atomically like every scrisk output (:mod:`scrisk.outputs`); with ``check``
    the path is checked first (suffix, not a user's own file)."""
    from scrisk.outputs import Output, plan_outputs, write_text

    if check:
        plan_outputs([Output("--json", path, "json")], [])
    write_text(path, text)


def _checkout_root() -> Path:
    import scrisk
    from scrisk.errors import ScriskError

    root = Path(scrisk.__file__).resolve().parent.parent
    if not (root / "pyproject.toml").is_file():
        raise ScriskError("scrisk is not running from a source checkout: give --to DIR")
    return root


__all__ = ["register", "run"]
