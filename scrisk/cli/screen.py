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
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from scrisk.screening.results import ScreenRow


def _as_of(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


ACTIVE = {True: "yes", False: "no", None: "unknown"}  # Screen JSON "active" -> message key


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
        "--lang",
        choices=("en", "fr"),
        default="en",
        help="language of the terminal report and of the disclaimer in the JSON (default en)",
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
    p.add_argument(
        "--workers",
        metavar="N",
        type=_workers,
        default=1,
        help="processes for large files (-1: every core; default 1); same results",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from scrisk.countries import resolve_country
    from scrisk.outputs import Output, plan_outputs, write_file, write_text
    from scrisk.policy import load_policy
    from scrisk.reference.freshness import today  # SCRISK_TODAY honoured
    from scrisk.screening.io import dumps, read_names, screen_document, write_excel
    from scrisk.screening.matcher import Screener, default_screener

    lang = getattr(args, "lang", "en")
    outs = [Output("--json", args.json_path, "json")] if args.json_path else []
    if args.excel_path:
        outs.append(Output("--excel", args.excel_path, "xlsx"))
    plan_outputs(outs, [i for i in (args.file, args.policy) if i], force=args.force, lang=lang)
    as_of = args.as_of or today()
    policy = load_policy(args.policy)
    table = read_names(args.file, max_rows=policy.screening.max_names)
    countries = [resolve_country(c) if c else None for c in table.countries]
    screener = default_screener() if args.policy is None else Screener(policy=policy)
    found = _screen_with_progress(
        table.names, countries, as_of, screener, lang, getattr(args, "workers", 1)
    )
    rows = [row.at_row(number) for row, number in zip(found, table.rows, strict=True)]
    warnings = _warnings(as_of, policy)
    document = screen_document(rows, as_of=as_of, warnings=warnings)
    document["disclaimer"] = disclaimer(lang)
    to_stdout = args.json_path == "-"
    if args.json_path and not to_stdout:
        write_text(args.json_path, dumps(document), lang=lang)
    if args.excel_path:
        sources = _sources()
        write_file(
            args.excel_path,
            lambda tmp: write_excel(rows, tmp, as_of=as_of, sources=sources, warnings=warnings),
            lang=lang,
        )
    if to_stdout:
        sys.stdout.write(dumps(document))
    else:
        _print_report(rows, as_of, table.file, lang=lang)
        _print_warnings(document, lang)
        from rich.console import Console
        from rich.text import Text

        Console(highlight=False).print(Text(document["disclaimer"], style="italic"))
    return 0


def disclaimer(lang: str = "en") -> str:
    """The one sentence every screen output carries: a match is an indicator, not a finding."""
    from scrisk.i18n import t

    return t("disclaimer.screen", lang)


def _warnings(as_of: date, policy: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Freshness warnings about the enforcement lists screened against (issue 10)."""
    from scrisk.reference.freshness import list_warnings

    return [w.to_dict() for w in list_warnings(as_of, policy=policy)]


def _print_warnings(document: dict[str, Any], lang: str = "en") -> None:
    from rich.console import Console

    from scrisk.report.terminal_warnings import document_warnings_text

    doc = dict(document, data=_sources())
    if (text := document_warnings_text(doc, lang)) is not None:
        Console(highlight=False).print(text)


def _workers(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n == 0 or n < -1:
        raise argparse.ArgumentTypeError(f"expected -1 or a whole number of 1 or more: {text!r}")
    return n


def _screen_with_progress(
    names: list[str],
    countries: list[str | None],
    as_of: date,
    screener: Any,
    lang: str = "en",
    workers: int = 1,
) -> list[ScreenRow]:
    from scrisk.cli.console import progress
    from scrisk.i18n import t
    from scrisk.screening.results import screen_rows

    with progress(len(names), t("screen.progress", lang)) as advance:
        return screen_rows(
            names, countries, as_of=as_of, screener=screener, progress=advance, workers=workers
        )


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


def _lists_named(r: Any, lang: str) -> str:
    """The lists a name matched, in the output's language ("CBP WRO/Findings" / « ordonnances
    de retenue et constats de la CBP »)."""
    from scrisk.i18n import data_name

    return "; ".join(data_name("list", x, lang) for x in (r.lists or ([r.list] if r.list else [])))


def _print_report(
    rows: list[ScreenRow], as_of: date, file: str, limit: int = 200, *, lang: str = "en"
) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from scrisk.i18n import t, tn
    from scrisk.i18n.format import decimal
    from scrisk.textsafe import inert

    console = Console(highlight=False)
    hits = [r for r in rows if r.class_ != "none"]
    hits.sort(key=lambda r: ({"strong": 0, "possible": 1}[r.class_], -(r.score or 0), r.row))
    if hits:
        table = Table(
            title=Text(t("screen.title", lang, file=inert(file), as_of=as_of.isoformat()))
        )
        for col in ("row", "name", "country", "class", "active", "matched_name", "score"):
            right = col in ("row", "score")
            table.add_column(
                t(f"screen.col.{col}", lang), overflow="fold", justify="right" if right else "left"
            )
        for r in hits[:limit]:
            style = (
                "bold red"
                if r.class_ == "strong" and r.active
                else ("yellow" if r.class_ == "possible" else "")
            )
            active = t(f"screen.active.{ACTIVE[r.active]}", lang)
            cells = (
                str(r.row),
                inert(r.name),  # declared text: escape sequences shown, never run
                inert(r.country or ""),
                t(f"screen.class.{r.class_}", lang),
                active,
                f"{r.matched_name} ({_lists_named(r, lang)})",  # every list matched
                decimal(r.score or 0.0, lang),  # a match always has a score
            )
            # declared text is data: Text() so "[bold]" in a name is not rich markup
            table.add_row(*(Text(c) for c in cells), style=style)
        console.print(table, markup=False)
        if len(hits) > limit:
            console.print(t("screen.more", lang, count=len(hits) - limit))
    counts = {k: sum(1 for r in rows if r.class_ == k) for k in ("strong", "possible", "none")}
    in_force = sum(1 for r in hits if r.active is True)
    console.print(
        tn(
            "screen.summary",
            len(rows),
            lang,
            total=len(rows),
            strong=counts["strong"],
            possible=counts["possible"],
            none=counts["none"],
            in_force=in_force,
            as_of=as_of.isoformat(),
        ),
        markup=False,
    )
