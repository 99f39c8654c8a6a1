"""`scrisk rescreen [--as-of DATE] [--json PATH|-] [--excel PATH]`: follow awarded contracts.

Re-assesses every awarded contract in the register at the contract stage
against the data in use now, and reports per contract the level before and
after and every flag added, removed or changed, with the reason (the list
entry and its issue or status date, or the dataset edition that changed).
Each re-assessment is recorded. Exit 1 when any contract's level rose, so a
scheduler can act on it.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from scrisk.cli.common import worker_count
from scrisk.i18n import LANGS

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import Console

    from scrisk.jsontypes import JsonObject
    from scrisk.register.codec import RescreenContract, RescreenReport, Side


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from scrisk.cli.common import as_of_date
    from scrisk.cli.registry import add_register_option

    p = sub.add_parser(
        "rescreen",
        help="re-assess every awarded contract and report what changed and why",
        description="Re-assess every awarded contract in the register at the contract "
        "stage against the data in use now; compare with its last recorded assessment.",
        epilog="Exit status: 0 done, no level rose; 1 some contract's level rose; "
        "2 bad usage or unusable register.",
    )
    p.add_argument(
        "--as-of",
        metavar="DATE",
        type=as_of_date,
        default=None,
        help="date lists and clauses are taken on (YYYY-MM-DD; default today)",
    )
    p.add_argument(
        "--json",
        metavar="PATH",
        dest="json_path",
        help="write the rescreen JSON to PATH ('-' for stdout, and nothing else there)",
    )
    p.add_argument(
        "--excel", metavar="PATH", dest="excel_path", help="write the changes as a workbook to PATH"
    )
    p.add_argument(
        "--policy",
        metavar="FILE",
        default=None,
        help="policy file (TOML/JSON) for every contract (default: the policy "
        "each contract was recorded with)",
    )
    p.add_argument(
        "--lang",
        choices=LANGS,
        default="en",
        help="language of the report and of the reasons (default en)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no terminal report")
    p.add_argument(
        "--no-record",
        dest="record",
        action="store_false",
        help="report only: record neither the re-assessments nor the run (reads the "
        "register only, so a register you may only read can be re-screened)",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="replace an existing --json/--excel file that is not an unchanged scrisk report",
    )
    p.add_argument(
        "--workers",
        metavar="N",
        type=worker_count,
        default=1,
        help="processes for the re-assessments (-1: every core, up to 4; default 1, the "
        "least CPU); same results",
    )
    add_register_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from rich.console import Console

    from scrisk.cli.batch import plan_run_outputs
    from scrisk.cli.common import write_text, write_workbook
    from scrisk.cli.console import progress
    from scrisk.cli.registry import open_from_args, register_files
    from scrisk.i18n import t
    from scrisk.jsontext import dumps
    from scrisk.register import rescreen
    from scrisk.register.codec import RescreenReport
    from scrisk.register.excel import write_rescreen_workbook

    lang = args.lang
    plan_run_outputs(args, register_files(args))  # bad output paths refused before any work
    policy = None
    if args.policy is not None:
        from scrisk.policy import load_policy

        policy = load_policy(args.policy)  # typed and checked: exit 2 on a bad setting
    console = Console(file=sys.stderr if args.json_path == "-" else sys.stdout, highlight=False)
    with open_from_args(args, create=False) as reg:
        total = reg.count_contracts()
        with progress(total, t("register.rescreen.progress", lang)) as advance:
            report = rescreen(
                reg,
                as_of=args.as_of,
                policy=policy,
                lang=lang,
                progress=advance,
                record=args.record,
                workers=args.workers,
            )
        where = reg.where
    if not args.quiet:  # typed for the terminal only: the files are written from the report
        render(RescreenReport.from_dict(report), console, lang, where)
    if args.json_path and args.json_path != "-":
        write_text(args.json_path, dumps(report), lang)
    if args.excel_path:
        path = args.excel_path
        write_workbook(lambda tmp: write_rescreen_workbook(report, tmp, lang=lang), path, lang)
    if args.json_path == "-":
        sys.stdout.write(dumps(report))
        sys.stdout.flush()
    return 1 if any(c["rose"] for c in report["contracts"]) else 0


def render(report: RescreenReport | JsonObject, console: Console, lang: str, where: str) -> None:
    """Per contract: level before -> after, then each change with its reason."""
    from rich.table import Table

    from scrisk.i18n import t
    from scrisk.register.codec import RescreenReport
    from scrisk.register.excel import label
    from scrisk.textsafe import inert

    typed = report if isinstance(report, RescreenReport) else RescreenReport.from_dict(report)
    if not typed.contracts:
        console.print(t("register.no_contracts", lang, where=where), markup=False)
        return
    console.print(
        t("register.rescreen.title", lang, count=len(typed.contracts), as_of=typed.as_of),
        style="bold",
        markup=False,
    )
    for c in typed.contracts:
        line = t(
            "register.rescreen.contract",
            lang,
            contract=inert(c.contract),
            solicitation=inert(c.solicitation or ""),
            bidder=inert(c.bidder_name or c.bidder or ""),
            before=_side(c.before, lang),
            after=_side(c.after, lang),
        )
        console.print(line, markup=False, soft_wrap=True, style="bold red" if c.rose else None)
        _life(c, console, lang)
        if not c.changes:
            console.print("  " + t("register.rescreen.unchanged", lang), markup=False)
            continue
        table = Table(show_edge=False, pad_edge=False)
        for key in ("change", "rule", "party", "severity", "because"):
            table.add_column(
                t(f"register.col.{key}", lang), overflow="fold" if key == "because" else "ellipsis"
            )
        for ch in c.changes:
            table.add_row(
                t(f"register.change.{ch.change}", lang),
                ch.rule,
                inert(ch.party or "", markup=True),
                f"{label(ch.severity_before, lang) or '-'} → "
                f"{label(ch.severity_after, lang) or '-'}",
                inert(ch.because or "", markup=True),
            )
        console.print(table)
    rose = sum(1 for c in typed.contracts if c.rose)
    if rose:
        console.print(t("register.rescreen.level_up", lang, count=rose), style="bold", markup=False)


def _side(side: Side, lang: str) -> str:
    """A contract's level, score and date on one side of the re-screen."""
    from scrisk.register.excel import label

    return f"{label(side.risk_level, lang)} {_score(side.score, lang)} ({side.as_of})"


def _life(c: RescreenContract, console: Console, lang: str) -> None:
    """A contract's call-ups, its overdue actions and the evidence it holds (one line each)."""
    from scrisk.cli.history import describe
    from scrisk.i18n import t
    from scrisk.register.codec import Event
    from scrisk.textsafe import inert

    for cu in c.callups:
        event = Event.from_dict({"event": "called_up", **cu.to_dict()})
        console.print("  " + describe(event, lang), markup=False, soft_wrap=True)
    for a in c.actions_overdue:
        console.print(
            "  "
            + t(
                "life.rescreen.overdue",
                lang,
                id=a.id[:8],
                flag=inert(a.flag),
                owner=inert(a.owner),
                due=a.due,
            ),
            markup=False,
            soft_wrap=True,
            style="red",
        )
    for e in c.supplier_evidence:
        console.print(f"  {e.party} — {inert(e.note)}", markup=False, soft_wrap=True)


def _score(value: float | None, lang: str) -> str:
    text = f"{float(value):.1f}" if value is not None else "?"
    return text.replace(".", ",") if lang == "fr" else text


__all__ = ["register", "render", "run"]
