"""`scrisk screen FILE`: screen a CSV/XLSX of names against the enforcement lists.

    scrisk screen parties.csv                       # table of matches + summary
    scrisk screen parties.xlsx --json - --as-of 2022-01-01
    scrisk screen parties.csv --excel screen.xlsx --json screen.json

The file needs a ``name`` column and may have ``country`` (headers in any
case). ``--json -`` writes only the Screen JSON (``scrisk-screen/1``) to stdout.
A progress bar shows on a terminal, never when stderr is piped.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any


def _as_of(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "screen",
        help="screen a CSV/XLSX of names against the forced-labour enforcement lists",
        description="Screen the names of a CSV or XLSX file (columns 'name', optional "
        "'country') against the CBP Withhold Release Orders / Findings and the UFLPA "
        "Entity List, with each entry's status as of a date.",
    )
    p.add_argument("file", metavar="FILE", help="CSV or XLSX file with a 'name' column")
    p.add_argument(
        "--json",
        metavar="PATH",
        dest="json_path",
        help="write the Screen JSON to PATH ('-' for stdout, and nothing else there)",
    )
    p.add_argument(
        "--excel",
        metavar="PATH",
        dest="excel_path",
        help="write a results workbook (frozen header, filters) to PATH",
    )
    p.add_argument(
        "--as-of",
        metavar="DATE",
        type=_as_of,
        default=None,
        help="date the list status is taken on (YYYY-MM-DD; default today)",
    )
    p.add_argument(
        "--policy",
        metavar="FILE",
        default=None,
        help="policy file (TOML/JSON) overriding [screening] thresholds",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="replace an existing --json/--excel file that is not an unchanged scrisk report",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from scrisk.countries import resolve_country
    from scrisk.outputs import Output, plan_outputs, write_file, write_text
    from scrisk.policy import load_policy
    from scrisk.screening.io import dumps, read_names, screen_document, write_excel
    from scrisk.screening.matcher import Screener, default_screener

    outs = [Output("--json", args.json_path, "json")] if args.json_path else []
    if args.excel_path:
        outs.append(Output("--excel", args.excel_path, "xlsx"))
    plan_outputs(outs, [i for i in (args.file, args.policy) if i], force=args.force)
    as_of = args.as_of or date.today()
    policy = load_policy(args.policy)
    table = read_names(args.file, max_rows=int(policy["screening"]["max_names"]))
    countries = [resolve_country(c) if c else None for c in table.countries]
    screener = default_screener() if args.policy is None else Screener(policy=policy)
    rows = _screen_with_progress(table.names, countries, as_of, screener)
    for row, number in zip(rows, table.rows, strict=True):
        row["row"] = number
    document = screen_document(rows, as_of=as_of)
    to_stdout = args.json_path == "-"
    if args.json_path and not to_stdout:
        write_text(args.json_path, dumps(document))
    if args.excel_path:
        sources = _sources()
        write_file(args.excel_path,
                   lambda tmp: write_excel(rows, tmp, as_of=as_of, sources=sources))
    if to_stdout:
        sys.stdout.write(dumps(document))
    else:
        _print_report(rows, as_of, table.file)
    return 0


def _screen_with_progress(
    names: list[str], countries: list[str | None], as_of: date, screener: Any
) -> list[dict[str, Any]]:
    from scrisk.cli.assess import progress
    from scrisk.screening.results import screen_rows

    with progress(len(names), "screening names") as advance:
        return screen_rows(names, countries, as_of=as_of, screener=screener, progress=advance)


def _sources() -> list[dict[str, Any]]:
    """The list datasets behind the screen (source, edition) for the workbook."""
    try:
        from scrisk.reference import get_reference

        ref = get_reference()
        ids = sorted({e.dataset for e in ref.list_entries()})
        out = []
        for i in ids:
            d = ref.dataset(i)
            out.append(
                {"id": i, "source": getattr(d, "title", i), "edition": getattr(d, "edition", "")}
            )
        return out
    except Exception:  # noqa: BLE001 - the summary sheet is a courtesy, never a failure
        return []


def _print_report(rows: list[dict[str, Any]], as_of: date, file: str, limit: int = 200) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from scrisk.textsafe import inert

    console = Console(highlight=False)
    hits = [r for r in rows if r["class"] != "none"]
    hits.sort(
        key=lambda r: ({"strong": 0, "possible": 1}[r["class"]], -(r["score"] or 0), r["row"])
    )
    if hits:
        table = Table(title=Text(f"Matches in {inert(file)} (as of {as_of.isoformat()})"))
        for col in ("row", "name", "country", "class", "active", "matched name", "score"):
            if col in ("row", "score"):
                table.add_column(col, overflow="fold", justify="right")
            else:
                table.add_column(col, overflow="fold")
        for r in hits[:limit]:
            style = (
                "bold red"
                if r["class"] == "strong" and r["active"]
                else ("yellow" if r["class"] == "possible" else "")
            )
            active = {True: "yes", False: "no", None: "unknown"}[r["active"]]
            cells = (
                str(r["row"]),
                inert(r["name"]),  # declared text: escape sequences shown, never run
                inert(r["country"] or ""),
                r["class"],
                active,
                f"{r['matched_name']} ({r['list']})",
                f"{r['score']:.1f}",
            )
            # declared text is data: Text() so "[bold]" in a name is not rich markup
            table.add_row(*(Text(c) for c in cells), style=style)
        console.print(table, markup=False)
        if len(hits) > limit:
            console.print(f"... {len(hits) - limit} more matches (use --json or --excel)")
    counts = {k: sum(1 for r in rows if r["class"] == k) for k in ("strong", "possible", "none")}
    in_force = sum(1 for r in hits if r["active"] is True)
    console.print(
        f"{len(rows)} names screened: {counts['strong']} strong, {counts['possible']} possible, "
        f"{counts['none']} no match; {in_force} matched an entry in force on {as_of.isoformat()}."
    )
