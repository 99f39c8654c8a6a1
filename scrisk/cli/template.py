"""`scrisk template PATH.xlsx [--category apparel|ppe|other] [--lang en|fr]`: write the
blank workbook (French: sheet names, headers, instructions and drop-downs in French)."""

from __future__ import annotations

import argparse

CATEGORY_CHOICES = ("apparel", "ppe", "other")  # scrisk.model.CATEGORIES, kept import-free


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "template",
        help="write the blank bid declaration workbook (Excel)",
        description=(
            "Write the Excel declaration template: Instructions (English and French), "
            "Solicitation, Goods, Parties, Certifications and Audits sheets with drop-down "
            "lists. Fill it in and run 'scrisk assess' on it."
        ),
    )
    p.add_argument("path", metavar="PATH.xlsx", help="where to write the workbook")
    p.add_argument(
        "--category", choices=CATEGORY_CHOICES, help="preselect the solicitation category"
    )
    p.add_argument(
        "--lang",
        choices=("en", "fr"),
        default="en",
        help="language of the sheets, headers, instructions and drop-down lists "
        "(default en; the reader accepts both)",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="overwrite PATH.xlsx if it exists (it may be a filled declaration)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from scrisk.outputs import Output, plan_outputs, write_file
    from scrisk.template import write_template
    from scrisk.textsafe import inert

    # a filled declaration must not become blank: existing files need --force
    plan_outputs([Output("PATH", args.path, "xlsx")], [], force=args.force, lang=args.lang)
    written = write_file(
        args.path,
        lambda tmp: write_template(tmp, category=args.category, lang=args.lang),
        lang=args.lang,
    )
    from scrisk.i18n import t

    print(t("template.written", args.lang, path=inert(str(written))))
    return 0


__all__ = ["register", "run"]
