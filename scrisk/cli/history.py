"""`scrisk history [SOLICITATION] [--json PATH|-]`: what the register holds.

Records (assessments and re-assessments, with their contract once awarded),
re-screen runs and reviewer decisions, oldest first.
"""

from __future__ import annotations

import argparse
import sys

from scrisk.i18n import LANGS


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from scrisk.cli.registry import add_register_option

    p = sub.add_parser(
        "history",
        help="the recorded assessments, decisions and awards",
        description="List the register's records (assessments and re-screens, with the "
        "contract once awarded), re-screen runs and reviewer decisions.",
        epilog="Exit status: 0 done; 2 bad usage or unusable register.",
    )
    p.add_argument(
        "solicitation",
        nargs="?",
        metavar="SOLICITATION",
        default=None,
        help="only the records of this solicitation",
    )
    p.add_argument(
        "--json",
        metavar="PATH",
        dest="json_path",
        help="write the history JSON to PATH ('-' for stdout, and nothing else there)",
    )
    p.add_argument("--lang", choices=LANGS, default="en", help="language of the table")
    p.add_argument(
        "--force",
        action="store_true",
        help="replace an existing --json file that is not an unchanged scrisk report",
    )
    add_register_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from scrisk.cli.assess import dumps, write_text
    from scrisk.cli.batch import plan_run_outputs
    from scrisk.cli.registry import open_from_args, register_files
    from scrisk.i18n import t
    from scrisk.register.excel import label
    from scrisk.textsafe import inert

    lang = args.lang
    plan_run_outputs(args, register_files(args))  # bad output paths refused before any work
    with open_from_args(args, create=False) as reg:
        found = reg.history(args.solicitation)
        where = reg.where
    if args.json_path and args.json_path != "-":
        write_text(args.json_path, dumps(found), lang)
    if args.json_path == "-":
        sys.stdout.write(dumps(found))
        return 0
    console = Console(highlight=False)
    if not found["records"]:
        console.print(t("register.history.empty", lang, where=where), markup=False)
        return 0
    table = Table(
        title=t("register.history.title", lang, where=inert(where, markup=True)),
        show_edge=False,
        pad_edge=False,
        title_justify="left",
    )
    for key in (
        "record",
        "solicitation",
        "bidder",
        "as_of",
        "stage",
        "level",
        "score",
        "contract",
        "recorded_at",
    ):
        fixed = key in ("record", "as_of", "level", "score", "recorded_at")  # never wrapped
        table.add_column(t(f"register.col.{key}", lang), no_wrap=fixed, overflow="fold")
    for r in found["records"]:
        contract = r["contract"]
        table.add_row(
            r["id"][:8] + ("  ↻" if r["rescreen_of"] else ""),
            inert(r["solicitation"] or "", markup=True),
            inert(r["bidder"] or "", markup=True),  # the id: names are in --json
            r["as_of"] or "",
            r["stage"] or "",
            label(r["risk_level"], lang),
            f"{r['score']:.1f}" if r["score"] is not None else "",
            inert(f"{contract['number']} ({contract['awarded_on']})", markup=True)
            if contract
            else "",
            r["recorded_at"].replace("T", " ")[:16],
        )
    console.print(table)
    return 0


__all__ = ["register", "run"]
