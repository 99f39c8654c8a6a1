"""`scrisk compare INPUT...`: rank competing bids for one solicitation, best first, with why.

    scrisk compare examples/clean_bid.json examples/apparel_bid.json
    scrisk compare bids/*.xlsx --excel comparaison.xlsx --lang fr
    scrisk compare a.json b.json --json - > ranking.json

The ranking is :func:`scrisk.assessment.compare_bids` (bids with a critical flag or a
failed clause last, then fewer critical flags, fewer failed clauses, lower level,
lower score). ``--json`` writes ``{"format": "scrisk-comparison/1", "as_of",
"ranking": [rows, best first], "assessments": [documents, in ranked order],
"disclaimer"}``.
Bids that answer different solicitations are still ranked, with a warning.
An unusable input does not stop the others: the readable bids are ranked, the
faults of the bad ones listed (and held under ``"unusable"`` in the JSON, in
input order), and the exit status is 2.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from scrisk.cli.common import add_common_options

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import Console

    from scrisk.assessment.comparison import Comparison
    from scrisk.assessment.document import WarningDoc
    from scrisk.jsontypes import JsonValue

FORMAT = "scrisk-comparison/1"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "compare",
        help="rank several bids for one solicitation, best first, with why",
        description="Assess several bid declarations (JSON or .xlsx) and rank them, best "
        "first: bids with a critical flag or a failed clause come last; each rank says why.",
        epilog="Exit status: 0 done; 2 bad usage or input (the readable bids are still ranked).",
    )
    add_common_options(p, what="comparison")
    p.set_defaults(run=run)


def comparison_document(comparison: Comparison) -> dict[str, JsonValue]:
    """The comparison JSON (:meth:`scrisk.assessment.Comparison.to_dict`)."""
    return comparison.to_dict()


def run(args: argparse.Namespace) -> int:
    import warnings

    from rich.console import Console

    from scrisk.assessment import compare_bids
    from scrisk.cli.batch import Unusable, assess_batch, plan_run_outputs, print_unusable
    from scrisk.cli.common import report_console, write_text, write_workbook
    from scrisk.i18n import t
    from scrisk.jsontext import dumps
    from scrisk.report.terminal.ranking import render_comparison
    from scrisk.textsafe import inert

    lang = args.lang
    plan_run_outputs(args, args.inputs)
    results = assess_batch(args)
    assessments = [a for a in results if not isinstance(a, Unusable)]
    bad = [u for u in results if isinstance(u, Unusable)]
    if not assessments:  # nothing to rank: the faults only, no output file
        print_unusable(bad, lang=args.lang)
        return 2
    with warnings.catch_warnings():
        # the different-solicitations warning is printed below, translated, without a traceback line
        warnings.simplefilter("ignore", UserWarning)
        comparison = compare_bids(assessments, lang=lang)
    frame = comparison.to_frame()
    ids = comparison.solicitations
    console = report_console(args)
    if len(ids) > 1:  # on stderr, whatever goes to stdout
        Console(stderr=True, highlight=False).print(
            t("term.compare.other_solicitation", lang, ids=inert(", ".join(ids))),
            style="bold yellow",
            markup=False,
            soft_wrap=True,
        )
    if not args.quiet:
        render_comparison(frame, console, lang=lang, warn=False)
        _print_data_warnings(comparison, console, lang)
    print_unusable(bad, lang=args.lang)
    if args.json_path:
        text = dumps(comparison.with_unusable([u.to_dict() for u in bad]).to_dict())
        if args.json_path == "-":
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            write_text(args.json_path, text, lang)
            if not args.quiet:
                console.print(
                    t("term.cli.comparison_written", lang, path=inert(args.json_path)),
                    markup=False,
                    soft_wrap=True,
                )
    if args.excel_path:
        from scrisk.report.excel.workbook import write_comparison_workbook

        path = args.excel_path
        with warnings.catch_warnings():  # already said above, translated
            warnings.simplefilter("ignore", UserWarning)
            write_workbook(
                lambda tmp: write_comparison_workbook(comparison, tmp, lang=lang), path, lang
            )
        if not args.quiet:
            console.print(
                t("term.cli.excel_written", lang, path=inert(path)), markup=False, soft_wrap=True
            )
    return 2 if bad else 0


def _print_data_warnings(comparison: Comparison, console: Console, lang: str) -> None:
    """The data-freshness warnings of the bids compared, each said once (issue 10)."""
    from dataclasses import replace

    from scrisk.report.terminal.data_warnings import typed_warnings_text

    docs = [b.typed for b in comparison.bids]
    if not docs:
        return
    seen: dict[tuple[str, str], WarningDoc] = {}
    for doc in docs:
        for w in doc.warnings or ():
            seen.setdefault((w.code, w.dataset), w)
    # the first bid's data block names the datasets; every bid's as-of date is said
    merged = replace(
        docs[0],
        warnings=tuple(seen.values()),
        as_of=", ".join(sorted({d.as_of for d in docs})),
    )
    if (text := typed_warnings_text(merged, lang)) is not None:
        console.print(text)


__all__ = ["FORMAT", "comparison_document", "register", "run"]
