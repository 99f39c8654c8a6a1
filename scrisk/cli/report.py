"""`scrisk report s211 --year YYYY [--department NAME] [--lang en|fr] [--docx PATH]
[--excel PATH] [--json PATH|-]`: the department's annual Supply Chains Act report.

For the financial year ending 31 March YYYY (due 31 May YYYY): a Word draft
with the sections of the Act's s. 11 (figures filled from the register,
narrative left to the officer with guidance), and the figures in Excel and JSON.
"""

from __future__ import annotations

import argparse
import sys

from scrisk.i18n import LANGS


def _year(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a year (YYYY): {text!r}") from None
    if not 2000 <= value <= 2100:
        raise argparse.ArgumentTypeError(f"not a plausible financial year: {value}")
    return value


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from scrisk.cli.registry import add_register_option

    p = sub.add_parser(
        "report",
        help="the department's annual S-211 report from the register",
        description="Reports built from the register.",
    )
    inner = p.add_subparsers(dest="report_command", metavar="s211", required=True)
    s = inner.add_parser(
        "s211",
        help="annual Supply Chains Act report (financial year ending 31 March YYYY)",
        description="The department's annual report under the Fighting Against Forced "
        "Labour and Child Labour in Supply Chains Act for the financial year ending "
        "31 March YYYY (1 April YYYY-1 to 31 March YYYY; due 31 May YYYY).",
        epilog="Exit status: 0 done; 2 bad usage, bad output path or unusable register.",
    )
    s.add_argument("--year", metavar="YYYY", type=_year, required=True, help="year it ends in")
    s.add_argument(
        "--department", metavar="NAME", default=None, help="default: the policy's department"
    )
    s.add_argument("--lang", choices=LANGS, default="en", help="language of the report")
    s.add_argument("--docx", metavar="PATH", dest="docx_path", help="write the Word draft")
    s.add_argument("--excel", metavar="PATH", dest="excel_path", help="write the figures (.xlsx)")
    s.add_argument("--json", metavar="PATH", dest="json_path", help="figures as JSON ('-': stdout)")
    s.add_argument("--force", action="store_true", help="replace existing files not scrisk's")
    add_register_option(s)
    s.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from rich.console import Console

    from scrisk.cli.batch import plan_run_outputs
    from scrisk.cli.common import write_text, write_workbook
    from scrisk.cli.registry import open_from_args, register_files
    from scrisk.i18n import t
    from scrisk.jsontext import dumps
    from scrisk.outputs import Output, plan_outputs
    from scrisk.register.s211 import figures
    from scrisk.register.s211_excel import rows, write_s211_workbook
    from scrisk.report.docx.s211 import write_s211_docx
    from scrisk.textsafe import inert

    lang = args.lang
    plan_run_outputs(args, register_files(args))
    if args.docx_path:
        plan_outputs(
            [Output("--docx", args.docx_path, "docx")],
            register_files(args),
            force=args.force,
            lang=lang,
        )
    department = args.department
    if not department:
        from scrisk.policy import load_policy

        department = load_policy().procurement.department
    with open_from_args(args, create=False) as reg:
        fig = figures(reg, year=args.year, department=str(department).strip())
    if args.docx_path:
        write_workbook(lambda tmp: write_s211_docx(fig, tmp, lang=lang), args.docx_path, lang)
    if args.excel_path:
        write_workbook(lambda tmp: write_s211_workbook(fig, tmp, lang=lang), args.excel_path, lang)
    if args.json_path == "-":
        sys.stdout.write(dumps(fig.to_dict()))
        return 0
    if args.json_path:
        write_text(args.json_path, dumps(fig.to_dict()), lang)
    console = Console(highlight=False)
    period = fig.period
    console.print(
        t("s211.title", lang, department=inert(fig.department), year=fig.year),
        style="bold",
        markup=False,
    )
    console.print(
        t("s211.period", lang, start=period.start, end=period.end, due=period.due),
        markup=False,
    )
    for section, item, value in rows(fig, lang):
        console.print(
            t("s211.line", lang, section=section, item=inert(str(item)), value=value),
            markup=False,
        )
    return 0


__all__ = ["register", "run"]
