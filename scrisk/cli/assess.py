"""`scrisk assess INPUT...`: assess bid declarations and report in the terminal, JSON or Excel.

    scrisk assess examples/glove_bid.json                   # rich summary per bid
    scrisk assess bid.xlsx --lang fr --excel rapport.xlsx   # French workbook for reviewers
    scrisk assess a.json b.xlsx --json - | jq .             # stdout carries only JSON
    scrisk assess bids/*.json --fail-on high --quiet        # exit 1 when any bid is high+

Every input is read first. An unusable one does not stop the others: every
readable declaration is assessed and reported, the faults of the bad ones are
listed (file, sheet/row or JSON path, field), the JSON array holds a fault
record (``scrisk-fault/1``) in its place, and the exit status is 2. Output paths
are checked before any work (:mod:`scrisk.outputs`). With
``--json -`` the terminal summary goes to stderr and stdout holds one JSON
document (one input) or a JSON array of documents in input order. A progress
bar shows on a terminal when there are several inputs, never when stderr is piped.

The options and output helpers it shares with ``scrisk compare`` are in
:mod:`scrisk.cli.common` (named here too, where the other commands import them).
"""

from __future__ import annotations

import argparse
import gc
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from scrisk.cli.common import (
    JsonOut,
    add_common_options,
    report_console,
    write_text,
    write_workbook,
)
from scrisk.vocab import RISK_LEVELS, SEVERITIES, level_risk

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import Console

    from scrisk.assessment import Assessment
    from scrisk.assessment.document import AssessmentDocument
    from scrisk.jsontypes import JsonObject
    from scrisk.register import Register
    from scrisk.register.codec import Evidence

LEVELS = RISK_LEVELS  # --fail-on choices
COLLECT_EVERY = 64  # bids of a batch between two collections of their reference cycles


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "assess",
        help="assess bid declarations: clause matrix, flags, riskiest paths",
        description="Assess one or more bid declarations (JSON or .xlsx) for forced- and "
        "child-labour risk as of the solicitation closing date: PSPC clause matrix "
        "(A3006T, place of work, PN-150, tariff item 9897.00.00, Code of Conduct), flags "
        "with their evidence, and the riskiest supply paths.",
        epilog="Exit status: 0 done; 1 --fail-on level reached; 2 bad usage or input.",
    )
    add_common_options(p, what="assessment")
    p.add_argument(
        "--fail-on",
        metavar="LEVEL",
        choices=LEVELS,
        default=None,
        help=f"exit 1 when any bid's risk level is LEVEL or above ({', '.join(LEVELS)})",
    )
    from scrisk.cli.registry import add_register_option

    p.add_argument(
        "--record",
        action="store_true",
        help="also store the declaration, the assessment and its provenance in the "
        "register, and print the record id (reviewer decisions are read from and kept there)",
    )
    add_register_option(p)
    p.add_argument(
        "--graph",
        metavar="PATH",
        dest="graph_path",
        default=None,
        help="draw the supply chain to PATH: .svg or .png picture, .graphml or .gexf "
        "network for Gephi/yEd (several inputs: one file per bid, numbered)",
    )
    p.add_argument(
        "--details",
        action="store_true",
        help="print every flag with its evidence (default: verdict, clauses, next steps; "
        "a wide terminal shows the flags too)",
    )
    p.add_argument(
        "--summary",
        action="store_true",
        help="with several inputs, print the full terminal summary of every bid and the "
        "overview table (default: one line per bid, printed as it is assessed)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from scrisk.assessment.document_part import part_fields
    from scrisk.cli.batch import Unusable, iter_batch, plan_run_outputs, print_unusable
    from scrisk.i18n import t
    from scrisk.jsontext import typed_json
    from scrisk.textsafe import inert

    lang = args.lang
    graph_path = getattr(args, "graph_path", None)
    if graph_path:  # a bad --graph suffix is a usage error before any work
        from scrisk.errors import ScriskError
        from scrisk.report.picture.chain import FORMATS

        if Path(graph_path).suffix.casefold() not in FORMATS:
            raise ScriskError(
                t("term.cli.graph_suffix", lang, path=inert(graph_path), formats=", ".join(FORMATS))
            )
    recording = bool(getattr(args, "record", False) or getattr(args, "register_url", None))
    if recording:
        from scrisk.cli.registry import register_files

        plan_run_outputs(args, [*args.inputs, *register_files(args)])
    else:
        plan_run_outputs(args, args.inputs)
    register = None
    if recording:
        from scrisk.cli.registry import open_from_args

        register = open_from_args(args, create=bool(args.record))
    console = report_console(args)
    several = len(args.inputs) > 1
    full = not args.quiet and (not several or getattr(args, "summary", False))
    # what is kept to the end: only what an option asks for (a batch streams otherwise)
    keep = bool(args.excel_path or register is not None)
    keep_docs = bool(graph_path) or (full and several)
    json_out = JsonOut(many=several, to_stdout=args.json_path == "-") if args.json_path else None
    assessments: list[Assessment] = []
    typed_docs: list[AssessmentDocument] = []
    levels: list[str | None] = []
    usable: list[str] = []
    bad: list[Unusable] = []
    # the register's evidence about these suppliers, shown beside their flags
    held = register.read_evidence() if register is not None else []
    frozen = paused = False
    try:
        for typed, result in zip(args.inputs, iter_batch(args, register), strict=True):
            if isinstance(result, Unusable):
                bad.append(result)
                if json_out is not None:
                    json_out.add(result.to_dict(), assessed=False)
                continue
            doc = result.document(lang)
            if json_out is not None:
                # written from the typed document itself unless the register's evidence
                # joins it (or orjson may write its text otherwise): then its plain copy
                many = json_out.many  # a batch: each document written as an array item
                text = None if held else typed_json(doc, part_fields, indent=True, item=many)
                if text is not None:
                    json_out.add_text(text, assessed=True, item=many)
                else:
                    plain = result.to_dict(lang)  # the same document, a plain copy
                    if held:
                        from scrisk.register.evidence import attach

                        plain = attach(plain, held, lang=lang, typed=doc)
                    json_out.add(plain, assessed=True)
            levels.append(doc.risk_level)
            usable.append(typed)
            if full:
                _print_full(doc, held, console, args)
            elif not args.quiet:
                _print_line(doc, typed, console, lang)
            if keep:
                assessments.append(result)
            if keep_docs:
                typed_docs.append(doc)
            if several and len(usable) == 1:
                # the reference data, screener and caches are loaded now and stay to the end:
                # out of the collector's sight, its full collections walk only the bids' garbage
                gc.freeze()
                frozen = True
                if gc.isenabled():
                    # a bid's objects are freed by their counts; the few cycles wait for a
                    # collection every COLLECT_EVERY bids, not one every few hundred objects
                    gc.disable()
                    paused = True
            elif paused and len(usable) % COLLECT_EVERY == 0:
                gc.collect()
                # what survived it (the caches the bids filled, what an option keeps) out
                # of sight too: each collection walks only the bids since the last one
                gc.freeze()
    finally:
        if paused:
            gc.enable()
        if frozen:
            gc.unfreeze()  # the heap back in the collector's sight once the bids are done
    if not usable:  # nothing to report: the faults only, no output file
        if register is not None:
            register.close()
        print_unusable(bad, lang=args.lang)
        return 2
    if full and several:
        from scrisk.report.terminal.ranking import render_overview

        render_overview(typed_docs, usable, console, lang=lang)
    print_unusable(bad, lang=args.lang)
    if json_out is not None and args.json_path != "-":
        write_text(args.json_path, json_out.text(), lang)
        if not args.quiet:
            console.print(
                t("term.cli.json_written", lang, path=inert(args.json_path)),
                markup=False,
                soft_wrap=True,
            )
    if args.excel_path:
        _write_excel(assessments, args.excel_path, lang, held)
        if not args.quiet:
            console.print(
                t("term.cli.excel_written", lang, path=inert(args.excel_path)),
                markup=False,
                soft_wrap=True,
            )
    if register is not None:
        _keep(register, args, usable, assessments, console)
    if graph_path:
        _write_graphs(typed_docs, graph_path, lang, console, quiet=args.quiet)
    if json_out is not None and args.json_path == "-":
        json_out.finish()
    status = _fail_on(args, levels, console)
    return 2 if bad else status  # an unusable input: exit 2, after reporting the others


def _print_full(
    doc: AssessmentDocument,
    held: Sequence[Evidence],
    console: Console,
    args: argparse.Namespace,
) -> None:
    """The full terminal summary of one bid (one input, or ``--summary``); with
    ``--details``, the register's evidence about its suppliers (``held``) too."""
    from scrisk.cli.registry import print_evidence, print_unapplied
    from scrisk.report.terminal.render import render_assessment

    render_assessment(
        doc,
        console,
        lang=args.lang,
        # None, not False: without --details a wide terminal still shows the flags
        details=True if getattr(args, "details", False) else None,
        policy=getattr(args, "policy", None),
    )
    print_unapplied(doc, console, args.lang)
    if getattr(args, "details", False) and held:
        from scrisk.register.evidence import bearing

        print_evidence(bearing(doc, held, lang=args.lang), console, args.lang)
    console.print()


def _print_line(doc: AssessmentDocument, typed: str, console: Console, lang: str) -> None:
    """One line per bid of a batch, as it is assessed: file, bidder, level, score, C/H/M."""
    from scrisk.cli.registry import print_unapplied
    from scrisk.i18n import t
    from scrisk.i18n.format import score_text
    from scrisk.textsafe import inert

    counts = doc.summary.flags_by_severity
    level = doc.risk_level
    line = t(
        "term.cli.bid_line",
        lang,
        file=inert(typed),
        bidder=inert(doc.bidder.name or doc.bidder.id or "?"),
        level=t(f"severity.{level}" if level in SEVERITIES else "level.unknown", lang),
        score=score_text(doc.score, lang),
        counts="/".join(str(counts.get(s, 0)) for s in SEVERITIES[:3]),
    )
    # one plain line, no style: written as it is (rich would only add its cost, and read
    # ":name:" in a bidder's name as an emoji code)
    console.file.write(line + "\n")
    print_unapplied(doc, console, lang)


def _keep(
    register: Register,
    args: argparse.Namespace,
    inputs: Sequence[str],
    assessments: Sequence[Assessment],
    console: Console,
) -> None:
    """--record: store each bid (declaration bytes as received); --decisions answers go in.

    ``inputs`` are the paths of the usable inputs, in the order of ``assessments``
    (an unusable input of the batch is not recorded)."""
    from scrisk.i18n import t

    with register:  # closed on a fault too (a full disk, a lost server)
        for typed, a in zip(inputs, assessments, strict=True):
            decided = a.decision_book.stamped() if args.decisions and a.decision_book else []
            if not args.record:
                register.add_decisions(decided)
                continue
            rid = register.record(
                a, declaration=Path(typed).read_bytes(), filename=typed, decisions=decided
            )
            console.print(
                t("register.recorded", args.lang, id=rid, where=register.where),
                markup=False,
                soft_wrap=True,
            )


def _write_excel(
    assessments: Sequence[Assessment], path: str, lang: str, held: Sequence[Evidence] = ()
) -> None:
    """The workbook of one bid, or the comparison of several; the register's evidence
    about their suppliers (``held``) shown beside the flags it bears on."""
    items: Sequence[Assessment | JsonObject] = assessments  # with the evidence: dicts
    if held:
        from scrisk.register.evidence import attach

        items = [attach(a.document(lang).to_dict(), held, lang=lang) for a in assessments]
    if len(items) == 1:
        from scrisk.report.excel.workbook import write_assessment_workbook

        write_workbook(lambda tmp: write_assessment_workbook(items[0], tmp, lang=lang), path, lang)
    else:
        import warnings

        from scrisk.report.excel.workbook import write_comparison_workbook

        with warnings.catch_warnings():  # a portfolio of bids may span solicitations
            warnings.simplefilter("ignore", UserWarning)
            write_workbook(lambda tmp: write_comparison_workbook(items, tmp, lang=lang), path, lang)


def _write_graphs(
    docs: Sequence[AssessmentDocument], path: str, lang: str, console: Console, *, quiet: bool
) -> None:
    """``--graph PATH``: one file per bid (``chain.svg``, or ``chain-1.svg``... for several)."""
    from scrisk.i18n import t
    from scrisk.textsafe import inert

    target = Path(path)
    for i, doc in enumerate(docs, start=1):
        out = target if len(docs) == 1 else target.with_name(f"{target.stem}-{i}{target.suffix}")
        # drawn beside the target under a temporary name, then renamed (scrisk.outputs)
        write_workbook(partial(_graph_to, doc, suffix=out.suffix, lang=lang), str(out), lang)
        if not quiet:
            console.print(
                t("term.cli.graph_written", lang, path=inert(str(out))),
                markup=False,
                soft_wrap=True,
            )


def _graph_to(doc: AssessmentDocument, tmp: Path, *, suffix: str, lang: str) -> None:
    """Write the graph of ``doc`` in the format of ``suffix`` to the temporary file ``tmp``."""
    from scrisk.report.picture.chain import write_graph

    part = tmp.with_name(tmp.name + suffix)  # write_graph picks the format by suffix
    try:
        write_graph(doc, part, lang=lang)
        part.replace(tmp)
    finally:
        part.unlink(missing_ok=True)


def _fail_on(args: argparse.Namespace, levels: Sequence[str | None], console: Console) -> int:
    """1 when any bid's risk level is at or above ``--fail-on``, else 0."""
    if args.fail_on is None:
        return 0
    from scrisk.i18n import t

    limit = level_risk(args.fail_on)
    # a bid's level is one of RISK_LEVELS; anything else (none) fails safe: it counts
    reached = sum(1 for level in levels if level not in LEVELS or level_risk(level) >= limit)
    if not reached:
        return 0
    if not args.quiet:
        console.print(
            t(
                "term.cli.fail_on",
                args.lang,
                threshold=args.fail_on,
                count=reached,
                total=len(levels),
            ),
            markup=False,
            style="bold",
        )
    return 1


__all__ = ["register", "run"]
