"""`scrisk evidence add ...` and `scrisk evidence [--supplier NAME] [--json PATH|-]`:
due-diligence evidence about suppliers (audits, certificates, origin documents, tests).

Evidence is kept by supplier (name and country, normalised like reviewer
decisions), so it counts for the same factory in every bid. A file is stored
with its sha256, bounded in size by the policy, never opened or run.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace

from scrisk.i18n import LANGS
from scrisk.vocab import EvidenceKind, values


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from scrisk.cli.common import as_of_date
    from scrisk.cli.registry import add_register_option

    p = sub.add_parser(
        "evidence",
        help="keep or list due-diligence evidence about suppliers",
        description="List the evidence the register keeps (or 'scrisk evidence add' to keep "
        "one piece). Evidence valid on an assessment's as-of date is shown beside the flags "
        "of the same supplier; expired evidence does not count.",
        epilog="Exit status: 0 done; 2 bad usage, bad dates or file, or unusable register.",
    )
    p.add_argument("--supplier", metavar="NAME", default=None, help="only this supplier")
    p.add_argument(
        "--json", metavar="PATH", dest="json_path", help="write the list as JSON ('-': stdout)"
    )
    p.add_argument("--lang", choices=LANGS, default="en", help="language of the table")
    p.add_argument("--force", action="store_true", help="replace an existing --json file")
    add_register_option(p)
    p.set_defaults(run=run_list)
    inner = p.add_subparsers(dest="evidence_command", metavar="add")
    a = inner.add_parser(
        "add",
        help="keep one piece of evidence about a supplier",
        description="Keep an audit, certificate, origin document or test about a supplier.",
        epilog="Exit status: 0 done; 2 bad usage (e.g. --to before --from), file too large "
        "or unusable register; nothing written.",
    )
    a.add_argument("--supplier", metavar="NAME", required=True, help="supplier name as declared")
    a.add_argument("--country", metavar="CC", required=True, help="supplier country (ISO code)")
    a.add_argument("--kind", choices=values(EvidenceKind), required=True, help="what it is")
    a.add_argument("--issuer", metavar="TEXT", required=True, help="who issued it")
    a.add_argument("--scheme", metavar="NAME", default=None, help="e.g. SA8000, WRAP, amfori BSCI")
    a.add_argument("--material", metavar="TEXT", default=None, help="e.g. cotton, latex (origin)")
    a.add_argument(
        "--from", dest="valid_from", metavar="DATE", type=as_of_date, required=True,
        help="valid from (YYYY-MM-DD)",
    )  # fmt: skip
    a.add_argument(
        "--to", dest="valid_to", metavar="DATE", type=as_of_date, required=True,
        help="valid to (YYYY-MM-DD)",
    )  # fmt: skip
    a.add_argument("--file", metavar="PATH", default=None, help="the document, kept as bytes")
    a.add_argument("--lang", choices=LANGS, default="en", help="language of the message")
    add_register_option(a)
    a.set_defaults(run=run_add)


def run_add(args: argparse.Namespace) -> int:
    from scrisk.cli.registry import open_from_args
    from scrisk.i18n import t
    from scrisk.textsafe import inert

    with open_from_args(args, create=True) as reg:
        done = reg.add_evidence(
            supplier=args.supplier,
            country=args.country,
            kind=args.kind,
            issuer=args.issuer,
            scheme=args.scheme,
            material=args.material,
            valid_from=args.valid_from,
            valid_to=args.valid_to,
            file=args.file,
        )
    print(
        t(
            "life.evidence.added",
            args.lang,
            id=done.id,
            supplier=inert(done.supplier),
            country=done.country,
            start=done.valid_from,
            end=done.valid_to,
        )
    )
    return 0


def run_list(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from scrisk.cli.batch import plan_run_outputs
    from scrisk.cli.common import write_text
    from scrisk.cli.registry import open_from_args, register_files
    from scrisk.i18n import t
    from scrisk.jsontext import dumps
    from scrisk.reference.freshness import today
    from scrisk.textsafe import inert

    lang = args.lang
    plan_run_outputs(args, register_files(args))
    with open_from_args(args, create=False) as reg:
        items = [replace(e, name_key=None) for e in reg.read_evidence(args.supplier)]
    on = today().isoformat()
    listed = [{**e.to_dict(), "status_today": e.status_on(on)} for e in items]
    found = {"format": "scrisk-evidence/1", "as_of": on, "evidence": listed}
    if args.json_path == "-":
        sys.stdout.write(dumps(found))
        return 0
    if args.json_path:
        write_text(args.json_path, dumps(found), lang)
    console = Console(highlight=False)
    if not items:
        console.print(t("life.evidence.none", lang), markup=False)
        return 0
    table = Table(show_edge=False, pad_edge=False)
    for key in ("supplier", "kind", "issuer", "valid", "status"):
        table.add_column(t(f"life.col.{key}", lang), overflow="fold")
    for e in items:
        kind = t(f"life.evidence.kind.{e.kind}", lang)
        extra = " ".join(x for x in (e.scheme, e.material) if x)
        table.add_row(
            inert(f"{e.supplier} ({e.country})", markup=True),
            inert(f"{kind} {extra}".strip(), markup=True),
            inert(e.issuer, markup=True),
            f"{e.valid_from} – {e.valid_to}",
            t(f"life.status.{e.status_on(on)}", lang),
        )
    console.print(table)
    return 0


__all__ = ["register", "run_add", "run_list"]
